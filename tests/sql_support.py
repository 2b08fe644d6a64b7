"""Counting the SQL a piece of work sends, for the tests that keep list endpoints free of N+1 queries."""

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import event
from sqlalchemy.engine import Engine


@contextmanager
def counted(engine: Engine) -> Iterator[list[str]]:
    """Collect every statement sent on `engine` inside the block."""
    statements: list[str] = []

    def count(_conn, _cursor, statement, *_args) -> None:  # type: ignore[no-untyped-def]
        statements.append(statement)

    event.listen(engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", count)
