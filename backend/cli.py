"""`python -m backend <command>`: migrate, seed-demo, create-user, serve, worker, openapi, run."""

import argparse
import getpass
import os
import sys
from pathlib import Path

from backend.core.config import ROOT, get_settings


def _migrate(_: argparse.Namespace) -> None:
    from backend.core.migrations import upgrade

    upgrade()
    print("Database migrated to the latest schema.")


def _seed_demo(args: argparse.Namespace) -> None:
    from backend.core.db import get_sessionmaker
    from backend.demo import DEMO_PASSWORD, demo_logins, seed_demo

    with get_sessionmaker()() as session, session.begin():
        sign_up_link = seed_demo(session, only_if_empty=args.if_empty)
    print("Demo partnership created." if sign_up_link is not None else "Database already has data; demo seed skipped.")
    if sign_up_link:
        print(f"Practitioner sign-up page for the demo event (shown once): {sign_up_link}")
    print(f"\nDemo logins (password for every account: {DEMO_PASSWORD}):")
    for role, email in demo_logins():
        print(f"  {role:<16} {email}")


def _create_user(args: argparse.Namespace) -> None:
    from sqlalchemy import select

    from backend.core.access import Role
    from backend.core.db import get_sessionmaker
    from backend.identity import service
    from backend.identity.models import Agency
    from backend.identity.schemas import UserCreate

    password = args.password or getpass.getpass("Password (12+ characters): ")
    with get_sessionmaker()() as session, session.begin():
        agency_id = None
        if args.agency:
            agency_id = session.scalar(select(Agency.id).where(Agency.name == args.agency))
            if agency_id is None:
                sys.exit(f"No agency called {args.agency!r}.")
        user = service.create_user(session, None, UserCreate(
            name=args.name, email=args.email, role=Role(args.role), agency_id=agency_id, password=password))
        print(f"Created {user.role} {user.email}.")


def _serve(args: argparse.Namespace) -> None:
    import uvicorn

    uvicorn.run("backend.app:create_app", factory=True, host=args.host, port=args.port, reload=args.reload,
                proxy_headers=SERVER_OPTIONS["proxy_headers"])


# uvicorn's own proxy handling believes the left-most X-Forwarded-For entry, which the client writes; the
# app reads the address its proxy saw instead (core/ratelimit.client_address, trusting FORWARDED_ALLOW_IPS).
SERVER_OPTIONS: dict[str, bool] = {"proxy_headers": False}


def _worker(args: argparse.Namespace) -> None:
    import logging

    from backend.reminders import worker

    if args.check:
        if not worker.heartbeat_is_fresh():
            sys.exit("The worker has not completed a run recently.")
        print("The worker is running.")
        return
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    if args.once:
        results = worker.run_once()
        worker.write_heartbeat()
        print(", ".join(f"{name}: {count}" for name, count in results.items()))
        return
    worker.run_forever(args.interval)


def _openapi(args: argparse.Namespace) -> None:
    from backend.openapi import render_openapi

    text = render_openapi()
    if args.check:
        current = Path(args.output).read_text() if Path(args.output).exists() else ""
        if current != text:
            sys.exit(f"{args.output} is out of date: run `python -m backend openapi`.")
        print(f"{args.output} matches the app.")
        return
    Path(args.output).write_text(text)
    print(f"Wrote {args.output}.")


def _run(args: argparse.Namespace) -> None:
    """What `make run` does: migrate, seed an empty database, print the logins, serve (with the worker)."""
    os.environ.setdefault("RUN_WORKER_IN_PROCESS", "true")
    # Links in e-mails and the printed sign-up link point at this server, whatever port it is on.
    os.environ.setdefault("FRONTEND_URL", f"http://localhost:{args.port}")
    get_settings.cache_clear()
    _migrate(args)
    args.if_empty = True
    _seed_demo(args)
    print(f"\nOpen http://localhost:{args.port} (API docs at /api/docs).\n")
    _serve(args)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m backend", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)

    commands.add_parser("migrate", help="upgrade the database to the latest migration").set_defaults(func=_migrate)

    seed = commands.add_parser("seed-demo", help="create a believable demo partnership")
    seed.add_argument("--if-empty", action="store_true", help="only when the database has no agencies")
    seed.set_defaults(func=_seed_demo)

    user = commands.add_parser("create-user", help="add a user")
    user.add_argument("--name", required=True)
    user.add_argument("--email", required=True)
    user.add_argument("--role", required=True)
    user.add_argument("--agency", help="agency name, for agency roles")
    user.add_argument("--password", help="prompted for when left out")
    user.set_defaults(func=_create_user)

    for name, func in (("serve", _serve), ("run", _run)):
        cmd = commands.add_parser(name, help="serve the API" if name == "serve" else "migrate, seed and serve")
        cmd.add_argument("--host", default="127.0.0.1")
        cmd.add_argument("--port", type=int, default=8000)
        cmd.add_argument("--reload", action="store_true")
        cmd.set_defaults(func=func)

    work = commands.add_parser("worker", help="send reminders and e-mails: sweep deadlines, deliver the outbox")
    work.add_argument("--once", action="store_true", help="run every job once and exit")
    work.add_argument("--interval", type=float, default=None, help="seconds between runs (WORKER_INTERVAL_SECONDS)")
    work.add_argument("--check", action="store_true", help="health check: exit 1 unless a run finished recently")
    work.set_defaults(func=_worker)

    spec = commands.add_parser("openapi", help="write openapi.yaml from the app")
    spec.add_argument("--output", default=str(ROOT / "openapi.yaml"))
    spec.add_argument("--check", action="store_true", help="fail if the file differs from the app")
    spec.set_defaults(func=_openapi)

    args = parser.parse_args(argv)
    import backend.models  # noqa: F401  (every mapper, before any service runs)
    from backend.wiring import register_subscribers

    register_subscribers()
    args.func(args)
