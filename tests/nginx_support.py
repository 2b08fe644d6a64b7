"""The frontend image's nginx configuration (frontend/nginx.conf) run with the machine's nginx, in front of
any upstream standing in for the `api` service."""

import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest

from backend.core.config import ROOT

NGINX_CONF = (ROOT / "frontend" / "nginx.conf").read_text()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def nginx_in_front_of(upstream_port: int, tmp_path: Path) -> Iterator[str]:
    """nginx with the image's site configuration, proxying to 127.0.0.1:`upstream_port`; yields its base URL."""
    binary = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)
    if binary is None:
        pytest.skip("nginx is not installed (apt-get install nginx-light); the static checks still ran")
    # nginx's workers (user nobody when run as root) must read the build: not under pytest's private tmp.
    dist = Path(tempfile.mkdtemp(prefix="frontend-dist-"))
    dist.chmod(0o755)
    (dist / "assets").mkdir(mode=0o755)
    (dist / "index.html").write_text("<!doctype html><title>Safeguarding Reviews</title><div id=root></div>")
    (dist / "assets" / "app-1a2b.js").write_text("console.log('app')")
    port = free_port()
    site = (NGINX_CONF.replace("listen 8080;", f"listen 127.0.0.1:{port};")
            .replace("root /usr/share/nginx/html;", f"root {dist};")
            .replace("http://api:8000", f"http://127.0.0.1:{upstream_port}"))
    temp = tmp_path / "temp"
    temp.mkdir()
    (tmp_path / "site.conf").write_text(site)
    (tmp_path / "nginx.conf").write_text(f"""
daemon off;
pid {tmp_path}/nginx.pid;
error_log {tmp_path}/error.log;
events {{}}
http {{
    types {{ text/html html; application/javascript js; }}
    access_log off;
    client_body_temp_path {temp}/body; proxy_temp_path {temp}/proxy; fastcgi_temp_path {temp}/fcgi;
    uwsgi_temp_path {temp}/uwsgi; scgi_temp_path {temp}/scgi;
    include {tmp_path}/site.conf;
}}
""")
    process = subprocess.Popen([binary, "-p", str(tmp_path), "-c", str(tmp_path / "nginx.conf"), "-e",
                                str(tmp_path / "error.log")], stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            httpx.get(f"{base}/nginx-health", timeout=1)
            break
        except httpx.TransportError:
            if process.poll() is not None:
                pytest.fail(f"nginx refused the configuration: {process.stdout.read().decode()}")  # type: ignore[union-attr]
            time.sleep(0.1)
    try:
        yield base
    finally:
        process.terminate()
        process.wait(timeout=10)
        shutil.rmtree(dist)
