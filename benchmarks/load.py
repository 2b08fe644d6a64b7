"""The load run: the API served as docker-compose serves it, a load generator in another process.

The server is `python -m backend serve` (one uvicorn process, production settings, access log on as in the
container) against the seeded database. The generator is `wrk` (Debian's package) when installed, otherwise
benchmarks/loadgen.py (an async httpx client). Each endpoint runs for `duration` seconds at each concurrency,
right after the constant endpoint at the same concurrency, so its throughput is a ratio of that ceiling.
"""

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx

from benchmarks.endpoints import CONSTANT, ENDPOINTS, Endpoint

ROOT = Path(__file__).resolve().parents[1]
SECRET = "benchmark-only-secret-key-0123456789abcdef"

WRK_SCRIPT = """
local method, body = os.getenv("BENCH_METHOD"), os.getenv("BENCH_BODY")
wrk.method = method
if body ~= nil and body ~= "" then
  wrk.body = body
  wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
end
local token = os.getenv("BENCH_TOKEN")
if token ~= nil and token ~= "" then wrk.headers["Authorization"] = "Bearer " .. token end
done = function(summary, latency, requests)
  io.write(string.format(
    '{"requests": %d, "seconds": %f, "errors": %d, "non_2xx": %d, "p50": %f, "p95": %f, "p99": %f}\\n',
    summary.requests, summary.duration / 1e6,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.errors.status, latency:percentile(50) / 1e3, latency:percentile(95) / 1e3,
    latency:percentile(99) / 1e3))
end
"""


@dataclass
class Measure:
    role: str
    endpoint: str
    concurrency: int
    requests: int
    seconds: float
    errors: int
    non_2xx: int
    p50: float  # milliseconds
    p95: float
    p99: float

    @property
    def rps(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Server:
    """`python -m backend serve` on a free port, as the container runs it."""

    def __init__(self, url: str) -> None:
        self.port = free_port()
        env = {**os.environ, "DATABASE_URL": url, "ENVIRONMENT": "production", "SECRET_KEY": SECRET,
               "FRONTEND_DIST": "/nonexistent", "RUN_WORKER_IN_PROCESS": "false", "PYTHONPATH": str(ROOT)}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "backend", "serve", "--host", "127.0.0.1", "--port", str(self.port)],
            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.base = f"http://127.0.0.1:{self.port}"
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"{self.base}/healthz", timeout=1).status_code == 200:
                    return
            except httpx.HTTPError:
                time.sleep(0.2)
        self.stop()
        raise RuntimeError("The API did not start within 60 s.")

    def peak_rss_mb(self) -> float:
        """The worker's peak resident memory (VmHWM) so far."""
        for line in Path(f"/proc/{self.process.pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
        return 0.0

    def stop(self) -> None:
        self.process.send_signal(signal.SIGINT)
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()


def drain(base: str, within: float = 120) -> None:
    """Wait until the server has worked off what the last run left queued (sign-ins at 50 clients leave
    seconds of password hashing behind), so it does not slow the next measurement. The constant endpoint goes
    through the same thread pool, so it answers slowly while anything is queued there."""
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        started = time.perf_counter()
        try:
            httpx.get(f"{base}/healthz", timeout=within)
        except httpx.HTTPError:
            continue
        if time.perf_counter() - started < 0.25:
            return
        time.sleep(0.5)


def sign_in(base: str, email: str, password: str) -> str:
    answer = httpx.post(f"{base}/api/v1/auth/token", data={"grant_type": "password", "username": email,
                                                           "password": password}, timeout=300)
    answer.raise_for_status()
    return str(answer.json()["access_token"])


def generator() -> str:
    return "wrk" if shutil.which("wrk") else "httpx"


def _run_wrk(url: str, method: str, body: str, token: str, concurrency: int, duration: float) -> dict[str, Any]:
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(WRK_SCRIPT)
    env = {**os.environ, "BENCH_METHOD": method, "BENCH_BODY": body, "BENCH_TOKEN": token}
    try:
        out = subprocess.run(["wrk", "-t1", f"-c{concurrency}", f"-d{max(1, round(duration))}s", "--timeout", "30s",
                              "-s", script.name, url], env=env, capture_output=True, text=True, check=True).stdout
    finally:
        os.unlink(script.name)
    return dict(json.loads(next(line for line in out.splitlines() if line.startswith("{"))))


def _run_httpx(url: str, method: str, body: str, token: str, concurrency: int, duration: float) -> dict[str, Any]:
    out = subprocess.run([sys.executable, "-m", "benchmarks.loadgen", "--url", url, "--method", method,
                          "--body", body, "--token", token, "--concurrency", str(concurrency),
                          "--duration", str(duration)], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    return dict(json.loads(out.strip().splitlines()[-1]))


def measure(base: str, endpoint: Endpoint, role: str, token: str, email: str, password: str,
            handles: dict[str, str], concurrency: int, duration: float) -> Measure:
    url = base + endpoint.path_for(role, handles)
    body = (endpoint.form or "").format(email=quote(email), password=quote(password))
    run = _run_wrk if generator() == "wrk" else _run_httpx
    result = run(url, endpoint.method, body, token if endpoint.authenticated else "", concurrency, duration)
    return Measure(role=role, endpoint=endpoint.name, concurrency=concurrency, **result)


def preflight(base: str, endpoint: Endpoint, role: str, token: str, email: str, password: str,
              handles: dict[str, str]) -> int:
    """The status the endpoint answers the role with (the load run measures only what answers 200)."""
    url = base + endpoint.path_for(role, handles)
    headers = {"Authorization": f"Bearer {token}"} if endpoint.authenticated else {}
    if endpoint.method == "POST":
        body = (endpoint.form or "").format(email=quote(email), password=quote(password))
        return httpx.post(url, content=body, headers=headers | {
            "Content-Type": "application/x-www-form-urlencoded"}, timeout=30).status_code
    return httpx.get(url, headers=headers, timeout=30).status_code


def run_load(url: str, info: dict[str, Any], levels: list[int], duration: float, password: str,
             progress: Callable[[str], None] = print) -> tuple[list[Measure], dict[str, Any]]:
    server = Server(url)
    measures: list[Measure] = []
    refused: list[str] = []
    try:
        handles = info["handles"]
        for role in ("agency_lead", "business_office"):
            email = info["logins"][role]
            drain(server.base)
            token = sign_in(server.base, email, password)
            endpoints = [e for e in ENDPOINTS if role in e.roles]
            answered = []
            for endpoint in endpoints:
                status = preflight(server.base, endpoint, role, token, email, password, handles)
                if status == 200:
                    answered.append(endpoint)
                else:
                    refused.append(f"{endpoint.name} as {role}: {status}")
            # Sign-in last at each level: what it leaves queued is drained before the next level's ceiling.
            answered.sort(key=lambda e: e.name == "sign-in")
            for level in levels:
                for endpoint in [CONSTANT, *answered]:
                    drain(server.base)
                    m = measure(server.base, endpoint, role, token, email, password, handles, level, duration)
                    measures.append(m)
                    progress(f"  {role:<16} {level:>3} clients  {endpoint.name:<36} {m.rps:8.1f} req/s  "
                             f"p50 {m.p50:7.1f} ms  p95 {m.p95:7.1f} ms  p99 {m.p99:7.1f} ms"
                             + (f"  {m.non_2xx + m.errors} failed" if m.non_2xx + m.errors else ""))
        peak = server.peak_rss_mb()
    finally:
        server.stop()
    return measures, {"peak_rss_mb": peak, "refused": refused, "generator": generator()}
