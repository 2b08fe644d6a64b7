"""Shared by the integration tests: a real webhook receiver, integration clients, live-database users."""

import importlib.util
import json
import threading
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import ModuleType

from sqlalchemy.orm import Session

from backend.core.access import Role
from backend.core.config import ROOT
from backend.core.tokens import create_access_token
from backend.identity.models import Agency, AgencyKind, IntegrationClient, User
from backend.identity.schemas import IntegrationClientCreate
from backend.identity.service import create_client


@dataclass
class Received:
    headers: dict[str, str]
    body: bytes

    @property
    def event(self) -> dict:
        return json.loads(self.body)


@dataclass
class Receiver:
    """An HTTP endpoint on a loopback port; answers with `statuses` in turn, then 200."""

    statuses: list[int] = field(default_factory=list)
    received: list[Received] = field(default_factory=list)
    url: str = ""


@contextmanager
def webhook_receiver(statuses: list[int] | None = None) -> Iterator[Receiver]:
    receiver = Receiver(statuses=list(statuses or []))
    lock = threading.Lock()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802
            body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            with lock:
                receiver.received.append(Received(dict(self.headers.items()), body))
                status = receiver.statuses.pop(0) if receiver.statuses else 200
            self.send_response(status)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    receiver.url = f"http://127.0.0.1:{server.server_address[1]}/hooks/cspr"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield receiver
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def example_module() -> ModuleType:
    """examples/integration_client.py, imported as integrators would copy it."""
    spec = importlib.util.spec_from_file_location("integration_client", ROOT / "examples" / "integration_client.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def client_headers(client: IntegrationClient) -> dict[str, str]:
    token, _ = create_access_token(subject=client.id, kind="client", role=None, agency_id=client.agency_id,
                                   scopes=list(client.scopes))
    return {"Authorization": f"Bearer {token}"}


def make_client(session: Session, agency: Agency, scopes: list[str], name: str = "Harbour Trust case system"
                ) -> tuple[IntegrationClient, str]:
    return create_client(session, None, IntegrationClientCreate(  # type: ignore[arg-type]
        name=name, agency_id=agency.id, scopes=scopes))


def live_user(session: Session, role: Role = Role.business_office) -> User:
    """A user committed for real (live_app tests), with a throwaway password hash."""
    user = User(name=f"Office {uuid.uuid4().hex[:6]}", email=f"{uuid.uuid4().hex[:10]}@test.example.org",
                role=role, password_hash="unused")
    session.add(user)
    session.flush()
    return user


def live_agency(session: Session) -> Agency:
    agency = Agency(name=f"Agency {uuid.uuid4().hex[:8]}", kind=AgencyKind.other)
    session.add(agency)
    session.flush()
    return agency
