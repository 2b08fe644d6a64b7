"""The committed `openapi.yaml`, generated from the app so it can never drift unnoticed."""

from typing import Any

import yaml

from backend.app import create_app


def openapi_document() -> dict[str, Any]:
    schema = create_app().openapi()
    schema.setdefault("components", {}).setdefault("securitySchemes", {})["OAuth2"] = {
        "type": "oauth2",
        "description": "Password grant for people, client credentials for integration clients.",
        "flows": {
            "password": {"tokenUrl": "/api/v1/auth/token", "refreshUrl": "/api/v1/auth/token", "scopes": {}},
            "clientCredentials": {"tokenUrl": "/api/v1/auth/token", "scopes": _client_scopes()},
        },
    }
    return schema


def _client_scopes() -> dict[str, str]:
    from backend.core.access import CLIENT_SCOPES

    return {scope: f"grants: {', '.join(sorted(p.value for p in perms)) or 'reserved'}"
            for scope, perms in sorted(CLIENT_SCOPES.items())}


def render_openapi() -> str:
    return yaml.safe_dump(openapi_document(), sort_keys=False, allow_unicode=True, width=100)
