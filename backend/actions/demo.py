"""Demo learning: the published review of Child RM and the rapid review of Child KD carry learning points,
recommendations (with sub-parts, themes and the partnership's responses) and the agencies' actions, some overdue,
some complete with evidence of impact, one awaiting closure approval and one cancelled.

Every name, place and event here is invented for the demo; the recommendations are written in the manner of a
published partnership response (seed 004), not copied from one.
"""

import datetime as dt
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from backend.actions import service as actions
from backend.actions.models import AgencyAction
from backend.actions.schemas import ActionCreate, Cancellation, ClosureApproval, CompletionRequest, ProgressUpdate
from backend.core import clock
from backend.core.access import Principal
from backend.identity.models import Agency, User
from backend.incident_notifications import service as notifications
from backend.incident_notifications.characteristics import (
    Ethnicity,
    LookedAfterStatus,
    PlanStatus,
    Sex,
    YesNoNotKnown,
)
from backend.incident_notifications.models import IncidentCategory
from backend.incident_notifications.schemas import IncidentNotificationCreate, NotifiedChildDetails
from backend.rapid_reviews import meeting
from backend.rapid_reviews import service as rapid_reviews
from backend.rapid_reviews.models import RapidReview
from backend.rapid_reviews.schemas import Attendee, ImmediateActionCreate, MeetingCreate
from backend.recommendations import service as recommendations
from backend.recommendations.models import LearningKind, Recommendation
from backend.recommendations.schemas import RecommendationCreate, RecommendationPartCreate
from backend.reviews.models import Review
from backend.themes.models import Theme
from backend.themes.service import ensure_seeded

K = LearningKind


def _days(n: int) -> dt.date:
    return clock.today() + dt.timedelta(days=n)


class _Demo:
    def __init__(self, session: Session, agencies: dict[str, Agency], users: dict[str, User]) -> None:
        self.session, self.agencies, self.users = session, agencies, users
        self.office: Principal = users["business.office"].as_principal()
        ensure_seeded(session)
        self.themes = {t.name: t.id for t in session.scalars(select(Theme))}

    def theme_ids(self, *names: str) -> list[Any]:
        return [self.themes[name] for name in names]

    def recommend(self, **fields: Any) -> Recommendation:
        return recommendations.create_recommendation(self.session, self.office, RecommendationCreate(**fields))

    def action(self, recommendation: Recommendation, agency: str, owner: str, description: str, outcome: str,
               due: dt.date) -> AgencyAction:
        return actions.create_action(self.session, self.office, ActionCreate(
            recommendation_id=recommendation.id, agency_id=self.agencies[agency].id,
            owner_id=self.users[owner].id, description=description, intended_outcome=outcome, due_date=due))

    def by(self, local: str) -> Principal:
        return self.users[local].as_principal()


def seed_demo_learning(session: Session, agencies: dict[str, Agency], users: dict[str, User]) -> None:
    demo = _Demo(session, agencies, users)
    review = session.scalars(select(Review).where(Review.child_reference == "Child RM")).one()
    _child_rm(demo, review)
    _child_kd(demo)


