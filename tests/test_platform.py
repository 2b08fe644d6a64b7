"""Health, the committed OpenAPI document, closure days and settings."""

from datetime import date

import pytest
import yaml

from backend.core.access import Role
from backend.core.config import DEFAULT_SECRET, ROOT, Settings
from backend.openapi import render_openapi


def test_committed_openapi_matches_the_app():
    committed = (ROOT / "openapi.yaml").read_text()
    assert committed == render_openapi(), "openapi.yaml is stale: run `python -m backend openapi`"


def test_openapi_documents_security_and_problem_responses():
    document = yaml.safe_load(render_openapi())
    assert "OAuth2" in document["components"]["securitySchemes"]
    me = document["paths"]["/api/v1/me"]["get"]
    assert "application/problem+json" in me["responses"]["401"]["content"]


def test_healthz(client):
    assert client.get("/healthz").json() == {"status": "ok"}


def test_readyz_reports_database_at_head(live_app):
    response = live_app.get("/readyz")
    assert response.status_code == 200 and response.json()["status"] == "ready"


def test_production_refuses_the_default_secret():
    with pytest.raises(ValueError, match="SECRET_KEY"):
        Settings(environment="production", secret_key=DEFAULT_SECRET)
    assert Settings(environment="production", secret_key="x" * 40).environment == "production"


def test_closure_day_moves_due_dates_and_only_business_office_adds_it(client, make):
    office, lead = make.user(Role.business_office), make.user(Role.agency_lead)
    # Friday 4 Dec 2026 + 1 working day is Monday 7 Dec ... until the partnership closes that Monday.
    ask = {"start": "2026-12-04", "working_days": 1}
    before = client.get("/api/v1/calendar/working-days", params=ask, headers=make.headers(lead)).json()
    assert before["due_date"] == "2026-12-07"
    denied = client.post("/api/v1/calendar/closure-days", headers=make.headers(lead),
                         json={"day": "2026-12-07", "reason": "Training day"})
    assert denied.status_code == 403
    added = client.post("/api/v1/calendar/closure-days", headers=make.headers(office),
                        json={"day": "2026-12-07", "reason": "Training day"})
    assert added.status_code == 201
    due = client.get("/api/v1/calendar/working-days", params=ask, headers=make.headers(lead)).json()["due_date"]
    assert date.fromisoformat(due) == date(2026, 12, 8)


def test_a_closure_day_is_named_as_people_read_dates_in_the_audit_log_and_when_added_twice(client, make):
    office = make.headers(make.user(Role.business_office))
    closure = {"day": "2026-12-07", "reason": "Training day"}
    assert client.post("/api/v1/calendar/closure-days", headers=office, json=closure).status_code == 201
    again = client.post("/api/v1/calendar/closure-days", headers=office, json=closure)
    assert again.status_code == 409 and again.json()["detail"] == "7 December 2026 is already a closure day."
    logged = client.get("/api/v1/audit", params={"entity_type": "closure_day"}, headers=office).json()["items"]
    assert [entry["summary"] for entry in logged] == ["Added closure day 7 December 2026"]


def test_unknown_api_path_is_a_problem_404(client):
    response = client.get("/api/v1/nothing-here")
    assert response.status_code == 404 and response.headers["content-type"] == "application/problem+json"


def test_migrations_build_exactly_the_models_schema(engine):
    """`alembic check` as a test, on each database: no drift between migrations and models."""
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    import backend.models  # noqa: F401
    from backend.core.db import Base

    assert len(Base.metadata.tables) > 20
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, Base.metadata) == []


def test_built_frontend_is_served_at_every_page_path_but_never_over_the_api(tmp_path):
    from fastapi.testclient import TestClient

    from backend.app import _serve_frontend, create_app

    (tmp_path / "assets").mkdir()
    (tmp_path / "index.html").write_text("<html>app</html>")
    (tmp_path / "assets" / "app.js").write_text("console.log(1)")
    (tmp_path / "favicon.svg").write_text("<svg/>")
    app = create_app()
    _serve_frontend(app, tmp_path)

    @app.get("/api/v1/added-later")
    def added_later() -> dict[str, str]:
        return {"ok": "yes"}

    client = TestClient(app)
    assert client.get("/referrals/123").text == "<html>app</html>"
    assert client.get("/").text == "<html>app</html>"
    assert client.get("/favicon.svg").text == "<svg/>"
    assert client.get("/assets/app.js").text == "console.log(1)"
    assert client.get("/api/v1/added-later").json() == {"ok": "yes"}
    missing = client.get("/api/v1/nothing-here")
    assert missing.status_code == 404 and missing.headers["content-type"] == "application/problem+json"
    assert client.get("/../../etc/passwd").text in ("<html>app</html>",)
    assert client.post("/referrals/123").status_code in (404, 405)
