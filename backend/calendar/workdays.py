"""Working-day arithmetic for England and Wales.

Statutory review deadlines are counted in working days, so every due date in the
system depends on this module being right about weekends, bank holidays (including
substitute days) and partnership-specific closures. It is deliberately pure: no
database and no web framework, so it can be tested against the published GOV.UK list
and reused from batch jobs.
"""

from __future__ import annotations

import threading
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Mapping
from datetime import date, timedelta
from functools import lru_cache
from types import MappingProxyType
from typing import NamedTuple

import holidays

_SATURDAY = 5


@lru_cache(maxsize=256)
def _bank_holidays_for_year(year: int) -> Mapping[date, str]:
    """Holidays of one year, cached because building them is slow and they never change.

    The ``holidays`` package lists the real date of a holiday even when it falls on a
    weekend, next to the substitute weekday ("... (observed)"). Only the weekday is a
    bank holiday in law, so weekend entries are dropped here; that also keeps the
    result identical to the GOV.UK list.
    """
    raw = holidays.country_holidays("GB", subdiv="ENG", years=year, observed=True)
    return MappingProxyType({d: name for d, name in sorted(raw.items()) if d.weekday() < _SATURDAY})


def bank_holidays(years: Iterable[int]) -> dict[date, str]:
    """Bank holidays (weekdays only, substitute days included) for England and Wales."""
    result: dict[date, str] = {}
    for year in sorted(set(years)):
        result.update(_bank_holidays_for_year(year))
    return result


class _Span(NamedTuple):
    """Precomputed state for a contiguous range of years, swapped in atomically."""

    first_year: int
    last_year: int
    closed: frozenset[date]
    working: list[date]


class WorkingDayCalendar:
    """Working days = weekdays that are neither bank holidays nor local closure days.

    The calendar keeps a sorted list of every working day in the years it has seen, so
    both adding and counting are two binary searches instead of a day-by-day walk;
    that matters when tens of thousands of due dates are recomputed in one request.
    The year range grows on demand and is rebuilt as a whole (rare, and cheap).
    """

    def __init__(self, closures: Iterable[date] = ()) -> None:
        self._closures: frozenset[date] = frozenset(closures)
        self._lock = threading.Lock()
        self._span: _Span | None = None

    def _covering(self, first_year: int, last_year: int) -> _Span:
        span = self._span
        if span is not None and span.first_year <= first_year and last_year <= span.last_year:
            return span
        with self._lock:
            span = self._span
            if span is not None:
                first_year = min(first_year, span.first_year)
                last_year = max(last_year, span.last_year)
            first_year, last_year = max(first_year, date.min.year), min(last_year, date.max.year)
            closed = self._closures | frozenset(bank_holidays(range(first_year, last_year + 1)))
            day, end, working = date(first_year, 1, 1), date(last_year, 12, 31), []
            one_day = timedelta(days=1)
            while True:
                if day.weekday() < _SATURDAY and day not in closed:
                    working.append(day)
                if day == end:
                    break
                day += one_day
            span = _Span(first_year, last_year, closed, working)
            self._span = span
            return span

    def is_working_day(self, d: date) -> bool:
        return d.weekday() < _SATURDAY and d not in self._covering(d.year, d.year).closed

    def add_working_days(self, start: date, n: int) -> date:
        """The date ``n`` working days after ``start`` (``start`` itself never counts).

        ``n == 0`` snaps a non-working ``start`` forward, so a request received on a
        Saturday is treated as received on Monday. Negative ``n`` counts backwards.
        """
        margin = abs(n) // 200 + 1  # >= 250 working days a year, so this always suffices
        span = self._covering(start.year - margin, start.year + margin)
        index = bisect_right(span.working, start) - 1 + n if n > 0 else bisect_left(span.working, start) + n
        if not 0 <= index < len(span.working):  # only next to date.min or date.max; never let Python wrap around
            raise OverflowError("date value out of range")
        return span.working[index]

    def working_days_between(self, a: date, b: date) -> int:
        """Working days d with a < d <= b; negative when b < a.

        Half-open so that it inverts ``add_working_days`` for working-day starts and
        so that "days elapsed" on a deadline's own date is the full allowance.
        """
        span = self._covering(min(a.year, b.year), max(a.year, b.year))
        return bisect_right(span.working, b) - bisect_right(span.working, a)

    def next_working_day(self, d: date) -> date:
        """The first working day strictly after ``d``."""
        return self.add_working_days(d, 1)


@lru_cache(maxsize=64)
def calendar_for(closures: frozenset[date]) -> WorkingDayCalendar:
    """One calendar per set of closure days, reused (it is safe across threads), so what it has built is kept."""
    return WorkingDayCalendar(closures)


def add_working_days(start: date, n: int, closures: Iterable[date] = ()) -> date:
    """See :meth:`WorkingDayCalendar.add_working_days`."""
    return calendar_for(frozenset(closures)).add_working_days(start, n)


def working_days_between(a: date, b: date, closures: Iterable[date] = ()) -> int:
    """See :meth:`WorkingDayCalendar.working_days_between`."""
    return calendar_for(frozenset(closures)).working_days_between(a, b)
