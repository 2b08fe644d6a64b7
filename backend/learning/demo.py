"""Demo learning reports: three past reviews imported through the history import (neglect and information
sharing recurring across three reporting years, their actions complete on time, late or still open), Child RM's
recommendation on information sharing linked as repeating an earlier one, and Child HT's learning briefing sent to
three agencies, one of which confirmed it was discussed. Every name and event is invented for the demo."""

import csv
import datetime as dt
import io

from sqlalchemy import select
from sqlalchemy.orm import Session

from backend.core import clock
from backend.core.concurrency import touch
from backend.identity.models import Agency, User
from backend.learning import history, service
from backend.learning.models import DisseminatedItem
from backend.learning.schemas import DisseminationConfirm, DisseminationCreate
from backend.rapid_reviews.models import RapidReview
from backend.recommendations.models import Recommendation
from backend.reviews.models import Review

TRUST, POLICE, ICB = "Harbourside Children's Trust", "Harbourside Police", "Harbourside Integrated Care Board"
HOSPITAL, SCHOOL = "Harbourside University Hospitals NHS Trust", "Riverside Academy"


def _date(days_ago: int) -> str:
    return (clock.today() - dt.timedelta(days=days_ago)).strftime("%d/%m/%Y")


def _rows() -> list[list[str]]:
    """(reference, title, published, kind, number, part, text, themes, addressed to, response, action agency,
    action, outcome, due, status, completed on, evidence): the template's columns."""
    cspr = "Child Safeguarding Practice Review"
    zq, pf, ew = _date(3 * 365 + 40), _date(2 * 365 + 10), _date(365 + 60)
    return [
        ["Child ZQ", cspr, zq, "Recommendation", "1", "",
         "Agencies should share concerns about a child's home conditions with the health visitor and GP.",
         "Neglect; Information sharing", "Partnership",
         "The partnership issued a neglect toolkit with an information-sharing checklist.",
         ICB, "Add home-conditions concerns to the GP safeguarding template", "GPs see every concern raised",
         _date(3 * 365 - 120), "Complete", _date(3 * 365 - 125), "Audit of 30 GP records: 27 held the concerns."],
        ["Child ZQ", cspr, zq, "Recommendation", "2", "",
         "Practitioners should use the graded care profile when neglect is suspected.", "Neglect", "Partnership",
         "Graded care profile training was commissioned for all social work teams.",
         TRUST, "Train every social work team in the graded care profile", "Neglect assessed consistently",
         _date(3 * 365 - 200), "Complete", _date(3 * 365 - 180), "Use of the profile rose from 20% to 75% of cases."],
        ["Child PF", cspr, pf, "Recommendation", "1", "",
         "Police and health should share information about domestic abuse incidents where a pregnancy is known.",
         "Information sharing; Domestic abuse", f"{POLICE}; {ICB}",
         "Police now notify the midwifery service of every incident involving a pregnant woman.",
         POLICE, "Notify midwifery of incidents involving a pregnant woman", "Midwives know of the risk",
         _date(2 * 365 - 150), "Complete", _date(2 * 365 - 160),
         "Dip sample: 18 of 20 notifications reached midwives."],
        ["Child PF", cspr, pf, "Recommendation", "2", "",
         "Schools should be invited to every strategy discussion about a child of school age.",
         "Strategy discussions; Information sharing", TRUST,
         "The MASH now invites the designated safeguarding lead to every strategy discussion.",
         TRUST, "Invite schools to strategy discussions", "Schools contribute to every strategy discussion",
         _date(2 * 365 - 100), "Complete", _date(2 * 365 - 160),
         "Strategy discussion minutes show a school contribution in 9 of 10 sampled."],
        ["Child EW", cspr, ew, "Recommendation", "1", "",
         "Agencies should make sure concerns about neglect are shared when a family moves between areas.",
         "Neglect; Information sharing; School transition and record transfer", "Partnership",
         "A record-transfer protocol is being agreed with neighbouring partnerships.",
         TRUST, "Agree a record-transfer protocol with neighbouring areas", "Records follow families who move",
         _date(60), "In progress", "", ""],
        ["Child EW", cspr, ew, "Recommendation", "1", "a",
         "Schools to transfer safeguarding files within five school days of a child moving.",
         "School transition and record transfer", SCHOOL, "", SCHOOL,
         "Audit safeguarding file transfers", "Files reach the new school within five days",
         _date(-90), "Not started", "", ""],
    ]


def seed_demo_learning_reports(session: Session, agencies: dict[str, Agency], users: dict[str, User]) -> None:
    office = users["business.office"].as_principal()
    out = io.StringIO()
    csv.writer(out).writerows([[header for _k, header, _w in history.TEMPLATE], *_rows()])
    history.import_history(session, office, out.getvalue().encode(), "past-reviews.csv")

    # Child RM's recommendation on information sharing repeats Child ZQ's (improvements previously identified).
    review = session.scalars(select(Review).where(Review.child_reference == "Child RM")).one()
    sharing = session.scalars(select(Recommendation).where(
        Recommendation.review_id == review.id, Recommendation.text.ilike("%information%"))).first()
    earlier = session.scalars(select(Recommendation).where(Recommendation.source_reference == "Child ZQ",
                                                           Recommendation.number == 1)).one()
    if sharing is not None:
        sharing.repeats = [earlier]
        touch(sharing)

    rapid_review = session.scalars(select(RapidReview).where(RapidReview.child_reference == "Child HT")).one()
    sent = service.record_dissemination(session, office, DisseminationCreate(
        item=DisseminatedItem.learning_briefing, rapid_review_id=rapid_review.id,
        agency_ids=[agencies[POLICE].id, agencies[TRUST].id, agencies[HOSPITAL].id],
        teams="Response teams; locality social work teams; maternity and emergency department",
        sent_on=clock.today() - dt.timedelta(days=14)))
    police = next(record for record in sent if record.agency_id == agencies[POLICE].id)
    service.confirm(session, users["police.lead"].as_principal(), police.id, DisseminationConfirm(
        discussed_on=clock.today() - dt.timedelta(days=7),
        note="Discussed at the response sergeants' weekly meeting; cascaded to every shift."))
    service.record_dissemination(session, office, DisseminationCreate(
        item=DisseminatedItem.response_document, review_id=review.id,
        agency_ids=[agencies[TRUST].id, agencies[SCHOOL].id, agencies[ICB].id],
        teams="Safeguarding leads", sent_on=clock.today() - dt.timedelta(days=20)))
