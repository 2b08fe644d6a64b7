"""The rapid review report the National Panel receives (Working Together 2023): every section filled from the
records, the agencies' involvement from their SUBMITTED responses only, the child named by the anonymised reference
and nothing that identifies them (a record that does refuses the download, naming the section); and the 15 working
days counted from the notification, with working days used and whether the report was sent on time."""

import io
from datetime import UTC, date, datetime

import pytest
from docx import Document
from pypdf import PdfReader

from backend.core.access import Role
from backend.core.config import Settings
from backend.identity.models import AgencyKind
from backend.rapid_reviews import service as rapid_review_service
from backend.rapid_reviews.models import RapidReviewMeeting
from backend.rapid_reviews.report import age
from tests.partner_positions import SP, decide, three_partners
from tests.stage_one import notify
from tests.test_rapid_reviews import MEETING, RESPONSE

POLICE_RESPONSE = RESPONSE | {
    "involvement": "Two call-outs to the home for arguments between the adults.",
    "analysis": "The second call-out was not shared with health visiting.",
    "immediate_learning": "Share every domestic abuse call-out where there is a baby.",
    "actions_taken": "Same-day notification to health visiting from the hub.",
    "good_practice": "Officers spoke to the older sibling alone.",
    "author_name": "Dana Price", "author_role": "Detective sergeant",
}
SCHOOL_RESPONSE = RESPONSE | {
    "involvement": "The older sibling's attendance fell to 80% in the autumn term.",
    "analysis": "Lateness was not linked to the new baby at home.",
    "author_name": "Lee Grant", "author_role": "Designated safeguarding lead",
}
HOSPITAL_RESPONSE = RESPONSE | {"involvement": "A returned response the report must never quote."}
HOSPITAL_DRAFT = RESPONSE | {"involvement": "A draft the report must never quote."}
REPORT_MEETING = MEETING | {
    "facts_reviewed": "Chronologies from the police, the school and the hospital.",
    "key_practice_episodes": "The second police call-out, which no one shared with health visiting.",
    "characteristics_and_inequalities": "The family's first language is Polish and no interpreter was offered at "
                                        "the health visits; the meeting found this limited what the mother could tell "
                                        "practitioners.",
    "immediate_learning": "Interpreters are booked for every health visit where a family needs one.",
    "issues_of_national_importance": "None identified.",
}
# What identifies the child of tests.stage_one.CHILD: never in a report.
IDENTIFYING = ("Rowan", "Ashby", "Lantern Court", "HB2 9XY", "14 March 2025", "2025-03-14", "14/03/2025",
               "Westgate Primary")


def _docx_text(content: bytes) -> str:
    return "\n".join(p.text for p in Document(io.BytesIO(content)).paragraphs)


