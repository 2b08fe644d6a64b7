"""Demo chronologies for Child LW's review: the Children's Trust and the police have submitted theirs, the academy
is still writing its own. Between the strategy discussion in June and the school's return in September no agency
recorded any contact: the integrated chronology shows that gap.

Every name, place and event here is invented for the demo.
"""

import datetime as dt
from collections.abc import Mapping

from sqlalchemy.orm import Session

from backend.chronologies import service
from backend.chronologies.schemas import ChronologyEntryCreate, ChronologyRequest
from backend.core import clock
from backend.identity.models import User
from backend.reviews.models import Review

# (days before the incident, time or None, source, what happened, significance)
Entry = tuple[int, str | None, str, str, str]

TRUST: list[Entry] = [
    (420, "10:15", "MASH contact record", "Health visitor contact: mother low in mood after the birth of Child LW's "
     "sibling; no concerns about the children's care recorded.", "First contact with the family; mother's mental "
     "health noted but no assessment offered."),
    (401, None, "MASH decision", "Contact closed with advice to the health visitor; no further action.",
     "Decision made without checking police records for the household."),
    (305, "16:40", "Emergency duty team log", "Police notification of a domestic incident between mother and her "
     "partner; Child LW (then 6) present.", "Child present during a domestic incident: threshold for a strategy "
     "discussion considered but not held."),
    (304, "12:15", "Case note", "Telephone call to mother: she says the incident was a one-off.",
     "Mother's account accepted without speaking to Child LW."),
    (303, "11:00", "MASH contact record", "Police notification screened; referred to early help.",
     "The step down did not consider the earlier contact about mother's mental health."),
    (290, "14:00", "Early help record", "Early help worker's first visit; mother declined a parenting programme.",
     "Mother's disengagement was not escalated."),
    (262, None, "Early help record", "Early help closed: family not engaging.", "Closure without a multi-agency "
     "discussion; the school was not told."),
    (174, "09:20", "MASH contact record", "School referral: Child LW has bruising to the upper arm and says 'mum's "
     "friend grabbed me'.", "Disclosure naming mother's partner."),
    (174, "15:30", "Strategy discussion minutes", "Strategy discussion with police and the school; section 47 "
     "enquiry agreed.", "Timely strategy discussion; health not invited."),
    (170, "10:00", "Child and family assessment", "Home visit: Child LW seen alone; mother's partner said to have "
     "left the home.", "Partner's leaving accepted without checking."),
    (160, None, "Section 47 outcome", "Concerns not substantiated; child in need plan agreed.",
     "Plan relied on the partner having left."),
    (150, "14:30", "Case note", "Social worker visit: mother says the partner has not been back.",
     "No check made with the police, who held intelligence that he had."),
    (131, "13:00", "Child in need review minutes", "Child in need review: school reports good attendance; plan "
     "continues.", "Police not invited to the review."),
    (63, "09:45", "Case note", "Social worker visit: Child LW quiet; mother says her partner visits 'sometimes'.",
     "Partner back in the home; risk not reassessed."),
    (25, "11:30", "Case note", "Telephone call with the school: attendance improved; no concerns raised.",
     "The school's notes of weight loss were not mentioned or asked about."),
    (40, None, "Case note", "Case transferred to a new social worker after a restructure.",
     "Third social worker in eight months."),
    (12, "16:10", "Case note", "New social worker's first visit: no answer at the door; letter left.",
     "No visit achieved in the weeks before the incident."),
    (0, "22:30", "Emergency duty team log", "Hospital notification: Child LW admitted with a head injury.",
     "The serious incident."),
]

