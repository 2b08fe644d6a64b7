"""Who sees a review group's records and what each may do: the business office and the lead reviewer (who chairs
the group) keep its membership and its meetings; whoever may see the review sees who is in the group; a meeting's
minutes are for the cross-agency roles, the lead reviewer and the agencies that sit in the group."""

import uuid

from sqlalchemy import ColumnElement, exists, select, true
from sqlalchemy.orm import object_session

from backend.core.access import Permission, Principal
from backend.core.visibility import visible
from backend.core.workflow import Step, Workflow
from backend.review_groups.models import Kept, ReviewGroupMeeting, ReviewGroupMember, meeting_attendees
from backend.reviews.models import Review, ReviewStage


def visible_meetings(principal: Principal) -> ColumnElement[bool]:
    """Within a review the caller may see: an agency sees the meetings only if it has a member in the group."""
    def in_group(agency_id: uuid.UUID) -> ColumnElement[bool]:
        return exists(select(ReviewGroupMember.id).where(
            ReviewGroupMember.review_id == ReviewGroupMeeting.review_id, ReviewGroupMember.agency_id == agency_id))
    return visible(principal, Permission.reviews_read, agency=in_group, lead_reviewer=lambda _user_id: true())


def _attended_none(member: ReviewGroupMember) -> str | None:
    session = object_session(member)
    attended = session is not None and session.scalar(
        select(exists().where(meeting_attendees.c.member_id == member.id)))
    return ("They attended a meeting of the group, so they stay on its record." if attended else None)


OPEN = frozenset(ReviewStage) - {ReviewStage.published}
P = Permission

# The group's own steps, on the review it belongs to.
GROUP: Workflow[Review, ReviewStage] = Workflow("review", "review", (
    Step("add_member", "Add a member to the review group", OPEN, None, P.review_group_manage),
    Step("record_meeting", "Record a meeting of the review group", OPEN, None, P.review_group_manage),
), state="stage")

MEMBER: Workflow[ReviewGroupMember, Kept] = Workflow("review_group_member", "member", (
    Step("remove", "Remove the member from the group", frozenset(Kept), None, P.review_group_manage,
         condition=_attended_none),
), state="kept")

MEETING: Workflow[ReviewGroupMeeting, Kept] = Workflow("review_group_meeting", "meeting", (
    Step("edit", "Change the meeting's record", frozenset(Kept), None, P.review_group_manage),
), state="kept")
