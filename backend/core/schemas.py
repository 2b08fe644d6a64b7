"""What every request body shares: a field the API does not know is refused, never silently dropped.

Every Create / Update / action body inherits `RequestBody`, and so do the rows and blocks nested in one
(a referral's family members, a meeting's attendees). A field sent that is not in the schema answers
422, naming it, and nothing changes: for an integrating case system an ignored field is data lost
without a word. Response (`...Read`) models are plain `BaseModel`s.

A PATCH (`...Update`) body's fields are all optional: one left out keeps its value. A field that cannot be
emptied is `NotNull[...]`: `null` for it answers 422 naming it, and the schema does not offer `null`. A field
that may be emptied (a job title, an optional date) stays `X | None`, and `null` clears it.
"""

from typing import Annotated, Any, TypeVar

from pydantic import BaseModel, ConfigDict, Field, GetCoreSchemaHandler, GetJsonSchemaHandler
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema, PydanticCustomError, core_schema


class RequestBody(BaseModel):
    """A request body, or a part of one: unknown fields are refused (`additionalProperties: false`)."""

    model_config = ConfigDict(extra="forbid")


T = TypeVar("T")


class _RefusesNull:
    """Marks a PATCH field that may be left out (keeping its value) but never sent as `null`.

    The check runs only on a value sent, so leaving the field out still reads as `None` ("unchanged"),
    and the schema shows the field without `null`, so generated clients know it too.
    """

    def __get_pydantic_core_schema__(self, source: Any, handler: GetCoreSchemaHandler) -> CoreSchema:
        return core_schema.with_info_before_validator_function(_refuse_null, handler(source))

    def __get_pydantic_json_schema__(self, schema: CoreSchema, handler: GetJsonSchemaHandler) -> JsonSchemaValue:
        json_schema = handler(schema)
        choices = [choice for choice in json_schema.get("anyOf", []) if choice != {"type": "null"}]
        if "anyOf" in json_schema and len(choices) == 1:
            rest = {key: value for key, value in json_schema.items() if key != "anyOf"}
            return choices[0] | rest
        return json_schema


def _refuse_null(value: Any, info: core_schema.ValidationInfo) -> Any:
    if value is None:
        name = info.field_name or "This field"
        raise PydanticCustomError("null_refused", "{name} cannot be emptied: leave it out to keep it as it is",
                                  {"name": name})
    return value


def _no_default(schema: dict[str, Any]) -> None:
    schema.pop("default", None)  # a field left out is unchanged, not set to `null`


# `name: NotNull[Name] = None`: left out keeps the record's value; `null` answers 422 naming the field.
NotNull = Annotated[T | None, _RefusesNull(), Field(json_schema_extra=_no_default)]
