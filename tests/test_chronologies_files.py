"""Chronologies in and out as files: an upload is all or nothing, each bad cell named by row and column; exports of
the integrated chronology open in Excel and Word, hold the filtered rows, and never run a cell as a formula."""

import csv
import io

import pytest
from docx import Document
from openpyxl import Workbook, load_workbook

from tests.chronologies_support import ReviewAtSubmissions, review_at_submissions
from tests.test_chronologies import add, entry, request_chronologies, submit

HEADER = ["Date", "Time", "Source", "What happened", "Significance"]


@pytest.fixture
def at(client, db, make) -> ReviewAtSubmissions:
    return review_at_submissions(client, db, make)


def csv_file(rows: list[list[str]]) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer).writerows([HEADER, *rows])
    return buffer.getvalue().encode()


def xlsx_file(rows: list[list[object]]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    for row in [HEADER, *rows]:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def upload(at: ReviewAtSubmissions, url: str, name: str, data: bytes, replace: bool = False):
    return at.client.post(f"{url}/entries/import", headers=at.as_(at.police_lead),
                          files={"file": (name, data)}, data={"replace": str(replace).lower()})


def test_a_csv_upload_adds_every_row_to_the_working_copy(at):
    url = request_chronologies(at, at.police)["Harbourside Police"]
    imported = upload(at, url, "police.csv", csv_file([
        ["02/03/2025", "23:40", "Storm log 1187", "Domestic incident at the home", "Child present"],
        ["2025-06-20", "", "Storm log 2211", "Neighbours reported shouting", "Second incident in 4 months"]]))
    assert imported.status_code == 200, imported.text
    body = imported.json()
    assert body["imported"] == 2 and body["chronology"]["state"] == "draft"
    assert [(e["occurred_on"], e["occurred_time"]) for e in body["chronology"]["draft_entries"]] == [
        ("2025-03-02", "23:40:00"), ("2025-06-20", None)]


def test_a_csv_with_a_bad_row_imports_nothing_and_names_each_row_and_column(at):
    url = request_chronologies(at, at.police)["Harbourside Police"]
    add(at, url, at.police_lead, entry("2025-01-01", "Typed in the screen"))
    refused = upload(at, url, "police.csv", csv_file([
        ["02/03/2025", "23:40", "Storm log 1187", "Domestic incident", "Child present"],
        ["31/02/2025", "25:99", "Storm log 2211", "", "Second incident"]]))
    assert refused.status_code == 422
    problem = refused.json()
    assert "nothing was imported" in problem["detail"]
    assert [(e["field"], e["message"]) for e in problem["errors"]] == [
        ("file.rows.3.occurred_on", "Row 3, column A (Date): the date must be a real date, like 14/03/2026"),
        ("file.rows.3.occurred_time", "Row 3, column B (Time): the time must be a real time, like 09:30, or left "
                                      "empty"),
        ("file.rows.3.what_happened", "Row 3, column D (What happened): enter what happened")]
    kept = at.client.get(url, headers=at.as_(at.police_lead)).json()["draft_entries"]
    assert [e["what_happened"] for e in kept] == ["Typed in the screen"]


def test_an_xlsx_with_a_bad_row_imports_nothing_and_a_good_one_replaces_the_working_copy(at):
    import datetime as dt

    url = request_chronologies(at, at.police)["Harbourside Police"]
    add(at, url, at.police_lead, entry("2025-01-01", "Typed in the screen"))
    bad = upload(at, url, "police.xlsx", xlsx_file([
        [dt.date(2025, 3, 2), dt.time(23, 40), "Storm log", "Incident", "Child present"],
        [None, None, "Storm log", "Undated call", "Unknown"]]))
    assert bad.status_code == 422
    assert [e["field"] for e in bad.json()["errors"]] == ["file.rows.3.occurred_on"]
    assert bad.json()["errors"][0]["message"] == "Row 3, column A (Date): enter the date of the event"
    good = upload(at, url, "police.xlsx", xlsx_file([
        [dt.datetime(2025, 3, 2, 0, 0), "23:40", "Storm log", "Incident", "Child present"]]), replace=True)
    assert good.status_code == 200, good.text
    assert [e["what_happened"] for e in good.json()["chronology"]["draft_entries"]] == ["Incident"]


def test_a_file_without_the_columns_or_not_a_spreadsheet_is_refused(at):
    url = request_chronologies(at, at.police)["Harbourside Police"]
    headless = upload(at, url, "notes.csv", b"When,Notes\n02/03/2025,Something\n")
    assert headless.status_code == 422 and headless.json()["errors"][0]["field"] == "file.rows.1"
    assert "Source, What happened, Significance are missing" in headless.json()["errors"][0]["message"]
    broken = upload(at, url, "police.xlsx", b"PK\x03\x04 not really a workbook")
    assert broken.status_code == 422 and broken.json()["errors"][0]["field"] == "file"


def submitted_with_a_formula(at: ReviewAtSubmissions) -> None:
    urls = request_chronologies(at, at.police, at.trust)
    add(at, urls["Harbourside Police"], at.police_lead,
        entry("2025-03-02", "=HYPERLINK(\"http://evil.example\",\"Click\")", "23:40", "@Storm log"),
        entry("2025-06-20", "Second call-out", "21:15", "-Storm log 2211"))
    add(at, urls["Harbourside Children's Trust"], at.trust_lead,
        entry("2025-03-05", "+Strategy discussion held", "10:00", "Strategy minutes"))
    submit(at, urls["Harbourside Police"], at.police_lead)
    submit(at, urls["Harbourside Children's Trust"], at.trust_lead)


def export(at: ReviewAtSubmissions, fmt: str, **params):
    response = at.client.get(at.url("/integrated-chronology/export"), headers=at.as_(at.reviewer),
                             params={"format": fmt, **params})
    assert response.status_code == 200, response.text
    assert f".{fmt}" in response.headers["content-disposition"]
    return response.content


def test_csv_export_holds_the_filtered_rows_with_formulas_neutralised(at):
    submitted_with_a_formula(at)
    rows = list(csv.reader(io.StringIO(export(at, "csv", agency_id=str(at.police.id)).decode("utf-8-sig"))))
    assert rows[0] == ["Date", "Time", "Agency", "Source", "What happened", "Significance"]
    assert [(r[0], r[2], r[3], r[4][:11]) for r in rows[1:]] == [
        ("2025-03-02", "Harbourside Police", "'@Storm log", "'=HYPERLINK"),
        ("2025-06-20", "Harbourside Police", "'-Storm log 2211", "Second call")]


def test_xlsx_export_opens_with_openpyxl_holds_the_filtered_rows_and_no_formula(at):
    submitted_with_a_formula(at)
    sheet = load_workbook(io.BytesIO(export(at, "xlsx", **{"from": "2025-03-01", "to": "2025-03-31"}))).active
    assert sheet is not None
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert rows[0] == ["Date", "Time", "Agency", "Source", "What happened", "Significance"]
    assert [(r[0], r[2], r[4]) for r in rows[1:]] == [
        ("2025-03-02", "Harbourside Police", "'=HYPERLINK(\"http://evil.example\",\"Click\")"),
        ("2025-03-05", "Harbourside Children's Trust", "'+Strategy discussion held")]
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)


def test_docx_export_opens_with_python_docx_and_shows_the_rows_and_the_gaps(at):
    submitted_with_a_formula(at)
    document = Document(io.BytesIO(export(at, "docx")))
    assert document.paragraphs[0].text == "Child TW: integrated chronology"
    table = document.tables[0]
    texts = [[cell.text for cell in row.cells] for row in table.rows]
    assert texts[0] == ["Date", "Time", "Agency", "Source", "What happened", "Significance"]
    assert texts[1][2] == "Harbourside Police" and texts[2][2] == "Harbourside Children's Trust"
    assert texts[3][0].startswith("Gap: no agency recorded contact for 106 days")
    assert texts[4][4] == "Second call-out"
    filtered = Document(io.BytesIO(export(at, "docx", q="strategy")))
    assert len(filtered.tables[0].rows) == 2


def test_an_upload_with_an_unknown_form_field_is_refused(at):
    url = request_chronologies(at, at.police)["Harbourside Police"]
    refused = at.client.post(f"{url}/entries/import", headers=at.as_(at.police_lead),
                             files={"file": ("police.csv", csv_file([]))}, data={"overwrite": "true"})
    assert refused.status_code == 422 and refused.json()["errors"][0]["field"].endswith("overwrite")
