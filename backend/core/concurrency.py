"""Optimistic concurrency for records several people edit: a version number, sent as an ETag.

A model mixes in `Versioned`; its read endpoints call `set_etag(response, obj)`; its PATCH/PUT endpoints take
`if_match: IfMatch`, call `check_version(obj, if_match)` before changing anything, and `set_etag` afterwards.
Without `If-Match` the edit is refused with 428, with a stale one with 412, so nobody overwrites a change they
have not seen. SQLAlchemy also checks the version in the UPDATE itself (`version_id_col`), so two edits that both
passed the check at the same moment cannot both land: the second one's flush raises `StaleDataError`, answered 412.

The version is checked after the record is found (404), the caller's right to change it (403) and its state
(409), as RFC 9110 orders preconditions, and before anything changes.

Every UPDATE of the row is a new version, so a state change (submit, sign-off) makes earlier ETags stale too.
A change held in another table (the list of agencies, a rapid review's meeting) calls `touch(obj)` so that it
also counts. A state-change POST that carries content may take `if_match: OptionalIfMatch` and call
`check_version_if_sent`: a caller that sends If-Match is protected, one that does not is not refused.
"""

from typing import Annotated, Any

from fastapi import Depends, Header, Response
from sqlalchemy.orm import Mapped, declared_attr, mapped_column, object_session
from sqlalchemy.orm.attributes import flag_modified

from backend.core import clock
from backend.core.errors import PROBLEM_JSON, PreconditionFailed, PreconditionRequired, Problem


class Versioned:
    """Adds `version` (1 on insert, +1 on every UPDATE) and makes SQLAlchemy check it on each flush."""

    version: Mapped[int] = mapped_column(server_default="1")

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, Any]:  # noqa: N805 - declared_attr receives the class
        return {"version_id_col": cls.__table__.c.version}  # type: ignore[attr-defined]


def _if_match(
    if_match: Annotated[str | None, Header(
        alias="If-Match", max_length=200, json_schema_extra={"x-required-header": True},
        description='The `ETag` of the version you read, e.g. `"3"`. Required: without it the change is refused '
                    "with 428; if the record has changed since, with 412.",
    )] = None,
) -> str | None:
    return if_match


# The raw header; `check_version` refuses a missing one, after the record is found (so an unknown id stays a 404).
IfMatch = Annotated[str | None, Depends(_if_match)]


def _optional_if_match(
    if_match: Annotated[str | None, Header(
        alias="If-Match", max_length=200,
        description='Optional: the `ETag` of the version you read, e.g. `"3"`. When sent and the record has changed '
                    "since, the request is refused with 412 and nothing changes.",
    )] = None,
) -> str | None:
    return if_match


OptionalIfMatch = Annotated[str | None, Depends(_optional_if_match)]


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


# The `responses=` of versioned endpoints: a read or a step answers with the ETag; a create with it on 201;
# an edit (If-Match required) also documents 412/428; a step that takes an optional If-Match documents 412.
VERSIONED_READ: dict[int | str, dict[str, Any]] = {200: {"headers": ETAG_HEADER}}
VERSIONED_CREATE: dict[int | str, dict[str, Any]] = {201: {"headers": ETAG_HEADER}}
VERSIONED_EDIT = VERSIONED_READ | PRECONDITION_RESPONSES
VERSIONED_STEP = VERSIONED_READ | {412: PRECONDITION_RESPONSES[412]}


def etag(obj: Versioned) -> str:
    return f'"{obj.version}"'


def set_etag(response: Response, obj: Versioned) -> None:
    """The ETag of the version the client will see; a change still pending is written first, so it is counted."""
    session = object_session(obj)
    if session is not None and (obj in session.new or session.is_modified(obj)):
        session.flush()
    response.headers["ETag"] = etag(obj)


def touch(obj: Versioned) -> None:
    """Make the next flush write a new version of `obj` although only rows elsewhere changed."""
    obj.updated_at = clock.now()  # type: ignore[attr-defined]  # every versioned model has TimestampMixin
    flag_modified(obj, "updated_at")


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


def check_version_if_sent(obj: Versioned, if_match: str | None) -> None:
    """Like `check_version`, for requests where If-Match is optional: only a stale one is refused."""
    if if_match is not None and if_match.strip():
        check_version(obj, if_match)
