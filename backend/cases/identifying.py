"""What identifies the child and family, gathered from every record of the case that holds it.

The referral form (the child's details, the family, partner agencies that are schools), the serious incident
notification (the children named, the agencies involved that are schools) and the review's genogram (each family
member's name, date of birth and address). Callers decide who may see the result; `phrases` serves the anonymisation
checks (the learning briefing), which look for any of it in text meant for the public.
"""

import datetime as dt
import re
import uuid
from collections.abc import Iterable, Iterator
from types import SimpleNamespace
from typing import Any

from sqlalchemy import (
    JSON,
    Date,
    Integer,
    String,
    Uuid,
    cast,
    func,
    literal,
    null,
    select,
    true,
    type_coerce,
    union_all,
)
from sqlalchemy.orm import Session, joinedload
from sqlalchemy.sql.elements import ColumnElement

from backend.cases.schemas import DetailKind, DetailSource, IdentifyingDetail
from backend.core.db import UTCDateTime
from backend.family_engagement.models import FamilyMember
from backend.identity.models import Agency, AgencyKind
from backend.incident_notifications.characteristics import ETHNICITY_LABELS, Ethnicity
from backend.incident_notifications.models import IncidentNotification, NotifiedChild, incident_notification_agencies
from backend.referrals.models import FormRows, Referral

K = DetailKind

# (column, kind, whom it identifies): the referral form's boxes about the child that identify them.
_REFERRAL_CHILD: tuple[tuple[str, DetailKind, str], ...] = (
    ("child_name", K.name, "the child"),
    ("child_date_of_birth", K.date_of_birth, "the child"),
    ("child_date_of_death_or_serious_incident", K.date_of_incident, "the child"),
    ("child_home_address", K.address, "the child"),
    ("child_incident_location", K.place, "the place of the incident"),
    ("child_carer_at_time_of_incident", K.carer, "the carer at the time of the incident"),
    ("child_ethnic_origin", K.ethnicity, "the child"),
    ("child_faith", K.faith, "the child"),
    ("child_disability", K.disability, "the child"),
)
_FAMILY: tuple[tuple[str, DetailKind], ...] = (("name", K.name), ("date_of_birth", K.date_of_birth),
                                               ("address", K.address))
_NOTIFIED_CHILD: tuple[tuple[str, DetailKind], ...] = (
    ("name", K.name), ("date_of_birth", K.date_of_birth), ("address", K.address),
)
# What would name the child in a public text. Dates and ethnicity identify only in combination; the place and
# the carer are often a plain word ("home", "mother") that a briefing may well use.
NAMING_KINDS = frozenset({K.name, K.address, K.school})


def _text(value: object) -> str | None:
    if value is None:
        return None
    text = value.isoformat() if isinstance(value, dt.date) else str(value).strip()
    return text or None


def _detail(kind: DetailKind, value: object, about: str, record_type: str, record_id: uuid.UUID,
            field: str) -> Iterator[IdentifyingDetail]:
    text = _text(value)
    if text is not None:
        yield IdentifyingDetail(kind=kind, value=text, about=about, source=DetailSource(
            record_type=record_type, record_id=record_id, field=field))


def _schools(session: Session, ids: Iterable[uuid.UUID | None]) -> dict[uuid.UUID, str]:
    wanted = [i for i in ids if i is not None]
    if not wanted:
        return {}
    return dict(session.execute(select(Agency.id, Agency.name).where(
        Agency.id.in_(wanted), Agency.kind == AgencyKind.education)).tuples().all())


def from_referral(session: Session, referral: Referral, schools: dict[uuid.UUID, str] | None = None
                  ) -> list[IdentifyingDetail]:
    details: list[IdentifyingDetail] = []
    for column, kind, about in _REFERRAL_CHILD:
        details += _detail(kind, getattr(referral, column), about, "referral", referral.id,
                           column.replace("child_", "child.", 1))
    for index, member in enumerate(referral.family_members or []):
        about = (member.relationship or "").strip() or "a family member"
        for name, kind in _FAMILY:
            details += _detail(kind, getattr(member, name), about, "referral", referral.id,
                               f"family_members.{index}.{name}")
    if schools is None:
        schools = _schools(session, [row.agency_id for row in referral.other_agencies or []])
    for index, row in enumerate(referral.other_agencies or []):
        if row.agency_id in schools:
            details += _detail(K.school, schools[row.agency_id], "the child's school", "referral", referral.id,
                               f"other_agencies.{index}.agency")
    return details


