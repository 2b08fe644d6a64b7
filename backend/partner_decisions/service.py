"""The three safeguarding partners' joint decision, one mechanism for a rapid review and a referral.

Working Together 2023: the decision whether to hold a review is the three statutory safeguarding partners'
(the local authority, the integrated care board, the police), jointly. Here:

- Each partner records its position: a rapid review's "should a local Child Safeguarding Practice Review be held?"
  (`for_review` is `hold_cspr`) or a referral's "is a review agreed, and which?" (`for_review` is `agreed`, with
  the review type). It is recorded by a person with the partner role (`strategic_lead`) in that partner's agency
  (identity/partners.py); nobody else, and no integration client, can.
- A position that differs from the recommendation (the rapid review meeting's, or the business office's on a
  referral) is a disagreement and must give reasons; an agreeing one may add comments.
- Until all three have recorded theirs, each partner may change its own position: the row holds the position as
  it stands and the record's audit log keeps every earlier one.
- The decision stands when the third position is recorded: it is the majority of the three, on the day all three
  had recorded (the latest `recorded_on`). The record's own service then applies it (its workflow step
  `record_partner_position` completes, taking the record to `decided`, only then) and publishes its decided event once.

`record` answers with the `Tally` of the positions so far; `positions_of` is the stable shape other code reads (the
rapid review report prints the partners' decision and their sign-off from it).
"""

import datetime as dt
import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from backend.core import clock
from backend.core.access import Principal, Role
from backend.core.errors import Forbidden, Invalid
from backend.deadlines import service as deadlines
from backend.deadlines.models import DeadlineKind, SubjectType
from backend.identity import partners
from backend.identity.models import SafeguardingPartner, User
from backend.identity.schemas import AgencySummary
from backend.partner_decisions.models import DecisionSubject, PartnerPosition
from backend.partner_decisions.schemas import PartnerPositionRead, RecordedPositionRead

DEADLINE = DeadlineKind.partner_position
_IDS = uuid.UUID("5a7e9c1e-3f0b-4e55-9d59-2c3f2b4a6d10")


def position_id(subject_id: uuid.UUID, partner: SafeguardingPartner) -> uuid.UUID:
    """The id of a partner's position on a record, known before it is recorded (its deadline names it)."""
    return uuid.uuid5(_IDS, f"{subject_id}/{partner.value}")


@dataclass(frozen=True)
class RecordedPosition:
    """One partner's position as recorded, in the shape other code (reports, reads) relies on."""

    partner: SafeguardingPartner
    partner_label: str
    for_review: bool  # hold a local review (rapid review) / a review goes ahead (referral)
    review_type: str | None  # a referral's agreed review type
    agrees_with_recommendation: bool
    reasons: str
    recorded_by_name: str
    recorded_by_job_title: str | None
    recorded_at: dt.datetime
    recorded_on: dt.date


@dataclass(frozen=True)
class Proposed:
    """What a partner puts forward; `partner` is the one the caller says they record for (None: their own)."""

    for_review: bool
    agrees_with_recommendation: bool
    reasons: str
    recorded_on: dt.date | None
    review_type: str | None = None
    partner: SafeguardingPartner | None = None


def _rows(session: Session, subject_type: DecisionSubject, subject_id: uuid.UUID) -> dict[SafeguardingPartner,
                                                                                             PartnerPosition]:
    return {row.partner: row for row in session.scalars(select(PartnerPosition).where(
        PartnerPosition.subject_type == subject_type, PartnerPosition.subject_id == subject_id))}


def _recorded(row: PartnerPosition) -> RecordedPosition:
    return RecordedPosition(
        partner=row.partner, partner_label=partners.label(row.partner), for_review=row.for_review,
        review_type=row.review_type, agrees_with_recommendation=row.agrees_with_recommendation, reasons=row.reasons,
        recorded_by_name=row.recorded_by_name, recorded_by_job_title=row.recorded_by_job_title,
        recorded_at=row.recorded_at, recorded_on=row.recorded_on)


def positions_of(session: Session, subject_type: DecisionSubject, subject_id: uuid.UUID) -> list[RecordedPosition]:
    """The positions recorded on the record, in partner order (local authority, integrated care board, police)."""
    rows = _rows(session, subject_type, subject_id)
    return [_recorded(rows[partner]) for partner in partners.PARTNERS if partner in rows]


def outstanding_from(session: Session, subject_type: DecisionSubject,
                     subject_id: uuid.UUID) -> list[SafeguardingPartner]:
    """The partners whose position is still to be recorded, in partner order."""
    rows = _rows(session, subject_type, subject_id)
    return [partner for partner in partners.PARTNERS if partner not in rows]


@dataclass(frozen=True)
class Tally:
    """The positions recorded on a record so far, and the decision they make once all three are in."""

    positions: list[RecordedPosition]

    @property
    def stands(self) -> bool:
        return {p.partner for p in self.positions} == set(partners.PARTNERS)

    @property
    def for_review(self) -> bool:
        """The majority of the positions (three partners: never a tie)."""
        return sum(p.for_review for p in self.positions) * 2 > len(self.positions)

    @property
    def decided_on(self) -> dt.date:
        """The day the decision stood: the day the last of the three positions was reached."""
        return max(p.recorded_on for p in self.positions)

    def summary(self, describe: dict[bool, str]) -> str:
        """The positions in words, one sentence each, for the record's decision comments."""
        lines = []
        for p in self.positions:
            stance = f"{'agrees' if p.agrees_with_recommendation else 'disagrees'} with the recommendation"
            line = f"{partners.title(p.partner)} ({p.recorded_by_name}): {describe[p.for_review]}; {stance}"
            lines.append(line + (f": {p.reasons}" if p.reasons else "."))
        return "\n".join(lines)


