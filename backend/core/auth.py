"""Who is calling: the bearer token turned into a `Principal`, checked against the database each time.

Loading the account on every request is what makes deactivation stop existing tokens at once; the same query
asks whether the person's sign-in (the token's `sid`) is still open, so signing out ends it at once too.
"""

import uuid
from collections.abc import Callable, Coroutine
from typing import Annotated, Any

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy import bindparam, exists, select
from sqlalchemy.orm import Session

from backend.core.access import Permission, Principal, scope_for
from backend.core.db import REQUEST, session_scope
from backend.core.errors import Forbidden, Unauthorized
from backend.core.tokens import decode_access_token
from backend.identity.models import IntegrationClient, RefreshToken, User

bearer = HTTPBearer(auto_error=False, description="Access token from POST /api/v1/auth/token")

DbSession = Annotated[Session, Depends(session_scope, scope="function")]


def current_principal(
    request: Request,
    session: DbSession,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
) -> Principal:
    principal = _load_principal(session, credentials)
    # Kept on the request so the layers around the endpoint (the integration clients' call log) know the caller.
    request.state.principal = principal
    # And the request on the session, so what the request reads can say which request it was (cases/access.py).
    session.info[REQUEST] = request
    return principal


# The caller's record (their account, or the integration client), loaded with their token and held by the session
# for the rest of the request: the identity map keeps only weak references, so without this an endpoint asking for
# the caller's account (`/me`, `session.get(User, principal.id)`) queries again.
CALLER = "caller"


def caller_record(session: Session) -> User | IntegrationClient:
    """The caller's own record as loaded with their token (see `CALLER`): no trip to the database."""
    record: User | IntegrationClient = session.info[CALLER]
    return record


def _load_principal(session: Session, credentials: HTTPAuthorizationCredentials | None) -> Principal:
    if credentials is None:
        raise Unauthorized("Sign in to use this service: send an access token as `Authorization: Bearer`.")
    claims = decode_access_token(credentials.credentials)
    try:
        subject = uuid.UUID(claims["sub"])
    except ValueError as exc:
        raise Unauthorized("The access token is invalid.") from exc
    if claims.get("typ") == "client":
        client = session.get(IntegrationClient, subject)
        if client is None or not client.active:
            raise Unauthorized("This integration client is no longer active.")
        session.info[CALLER] = client
        # The token's scopes, as narrowed when it was asked for, and only those the client still holds.
        granted = claims.get("scopes")
        if not isinstance(granted, list) or not all(isinstance(s, str) for s in granted):
            raise Unauthorized("The access token is invalid.")
        return Principal(kind="client", id=client.id, name=client.name, role=None,
                         agency_id=client.agency_id, scopes=frozenset(granted) & frozenset(client.scopes))
    try:
        sign_in = uuid.UUID(claims["sid"])
    except (KeyError, TypeError, ValueError) as exc:
        raise Unauthorized("The access token is invalid.") from exc
    found = session.execute(_CALLER, {"subject": subject, "sign_in": sign_in}).first()
    if found is None or not found[0].active:
        raise Unauthorized("This account is no longer active.")
    if not found[1]:
        raise Unauthorized("This sign-in has ended: sign in again.")
    session.info[CALLER] = found[0]
    return found[0].as_principal()


# The account and whether its sign-in is still open, in the one query that loads the account anyway. Built once:
# putting the expression together again on every request cost more than running it.
_CALLER = select(User, exists().where(
    RefreshToken.family_id == bindparam("sign_in", type_=RefreshToken.family_id.type),
    RefreshToken.user_id == User.id, RefreshToken.revoked_at.is_(None),
)).where(User.id == bindparam("subject", type_=User.id.type))

CurrentPrincipal = Annotated[Principal, Depends(current_principal)]


def requires(permission: Permission) -> Callable[[Principal], Coroutine[Any, Any, Principal]]:
    """Dependency factory: the caller must hold `permission` (a role's, or a client's scope)."""

    # `async` although it awaits nothing: a pure check runs on the event loop instead of taking a trip through the
    # thread pool (FastAPI runs every plain `def` dependency in a worker thread).
    async def check(principal: CurrentPrincipal) -> Principal:
        if principal.can(permission):
            return principal
        if principal.kind == "client":
            scope = scope_for(permission)
            raise Forbidden(f"This client lacks the scope `{scope}`." if scope else
                            "Integration clients cannot do this.", required_scope=scope)
        raise Forbidden("Your role does not allow this.")

    check.__name__ = f"requires_{permission.name}"
    return check


def Requires(permission: Permission) -> Any:  # noqa: N802 - reads like `Depends` beside it
    """The caller, checked for `permission`: `principal: Annotated[Principal, Requires(P.referrals_read)]`.

    Returns `Any` as FastAPI's own `Depends` does, so the annotation stays a real type for the type checker.
    """
    return Depends(requires(permission))
