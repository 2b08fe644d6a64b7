"""Schemathesis hooks for tests/test_fuzzing.py (loaded by `st run` through tests/schemathesis.toml).

- Each generated request that carries an `Idempotency-Key` gets a fresh one, as a real client's would: a fuzzer
  drawing the same few keys for different requests only ever meets the documented 422 for a reused key (the
  replay rules are tested in tests/test_integrations_idempotency.py).
- `schema_valid_input_passes_parsing`: a request the schema calls valid may still break a rule the schema cannot
  state (an agency that does not exist, a stale If-Match, a box that must be empty when another is chosen); that
  answers 412/422/428 and is allowed. What is not allowed is the parser refusing it: a 422 saying a value has
  the wrong type, length or format, or is missing, means the schema promised something the service does not
  accept (like a `time` with `Z` once was).
"""

import uuid

import schemathesis

# Pydantic's own words for a value that does not fit its declared type, shape or bounds.
# (Not "is not a field of this request": the tool itself sometimes adds a property to a case it still calls
# positive; its own negative_data_rejection check holds unknown fields to a 4xx.) Pydantic's words, and the plain
# English sentences core/messages.py (where present) translates them into; compared without regard to case.
_PARSING_REFUSALS = tuple(words.lower() for words in (
    "Input should", "String should", "List should", "Value should", "Field required", "should have at ",
    "must be text", "must be a whole number", "must be a number", "must be true or false", "must be a list",
    "must be an object", "must be a date", "must be a local time", "visible ASCII",
    "must be a real", "is not the kind of answer expected", "is not in the expected format", "characters or fewer",
    "characters or more", "can have at most", "Add at least", "Select one of the options", "Select yes or no",
    "must be the ID of a record",
))


@schemathesis.hook
def before_call(ctx, case, **kwargs):  # noqa: ANN001, ANN003 - schemathesis' hook signature
    if case.headers and "Idempotency-Key" in case.headers and case.meta is not None \
            and case.meta.generation.mode.is_positive:
        case.headers["Idempotency-Key"] = str(uuid.uuid4())


@schemathesis.check
def schema_valid_input_passes_parsing(ctx, response, case):  # noqa: ANN001 - schemathesis' check signature
    if case.meta is None or not case.meta.generation.mode.is_positive or response.status_code != 422:
        return None
    try:
        problem = response.json()
    except ValueError:
        return None
    if problem.get("title") != "Your request has errors":  # a rule of the service's own, not the parser's
        return None
    errors = problem.get("errors", [])
    refused = [e for e in errors if any(words in e.get("message", "").lower() for words in _PARSING_REFUSALS)
               and not _blank_once_trimmed(case.body, e.get("field", ""))]
    if refused:
        raise AssertionError(f"A request the schema allows was refused while parsing: {refused}")
    return None


def _blank_once_trimmed(body, field):  # noqa: ANN001, ANN201
    """Text is trimmed of surrounding whitespace before its length is checked (a blank answer is no answer), so
    whitespace the schema's minLength counted may leave it too short: that refusal is the rule, not a mismatch."""
    value = body
    for part in field.split(".")[1:] if field.startswith("body.") else []:
        if isinstance(value, list) and part.isdigit() and int(part) < len(value):
            value = value[int(part)]
        elif isinstance(value, dict) and part in value:
            value = value[part]
        else:
            return False
    return isinstance(value, str) and len(value.strip()) < len(value)

