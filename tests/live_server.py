"""The product as `python -m backend serve` runs it, in its own process, on a fresh migrated SQLite database
seeded with the demo partnership: for the tools that test it from outside (schemathesis, a generated client)."""

import os
import re
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

from backend.core.config import ROOT
from backend.demo import DEMO_PASSWORD

ACCESS_LINE = re.compile(r'"(?P<method>[A-Z]+) (?P<path>\S+) HTTP/[\d.]+" (?P<status>\d{3})')


@dataclass
class LiveServer:
    base_url: str
    log: Path
    env: dict[str, str]

    def token(self, email: str) -> str:
        response = httpx.post(f"{self.base_url}/api/v1/auth/token", data={
            "grant_type": "password", "username": email, "password": DEMO_PASSWORD})
        response.raise_for_status()
        return str(response.json()["access_token"])

    def statuses(self) -> list[int]:
        """The status of every request the server has answered so far, from its access log."""
        return [int(m["status"]) for m in ACCESS_LINE.finditer(self.log.read_text(errors="replace"))]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def live_server(directory: Path, database_url: str | None = None) -> Iterator[LiveServer]:
    env = os.environ | {
        "DATABASE_URL": database_url or f"sqlite:///{directory}/live.db", "ENVIRONMENT": "test",
        "RUN_WORKER_IN_PROCESS": "false",
        "FRONTEND_DIST": str(directory / "no-frontend"), "PYTHONPATH": str(ROOT),
    }
    env.pop("TEST_POSTGRES_URL", None)
    for command in (["migrate"], ["seed-demo"]):
        subprocess.run([sys.executable, "-m", "backend", *command], env=env, cwd=ROOT, check=True,
                       capture_output=True)
    port = _free_port()
    log = directory / "server.log"
    with log.open("w") as out:
        process = subprocess.Popen([sys.executable, "-m", "backend", "serve", "--port", str(port)], env=env, cwd=ROOT,
                                   stdout=out, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"{base}/readyz", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"the server did not start:\n{log.read_text()}")
            time.sleep(0.2)
        yield LiveServer(base, log, env)
    finally:
        process.terminate()
        process.wait(timeout=20)
