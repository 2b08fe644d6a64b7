"""Agencies, users and integration clients, managed by the business office."""

import secrets
import uuid

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from backend.audit import service as audit
from backend.core.access import Principal, Role
from backend.core.concurrency import check_version
from backend.core.errors import Conflict, Invalid, NotFound
from backend.core.passwords import hash_password
from backend.core.tokens import hash_token
from backend.core.visibility import own_agency, visible
from backend.identity import login, partners
from backend.identity.models import Agency, IntegrationClient, SafeguardingPartner, User
from backend.identity.schemas import (
    AgencyCreate,
    AgencyUpdate,
    IntegrationClientCreate,
    IntegrationClientUpdate,
    Me,
    UserCreate,
    UserUpdate,
)

AGENCY_ROLES = (Role.agency_lead, Role.agency_manager)
_AGENCY_FIELDS = ("name", "kind", "safeguarding_partner", "active")
_USER_FIELDS = ("name", "email", "job_title", "role", "agency_id", "active", "reminder_delivery")
_CLIENT_FIELDS = ("name", "agency_id", "scopes", "active")


def list_agencies(principal: Principal, include_inactive: bool = False) -> Select[Agency]:
    stmt = select(Agency).order_by(Agency.name)
    return stmt if include_inactive else stmt.where(Agency.active.is_(True))


def get_agency(session: Session, agency_id: uuid.UUID) -> Agency:
    agency = session.get(Agency, agency_id)
    if agency is None:
        raise NotFound("No such agency.")
    return agency


def create_agency(session: Session, actor: Principal | None, data: AgencyCreate) -> Agency:
    _unique_agency_name(session, data.name)
    _partner_free(session, data.safeguarding_partner, None)
    agency = Agency(**data.model_dump())
    session.add(agency)
    session.flush()
    audit.record(session, actor, "create", "agency", agency.id, f"Added agency {agency.name}",
                 audit.snapshot(agency, _AGENCY_FIELDS))
    return agency


def update_agency(
    session: Session, actor: Principal, agency_id: uuid.UUID, data: AgencyUpdate, if_match: str | None
) -> Agency:
    agency = get_agency(session, agency_id)
    check_version(agency, if_match)
    changes = data.model_dump(exclude_unset=True)
    if "name" in changes and changes["name"] != agency.name:
        _unique_agency_name(session, changes["name"])
    if "safeguarding_partner" in changes:
        _partner_free(session, changes["safeguarding_partner"], agency.id)
    before = audit.snapshot(agency, _AGENCY_FIELDS)
    for key, value in changes.items():
        setattr(agency, key, value)
    session.flush()
    audit.record(session, actor, "update", "agency", agency.id, f"Changed agency {agency.name}",
                 audit.diff(before, audit.snapshot(agency, _AGENCY_FIELDS)))
    return agency


def _partner_free(session: Session, partner: SafeguardingPartner | None, agency_id: uuid.UUID | None) -> None:
    """One agency per safeguarding partner: another agency already being it is a 409 naming that agency."""
    if partner is None:
        return
    current = partners.partner_agency(session, partner)
    if current is not None and current.id != agency_id:
        raise Conflict(f"{current.name} is already {partners.label(partner)}; change that agency first.",
                       errors=[("body.safeguarding_partner", f"{current.name} is already {partners.label(partner)}")])


def list_users(role: Role | None = None, agency_id: uuid.UUID | None = None) -> Select[User]:
    stmt = select(User).order_by(User.name)
    if role:
        stmt = stmt.where(User.role == role)
    if agency_id:
        stmt = stmt.where(User.agency_id == agency_id)
    return stmt


def me(caller: User | IntegrationClient, principal: Principal) -> Me:
    """The caller as `/me` answers: who they are, their agency and what they may do (no database work: the record
    is the one loaded with their token, its agency joined)."""
    permissions = sorted(p.value for p in principal.permissions)
    if isinstance(caller, IntegrationClient):
        return Me(id=caller.id, kind="client", name=caller.name, email=None, role=None, agency=caller.agency,
                  scopes=sorted(principal.scopes), permissions=permissions)
    return Me(id=caller.id, name=caller.name, email=caller.email, role=caller.role, agency=caller.agency,
              permissions=permissions, reminder_delivery=caller.reminder_delivery)


