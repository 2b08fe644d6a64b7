"""The FastAPI application: routers, problem handlers, and the built frontend at `/`."""

import gc
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import FileResponse, Response
from fastapi.staticfiles import StaticFiles

import backend.models  # noqa: F401  (register every mapper)
from backend.actions.router import router as actions_router
from backend.analysis_reports.router import router as analysis_reports_router
from backend.audit.router import router as audit_router
from backend.calendar.router import router as calendar_router
from backend.cases.router import router as cases_router
from backend.chronologies.router import router as chronologies_router
from backend.core.admission import AdmissionLimit
from backend.core.config import get_settings
from backend.core.errors import http_problem, install_problem_handlers
from backend.core.openapi_contract import install_contract
from backend.core.security_headers import SecurityHeadersMiddleware
from backend.deadlines.router import router as deadlines_router
from backend.events.public_router import router as public_events_router
from backend.events.router import router as events_router
from backend.family_engagement.router import router as family_engagement_router
from backend.health.router import router as health_router
from backend.identity.router import auth_router
from backend.identity.router import router as identity_router
from backend.incident_notifications.router import router as incident_notifications_router
from backend.information_requests.router import router as information_requests_router
from backend.integrations.router import router as integrations_router
from backend.integrations.setup import install_integrations
from backend.learning.router import figures_router as learning_figures_router
from backend.learning.router import router as learning_router
from backend.overview_reports.router import router as overview_reports_router
from backend.parallel_processes.router import router as parallel_processes_router
from backend.practitioner_engagement.router import router as practitioner_engagement_router
from backend.rapid_reviews.router import router as rapid_reviews_router
from backend.recommendations.router import router as recommendations_router
from backend.referrals.router import router as referrals_router
from backend.reminders.router import router as reminders_router
from backend.reminders.worker import BackgroundWorker
from backend.review_groups.router import router as review_groups_router
from backend.reviews.router import router as reviews_router
from backend.terms_of_reference.router import router as terms_of_reference_router
from backend.themes.router import router as themes_router
from backend.wiring import register_subscribers

ROUTERS = [
    health_router,
    auth_router,
    identity_router,
    audit_router,
    calendar_router,
    deadlines_router,
    referrals_router,
    incident_notifications_router,
    rapid_reviews_router,
    information_requests_router,
    reviews_router,
    chronologies_router,
    analysis_reports_router,
    review_groups_router,
    terms_of_reference_router,
    overview_reports_router,
    cases_router,
    themes_router,
    learning_router,
    learning_figures_router,
    recommendations_router,
    actions_router,
    events_router,
    public_events_router,
    practitioner_engagement_router,
    family_engagement_router,
    parallel_processes_router,
    reminders_router,
    integrations_router,
]

DESCRIPTION = """
The Safeguarding Children Partnership's API for child safeguarding practice reviews: referrals,
serious incident notifications, rapid reviews, reviews, practitioner events and deadlines.

Every error is an RFC 9457 problem (`application/problem+json`) whose `errors` list names the
offending field paths. Sign in at `POST /api/v1/auth/token` and send the access token as
`Authorization: Bearer <token>`.

Every authenticated POST accepts an `Idempotency-Key` header, so a retry after a timeout never does the same
thing twice. Records several people edit carry an `ETag`; change them with `If-Match` (428 without it, 412
when someone changed the record since you read it). Partnership systems can be told about events by signed
webhooks (see `webhooks`).
"""


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    """With RUN_WORKER_IN_PROCESS (on in development), the reminder and e-mail jobs run in a thread."""
    settings = get_settings()
    # What the app holds once imported (about 400,000 objects: models, schemas, routes) lives as long as the
    # process. Frozen out of the collector's reach, a full collection no longer walks them all: that walk cost about
    # 280 ms of CPU each time, charged to whichever request was allocating, and tens of milliseconds on average.
    gc.collect()
    gc.freeze()
    worker = BackgroundWorker(settings.worker_interval_seconds) if settings.run_worker_in_process else None
    if worker:
        worker.start()
    try:
        yield
    finally:
        if worker:
            worker.stop()


def create_app() -> FastAPI:
    settings = get_settings()
    app = FastAPI(title="Safeguarding Reviews API", version="1.0.0", description=DESCRIPTION,
                  openapi_url="/api/openapi.json", docs_url="/api/docs", redoc_url=None, lifespan=lifespan)
    install_problem_handlers(app)
    register_subscribers()
    install_integrations(app)
    install_contract(app)
    if settings.cors_origins:
        app.add_middleware(CORSMiddleware, allow_origins=settings.cors_origins, allow_methods=["*"],
                           allow_headers=["*"], expose_headers=["ETag", "Idempotent-Replayed"])
    # Outside every other layer but the headers: a request waiting its turn holds nothing yet.
    app.add_middleware(AdmissionLimit, limit=settings.requests_in_flight)
    # Outermost, so every answer carries them, the other layers' included.
    app.add_middleware(SecurityHeadersMiddleware)
    for router in ROUTERS:
        app.include_router(router)
    _serve_frontend(app, settings.frontend_dist)
    return app


def _serve_frontend(app: FastAPI, dist: Path) -> None:
    """The single-page app at `/`; unknown paths fall back to index.html, `/api` never does."""
    index = dist / "index.html"
    if not index.is_file():
        return
    if (dist / "assets").is_dir():
        app.mount("/assets", StaticFiles(directory=dist / "assets"), name="assets")

    root = dist.resolve()

    # The app answers only where no route matched, so it can never shadow an API route, whenever
    # that route was added.
    async def spa_or_problem(request: Request, exc: Exception) -> Response:
        path = request.url.path.lstrip("/")
        if request.method not in ("GET", "HEAD") or path == "api" or path.startswith("api/"):
            return await http_problem(request, exc)  # type: ignore[arg-type]
        candidate = (root / path).resolve()
        if path and candidate.is_file() and candidate.is_relative_to(root):
            return FileResponse(candidate)
        return FileResponse(index)

    app.add_exception_handler(404, spa_or_problem)
