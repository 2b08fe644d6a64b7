"""Demo stage 1 data: a notified serious incident whose rapid review is gathering information; the agreed referral's
rapid review decided by the three safeguarding partners (one of them disagreeing, with reasons); another
notification's rapid review awaiting two of the three partners' positions; and one decided and its report sent to
the National Panel on time.

Every name, place and event here is invented for the demo.
"""

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from backend.cases.models import Case
from backend.core import clock
from backend.core.access import Role
from backend.core.concurrency import etag
from backend.core.errors import NotFound
from backend.identity.models import Agency, AgencyKind, User
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
from backend.information_requests import service as information_requests
from backend.information_requests.schemas import InformationRequestCreate, InformationResponse, KeyContact
from backend.rapid_reviews import briefing, meeting
from backend.rapid_reviews import service as rapid_reviews
from backend.rapid_reviews.models import RapidReview, Recommendation
from backend.rapid_reviews.schemas import (
    Attendee,
    ImmediateActionComplete,
    ImmediateActionCreate,
    LearningBriefingUpdate,
    MeetingCreate,
    PanelSubmission,
    RapidReviewPartnerPosition,
    RapidReviewRecommendationCreate,
)
from backend.referrals.models import Referral


def _agency(agencies: dict[str, Agency], kind: AgencyKind, hint: str = "") -> Agency:
    matches = [a for a in agencies.values() if a.kind == kind and hint.lower() in a.name.lower()]
    if not matches:
        raise LookupError(f"The demo needs a {kind.value} agency{' named like ' + hint if hint else ''}.")
    return sorted(matches, key=lambda a: (a.safeguarding_partner is None, a.name))[0]


def _user(users: dict[str, User], role: Role, agency: Agency | None = None) -> User:
    for user in users.values():
        if user.role == role and (agency is None or user.agency_id == agency.id):
            return user
    raise LookupError(f"The demo needs a {role.value} user.")


def seed_demo_rapid_reviews(session: Session, agencies: dict[str, Agency], users: dict[str, User]) -> None:
    """A notification for "Child HT" with an open rapid review: the police have answered, the hospital has not."""
    trust = _agency(agencies, AgencyKind.childrens_social_care)
    police = _agency(agencies, AgencyKind.police)
    hospital = _agency(agencies, AgencyKind.health, "hospital")
    gp = _agency(agencies, AgencyKind.health, "medical practice")
    office = _user(users, Role.business_office).as_principal()
    police_lead = _user(users, Role.agency_lead, police).as_principal()

    today = clock.today()
    notification = notifications.create_notification(session, office, IncidentNotificationCreate(
        child_reference="Child HT",
        incident_date=today - dt.timedelta(days=9),
        became_aware_on=today - dt.timedelta(days=8),
        notified_panel_on=today - dt.timedelta(days=6),
        category=IncidentCategory.serious_harm,
        abuse_or_neglect_suspected=True,
        notifying_agency_id=trust.id,
        agency_ids=[trust.id, police.id, hospital.id, gp.id],
        incident_council="Harbourside City Council", home_council="Saltmarsh District Council",
        summary=("A nine-week-old baby was brought to the emergency department with a skull fracture and older "
                 "rib fractures. The explanation given did not account for the injuries. When examined the same "
                 "day, the baby's two-year-old sister had bruising to her face and upper arms that was not "
                 "explained. She had been open to early help for missed health appointments."),
        children=[
            NotifiedChildDetails(
                name="Harley Tamsin Vale", date_of_birth=today - dt.timedelta(weeks=10),
                address="14 Saltmarsh Row, Harbourside HB4 2QT", sex=Sex.male,
                ethnicity=Ethnicity.mixed_white_and_black_african, disability=YesNoNotKnown.no,
                looked_after_status=LookedAfterStatus.not_looked_after, child_in_need_plan=PlanStatus.never,
                child_protection_plan=PlanStatus.never, known_to_agencies=YesNoNotKnown.yes,
                known_agencies="Midwifery, health visiting and the GP practice"),
            NotifiedChildDetails(
                name="Skye Marie Vale", date_of_birth=today - dt.timedelta(days=2 * 365 + 100),
                address="14 Saltmarsh Row, Harbourside HB4 2QT", sex=Sex.female,
                ethnicity=Ethnicity.mixed_white_and_black_african, disability=YesNoNotKnown.yes,
                disability_description="Global developmental delay; under the community paediatrician",
                looked_after_status=LookedAfterStatus.not_looked_after, child_in_need_plan=PlanStatus.past,
                child_protection_plan=PlanStatus.never, known_to_agencies=YesNoNotKnown.yes,
                known_agencies="Early help, health visiting, the GP practice and community paediatrics"),
        ],
    ))
    rapid_review = rapid_reviews.for_notification(session, notification.id)
    if rapid_review is None:
        raise RuntimeError("A serious harm notification opens a rapid review.")
    police_request, _hospital_request = information_requests.create_requests(
        session, office, rapid_review, InformationRequestCreate(
            agency_ids=[police.id, hospital.id],
            note="Please cover the six months before the incident, including any contact with the older sibling.",
        ))
    information_requests.submit(session, police_lead, police_request.id, InformationResponse(
        involvement=("Two domestic abuse incidents at the home address in the previous year, both graded standard "
                     "risk; no children were recorded as present at the second."),
        key_contacts=[
            KeyContact(date=today - dt.timedelta(days=140), contact_type="Domestic abuse call-out",
                       summary="Verbal argument reported by a neighbour; no offences disclosed."),
            KeyContact(date=today - dt.timedelta(days=60), contact_type="Domestic abuse call-out",
                       summary="Mother reported being pushed; declined to support a prosecution."),
        ],
        analysis=("The pregnancy was not recorded at the second call-out, so no referral to children's social care "
                  "was considered and the risk assessment did not account for an unborn baby."),
        immediate_learning="Officers attending domestic abuse incidents should ask about pregnancy and record it.",
        actions_taken="A briefing on unborn babies in domestic abuse risk assessments went to all response teams.",
        good_practice="Both incidents were shared with the multi-agency safeguarding hub within 24 hours.",
        author_name="Dan Reilly", author_role="Detective sergeant, child protection",
    ))
    document = briefing.briefing_of(session, rapid_review)
    briefing.update_briefing(session, office, rapid_review, LearningBriefingUpdate(
        case_in_brief="A baby under three months old suffered serious non-accidental injuries at home.",
        questions_for_your_team="How do you find out who lives in, and visits, a home where there is a new baby?",
    ), etag(document))
    _sent_to_the_panel(session, agencies, users)
    _decided_by_the_partners(session, users)
    _awaiting_two_partners(session, agencies, users)


