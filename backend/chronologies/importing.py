"""Reading an agency's chronology from a spreadsheet (CSV or XLSX) laid out as the template's table.

The first row names the columns (Date, Time, Source, What happened, Significance; in any order, any case); every
later row with anything in it is an entry. Every row is checked before anything is kept: one bad cell and the whole
file is refused, each problem named by its row and column, so nothing is ever half-imported.
"""

import csv
import datetime as dt
import io
import re
import zipfile
from collections.abc import Iterator
from typing import Any

from pydantic import ValidationError

from backend.chronologies.schemas import MAX_ENTRIES, ChronologyEntryCreate
from backend.core.errors import Invalid
from backend.core.text import without_control_characters

MAX_BYTES = 5 * 1024 * 1024
# Column headings people use for each box of the template, lower-case.
HEADINGS: dict[str, tuple[str, ...]] = {
    "occurred_on": ("date", "date of event", "event date"),
    "occurred_time": ("time", "time of event", "time (if known)", "time if known"),
    "source": ("source", "source of information", "record"),
    "what_happened": ("what happened", "event", "details", "description", "what happened?"),
    "significance": ("significance", "significance of event", "why it matters"),
}
LABELS = {"occurred_on": "Date", "occurred_time": "Time", "source": "Source", "what_happened": "What happened",
          "significance": "Significance"}
REQUIRED = ("occurred_on", "source", "what_happened", "significance")
_DATE_FORMATS = ("%d/%m/%Y", "%d/%m/%y", "%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y", "%d %B %Y", "%d %b %Y")


def _column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def _rows(filename: str, data: bytes) -> Iterator[list[Any]]:
    if data[:2] == b"PK" or filename.lower().endswith(".xlsx"):
        yield from _xlsx_rows(data)
        return
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    # A CSV may carry control characters (an Excel file cannot): they are read as nothing (core/text.py).
    for row in csv.reader(io.StringIO(text)):
        yield [without_control_characters(cell) for cell in row]


def _xlsx_rows(data: bytes) -> Iterator[list[Any]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as error:
        raise Invalid("The file could not be read as a spreadsheet.",
                      errors=[("file", "Upload a CSV file or an Excel workbook (.xlsx)")]) from error
    sheet = workbook.worksheets[0]
    for row in sheet.iter_rows(values_only=True):
        yield list(row)
    workbook.close()


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _date(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    for pattern in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    return None


def _time(value: Any) -> dt.time | None:
    if isinstance(value, dt.datetime):
        return value.time().replace(microsecond=0)
    if isinstance(value, dt.time):
        return value.replace(microsecond=0)
    match = re.fullmatch(r"(\d{1,2})[:.](\d{2})(?::(\d{2}))?\s*(am|pm)?", str(value).strip().lower())
    if not match:
        return None
    hour, minute = int(match[1]), int(match[2])
    if match[4] == "pm" and hour < 12:
        hour += 12
    if match[4] == "am" and hour == 12:
        hour = 0
    try:
        return dt.time(hour, minute)
    except ValueError:
        return None


def _columns(header: list[Any]) -> dict[str, int]:
    found: dict[str, int] = {}
    for index, heading in enumerate(header):
        name = str(heading or "").strip().lower()
        for field, names in HEADINGS.items():
            if name in names and field not in found:
                found[field] = index
    missing = [LABELS[f] for f in REQUIRED if f not in found]
    if missing:
        raise Invalid("The first row of the file must name the columns.", errors=[
            ("file.rows.1", f"Row 1 must name the columns Date, Time, Source, What happened and Significance; "
                           f"{', '.join(missing)} {'is' if len(missing) == 1 else 'are'} missing")])
    return found


def _cell(row: list[Any], index: int | None) -> Any:
    return row[index] if index is not None and index < len(row) else None


def _message(field: str, value: Any, row_number: int, column: str) -> str | None:
    where = f"Row {row_number}, column {column} ({LABELS[field]})"
    if field in REQUIRED and _blank(value):
        return {"occurred_on": f"{where}: enter the date of the event",
                "source": f"{where}: enter where this is recorded",
                "what_happened": f"{where}: enter what happened",
                "significance": f"{where}: enter why this is significant"}[field]
    if field == "occurred_on" and _date(value) is None:
        return f"{where}: the date must be a real date, like 14/03/2026"
    if field == "occurred_time" and not _blank(value) and _time(value) is None:
        return f"{where}: the time must be a real time, like 09:30, or left empty"
    if field == "source" and len(str(value).strip()) > 200:
        return f"{where}: the source must be 200 characters or fewer"
    if field in ("what_happened", "significance") and len(str(value).strip()) > 5000:
        return f"{where}: this must be 5,000 characters or fewer"
    return None


def read_entries(filename: str, data: bytes) -> list[ChronologyEntryCreate]:
    """Every entry in the file, or `Invalid` naming each bad cell by row and column (nothing is kept then)."""
    if len(data) > MAX_BYTES:
        raise Invalid("The file is too big.", errors=[("file", "The file must be smaller than 5 MB")])
    if not data.strip():
        raise Invalid("The file is empty.", errors=[("file", "The selected file is empty")])
    rows = iter(_rows(filename, data))
    header = next(rows, None)
    if header is None:
        raise Invalid("The file is empty.", errors=[("file", "The selected file is empty")])
    columns = _columns(header)
    entries: list[ChronologyEntryCreate] = []
    errors: list[tuple[str, str]] = []
    for row_number, row in enumerate(rows, start=2):
        if all(_blank(v) for v in row):
            continue
        if len(entries) + len(errors) >= MAX_ENTRIES:
            raise Invalid(f"A chronology can hold at most {MAX_ENTRIES} entries.",
                          errors=[("file", f"The file has more than {MAX_ENTRIES} entries")])
        values = {field: _cell(row, index) for field, index in columns.items()}
        problems = [(f"file.rows.{row_number}.{field}", message) for field, index in columns.items()
                    if (message := _message(field, values[field], row_number, _column_letter(index)))]
        if problems:
            errors += problems
            continue
        try:
            entries.append(ChronologyEntryCreate(
                occurred_on=_date(values["occurred_on"]),
                occurred_time=None if _blank(values.get("occurred_time")) else _time(values["occurred_time"]),
                source=str(values["source"]).strip(), what_happened=str(values["what_happened"]).strip(),
                significance=str(values["significance"]).strip()))
        except ValidationError:
            errors.append((f"file.rows.{row_number}", f"Row {row_number}: check every cell of this row"))
    if errors:
        count = len({field.split(".")[2] for field, _ in errors})
        raise Invalid(f"{count} {'row has' if count == 1 else 'rows have'} problems; nothing was imported. "
                      "Correct the file and upload it again.", errors=errors)
    if not entries:
        raise Invalid("The file has no entries.", errors=[("file", "The file has column headings but no entries")])
    return entries
