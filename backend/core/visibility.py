"""Who sees which records: the shared pieces every domain's visibility rule is built from.

Each kind of record has one rule (`policy.visible_<records>(principal)`), a WHERE clause every query of that
record uses, lists and single reads alike, so a record the caller may not see answers 404. The rules differ
only in what an agency-scoped caller sees; `visible` holds the rest:

    def visible_reviews(principal):
        return visible(principal, Permission.reviews_read,
                       agency=lambda agency_id: involves(review_agencies, Review.id, agency_id),
                       lead_reviewer=lambda user_id: Review.lead_reviewer_id == user_id)

Nested routes never reach a child row by its id alone: they resolve the parent through its scoped getter,
declared once per domain as a dependency (`in_scope`), and look the child up within that parent.

"The agency's own draft until submitted" is written once, here, for every kind of record an agency works on before
it shares it (a referral until its senior manager signs it off; the deadline on that sign-off; an agency's
submission while it is a draft). The record has an owning agency and a column saying how far it has got (its state,
or for a deadline its kind), and `shared` is the values in which anyone else may see it:

- `own_until_shared(column, shared)`: what a caller outside the owning agency sees (the shared values only); pass it
  as `visible(..., cross_agency=...)` when the agency's own callers are already held to their own records:

      visible(principal, Permission.referrals_read, agency=own_agency(Referral.agency_id),
              cross_agency=own_until_shared(Referral.state, SHARED_STATES))

- `own_or_shared(principal, agency_column, column, shared)`: the whole rule for any caller, for records whose
  other rules are not built by `visible` (the deadline registry): the owning agency in every state, anyone else
  only the shared ones. AND it with the record's other rules.
"""

import inspect
import uuid
from collections.abc import Callable, Collection
from enum import StrEnum
from typing import Annotated, Any, TypeVar

from fastapi import Depends
from sqlalchemy import ColumnElement, Table, exists, false, or_, select, true
from sqlalchemy.orm import InstrumentedAttribute, Session

from backend.core.access import Permission, Principal, Role

T = TypeVar("T")
AgencyRule = Callable[[uuid.UUID], ColumnElement[bool]]


def visible(
    principal: Principal,
    permission: Permission | None = None,
    *,
    agency: AgencyRule | None = None,
    lead_reviewer: Callable[[uuid.UUID], ColumnElement[bool]] | None = None,
    cross_agency: ColumnElement[bool] | None = None,
) -> ColumnElement[bool]:
    """The caller's view of one kind of record.

    Without `permission` (when given) nothing is visible. Cross-agency roles (business office, safeguarding partners,
    scrutineer) see `cross_agency` (default: everything); a lead reviewer sees what `lead_reviewer` says (default:
    nothing); a caller of an agency sees what `agency` says of their agency (default: nothing); anyone else nothing.
    """
    if permission is not None and not principal.can(permission):
        return false()
    if principal.sees_all_agencies:
        return true() if cross_agency is None else cross_agency
    if principal.kind == "user" and principal.role == Role.lead_reviewer:
        return lead_reviewer(principal.id) if lead_reviewer is not None else false()
    if principal.agency_id is None or agency is None:
        return false()
    return agency(principal.agency_id)


def involves(link: Table, record_key: Any, agency_id: uuid.UUID, *, record_column: str | None = None,
             agency_column: str = "agency_id") -> ColumnElement[bool]:
    """The record is linked to the agency through an association table (e.g. the agencies involved in a review)."""
    columns = [c for c in link.c if c.name != agency_column and c.foreign_keys]
    key = link.c[record_column] if record_column else columns[0]
    return exists(select(key).where(key == record_key, link.c[agency_column] == agency_id))


def own_agency(agency_column: InstrumentedAttribute[uuid.UUID] | InstrumentedAttribute[uuid.UUID | None]
               ) -> AgencyRule:
    """The agency sees its own records (the agency column names it)."""
    return lambda agency_id: agency_column == agency_id


def own_until_shared(state_column: InstrumentedAttribute[Any], shared: Collection[StrEnum]) -> ColumnElement[bool]:
    """What a caller outside the owning agency sees of an agency's work: only the states in which it is shared."""
    return state_column.in_(list(shared))


def own_or_shared(principal: Principal, agency_column: InstrumentedAttribute[uuid.UUID | None],
                  state_column: InstrumentedAttribute[Any], shared: Collection[StrEnum]) -> ColumnElement[bool]:
    """"The agency's own draft until shared" for any caller: the owning agency sees its rows whatever their state,
    everyone else (the business office included) only the rows in a `shared` state."""
    if principal.agency_id is None:
        return own_until_shared(state_column, shared)
    return or_(agency_column == principal.agency_id, own_until_shared(state_column, shared))


def either(*rules: AgencyRule) -> AgencyRule:
    """An agency sees the record if any of the rules lets it (sent it, or is named in it)."""
    return lambda agency_id: or_(*(rule(agency_id) for rule in rules))


def in_scope(getter: Callable[[Session, Principal, uuid.UUID], T], id_name: str,
             permission: Permission) -> Any:
    """A dependency resolving `{id_name}` in the path to the record the caller may see (404 otherwise).

    Routes, nested ones included, take the record rather than its id:

        ReviewInScope = Annotated[Review, in_scope(service.get_review, "review_id", P.reviews_read)]

        @router.get("/{review_id}/timeline")
        def review_timeline(review: ReviewInScope, ...): ...
    """
    from backend.core.auth import DbSession, requires

    def resolve(session: DbSession, principal: Annotated[Principal, Depends(requires(permission))],
                **path: uuid.UUID) -> T:
        return getter(session, principal, path[id_name])

    parameters = [p for name, p in inspect.signature(resolve).parameters.items() if name != "path"]
    parameters.append(inspect.Parameter(id_name, inspect.Parameter.KEYWORD_ONLY, annotation=uuid.UUID))
    resolve.__signature__ = inspect.Signature(parameters)  # type: ignore[attr-defined]
    return Depends(resolve)


def sees_agency_draft(principal: Principal, agency_id: uuid.UUID | None) -> bool:
    """Whether the caller reads an agency's working copy (a draft, before it is submitted or shared).

    Only the agency's own people and integration clients do, whatever their role: the business office and
    other agencies see that a draft exists, never what it says. The per-record counterpart of
    `own_until_shared`, which filters whole records in a query; both say "the agency's own until shared".
    """
    return principal.in_agency(agency_id)