def _sent_to_the_panel(session: Session, agencies: dict[str, Agency], users: dict[str, User]) -> None:
    """"Child EO": a young person criminally exploited, whose rapid review the partners decided without a local
    review; every section of the report to the Panel is filled in, and it went to the Panel within 15 working days."""
    trust = _agency(agencies, AgencyKind.childrens_social_care)
    police = _agency(agencies, AgencyKind.police)
    school = _agency(agencies, AgencyKind.education, "academy")
    hospital = _agency(agencies, AgencyKind.health, "hospital")
    icb = _agency(agencies, AgencyKind.health, "integrated care board")
    office = _user(users, Role.business_office).as_principal()
    today = clock.today()
    notification = notifications.create_notification(session, office, IncidentNotificationCreate(
        child_reference="Child EO",
        incident_date=today - dt.timedelta(days=31),
        became_aware_on=today - dt.timedelta(days=30),
        notified_panel_on=today - dt.timedelta(days=28),
        category=IncidentCategory.serious_harm,
        abuse_or_neglect_suspected=True,
        notifying_agency_id=trust.id,
        agency_ids=[trust.id, police.id, school.id, hospital.id],
        summary=("A fifteen-year-old girl was found with stab wounds in a flat in a neighbouring county, three days "
                 "after she was reported missing from home. Police believe she was being exploited to carry and "
                 "sell drugs on a county line."),
        incident_council="Westmarch County Council", home_council="Harbourside City Council",
        children=[NotifiedChildDetails(
            name="Esme Adaeze Oduya", date_of_birth=today - dt.timedelta(days=15 * 365 + 140),
            address="22 Wharf Terrace, Eastquay HB3 5RN", sex=Sex.female, ethnicity=Ethnicity.black_african,
            disability=YesNoNotKnown.no, looked_after_status=LookedAfterStatus.not_looked_after,
            child_in_need_plan=PlanStatus.current, child_protection_plan=PlanStatus.past,
            known_to_agencies=YesNoNotKnown.yes,
            known_agencies="Children's social care, the police missing persons team, school and the hospital")],
    ))
    rapid_review = rapid_reviews.for_notification(session, notification.id)
    if rapid_review is None:
        raise RuntimeError("A serious harm notification opens a rapid review.")
    # The children's trust's own account was given at the meeting by its service manager; the demo's other cases
    # hold its open requests and actions.
    requests = information_requests.create_requests(session, office, rapid_review, InformationRequestCreate(
        agency_ids=[police.id, school.id, hospital.id],
        note="Please cover the year before the incident, including each missing episode.",
    ))
    by_agency = {request.agency_id: request for request in requests}
    for agency, response in ((police, _POLICE), (school, _SCHOOL), (hospital, _HOSPITAL)):
        information_requests.submit(session, _user(users, Role.agency_lead, agency).as_principal(),
                                    by_agency[agency.id].id, response)

    meeting.record_meeting(session, office, rapid_review, MeetingCreate(
        held_on=today - dt.timedelta(days=20),
        attendees=[Attendee(name="Dr Asha Patel", role="Designated doctor (chair)", agency="Integrated Care Board"),
                   Attendee(name="DI Joe Cole", role="Head of child protection", agency="Harbourside Police"),
                   Attendee(name="Nadia Hussain", role="Service manager", agency="Children's Trust"),
                   Attendee(name="Priya Shah", role="Safeguarding project officer", agency="Business office")],
        facts_reviewed=("The notification, the three agencies' information responses, the children's trust's "
                        "account of its child in need plan and the police investigation summary. She had been "
                        "reported missing four times in the five months before the incident; each time she came "
                        "home within two days, and a return home interview was offered once."),
        immediate_action_needed=True,
        immediate_actions=[
            ImmediateActionCreate(description="Agree a safety plan at school for her younger brother, who is in "
                                              "year 8, with the exploitation hub.",
                                  agency_id=school.id, due_date=today),
            ImmediateActionCreate(description="Check that both children are registered with a GP and that their "
                                              "health records carry the exploitation concern.",
                                  agency_id=icb.id, due_date=today + dt.timedelta(days=10)),
        ],
        immediate_learning=(
            "A return home interview after every missing episode, offered by someone the young person knows, and "
            "an exploitation screening each time.\n\nA reduced timetable needs a safety plan for the hours out of "
            "school, agreed with children's social care.\n\nIntelligence about a child found out of area reaches "
            "children's social care the same day."),
        key_practice_episodes=(
            "The second missing episode: no return home interview took place, and the strategy discussion that "
            "followed considered neglect at home but not exploitation outside it.\n\nThe academy's move to a "
            "reduced timetable: it left her out of school most afternoons with no plan for that time, and children's "
            "social care was told a fortnight later.\n\nThe stop by a neighbouring force, in a car with an older "
            "man and a large sum of cash: the intelligence was shared with the local police but reached children's "
            "social care eleven days later."),
        characteristics_and_inequalities=(
            "She is a Black British girl. Several records describe her as 'streetwise' and as 'choosing' to go "
            "missing. The meeting found that this adultification shaped how risk was seen: she was treated as the "
            "source of trouble rather than as a child being exploited, and no one asked her about racism she had "
            "experienced at school or in the community.\n\nHer mother works shifts; meetings were arranged in "
            "working hours, and her absence was recorded as non-engagement. The academy's figures show Black girls "
            "are over-represented among pupils on reduced timetables; the meeting asks the partnership to look at "
            "that pattern."),
        issues_of_national_importance=(
            "Intelligence about children found out of area in county lines activity is not reliably shared between "
            "police forces and with the home local authority. The meeting draws this to the Panel's attention "
            "alongside its national work on criminal exploitation."),
    ))
    first_action = meeting.actions_of(session, rapid_review.id)[0]
    meeting.complete_immediate_action(session, office, rapid_review, first_action.id,
                                      ImmediateActionComplete(completed_on=today - dt.timedelta(days=15)))
    rapid_reviews.make_recommendation(session, office, rapid_review, RapidReviewRecommendationCreate(
        recommendation=Recommendation.no_cspr,
        rationale=("The learning is clear and is already being acted on. It repeats the findings of the "
                   "partnership's thematic review of exploitation last year, so a local review would add little."),
        learning_mechanisms=["Exploitation sub-group action plan", "7 minute briefing to all agencies",
                             "Multi-agency audit of return home interviews"],
    ))
    # The three safeguarding partners agree with the meeting, one after another.
    for partner, comments in (
            ("la.partner", "The learning is known and is being acted on through the exploitation sub-group, which "
                           "reports on the audit in three months."),
            ("icb.partner", ""),
            ("police.partner", "The police will lead the work on sharing intelligence across force boundaries.")):
        rapid_reviews.record_partner_position(session, users[partner].as_principal(), rapid_review,
                                              RapidReviewPartnerPosition(hold_cspr=False, reasons=comments,
                                                                         recorded_on=today - dt.timedelta(days=17)))
    rapid_reviews.send_to_panel(session, office, rapid_review, PanelSubmission(sent_on=today - dt.timedelta(days=16)))


