import datetime as dt

from pydantic import BaseModel, Field

from backend.identity.models import SafeguardingPartner
from backend.identity.schemas import AgencySummary


class RecordedPositionRead(BaseModel):
    for_review: bool = Field(description="Rapid review: a local Child Safeguarding Practice Review should be held. "
                                         "Referral: a review is agreed.")
    review_type: str | None = Field(description="Referral: the review type this partner agreed; null otherwise")
    agrees_with_recommendation: bool
    reasons: str = Field(description="Required when disagreeing with the recommendation; comments otherwise")
    recorded_by_name: str
    recorded_by_job_title: str | None
    recorded_at: dt.datetime
    recorded_on: dt.date = Field(description="The day the partner reached this position")


class PartnerPositionRead(BaseModel):
    """One safeguarding partner and its position (null until recorded)."""

    partner: SafeguardingPartner
    label: str = Field(description='How the partnership names the partner, e.g. "the integrated care board"')
    agency: AgencySummary | None
    position: RecordedPositionRead | None
