"""The OpenAPI document describes what the service really sends and needs, for every route, whenever added.

Applied to the generated document once (`install_contract` in create_app), generically, so a new route gets
it without doing anything:
- every error is documented as `application/problem+json` with the `Problem` schema (FastAPI's own 422 shape,
  `HTTPValidationError`, is never sent: core/errors.py answers validation errors as problems too);
- every operation documents the 503 (with Retry-After) it answers while the database is unavailable;
- an operation that takes a body documents the 400 a body that is not UTF-8 or not JSON gets;
- a file answer (a Word document, a calendar) is documented as binary, so clients read it as bytes;
- `If-Match` is documented as required where the edit refuses to go on without it (core/concurrency.IfMatch);
- `links` from each create to the operations on the record it made (`POST /things` -> `/things/{id}...`),
  and from each read of a versioned record to its edits (with the ETag as If-Match), so stateful clients
  and fuzzers follow create -> read -> update without guessing.
"""

import re
from collections.abc import Callable
from copy import deepcopy
from typing import Any

from fastapi import FastAPI

from backend.core.errors import PROBLEM_JSON

PROBLEM_REF = {"$ref": "#/components/schemas/Problem"}
REQUIRED_HEADER_MARK = "x-required-header"
BAD_BODY = {
    "description": "The body could not be read: it is not UTF-8, or not JSON",
    "content": {PROBLEM_JSON: {"schema": PROBLEM_REF}},
}
UNAVAILABLE = {"description": "The database is unavailable for a moment; nothing was changed (see Retry-After)",
               "headers": {"Retry-After": {"description": "Seconds to wait before trying again",
                                           "schema": {"type": "integer"}}},
               "content": {PROBLEM_JSON: {"schema": PROBLEM_REF}}}
_METHODS = ("get", "put", "post", "patch", "delete")


def install_contract(app: FastAPI) -> None:
    build: Callable[[], dict[str, Any]] = app.openapi
    done: list[bool] = []

    def openapi() -> dict[str, Any]:
        schema = build()
        if not done:
            apply_contract(schema)
            done.append(True)
        return schema

    app.openapi = openapi  # type: ignore[method-assign]


def apply_contract(schema: dict[str, Any]) -> None:
    for operations in schema.get("paths", {}).values():
        for method, operation in operations.items():
            if method not in _METHODS:
                continue
            responses = operation.setdefault("responses", {})
            for code, response in responses.items():
                content = response.get("content", {})
                for media_type, body in content.items():
                    if not body.get("schema") and "json" not in media_type:
                        body["schema"] = {"type": "string", "format": "binary"}  # a file: a Word document, a calendar
                # Errors with no content named are the app's own problems (core/errors.py answers them all).
                is_error_without_content = code[:1] in ("4", "5") and not content
                if PROBLEM_JSON in content or _is_fastapi_validation(content) or is_error_without_content:
                    response["content"] = {PROBLEM_JSON: {"schema": dict(PROBLEM_REF)}}
                    if code == "422" and response.get("description") == "Validation Error":
                        response["description"] = "Invalid input (field paths in `errors`)"
            # Copies throughout, so the YAML document spells each one out instead of using anchors.
            responses.setdefault("503", deepcopy(UNAVAILABLE))
            if "requestBody" in operation:
                responses.setdefault("400", deepcopy(BAD_BODY))
            for parameter in operation.get("parameters", []):
                if parameter.get("schema", {}).pop(REQUIRED_HEADER_MARK, False):
                    parameter["required"] = True
                    # Required, so never null (the handler answers a missing one with 428 after the 404 check).
                    declared = parameter["schema"]
                    parameter["schema"] = {"type": "string", "maxLength": next(
                        (c["maxLength"] for c in declared.get("anyOf", [declared]) if "maxLength" in c), 200)}
    _drop_unused(schema, ("HTTPValidationError", "ValidationError"))
    _link_creates_to_their_records(schema)


def _is_fastapi_validation(content: dict[str, Any]) -> bool:
    ref = content.get("application/json", {}).get("schema", {}).get("$ref", "")
    return ref.endswith("/HTTPValidationError")


def _drop_unused(schema: dict[str, Any], names: tuple[str, ...]) -> None:
    components = schema.get("components", {}).get("schemas", {})
    text = repr({key: value for key, value in schema.items() if key != "components"})
    for name in names:
        used_elsewhere = any(f"/{name}'" in repr(other) for key, other in components.items() if key not in names)
        if f"/{name}'" not in text and not used_elsewhere:
            components.pop(name, None)


def _operation_id(operation: dict[str, Any]) -> str:
    return str(operation["operationId"])


def _success(operation: dict[str, Any]) -> tuple[str, dict[str, Any]] | None:
    for code in ("201", "200"):
        if code in operation.get("responses", {}):
            return code, operation["responses"][code]
    return None


def _has_id(schema: dict[str, Any], response: dict[str, Any]) -> bool:
    ref = response.get("content", {}).get("application/json", {}).get("schema", {}).get("$ref", "")
    target = schema.get("components", {}).get("schemas", {}).get(ref.rsplit("/", 1)[-1], {})
    return "id" in target.get("properties", {})


def _link_name(method: str, path: str) -> str:
    words = [w for w in re.split(r"[^A-Za-z0-9]+", re.sub(r"\{[^}]+\}", "", path)) if w and w not in ("api", "v1")]
    return method.capitalize() + "".join(w.capitalize() for w in words)


def _requires_if_match(operation: dict[str, Any]) -> bool:
    return any(p.get("in") == "header" and p.get("name") == "If-Match" and p.get("required")
               for p in operation.get("parameters", []))


def _link_creates_to_their_records(schema: dict[str, Any]) -> None:
    paths: dict[str, dict[str, Any]] = schema.get("paths", {})
    for path, operations in paths.items():
        # A create: `POST /things` answering a record with an `id`; its record lives at `/things/{thing_id}`.
        create = operations.get("post")
        success = _success(create) if create else None
        if create is not None and success is not None and _has_id(schema, success[1]):
            record = re.compile(re.escape(path) + r"/\{([^}/]+)\}(/[^{}]*)?$")
            links = success[1].setdefault("links", {})
            for other, other_operations in paths.items():
                match = record.match(other)
                if match is None:
                    continue
                for method, operation in other_operations.items():
                    if method not in _METHODS:
                        continue
                    parameters = {f"path.{name}": f"$request.path.{name}" for name in re.findall(r"\{([^}]+)\}", path)}
                    parameters[f"path.{match.group(1)}"] = "$response.body#/id"
                    if _requires_if_match(operation):
                        parameters["header.If-Match"] = "$response.header.ETag"
                    links[_link_name(method, other)] = {"operationId": _operation_id(operation),
                                                        "parameters": parameters}
            if not links:
                success[1].pop("links")
        # A read of a versioned record: its ETag is the If-Match of the edits at the same path.
        read = operations.get("get")
        read_success = _success(read) if read else None
        if read is None or read_success is None or "ETag" not in read_success[1].get("headers", {}):
            continue
        names = re.findall(r"\{([^}]+)\}", path)
        for method, operation in operations.items():
            if method in _METHODS and method != "get" and _requires_if_match(operation):
                parameters = {f"path.{name}": f"$request.path.{name}" for name in names}
                parameters["header.If-Match"] = "$response.header.ETag"
                read_success[1].setdefault("links", {})[_link_name(method, path)] = {
                    "operationId": _operation_id(operation), "parameters": parameters}
