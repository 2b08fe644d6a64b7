"""What a person reads when their input is refused: a sentence in plain English that names the question, as the
GOV.UK error message guidance writes them ("Enter the date of the meeting", "Date of birth must be a real date"),
never a validator's own words ("String should have at most 20000 characters").

Pydantic's error types are translated here, once, for every request body and query; a domain's own refusals are
written as sentences where they are raised.
"""

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

# Lists whose rows are named in the singular: "Date of birth of child 2", not "of children 2".
_SINGULAR = {"children": "child", "family_members": "family member", "key_contacts": "key contact",
             "attendees": "attendee", "agencies": "agency", "entries": "entry", "key_events": "key event",
             "other_agencies": "other agency", "chronology": "chronology row", "members": "member",
             "immediate_actions": "immediate action", "sub_parts": "sub-part"}
_ACRONYMS = {"nhs": "NHS", "url": "URL", "id": "ID", "ids": "IDs", "dfe": "DfE", "cspr": "CSPR", "lado": "LADO",
             "icb": "ICB", "docx": "DOCX", "pdf": "PDF", "csv": "CSV", "xlsx": "XLSX"}


# Names whose words do not say what the question is.
_LABELS = {"held_on": "date of the meeting", "decided_on": "date of the decision", "sent_on": "date it was sent",
           "responded_on": "date of the response", "incident_date": "date of the incident",
           "became_aware_on": "date the local authority became aware",
           "notified_panel_on": "date the National Panel was notified", "occurred_on": "date",
           "agency_ids": "agencies", "agency_id": "agency", "lead_reviewer_id": "lead reviewer",
           "owner_id": "owner", "published_on": "date of publication", "due_before": "latest due date",
           "due_after": "earliest due date",
           # The rapid review meeting's sections of the report to the National Panel.
           "key_practice_episodes": "analysis of key practice episodes",
           "characteristics_and_inequalities": "section on how the child's ethnicity, disability and other "
                                               "characteristics, racism and other inequalities shaped their "
                                               "experience and the practice around them",
           "issues_of_national_importance": "issues of national importance, or say that none were identified"}


def _words(name: str) -> str:
    if name in _LABELS:
        return _LABELS[name]
    if name.endswith("_on") and name != "_on":  # "concluded_on": the date it concluded
        return "date " + _words(name.removesuffix("_on"))
    if name.endswith("_at"):
        return "date and time " + _words(name.removesuffix("_at"))
    words = name.removesuffix("_id").removesuffix("_ids").split("_")
    return " ".join(_ACRONYMS.get(w, w) for w in words if w)


def label(loc: Sequence[int | str]) -> str:
    """The question a location names, for people: ("body", "children", 1, "date_of_birth") → "date of birth of
    child 2"; ("query", "due_before") → "due before"."""
    parts = [p for p in loc if p not in ("body", "query", "path", "header")]
    named = [p for p in parts if isinstance(p, str)]
    if not named:
        return "this answer"
    text = _words(named[-1])
    for index, part in enumerate(parts):
        if isinstance(part, int) and index > 0 and isinstance(parts[index - 1], str):
            row = str(parts[index - 1])
            if parts[-1] == part:  # the row itself is the question: "family member 2"
                return f"{_SINGULAR.get(row, _words(row))} {part + 1}"
            text += f" of {_SINGULAR.get(row, _words(row).removesuffix('s'))} {part + 1}"
    return text


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


def plain(error: Mapping[str, Any]) -> str:
    """Pydantic's error, as a sentence naming the question."""
    kind, ctx, loc = error["type"], error.get("ctx") or {}, error["loc"]
    what = label(loc)
    if kind == "extra_forbidden":  # core/schemas.py: request bodies refuse fields they do not have
        return f"{loc[-1]} is not a field of this request; remove it"
    if kind == "null_refused":  # core/schemas.py NotNull: a field a PATCH may leave out but not empty
        return f"{_sentence(what)} cannot be emptied: leave it out to keep it as it is"
    if kind == "missing":
        return f"Enter the {what}" if not what.startswith(("child ", "family member ")) else f"Enter {what}"
    if kind == "string_too_short" and ctx.get("min_length") == 1:
        return f"Enter the {what}"
    if kind == "string_too_short":
        return f"{_sentence(what)} must be {ctx.get('min_length')} characters or more"
    if kind == "string_too_long":
        return f"{_sentence(what)} must be {ctx.get('max_length'):,} characters or fewer"
    if kind == "too_long":
        return f"{_sentence(what)} can have at most {ctx.get('max_length'):,}"
    if kind == "too_short":
        return f"Add at least {ctx.get('min_length')} to {what}"
    if kind == "value_error" and "email" in str(error.get("msg", "")).lower():
        return "Enter an email address in the correct format, like name@example.org"
    if kind in ("date_parsing", "date_from_datetime_parsing", "date_from_datetime_inexact", "date_type"):
        return f"{_sentence(what)} must be a real date, like 2025-03-27"
    if kind in ("datetime_parsing", "datetime_from_date_parsing", "datetime_type", "timezone_aware"):
        return f"{_sentence(what)} must be a real date and time"
    if kind in ("time_parsing", "time_type"):
        return f"{_sentence(what)} must be a real time, like 14:30"
    if kind in ("int_parsing", "int_type", "int_from_float"):
        return f"{_sentence(what)} must be a whole number"
    if kind in ("float_parsing", "float_type", "decimal_parsing"):
        return f"{_sentence(what)} must be a number"
    if kind in ("bool_parsing", "bool_type"):
        return f"Select yes or no for {what}"
    if kind in ("enum", "literal_error"):
        options = ctx.get("expected", "")
        return f"Select one of the options for {what}" + (f" ({options})" if options else "")
    if kind in ("uuid_parsing", "uuid_type", "uuid_version"):
        return f"{_sentence(what)} must be the ID of a record, like 3fa85f64-5717-4562-b3fc-2c963f66afa6"
    if kind in ("greater_than_equal", "greater_than"):
        return f"{_sentence(what)} must be {ctx.get('ge', ctx.get('gt'))} or more"
    if kind in ("less_than_equal", "less_than"):
        return f"{_sentence(what)} must be {ctx.get('le', ctx.get('lt'))} or less"
    if kind == "string_pattern_mismatch":
        return f"{_sentence(what)} is not in the expected format"
    if kind in ("model_type", "model_attributes_type", "dict_type", "list_type", "string_type", "json_invalid"):
        return f"{_sentence(what)} is not the kind of answer expected here"
    message = str(error.get("msg", "")).removeprefix("Value error, ").removeprefix("Assertion failed, ")
    return _sentence(message) if message else f"{_sentence(what)} is not a valid answer"


def day_month_year(day: dt.date) -> str:
    """"11 December 2026": a date as people read it, in timelines and messages."""
    return f"{day.day} {day:%B %Y}"
