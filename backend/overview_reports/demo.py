# ruff: noqa: E501  (the reports' prose is kept one paragraph a line, as a report is written)
"""Demo overview reports: Child RM's published report (two versions, an executive summary, comments, the whole
sign-off chain and its publication, with the PDF), and Child TS's report at sign-off, held by an anonymisation
finding: the lead reviewer's first version still names the child and the street."""

import datetime as dt
from collections.abc import Mapping
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from backend.cases.service import open_case
from backend.core import clock
from backend.events.models import EventKind
from backend.events.schemas import EventCreate
from backend.events.service import create_event, mark_held
from backend.identity.models import Agency, User
from backend.incident_notifications.characteristics import (
    Ethnicity,
    LookedAfterStatus,
    PlacementType,
    PlanStatus,
    Sex,
    YesNoNotKnown,
    age_on,
)
from backend.incident_notifications.models import IncidentCategory, IncidentNotification, NotifiedChild
from backend.overview_reports import service
from backend.overview_reports import sign_off as chain
from backend.overview_reports.models import (
    Publication,
    PublicationState,
    ReportDocument,
    ReportVersion,
    SignOffStepName,
)
from backend.overview_reports.schemas import SignOffStepTake, VersionShare
from backend.reviews.demo import seed_review_process
from backend.reviews.models import Review
from backend.reviews.schemas import ReviewStageChange, ReviewStep
from backend.reviews.service import change_stage, create_review

RM_FIRST = """Introduction

This review considers the multi-agency response to Child RM, who was three years old when admitted to hospital with serious injuries. The review was commissioned by the Harbourside Safeguarding Children Partnership after a rapid review.

Background

Child RM lived with their mother and two older siblings. The family had moved to the area eighteen months earlier and were known to children's social care through two earlier referrals about neglect.

Key practice episodes

Episode 1: the health visitor's last contact. The health visitor saw the family at home and noted that Child RM had missed two developmental checks. Concerns were recorded but not shared with the GP practice.

Episode 2: the nursery's concerns. Staff at St Brigid's Primary School nursery noticed bruising and spoke to the mother, who gave an explanation they accepted. The designated safeguarding lead was not told.

Learning

Practitioners did not hear the child's voice, and professional curiosity about the adults in the household was limited."""

RM_FINAL = RM_FIRST.replace(
    "Staff at St Brigid's Primary School nursery noticed bruising",
    "Staff at the child's nursery noticed bruising on two occasions",
) + """

Recommendations

1. The partnership should seek assurance that missed developmental checks are shared with the GP practice.
2. Schools and nurseries should be reminded that any unexplained bruising in a non-mobile or young child is shared with the designated safeguarding lead the same day."""

RM_SUMMARY = """Executive summary

Child RM was three years old when admitted to hospital with serious injuries. This review found that practitioners saw warning signs but did not share them, and that the child's voice was not heard.

The partnership has accepted both recommendations and will report on their impact in its yearly report."""

TS_FIRST = """Introduction

This review considers the multi-agency response to Child TS. Tyler was nine years old when found with serious injuries at the family home in Cormorant Close.

Background

Child TS lived with their father. The school had raised concerns about attendance and about bruising, and the police had attended the home twice after reports of domestic abuse.

Learning

Information shared at the strategy discussion was not followed up, and escalation procedures were not used when agencies disagreed."""


def _ts_case(session: Session, agencies: Mapping[str, Agency]) -> Review:
    """Child TS: notified to the National Panel before the service was used; the review decided 170 days ago."""
    today = clock.today()
    case = open_case(session, None, "Child TS")
    born, incident = today - dt.timedelta(days=3400), today - dt.timedelta(days=200)
    session.add(IncidentNotification(
        case=case, incident_date=incident, became_aware_on=today - dt.timedelta(days=199),
        category=IncidentCategory.serious_harm, abuse_or_neglect_suspected=True,
        summary="Found at home with serious injuries; the explanation given did not account for them.",
        notified_panel_on=today - dt.timedelta(days=196),
        notifying_agency_id=agencies["Harbourside Children's Trust"].id,
        incident_council="Harbourside City Council", home_council="Harbourside City Council",
        children=[NotifiedChild(
            position=0, name="Tyler Sands", date_of_birth=born, address="9 Cormorant Close, Harbourside HB3 7LP",
            age_at_incident=age_on(born, incident), sex=Sex.male, ethnicity=Ethnicity.white_british,
            disability=YesNoNotKnown.yes, disability_description="Autism; attends a specialist provision",
            looked_after_status=LookedAfterStatus.previously_looked_after, placement_type=PlacementType.kinship_care,
            child_in_need_plan=PlanStatus.current, child_protection_plan=PlanStatus.past,
            known_to_agencies=YesNoNotKnown.yes,
            known_agencies="Children's social care, the school, CAMHS and the police")]))
    return create_review(session, None, case=case, decided_on=today - dt.timedelta(days=170),
                         agency_ids=[agencies[n].id for n in ("Harbourside Children's Trust", "Harbourside Police",
                                                             "Harbourside Integrated Care Board", "Riverside Academy")])