def record(session: Session, actor: Principal, subject_type: DecisionSubject, subject_id: uuid.UUID,
           case_id: uuid.UUID, proposed: Proposed) -> tuple[PartnerPosition, dict[str, Any], Tally]:
    """Record (or change) the caller's partner's position; returns it, what changed (for the record's audit) and
    every position recorded so far, this one included.

    The caller's step was checked by the record's workflow (refusal above); this checks what is put forward.
    """
    partner = partners.acts_for(session, actor)
    if partner is None:
        raise Forbidden("Only a safeguarding partner's lead or delegate can record a partner's position.")
    if proposed.partner is not None and proposed.partner != partner:
        raise Forbidden(f"You act for {partners.label(partner)}: only {partners.label(proposed.partner)}'s own "
                        f"lead or delegate can record its position.",
                        errors=[("body.partner", f"You can record only {partners.label(partner)}'s position")])
    today = clock.today()
    recorded_on = proposed.recorded_on or today
    if recorded_on > today:
        raise Invalid("The date the position was reached cannot be in the future.",
                      errors=[("body.recorded_on", "Enter a date that is today or in the past")])
    reasons = proposed.reasons.strip()
    if not proposed.agrees_with_recommendation and not reasons:
        raise Invalid("A partner who disagrees with the recommendation must give their reasons.",
                      errors=[("body.reasons", "Enter the reasons for disagreeing with the recommendation")])
    user = session.get(User, actor.id)
    rows = _rows(session, subject_type, subject_id)
    position = rows.get(partner)
    before = _audit_view(position) if position is not None else None
    if position is None:
        position = PartnerPosition(id=position_id(subject_id, partner), subject_type=subject_type,
                                   subject_id=subject_id, case_id=case_id, partner=partner)
        session.add(position)
        rows[partner] = position
    position.agency_id = actor.agency_id  # type: ignore[assignment]  # acts_for found it
    position.for_review = proposed.for_review
    position.review_type = proposed.review_type
    position.agrees_with_recommendation = proposed.agrees_with_recommendation
    position.reasons = reasons
    position.recorded_by_id = actor.id
    position.recorded_by_name = actor.name
    position.recorded_by_job_title = user.job_title if user else None
    position.recorded_at = clock.now()
    position.recorded_on = recorded_on
    session.flush()
    deadlines.meet(session, DEADLINE, position.id)
    after = _audit_view(position)
    changes: dict[str, Any] = {"partner": partner.value, "position": after}
    if before is not None:
        changes["previous_position"] = before
    return position, changes, Tally([_recorded(rows[p]) for p in partners.PARTNERS if p in rows])


def _audit_view(position: PartnerPosition) -> dict[str, Any]:
    return {"for_review": position.for_review, "review_type": position.review_type,
            "agrees_with_recommendation": position.agrees_with_recommendation, "reasons": position.reasons,
            "recorded_by": position.recorded_by_name, "recorded_on": position.recorded_on.isoformat()}


def open_deadlines(session: Session, subject_type: DecisionSubject, subject_id: uuid.UUID, case_id: uuid.UUID, *,
                   due_date: dt.date, what: str, link: str) -> None:
    """Each partner's position is due: a deadline on the dashboard of that partner's people (the partner role in
    its agency), met when they record it. `what` is e.g. "the rapid review of {child}"."""
    recorded = _rows(session, subject_type, subject_id)
    for partner, agency in partners.partner_agencies(session).items():
        if agency is None or partner in recorded:
            continue
        deadlines.open_deadline(
            session, kind=DEADLINE, subject_type=SubjectType.partner_position,
            subject_id=position_id(subject_id, partner), due_date=due_date,
            title=f"Record {partners.label(partner)}'s position on {what}", case_id=case_id, link=link,
            owner_role=Role.strategic_lead, owner_agency_id=agency.id)


def read(session: Session, subject_type: DecisionSubject, subject_id: uuid.UUID,
         *, awaiting: bool) -> tuple[list[PartnerPositionRead], list[SafeguardingPartner]]:
    """Every partner with its position or null, in partner order, and (while the record `awaiting` the partners'
    decision) the partners still to record, for a read."""
    rows = _rows(session, subject_type, subject_id)
    agencies = partners.partner_agencies(session)
    positions = [PartnerPositionRead(
        partner=partner, label=partners.label(partner),
        agency=AgencySummary.model_validate(agencies[partner]) if agencies[partner] else None,
        position=RecordedPositionRead.model_validate(_recorded(rows[partner]), from_attributes=True)
        if partner in rows else None) for partner in partners.PARTNERS]
    return positions, [partner for partner in partners.PARTNERS if awaiting and partner not in rows]
