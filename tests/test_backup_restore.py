"""The backup and restore procedure in README.md ("Backup and restore"), run end to end with its own commands:
a demo partnership backed up, the database lost, restored, and every row back (PostgreSQL when TEST_POSTGRES_URL
is set; the SQLite file always)."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import func, make_url, select, text

from backend.core.config import ROOT
from backend.core.db import Base, make_engine
from tests.conftest import empty_postgres

README = (ROOT / "README.md").read_text()


def _seed(url: str) -> None:
    env = os.environ | {"DATABASE_URL": url, "ENVIRONMENT": "test", "PYTHONPATH": str(ROOT)}
    for command in (["migrate"], ["seed-demo"]):
        subprocess.run([sys.executable, "-m", "backend", *command], env=env, cwd=ROOT, check=True,
                       capture_output=True)


def _rows(url: str) -> dict[str, int]:
    engine = make_engine(url)
    with engine.connect() as connection:
        counts = {table.name: connection.scalar(select(func.count()).select_from(table))
                  for table in Base.metadata.sorted_tables}
        counts["alembic_version"] = connection.scalar(text("SELECT count(*) FROM alembic_version"))
    engine.dispose()
    return counts


def test_sqlite_backup_and_restore_as_the_readme_says_brings_every_row_back(tmp_path: Path):
    assert """sqlite3 data/cspr.db ".backup 'data/cspr-backup.db'\"""" in README
    assert "cp data/cspr-backup.db data/cspr.db" in README
    if shutil.which("sqlite3") is None:
        pytest.skip("the sqlite3 command is not installed (apt-get install sqlite3)")
    data = tmp_path / "data"
    data.mkdir()
    url = f"sqlite:///{data}/cspr.db"
    _seed(url)
    before = _rows(url)
    subprocess.run(["sqlite3", "data/cspr.db", ".backup 'data/cspr-backup.db'"], cwd=tmp_path, check=True)
    for lost in data.glob("cspr.db*"):  # the database, its WAL and shared memory: gone
        lost.unlink()
    subprocess.run(["cp", "data/cspr-backup.db", "data/cspr.db"], cwd=tmp_path, check=True)
    after = _rows(url)
    print(f"\nBACKUP sqlite tables={len(before)} rows={sum(before.values())} "
          f"lost={sum(before.values()) - sum(after.values())}")
    assert after == before and sum(before.values()) > 100


@pytest.mark.skipif(not os.environ.get("TEST_POSTGRES_URL"), reason="PostgreSQL only when TEST_POSTGRES_URL is set")
def test_postgres_backup_and_restore_as_the_readme_says_brings_every_row_back(tmp_path: Path):
    assert 'pg_dump --format=custom --no-owner --file=cspr.dump "postgresql://' in README
    assert 'pg_restore --no-owner --exit-on-error --dbname="postgresql://' in README
    base = make_url(os.environ["TEST_POSTGRES_URL"])
    source = empty_postgres(base.set(database=f"{base.database}_backup").render_as_string(hide_password=False))
    # An empty database, as createdb makes one.
    target = empty_postgres(base.set(database=f"{base.database}_restored").render_as_string(hide_password=False))
    _seed(source)
    before = _rows(source)

    def plain(url: str) -> str:  # what pg_dump and pg_restore take (README): postgresql://, no driver
        return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)

    subprocess.run(["pg_dump", "--format=custom", "--no-owner", "--file=cspr.dump", plain(source)], cwd=tmp_path,
                   check=True, capture_output=True)
    subprocess.run(["pg_restore", "--no-owner", "--exit-on-error", f"--dbname={plain(target)}", "cspr.dump"],
                   cwd=tmp_path, check=True, capture_output=True)
    after = _rows(target)
    print(f"\nBACKUP postgresql tables={len(before)} rows={sum(before.values())} "
          f"lost={sum(before.values()) - sum(after.values())}")
    assert after == before and sum(before.values()) > 100
