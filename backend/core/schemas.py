"""What every request body shares: a field the API does not know is refused, never silently dropped.

Every Create / Update / action body inherits `RequestBody`, and so do the rows and blocks nested in one
(a referral's family members, a meeting's attendees). A field sent that is not in the schema answers
422, naming it, and nothing changes: for an integrating case system an ignored field is data lost
without a word. Response (`...Read`) models are plain `BaseModel`s.

A PATCH (`...Update`) body's fields are all optional: one left out keeps its value. A field that cannot be
emptied is `NotNull[...]`: `null` for it answers 422 naming it, and the schema does not offer `null`. A field
that may be emptied (a job title, an optional date) stays `X | None`, and `null` clears it.
"""

import datetime as dt
import enum
import re
import types
import uuid
from functools import cache
from typing import Annotated, Any, ClassVar, Literal, TypeVar, Union, get_args, get_origin

from fastapi import Query
from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    GetCoreSchemaHandler,
    GetJsonSchemaHandler,
    ValidationInfo,
    WithJsonSchema,
    field_validator,
)
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema, PydanticCustomError, core_schema

from backend.core.text import has_control_character


class RequestBody(BaseModel):
    """A request body, or a part of one: unknown fields are refused (`additionalProperties: false`), and so is a
    value of another JSON type than the schema gives (`"day": 0` is not read as 1 January 1970, nor `"urgent": 1`
    as true, nor `"capacity": "20"` as 20): the request is checked against the schema it publishes. Text carrying
    a control character is refused too, naming the field (core/text.py says why)."""

    model_config = ConfigDict(extra="forbid")
    _form: ClassVar[bool] = False

    @field_validator("*", mode="before")
    @classmethod
    def _as_documented(cls, value: Any, info: ValidationInfo) -> Any:
        if info.field_name is None:
            return value
        if any(has_control_character(text) for text in _texts(value)):
            raise PydanticCustomError(
                "control_character", "{name} contains an invisible control character (such as a form feed or an "
                "escape), which cannot be shown or printed: remove it", {"name": info.field_name})
        if cls._form:
            return value
        kinds = _json_kinds(cls, info.field_name)
        if kinds and not (_kinds_of(value) & kinds):
            raise PydanticCustomError("json_type", "{name} must be {kinds}",
                                      {"name": info.field_name, "kinds": " or ".join(
                                          _KIND_WORDS[kind] for kind in sorted(kinds) if kind in _KIND_WORDS)})
        return value


class FormBody(RequestBody):
    """A multipart form (an upload): every value arrives as text and is read by its declared type (`replace=true`),
    while an unknown field is still refused."""

    _form: ClassVar[bool] = True


def _texts(value: Any) -> list[str]:
    """The text of a value as sent: itself, or a list's or a mapping's texts (a nested body checks its own)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [part for item in value.items() for part in item if isinstance(part, str)]
    if isinstance(value, list | tuple):
        return [item for item in value if isinstance(item, str)]
    return []


_KIND_WORDS = {"string": "text", "integer": "a whole number", "number": "a number", "boolean": "true or false",
               "array": "a list", "object": "an object"}
_SIMPLE_KINDS: dict[type, str] = {bool: "boolean", int: "integer", float: "number", str: "string",
                                  dt.date: "string", dt.datetime: "string", dt.time: "string", uuid.UUID: "string",
                                  list: "array", dict: "object", type(None): "null"}


@cache
def _json_kinds(model: type[BaseModel], field: str) -> frozenset[str]:
    """The JSON types a field accepts, or nothing when that cannot be told (then pydantic alone decides)."""
    found = _kinds_of_annotation(model.model_fields[field].annotation)
    return frozenset() if found is None else frozenset(found)


def _kinds_of_annotation(annotation: Any) -> set[str] | None:
    origin = get_origin(annotation)
    if origin is Annotated:
        return _kinds_of_annotation(get_args(annotation)[0])
    if origin in (Union, types.UnionType):
        kinds: set[str] = set()
        for choice in get_args(annotation):
            found = _kinds_of_annotation(choice)
            if found is None:
                return None
            kinds |= found
        return kinds
    if origin is Literal:
        return set().union(*(_kinds_of(value) for value in get_args(annotation)))
    if origin in (list, set, frozenset, tuple):
        return {"array"}
    if origin is dict:
        return {"object"}
    if isinstance(annotation, type):
        if issubclass(annotation, BaseModel):
            return {"object"}
        if issubclass(annotation, enum.Enum):
            return set().union(*(_kinds_of(member.value) for member in annotation))
        for simple, kind in _SIMPLE_KINDS.items():
            if issubclass(annotation, simple):
                return {kind} | ({"integer"} if kind == "number" else set())
    return None


def _kinds_of(value: Any) -> set[str]:
    if isinstance(value, bool):
        return {"boolean"}
    if isinstance(value, int):
        return {"integer", "number"}
    if isinstance(value, float):
        return {"number", "integer"} if value.is_integer() else {"number"}
    if isinstance(value, BaseModel | dict):
        return {"object"}
    if isinstance(value, list | tuple | set | frozenset):
        return {"array"}
    for simple, kind in _SIMPLE_KINDS.items():
        if simple not in (bool, int, float) and isinstance(value, simple):
            return {kind}
    return set(_KIND_WORDS) | {"null"}  # a Python value built in code (a URL, an enum member): pydantic decides


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


# Query parameters: every string bounded; dates only as ISO 8601 text (`?due_before=0` is refused, not read
# as a count of seconds since 1970, which is what a date accepts from a number).
SearchText = Annotated[str | None, Query(max_length=200)]


def _iso_date_text(value: Any) -> Any:
    if isinstance(value, str) and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        raise PydanticCustomError("date_format", "must be a date written as YYYY-MM-DD, e.g. 2026-12-31")
    return value


def _iso_datetime_text(value: Any) -> Any:
    if isinstance(value, str) and not re.match(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}", value):
        raise PydanticCustomError("datetime_format",
                                  "must be a date and time written as YYYY-MM-DDTHH:MM with an offset, "
                                  "e.g. 2026-12-31T09:30:00Z")
    return value


QueryDate = Annotated[dt.date, BeforeValidator(_iso_date_text)]
QueryDateTime = Annotated[dt.datetime, BeforeValidator(_iso_datetime_text)]


def _local_time_text(value: Any) -> Any:
    if isinstance(value, str) and not re.fullmatch(_LOCAL_TIME, value):
        raise PydanticCustomError("local_time", "must be a local time written as HH:MM, e.g. 09:30, with no offset")
    return value


_LOCAL_TIME = r"([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9])?"
# A wall-clock time with no offset. The schema says exactly that (a JSON Schema `time` format would
# promise that `09:30:00Z` is accepted, and it is not: the time is local to the record's place).
LocalTime = Annotated[dt.time, BeforeValidator(_local_time_text), WithJsonSchema(
    {"type": "string", "pattern": f"^{_LOCAL_TIME}$", "maxLength": 8, "examples": ["09:30"]})]


def _to_the_minute(value: dt.time) -> dt.time:
    # The pattern sees only text (a request body takes nothing else); a time built in code is held to it too.
    if value.tzinfo is not None:
        raise ValueError("give the local wall-clock time (HH:MM) without an offset")
    return value.replace(second=0, microsecond=0)


# A LocalTime to the minute, for the times people are told (an event's start and end): seconds are dropped. The
# schema is LocalTime's.
LocalMinute = Annotated[LocalTime, AfterValidator(_to_the_minute)]
