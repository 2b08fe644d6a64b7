"""Access tokens (JWT, python-jose) and opaque refresh tokens: made and checked only here."""

import hashlib
import secrets
import uuid
from datetime import timedelta
from functools import lru_cache
from typing import Any

from jose import JWTError, jwt

from backend.core import clock
from backend.core.config import get_settings
from backend.core.errors import Unauthorized


def create_access_token(
    *, subject: uuid.UUID, kind: str, role: str | None, agency_id: uuid.UUID | None, scopes: list[str],
    sign_in: uuid.UUID | None = None,
) -> tuple[str, int]:
    """`sign_in` (a person's: their refresh tokens' family) becomes the `sid` claim, checked on every request,
    so signing out or an administrator's revocation ends the access token at once."""
    settings = get_settings()
    issued = clock.now()
    lifetime = timedelta(minutes=settings.access_token_minutes)
    claims: dict[str, Any] = {
        "sub": str(subject),
        "typ": kind,
        "role": role,
        "agency_id": str(agency_id) if agency_id else None,
        "scopes": scopes,
        "iss": settings.jwt_issuer,
        "aud": settings.jwt_audience,
        "iat": int(issued.timestamp()),
        "exp": int((issued + lifetime).timestamp()),
        "jti": uuid.uuid4().hex,
    }
    if sign_in is not None:
        claims["sid"] = str(sign_in)
    token = jwt.encode(claims, settings.secret_key, algorithm=settings.jwt_algorithm)
    return token, int(lifetime.total_seconds())


def decode_access_token(token: str) -> dict[str, Any]:
    """Verify signature, algorithm, issuer, audience and expiry; anything else is a 401."""
    settings = get_settings()
    claims = dict(_verified(token, settings.secret_key, settings.jwt_algorithm, settings.jwt_audience,
                            settings.jwt_issuer))
    # Expiry is checked against the service's clock (not python-jose's system clock) so tests can move time, and
    # on every use, so a token whose signature was verified before is refused once it has expired.
    if not isinstance(claims.get("exp"), int) or claims["exp"] <= clock.now().timestamp():
        raise Unauthorized("The access token has expired.")
    return claims


@lru_cache(maxsize=4096)
def _verified(token: str, secret: str, algorithm: str, audience: str, issuer: str) -> dict[str, Any]:
    """The claims of a token whose signature and claims check out, kept for the token's next requests: a client
    sends the same token for its lifetime, and verifying it again gives the same answer (a refusal is not kept).
    Callers get a copy (`decode_access_token`)."""
    try:
        header = jwt.get_unverified_header(token)
        if header.get("alg") != algorithm:
            raise Unauthorized("The access token is signed with an algorithm this service does not accept.")
        claims: dict[str, Any] = jwt.decode(
            token,
            secret,
            algorithms=[algorithm],
            audience=audience,
            issuer=issuer,
            options={"verify_exp": False, "require_iat": True, "require_sub": True, "require_jti": True,
                     "require_aud": True, "require_iss": True, "leeway": 0},
        )
    except JWTError as exc:
        raise Unauthorized("The access token is invalid or has expired.") from exc
    return claims


def new_opaque_token() -> str:
    return secrets.token_urlsafe(32)


def hash_token(token: str) -> str:
    """Opaque tokens and secrets are high-entropy, so a plain SHA-256 is enough to store them."""
    return hashlib.sha256(token.encode()).hexdigest()
