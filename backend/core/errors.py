"""RFC 9457 problem details for every error the API returns, validation included."""

import logging
import re
from collections.abc import Mapping, Sequence
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError, PendingRollbackError
from sqlalchemy.orm.exc import StaleDataError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match

from backend.core import messages

PROBLEM_JSON = "application/problem+json"
RETRY_AFTER_SECONDS = 5
logger = logging.getLogger("backend")


class FieldError(BaseModel):
    field: str
    message: str


class Problem(BaseModel):
    """An RFC 9457 problem; `errors` lists the offending field paths."""

    type: str = "about:blank"
    title: str
    status: int
    detail: str | None = None
    instance: str | None = None
    errors: list[FieldError] = []


class ProblemError(Exception):
    status = 400
    title = "Bad request"
    type = "about:blank"
    keep_changes = False

    def __init__(
        self,
        detail: str | None = None,
        errors: Sequence[tuple[str, str]] = (),
        headers: dict[str, str] | None = None,
        **extra: Any,
    ) -> None:
        super().__init__(detail or self.title)
        self.detail = detail
        self.errors = [FieldError(field=f, message=m) for f, m in errors]
        self.headers = headers or {}
        self.extra = extra


class NotFound(ProblemError):
    status, title = 404, "Not found"


class Forbidden(ProblemError):
    status, title = 403, "Forbidden"


class Unauthorized(ProblemError):
    status, title = 401, "Not authenticated"

    def __init__(self, detail: str | None = None, **kw: Any) -> None:
        super().__init__(detail, headers={"WWW-Authenticate": "Bearer"}, **kw)


class Conflict(ProblemError):
    status, title = 409, "Conflict"


class InvalidTransition(ProblemError):
    status, title = 409, "Transition not allowed"
    type = "/problems/invalid-transition"


class Invalid(ProblemError):
    """Input that is well-formed but breaks a rule: the request changes nothing."""

    status, title = 422, "Unprocessable content"
    type = "/problems/validation"


class PreconditionRequired(ProblemError):
    status, title = 428, "Precondition required"


class PreconditionFailed(ProblemError):
    status, title = 412, "Precondition failed"


class TooManyRequests(ProblemError):
    status, title = 429, "Too many requests"


def problem_response(problem: Problem, headers: dict[str, str] | None = None, **extra: Any) -> JSONResponse:
    body = problem.model_dump(exclude_none=True) | extra
    return JSONResponse(body, status_code=problem.status, headers=headers, media_type=PROBLEM_JSON)


def _field_path(loc: Sequence[int | str]) -> str:
    return ".".join(str(part) for part in loc)


def _message(error: Mapping[str, Any]) -> str:
    return messages.plain(error)


async def http_problem(request: Request, exc: StarletteHTTPException) -> JSONResponse:
    """Starlette's own errors (no such route, method not allowed) as problems too."""
    headers = dict(getattr(exc, "headers", None) or {})
    if exc.status_code == 405:
        headers["Allow"] = ", ".join(allowed_methods(request))
    problem = Problem(title=_TITLES.get(exc.status_code, "Error"), status=exc.status_code,
                      detail=_DETAILS.get(str(exc.detail), str(exc.detail)), instance=request.url.path)
    return problem_response(problem, headers or None)


def allowed_methods(request: Request) -> list[str]:
    """Every method the resource at this path answers (Starlette's own 405 names only the first route's), as the
    API document lists them. The most specific path is the resource: `/recommendations/similar` is not
    `/recommendations/{recommendation_id}` with "similar" for an id, so the latter's methods are not its methods."""
    found = [(templated, methods) for pattern, templated, methods in _resources(request.app)
             if pattern.fullmatch(request.url.path)]
    if not found:
        routes = request.app.router.routes
        return [method for method in _METHODS
                if any(route.matches({**request.scope, "method": method})[0] == Match.FULL for route in routes)]
    fewest = min(templated for templated, _ in found)
    answered = {method for templated, methods in found if templated == fewest for method in methods}
    return [method for method in _METHODS if method in answered]


_METHODS = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE")


def _resources(app: FastAPI) -> list[tuple[re.Pattern[str], int, frozenset[str]]]:
    cached: list[tuple[re.Pattern[str], int, frozenset[str]]] | None = getattr(app.state, "resources", None)
    if cached is None:
        cached = []
        for path, operations in app.openapi().get("paths", {}).items():
            pattern = re.compile(re.sub(r"\\\{[^}]+\\\}", "[^/]+", re.escape(path)))
            cached.append((pattern, path.count("{"), frozenset(m.upper() for m in operations)))
        app.state.resources = cached
    return cached