def _child_rm(demo: _Demo, review: Review) -> None:
    published = _days(-42)
    common = {"review_id": review.id, "made_on": published}
    demo.recommend(kind=K.learning_point, number=1, **common, theme_ids=demo.theme_ids("Escalation"),
                   text="Concerns about the family's home conditions were raised by the school three times "
                        "without being escalated beyond the duty social worker.")
    demo.recommend(kind=K.learning_point, number=2, **common, theme_ids=demo.theme_ids("The child's voice"),
                   text="Child RM was rarely seen alone, so her own account of home life was not recorded.")
    one = demo.recommend(
        kind=K.recommendation, number=1, **common, addressed_to_partnership=True,
        theme_ids=demo.theme_ids("Escalation"),
        text="The partnership to develop guidance and training on its escalation policy and make sure it reaches "
             "every agency's frontline staff.",
        response="The partnership team will write an e-learning course on the escalation policy. Once it is "
                 "ready, agencies will share it with their staff through their own training routes.")
    two = demo.recommend(
        kind=K.recommendation, number=2, **common, addressed_to_partnership=True,
        theme_ids=demo.theme_ids("Professional curiosity"),
        text="Partner agencies to encourage reflective supervision that guards against professional optimism and "
             "keeps professional curiosity alive.",
        response="Trainers on the partnership's programme receive a digest of learning from local reviews so that "
                 "professional curiosity runs through every course.")
    three = demo.recommend(
        kind=K.recommendation, number=3, **common,
        text="Assessments of parenting, and support for the parents of exploited children.", parts=[
            RecommendationPartCreate(
                text="Partners to remind practitioners that every agency contributes to assessments of parenting: "
                     "no one agency holds all the information.",
                addressed_to_partnership=True, theme_ids=demo.theme_ids("Information sharing"),
                response="The partnership team will write a short briefing on multi-agency input into parenting "
                         "assessments, for agencies to circulate."),
            RecommendationPartCreate(
                text="The exploitation sub group to map the support available to parents of children at risk of "
                     "exploitation.",
                agency_ids=[demo.agencies["Harbourside Children's Trust"].id],
                theme_ids=demo.theme_ids("Criminal exploitation"),
                response="The adolescent safeguarding toolkit will gain a version for parents and carers."),
        ])
    four = demo.recommend(
        kind=K.recommendation, number=4, **common, addressed_to_partnership=True,
        theme_ids=demo.theme_ids("The child's voice"),
        text="Agencies to review their recording standards, including how the child's voice is recorded, and "
             "make the expectations clear to practitioners.",
        response="Agencies will be reminded to see children alone and to record what they say in their own words.")
    five = demo.recommend(
        kind=K.recommendation, number=5, **common, text="Education settings and contextual safeguarding.", parts=[
            RecommendationPartCreate(
                text="Attendance procedures should respond to the child's wider vulnerability, not only the days "
                     "missed.", agency_ids=[demo.agencies["Riverside Academy"].id],
                theme_ids=demo.theme_ids("Neglect")),
            RecommendationPartCreate(
                text="Schools should transfer child protection records promptly when a child moves school.",
                agency_ids=[demo.agencies["Riverside Academy"].id],
                theme_ids=demo.theme_ids("School transition and record transfer"),
                response="The education sub group will reissue the record transfer flowchart to every setting."),
        ])
    demo.recommend(kind=K.question, number=1, **common, theme_ids=demo.theme_ids("Strategy discussions"),
                   text="How can the partnership be assured that strategy discussion minutes reach every agency "
                        "involved, GPs included?")
    demo.recommend(kind=K.single_agency_recommendation, number=1, **common, addressed_to_partnership=False,
                   agency_ids=[demo.agencies["Harbourside Police"].id],
                   theme_ids=demo.theme_ids("Fathers and significant males"),
                   text="Harbourside Police to include absent fathers and significant males in their background "
                        "checks for section 47 enquiries.")

    session = demo.session
    # Overdue and in progress: the e-learning is late.
    elearning = demo.action(one, "Harbourside Children's Trust", "trust.lead",
                            "Write and publish an e-learning course on the escalation policy.",
                            "Practitioners escalate unresolved concerns within five working days.", _days(-20))
    actions.post_update(session, demo.by("trust.lead"), elearning.id, ProgressUpdate(
        progress="Content drafted with the principal social worker; awaiting the learning platform's upload slot."))
    # Complete, with evidence of impact.
    curiosity = demo.action(two, "Harbourside University Hospitals NHS Trust", "hospital.lead",
                            "Add a reflective supervision prompt on professional optimism to safeguarding "
                            "supervision records.", "Supervision challenges assumptions about families' progress.",
                            _days(-10))
    actions.post_update(session, demo.by("hospital.lead"), curiosity.id, ProgressUpdate(
        progress="Prompt added to the supervision template and briefed to all named nurses."))
    actions.request_completion(session, demo.by("hospital.lead"), curiosity.id, CompletionRequest(
        progress="Template in use across the trust since last month.",
        evidence_of_impact="In an audit of 30 supervision records, 26 recorded a challenge to an optimistic view "
                           "of a family's progress, against 4 of 30 before the change.",
        impact_known_by="Quarterly supervision audit by the named nurse, reported to the trust's safeguarding "
                        "committee."))
    actions.approve_closure(session, demo.office, curiosity.id, ClosureApproval(completed_on=_days(-14)))
    # Awaiting the business office's approval of its closure.
    briefing = demo.action(three.parts[0], "Harbourside Police", "police.lead",
                           "Brief every public protection officer on contributing to parenting assessments.",
                           "Police information is part of every parenting assessment the trust completes.",
                           _days(14))
    actions.request_completion(session, demo.by("police.lead"), briefing.id, CompletionRequest(
        progress="Briefing delivered at all four public protection team meetings.",
        evidence_of_impact="Of the last 12 parenting assessments, 11 included a police contribution.",
        impact_known_by="Monthly check of assessments by the trust's quality assurance team, shared with us."))
    # Cancelled with its reason.
    pathways = demo.action(three.parts[1], "Harbourside Children's Trust", "trust.lead",
                           "Publish a directory of support for parents of exploited children.",
                           "Parents know where to turn.", _days(30))
    actions.cancel(session, demo.office, pathways.id, Cancellation(
        reason="Superseded: the parents' version of the adolescent toolkit covers the same support."))
    # Overdue and not started.
    demo.action(four, "Riverside Academy", "school.lead",
                "Revise the academy's recording standard so staff record the child's words.",
                "Records show what children say, in their own words.", _days(-5))
    # In progress, not yet due.
    transfer = demo.action(five.parts[1], "Riverside Academy", "school.lead",
                           "Check every file transferred this year against the two-week standard.",
                           "Child protection files reach the new school within two weeks.", _days(45))
    actions.start(session, demo.by("school.lead"), transfer.id)