_HOSPITAL = InformationResponse(
    involvement=("Two emergency department attendances in the year: a cut hand in the autumn, and the stab wounds. "
                 "The first attendance was late at night, with an adult who left before she was seen."),
    key_contacts=[KeyContact(date=clock.today() - dt.timedelta(days=150), contact_type="Emergency department",
                             summary="Cut hand; accompanied by an adult who left before triage.")],
    analysis=("At the first attendance the safeguarding questions were asked but the adult's leaving was not "
              "recorded as a concern, so no referral was made."),
    immediate_learning="An adult who leaves before a young person is seen is a reason to ask about exploitation.",
    actions_taken="The emergency department's safeguarding screen now asks who came with the young person.",
    good_practice="The trauma team referred to children's social care within the hour of her admission.",
    author_name="Grace Adeyemi", author_role="Named nurse for safeguarding children",
)
_POLICE = InformationResponse(
    involvement=("Four missing person reports in five months, each graded medium risk; one stop by a neighbouring "
                 "force in a car with an older man and cash."),
    key_contacts=[KeyContact(date=clock.today() - dt.timedelta(days=60), contact_type="Intelligence report",
                             summary="Neighbouring force's stop shared with the local intelligence unit.")],
    analysis=("The intelligence from the stop was not linked to the missing episodes, so the risk grading did not "
              "change and the exploitation hub was not told until eleven days later."),
    immediate_learning="Intelligence about a missing child found out of area is shared with the hub the same day.",
    actions_taken="A same-day flag between the missing persons unit and the exploitation hub.",
    good_practice="Officers found her quickly on each of the first three missing episodes.",
    author_name="Dan Reilly", author_role="Detective sergeant, child protection",
)
_SCHOOL = InformationResponse(
    involvement=("On roll throughout. Attendance fell below 70% in the spring term; a reduced timetable was "
                 "agreed with her mother in the summer term."),
    key_contacts=[KeyContact(date=clock.today() - dt.timedelta(days=120), contact_type="Reduced timetable meeting",
                             summary="Mornings only agreed for six weeks; review date set.")],
    analysis=("The reduced timetable was agreed as a behaviour measure without asking where she would be in the "
              "afternoons. The designated safeguarding lead was not part of the decision."),
    immediate_learning="A reduced timetable is a safeguarding decision and needs a safety plan.",
    actions_taken="The designated safeguarding lead now agrees every reduced timetable, with a safety plan.",
    good_practice="Her form tutor kept in touch by phone throughout and passed on what she said about her friends.",
    author_name="Mark Ellis", author_role="Designated safeguarding lead",
)


