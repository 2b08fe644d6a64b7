"""docker-compose.yml cannot be started here (no Docker engine), so check it against the app."""

import shlex
from pathlib import Path

import yaml

from backend.cli import main as cli_main
from backend.core.config import ROOT, Settings

COMPOSE = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
SERVICES = COMPOSE["services"]
BACKEND_SERVICES = [name for name, svc in SERVICES.items()
                    if svc.get("build", {}).get("dockerfile") == "backend/Dockerfile"]


def _resolve(value: str) -> str:
    """Expand `${VAR:-default}` / `${VAR:?msg}` the way compose would with the variable unset."""
    while "${" in value:
        start = value.index("${")
        end = value.index("}", start)
        inner = value[start + 2:end]
        default = inner.split(":-", 1)[1] if ":-" in inner else "x" * 40
        value = value[:start] + default + value[end + 1:]
    return value


def test_every_backend_service_builds_from_the_dockerfile():
    for name in BACKEND_SERVICES:
        build = SERVICES[name]["build"]
        assert (ROOT / build["context"] / build["dockerfile"]).is_file(), name


def test_backend_environment_is_what_the_settings_read():
    fields = {name.upper() for name in Settings.model_fields}
    for name in BACKEND_SERVICES:
        env = SERVICES[name]["environment"]
        assert set(env) <= fields, f"{name} sets variables the app ignores: {set(env) - fields}"
        settings = Settings(**{k.lower(): _resolve(str(v)) for k, v in env.items()})
        assert settings.environment == "production"
        assert settings.database_url.startswith("postgresql+psycopg://")
        assert "@postgres:5432/" in settings.database_url


def test_commands_are_real_cli_commands(capsys):
    for name in BACKEND_SERVICES:
        command = SERVICES[name]["command"]
        assert command[:3] == ["python", "-m", "backend"], name
        try:
            cli_main([command[3], "--help"])
        except SystemExit as exit_:
            assert exit_.code == 0, f"{name}: `{shlex.join(command)}` is not a CLI command"


def test_api_waits_for_migrations_which_wait_for_postgres():
    assert SERVICES["migrate"]["depends_on"]["postgres"]["condition"] == "service_healthy"
    assert SERVICES["api"]["depends_on"]["migrate"]["condition"] == "service_completed_successfully"


def test_every_long_running_service_has_a_health_check():
    for name, service in SERVICES.items():
        if name != "migrate":
            assert "healthcheck" in service, name
    assert "/readyz" in " ".join(SERVICES["api"]["healthcheck"]["test"])


def test_database_credentials_match_between_postgres_and_the_api():
    pg = SERVICES["postgres"]["environment"]
    url = _resolve(SERVICES["api"]["environment"]["DATABASE_URL"])
    assert f"{pg['POSTGRES_USER']}:{_resolve(pg['POSTGRES_PASSWORD'])}@" in url
    assert url.endswith("/" + pg["POSTGRES_DB"])


def test_dockerfile_installs_the_package_and_ships_migrations():
    dockerfile = Path(ROOT / "backend" / "Dockerfile").read_text()
    assert "COPY migrations" in dockerfile and "alembic.ini" in dockerfile and "pip install" in dockerfile


def test_worker_runs_the_worker_command_after_migrations_with_mail_settings():
    worker = SERVICES["worker"]
    assert worker["command"] == ["python", "-m", "backend", "worker"]
    assert worker["build"] == SERVICES["api"]["build"]
    assert worker["depends_on"]["migrate"]["condition"] == "service_completed_successfully"
    assert {"SMTP_HOST", "SMTP_PORT", "SMTP_SECURITY", "MAIL_FROM"} <= set(worker["environment"])
    settings = Settings(**{k.lower(): _resolve(str(v)) for k, v in worker["environment"].items()})
    assert settings.smtp_host is None and not settings.run_worker_in_process


def test_worker_health_check_reads_the_heartbeat(tmp_path, monkeypatch):
    import os

    import pytest

    from backend.core.config import get_settings
    from backend.reminders.worker import write_heartbeat

    command = SERVICES["worker"]["healthcheck"]["test"]
    assert command[1:] == ["python", "-m", "backend", "worker", "--check"]
    heartbeat = tmp_path / "heartbeat"
    monkeypatch.setattr(get_settings(), "worker_heartbeat_file", heartbeat)
    with pytest.raises(SystemExit) as never_ran:
        cli_main(command[4:])
    assert never_ran.value.code != 0
    write_heartbeat()
    cli_main(command[4:])  # a fresh heartbeat: healthy, no exit
    stale = heartbeat.stat().st_mtime - 3600
    os.utime(heartbeat, (stale, stale))
    with pytest.raises(SystemExit):
        cli_main(command[4:])
