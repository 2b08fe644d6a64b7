"""Working-day arithmetic checked against the published GOV.UK England and Wales list.

The fixture is written by hand from GOV.UK, independently of the ``holidays`` package,
so a packaging change that drops or renames a substitute day fails here before it
silently moves a statutory deadline.
"""

from __future__ import annotations

import json
from collections import defaultdict
from datetime import date, timedelta
from pathlib import Path

import pytest

from backend.calendar.workdays import (
    WorkingDayCalendar,
    add_working_days,
    bank_holidays,
    working_days_between,
)

FIXTURE = Path(__file__).parent / "fixtures" / "bank_holidays_england_wales.json"
YEARS = range(2018, 2029)
ONE_DAY = timedelta(days=1)


def _load_official() -> frozenset[date]:
    data = json.loads(FIXTURE.read_text(encoding="utf-8"))
    assert data["division"] == "england-and-wales"
    return frozenset(date.fromisoformat(event["date"]) for event in data["events"])


OFFICIAL = _load_official()
FIXTURE_END = date(YEARS[-1], 12, 31)


def _reference_add(start: date, n: int, closures: frozenset[date] = frozenset()) -> date:
    """Naive day-by-day walk built only from the fixture, never from the module."""

    def working(d: date) -> bool:
        assert d <= FIXTURE_END, "reference walked past the fixture's last year"
        return d.weekday() < 5 and d not in OFFICIAL and d not in closures

    day = start
    if n == 0:
        while not working(day):
            day += ONE_DAY
        return day
    step = ONE_DAY if n > 0 else -ONE_DAY
    remaining = abs(n)
    while remaining:
        day += step
        if working(day):
            remaining -= 1
    return day


def _reference_between(a: date, b: date) -> int:
    lo, hi, sign = (a, b, 1) if a <= b else (b, a, -1)
    count, day = 0, lo + ONE_DAY
    while day <= hi:
        count += day.weekday() < 5 and day not in OFFICIAL
        day += ONE_DAY
    return sign * count


