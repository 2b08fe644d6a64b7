"""What every request body shares: a field the API does not know is refused, never silently dropped.

Every Create / Update / action body inherits `RequestBody`, and so do the rows and blocks nested in one
(a referral's family members, a meeting's attendees). A field sent that is not in the schema answers
422, naming it, and nothing changes: for an integrating case system an ignored field is data lost
without a word. Response (`...Read`) models are plain `BaseModel`s.
"""

from pydantic import BaseModel, ConfigDict


class RequestBody(BaseModel):
    """A request body, or a part of one: unknown fields are refused (`additionalProperties: false`)."""

    model_config = ConfigDict(extra="forbid")
