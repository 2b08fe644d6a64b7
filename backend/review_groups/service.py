"""The review group: members (a user, or a named person from outside the service; their agency; their role) and
meetings (date, attendees, minutes, decisions and the family engagement update every meeting holds)."""

import uuid

from sqlalchemy import distinct, exists, func, select
from sqlalchemy.orm import Session

from backend.audit import service as audit
from backend.core import clock
from backend.core.access import Principal
from backend.core.concurrency import check_version, touch
from backend.core.errors import Invalid, NotFound
from backend.identity.models import Agency, User
from backend.identity.partners import PARTNERS
from backend.reminders.mail import long_date
from backend.review_groups.composition import Composition, composition, missing_of
from backend.review_groups.models import ReviewGroupMeeting, ReviewGroupMember
from backend.review_groups.policy import GROUP, MEETING, MEMBER, visible_meetings
from backend.review_groups.schemas import (
    CompositionRead,
    GroupMeetingCreate,
    GroupMeetingRead,
    GroupMeetingUpdate,
    MemberCreate,
    MemberRead,
    PartnerPresenceRead,
    ReviewGroupRead,
)
from backend.reviews.models import Review, ReviewStage, review_agencies
from backend.reviews.tasks import Found, ReviewTask, Summary, TaskSource, TaskStatus

_MEETING_FIELDS = ("held_on", "minutes", "decisions", "family_engagement")


def members(session: Session, review: Review) -> list[ReviewGroupMember]:
    return list(session.scalars(select(ReviewGroupMember).where(ReviewGroupMember.review_id == review.id)
                                .order_by(ReviewGroupMember.created_at, ReviewGroupMember.id)))


def meetings(session: Session, principal: Principal, review: Review) -> list[ReviewGroupMeeting]:
    return list(session.scalars(select(ReviewGroupMeeting).where(
        ReviewGroupMeeting.review_id == review.id, visible_meetings(principal))
        .order_by(ReviewGroupMeeting.held_on, ReviewGroupMeeting.created_at)))


def add_member(session: Session, actor: Principal, review: Review, data: MemberCreate) -> ReviewGroupMember:
    GROUP.check(actor, review, "add_member")
    errors = []
    user = session.get(User, data.user_id) if data.user_id else None
    if data.user_id and (user is None or not user.active):
        errors.append(("body.user_id", "Choose a person with an active account, or enter the person's name"))
    if data.user_id is None and not data.name:
        errors.append(("body.name", "Enter the member's name"))
    if not data.role:
        errors.append(("body.role", "Enter the member's role in the review group"))
    agency_id = data.agency_id or (user.agency_id if user else None)
    agency = session.get(Agency, agency_id) if agency_id else None
    if agency_id and agency is None:
        errors.append(("body.agency_id", "Choose an agency from the list"))
    if user is not None and session.scalar(select(ReviewGroupMember.id).where(
            ReviewGroupMember.review_id == review.id, ReviewGroupMember.user_id == user.id)):
        errors.append(("body.user_id", f"{user.name} is already a member of the review group"))
    if errors:
        raise Invalid("The member's details need correcting.", errors=errors)
    member = ReviewGroupMember(review_id=review.id, user_id=user.id if user else None,
                               name=user.name if user else data.name, agency=agency, role=data.role)
    session.add(member)
    session.flush()
    GROUP.take(session, actor, review, "add_member", checked=True,
               summary=f"{member.name} joined the review group ({review.child_reference})",
               changes={"member": {"name": member.name, "agency": agency.name if agency else None,
                                   "role": member.role}})
    return member


def remove_member(session: Session, actor: Principal, review: Review, member_id: uuid.UUID) -> None:
    member = session.get(ReviewGroupMember, member_id)
    if member is None or member.review_id != review.id:
        raise NotFound("No such member of this review group.")
    MEMBER.check(actor, member, "remove")
    audit.record(session, actor, "remove_member", "review", review.id,
                 f"{member.name} left the review group ({review.child_reference})",
                 {"member": {"name": member.name, "role": member.role}})
    session.delete(member)
    session.flush()


def _attendees(session: Session, review: Review, ids: list[uuid.UUID]) -> list[ReviewGroupMember]:
    found = list(session.scalars(select(ReviewGroupMember).where(
        ReviewGroupMember.review_id == review.id, ReviewGroupMember.id.in_(ids))))
    if len(found) != len(set(ids)):
        raise Invalid("Choose attendees from the review group's members.",
                      errors=[("body.attendee_ids", "Choose attendees from the review group's members")])
    return found


def _check_meeting(meeting: ReviewGroupMeeting) -> None:
    """Every box a meeting needs, all named at once; the date may be missing on a new meeting."""
    errors = []
    if meeting.held_on is None:
        errors.append(("body.held_on", "Enter the date of the meeting"))
    elif meeting.held_on > clock.today():
        errors.append(("body.held_on", "The date of the meeting must be today or in the past"))
    if not meeting.minutes:
        errors.append(("body.minutes", "Enter the minutes of the meeting"))
    if not meeting.family_engagement:
        errors.append(("body.family_engagement", "Enter the family engagement update: family engagement is an "
                                                 "item of every review group meeting"))
    if errors:
        raise Invalid("The meeting's record needs correcting.", errors=errors)


