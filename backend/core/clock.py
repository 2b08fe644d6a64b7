"""The one source of "now", so tests and the reminder engine can move time."""

from collections.abc import Callable
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

LONDON = ZoneInfo("Europe/London")

_now: Callable[[], datetime] = lambda: datetime.now(UTC)  # noqa: E731


def now() -> datetime:
    return _now()


def today() -> date:
    """Today's calendar date in England, where the partnership's deadlines fall."""
    return now().astimezone(LONDON).date()


def set_clock(source: Callable[[], datetime] | None) -> None:
    """Replace the clock (tests); `None` restores the system clock."""
    global _now
    _now = source or (lambda: datetime.now(UTC))
