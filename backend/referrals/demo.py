"""Demo referrals in different states, made through the service so their audit trail and deadlines are real.

Invented cases in our own words. `agencies` is keyed by agency name and `users` by the e-mail local
part, as in `backend/demo.py` (AGENCIES and USERS).
"""

import datetime as dt
from typing import Any

from sqlalchemy.orm import Session

from backend.core import clock
from backend.identity.models import Agency, User
from backend.referrals import service
from backend.referrals.models import Referral
from backend.referrals.schemas import (
    ReferralCreate,
    ReferralPartnerPosition,
    ReferralRecommendationCreate,
    SignOff,
    StartConsideration,
)


def _contact(user: User, phone: str) -> dict[str, Any]:
    return {"name": user.name, "designation": user.job_title, "contact": {"phone": phone, "email": user.email}}


def _infant_head_injury(agencies: dict[str, Agency], users: dict[str, User], today: dt.date) -> dict[str, Any]:
    incident = today - dt.timedelta(days=24)
    return {
        "child_reference": "Child HW",
        "referrer": _contact(users["trust.lead"], "0300 555 0141"),
        "senior_manager": _contact(users["trust.manager"], "0300 555 0142"),
        "review_type_requested": "cspr",
        "rationale": "A seven-month-old was admitted with a skull fracture that the parents could not explain. "
                     "Neglect had been a worry since birth, so both limbs of the criteria appear to be met.",
        "other_agencies": [
            {"agency_id": agencies["Harbourside Police"].id, "agency": "Harbourside Police",
             "contact_details": "Child protection investigation team, 0300 555 0190",
             "reason_for_involvement": "Called to the flat twice about arguments between the adults"},
            {"agency_id": agencies["Quayside Medical Practice"].id, "agency": "Quayside Medical Practice",
             "contact_details": "Practice safeguarding lead, 0300 555 0177",
             "reason_for_involvement": "Registered GP; two missed immunisation appointments"},
        ],
        "chronology": [
            {"occurred_on": (incident - dt.timedelta(days=70)).isoformat(), "time": "11:00",
             "event": "Health visitor notes the baby is underweight and the home very cold"},
            {"occurred_on": (incident - dt.timedelta(days=12)).isoformat(), "time": "23:40",
             "event": "Police attend a reported argument; the baby is seen asleep, no injuries noted"},
            {"occurred_on": incident.isoformat(), "time": "07:55",
             "event": "Ambulance called by the father; baby admitted with a skull fracture"},
        ],
        "child": {
            "name": "Harley Webb", "date_of_birth": (incident - dt.timedelta(days=213)).isoformat(),
            "date_of_death_or_serious_incident": incident.isoformat(),
            "home_address": "Flat 6, Gull Court, Harbourside", "ethnic_origin": "White British",
            "faith": "None recorded", "disability": "None known",
            "child_protection_plan": "No plan; a child in need assessment was under way at the time",
            "incident_location": "Flat 6, Gull Court, Harbourside", "carer_at_time_of_incident": "Father",
            "criminal_investigation_known": True,
        },
        "family_members": [
            {"name": "Casey Webb", "date_of_birth": "2004-02-11", "address": "Flat 6, Gull Court, Harbourside",
             "relationship": "Mother"},
            {"name": "Rory Doyle", "date_of_birth": "2001-09-30", "address": "Flat 6, Gull Court, Harbourside",
             "relationship": "Father"},
        ],
        "background": "The family moved into the area during the pregnancy. Missed appointments and a cold, "
                      "sparsely furnished home were recorded, but no agency brought the concerns together.",
        "areas_of_learning": "Whether the police call-out was shared with health visiting; how missed "
                             "immunisations were followed up for a baby already known to be underweight.",
        "themes": {"actions_taken": "Police domestic incident notifications now copy the health visiting hub.",
                   "good_practice": "The emergency department completed a skeletal survey and referred at once."},
    }


def _teenager_exploitation(agencies: dict[str, Agency], users: dict[str, User], today: dt.date) -> dict[str, Any]:
    incident = today - dt.timedelta(days=9)
    return {
        "child_reference": "Child RL",
        "referrer": _contact(users["police.lead"], "0300 555 0233"),
        "senior_manager": _contact(users["police.manager"], "0300 555 0234"),
        "review_type_requested": "case_mapping",
        "rationale": "A fifteen-year-old was found after three days missing, with signs of criminal exploitation. "
                     "He was not seriously harmed, but four agencies held pieces of the picture.",
        "other_agencies": [
            {"agency_id": agencies["Riverside Academy"].id, "agency": "Riverside Academy",
             "contact_details": "Designated safeguarding lead, 0300 555 0260",
             "reason_for_involvement": "Attendance fell to half over the autumn term"},
            {"agency_id": agencies["Harbourside Children's Trust"].id, "agency": "Harbourside Children's Trust",
             "contact_details": "Adolescent support team, 0300 555 0141",
             "reason_for_involvement": "Early help assessment after two earlier missing episodes"},
        ],
        "chronology": [
            {"occurred_on": (incident - dt.timedelta(days=40)).isoformat(),
             "event": "First missing episode, returned by a relative the next morning"},
            {"occurred_on": incident.isoformat(), "time": "18:20",
             "event": "Found in another county with cash and two phones; return interview arranged"},
        ],
        "child": {
            "name": "Reece Lowe", "date_of_birth": (today - dt.timedelta(days=5600)).isoformat(),
            "date_of_death_or_serious_incident": incident.isoformat(), "home_address": "22 Ropewalk, Harbourside",
            "ethnic_origin": "Mixed White and Black Caribbean", "faith": "Christian",
            "disability": "ADHD, diagnosed at nine", "child_protection_plan": "Never subject to a plan",
            "incident_location": "Railway station car park, outside the county",
            "carer_at_time_of_incident": "Grandmother", "criminal_investigation_known": True,
        },
        "family_members": [
            {"name": "Maureen Lowe", "date_of_birth": "1961-05-19", "address": "22 Ropewalk, Harbourside",
             "relationship": "Grandmother and special guardian"},
        ],
        "background": "Grandmother raised concerns about older friends and new clothes twice before the boy "
                      "went missing for three days.",
        "areas_of_learning": "How missing episodes and falling attendance were connected, and whether the "
                             "exploitation screening tool was used.",
        "themes": {"actions_taken": "School now reports half-day absences to the missing and exploited hub.",
                   "good_practice": "The return home interview was held within 72 hours by a trusted worker."},
    }


