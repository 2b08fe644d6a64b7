"""The frontend service of docker-compose.yml: nginx serving the built app and proxying /api to the API.

Docker cannot run here, so the image's nginx configuration is run with the machine's nginx (when installed)
against a stand-in upstream, and the compose file, Dockerfile and config are checked against each other."""

import re
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
import pytest
import yaml

from backend.core.config import ROOT, Settings
from tests.nginx_support import NGINX_CONF, nginx_in_front_of

COMPOSE = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
SERVICES = COMPOSE["services"]
DOCKERFILE = (ROOT / "frontend" / "Dockerfile").read_text()


def test_frontend_service_builds_the_app_from_the_committed_contract():
    frontend = SERVICES["frontend"]
    assert frontend["build"] == {"context": ".", "dockerfile": "frontend/Dockerfile"}
    # The build generates its API types from openapi.yaml, so the image needs it before `npm run build`.
    assert DOCKERFILE.index("COPY openapi.yaml") < DOCKERFILE.index("RUN npm run build")
    assert "npm ci" in DOCKERFILE and "frontend/package-lock.json" in DOCKERFILE
    assert "COPY frontend/nginx.conf /etc/nginx/conf.d/default.conf" in DOCKERFILE
    assert "COPY --from=build /app/frontend/dist /usr/share/nginx/html" in DOCKERFILE
    assert "root /usr/share/nginx/html;" in NGINX_CONF
    # node_modules and an old build never reach the build context.
    ignored = (ROOT / ".dockerignore").read_text().split()
    assert "frontend/node_modules" in ignored and "frontend/dist" in ignored


def test_ports_agree_between_nginx_the_image_compose_and_email_links():
    listen = int(re.search(r"listen (\d+);", NGINX_CONF).group(1))
    assert f"EXPOSE {listen}" in DOCKERFILE
    host_port, container_port = SERVICES["frontend"]["ports"][0].split(":")
    assert int(container_port) == listen
    # Links in e-mails point at the app the browser opens.
    frontend_url = SERVICES["api"]["environment"]["FRONTEND_URL"]
    assert frontend_url.endswith(f"localhost:{host_port}}}")


def test_nginx_proxies_to_the_api_service_which_only_nginx_reaches():
    upstreams = set(re.findall(r"proxy_pass (http://[^;]+);", NGINX_CONF))
    api_port = SERVICES["api"]["command"][SERVICES["api"]["command"].index("--port") + 1]
    assert upstreams == {f"http://api:{api_port}"}
    assert SERVICES["frontend"]["depends_on"]["api"]["condition"] == "service_healthy"
    assert "ports" not in SERVICES["api"], "the API is published only through nginx"
    # ...so the API may believe nginx's X-Forwarded-For (the public sign-up limiter counts per client).
    settings = Settings(forwarded_allow_ips=SERVICES["api"]["environment"]["FORWARDED_ALLOW_IPS"].split(":-")[1][:-1])
    assert settings.forwarded_allow_ips == "*"
    assert "healthcheck" in SERVICES["frontend"]


def test_serve_trusts_proxy_headers_only_from_the_configured_addresses(monkeypatch):
    import uvicorn

    from backend.cli import main as cli_main

    seen = {}
    monkeypatch.setattr(uvicorn, "run", lambda *args, **kwargs: seen.update(kwargs))
    cli_main(["serve", "--port", "8123"])
    # uvicorn would believe the client-written left-most X-Forwarded-For; the app reads its proxy's instead.
    assert seen["proxy_headers"] is False and seen["port"] == 8123
    assert Settings().forwarded_allow_ips == "127.0.0.1"  # by default only a proxy on the same machine


class _Upstream(BaseHTTPRequestHandler):
    """Stands in for the API: answers with what it was asked, and 404s /api/v1/missing."""

    seen: list[dict[str, str]] = []

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        _Upstream.seen.append({"path": self.path, "forwarded_for": self.headers.get("X-Forwarded-For", ""),
                               "host": self.headers.get("Host", "")})
        status = 404 if self.path.startswith("/api/v1/missing") else 200
        body = f'{{"from": "api", "path": "{self.path}"}}'.encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/problem+json" if status == 404 else "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def nginx(tmp_path: Path):
    upstream = ThreadingHTTPServer(("127.0.0.1", 0), _Upstream)
    threading.Thread(target=upstream.serve_forever, daemon=True).start()
    with nginx_in_front_of(upstream.server_port, tmp_path) as base:
        _Upstream.seen = []
        yield base
    upstream.shutdown()


def test_nginx_serves_the_app_for_every_page_and_caches_only_hashed_files(nginx):
    for page in ("/", "/referrals/3f1c", "/sign-up/abc-token"):
        response = httpx.get(nginx + page)
        assert response.status_code == 200 and "<div id=root>" in response.text, page
        assert response.headers["cache-control"] == "no-cache"
        assert response.headers["x-content-type-options"] == "nosniff"
    asset = httpx.get(f"{nginx}/assets/app-1a2b.js")
    assert asset.text == "console.log('app')" and "immutable" in asset.headers["cache-control"]
    assert asset.headers["x-frame-options"] == "DENY"
    # A missing build file is a 404, not the app's page (which a browser would try to run as script).
    assert httpx.get(f"{nginx}/assets/gone.js").status_code == 404
    assert _Upstream.seen == []


def test_nginx_passes_the_api_and_health_checks_through_untouched(nginx):
    response = httpx.get(f"{nginx}/api/v1/referrals?state=draft", headers={"Host": "reviews.example.org"})
    assert response.json() == {"from": "api", "path": "/api/v1/referrals?state=draft"}
    missing = httpx.get(f"{nginx}/api/v1/missing")
    assert missing.status_code == 404 and missing.headers["content-type"] == "application/problem+json"
    assert httpx.get(f"{nginx}/readyz").json()["path"] == "/readyz"
    assert [s["path"] for s in _Upstream.seen] == ["/api/v1/referrals?state=draft", "/api/v1/missing", "/readyz"]
    first = _Upstream.seen[0]
    assert first["forwarded_for"] == "127.0.0.1" and first["host"] == "reviews.example.org"


def test_make_run_on_another_port_links_to_that_port(monkeypatch):
    """`make run PORT=8799`: the printed sign-up link and e-mailed links point at the server actually running."""
    from backend import cli
    from backend.core.config import get_settings

    for name in ("FRONTEND_URL", "RUN_WORKER_IN_PROCESS"):
        monkeypatch.setenv(name, "placeholder")  # so the fixture restores the real state afterwards
        monkeypatch.delenv(name)
    seen = {}
    monkeypatch.setattr(cli, "_migrate", lambda args: None)
    monkeypatch.setattr(cli, "_seed_demo", lambda args: seen.update(seed_url=get_settings().frontend_url))
    monkeypatch.setattr(cli, "_serve", lambda args: seen.update(port=args.port))
    try:
        cli.main(["run", "--port", "8799"])
        assert seen == {"seed_url": "http://localhost:8799", "port": 8799}
        assert get_settings().run_worker_in_process is True
    finally:
        get_settings.cache_clear()