def from_notification(notification: IncidentNotification) -> list[IdentifyingDetail]:
    details: list[IdentifyingDetail] = []
    several = len(notification.children) > 1
    for index, child in enumerate(notification.children):
        about = f"child {index + 1} of {len(notification.children)}" if several else "the child"
        for name, kind in _NOTIFIED_CHILD:
            details += _detail(kind, getattr(child, name), about, "incident_notification", notification.id,
                               f"children.{index}.{name}")
        # Characteristics the Panel asks for: not identifying alone, but the anonymisation check warns of the
        # case's own combination of them (in words, as a text would write them).
        ethnicity = child.ethnicity_description or (
            None if child.ethnicity == Ethnicity.not_known else ETHNICITY_LABELS[child.ethnicity])
        details += _detail(K.ethnicity, ethnicity, about, "incident_notification", notification.id,
                           f"children.{index}.ethnicity")
        details += _detail(K.disability, child.disability_description, about, "incident_notification",
                           notification.id, f"children.{index}.disability_description")
    details += _detail(K.date_of_incident, notification.incident_date, "the child", "incident_notification",
                       notification.id, "incident_date")
    for agency in notification.agencies:
        if agency.kind == AgencyKind.education:
            details += _detail(K.school, agency.name, "the child's school", "incident_notification",
                               notification.id, "agencies")
    return details


def from_family_member(member: FamilyMember) -> list[IdentifyingDetail]:
    """A person of the review's genogram."""
    about = member.relationship_to_child.strip() or "a family member"
    details: list[IdentifyingDetail] = []
    for name, kind in _FAMILY:
        details += _detail(kind, getattr(member, name), about, "family_member", member.id, name)
    return details


# What an agency asked for information needs to find the child in its own records, and no more.
_CHILD_SEARCH_KINDS = frozenset({K.name, K.date_of_birth, K.address})


def to_find_records(details: Iterable[IdentifyingDetail]) -> list[IdentifyingDetail]:
    """The child's name, date of birth and address, and the family members' names (the form's and the genogram's)."""
    def wanted(detail: IdentifyingDetail) -> bool:
        if detail.source.field.startswith(("child.", "children.")):
            return detail.kind in _CHILD_SEARCH_KINDS
        family = detail.source.record_type == "family_member" or detail.source.field.startswith("family_members.")
        return family and detail.kind == K.name
    return [d for d in details if wanted(d)]


Source = Referral | IncidentNotification | FamilyMember


def gather(session: Session, records: Iterable[Source]) -> list[IdentifyingDetail]:
    details: list[IdentifyingDetail] = []
    for record in records:
        if isinstance(record, Referral):
            details += from_referral(session, record)
        elif isinstance(record, IncidentNotification):
            details += from_notification(record)
        else:
            details += from_family_member(record)
    return details


def records_of(session: Session, case_id: uuid.UUID) -> list[Source]:
    """Every record of the case that holds identifying details, whoever may see it."""
    # The children and agencies with their notification: one statement however many notifications the case has.
    notifications = session.scalars(select(IncidentNotification).where(IncidentNotification.case_id == case_id)
                                    .options(joinedload(IncidentNotification.children),
                                             joinedload(IncidentNotification.agencies))
                                    .order_by(IncidentNotification.created_at, IncidentNotification.id)).unique()
    referrals = session.scalars(select(Referral).where(Referral.case_id == case_id)
                                .order_by(Referral.created_at, Referral.id))
    family = session.scalars(select(FamilyMember).where(FamilyMember.case_id == case_id)
                             .order_by(FamilyMember.created_at, FamilyMember.id))
    return [*notifications, *referrals, *family]


def normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().casefold()


def phrases(session: Session, case_id: uuid.UUID) -> list[str]:
    """The names, addresses and schools of the case, normalised, for checking text that must be anonymous."""
    found = gather(session, records_of(session, case_id))
    return sorted({normalise(d.value) for d in found if d.kind in NAMING_KINDS})


# The case's identifying details in one statement (`of_case`): every source as rows of one shape, sent as a UNION ALL
# and put back together as the records `gather` reads, in the order `records_of` loads them, so the details (and a
# fingerprint of them) come out the same.
_SLOTS: tuple[tuple[str, Any], ...] = (
    ("part", Integer()), ("record_id", Uuid()), ("created_at", UTCDateTime()), ("position", Integer()),
    ("name", String()), ("day", Date()), ("other_day", Date()), ("address", String()), ("ethnicity", String()),
    ("ethnicity_text", String()), ("disability", String()), ("place", String()), ("carer", String()),
    ("faith", String()), ("kind", String()), ("family", JSON()), ("agencies", JSON()),
)
_NOTIFICATION, _CHILD, _AGENCY, _REFERRAL, _SCHOOL, _MEMBER = range(6)


def _row(part: int, **columns: Any) -> list[ColumnElement[Any]]:
    return [(literal(part, Integer()) if name == "part" else
             type_coerce(columns[name], kind) if name in columns else cast(null(), kind)).label(name)
            for name, kind in _SLOTS]


def _agency_ids_named_by_referrals(session: Session, case_id: uuid.UUID) -> Any:
    """The agencies the case's referral forms name under "other agencies known" (a JSON list on the form)."""
    if session.get_bind().dialect.name == "postgresql":
        rows = func.json_array_elements(Referral.__table__.c.other_agencies).table_valued("value")
        agency_id: Any = cast(rows.c.value.op("->>")("agency_id"), Uuid())
    else:
        rows = func.json_each(Referral.__table__.c.other_agencies).table_valued("value")
        agency_id = func.replace(func.json_extract(rows.c.value, "$.agency_id"), "-", "")
    return select(agency_id).select_from(Referral.__table__).join(rows, true()).where(
        Referral.case_id == case_id)