def install_problem_handlers(app: FastAPI) -> None:
    @app.exception_handler(ProblemError)
    async def _problem(request: Request, exc: ProblemError) -> JSONResponse:
        problem = Problem(
            type=exc.type, title=exc.title, status=exc.status, detail=exc.detail,
            instance=request.url.path, errors=exc.errors,
        )
        return problem_response(problem, exc.headers, **exc.extra)

    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, exc: RequestValidationError) -> JSONResponse:
        # `PATCH /recommendations/similar` reaches `/recommendations/{recommendation_id}`, whose id "similar" then
        # fails validation; but the resource at that address is the list of similar recommendations, which answers
        # GET only: the method is what is wrong, not the id.
        allowed = allowed_methods(request)
        if allowed and ("GET" if request.method == "HEAD" else request.method) not in allowed:
            return await http_problem(request, StarletteHTTPException(405))
        errors = [FieldError(field=_field_path(e["loc"]), message=_message(e)) for e in exc.errors()]
        problem = Problem(
            type="/problems/validation", title="Your request has errors", status=422,
            detail="; ".join(f"{e.field}: {e.message}" for e in errors), instance=request.url.path,
            errors=errors,
        )
        return problem_response(problem)

    app.add_exception_handler(StarletteHTTPException, http_problem)  # type: ignore[arg-type]

    @app.exception_handler(StaleDataError)
    async def _stale(request: Request, exc: StaleDataError) -> JSONResponse:
        # A versioned record (core/concurrency.py) changed between reading it and writing it.
        problem = Problem(title=PreconditionFailed.title, status=412, instance=request.url.path,
                          detail="This record was changed by someone else at the same moment; nothing was changed. "
                                 "Reload it and try again.")
        return problem_response(problem)

    @app.exception_handler(DBAPIError)
    async def _database_unavailable(request: Request, exc: DBAPIError) -> JSONResponse:
        # The database went away (a restart, a failover, connections killed) or is busy: nothing was committed,
        # and the same request will work again in a moment (the pool checks each connection before use).
        if not isinstance(exc, OperationalError | InterfaceError) and not exc.connection_invalidated:
            return await _unexpected(request, exc)
        return _unavailable(request, exc)

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
        # A connection killed mid-request can surface as another error (a transaction that must be rolled back, a
        # raw driver error from a commit): if the database going away is anywhere in its causes, say so.
        if _database_went_away(exc):
            return _unavailable(request, exc)
        logger.error("Unhandled error on %s %s", request.method, request.url.path, exc_info=exc)
        problem = Problem(title="Internal server error", status=500,
                          detail="Something went wrong; nothing was changed.", instance=request.url.path)
        return problem_response(problem)


def _unavailable(request: Request, exc: Exception) -> JSONResponse:
    logger.warning("Database unavailable on %s %s: %s", request.method, request.url.path, exc)
    problem = Problem(title="Service unavailable", status=503, instance=request.url.path,
                      detail="The database is unavailable for a moment; nothing was changed. "
                             f"Try again in {RETRY_AFTER_SECONDS} seconds.")
    return problem_response(problem, {"Retry-After": str(RETRY_AFTER_SECONDS)})


def _database_went_away(exc: BaseException) -> bool:
    seen: BaseException | None = exc
    for _ in range(10):
        if seen is None:
            return False
        if isinstance(seen, OperationalError | InterfaceError | PendingRollbackError) or (
                isinstance(seen, DBAPIError) and seen.connection_invalidated):
            return True
        if type(seen).__name__ in ("OperationalError", "InterfaceError") and \
                type(seen).__module__.startswith("psycopg"):
            return True
        seen = seen.__cause__ or seen.__context__
    return False


_TITLES = {400: "Bad request", 404: "Not found", 405: "Method not allowed", 401: "Not authenticated",
           403: "Forbidden"}
# FastAPI's and Starlette's words, in plain English.
_DETAILS = {
    "There was an error parsing the body": "The request body could not be read: send JSON, encoded as UTF-8.",
    "Method Not Allowed": "This address does not answer that method; the Allow header lists those it does.",
}

# Documented on every operation so the typed clients know the error shape.
PROBLEM_RESPONSES: dict[int | str, dict[str, Any]] = {
    code: {"model": Problem, "description": desc, "content": {PROBLEM_JSON: {}}}
    for code, desc in {
        401: "Not authenticated", 403: "Not allowed", 404: "Not found or not visible to you",
        409: "Conflicts with the record's state", 422: "Invalid input (field paths in `errors`)",
    }.items()
}