def _share(session: Session, reviewer: User, review: Review, text: str, document: ReportDocument, note: str,
           shared_on: dt.date, restart_reason: str | None = None) -> ReportVersion:
    principal = reviewer.as_principal()
    draft = service.find_draft(session, review, document)
    service.save_draft(session, principal, review, document, text, f'"{draft.version}"' if draft else None)
    version = service.share_version(session, principal, review, VersionShare(document=document, note=note,
                                                                              restart_reason=restart_reason))
    version.shared_at = dt.datetime.combine(shared_on, dt.time(9, 30), dt.UTC)
    return version


def seed_demo_overview_reports(session: Session, agencies: Mapping[str, Agency], users: Mapping[str, User],
                               reviews: Mapping[str, Review]) -> None:
    today = clock.today()
    office, reviewer = users["business.office"], users["lead.reviewer"]
    rm = reviews["Child RM"]
    published_on = today - dt.timedelta(days=42)
    first = _share(session, reviewer, rm, RM_FIRST, ReportDocument.overview_report, "First draft for the review group",
                   published_on - dt.timedelta(days=120))
    scrutiny = service.add_comment(session, users["scrutineer"].as_principal(), rm, first,
                                   "The analysis of the nursery's response needs to say why the explanation was "
                                   "accepted, and what would have helped staff to challenge it.", 5, True)
    comment = service.add_comment(session, users["school.lead"].as_principal(), rm, first,
                                  "Please do not name the school: with the child's age it would identify the family.",
                                  5, False)
    service.answer_comment(session, reviewer.as_principal(), rm, comment, "Agreed: removed in version 2.")
    service.resolve_comment(session, reviewer.as_principal(), rm, comment)
    service.answer_comment(session, reviewer.as_principal(), rm, scrutiny, "Added to episode 2 in version 2.")
    final = _share(session, reviewer, rm, RM_FINAL, ReportDocument.overview_report,
                   "The school no longer named; recommendations added", published_on - dt.timedelta(days=100))
    summary = _share(session, reviewer, rm, RM_SUMMARY, ReportDocument.executive_summary, "For publication",
                     published_on - dt.timedelta(days=99))
    partners = {SignOffStepName.local_authority: users["la.partner"], SignOffStepName.integrated_care_board:
                users["icb.partner"], SignOffStepName.police: users["police.partner"]}
    for days, step in ((95, SignOffStepName.review_group), (80, SignOffStepName.sub_group),
                       (70, SignOffStepName.local_authority), (68, SignOffStepName.integrated_care_board),
                       (66, SignOffStepName.police), (60, SignOffStepName.national_panel)):
        who = partners.get(step, office)
        chain.take_step(session, who.as_principal(), rm, SignOffStepTake(
            step=step, version_id=final.id, decided_on=published_on - dt.timedelta(days=days)))
    for kind, days_before in ((EventKind.involved_practitioner_debrief, 2), (EventKind.open_debrief, 1)):
        event, _ = create_event(session, office.as_principal(), EventCreate(
            review_id=rm.id, kind=kind, title="Practitioner de-brief before publication",
            date=published_on - dt.timedelta(days=days_before), start_time=dt.time(9, 30), end_time=dt.time(11, 0),
            location="Harbourside Civic Centre, Room 4", capacity=40, create_open_link=False))
        mark_held(session, event)
    london = ZoneInfo("Europe/London")
    at = dt.datetime.combine(published_on, dt.time(10, 0), london).astimezone(dt.UTC)
    session.add(Publication(review_id=rm.id, case_id=rm.case_id, state=PublicationState.published, planned_at=at,
                            members_briefing_on=published_on - dt.timedelta(days=6),
                            press_statement_on=published_on - dt.timedelta(days=2), published_at=at,
                            published_version_id=final.id,
                            published_summary_version_id=summary.id))
    session.flush()
    change_stage(session, users["business.office"].as_principal(), rm.id,
                 ReviewStageChange(step=ReviewStep.publish, published_on=published_on))

    ts = _ts_case(session, agencies)
    seed_review_process(session, ts, agencies, users)  # commissioned, its group formed, its terms agreed
    principal = office.as_principal()
    for stage_step in (ReviewStep.begin_terms_of_reference, ReviewStep.begin_agency_submissions,
                       ReviewStep.begin_practitioner_engagement, ReviewStep.begin_overview_report):
        change_stage(session, principal, ts.id, ReviewStageChange(step=stage_step))
    version = _share(session, reviewer, ts, TS_FIRST, ReportDocument.overview_report, "First draft for the review group",
                     today - dt.timedelta(days=6))
    service.add_comment(session, users["scrutineer"].as_principal(), ts, version,
                        "A clear account; the learning on escalation could say more about why disagreement was not "
                        "raised.", 6, True)
    change_stage(session, principal, ts.id, ReviewStageChange(step=ReviewStep.begin_sign_off))
    session.flush()
