"""The unguessable tokens behind the public links, and the links themselves.

Invitation and open-link tokens are stored only as SHA-256 hashes: staff see the link once
(and the invitation e-mail carries it); a lost open link is replaced, a lost invitation is
revoked and re-sent. A sign-up's private link is different: the service itself must write to
the person again later (a place offered from the waiting list, a changed time, a reminder),
so besides the hash used to find the sign-up it keeps a copy sealed with a key derived from
SECRET_KEY (Fernet: AES-CBC + HMAC). A copy of the database alone reveals no working link.
"""

import base64
import hashlib
import secrets
from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken

from backend.core.config import get_settings
from backend.core.tokens import hash_token

__all__ = ["hash_token", "manage_url", "new_token", "seal", "sign_up_url", "unseal"]


def new_token() -> str:
    return secrets.token_urlsafe(32)


@lru_cache
def _fernet(secret_key: str) -> Fernet:
    digest = hashlib.sha256(b"cspr-events-manage-links:" + secret_key.encode()).digest()
    return Fernet(base64.urlsafe_b64encode(digest))


def seal(token: str) -> str:
    return _fernet(get_settings().secret_key).encrypt(token.encode()).decode()


def unseal(sealed: str) -> str | None:
    """The token, or None when it was sealed under another SECRET_KEY."""
    try:
        return _fernet(get_settings().secret_key).decrypt(sealed.encode()).decode()
    except InvalidToken:
        return None


def sign_up_url(token: str) -> str:
    """Where a practitioner signs up (an invitation or an event's open link): the SPA's public /sign-up page."""
    return f"{get_settings().frontend_url.rstrip('/')}/sign-up/{token}"


def manage_url(token: str) -> str:
    """A sign-up's private page to change or cancel it."""
    return f"{get_settings().frontend_url.rstrip('/')}/sign-ups/{token}"