def of_case(session: Session, case_id: uuid.UUID) -> list[IdentifyingDetail]:
    """`gather(session, records_of(session, case_id))` in one statement, whatever the case holds."""
    n, c, r, m = IncidentNotification, NotifiedChild, Referral, FamilyMember
    school = Agency.kind == AgencyKind.education
    statement = union_all(
        select(*_row(_NOTIFICATION, record_id=n.id, created_at=n.created_at, day=n.incident_date))
        .where(n.case_id == case_id),
        select(*_row(_CHILD, record_id=n.id, created_at=n.created_at, position=c.position, name=c.name,
                     day=c.date_of_birth, address=c.address, ethnicity=c.ethnicity,
                     ethnicity_text=c.ethnicity_description, disability=c.disability_description))
        .join(n, c.notification_id == n.id).where(n.case_id == case_id),
        select(*_row(_AGENCY, record_id=n.id, created_at=n.created_at, name=Agency.name, kind=Agency.kind))
        .select_from(n).join(incident_notification_agencies).join(Agency).where(n.case_id == case_id, school),
        select(*_row(_REFERRAL, record_id=r.id, created_at=r.created_at, name=r.child_name,
                     day=r.child_date_of_birth, other_day=r.child_date_of_death_or_serious_incident,
                     address=r.child_home_address, place=r.child_incident_location,
                     carer=r.child_carer_at_time_of_incident, ethnicity=r.child_ethnic_origin, faith=r.child_faith,
                     disability=r.child_disability, family=r.__table__.c.family_members,
                     agencies=r.__table__.c.other_agencies))
        .where(r.case_id == case_id),
        select(*_row(_SCHOOL, record_id=Agency.id, name=Agency.name))
        .where(school, Agency.id.in_(_agency_ids_named_by_referrals(session, case_id))),
        select(*_row(_MEMBER, record_id=m.id, created_at=m.created_at, name=m.name, day=m.date_of_birth,
                     address=m.address, carer=m.relationship_to_child))
        .where(m.case_id == case_id),
    ).order_by("created_at", "record_id", "part", "position", "name")
    notifications: dict[uuid.UUID, SimpleNamespace] = {}
    referrals: list[SimpleNamespace] = []
    members: list[SimpleNamespace] = []
    schools: dict[uuid.UUID, str] = {}
    # The form's rows validated as loading a referral would (`FormRows`).
    family_rows: FormRows[Any] = Referral.__table__.c.family_members.type  # type: ignore[assignment]
    agency_rows: FormRows[Any] = Referral.__table__.c.other_agencies.type  # type: ignore[assignment]
    dialect = session.get_bind().dialect
    for row in session.execute(statement).mappings():
        part = row["part"]
        if part == _NOTIFICATION:
            notifications[row["record_id"]] = SimpleNamespace(id=row["record_id"], incident_date=row["day"],
                                                              children=[], agencies=[])
        elif part == _CHILD:
            notifications[row["record_id"]].children.append(SimpleNamespace(
                name=row["name"], date_of_birth=row["day"], address=row["address"],
                ethnicity=Ethnicity(row["ethnicity"]), ethnicity_description=row["ethnicity_text"],
                disability_description=row["disability"]))
        elif part == _AGENCY:
            notifications[row["record_id"]].agencies.append(SimpleNamespace(name=row["name"],
                                                                            kind=AgencyKind(row["kind"])))
        elif part == _REFERRAL:
            referrals.append(SimpleNamespace(
                id=row["record_id"], child_name=row["name"], child_date_of_birth=row["day"],
                child_date_of_death_or_serious_incident=row["other_day"], child_home_address=row["address"],
                child_incident_location=row["place"], child_carer_at_time_of_incident=row["carer"],
                child_ethnic_origin=row["ethnicity"], child_faith=row["faith"], child_disability=row["disability"],
                family_members=family_rows.process_result_value(row["family"], dialect),
                other_agencies=agency_rows.process_result_value(row["agencies"], dialect)))
        elif part == _SCHOOL:
            schools[row["record_id"]] = row["name"]
        else:
            members.append(SimpleNamespace(id=row["record_id"], name=row["name"], date_of_birth=row["day"],
                                           address=row["address"], relationship_to_child=row["carer"]))
    details: list[IdentifyingDetail] = []
    for notification in notifications.values():
        details += from_notification(notification)  # type: ignore[arg-type]
    for referral in referrals:
        named = {row.agency_id for row in referral.other_agencies or []}
        details += from_referral(session, referral, {k: v for k, v in schools.items() if k in named})  # type: ignore[arg-type]
    for member in members:
        details += from_family_member(member)  # type: ignore[arg-type]
    return details