POLICE: list[Entry] = [
    (305, "02:10", "Storm log 1187", "Officers called by a neighbour to shouting at the home; mother and partner "
     "arguing; Child LW awake on the stairs.", "Child witnessed the incident; DASH risk assessment graded standard."),
    (305, "09:00", "Public protection notice", "PPN submitted to the MASH.", "Notification made as required."),
    (280, "10:00", "Domestic abuse unit review", "Standard-risk case reviewed; no further action.",
     "Previous history at the address not considered."),
    (241, "23:50", "Storm log 3302", "Second call from the same address; partner gone on arrival; mother said it "
     "was 'just words'.", "No PPN submitted because no child was seen; the school was not told."),
    (174, "15:30", "Strategy discussion minutes", "Detective constable joined the strategy discussion; partner's "
     "previous convictions for assault shared.", "Important information shared promptly."),
    (171, "11:00", "Crime record", "Partner interviewed under caution about the bruising; denied it; no further "
     "action.", "Decision made before the child's account was video recorded."),
    (155, None, "Intelligence log", "Information that the partner was staying at the address again.",
     "Not shared with children's social care."),
    (148, "21:05", "Storm log 4410", "Report of a man shouting outside the address; no one found.",
     "Not linked to the earlier incidents."),
    (160, "16:00", "Case file", "Crime file closed: evidential difficulties.",
     "Child's account never recorded on video."),
    (24, "00:40", "Storm log 6031", "Neighbour reports a child crying for a long time; officers attend, mother says "
     "the child had a nightmare.", "Child not seen by officers."),
    (23, "09:10", "Public protection notice", "PPN submitted after the night-time call.",
     "Received by the MASH the day the case was transferred; not read for a week."),
    (0, "22:55", "Crime record", "Officers attend the hospital; partner arrested.", "The serious incident."),
]

SCHOOL: list[Entry] = [
    (250, "08:40", "CPOMS", "Child LW arrived late and hungry; given breakfast.", "Start of a pattern of lateness."),
    (232, None, "CPOMS", "Attendance 86% for the autumn term; letter sent home.", "Attendance falling."),
    (174, "09:05", "CPOMS", "Bruising seen on the upper arm in PE; Child LW said 'mum's friend grabbed me'. DSL "
     "referred to the MASH.", "Prompt referral."),
    (170, "13:00", "CPOMS", "DSL spoke to the social worker: Child LW to be seen alone at school.",
     "Good liaison."),
    (140, "15:20", "CPOMS", "Mother did not come to parents' evening.", "No follow-up call made."),
    (110, "08:50", "CPOMS", "Child LW absent for three days; mother says illness.", "No medical evidence asked "
     "for."),
    (98, None, "CPOMS", "Summer term report: Child LW withdrawn in class.", "Change in presentation."),
    (34, "09:00", "CPOMS", "Child LW returned in September; teacher notes weight loss.", "Not shared with the "
     "social worker."),
    (27, "12:00", "School nurse record", "School nurse weighed Child LW: weight on the 9th centile, down from "
     "the 25th.", "Significant weight loss; not shared beyond the school."),
    (20, "10:30", "CPOMS", "Child LW asked to stay behind at home time 'because it's quiet here'.",
     "Possible indication of fear of going home."),
]


def _entries(rows: list[Entry], incident: dt.date) -> list[ChronologyEntryCreate]:
    return [ChronologyEntryCreate(occurred_on=incident - dt.timedelta(days=days),
                                  occurred_time=dt.time.fromisoformat(time) if time else None,
                                  source=source, what_happened=what, significance=significance)
            for days, time, source, what, significance in rows]


def seed_demo_chronologies(session: Session, review: Review, users: Mapping[str, User]) -> None:
    """Asked of three of the review's agencies by the business office; two submitted, one in draft."""
    office = users["business.office"].as_principal()
    incident = review.decided_on - dt.timedelta(days=21)
    by_name = {a.name: a for a in review.agencies}
    wanted = ["Harbourside Children's Trust", "Harbourside Police", "Riverside Academy"]
    asked = service.request_chronologies(session, office, review, ChronologyRequest(
        agency_ids=[by_name[name].id for name in wanted], due_date=clock.today() + dt.timedelta(days=14),
        note="Please cover the period from the birth of Child LW's sibling to the incident."))
    chronologies = {c.agency.name: c for c in asked}
    for name, author, rows, send in (("Harbourside Children's Trust", "trust.lead", TRUST, True),
                                     ("Harbourside Police", "police.lead", POLICE, True),
                                     ("Riverside Academy", "school.lead", SCHOOL, False)):
        principal = users[author].as_principal()
        service.add_entries(session, principal, chronologies[name], _entries(rows, incident))
        if send:
            service.submit(session, principal, chronologies[name])