def _meeting(session: Session, office_user: User, rapid_review: RapidReview, held_on: dt.date, facts: str, *,
             learning: str, episodes: str, inequalities: str, national: str) -> None:
    meeting.record_meeting(session, office_user.as_principal(), rapid_review, MeetingCreate(
        held_on=held_on, facts_reviewed=facts, immediate_action_needed=False, immediate_learning=learning,
        key_practice_episodes=episodes, characteristics_and_inequalities=inequalities,
        issues_of_national_importance=national,
        attendees=[Attendee(name="Dr Nkechi Obi", role="Designated doctor (chair)",
                            agency="Harbourside Integrated Care Board"),
                   Attendee(name="Alison Grant", role="Head of the child protection team", agency="Harbourside Police"),
                   Attendee(name="Helen Morris", role="Service manager", agency="Harbourside Children's Trust")]))


def _decided_by_the_partners(session: Session, users: dict[str, User]) -> None:
    """Child HW's rapid review (opened when the partners agreed the referral): the meeting recommended no local
    review; the local authority and the integrated care board agreed, the police disagreed with reasons, so the
    majority decided not to hold one."""
    referral = session.scalar(select(Referral).join(Case, Case.id == Referral.case_id)
                              .where(Case.reference == "Child HW"))
    rapid_review = rapid_reviews.for_referral(session, referral.id) if referral else None
    if rapid_review is None:
        raise NotFound("The demo's agreed referral opens a rapid review.")
    office = users["business.office"]
    today = clock.today()
    _meeting(session, office, rapid_review, today - dt.timedelta(days=3),
             "The trust's, the police's and the hospital's chronologies, and the GP's records of the mother's "
             "treatment.",
             learning="Safe storage advice is repeated, and checked at a home visit, whenever a parent's take-home "
                      "dose of a substitute medicine changes.",
             episodes="The change to take-home doses two weeks before the incident: the drug service gave storage "
                      "advice by phone and did not know a toddler now lived in the home.\n\nThe closure of the "
                      "child protection plan: the drug service was not invited to the last conference and was not "
                      "told the plan had ended.",
             inequalities="The mother's treatment for addiction was discussed more than the child's daily life; "
                          "the meeting found the family's poverty and temporary housing (no lockable cupboard) "
                          "were noted but not acted on. No agency recorded the child's dual heritage or asked the "
                          "family about it.",
             national="None identified beyond the Panel's existing work on safe storage of opioid substitutes.")
    rapid_reviews.make_recommendation(session, office.as_principal(), rapid_review, RapidReviewRecommendationCreate(
        recommendation=Recommendation.no_cspr,
        rationale="The learning is about safe storage advice when take-home doses change, already being taken "
                  "forward by the drug service and the health visiting team.",
        learning_mechanisms=["Single-agency review by the drug service", "Learning briefing to all agencies"]))
    for partner, hold, reasons in (
            ("la.partner", False, "The single-agency review and the briefing will take the learning forward."),
            ("icb.partner", False, ""),
            ("police.partner", True, "Information about the closed child protection plan was not shared with the "
                                     "drug service; that is multi-agency learning a local review should examine.")):
        rapid_reviews.record_partner_position(session, users[partner].as_principal(), rapid_review,
                                              RapidReviewPartnerPosition(hold_cspr=hold, reasons=reasons,
                                                                         recorded_on=today - dt.timedelta(days=1)))


