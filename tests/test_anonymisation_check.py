"""The anonymisation check on a report written for the test: what identifies the child is found in every form
the guidance names, and common words are not."""

import time

import pytest

from backend.anonymisation.check import CaseCheck, FindingKind, Known, Severity, check
from backend.anonymisation.patterns import nhs_checksum_ok
from backend.overview_reports.diff import Change, ParagraphStatus, compare

CASE = [
    Known("name", "Rowan Ashby-Kerr", "the child"),
    Known("name", "Ben Ashby", "the child's brother"),
    Known("name", "Will O'Connor", "Father"),
    Known("name", "Grace", "Mother"),
    Known("date_of_birth", "2015-06-04", "the child"),
    Known("date_of_incident", "2026-11-16", "the child"),
    Known("address", "Flat 2, 7 Lantern Court, Harbourside HB2 9XY", "the child"),
    Known("address", "14 Mill Street, Eastwick", "Father"),
    Known("school", "Saltmarsh Primary School", "the child's school"),
    Known("place", "Harbourside General Hospital", "the place of the incident"),
    Known("ethnicity", "Mixed White and Black Caribbean", "the child"),
    Known("disability", "Cerebral palsy", "the child"),
]


def found(text: str, details: list[Known] = CASE) -> list[tuple[str, str]]:
    return [(f.kind.value, f.text) for f in check(text, details)]


def kinds(text: str) -> set[str]:
    return {kind for kind, _ in found(text)}


@pytest.mark.parametrize("written", [
    "Rowan Ashby-Kerr", "rowan ashby-kerr", "ROWAN ASHBY-KERR", "Rowan Ashby Kerr", "Rowan", "Ashby-Kerr", "Kerr",
    "Ashby", "ROWAN", "Ben", "O'Connor", "O’Connor", "OConnor",
])
def test_the_case_names_are_found_whole_and_in_part_in_any_case(written):
    assert found(f"The report mentions {written} once.") == [("name", written)]


@pytest.mark.parametrize("written,expected", [
    ("Rowan's", "Rowan"), ("Rowan’s", "Rowan"), ("Ashby-Kerr's", "Ashby-Kerr"), ("Ben's", "Ben"),
])
def test_possessives_are_found_as_the_name(written, expected):
    assert found(f"{written} bedroom was cold.") == [("name", expected)]


def test_a_whole_name_is_one_finding_naming_whom_it_identifies():
    [finding] = check("Later, Rowan Ashby-Kerr was seen by the GP.", CASE)
    assert (finding.kind, finding.severity, finding.text) == (FindingKind.name, Severity.identifier, "Rowan Ashby-Kerr")
    assert finding.reason == "Names the child"
    assert (finding.start, finding.end) == (7, 23)


@pytest.mark.parametrize("text", [
    "The family claimed benefit and the benefits were stopped.",
    "The brother will bend the rules; Bennett is another family.",
    "The kerrigan report and the ashbyville road.",
    "Everyone hoped the rowans would flower.",
    "Practitioners will say the child was a grace to the school; the family will move.",
    "In June the family moved, and in May they moved again; April was quiet.",
    "Paragraph 4.6.16 considers escalation; see also 12.3.4.",
    "The Family Court and the Crown Court considered the Primary School's evidence.",
    "Professional curiosity was limited and the child's voice was not heard.",
])
def test_common_words_are_not_findings(text):
    assert found(text) == []


def test_a_name_that_is_an_everyday_word_counts_only_with_its_capital():
    assert found("Will O'Connor said he will attend; later Will left.") == [("name", "Will O'Connor"),
                                                                            ("name", "Will")]
    assert found("Mother said it was a grace; Grace disagreed.") == [("name", "Grace")]


@pytest.mark.parametrize("written", [
    "4 June 2015", "4th June 2015", "4th of June 2015", "4 Jun 2015", "June 4, 2015", "June 4th 2015",
    "04/06/2015", "4/6/2015", "4/6/15", "04-06-2015", "4.6.15", "04.06.2015", "2015-06-04",
])
def test_the_date_of_birth_is_found_in_every_common_uk_form(written):
    [finding] = check(f"The date was {written} in the records.", CASE)
    assert (finding.kind, finding.severity, finding.text) == (FindingKind.date, Severity.identifier, written)
    assert finding.reason == "Gives the date of birth of the child"


def test_the_month_and_year_of_birth_is_an_identifier_and_the_birthday_a_warning():
    month, birthday = check("Born in June 2015, the child's birthday on 4 June was not marked.", CASE)
    assert (month.text, month.severity) == ("June 2015", Severity.identifier)
    assert (birthday.text, birthday.severity) == ("4 June", Severity.warning)


def test_the_incident_date_is_an_identifier_and_its_month_a_warning():
    day, month = check("On 16 November 2026 the incident happened. In November 2026 the review began.", CASE)
    assert (day.kind, day.severity) == (FindingKind.date, Severity.identifier)
    assert day.reason == "Gives the date of the incident"
    assert (month.text, month.severity) == ("November 2026", Severity.warning)


def test_other_dates_are_warnings_only_beside_a_birth_death_or_incident():
    assert found("The strategy discussion was on 3 March 2025.") == []
    assert found("Her sister was born on 3 March 2019.") == [("exact_date", "3 March 2019")]
    assert found("The grandfather died on 12/01/2024.") == [("exact_date", "12/01/2024")]


