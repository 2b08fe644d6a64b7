from fastapi import APIRouter
from fastapi.responses import JSONResponse

from backend.core.db import get_engine
from backend.health.service import readiness

router = APIRouter(tags=["health"])


@router.get("/healthz", response_model=dict[str, str])
def healthz() -> dict[str, str]:
    """The process is up."""
    return {"status": "ok"}


@router.get("/readyz", response_model=dict[str, str],
            responses={503: {"description": "Not ready", "model": dict[str, str]}})
def readyz() -> JSONResponse:
    """The database answers and its schema is at the latest migration."""
    ready, detail = readiness(get_engine())
    return JSONResponse({"status": "ready" if ready else "not ready", "detail": detail},
                        status_code=200 if ready else 503)
