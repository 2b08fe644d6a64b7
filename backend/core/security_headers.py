"""The headers every answer carries, whether the app serves it or nginx does (frontend/nginx.conf lists the same).

- The single-page app runs only its own built files: no inline script, nothing from elsewhere, never framed.
- API answers hold personal data about children: never stored by a browser or a proxy (`no-store`).
A header an endpoint set itself (its own Cache-Control) is kept.
"""

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self' data:; "
    "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)
# The interactive API documentation (Swagger UI) is FastAPI's page: its script and styles come from a CDN
# and it starts with an inline script, so it gets its own policy; nothing of the app runs there.
DOCS_CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self' 'unsafe-inline' https://cdn.jsdelivr.net; "
    "style-src 'self' https://cdn.jsdelivr.net; img-src 'self' data: https://fastapi.tiangolo.com; "
    "object-src 'none'; base-uri 'self'; frame-ancestors 'none'"
)
DOCS_PATHS = frozenset({"/api/docs", "/docs/oauth2-redirect"})

SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",  # a private link's token in a page's address never leaves in a Referer
    "X-Frame-Options": "DENY",
}


class SecurityHeadersMiddleware:
    """Adds the headers above to every HTTP answer, and `Cache-Control: no-store` to the API's."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path: str = scope["path"]
        api = path == "/api" or path.startswith("/api/") or path in ("/healthz", "/readyz")

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in SECURITY_HEADERS.items():
                    headers.setdefault(name, value)
                if path in DOCS_PATHS:
                    headers["Content-Security-Policy"] = DOCS_CONTENT_SECURITY_POLICY
                if api:
                    headers.setdefault("Cache-Control", "no-store")
            await send(message)

        await self.app(scope, receive, send_with_headers)
