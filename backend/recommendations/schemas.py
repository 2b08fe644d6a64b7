import datetime as dt
import uuid
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from backend.core.schemas import NotNull, RequestBody
from backend.identity.schemas import AgencySummary
from backend.recommendations.models import LearningKind, OtherSourceKind, SourceType
from backend.themes.schemas import ThemeSummary

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=5000)]
Response = Annotated[str, StringConstraints(strip_whitespace=True, max_length=20000)]
Number = Annotated[int, Field(ge=1, le=999, description="The number in the review's list (3 for “Recommendation 3”)")]
AgencyIds = Annotated[list[uuid.UUID], Field(max_length=50, description="Named agencies it is addressed to (≤ 50)")]
ThemeIds = Annotated[list[uuid.UUID], Field(max_length=30, description="Themes from the managed list (≤ 30)")]
RepeatIds = Annotated[list[uuid.UUID], Field(max_length=20, description="Earlier recommendations it repeats (≤ 20)")]


class OtherSource(RequestBody):
    """A source outside the partnership's case reviews: an audit, a national review, another area's review."""

    kind: OtherSourceKind
    title: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=300)]
    reference: Annotated[str, StringConstraints(strip_whitespace=True, max_length=100)] | None = None


class RecommendationPartCreate(RequestBody):
    """A sub-part ("3a"): lettered in order."""

    text: Text
    addressed_to_partnership: bool = False
    agency_ids: AgencyIds = []
    theme_ids: ThemeIds = []
    response: Response = ""


class RecommendationCreate(RequestBody):
    """One learning output of a source: give exactly one of `rapid_review_id`, `review_id` and `other_source`."""

    kind: LearningKind
    number: Number
    text: Text
    rapid_review_id: uuid.UUID | None = None
    review_id: uuid.UUID | None = Field(None, description="A review or a case mapping exercise")
    other_source: OtherSource | None = None
    made_on: dt.date | None = Field(None, description="When the source made it (defaults to today)")
    addressed_to_partnership: bool = False
    agency_ids: AgencyIds = []
    theme_ids: ThemeIds = []
    response: Response = Field("", description="The partnership's response: what will be done and by whom")
    repeats_ids: RepeatIds = []
    parts: Annotated[list[RecommendationPartCreate], Field(max_length=26, description="Sub-parts a, b, … (≤ 26)")] = []


class RecommendationUpdate(RequestBody):
    number: NotNull[Number] = None
    text: NotNull[Text] = None
    made_on: NotNull[dt.date] = None
    addressed_to_partnership: NotNull[bool] = None
    agency_ids: NotNull[AgencyIds] = None
    theme_ids: NotNull[ThemeIds] = None
    response: NotNull[Response] = Field(None, description="The partnership's response (\"\" empties it)")
    repeats_ids: NotNull[RepeatIds] = None
    source_title: NotNull[Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=300)]] = (
        Field(None, description="Another source's title (only for a recommendation from another source)"))
    source_reference: Annotated[str, StringConstraints(strip_whitespace=True, max_length=100)] | None = None


class RecommendationRef(BaseModel):
    """Another recommendation, as a link names it."""

    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    label: str
    kind: LearningKind
    text: str
    made_on: dt.date
    child_reference: str
    source_title: str | None


class RecommendationRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    case_id: uuid.UUID | None = Field(description="None for a recommendation from another source")
    child_reference: str = Field(description="The case's anonymised reference; \"\" for another source")
    kind: LearningKind
    number: int
    part: str | None
    label: str = Field(description="How people cite it: “3”, “3a”")
    parent_id: uuid.UUID | None
    text: str
    made_on: dt.date
    source_type: SourceType
    rapid_review_id: uuid.UUID | None
    review_id: uuid.UUID | None
    source_kind: OtherSourceKind | None
    source_title: str | None
    source_reference: str | None
    addressed_to_partnership: bool
    agencies: list[AgencySummary]
    themes: list[ThemeSummary]
    response: str
    response_updated_at: dt.datetime | None
    parts: list["RecommendationRead"] = Field([], description="Sub-parts, in order")
    repeats: list[RecommendationRef] | None = Field(None, description="Earlier recommendations it repeats (on a "
                                                                      "single read; null in lists)")
    allowed_actions: list[str] = Field([], description="`edit`, `add_part`, `add_action`: what you may do now")


class SimilarRecommendation(BaseModel):
    """An earlier recommendation like the one being written, to link as repeated."""

    id: uuid.UUID
    label: str
    kind: LearningKind
    text: str
    made_on: dt.date
    source: str = Field(description="Where it came from, by anonymised reference or title")
    score: int = Field(description="How alike the two texts are, 0 to 100")
