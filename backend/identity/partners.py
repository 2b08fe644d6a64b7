"""The three statutory safeguarding partners (Working Together 2023): the local authority, the integrated care
board and the police. Each names a lead safeguarding partner and may name delegates; in the product they are users
with the `strategic_lead` role (its API value, kept for tokens and integrations) in the partner's agency.

The one source of truth for which agency is which partner is `Agency.safeguarding_partner`; how a partnership
names them (today's words, or older ones such as "the clinical commissioning group") is a setting read here.
"""


from sqlalchemy import select
from sqlalchemy.orm import Session

from backend.core.access import Principal, Role
from backend.core.config import get_settings
from backend.identity.models import Agency, SafeguardingPartner

PARTNERS: tuple[SafeguardingPartner, ...] = tuple(SafeguardingPartner)


def label(partner: SafeguardingPartner) -> str:
    """How the partnership names the partner in a sentence: "the integrated care board"."""
    settings = get_settings()
    return {
        SafeguardingPartner.local_authority: settings.partner_name_local_authority,
        SafeguardingPartner.integrated_care_board: settings.partner_name_integrated_care_board,
        SafeguardingPartner.police: settings.partner_name_police,
    }[partner]


def title(partner: SafeguardingPartner) -> str:
    """The label at the start of a sentence or as a heading: "The integrated care board"."""
    words = label(partner)
    return words[:1].upper() + words[1:]


def role_name() -> str:
    """What people call the `strategic_lead` role here: "Safeguarding partner (lead or delegate)"."""
    return get_settings().partner_role_name


def partner_of(agency: Agency | None) -> SafeguardingPartner | None:
    return agency.safeguarding_partner if agency is not None else None


def partner_agency(session: Session, partner: SafeguardingPartner) -> Agency | None:
    return session.scalar(select(Agency).where(Agency.safeguarding_partner == partner))


def partner_agencies(session: Session) -> dict[SafeguardingPartner, Agency | None]:
    """Each partner's agency (None while the partnership has not said which it is), in partner order."""
    found = {a.safeguarding_partner: a for a in session.scalars(
        select(Agency).where(Agency.safeguarding_partner.is_not(None)))}
    return {partner: found.get(partner) for partner in PARTNERS}


def acts_for(session: Session, principal: Principal) -> SafeguardingPartner | None:
    """The partner this caller acts for: a person with the partner role in a partner's agency, or None."""
    if principal.kind != "user" or principal.role != Role.strategic_lead or principal.agency_id is None:
        return None
    return partner_of(session.get(Agency, principal.agency_id))
