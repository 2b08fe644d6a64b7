"""Every answer carries the security headers, from the app and from nginx alike; API answers are never stored.

The single-page app's Content-Security-Policy allows no inline script, so the built index.html must load
only its own files; the last test reads the build to hold it to that.
"""

import re
from html.parser import HTMLParser

import httpx
import pytest
from fastapi.testclient import TestClient

from backend.app import _serve_frontend, create_app
from backend.core.access import Role
from backend.core.config import ROOT
from backend.core.security_headers import CONTENT_SECURITY_POLICY, SECURITY_HEADERS
from tests.test_frontend_serving import NGINX_CONF, nginx  # noqa: F401  (the nginx fixture)


def assert_security_headers(response: httpx.Response) -> None:
    for name, value in SECURITY_HEADERS.items():
        assert response.headers.get(name) == value, (response.url, name, response.headers.get(name))


def test_the_spa_s_policy_allows_no_inline_script_and_no_framing():
    directives = dict(d.strip().split(" ", 1) for d in CONTENT_SECURITY_POLICY.split(";"))
    assert directives["script-src"] == "'self'" and "unsafe" not in CONTENT_SECURITY_POLICY
    assert directives["frame-ancestors"] == "'none'" and directives["object-src"] == "'none'"


def test_api_answers_carry_the_headers_and_are_never_stored(client, make):
    office = make.headers(make.user(Role.business_office))
    for response in (client.get("/api/v1/me", headers=office), client.get("/api/v1/me"),
                     client.get("/api/v1/referrals", headers=office), client.get("/healthz"),
                     client.get("/api/v1/no-such-thing", headers=office)):
        assert_security_headers(response)
        assert response.headers["cache-control"] == "no-store", response.url


def test_a_public_link_s_answer_carries_them_even_when_the_link_is_wrong(client):
    response = client.get("/api/v1/public/sign-ups/not-a-real-token")
    assert response.status_code == 404
    assert_security_headers(response)
    assert response.headers["cache-control"] == "no-store"


def test_pages_of_the_app_served_by_the_app_carry_the_headers(tmp_path):
    (tmp_path / "assets").mkdir()
    (tmp_path / "index.html").write_text("<html>app</html>")
    (tmp_path / "assets" / "app.js").write_text("console.log(1)")
    app = create_app()
    _serve_frontend(app, tmp_path)
    with TestClient(app) as client:
        for path in ("/", "/referrals/123", "/assets/app.js"):
            assert_security_headers(client.get(path))


def _nginx_locations() -> dict[str, dict[str, str]]:
    """Each location block of nginx.conf and the headers it adds."""
    locations = {}
    for match in re.finditer(r"location ([^{]+)\{(.*?)\n    \}", NGINX_CONF, re.S):
        added = re.findall(r'add_header ([\w-]+) ("[^"]*"|\S+) always;', match.group(2))
        locations[match.group(1).strip()] = {name: value.strip('"') for name, value in added}
    return locations


def test_nginx_adds_the_app_s_headers_to_every_page_and_file_it_serves_itself():
    locations = _nginx_locations()
    for path in ("/", "/assets/"):
        for name, value in SECURITY_HEADERS.items():
            assert locations[path].get(name) == value, (path, name)


def test_nginx_serves_pages_and_files_with_the_headers(nginx):  # noqa: F811
    for path in ("/", "/referrals/3f1c", "/assets/app-1a2b.js"):
        assert_security_headers(httpx.get(nginx + path))


def test_the_built_app_loads_no_inline_script_or_style():
    index = ROOT / "frontend" / "dist" / "index.html"
    if not index.is_file():
        pytest.skip("the frontend is not built (cd frontend && npm run build)")

    class Inline(HTMLParser):
        found: list[str] = []

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            names = dict(attrs)
            if tag == "script" and not names.get("src"):
                self.found.append("an inline <script>")
            if tag == "style" or "style" in names or any(name.startswith("on") for name in names):
                self.found.append(f"inline style or handler on <{tag}>")
            if tag in ("script", "link") and (names.get("src") or names.get("href") or "/").startswith("http"):
                self.found.append(f"<{tag}> from another site")

    parser = Inline()
    parser.feed(index.read_text())
    assert parser.found == []
