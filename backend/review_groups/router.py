import uuid
from typing import Annotated

from fastapi import APIRouter, Response

from backend.core.access import Permission as P
from backend.core.access import Principal
from backend.core.auth import DbSession, Requires
from backend.core.concurrency import VERSIONED_CREATE, VERSIONED_EDIT, VERSIONED_READ, IfMatch
from backend.core.errors import PROBLEM_RESPONSES
from backend.review_groups import service
from backend.review_groups.schemas import (
    GroupMeetingCreate,
    GroupMeetingRead,
    GroupMeetingUpdate,
    MemberCreate,
    ReviewGroupRead,
)
from backend.reviews.nested import UnderReview
from backend.reviews.router import ReviewInScope

# Every route takes the review first (a review the caller may not see answers 404), then the caller's permission.
router = APIRouter(prefix="/api/v1/reviews/{review_id}/review-group", tags=["review group"],
                   responses=PROBLEM_RESPONSES)
Reader = Annotated[Principal, Requires(P.reviews_read)]
Manager = Annotated[Principal, Requires(P.review_group_manage)]
MEETINGS = UnderReview(service.get_meeting, service.meeting_read)


@router.get("", response_model=ReviewGroupRead)
def read_review_group(session: DbSession, review: ReviewInScope, principal: Reader) -> ReviewGroupRead:
    """The review group: its members, whether it has the composition the guidance asks for (and what is missing),
    and its meetings."""
    return service.as_read(session, principal, review)


@router.post("/members", response_model=ReviewGroupRead, status_code=201)
def add_member(session: DbSession, review: ReviewInScope, principal: Manager, data: MemberCreate) -> ReviewGroupRead:
    """Add a member: a user (`user_id`) or a person named in `name`, the agency they represent and their role
    (business office, lead reviewer)."""
    service.add_member(session, principal, review, data)
    return service.as_read(session, principal, review)


@router.delete("/members/{member_id}", response_model=ReviewGroupRead)
def remove_member(session: DbSession, review: ReviewInScope, principal: Manager,
                  member_id: uuid.UUID) -> ReviewGroupRead:
    """Remove a member who has attended no meeting (one who has stays on the record: 409)."""
    service.remove_member(session, principal, review, member_id)
    return service.as_read(session, principal, review)


@router.post("/meetings", response_model=GroupMeetingRead, status_code=201, responses=VERSIONED_CREATE)
def record_meeting(session: DbSession, review: ReviewInScope, principal: Manager, data: GroupMeetingCreate,
                   response: Response) -> GroupMeetingRead:
    """Record a meeting: date, attendees (members), minutes, decisions and the family engagement update, which
    every meeting must have (business office, lead reviewer)."""
    return MEETINGS.answer(principal, service.record_meeting(session, principal, review, data), response)


@router.get("/meetings/{meeting_id}", response_model=GroupMeetingRead, responses=VERSIONED_READ)
def read_meeting(session: DbSession, review: ReviewInScope, principal: Reader, meeting_id: uuid.UUID,
                 response: Response) -> GroupMeetingRead:
    """One meeting; `ETag` is its version, for the next change's `If-Match`."""
    return MEETINGS.one(session, principal, review, meeting_id, response)


@router.patch("/meetings/{meeting_id}", response_model=GroupMeetingRead, responses=VERSIONED_EDIT)
def update_meeting(session: DbSession, review: ReviewInScope, principal: Manager, meeting_id: uuid.UUID,
                   data: GroupMeetingUpdate, if_match: IfMatch, response: Response) -> GroupMeetingRead:
    """Change a meeting's record (its minutes, say), only on the version read (`If-Match`: 428 without, 412 if
    changed since)."""
    meeting = service.update_meeting(session, principal, review, meeting_id, data, if_match)
    return MEETINGS.answer(principal, meeting, response)
