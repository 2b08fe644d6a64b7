from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError

from backend.core.migrations import alembic_config


def readiness(engine: Engine) -> tuple[bool, str]:
    try:
        with engine.connect() as connection:
            current = set(MigrationContext.configure(connection).get_current_heads())
    except SQLAlchemyError as exc:
        return False, f"database unreachable: {type(exc).__name__}"
    heads = set(ScriptDirectory.from_config(alembic_config()).get_heads())
    if current != heads:
        return False, "database schema is not at the latest migration"
    return True, "database reachable, migrations at head"