def record_meeting(session: Session, actor: Principal, review: Review, data: GroupMeetingCreate) -> ReviewGroupMeeting:
    GROUP.check(actor, review, "record_meeting")
    meeting = ReviewGroupMeeting(review_id=review.id, held_on=data.held_on, minutes=data.minutes,
                                 decisions=data.decisions, family_engagement=data.family_engagement,
                                 recorded_by_name=actor.name)
    _check_meeting(meeting)
    meeting.attendees = _attendees(session, review, data.attendee_ids)
    session.add(meeting)
    session.flush()
    audit.record(session, actor, "record_meeting", "review", review.id,
                 f"Review group meeting of {long_date(meeting.held_on)} recorded ({review.child_reference})",
                 audit.snapshot(meeting, _MEETING_FIELDS) | {"attendees": [m.name for m in meeting.attendees]})
    return meeting


def get_meeting(session: Session, principal: Principal, review: Review, meeting_id: uuid.UUID) -> ReviewGroupMeeting:
    meeting = session.scalar(select(ReviewGroupMeeting).where(
        ReviewGroupMeeting.id == meeting_id, ReviewGroupMeeting.review_id == review.id, visible_meetings(principal)))
    if meeting is None:
        raise NotFound("No such meeting of this review group.")
    return meeting


def update_meeting(session: Session, actor: Principal, review: Review, meeting_id: uuid.UUID, data: GroupMeetingUpdate,
                   if_match: str | None) -> ReviewGroupMeeting:
    meeting = get_meeting(session, actor, review, meeting_id)
    MEETING.check(actor, meeting, "edit")
    check_version(meeting, if_match)
    before = audit.snapshot(meeting, _MEETING_FIELDS) | {"attendees": [m.name for m in meeting.attendees]}
    changes = data.model_dump(exclude_unset=True, exclude={"attendee_ids"})
    for name, value in changes.items():
        setattr(meeting, name, value)
    if data.attendee_ids is not None:
        meeting.attendees = _attendees(session, review, data.attendee_ids)
        touch(meeting)
    _check_meeting(meeting)
    MEETING.take(session, actor, meeting, "edit", checked=True, audited_as=("review", review.id),
                 summary=f"Review group meeting of {long_date(meeting.held_on)} changed ({review.child_reference})",
                 changes=audit.diff(before, audit.snapshot(meeting, _MEETING_FIELDS)
                                    | {"attendees": [m.name for m in meeting.attendees]}))
    return meeting


def meeting_read(principal: Principal, meeting: ReviewGroupMeeting) -> GroupMeetingRead:
    return GroupMeetingRead.model_validate(meeting).model_copy(
        update={"allowed_actions": MEETING.allowed_actions(principal, meeting)})


def composition_read(found: Composition) -> CompositionRead:
    return CompositionRead(
        met=found.met, further_agencies=list(found.further_agencies),
        uninvolved_agencies=list(found.uninvolved_agencies), missing=list(found.missing),
        statutory_partners=[PartnerPresenceRead(partner=p.partner, label=p.label, agency_names=list(p.agency_names),
                                                met=p.met) for p in found.statutory_partners])


def as_read(session: Session, principal: Principal, review: Review) -> ReviewGroupRead:
    return ReviewGroupRead(
        review_id=review.id,
        members=[MemberRead.model_validate(m).model_copy(
            update={"allowed_actions": MEMBER.allowed_actions(principal, m)}) for m in members(session, review)],
        composition=composition_read(composition(session, review)),
        meetings=[meeting_read(principal, m) for m in meetings(session, principal, review)],
        allowed_actions=GROUP.allowed_actions(principal, review),
    )


def _summary(_review: Review) -> Summary:
    """The composition counted in SQL (composition.missing_of says what it still needs), and the first meeting."""
    members_agencies = (select(func.count(distinct(Agency.id)))
                        .join(ReviewGroupMember, ReviewGroupMember.agency_id == Agency.id)
                        .where(ReviewGroupMember.review_id == Review.id, Agency.safeguarding_partner.is_(None)))
    # Two levels down: correlated to the review by name (auto-correlation looks one level up only).
    involved = (select(review_agencies.c.agency_id).where(review_agencies.c.review_id == Review.id)
                .correlate(Review))
    partners = {f"partner_{partner.value}": exists().where(
        ReviewGroupMember.review_id == Review.id, ReviewGroupMember.agency_id == Agency.id,
        Agency.safeguarding_partner == partner) for partner in PARTNERS}
    return partners | {
        "further": members_agencies.scalar_subquery(),
        "uninvolved": members_agencies.where(Agency.id.not_in(involved)).scalar_subquery(),
        "anyone": exists().where(ReviewGroupMember.review_id == Review.id),
        "first": select(func.min(ReviewGroupMeeting.held_on)).where(ReviewGroupMeeting.review_id == Review.id)
        .scalar_subquery()}


def _build(_review: Review, found: Found) -> list[ReviewTask]:
    """Form the group the guidance asks for; hold its first meeting (which scopes the terms of reference)."""
    values = found.values
    missing = missing_of({partner.value for partner in PARTNERS if values[f"partner_{partner.value}"]},
                         values["further"], values["uninvolved"])
    anyone, first = values["anyone"], values["first"]
    formed = ReviewTask(
        stage=ReviewStage.terms_of_reference, key="review_group_formed", label="Form the review group",
        status=TaskStatus.completed if not missing else TaskStatus.in_progress if anyone else TaskStatus.not_started,
        hint="Meets the guidance's composition" if not missing else "Still needs: " + "; ".join(missing),
        section="review-group")
    met = ReviewTask(
        stage=ReviewStage.terms_of_reference, key="review_group_first_meeting",
        label="Hold the review group's first meeting",
        status=TaskStatus.completed if first else TaskStatus.not_started if anyone else TaskStatus.cannot_start_yet,
        hint=f"Held on {long_date(first)}" if first else None, section="review-group")
    return [formed, met]


REVIEW_GROUP_TASKS = TaskSource("review_group", _build, _summary)