@pytest.mark.parametrize("written,expected", [
    ("7 Lantern Court", "7 Lantern Court"), ("Lantern Court", "Lantern Court"), ("lantern court", "lantern court"),
    ("7, Lantern Court", "7, Lantern Court"), ("14 Mill Street", "14 Mill Street"), ("Mill St", "Mill St"),
    ("mill street", "mill street"),
])
def test_the_case_streets_are_found_with_or_without_the_house_number(written, expected):
    assert found(f"The family lived at {written} for a year.") == [("address", expected)]


@pytest.mark.parametrize("written", ["HB2 9XY", "hb2 9xy", "HB29XY"])
def test_the_case_postcode_is_found_in_any_case(written):
    [finding] = check(f"Moved to {written} last year.", CASE)
    assert (finding.kind, finding.text) == (FindingKind.postcode, written)
    assert finding.reason == "The postcode of the child's address"


def test_the_town_of_an_address_is_a_warning():
    [finding] = check("The family moved to Harbourside.", CASE)
    assert (finding.kind, finding.severity) == (FindingKind.named_place, Severity.warning)


@pytest.mark.parametrize("written", [
    "Saltmarsh Primary School", "saltmarsh primary school", "Saltmarsh Primary", "Saltmarsh Academy",
    "Saltmarsh School",
])
def test_the_case_school_is_found_by_its_name_and_short_forms(written):
    assert found(f"Staff at {written} noticed bruising.") == [("school", written)]


@pytest.mark.parametrize("text,kind,written", [
    ("Lives at SW1A 1AA now.", "postcode", "SW1A 1AA"),
    ("NHS number 943 476 5919 was on the letter.", "nhs_number", "943 476 5919"),
    ("NHS number 9434765919 again.", "nhs_number", "9434765919"),
    ("Her NI number AB 12 34 56 C was quoted.", "national_insurance_number", "AB 12 34 56 C"),
    ("Her NI number AB123456C was quoted.", "national_insurance_number", "AB123456C"),
    ("Phone 01632 960123 for the team.", "phone_number", "01632 960123"),
    ("Mobile +44 7700 900123 rang.", "phone_number", "+44 7700 900123"),
    ("Mobile 07700 900 123 rang.", "phone_number", "07700 900 123"),
    ("Write to duty.team@example.org.uk today.", "email_address", "duty.team@example.org.uk"),
])
def test_identifiers_of_anyone_are_found_anywhere(text, kind, written):
    assert found(text, []) == [(kind, written)]


def test_nhs_numbers_are_checked_by_their_check_digit():
    assert nhs_checksum_ok("9434765919")
    assert not nhs_checksum_ok("9434765918")
    assert found("Reference 943 476 5918 in the file.", []) == []


def test_a_national_insurance_number_with_a_prefix_never_issued_is_not_one():
    assert found("Code GB 12 34 56 A and QQ123456C.", []) == []


def test_jigsaw_risks_are_warnings():
    text = ("A boy aged 9 was treated at St Peter's Hospital. He is Caribbean and has cerebral palsy. "
            "The family lived on Marsh Lane.")
    findings = {(f.kind.value, f.text): f.severity for f in check(text, CASE)}
    assert findings == {
        ("age_beside_place", "aged 9"): Severity.warning,
        ("named_place", "St Peter's Hospital"): Severity.warning,
        ("rare_combination", "Caribbean"): Severity.warning,
        ("rare_combination", "cerebral palsy"): Severity.warning,
        ("named_place", "Marsh Lane"): Severity.warning,
    }


def test_one_characteristic_alone_is_not_a_rare_combination():
    assert found("He has cerebral palsy.") == []


def test_an_age_without_a_named_place_is_not_a_finding():
    assert found("A boy aged 9 was treated at the hospital.") == []


def test_findings_never_overlap_and_identifiers_win():
    findings = check("Rowan Ashby-Kerr attended Saltmarsh Primary School near Harbourside General Hospital.", CASE)
    assert [(f.kind.value, f.severity.value) for f in findings] == [
        ("name", "identifier"), ("school", "identifier"), ("named_place", "warning")]
    ends = [(f.start, f.end) for f in findings]
    assert all(a_end <= b_start for (_, a_end), (b_start, _) in zip(ends, ends[1:], strict=False))


def test_each_finding_has_a_key_that_names_the_same_words_anywhere():
    first, second = check("Rowan met ROWAN.", CASE)
    assert first.key == second.key == "name:rowan"


def test_a_thirty_thousand_word_report_is_checked_in_well_under_two_seconds():
    paragraph = ("The health visitor saw the family at home and noted that the baby was gaining weight. "
                 "Children's social care held a strategy discussion with the police on 3 March 2025. "
                 "Rowan was aged 4 when the family moved to Marsh Lane, near Harbourside General Hospital. ")
    text = "\n\n".join([paragraph] * (30_000 // len(paragraph.split()) + 1))
    started = time.perf_counter()
    findings = CaseCheck(CASE).check(text)
    assert time.perf_counter() - started < 2
    assert len(findings) > 1000


def test_the_diff_marks_inserted_and_deleted_words_side_by_side():
    old = "The school raised concerns.\n\nThe police attended the home.\n\nNo further action."
    new = "The school raised serious concerns.\n\nNo further action.\n\nThe review group agreed."
    comparison = compare(old, new)
    assert [p.status for p in comparison.paragraphs] == [
        ParagraphStatus.changed, ParagraphStatus.deleted, ParagraphStatus.same, ParagraphStatus.inserted]
    changed = comparison.paragraphs[0]
    assert [(s.text, s.change) for s in changed.right] == [
        ("The school raised ", Change.equal), ("serious ", Change.inserted), ("concerns.", Change.equal)]
    assert [s.change for s in changed.left] == [Change.equal]
    assert comparison.count(Change.inserted) == 5 and comparison.count(Change.deleted) == 5
