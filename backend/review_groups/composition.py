"""Whether a review group has the members the guidance asks for (seed 003, "Establishing a Review Group"):

a representative of each of the three statutory partners (the local authority / children's trust, health (the
integrated care board) and the police), plus two further partner agencies, at least one of which has had no
involvement with the family. Worked out from the members' agencies (which partner each is:
`Agency.safeguarding_partner`, identity/partners.py) and the agencies involved in the review, so it is always current.
"""

import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol

from sqlalchemy import String, select, type_coerce
from sqlalchemy.orm import Session

from backend.identity import partners as safeguarding_partners
from backend.identity.models import Agency, SafeguardingPartner
from backend.review_groups.models import ReviewGroupMember
from backend.reviews.conditions import FactSelect
from backend.reviews.models import Review

FURTHER_AGENCIES_NEEDED = 2


@dataclass(frozen=True)
class PartnerPresence:
    partner: str
    label: str
    agency_names: tuple[str, ...]

    @property
    def met(self) -> bool:
        return bool(self.agency_names)


@dataclass(frozen=True)
class Composition:
    statutory_partners: tuple[PartnerPresence, ...]
    further_agencies: tuple[str, ...]
    uninvolved_agencies: tuple[str, ...]
    missing: tuple[str, ...]

    @property
    def met(self) -> bool:
        return not self.missing


class MemberAgency(Protocol):
    """What the check reads of a member's agency: an `Agency`, or a `MembersAgency` read for a page of reviews."""

    @property
    def id(self) -> uuid.UUID: ...
    @property
    def name(self) -> str: ...
    @property
    def safeguarding_partner(self) -> SafeguardingPartner | None: ...
    @property
    def statutory_partner(self) -> bool: ...


@dataclass(frozen=True)
class MembersAgency:
    id: uuid.UUID
    name: str
    safeguarding_partner: SafeguardingPartner | None

    @property
    def statutory_partner(self) -> bool:
        return self.safeguarding_partner is not None


def agencies_with_members(review_ids: Sequence[uuid.UUID]) -> FactSelect:
    """(review, agency, its name, which safeguarding partner it is) for each agency with a member in each review's
    group: what `composition_of` reads, for many reviews in one query."""
    partner = type_coerce(Agency.safeguarding_partner, String)  # read back as its value, as the others' details are
    return (select(ReviewGroupMember.review_id, Agency.id, Agency.name, partner)
            .join(Agency, Agency.id == ReviewGroupMember.agency_id)
            .where(ReviewGroupMember.review_id.in_(review_ids)).distinct())


def composition_of(agencies: Iterable[MemberAgency], involved_ids: Iterable[uuid.UUID]) -> Composition:
    """The check itself, on the members' agencies (one entry per member with an agency)."""
    members_agencies: dict[uuid.UUID, MemberAgency] = {agency.id: agency for agency in agencies}
    involved = set(involved_ids)
    partners = tuple(
        PartnerPresence(partner.value, safeguarding_partners.label(partner),
                        tuple(sorted(a.name for a in members_agencies.values() if a.safeguarding_partner == partner)))
        for partner in safeguarding_partners.PARTNERS)
    further = sorted((a for a in members_agencies.values() if not a.statutory_partner), key=lambda a: a.name)
    uninvolved = [a.name for a in further if a.id not in involved]
    missing = missing_of({p.partner for p in partners if p.met}, len(further), len(uninvolved))
    return Composition(partners, tuple(a.name for a in further), tuple(uninvolved), missing)


def missing_of(partners_present: set[str], further: int, uninvolved: int) -> tuple[str, ...]:
    """What the group still needs, from which statutory partners have a member (`SafeguardingPartner` values), how
    many further agencies do and how many of those had no involvement with the family (the task list counts these
    in SQL)."""
    missing = [f"A representative of {safeguarding_partners.label(partner)}"
               for partner in safeguarding_partners.PARTNERS if partner.value not in partners_present]
    if further < FURTHER_AGENCIES_NEEDED:
        short = FURTHER_AGENCIES_NEEDED - further
        missing.append(f"{'Two further partner agencies' if short == 2 else 'One more partner agency'} "
                       f"(beyond the three statutory partners)")
    if not uninvolved:
        missing.append("A partner agency that has had no involvement with the family")
    return tuple(missing)


def composition(session: Session, review: Review) -> Composition:
    agencies = session.scalars(select(Agency).join(ReviewGroupMember, ReviewGroupMember.agency_id == Agency.id)
                               .where(ReviewGroupMember.review_id == review.id)).unique()
    return composition_of(agencies, (a.id for a in review.agencies))
