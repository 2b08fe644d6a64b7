"""SQL statements (and round trips) per request for each benchmark endpoint, in-process, against one database.

    python -m benchmarks.sqlcount --url postgresql+psycopg://postgres@127.0.0.1:5432/cspr_bench

Prints one JSON object: {endpoint: {role: {page size: [statements, round trips]}}}. Statements are what
SQLAlchemy sends through a cursor; round trips add BEGIN, the connection's pre-ping (if on), COMMIT and ROLLBACK. Each
request is sent once to warm caches, then counted on the second.
"""

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Any
from urllib.parse import quote

ROOT = Path(__file__).resolve().parents[1]
PAGE_SIZES = (10, 100)


def count(url: str, info: dict[str, Any], password: str) -> dict[str, Any]:
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("ENVIRONMENT", "test")
    from fastapi.testclient import TestClient
    from sqlalchemy import event

    from backend.app import create_app
    from backend.core.config import get_settings
    from backend.core.db import get_engine, get_sessionmaker
    from benchmarks.endpoints import ENDPOINTS

    get_settings.cache_clear()
    get_engine.cache_clear()
    get_sessionmaker.cache_clear()
    engine = get_engine()
    tally = {"statements": 0, "round_trips": 0}

    def statement(*_: Any) -> None:
        tally["statements"] += 1
        tally["round_trips"] += 1

    def round_trip(*_: Any) -> None:
        tally["round_trips"] += 1

    def begun(connection: Any, *_: Any) -> None:
        # psycopg sends BEGIN on its own before a transaction's first statement; a request's plain reads on
        # PostgreSQL run in autocommit (core/db.py) and send none, so BEGIN is counted where a statement ran in a
        # transaction that had not sent one yet, and COMMIT or ROLLBACK only for a transaction that did.
        if not getattr(connection.connection.dbapi_connection, "autocommit", True) and \
                not connection.info.get("bench_begun"):
            connection.info["bench_begun"] = True
            round_trip()

    def ended(connection: Any, *_: Any) -> None:
        if connection.info.pop("bench_begun", False):
            round_trip()

    event.listen(engine, "before_cursor_execute", statement)
    event.listen(engine, "after_cursor_execute", begun)
    event.listen(engine, "commit", ended)
    event.listen(engine, "rollback", ended)
    ping = engine.dialect.do_ping

    def counted_ping(connection: Any) -> bool:
        round_trip()
        return ping(connection)

    engine.dialect.do_ping = counted_ping  # type: ignore[method-assign,assignment]
    results: dict[str, Any] = {}
    with TestClient(create_app()) as client:
        for role in ("agency_lead", "business_office"):
            email = info["logins"][role]
            answer = client.post("/api/v1/auth/token", data={"grant_type": "password", "username": email,
                                                             "password": password})
            answer.raise_for_status()
            headers = {"Authorization": f"Bearer {answer.json()['access_token']}"}
            for endpoint in ENDPOINTS:
                if role not in endpoint.roles:
                    continue
                for size in PAGE_SIZES if endpoint.paged else (50,):
                    path = endpoint.path_for(role, info["handles"], limit=size)
                    body = (endpoint.form or "").format(email=quote(email), password=quote(password))
                    counts = []
                    for _ in range(2):
                        tally.update(statements=0, round_trips=0)
                        if endpoint.method == "POST":
                            response = client.post(path, content=body, headers={
                                "Content-Type": "application/x-www-form-urlencoded"})
                        else:
                            response = client.get(path, headers=headers if endpoint.authenticated else {})
                        counts.append([tally["statements"], tally["round_trips"], response.status_code])
                    results.setdefault(endpoint.name, {}).setdefault(role, {})[str(size)] = counts[-1]
    engine.dispose()
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--url", required=True)
    parser.add_argument("--info", required=True, help="the seed's data/bench/<database>.json")
    parser.add_argument("--password", required=True)
    args = parser.parse_args()
    info = json.loads(Path(args.info).read_text())
    print(json.dumps(count(args.url, info, args.password)))


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    main()