def _gregorian_easter(year: int) -> date:
    """Anonymous Gregorian algorithm, to cross-check the hand-written fixture."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 19 * l_) // 433
    month = (h + l_ - 7 * m + 90) // 25
    return date(year, month, (h + l_ - 7 * m + 33 * month + 19) % 32)


# --- the fixture itself ---------------------------------------------------------


def test_official_fixture_good_friday_and_easter_monday_match_computed_easter() -> None:
    for year in YEARS:
        easter = _gregorian_easter(year)
        assert easter.weekday() == 6
        assert easter - 2 * ONE_DAY in OFFICIAL, year
        assert easter + ONE_DAY in OFFICIAL, year


def test_official_fixture_has_only_weekdays_and_eight_days_in_ordinary_years() -> None:
    per_year: dict[int, int] = defaultdict(int)
    for d in OFFICIAL:
        assert d.weekday() < 5, d
        per_year[d.year] += 1
    assert per_year == {year: {2022: 10, 2023: 9}.get(year, 8) for year in YEARS}


# --- bank holidays from the module ---------------------------------------------


@pytest.mark.parametrize("year", YEARS)
def test_bank_holidays_for_each_year_equal_the_official_gov_uk_dates(year: int) -> None:
    assert set(bank_holidays([year])) == {d for d in OFFICIAL if d.year == year}


def test_bank_holidays_never_fall_on_a_weekend() -> None:
    weekend = [d for d in bank_holidays(YEARS) if d.weekday() >= 5]
    assert weekend == []


def test_substitute_days_are_bank_holidays_and_the_weekend_originals_are_not() -> None:
    holidays_ = bank_holidays([2020, 2021, 2022, 2026, 2027, 2028])
    for substitute in (
        date(2020, 12, 28),
        date(2021, 12, 27),
        date(2021, 12, 28),
        date(2022, 1, 3),
        date(2022, 12, 27),
        date(2026, 12, 28),
        date(2027, 12, 27),
        date(2027, 12, 28),
        date(2028, 1, 3),
    ):
        assert substitute in holidays_, substitute
    for weekend_original in (date(2020, 12, 26), date(2026, 12, 26), date(2027, 12, 25), date(2028, 1, 1)):
        assert weekend_original not in holidays_


# --- Christmas and New Year -----------------------------------------------------


def test_boxing_day_substitute_monday_28_december_2026_is_not_a_working_day() -> None:
    calendar = WorkingDayCalendar()
    assert not calendar.is_working_day(date(2026, 12, 28))
    assert not calendar.is_working_day(date(2026, 12, 25))
    assert calendar.is_working_day(date(2026, 12, 24))
    assert calendar.is_working_day(date(2026, 12, 29))


def test_five_working_days_from_23_december_2026_lands_on_4_january_2027() -> None:
    # Counted: Thu 24, Tue 29, Wed 30, Thu 31 Dec, Mon 4 Jan (Fri 1 Jan is New Year's Day).
    assert add_working_days(date(2026, 12, 23), 5) == date(2027, 1, 4)
    assert _reference_add(date(2026, 12, 23), 5) == date(2027, 1, 4)
    assert working_days_between(date(2026, 12, 23), date(2027, 1, 4)) == 5


def test_two_working_days_from_23_december_2021_skips_both_christmas_substitute_days() -> None:
    assert add_working_days(date(2021, 12, 23), 1) == date(2021, 12, 24)
    assert add_working_days(date(2021, 12, 23), 2) == date(2021, 12, 29)


# --- Easter -------------------------------------------------------------------

EASTER_CASES = [
    # start (just before Easter), n, expected due date (worked out by hand)
    (date(2019, 4, 18), 5, date(2019, 4, 29)),
    (date(2019, 4, 18), 7, date(2019, 5, 1)),
    (date(2019, 4, 18), 15, date(2019, 5, 14)),  # also skips Early May, Mon 6 May
    (date(2024, 3, 27), 5, date(2024, 4, 5)),
    (date(2024, 3, 27), 7, date(2024, 4, 9)),
    (date(2024, 3, 27), 15, date(2024, 4, 19)),
    (date(2025, 4, 17), 5, date(2025, 4, 28)),
    (date(2025, 4, 17), 7, date(2025, 4, 30)),
    (date(2025, 4, 17), 15, date(2025, 5, 13)),  # also skips Early May, Mon 5 May
    (date(2026, 3, 30), 5, date(2026, 4, 8)),
    (date(2026, 3, 30), 7, date(2026, 4, 10)),
    (date(2026, 3, 30), 15, date(2026, 4, 22)),
    (date(2027, 3, 24), 5, date(2027, 4, 2)),
    (date(2027, 3, 24), 7, date(2027, 4, 6)),
    (date(2027, 3, 24), 15, date(2027, 4, 16)),
]


@pytest.mark.parametrize(("start", "n", "expected"), EASTER_CASES)
def test_due_date_counted_in_working_days_skips_good_friday_and_easter_monday(
    start: date, n: int, expected: date
) -> None:
    assert _reference_add(start, n) == expected
    assert add_working_days(start, n) == expected
    assert working_days_between(start, expected) == n


def test_information_request_due_seven_working_days_later_skips_easter() -> None:
    # Sent Thu 17 Apr 2025; Good Friday 18 and Easter Monday 21 April do not count.
    assert add_working_days(date(2025, 4, 17), 7) == date(2025, 4, 30)


# --- one-off bank holidays --------------------------------------------------------


def test_ve_day_2020_friday_is_a_holiday_and_the_first_monday_of_may_is_not() -> None:
    calendar = WorkingDayCalendar()
    assert calendar.is_working_day(date(2020, 5, 4))
    assert calendar.add_working_days(date(2020, 5, 6), 2) == date(2020, 5, 11)


def test_jubilee_2022_thursday_and_friday_are_skipped_and_late_may_monday_is_worked() -> None:
    calendar = WorkingDayCalendar()
    assert calendar.is_working_day(date(2022, 5, 30))
    assert calendar.add_working_days(date(2022, 6, 1), 1) == date(2022, 6, 6)
    assert not calendar.is_working_day(date(2022, 9, 19))
    assert not calendar.is_working_day(date(2023, 5, 8))


# --- property-style agreement with the naive reference ---------------------------


def test_add_working_days_matches_the_naive_reference_for_every_start_date_2018_to_2028() -> None:
    calendar = WorkingDayCalendar()
    day = date(2018, 1, 1)
    while day <= date(2028, 11, 30):
        for n in (1, 5, 7, 15):
            due = calendar.add_working_days(day, n)
            assert due == _reference_add(day, n), (day, n)
            if calendar.is_working_day(day):
                assert calendar.working_days_between(day, due) == n, (day, n)
        assert calendar.add_working_days(day, 0) == _reference_add(day, 0), day
        if day >= date(2018, 2, 1):
            assert calendar.add_working_days(day, -5) == _reference_add(day, -5), day
        day += ONE_DAY


def test_working_days_between_matches_the_naive_count_and_is_antisymmetric() -> None:
    calendar = WorkingDayCalendar()
    anchors = [date(2018, 1, 1) + timedelta(days=37 * i) for i in range(108)]
    for a in anchors[::9]:
        for b in anchors:
            expected = _reference_between(a, b)
            assert calendar.working_days_between(a, b) == expected, (a, b)
            assert calendar.working_days_between(b, a) == -expected, (a, b)


# --- weekends and local closures ------------------------------------------------


def test_friday_plus_one_working_day_is_the_following_monday() -> None:
    assert add_working_days(date(2025, 6, 6), 1) == date(2025, 6, 9)
    assert add_working_days(date(2025, 6, 9), -1) == date(2025, 6, 6)
    assert working_days_between(date(2025, 6, 6), date(2025, 6, 9)) == 1


def test_request_received_at_the_weekend_counts_from_the_next_working_day() -> None:
    calendar = WorkingDayCalendar()
    saturday = date(2025, 6, 7)
    assert not calendar.is_working_day(saturday)
    assert calendar.add_working_days(saturday, 0) == date(2025, 6, 9)
    assert calendar.add_working_days(saturday, 1) == date(2025, 6, 9)
    assert calendar.next_working_day(saturday) == date(2025, 6, 9)
    assert calendar.next_working_day(date(2025, 4, 17)) == date(2025, 4, 22)


def test_partnership_closure_days_are_skipped() -> None:
    closures = [date(2025, 4, 22), date(2025, 6, 7)]  # a Tuesday after Easter and a Saturday
    calendar = WorkingDayCalendar(closures)
    assert not calendar.is_working_day(date(2025, 4, 22))
    assert calendar.add_working_days(date(2025, 4, 17), 1) == date(2025, 4, 23)
    assert add_working_days(date(2025, 4, 17), 1, closures=closures) == date(2025, 4, 23)
    assert add_working_days(date(2025, 4, 17), 1) == date(2025, 4, 22)
    assert working_days_between(date(2025, 4, 17), date(2025, 4, 30), closures=closures) == 6
    assert working_days_between(date(2025, 4, 17), date(2025, 4, 30)) == 7
    assert calendar.add_working_days(date(2025, 4, 17), 7) == _reference_add(
        date(2025, 4, 17), 7, frozenset(closures)
    )


def test_calendar_extends_to_years_it_has_not_seen_yet() -> None:
    calendar = WorkingDayCalendar()
    assert calendar.add_working_days(date(2025, 12, 19), 7) == date(2026, 1, 2)
    assert calendar.add_working_days(date(2019, 12, 24), 1) == date(2019, 12, 27)
    assert calendar.working_days_between(date(2018, 1, 1), date(2028, 12, 31)) == _reference_between(
        date(2018, 1, 1), date(2028, 12, 31)
    )
    assert calendar.add_working_days(date(2025, 1, 2), 600) == _reference_add(date(2025, 1, 2), 600)