def _toddler_ingestion(users: dict[str, User], today: dt.date) -> dict[str, Any]:
    incident = today - dt.timedelta(days=5)
    return {
        "child_reference": "Child SN",
        "referrer": _contact(users["hospital.lead"], "0300 555 0310"),
        "senior_manager": {"name": "Dr Imogen Blake", "designation": "Named doctor for safeguarding children",
                           "contact": {"phone": "0300 555 0311", "email": "imogen.blake@harbourside-scp.org.uk"}},
        "review_type_requested": "case_mapping",
        "rationale": "A two-year-old swallowed a parent's prescribed opioid and needed intensive care. She has "
                     "recovered; unsafe storage had been noticed by three services beforehand.",
        "other_agencies": [
            {"agency": "Harbourside Community Drug Service", "contact_details": "Duty worker, 0300 555 0388",
             "reason_for_involvement": "Prescribing and key work for the mother"},
        ],
        "chronology": [
            {"occurred_on": (incident - dt.timedelta(days=30)).isoformat(),
             "event": "Drug service home visit records medication left on a low shelf"},
            {"occurred_on": incident.isoformat(), "time": "16:05",
             "event": "Toddler brought to the emergency department drowsy; naloxone given"},
        ],
        "child": {
            "name": "Skye Norris", "date_of_birth": (incident - dt.timedelta(days=800)).isoformat(),
            "date_of_death_or_serious_incident": incident.isoformat(), "home_address": "3 Anchor Row, Harbourside",
            "ethnic_origin": "White Irish", "faith": "Roman Catholic", "disability": "None known",
            "child_protection_plan": "Child protection plan for neglect for nine months, ended last year",
            "incident_location": "3 Anchor Row, Harbourside", "carer_at_time_of_incident": "Mother",
            "criminal_investigation_known": False,
        },
        "family_members": [
            {"name": "Jade Norris", "date_of_birth": "1998-12-03", "address": "3 Anchor Row, Harbourside",
             "relationship": "Mother"},
        ],
        "background": "The plan ended when home conditions improved; the mother's treatment continued and "
                      "take-home doses were increased shortly before the incident.",
        "areas_of_learning": "Safe storage advice when take-home doses change, and whether the closed plan's "
                             "history was visible to the drug service.",
        "themes": {"actions_taken": "Lockable medication boxes are now issued with every take-home prescription.",
                   "good_practice": "The emergency department recognised opioid toxicity quickly."},
    }


def seed_demo_referrals(session: Session, agencies: dict[str, Agency], users: dict[str, User]) -> list[Referral]:
    """Three referrals: one decided by the three safeguarding partners (a review agreed), one with the business
    office, one awaiting sign-off."""
    today = clock.today()
    lead, manager = users["trust.lead"].as_principal(), users["trust.manager"].as_principal()
    office = users["business.office"].as_principal()

    decided = service.create(session, lead, ReferralCreate.model_validate(_infant_head_injury(agencies, users, today)))
    service.submit(session, lead, decided.id)
    service.sign_off(session, manager, decided.id, SignOff(agree=True))
    service.start_consideration(session, office, decided.id, StartConsideration())
    service.record_recommendation(session, office, decided.id, ReferralRecommendationCreate(
        review_recommended=True, review_type="cspr", legal_advice_sought=True,
        comments="Serious harm, neglect suspected, and a parallel police investigation.",
        reason="Both criteria met; several agencies involved without a shared picture of the risk."))
    for partner, reasons in (("la.partner", "Commission a lead reviewer; the trust will release the social worker."),
                             ("icb.partner", ""),
                             ("police.partner", "Agreed; the review must not prejudice the police investigation.")):
        service.record_partner_position(session, users[partner].as_principal(), decided.id, ReferralPartnerPosition(
            agreed=True, reasons=reasons, recorded_on=today - dt.timedelta(days=1)))

    police_lead, police_manager = users["police.lead"].as_principal(), users["police.manager"].as_principal()
    considering = service.create(session, police_lead,
                                 ReferralCreate.model_validate(_teenager_exploitation(agencies, users, today)))
    service.submit(session, police_lead, considering.id)
    service.sign_off(session, police_manager, considering.id, SignOff(agree=True))
    service.start_consideration(session, office, considering.id, StartConsideration())

    hospital = users["hospital.lead"].as_principal()
    waiting = service.create(session, hospital, ReferralCreate.model_validate(_toddler_ingestion(users, today)))
    service.submit(session, hospital, waiting.id)
    return [decided, considering, waiting]
