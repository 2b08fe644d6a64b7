"""The OAuth2 grants: password (with lockout), refresh token (rotation, reuse detection), client credentials."""

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from backend.audit import service as audit
from backend.core import clock
from backend.core.access import CLIENT_SCOPES
from backend.core.config import get_settings
from backend.core.errors import ProblemError
from backend.core.passwords import burn_verification_time, verify_password
from backend.core.ratelimit import SlidingWindowLimiter
from backend.core.tokens import create_access_token, hash_token, new_opaque_token
from backend.identity.models import IntegrationClient, RefreshToken, User
from backend.identity.schemas import TokenResponse

_THROTTLE_WINDOW_SECONDS = 3600


class OAuthError(ProblemError):
    """An RFC 6749 error, carried as a problem with the OAuth `error` code alongside."""

    status, title, type = 400, "Sign-in failed", "/problems/oauth"

    def __init__(self, error: str, detail: str, status: int = 400, keep_changes: bool = False) -> None:
        super().__init__(detail, error=error, error_description=detail)
        self.status = status
        self.keep_changes = keep_changes
        if status == 401:
            self.headers = {"WWW-Authenticate": 'Basic realm="cspr"'}


@contextmanager
def throttled(limiter: SlidingWindowLimiter, address: str, account: str | None) -> Iterator[None]:
    """Failed token requests count per client address and per account (known or not, so a 429 says nothing
    about whether it exists); past either limit the request answers 429 before any credential is checked."""
    settings = get_settings()
    limits = [(f"sign-in:address:{address}", settings.sign_in_failures_per_ip)]
    if account:
        limits.append((f"sign-in:account:{account.strip().lower()}", settings.sign_in_failures_per_account))
    for key, limit in limits:
        limiter.check(key, limit, _THROTTLE_WINDOW_SECONDS, "Too many failed sign-ins.")
    try:
        yield
    except OAuthError:
        for key, _ in limits:
            limiter.record(key)
        raise


def _not_right() -> OAuthError:
    # One answer for an unknown address, a wrong password, a deactivated account and a locked one, so that
    # the answer never tells anyone which accounts exist; the audit log keeps the difference.
    settings = get_settings()
    return OAuthError("invalid_grant", "The e-mail address or password is not right. After "
                      f"{settings.lockout_attempts} failed attempts an account is locked for "
                      f"{settings.lockout_minutes} minutes.", keep_changes=True)


def password_grant(session: Session, email: str, password: str) -> TokenResponse:
    settings = get_settings()
    now = clock.now()
    user = session.scalar(select(User).where(User.email == email.strip().lower()).with_for_update(of=User))
    if user is None:
        burn_verification_time(password)
        audit.record(session, None, "login_failed", "user", None, "Sign-in with an unknown e-mail address",
                     {"email": email[:320]}, actor_name=email[:200])
        raise _not_right()
    if user.locked_until and user.locked_until > now:
        burn_verification_time(password)  # as long as any other refusal takes
        audit.record(session, None, "login_failed", "user", user.id, "Sign-in while the account is locked",
                     actor_name=user.email)
        raise _not_right()
    if not verify_password(password, user.password_hash) or not user.active:
        user.failed_login_count += 1
        summary = "Wrong password" if user.active else "Sign-in to a deactivated account"
        if user.failed_login_count >= settings.lockout_attempts:
            user.locked_until = now + timedelta(minutes=settings.lockout_minutes)
            user.failed_login_count = 0
            summary += f"; account locked for {settings.lockout_minutes} minutes"
        audit.record(session, None, "login_failed", "user", user.id, summary, actor_name=user.email)
        raise _not_right()
    user.failed_login_count = 0
    user.locked_until = None
    return sign_in(session, user)


def refresh_grant(session: Session, refresh_token: str) -> TokenResponse:
    now = clock.now()
    stored = session.scalar(
        select(RefreshToken).where(RefreshToken.token_hash == hash_token(refresh_token)).with_for_update()
    )
    if stored is None or stored.revoked_at is not None or stored.expires_at <= now:
        raise OAuthError("invalid_grant", "This sign-in has ended: sign in again.")
    if stored.used_at is not None:
        # A refresh token is used once; seeing it again means it leaked, so end the whole sign-in.
        revoke_family(session, stored.family_id)
        audit.record(session, None, "refresh_token_reused", "user", stored.user_id,
                     "A used refresh token was presented again; the sign-in was revoked", actor_name="system")
        raise OAuthError("invalid_grant", "This sign-in has ended: sign in again.", keep_changes=True)
    user = session.get(User, stored.user_id)
    if user is None or not user.active:
        raise OAuthError("invalid_grant", "This account is no longer active.")
    stored.used_at = now
    return _issue_user_tokens(session, user, family_id=stored.family_id)


def client_credentials_grant(
    session: Session, client_id: str, client_secret: str, requested_scope: str | None
) -> TokenResponse:
    client = session.scalar(select(IntegrationClient).where(IntegrationClient.client_id == client_id))
    if client is None or not client.active or hash_token(client_secret) != client.secret_hash:
        audit.record(session, None, "login_failed", "integration_client", client.id if client else None,
                     "Client authentication failed", {"client_id": client_id[:80]}, actor_name=client_id[:200])
        raise OAuthError("invalid_client", "Client authentication failed.", status=401, keep_changes=True)
    scopes = list(client.scopes)
    if requested_scope:
        asked = requested_scope.split()
        unknown = [s for s in asked if s not in CLIENT_SCOPES or s not in client.scopes]
        if unknown:
            raise OAuthError("invalid_scope", f"This client may not ask for: {' '.join(unknown)}.")
        scopes = asked
    token, expires_in = create_access_token(
        subject=client.id, kind="client", role=None, agency_id=client.agency_id, scopes=scopes
    )
    return TokenResponse(access_token=token, expires_in=expires_in, scope=" ".join(scopes))


def revoke(session: Session, refresh_token: str) -> None:
    """RFC 7009: revoking an unknown token is not an error."""
    stored = session.scalar(select(RefreshToken).where(RefreshToken.token_hash == hash_token(refresh_token)))
    if stored is not None:
        revoke_family(session, stored.family_id)


def revoke_family(session: Session, family_id: uuid.UUID) -> None:
    session.execute(
        update(RefreshToken)
        .where(RefreshToken.family_id == family_id, RefreshToken.revoked_at.is_(None))
        .values(revoked_at=clock.now())
    )


def revoke_all_for_user(session: Session, user_id: uuid.UUID) -> None:
    session.execute(
        update(RefreshToken)
        .where(RefreshToken.user_id == user_id, RefreshToken.revoked_at.is_(None))
        .values(revoked_at=clock.now())
    )


def sign_in(session: Session, user: User) -> TokenResponse:
    """A new sign-in for `user` (whose password was checked): its first refresh token and an access token."""
    return _issue_user_tokens(session, user, family_id=uuid.uuid4())


def _issue_user_tokens(session: Session, user: User, family_id: uuid.UUID) -> TokenResponse:
    settings = get_settings()
    now = clock.now()
    access, expires_in = create_access_token(
        subject=user.id, kind="user", role=user.role.value, agency_id=user.agency_id, scopes=[], sign_in=family_id
    )
    refresh = new_opaque_token()
    session.add(RefreshToken(
        token_hash=hash_token(refresh), family_id=family_id, user_id=user.id, created_at=now,
        expires_at=now + timedelta(days=settings.refresh_token_days),
    ))
    return TokenResponse(access_token=access, expires_in=expires_in, refresh_token=refresh)
