import base64
import binascii
import uuid
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Form, Header, Request, Response, status

from backend.core.access import Permission as P
from backend.core.access import Principal, Role
from backend.core.auth import CurrentPrincipal, DbSession, Requires, caller_record
from backend.core.concurrency import VERSIONED_CREATE, VERSIONED_EDIT, VERSIONED_READ, IfMatch, set_etag
from backend.core.errors import PROBLEM_JSON, PROBLEM_RESPONSES, Problem
from backend.core.pagination import Page, PageParams, page_params, paginate
from backend.core.ratelimit import SlidingWindowLimiter, client_address, get_limiter
from backend.core.responses import serialised
from backend.identity import login, partners, service
from backend.identity.schemas import (
    AgencyCreate,
    AgencyRead,
    AgencySummary,
    AgencyUpdate,
    IntegrationClientCreate,
    IntegrationClientCreated,
    IntegrationClientRead,
    IntegrationClientUpdate,
    Me,
    MeUpdate,
    SafeguardingPartnerRead,
    SafeguardingPartners,
    TokenResponse,
    UserCreate,
    UserRead,
    UserUpdate,
)

auth_router = APIRouter(prefix="/api/v1/auth", tags=["auth"])
router = APIRouter(prefix="/api/v1", responses=PROBLEM_RESPONSES)
Paging = Annotated[PageParams, Depends(page_params)]


@auth_router.post("/token", response_model=TokenResponse, responses={400: PROBLEM_RESPONSES[422] | {
    "description": "invalid_grant / invalid_scope / unsupported_grant_type (RFC 6749 `error` member)"},
    401: PROBLEM_RESPONSES[401],
    429: {"model": Problem, "description": "Too many failed sign-ins from this address or for this account "
                                          "(see Retry-After)", "content": {PROBLEM_JSON: {}}}})
def token(
    request: Request,
    session: DbSession,
    limiter: Annotated[SlidingWindowLimiter, Depends(get_limiter)],
    grant_type: Annotated[Literal["password", "refresh_token", "client_credentials"], Form()],
    username: Annotated[str | None, Form(max_length=320)] = None,
    password: Annotated[str | None, Form(max_length=200)] = None,
    refresh_token: Annotated[str | None, Form(max_length=200)] = None,
    client_id: Annotated[str | None, Form(max_length=80)] = None,
    client_secret: Annotated[str | None, Form(max_length=200)] = None,
    scope: Annotated[str | None, Form(max_length=500)] = None,
    authorization: Annotated[str | None, Header(include_in_schema=False)] = None,
) -> TokenResponse:
    """OAuth2 token endpoint (RFC 6749), form-encoded.

    `password` for people (5 failed attempts lock the account for 15 minutes), `refresh_token` to
    rotate a refresh token, `client_credentials` for integration clients (credentials in the form
    or as HTTP Basic). Failed requests are limited per client address and per account (429).
    """
    credentials = (_client_credentials(authorization, client_id, client_secret)
                   if grant_type == "client_credentials" else None)
    account = f"client:{credentials[0]}" if credentials else username if grant_type == "password" else None
    with login.throttled(limiter, client_address(request), account):
        if credentials:
            return login.client_credentials_grant(session, *credentials, scope)
        if grant_type == "password":
            if not username or not password:
                raise login.OAuthError("invalid_request", "Enter your e-mail address and password.")
            return login.password_grant(session, username, password)
        if not refresh_token:
            raise login.OAuthError("invalid_request", "refresh_token is required.")
        return login.refresh_grant(session, refresh_token)


@auth_router.post("/revoke", status_code=status.HTTP_200_OK, response_model=dict[str, str])
def revoke(session: DbSession, token: Annotated[str, Form(min_length=1, max_length=200)]) -> dict[str, str]:
    """Revoke a refresh token and the rest of its sign-in (RFC 7009): used for signing out."""
    login.revoke(session, token)
    return {"status": "revoked"}


def _client_credentials(authorization: str | None, client_id: str | None, secret: str | None) -> tuple[str, str]:
    if authorization and authorization.lower().startswith("basic "):
        try:
            decoded = base64.b64decode(authorization[6:]).decode()
            client_id, _, secret = decoded.partition(":")
        except (binascii.Error, UnicodeDecodeError) as exc:
            raise login.OAuthError("invalid_client", "Malformed Basic credentials.", status=401) from exc
    if not client_id or not secret:
        raise login.OAuthError("invalid_client", "Client credentials are required.", status=401)
    return client_id, secret


@router.get("/me", response_model=Me, tags=["auth"])
async def read_me(session: DbSession, principal: CurrentPrincipal) -> Response:
    """The caller: who they are, their agency and what they may do."""
    # `async`: the caller's record came with their token (core/auth.caller_record), agency and all, so the answer
    # is built on the event loop without another trip through a worker thread.
    return serialised(service.me(caller_record(session), principal))


@router.patch("/me", response_model=Me, tags=["auth"])
def update_me(session: DbSession, principal: CurrentPrincipal, data: MeUpdate) -> Me:
    """Change your own preferences (individual reminder e-mails or one daily digest)."""
    if principal.kind == "user":
        service.update_user(session, principal, principal.id, UserUpdate(reminder_delivery=data.reminder_delivery))
    return service.me(caller_record(session), principal)


@router.get("/agencies", response_model=Page[AgencyRead], tags=["agencies"])
def list_agencies(
    session: DbSession, principal: Annotated[Principal, Requires(P.agencies_read)],
    page: Paging, include_inactive: bool = False
) -> Page[AgencyRead]:
    """The partnership's agencies."""
    rows, total = paginate(session, service.list_agencies(principal, include_inactive), page)
    return Page(items=[AgencyRead.model_validate(a) for a in rows], total=total, **page.model_dump())