def _awaiting_two_partners(session: Session, agencies: dict[str, Agency], users: dict[str, User]) -> None:
    """Child KP's rapid review: the meeting recommended a local review; the integrated care board agreed, and the
    local authority's and the police's positions are still to come (on their partners' dashboards)."""
    trust = _agency(agencies, AgencyKind.childrens_social_care)
    police = _agency(agencies, AgencyKind.police)
    school = agencies["Riverside Academy"]
    office = users["business.office"]
    today = clock.today()
    notification = notifications.create_notification(session, office.as_principal(), IncidentNotificationCreate(
        child_reference="Child KP",
        incident_date=today - dt.timedelta(days=12),
        became_aware_on=today - dt.timedelta(days=11),
        notified_panel_on=today - dt.timedelta(days=10),
        category=IncidentCategory.serious_harm,
        abuse_or_neglect_suspected=True,
        notifying_agency_id=trust.id,
        agency_ids=[trust.id, police.id, school.id],
        summary=("A fourteen-year-old was found with serious stab wounds after going missing for three days. "
                 "The school had raised concerns about older boys collecting him at the gates."),
        incident_council="Harbourside City Council", home_council="Harbourside City Council",
        children=[NotifiedChildDetails(
            name="Kian Patrick Doyle", date_of_birth=today - dt.timedelta(weeks=740),
            address="7 Ropewalk Court, Harbourside HB2 6LD", sex=Sex.male,
            ethnicity=Ethnicity.white_gypsy_or_irish_traveller, disability=YesNoNotKnown.no,
            looked_after_status=LookedAfterStatus.not_looked_after, child_in_need_plan=PlanStatus.current,
            child_protection_plan=PlanStatus.never, known_to_agencies=YesNoNotKnown.yes,
            known_agencies="Children's social care, the school and the police missing persons team")],
    ))
    rapid_review = rapid_reviews.for_notification(session, notification.id)
    if rapid_review is None:
        raise RuntimeError("A serious harm notification opens a rapid review.")
    _meeting(session, office, rapid_review, today - dt.timedelta(days=2),
             "The school's record of concerns, two missing episodes and the police's exploitation screening.",
             learning="Older young people collecting a child at the school gates is an exploitation concern to "
                      "share with the exploitation hub the same day.",
             episodes="The school's concern about older boys at the gates, logged but not shared.\n\nThe two "
                      "missing episodes, each graded low risk without the school's information.",
             inequalities="An Irish Traveller boy whose family had moved three times in two years; records "
                          "describe the moves as the family's choice, and no agency asked how discrimination "
                          "in housing and at school had shaped them. His school attendance was treated as "
                          "cultural rather than as a safeguarding concern.",
             national="The meeting will ask the Panel whether exploitation screening tools used by different "
                      "agencies should agree on one threshold.")
    rapid_reviews.make_recommendation(session, office.as_principal(), rapid_review, RapidReviewRecommendationCreate(
        recommendation=Recommendation.local_cspr,
        rationale="Criminal exploitation was suspected for months; the agencies' screening tools disagreed."))
    rapid_reviews.record_partner_position(session, users["icb.partner"].as_principal(), rapid_review,
                                          RapidReviewPartnerPosition(hold_cspr=True, reasons="The GP and school "
                                                                     "nurse records show missed chances to ask."))
