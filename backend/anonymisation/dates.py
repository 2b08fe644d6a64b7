"""Dates written as people write them in England: found anywhere in a text and read to a day, month and year.

"4 June 2015", "4th June 2015", "4th of June, 2015", "June 4, 2015", "04/06/2015", "4.6.15", "2015-06-04",
"June 2015" and "4 June" are all found; numbers are read day first, as in the UK. A month name alone is not a
date. Two-digit years are read as 2000-2049 or 1950-1999.
"""

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass

_MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4, "may": 5,
    "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "sept": 9, "sep": 9,
    "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}
_FULL = [name for name in _MONTHS if len(name) > 4 or name in ("may", "june", "july")]
_SHORT = [name for name in _MONTHS if name not in _FULL]
_MONTH = ("(?:" + "|".join(sorted(_FULL, key=len, reverse=True))
          + "|(?:" + "|".join(sorted(_SHORT, key=len, reverse=True)) + r")\.?)")
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"

_DATE = re.compile(
    # 4 June 2015 / 4th of June, 2015 / 4 June (no year)
    rf"\b(?P<d1>{_DAY})(?:\s+of)?\s+(?P<m1>{_MONTH})(?:,?\s+(?P<y1>\d{{4}}))?(?!\w)"
    # June 4, 2015 / June 4th 2015
    rf"|\b(?P<m2>{_MONTH})\s+(?P<d2>{_DAY}),?\s+(?P<y2>\d{{4}})\b"
    # 2015-06-04
    r"|(?<![\d./-])(?P<y4>\d{4})-(?P<m4>0?[1-9]|1[0-2])-(?P<d4>[12]\d|3[01]|0?[1-9])(?![\d/-]|\.\d)"
    # 04/06/2015, 4-6-15, 4.6.15
    r"|(?<![\d./-])(?P<d3>[12]\d|3[01]|0?[1-9])(?P<sep>[/.-])(?P<m3>0?[1-9]|1[0-2])(?P=sep)(?P<y3>\d{4}|\d{2})"
    r"(?![\d/-]|\.\d)"
    # June 2015
    rf"|\b(?P<m5>{_MONTH}),?\s+(?P<y5>\d{{4}})\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class WrittenDate:
    """A date found in a text: what it says (`day` None for "June 2015", `year` None for "4 June")."""

    start: int
    end: int
    text: str
    year: int | None
    month: int
    day: int | None
    # "4.6.15": also how paragraphs are numbered, so it counts only where it is one of the case's dates.
    ambiguous: bool = False

    @property
    def complete(self) -> bool:
        return self.year is not None and self.day is not None

    def is_day(self, day: dt.date) -> bool:
        return self.complete and (self.year, self.month, self.day) == (day.year, day.month, day.day)

    def is_month_of(self, day: dt.date) -> bool:
        return self.day is None and (self.year, self.month) == (day.year, day.month)

    def is_birthday_of(self, day: dt.date) -> bool:
        return self.year is None and (self.month, self.day) == (day.month, day.day)


def _year(text: str) -> int:
    year = int(text)
    if len(text) == 2:
        year += 2000 if year < 50 else 1900
    return year


def _day(text: str) -> int:
    return int(re.sub(r"\D", "", text))


def _real(year: int | None, month: int, day: int | None) -> bool:
    try:
        dt.date(year or 2000, month, day or 1)  # 2000: a leap year, so "29 February" stands
    except ValueError:
        return False
    return year is None or 1900 <= year <= 2100


# Where a date can begin: a number or a month's name at the start of a word. Trying the full pattern only there
# is several times faster than letting it try every position of a long report.
_START = re.compile(r"(?<![\w])(?:\d|(?i:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec))")


def _matches(text: str) -> Iterator[re.Match[str]]:
    end = 0
    for start in _START.finditer(text):
        if start.start() < end:
            continue
        match = _DATE.match(text, start.start())
        if match is not None:
            end = match.end()
            yield match


def find_dates(text: str) -> Iterator[WrittenDate]:
    """Every date written in `text`, in order."""
    for match in _matches(text):
        g = match.groupdict()
        ambiguous = False
        if g["m1"] and not g["y1"] and not g["m1"][0].isupper():
            continue  # "children aged 4 may need...": a date without a year counts only as a written date
        if g["m1"]:
            year = _year(g["y1"]) if g["y1"] else None
            month, day = _MONTHS[g["m1"].rstrip(".").lower()], _day(g["d1"])
        elif g["m2"]:
            year, month, day = _year(g["y2"]), _MONTHS[g["m2"].rstrip(".").lower()], _day(g["d2"])
        elif g["y4"]:
            year, month, day = _year(g["y4"]), int(g["m4"]), int(g["d4"])
        elif g["d3"]:
            year, month, day = _year(g["y3"]), int(g["m3"]), int(g["d3"])
            ambiguous = g["sep"] == "." and len(g["y3"]) == 2
        else:
            year, month, day = _year(g["y5"]), _MONTHS[g["m5"].rstrip(".").lower()], None
        if _real(year, month, day):
            yield WrittenDate(match.start(), match.end(), match.group(), year, month, day, ambiguous)
