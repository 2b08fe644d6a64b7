"""Optimistic concurrency for records several people edit: a version number, sent as an ETag.

A model mixes in `Versioned`; its read endpoints call `set_etag(response, obj)`; its PATCH/PUT endpoints take
`if_match: IfMatch`, call `check_version(obj, if_match)` before changing anything, and `set_etag` afterwards.
Without `If-Match` the edit is refused with 428, with a stale one with 412, so nobody overwrites a change they
have not seen. SQLAlchemy also checks the version in the UPDATE itself (`version_id_col`), so two edits that both
passed the check at the same moment cannot both land: the second one's flush raises `StaleDataError`, answered 412.
"""

from typing import Annotated, Any

from fastapi import Depends, Header, Response
from sqlalchemy.orm import Mapped, declared_attr, mapped_column

from backend.core.errors import PROBLEM_JSON, PreconditionFailed, PreconditionRequired, Problem


class Versioned:
    """Adds `version` (1 on insert, +1 on every UPDATE) and makes SQLAlchemy check it on each flush."""

    version: Mapped[int] = mapped_column(server_default="1")

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, Any]:  # noqa: N805 - declared_attr receives the class
        return {"version_id_col": cls.__table__.c.version}  # type: ignore[attr-defined]


def _if_match(
    if_match: Annotated[str | None, Header(
        alias="If-Match",
        description='The `ETag` of the version you read, e.g. `"3"`. Required: without it the change is refused '
                    "with 428; if the record has changed since, with 412.",
    )] = None,
) -> str | None:
    return if_match


# The raw header; `check_version` refuses a missing one, after the record is found (so an unknown id stays a 404).
IfMatch = Annotated[str | None, Depends(_if_match)]


# Documented on every conditional edit.
PRECONDITION_RESPONSES: dict[int | str, dict[str, Any]] = {
    code: {"model": Problem, "description": desc, "content": {PROBLEM_JSON: {}}}
    for code, desc in {
        412: "The record has changed since you read it (stale `If-Match`); nothing was changed",
        428: "`If-Match` is required: send the `ETag` you read",
    }.items()
}

ETAG_HEADER: dict[str, Any] = {
    "ETag": {"description": "The record's version; send it back as `If-Match` to change it",
             "schema": {"type": "string"}},
}


def etag(obj: Versioned) -> str:
    return f'"{obj.version}"'


def set_etag(response: Response, obj: Versioned) -> None:
    response.headers["ETag"] = etag(obj)


def _versions(if_match: str) -> set[str]:
    """The version numbers in an If-Match list; weak tags (`W/"3"`) are accepted as the same version."""
    found = set()
    for tag in if_match.split(","):
        tag = tag.strip()
        if tag.startswith("W/"):
            tag = tag[2:]
        found.add(tag.strip('"'))
    return found


def check_version(obj: Versioned, if_match: str | None) -> None:
    """Refuse the edit unless the caller names the record's current version."""
    if if_match is None or not if_match.strip():
        raise PreconditionRequired(
            "Send the record's ETag as If-Match, so a change made since you read it is not overwritten.",
            errors=[("header.If-Match", "required")],
        )
    if if_match.strip() == "*":
        raise PreconditionRequired("If-Match must name the version you read, not `*`.",
                                   errors=[("header.If-Match", "a specific ETag is required")])
    if str(obj.version) not in _versions(if_match):
        raise PreconditionFailed(
            "This record has changed since you read it. Reload it, check the changes, and try again.",
            errors=[("header.If-Match", "stale")],
        )
