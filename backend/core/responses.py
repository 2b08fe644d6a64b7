"""Answers serialised once.

A route that returns a Pydantic model has FastAPI dump it to dicts, validate those again against its
`response_model` and only then serialise them: for a large answer (the integrated chronology's 2,000 entries, a
megabyte of JSON) that is most of the request, and it holds the answer three times over while it does. A route
that has already built its answer returns `serialised(answer)` instead, and keeps its `response_model` so the
OpenAPI document still says what it answers. The bytes are those FastAPI would have written: the same field
names (by alias), compact separators and UTF-8 text.
"""

from typing import Any

from fastapi import Response
from pydantic import BaseModel, TypeAdapter

JSON = "application/json"


def serialised(answer: BaseModel, status_code: int = 200) -> Response:
    """A model already built and validated, written as the JSON bytes of its answer."""
    return Response(answer.__pydantic_serializer__.to_json(answer, by_alias=True), status_code=status_code,
                    media_type=JSON)


def serialised_as(adapter: TypeAdapter[Any], answer: Any, status_code: int = 200) -> Response:
    """A list (or any type an adapter describes) already built and validated, written as its JSON bytes."""
    return Response(adapter.dump_json(answer, by_alias=True), status_code=status_code, media_type=JSON)