@router.get("/safeguarding-partners", response_model=SafeguardingPartners, tags=["agencies"])
def read_safeguarding_partners(
    session: DbSession, principal: Annotated[Principal, Requires(P.agencies_read)],
) -> SafeguardingPartners:
    """The three statutory safeguarding partners (the local authority, the integrated care board, the police) in
    that order: how this partnership names each, and which agency is each. Screens read their words from here."""
    return SafeguardingPartners(
        partners=[SafeguardingPartnerRead(partner=partner, label=partners.label(partner),
                                          agency=AgencySummary.model_validate(agency) if agency else None)
                  for partner, agency in partners.partner_agencies(session).items()],
        role_name=partners.role_name())


@router.post("/agencies", response_model=AgencyRead, status_code=201, tags=["agencies"],
             responses=VERSIONED_CREATE)
def create_agency(
    session: DbSession, principal: Annotated[Principal, Requires(P.agencies_manage)],
    data: AgencyCreate, response: Response
) -> AgencyRead:
    """Add a partner agency."""
    agency = service.create_agency(session, principal, data)
    set_etag(response, agency)
    return AgencyRead.model_validate(agency)


@router.get("/agencies/{agency_id}", response_model=AgencyRead, tags=["agencies"],
            responses=VERSIONED_READ)
def read_agency(
    session: DbSession, principal: Annotated[Principal, Requires(P.agencies_read)],
    agency_id: uuid.UUID, response: Response
) -> AgencyRead:
    """One agency; its `ETag` is what a change must send back as `If-Match`."""
    agency = service.get_agency(session, agency_id)
    set_etag(response, agency)
    return AgencyRead.model_validate(agency)


@router.patch("/agencies/{agency_id}", response_model=AgencyRead, tags=["agencies"],
              responses=VERSIONED_EDIT)
def update_agency(
    session: DbSession, principal: Annotated[Principal, Requires(P.agencies_manage)],
    agency_id: uuid.UUID, data: AgencyUpdate,
    if_match: IfMatch, response: Response,
) -> AgencyRead:
    """Change an agency. Send the `ETag` you read as `If-Match`: without it 428, if it is stale 412."""
    agency = service.update_agency(session, principal, agency_id, data, if_match)
    set_etag(response, agency)
    return AgencyRead.model_validate(agency)


@router.get("/users", response_model=Page[UserRead], tags=["users"])
def list_users(
    session: DbSession, principal: Annotated[Principal, Requires(P.users_manage)], page: Paging,
    role: Role | None = None, agency_id: uuid.UUID | None = None,
) -> Page[UserRead]:
    """Everyone with an account (business office)."""
    rows, total = paginate(session, service.list_users(role, agency_id), page)
    return Page(items=[UserRead.model_validate(u) for u in rows], total=total, **page.model_dump())


@router.post("/users", response_model=UserRead, status_code=201, tags=["users"])
def create_user(session: DbSession, principal: Annotated[Principal, Requires(P.users_manage)],
                data: UserCreate) -> UserRead:
    return UserRead.model_validate(service.create_user(session, principal, data))


@router.get("/users/{user_id}", response_model=UserRead, tags=["users"])
def read_user(session: DbSession, principal: Annotated[Principal, Requires(P.users_manage)],
              user_id: uuid.UUID) -> UserRead:
    return UserRead.model_validate(service.get_user(session, user_id))


@router.patch("/users/{user_id}", response_model=UserRead, tags=["users"])
def update_user(
    session: DbSession, principal: Annotated[Principal, Requires(P.users_manage)], user_id: uuid.UUID, data: UserUpdate
) -> UserRead:
    """Change a user; `active: false` ends their sign-ins and stops their tokens at once."""
    return UserRead.model_validate(service.update_user(session, principal, user_id, data))


@router.get("/integration-clients", response_model=Page[IntegrationClientRead], tags=["integration clients"])
def list_clients(
    session: DbSession, principal: Annotated[Principal, Requires(P.clients_manage)], page: Paging
) -> Page[IntegrationClientRead]:
    rows, total = paginate(session, service.list_clients(principal), page)
    return Page(items=[IntegrationClientRead.model_validate(c) for c in rows], total=total, **page.model_dump())


@router.post("/integration-clients", response_model=IntegrationClientCreated, status_code=201,
             tags=["integration clients"])
def create_client(
    session: DbSession, principal: Annotated[Principal, Requires(P.clients_manage)], data: IntegrationClientCreate
) -> IntegrationClientCreated:
    """Register a partnership system; its secret is in this response only."""
    client, secret = service.create_client(session, principal, data)
    return IntegrationClientCreated(**IntegrationClientRead.model_validate(client).model_dump(), client_secret=secret)


@router.get("/integration-clients/{client_id}", response_model=IntegrationClientRead, tags=["integration clients"])
def read_client(
    session: DbSession, principal: Annotated[Principal, Requires(P.clients_manage)], client_id: uuid.UUID
) -> IntegrationClientRead:
    return IntegrationClientRead.model_validate(service.get_client(session, client_id))


@router.patch("/integration-clients/{client_id}", response_model=IntegrationClientRead,
              tags=["integration clients"])
def update_client(
    session: DbSession, principal: Annotated[Principal, Requires(P.clients_manage)],
    client_id: uuid.UUID, data: IntegrationClientUpdate
) -> IntegrationClientRead:
    """Change a client; `active: false` stops its tokens at once."""
    return IntegrationClientRead.model_validate(service.update_client(session, principal, client_id, data))

