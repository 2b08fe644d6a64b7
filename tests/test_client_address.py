"""The public endpoints' per-address limit counts the address the proxy saw, never one the client wrote.

Behind docker-compose's nginx every request comes from nginx; the client's own `X-Forwarded-For` entries are
the left-most ones, so believing those let anyone rotate past the limit. core/ratelimit.client_address is the
one place the address is worked out: a trusted proxy's X-Real-IP, else the right-most X-Forwarded-For entry.
"""

import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import uvicorn

from backend.cli import SERVER_OPTIONS
from backend.core import config
from backend.core import db as db_module
from backend.core.config import get_settings
from backend.core.ratelimit import get_limiter
from tests.nginx_support import free_port, nginx_in_front_of

AGENCIES = "/api/v1/public/agencies"


def _spoofed(i: int) -> dict[str, str]:
    return {"X-Forwarded-For": f"203.0.113.{i}", "X-Real-IP": f"198.51.100.{i}"}


def test_a_client_that_is_not_a_trusted_proxy_is_counted_by_its_own_address(client, monkeypatch):
    monkeypatch.setattr(get_settings(), "public_requests_per_minute_per_ip", 3)
    statuses = [client.get(AGENCIES, headers=_spoofed(i)).status_code for i in range(4)]
    assert statuses == [200, 200, 200, 429]
    assert set(get_limiter()._hits) == {"ip:testclient"}


def test_from_a_trusted_proxy_its_real_ip_header_is_the_address(client, monkeypatch):
    monkeypatch.setattr(get_settings(), "forwarded_allow_ips", "10.9.9.9, testclient")
    client.get(AGENCIES, headers={"X-Real-IP": "192.0.2.7", "X-Forwarded-For": "203.0.113.1, 192.0.2.8"})
    client.get(AGENCIES, headers={"X-Forwarded-For": "203.0.113.1, 192.0.2.8"})
    client.get(AGENCIES)
    assert set(get_limiter()._hits) == {"ip:192.0.2.7", "ip:192.0.2.8", "ip:testclient"}


@pytest.fixture
def live_server(database_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[int]:
    """The app served by uvicorn as `python -m backend serve` runs it, on the test database."""
    monkeypatch.setenv("DATABASE_URL", database_url)
    for cached in (config.get_settings, db_module.get_engine, db_module.get_sessionmaker):
        cached.cache_clear()
    port = free_port()
    server = uvicorn.Server(uvicorn.Config("backend.app:create_app", factory=True, host="127.0.0.1", port=port,
                                           log_level="warning", **SERVER_OPTIONS))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.started, "uvicorn did not start"
    yield port
    server.should_exit = True
    thread.join(timeout=10)
    for cached in (config.get_settings, db_module.get_engine, db_module.get_sessionmaker):
        cached.cache_clear()


def test_behind_the_compose_nginx_rotating_x_forwarded_for_does_not_escape_the_limit(live_server, tmp_path: Path):
    get_settings().public_requests_per_minute_per_ip = 4  # the settings the live server reads (cache cleared after)
    with nginx_in_front_of(live_server, tmp_path) as base:
        # Two clients on different addresses; each writes a new X-Forwarded-For and X-Real-IP every time.
        first = httpx.Client(base_url=base, transport=httpx.HTTPTransport(local_address="127.0.0.2"))
        second = httpx.Client(base_url=base, transport=httpx.HTTPTransport(local_address="127.0.0.3"))
        statuses = [first.get(AGENCIES, headers=_spoofed(i)).status_code for i in range(6)]
        assert statuses == [200, 200, 200, 200, 429, 429]
        refused = first.get(AGENCIES, headers=_spoofed(99))
        assert refused.status_code == 429 and int(refused.headers["Retry-After"]) > 0
        assert refused.headers["content-type"] == "application/problem+json"
        # The other address still has its own allowance: counted per client, not per proxy.
        assert second.get(AGENCIES, headers=_spoofed(1)).status_code == 200
        first.close()
        second.close()
    assert set(get_limiter()._hits) == {"ip:127.0.0.2", "ip:127.0.0.3"}