def get_user(session: Session, user_id: uuid.UUID) -> User:
    user = session.get(User, user_id)
    if user is None:
        raise NotFound("No such user.")
    return user


def create_user(session: Session, actor: Principal | None, data: UserCreate) -> User:
    email = data.email.lower()
    if session.scalar(select(User.id).where(User.email == email)):
        raise Conflict("A user with this e-mail address already exists.",
                       errors=[("body.email", "already in use")])
    _check_role_agency(session, data.role, data.agency_id)
    user = User(name=data.name, email=email, job_title=data.job_title, role=data.role,
                agency_id=data.agency_id, password_hash=hash_password(data.password))
    session.add(user)
    session.flush()
    audit.record(session, actor, "create", "user", user.id, f"Added user {user.name} ({user.role})",
                 audit.snapshot(user, _USER_FIELDS))
    return user


def update_user(session: Session, actor: Principal, user_id: uuid.UUID, data: UserUpdate) -> User:
    user = get_user(session, user_id)
    changes = data.model_dump(exclude_unset=True)
    password = changes.pop("password", None)
    _check_role_agency(session, changes.get("role", user.role), changes.get("agency_id", user.agency_id))
    before = audit.snapshot(user, _USER_FIELDS)
    for key, value in changes.items():
        setattr(user, key, value)
    if password:
        user.password_hash = hash_password(password)
        login.revoke_all_for_user(session, user.id)
    if changes.get("active") is False:
        login.revoke_all_for_user(session, user.id)
    if changes.get("active") is True:
        user.failed_login_count, user.locked_until = 0, None
    session.flush()
    delta = audit.diff(before, audit.snapshot(user, _USER_FIELDS))
    if password:
        delta["password"] = "changed"
    audit.record(session, actor, "update", "user", user.id, f"Changed user {user.name}", delta)
    return user


def list_clients(principal: Principal) -> Select[IntegrationClient]:
    return (select(IntegrationClient).where(visible(principal, agency=own_agency(IntegrationClient.agency_id)))
            .order_by(IntegrationClient.name))


def get_client(session: Session, client_id: uuid.UUID) -> IntegrationClient:
    client = session.get(IntegrationClient, client_id)
    if client is None:
        raise NotFound("No such integration client.")
    return client


def create_client(
    session: Session, actor: Principal, data: IntegrationClientCreate
) -> tuple[IntegrationClient, str]:
    get_agency(session, data.agency_id)
    # Prefixed, so a secret never starts with "-" (a command line would read it as an option) and a leaked one is
    # recognisable to secret scanners, like the webhooks' `whsec_`.
    secret = f"csec_{secrets.token_urlsafe(32)}"
    client = IntegrationClient(
        client_id=f"cspr-{secrets.token_hex(8)}", name=data.name, secret_hash=hash_token(secret),
        agency_id=data.agency_id, scopes=sorted(set(data.scopes)),
    )
    session.add(client)
    session.flush()
    audit.record(session, actor, "create", "integration_client", client.id,
                 f"Added integration client {client.name}", audit.snapshot(client, _CLIENT_FIELDS))
    return client, secret


def update_client(
    session: Session, actor: Principal, client_id: uuid.UUID, data: IntegrationClientUpdate
) -> IntegrationClient:
    client = get_client(session, client_id)
    before = audit.snapshot(client, _CLIENT_FIELDS)
    changes = data.model_dump(exclude_unset=True)
    if "scopes" in changes:
        changes["scopes"] = sorted(set(changes["scopes"]))
    for key, value in changes.items():
        setattr(client, key, value)
    session.flush()
    audit.record(session, actor, "update", "integration_client", client.id,
                 f"Changed integration client {client.name}",
                 audit.diff(before, audit.snapshot(client, _CLIENT_FIELDS)))
    return client


def _unique_agency_name(session: Session, name: str) -> None:
    if session.scalar(select(Agency.id).where(Agency.name == name)):
        raise Conflict("An agency with this name already exists.", errors=[("body.name", "already in use")])


def _check_role_agency(session: Session, role: Role, agency_id: uuid.UUID | None) -> None:
    if role in AGENCY_ROLES and agency_id is None:
        raise Invalid("Agency leads and managers belong to an agency.",
                      errors=[("body.agency_id", f"required for the role {role}")])
    if agency_id is not None and session.get(Agency, agency_id) is None:
        raise Invalid("No such agency.", errors=[("body.agency_id", "no such agency")])