def _pdf_text(content: bytes) -> str:
    """The PDF's text read back with pypdf (its streams are compressed, so reading the bytes would not do)."""
    return " ".join(" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(content)).pages)


def _decided_rapid_review(client, make):
    """Child BM's rapid review decided and sent to the Panel: the police and the school submitted their responses,
    the hospital's was returned and is being redrafted."""
    police = make.agency("Harbour Police", AgencyKind.police)
    hospital = make.agency("Harbour Hospital", AgencyKind.health)
    school = make.agency("Westgate Primary School", AgencyKind.education)
    office = make.user(Role.business_office)
    partners = three_partners(make)
    leads = {agency.id: make.user(Role.agency_lead, agency) for agency in (police, hospital, school)}
    notification = notify(client, make, office, notified_panel_on="2026-11-18",
                          agency_ids=[str(a.id) for a in (police, hospital, school)])
    url = f"/api/v1/rapid-reviews/{notification['rapid_review_id']}"
    sent = client.post(f"{url}/information-requests", headers=make.headers(office),
                       json={"agency_ids": [str(a.id) for a in (police, hospital, school)]}).json()
    requests = {r["agency"]["id"]: r["id"] for r in sent}
    for agency, body in ((police, POLICE_RESPONSE), (school, SCHOOL_RESPONSE), (hospital, HOSPITAL_RESPONSE)):
        answered = client.post(f"/api/v1/information-requests/{requests[str(agency.id)]}/submit",
                               headers=make.headers(leads[agency.id]), json=body)
        assert answered.status_code == 200, answered.text
    hospital_request = f"/api/v1/information-requests/{requests[str(hospital.id)]}"
    assert client.post(f"{hospital_request}/return", headers=make.headers(office),
                       json={"reasons": "Please add the emergency department attendance."}).status_code == 200
    read = client.get(hospital_request, headers=make.headers(leads[hospital.id]))
    assert client.put(f"{hospital_request}/draft", headers=make.headers(leads[hospital.id]) | {
        "If-Match": read.headers["ETag"]}, json=HOSPITAL_DRAFT).status_code == 200
    recorded = client.post(f"{url}/meeting", headers=make.headers(office), json=REPORT_MEETING | {
        "immediate_actions": [{"description": "Check on the baby's sibling at school.", "agency_id": str(school.id),
                               "due_date": "2026-11-30"}]})
    assert recorded.status_code == 201, recorded.text
    client.post(f"{url}/recommendation", headers=make.headers(office),
                json={"recommendation": "local_cspr", "rationale": "Significant multi-agency learning remains."})
    # Two partners agree with the meeting; the police disagree, with their reasons.
    for partner, hold, reasons in ((SP.local_authority, True, "Agreed: the criteria are met."),
                                   (SP.integrated_care_board, True, ""),
                                   (SP.police, False, "The police's own investigation review covers the learning.")):
        recorded = client.post(f"{url}/partner-positions", headers=make.headers(partners[partner]),
                               json={"hold_cspr": hold, "reasons": reasons, "recorded_on": "2026-11-23"})
        assert recorded.status_code == 200, recorded.text
    assert client.post(f"{url}/panel-submission", headers=make.headers(office),
                       json={"sent_on": "2026-11-23"}).status_code == 200
    return url, office, partners[SP.local_authority]


def test_the_generated_report_has_each_section_filled_from_the_records_in_word_and_pdf(client, make, frozen_now):
    url, office, _ = _decided_rapid_review(client, make)

    preview = client.get(f"{url}/report", headers=make.headers(office)).json()
    assert [s["heading"] for s in preview["sections"]] == [
        "The facts of the case", "Each agency's involvement", "Analysis of key practice episodes",
        "How the child's ethnicity, disability and other characteristics, racism and other inequalities shaped "
        "their experience and the practice around them",
        "Immediate safety actions", "Learning identified", "The recommendation and the partners' decision",
        "Issues of national importance", "Sign-off by the safeguarding partners"]
    assert preview["sections_to_complete"] == [] and preview["download_refused"] is None

    word = client.get(f"{url}/report.docx", headers=make.headers(office))
    pdf = client.get(f"{url}/report.pdf", headers=make.headers(office))
    assert word.status_code == 200 and word.headers["content-type"].startswith("application/vnd.openxmlformats")
    assert 'filename="rapid-review-report-child-bm.docx"' in word.headers["content-disposition"]
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    for text in (_docx_text(word.content), _pdf_text(pdf.content)):
        flat = " ".join(text.split())
        # The facts: the notification and the child's characteristics (the age, never the date of birth).
        assert "Rapid review report: Child BM" in flat
        assert "Serious harm to a child" in flat and "Admitted to hospital with injuries" in flat
        assert "Sex: Female" in flat and "Ethnicity: Mixed or multiple: White and Black Caribbean" in flat
        # What the Panel's notification asks of each child: disability, care, plans, agencies' knowledge.
        assert "Disability: No" in flat and "Looked-after status: Not looked after" in flat
        assert "Child in need plan: In the past" in flat and "Child protection plan: Current" in flat
        assert "Known to any agency: Yes: Health visiting and the police" in flat
        assert "Age at the incident: 1 year" in flat
        assert "Chronologies from the police, the school and the hospital." in flat
        # Each agency's involvement, from the submitted responses only; a school is never named.
        assert "Two call-outs to the home for arguments between the adults." in flat
        assert "The older sibling's attendance fell to 80% in the autumn term." in flat
        assert "The child's school" in flat and "Response by: Dana Price, Detective sergeant" in flat
        assert "never quote" not in flat
        assert "Not yet submitted, so not in this report: Harbour Hospital." in flat
        # The meeting's sections.
        assert REPORT_MEETING["key_practice_episodes"] in flat
        assert "no interpreter was offered at the health visits" in flat
        assert REPORT_MEETING["immediate_learning"] in flat and "None identified." in flat
        # Immediate safety actions and who owns them.
        assert "Check on the baby's sibling at school." in flat and "Owned by: The child's school" in flat
        # The recommendation and the partners' decision with its rationale, and their sign-off.
        assert "A local Child Safeguarding Practice Review" in flat
        assert "Significant multi-agency learning remains." in flat
        assert "To hold a local Child Safeguarding Practice Review" in flat and "Agreed: the criteria are met." in flat
        assert "By a majority of the three partners" in flat
        assert "Do not hold a local Child Safeguarding Practice Review (disagrees with the recommendation)" in flat
        assert "The police's own investigation review covers the learning." in flat
        # Each of the three partners' sign-off: who, and when.
        for who in ("Lena Council", "Ivy Board", "Percy Constable"):
            assert f"Signed off by: {who}" in flat, who
        assert "23 November 2026" in flat
        for detail in IDENTIFYING:
            assert detail not in flat, detail


def test_a_record_that_names_the_child_refuses_the_download_until_it_is_corrected(client, make, frozen_now):
    office = make.user(Role.business_office)
    other = _other_rapid_review(client, make)
    meeting = client.get(other, headers=make.headers(office))
    leak = {"key_practice_episodes": "Rowan was seen at 7 Lantern Court by the health visitor."}
    assert client.patch(f"{other}/meeting", headers=make.headers(office) | {"If-Match": meeting.headers["ETag"]},
                        json=leak).status_code == 200

    preview = client.get(f"{other}/report", headers=make.headers(office)).json()
    blocking = [f for f in preview["findings"] if f["severity"] == "identifier"]
    assert {f["section"] for f in blocking} == {"key_practice_episodes"}
    assert {f["text"] for f in blocking} == {"Rowan", "7 Lantern Court"}
    assert "Analysis of key practice episodes" in preview["download_refused"]
    for extension in ("docx", "pdf"):
        refused = client.get(f"{other}/report.{extension}", headers=make.headers(office))
        assert refused.status_code == 409
        assert "Analysis of key practice episodes" in refused.json()["detail"]
        assert {e["field"] for e in refused.json()["errors"]} == {"report.key_practice_episodes"}
        assert "Rowan" not in refused.text
    # The scrutineer sees where and why, not the words.
    scrutineer = client.get(f"{other}/report", headers=make.headers(make.user(Role.scrutineer))).json()
    assert {f["reason"] for f in scrutineer["findings"] if f["severity"] == "identifier"} == {
        "Names the child", "Names the street of the child's address"}
    assert all(f["text"] is None for f in scrutineer["findings"])

    read = client.get(other, headers=make.headers(office))
    fixed = client.patch(f"{other}/meeting", headers=make.headers(office) | {"If-Match": read.headers["ETag"]},
                         json={"key_practice_episodes": "The child was seen at home by the health visitor."})
    assert fixed.status_code == 200
    assert client.get(f"{other}/report.docx", headers=make.headers(office)).status_code == 200
    timeline = client.get(f"{other}/timeline", headers=make.headers(office)).json()
    assert [e["summary"] for e in timeline if e["action"] == "generate_report"] == [
        "Generated the rapid review report for the National Panel (Word), with 3 sections still to complete"]


def _other_rapid_review(client, make) -> str:
    """A second notification for the same child's case details, its meeting held and correctable."""
    office = make.user(Role.business_office)
    notification = notify(client, make, office, child_reference="Child CN", notified_panel_on="2026-11-18")
    url = f"/api/v1/rapid-reviews/{notification['rapid_review_id']}"
    assert client.post(f"{url}/meeting", headers=make.headers(office),
                       json=REPORT_MEETING | {"immediate_action_needed": False}).status_code == 201
    return url


def test_the_meeting_is_refused_without_the_section_on_the_childs_characteristics_and_inequalities(
        client, make, frozen_now):
    office = make.user(Role.business_office)
    url = f"/api/v1/rapid-reviews/{notify(client, make, office)['rapid_review_id']}"
    for missing in ({k: v for k, v in REPORT_MEETING.items() if k != "characteristics_and_inequalities"},
                    REPORT_MEETING | {"characteristics_and_inequalities": "   "}):
        refused = client.post(f"{url}/meeting", headers=make.headers(office), json=missing)
        assert refused.status_code == 422
        assert {e["field"]: e["message"] for e in refused.json()["errors"]} == {
            "body.characteristics_and_inequalities": "Enter the section on how the child's ethnicity, disability "
                                                     "and other characteristics, racism and other inequalities "
                                                     "shaped their experience and the practice around them"}
    assert client.get(url, headers=make.headers(office)).json()["state"] == "gathering_information"
    no_issues = {k: v for k, v in REPORT_MEETING.items() if k != "issues_of_national_importance"}
    errors = client.post(f"{url}/meeting", headers=make.headers(office), json=no_issues).json()["errors"]
    assert errors == [{"field": "body.issues_of_national_importance",
                       "message": "Enter the issues of national importance, or say that none were identified"}]


def test_a_meeting_recorded_before_the_report_sections_existed_reads_them_empty_until_corrected(
        client, db, make, frozen_now):
    office = make.user(Role.business_office)
    url = _other_rapid_review(client, make)
    held = db.query(RapidReviewMeeting).one()
    held.key_practice_episodes = held.characteristics_and_inequalities = held.issues_of_national_importance = ""
    db.flush()

    assert client.get(url, headers=make.headers(office)).json()["meeting"]["characteristics_and_inequalities"] == ""
    preview = client.get(f"{url}/report", headers=make.headers(office)).json()
    sections = {s["key"]: s for s in preview["sections"]}
    assert "correct the meeting record" in sections["characteristics_and_inequalities"]["to_complete"]
    assert sections["characteristics_and_inequalities"]["parts"] == []
    assert {"Analysis of key practice episodes", "Issues of national importance"} <= set(
        preview["sections_to_complete"])
    word = _docx_text(client.get(f"{url}/report.docx", headers=make.headers(office)).content)
    assert "Still to be completed: how the child's ethnicity" in word

    read = client.get(url, headers=make.headers(office))
    client.patch(f"{url}/meeting", headers=make.headers(office) | {"If-Match": read.headers["ETag"]},
                 json={"characteristics_and_inequalities": "Poverty and overcrowding shaped the risks at home."})
    after = {s["key"]: s for s in client.get(f"{url}/report", headers=make.headers(office)).json()["sections"]}
    assert after["characteristics_and_inequalities"]["to_complete"] is None


def test_the_business_office_partners_and_scrutineer_read_the_report_and_agencies_do_not(client, make, frozen_now):
    url, office, strategic = _decided_rapid_review(client, make)
    for user in (office, strategic, make.user(Role.scrutineer)):
        assert client.get(f"{url}/report", headers=make.headers(user)).status_code == 200
        assert client.get(f"{url}/report.pdf", headers=make.headers(user)).status_code == 200
    police_lead = make.user(Role.agency_lead, make.agency("Another police force", AgencyKind.police))
    assert client.get(f"{url}/report", headers=make.headers(police_lead)).status_code == 403
    assert client.get(f"{url}/report.docx", headers=make.headers(police_lead)).status_code == 403
    timeline = client.get(f"{url}/timeline", headers=make.headers(office)).json()
    assert sum(1 for e in timeline if e["action"] == "generate_report") == 3


@pytest.mark.parametrize(("born", "on", "words"), [
    (date(2026, 11, 10), date(2026, 11, 16), "6 days"), (date(2026, 9, 14), date(2026, 11, 16), "9 weeks"),
    (date(2026, 5, 20), date(2026, 11, 16), "5 months"), (date(2025, 11, 16), date(2026, 11, 16), "1 year"),
    (date(2011, 11, 17), date(2026, 11, 16), "14 years")])
def test_a_childs_age_at_the_incident_is_given_without_the_date_of_birth(born, on, words):
    assert age(born, on) == words


# The 15 working days. Notified Wed 16 Dec 2026, with the partnership closed Thu 31 Dec: Thu 17 (1), Fri 18 (2),
# Mon 21 - Thu 24 (3-6), [Fri 25 Christmas, Mon 28 Boxing Day substitute] Tue 29 (7), Wed 30 (8), [Thu 31 closed,
# Fri 1 Jan New Year's Day] Mon 4 (9), Tue 5 (10), Wed 6 (11), Thu 7 (12), Fri 8 (13), Mon 11 (14), Tue 12 Jan (15).

def _notified_before_christmas(client, make, frozen_now, **dates):
    frozen_now[0] = datetime(2026, 12, 16, 10, 0, tzinfo=UTC)
    office = make.user(Role.business_office)
    assert client.post("/api/v1/calendar/closure-days", headers=make.headers(office),
                       json={"day": "2026-12-31", "reason": "Partnership offices closed"}).status_code == 201
    body = notify(client, make, office, incident_date="2026-12-14", became_aware_on="2026-12-15",
                  notified_panel_on="2026-12-16", **dates)
    return f"/api/v1/rapid-reviews/{body['rapid_review_id']}", office


def _send(client, make, office, url, sent_on):
    client.post(f"{url}/meeting", headers=make.headers(office), json=REPORT_MEETING | {"held_on": "2027-01-05",
                                                                                      "immediate_actions": []})
    client.post(f"{url}/recommendation", headers=make.headers(office),
                json={"recommendation": "local_cspr", "rationale": "Learning remains."})
    decide(client, make, f"{url}/partner-positions",
           {"hold_cspr": False, "reasons": "The learning is being taken forward elsewhere.",
            "recorded_on": "2027-01-06"})
    sent = client.post(f"{url}/panel-submission", headers=make.headers(office), json={"sent_on": sent_on})
    assert sent.status_code == 200, sent.text
    return sent.json()["panel_timeliness"]


def test_working_days_used_count_from_the_notification_across_bank_holidays_and_a_closure_day(
        client, make, frozen_now):
    url, office = _notified_before_christmas(client, make, frozen_now)
    frozen_now[0] = datetime(2027, 1, 6, 10, 0, tzinfo=UTC)
    timeliness = client.get(url, headers=make.headers(office)).json()["panel_timeliness"]
    assert timeliness == {"counted_from": "2026-12-16", "counted_from_event": "panel_notified",
                          "due_date": "2027-01-12", "working_days_allowed": 15, "working_days_used": 11,
                          "sent_on": None, "sent_on_time": None, "working_days_late": 0}
    listed = client.get("/api/v1/rapid-reviews", headers=make.headers(office)).json()["items"]
    assert [r["panel_timeliness"] for r in listed] == [timeliness]

    # Fri 15 Jan, not sent: Wed 13, Thu 14, Fri 15 are three working days past the due date.
    frozen_now[0] = datetime(2027, 1, 15, 10, 0, tzinfo=UTC)
    overdue = client.get(url, headers=make.headers(office)).json()["panel_timeliness"]
    assert (overdue["working_days_used"], overdue["sent_on_time"], overdue["working_days_late"]) == (18, False, 3)


def test_a_report_sent_on_its_fifteenth_working_day_is_on_time_and_one_sent_after_is_late(client, make, frozen_now):
    url, office = _notified_before_christmas(client, make, frozen_now)
    frozen_now[0] = datetime(2027, 1, 20, 10, 0, tzinfo=UTC)
    on_time = _send(client, make, office, url, "2027-01-12")
    assert (on_time["working_days_used"], on_time["sent_on_time"], on_time["working_days_late"]) == (15, True, 0)
    assert on_time["sent_on"] == "2027-01-12"

    second = notify(client, make, office, child_reference="Child CN", incident_date="2026-12-14",
                    became_aware_on="2026-12-15", notified_panel_on="2026-12-16")
    late = _send(client, make, office, f"/api/v1/rapid-reviews/{second['rapid_review_id']}", "2027-01-15")
    assert (late["working_days_used"], late["sent_on_time"], late["working_days_late"]) == (18, False, 3)


def test_working_days_count_from_the_day_the_authority_became_aware_when_the_partnership_says_so(
        client, make, frozen_now, monkeypatch):
    monkeypatch.setattr(rapid_review_service, "get_settings",
                        lambda: Settings(rapid_review_deadline_anchor="became_aware"))
    url, office = _notified_before_christmas(client, make, frozen_now)
    frozen_now[0] = datetime(2027, 1, 6, 10, 0, tzinfo=UTC)
    timeliness = client.get(url, headers=make.headers(office)).json()["panel_timeliness"]
    # Aware Tue 15 Dec: one working day more than from the notification, so the 15th is Mon 11 Jan.
    assert (timeliness["counted_from"], timeliness["counted_from_event"]) == ("2026-12-15", "became_aware")
    assert (timeliness["working_days_used"], timeliness["due_date"]) == (12, "2027-01-11")


def test_the_working_days_wait_for_the_day_the_panel_is_notified(client, make, frozen_now):
    office = make.user(Role.business_office)
    body = notify(client, make, office)  # the Panel not yet notified
    read = client.get(f"/api/v1/rapid-reviews/{body['rapid_review_id']}", headers=make.headers(office)).json()
    assert read["panel_timeliness"] is None