def _child_kd(demo: _Demo) -> None:
    """A rapid review after an infant's sudden death: its immediate actions and its learning in the tracker."""
    session, today = demo.session, clock.today()
    trust, police = demo.agencies["Harbourside Children's Trust"], demo.agencies["Harbourside Police"]
    health = demo.agencies["Harbourside Integrated Care Board"]
    notification = notifications.create_notification(session, demo.office, IncidentNotificationCreate(
        child_reference="Child KD", incident_date=today - dt.timedelta(days=12),
        became_aware_on=today - dt.timedelta(days=11), notified_panel_on=today - dt.timedelta(days=9),
        category=IncidentCategory.death, abuse_or_neglect_suspected=True, notifying_agency_id=trust.id,
        agency_ids=[trust.id, police.id, health.id],
        incident_council="Harbourside City Council", home_council="Harbourside City Council",
        summary="A four-month-old baby died after co-sleeping with a parent who had been drinking.",
        children=[NotifiedChildDetails(
            name="Kit Darragh Lowe", date_of_birth=today - dt.timedelta(weeks=18),
            address="3 Ferry Lane, Harbourside HB1 7LD", sex=Sex.male, ethnicity=Ethnicity.white_irish,
            disability=YesNoNotKnown.no, looked_after_status=LookedAfterStatus.not_looked_after,
            child_in_need_plan=PlanStatus.never, child_protection_plan=PlanStatus.never,
            known_to_agencies=YesNoNotKnown.yes,
            known_agencies="Health visiting, the GP practice, and the police (two call-outs to the home)")],
    ))
    rapid_review = rapid_reviews.for_notification(session, notification.id)
    if rapid_review is None:
        raise RuntimeError("A notified death opens a rapid review.")
    meeting.record_meeting(session, demo.office, rapid_review, MeetingCreate(
        held_on=today - dt.timedelta(days=3),
        attendees=[Attendee(name="Dr Asha Patel", role="Designated doctor (chair)", agency="Integrated Care Board"),
                   Attendee(name="DI Joe Cole", role="Head of child protection", agency="Harbourside Police")],
        facts_reviewed="Agency chronologies; health visiting records; two police call-outs to the home.",
        immediate_action_needed=True,
        immediate_learning="Safer sleep advice is not repeated when a family's circumstances change.",
        key_practice_episodes=(
            "The new birth visit, where safer sleep was discussed once; it was not revisited after the police "
            "call-outs showed the father's drinking had increased.\n\nThe second police call-out, which was not "
            "shared with health visiting or the GP."),
        characteristics_and_inequalities=(
            "The family had moved between temporary accommodation three times, and the baby had no cot of his own. "
            "The meeting found that poverty and insecure housing shaped the risks he faced more than any "
            "assumption about the family's heritage, and that practitioners did not ask where he slept."),
        issues_of_national_importance=(
            "Safer sleep for babies in temporary accommodation, where a cot may not be provided: a recurring theme "
            "of sudden unexpected infant deaths nationally."),
        immediate_actions=[
            ImmediateActionCreate(description="Confirm the safety and care arrangements of the baby's sibling.",
                                  agency_id=trust.id, due_date=today + dt.timedelta(days=2)),
            ImmediateActionCreate(description="Share the family's history with the sibling's GP practice.",
                                  agency_id=health.id, due_date=today + dt.timedelta(days=5)),
        ]))
    _learning_of(demo, rapid_review)


def _learning_of(demo: _Demo, rapid_review: RapidReview) -> None:
    session = demo.session
    common = {"rapid_review_id": rapid_review.id, "made_on": clock.today() - dt.timedelta(days=3)}
    demo.recommend(kind=K.learning_point, number=1, **common,
                   theme_ids=demo.theme_ids("Sudden unexpected death in infancy", "Substance misuse"),
                   text="Safer sleep advice was given at birth but not repeated when the parents' drinking "
                        "increased.")
    safer_sleep = demo.recommend(
        kind=K.recommendation, number=1, **common, addressed_to_partnership=True,
        theme_ids=demo.theme_ids("Sudden unexpected death in infancy", "Domestic abuse"),
        text="Every agency visiting a home with a baby to repeat safer sleep advice when the family's "
             "circumstances change (a new partner, alcohol or drug use, a move).",
        response="The partnership will relaunch its safer sleep guidance with a checklist of changes that should "
                 "prompt the advice again.")
    officers = demo.action(safer_sleep, "Harbourside Police", "police.lead",
                           "Add safer sleep to the domestic abuse call-out checklist where a baby lives at the home.",
                           "Officers pass on safer sleep concerns to health visitors the same day.", _days(-3))
    actions.post_update(session, demo.by("police.lead"), officers.id, ProgressUpdate(
        progress="Checklist change agreed by the force's public protection board; in testing with one team."))
    tracked = session.scalars(select(AgencyAction).where(AgencyAction.immediate_action_id.is_not(None),
                                                         AgencyAction.case_id == rapid_review.case_id)
                              .order_by(AgencyAction.due_date)).first()
    if tracked is not None:
        actions.post_update(session, demo.by("trust.lead"), tracked.id, ProgressUpdate(
            progress="Sibling seen at her grandmother's home, where she is staying; a strategy discussion is "
                     "booked."))
