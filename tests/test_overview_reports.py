"""The overview report from first draft to publication through the API, as each role, and every refused step."""

import datetime as dt
import io
import uuid
from datetime import UTC, datetime

import pytest
from docx import Document
from sqlalchemy import select

from backend.audit.models import AuditEvent
from backend.cases.models import Case
from backend.core.access import Role
from backend.deadlines import service as deadlines
from backend.deadlines.models import DeadlineKind, DeadlineStatus
from backend.family_engagement.models import FamilyMember
from backend.identity.models import AgencyKind
from backend.overview_reports.models import ReportVersion
from backend.reviews import schemas as reviews_schemas
from backend.reviews import service as reviews
from backend.reviews.models import ReviewStage
from tests.review_process import record_publication
from tests.sql_support import counted
from tests.stage_one import notify

DRAFT = ("Child BM lived with Rowan's mother and siblings.\n\nThe school raised concerns about attendance.\n\n"
         "Practitioners did not hear the child's voice.")
CLEAN = ("Child BM lived with their mother and siblings.\n\nThe school raised concerns about attendance.\n\n"
         "Practitioners did not hear the child's voice.")


@pytest.fixture
def world(client, db, make, frozen_now):
    frozen_now[0] = datetime(2027, 3, 1, 9, 0, tzinfo=UTC)
    office = make.user(Role.business_office)
    reviewer = make.user(Role.lead_reviewer, name="Ruth Kaplan")
    scrutineer = make.user(Role.scrutineer)
    partners = {kind: make.user(Role.strategic_lead, make.agency(kind=kind, statutory=True))
                for kind in (AgencyKind.childrens_social_care, AgencyKind.health, AgencyKind.police)}
    member = make.agency("Harbourside Trust")
    notification = notify(client, make, office, incident_date="2026-11-16", became_aware_on="2026-11-17")
    case = db.get(Case, uuid.UUID(notification["case_id"]))
    review = reviews.create_review(db, None, case=case, decided_on=dt.date(2026, 12, 1), agency_ids=[member.id])
    review.lead_reviewer_id = reviewer.id
    review.stage = ReviewStage.overview_report
    db.flush()
    return {"office": office, "reviewer": reviewer, "scrutineer": scrutineer, "partners": partners,
            "agency_lead": make.user(Role.agency_lead, member), "review": review,
            "url": f"/api/v1/reviews/{review.id}"}


def h(make, user):
    return make.headers(user)


def share(client, make, w, text, **body):
    url = w["url"]
    draft = client.get(f"{url}/overview-report/drafts/overview_report", headers=h(make, w["reviewer"]))
    headers = h(make, w["reviewer"]) | ({"If-Match": draft.headers["ETag"]} if draft.status_code == 200 else {})
    saved = client.put(f"{url}/overview-report/drafts/overview_report", headers=headers, json={"text": text})
    assert saved.status_code == 200, saved.text
    shared = client.post(f"{url}/overview-report/versions", headers=h(make, w["reviewer"]), json=body)
    assert shared.status_code == 201, shared.text
    return shared.json()


def step(client, make, w, user, name, version_id, **extra):
    return client.post(f"{w['url']}/sign-off/steps", headers=h(make, user),
                       json={"step": name, "version_id": version_id, **extra})


def sign_off_all(client, make, w, version_id):
    office, partners = w["office"], w["partners"]
    for user, name in ((office, "review_group"), (office, "sub_group"),
                       (partners[AgencyKind.childrens_social_care], "local_authority"),
                       (partners[AgencyKind.health], "integrated_care_board"),
                       (partners[AgencyKind.police], "police"), (office, "national_panel")):
        response = step(client, make, w, user, name, version_id)
        assert response.status_code == 200, response.text
    return response.json()


def test_a_report_goes_from_first_draft_to_publication_through_the_api(client, db, make, world, frozen_now):
    w, url = world, world["url"]
    first = share(client, make, w, DRAFT, note="First draft")
    assert first["number"] == 1 and first["unresolved_findings"] == 1
    [finding] = first["findings"]
    assert (finding["kind"], finding["text"], finding["paragraph"]) == ("name", "Rowan", 1)
    assert DRAFT[finding["start"]:finding["end"]] == "Rowan"

    # The scrutineer reviews the first draft; an agency of the review group comments on a paragraph.
    scrutiny = client.post(f"{url}/overview-report/versions/{first['id']}/comments", headers=h(make, w["scrutineer"]),
                           json={"body": "The analysis of attendance needs more depth.", "scrutineer_review": True})
    assert scrutiny.status_code == 201 and scrutiny.json()["scrutineer_review"] is True
    comment = client.post(f"{url}/overview-report/versions/{first['id']}/comments", headers=h(make, w["agency_lead"]),
                          json={"body": "Paragraph 2 should name the school's escalation.", "paragraph": 2}).json()
    answered = client.post(f"{url}/overview-report/comments/{comment['id']}/answers",
                           headers=h(make, w["reviewer"]), json={"body": "Added in version 2."})
    assert answered.status_code == 201 and answered.json()["state"] == "answered"
    assert answered.json()["answers"][0]["body"] == "Added in version 2."
    resolved = client.post(f"{url}/overview-report/comments/{comment['id']}/resolve", headers=h(make, w["reviewer"]))
    assert resolved.json()["state"] == "resolved"

    # Sign-off is refused while the child's name is in the report; a clean version resolves it.
    refused = step(client, make, w, w["office"], "review_group", first["id"])
    assert refused.status_code == 409 and "anonymisation" in refused.json()["detail"]
    second = share(client, make, w, CLEAN, note="Name removed")
    assert second["number"] == 2 and second["findings"] == []
    diff = client.get(f"{url}/overview-report/diff", params={"left": first["id"], "right": second["id"]},
                      headers=h(make, w["agency_lead"])).json()
    assert diff["words_inserted"] == 1 and diff["words_deleted"] == 1
    assert [s["change"] for s in diff["paragraphs"][0]["right"]] == ["equal", "inserted", "equal"]

    chain = sign_off_all(client, make, w, second["id"])
    assert chain["state"] == "sent_to_panel" and chain["sent_to_panel_on"] == "2027-03-01"
    assert [s["step"] for s in chain["steps"]] == ["review_group", "sub_group", "local_authority",
                                                   "integrated_care_board", "police", "national_panel"]
    assert all(s["version_number"] == 2 for s in chain["steps"])

    plan = client.patch(f"{url}/publication", headers=h(make, w["office"]),
                        json={"planned_on": "2027-03-17", "members_briefing_on": "2027-03-12"})
    assert plan.status_code == 200, plan.text
    body = plan.json()
    assert body["planned_at"] == "2027-03-17T10:00:00Z" and body["press_statement_on"] == "2027-03-15"
    blocking = {item["key"] for item in body["checklist"] if not item["done"]}
    assert blocking == {"debriefs_arranged", "review_at_publication_stage", "family_offered_findings"}
    offered = client.post(f"{url}/family/contacts", headers=h(make, w["office"]), json={
        "kind": "findings_offer", "occurred_on": "2027-03-01", "with_whom": "Mother"})
    assert offered.status_code == 201, offered.text
    for kind, day in (("involved_practitioner_debrief", "2027-03-15"), ("open_debrief", "2027-03-16")):
        created = client.post("/api/v1/events", headers=h(make, w["office"]), json={
            "review_id": str(w["review"].id), "kind": kind, "title": "Practitioner de-brief", "date": day,
            "start_time": "09:30", "end_time": "11:00", "location": "Partnership Centre", "capacity": 20})
        assert created.status_code == 201, created.text
    w["review"].stage = ReviewStage.publication
    db.flush()

    frozen_now[0] = datetime(2027, 3, 17, 10, 0, tzinfo=UTC)
    published = client.post(f"{url}/publication/publish", headers=h(make, w["office"]))
    assert published.status_code == 200, published.text
    assert published.json()["state"] == "published" and published.json()["published_version"]["number"] == 2
    review = client.get(url, headers=h(make, w["office"])).json()
    assert review["stage"] == "published"
    pdf = client.get(f"{url}/publication/documents/overview_report.pdf", headers=h(make, w["agency_lead"]))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    assert deadlines.find(db, DeadlineKind.publication, w["review"].id).status == DeadlineStatus.met


def test_publication_is_held_while_a_prosecution_holds_it_back(client, db, make, world, frozen_now):
    w, url = world, world["url"]
    version = share(client, make, w, CLEAN)
    sign_off_all(client, make, w, version["id"])
    client.post(f"{url}/family/contacts", headers=h(make, w["office"]),
                json={"kind": "findings_offer", "occurred_on": "2027-03-01", "with_whom": "Mother"})
    held = client.post(f"{url}/parallel-processes", headers=h(make, w["office"]), json={
        "kind": "prosecution", "title": "Crown Court prosecution of the mother's partner", "holds_publication": True,
        "publication_held_until": "the trial's verdict"})
    assert held.status_code == 201, held.text
    client.patch(f"{url}/publication", headers=h(make, w["office"]),
                 json={"planned_on": "2027-03-17", "members_briefing_on": "2027-03-12"})
    for kind, day in (("involved_practitioner_debrief", "2027-03-15"), ("open_debrief", "2027-03-16")):
        client.post("/api/v1/events", headers=h(make, w["office"]), json={
            "review_id": str(w["review"].id), "kind": kind, "title": "Practitioner de-brief", "date": day,
            "start_time": "09:30", "end_time": "11:00", "location": "Partnership Centre", "capacity": 20})
    w["review"].stage = ReviewStage.publication
    db.flush()
    frozen_now[0] = datetime(2027, 3, 17, 10, 0, tzinfo=UTC)

    refused = client.post(f"{url}/publication/publish", headers=h(make, w["office"]))

    assert refused.status_code == 409 and "Crown Court prosecution" in refused.json()["detail"]
    item = next(i for i in client.get(f"{url}/publication", headers=h(make, w["office"])).json()["checklist"]
                if i["key"] == "not_held_by_parallel_process")
    assert item["done"] is False and "until the trial's verdict" in item["hint"]
    assert client.get(url, headers=h(make, w["office"])).json()["stage"] == "publication"
    # Once the prosecution concludes, nothing holds it back.
    process = held.json()
    concluded = client.post(f"{url}/parallel-processes/{process['id']}/conclude",
                            headers=h(make, w["office"]) | {"If-Match": f'"{process["version"]}"'},
                            json={"concluded_on": "2027-03-16", "outcome": "Convicted"})
    assert concluded.status_code == 200, concluded.text
    published = client.post(f"{url}/publication/publish", headers=h(make, w["office"]))
    assert published.status_code == 200, published.text


def test_a_skipped_sign_off_step_is_refused(client, make, world):
    w = world
    version = share(client, make, w, CLEAN)
    refused = step(client, make, w, w["partners"][AgencyKind.police], "police", version["id"])
    assert refused.status_code == 409
    assert refused.json()["allowed_actions"] == ["review_group"]


def test_sign_off_on_another_version_is_refused(client, make, world):
    w = world
    first = share(client, make, w, CLEAN)
    second = share(client, make, w, CLEAN + "\n\nA closing paragraph.")
    refused = step(client, make, w, w["office"], "review_group", first["id"])
    assert refused.status_code == 409 and refused.json()["errors"][0]["field"] == "body.version_id"
    assert step(client, make, w, w["office"], "review_group", second["id"]).status_code == 200
    third = client.post(f"{w['url']}/overview-report/versions", headers=h(make, w["reviewer"]), json={})
    assert third.status_code == 422 and third.json()["errors"][0]["field"] == "body.restart_reason"


def test_a_partner_signs_off_only_for_their_own_kind_of_agency(client, make, world):
    w = world
    version = share(client, make, w, CLEAN)
    for name in ("review_group", "sub_group"):
        assert step(client, make, w, w["office"], name, version["id"]).status_code == 200
    wrong = step(client, make, w, w["partners"][AgencyKind.police], "local_authority", version["id"])
    assert wrong.status_code == 403


def test_a_new_version_after_a_step_restarts_the_chain_with_the_reason(client, make, world, db):
    w = world
    version = share(client, make, w, CLEAN)
    for name in ("review_group", "sub_group"):
        step(client, make, w, w["office"], name, version["id"])
    again = share(client, make, w, CLEAN + "\n\nA correction.", restart_reason="The police asked for a correction.")
    chain = client.get(f"{w['url']}/sign-off", headers=h(make, w["office"])).json()
    assert chain["state"] == "awaiting_review_group" and chain["version_id"] is None
    assert [s["invalidated_reason"] for s in chain["steps"]] == ["The police asked for a correction."] * 2
    assert step(client, make, w, w["office"], "review_group", again["id"]).status_code == 200
    assert deadlines.find(db, DeadlineKind.report_sign_off, w["review"].id).status == DeadlineStatus.open


def test_publication_thirteen_days_after_the_panel_copy_is_refused(client, make, world, db):
    w = world
    version = share(client, make, w, CLEAN)
    sign_off_all(client, make, w, version["id"])
    w["review"].stage = ReviewStage.publication
    db.flush()
    plan = client.patch(f"{w['url']}/publication", headers=h(make, w["office"]),
                        json={"planned_on": "2027-03-14", "members_briefing_on": "2027-03-10"}).json()
    [late] = [item for item in plan["checklist"] if item["key"] == "panel_copy_in_time"]
    assert late["done"] is False and "13 days" in late["hint"]
    refused = client.post(f"{w['url']}/publication/publish", headers=h(make, w["office"]))
    assert refused.status_code == 409


def test_publication_with_an_unresolved_finding_is_refused_until_the_business_office_accepts_it(
        client, make, world):
    w = world
    version = share(client, make, w, DRAFT)
    assert step(client, make, w, w["office"], "review_group", version["id"]).status_code == 409
    key = version["findings"][0]["key"]
    not_office = client.post(f"{w['url']}/overview-report/findings/accept", headers=h(make, w["reviewer"]),
                             json={"key": key, "reason": "Not the child's name here"})
    assert not_office.status_code == 403
    accepted = client.post(f"{w['url']}/overview-report/findings/accept", headers=h(make, w["office"]),
                           json={"key": key, "reason": "A pseudonym agreed with the family."})
    assert accepted.status_code == 201
    read = client.get(f"{w['url']}/overview-report/versions/{version['id']}", headers=h(make, w["office"])).json()
    assert read["findings"][0]["accepted"]["reason"] == "A pseudonym agreed with the family."
    assert step(client, make, w, w["office"], "review_group", version["id"]).status_code == 200


def test_the_draft_is_the_lead_reviewers_and_keeps_its_etag(client, make, world):
    w = world
    url = f"{w['url']}/overview-report/drafts/overview_report"
    first = client.put(url, headers=h(make, w["reviewer"]), json={"text": CLEAN})
    assert first.status_code == 200
    stale = client.put(url, headers=h(make, w["reviewer"]) | {"If-Match": '"0"'}, json={"text": "x"})
    assert stale.status_code == 412
    assert client.put(url, headers=h(make, w["reviewer"]), json={"text": "x"}).status_code == 428
    assert client.get(url, headers=h(make, w["office"])).status_code == 403
    report = client.get(f"{w['url']}/overview-report", headers=h(make, w["agency_lead"])).json()
    assert report["documents"][0]["draft"] is None and report["allowed_actions"] == []


def test_a_word_document_is_uploaded_as_the_draft_with_its_text_extracted(client, make, world):
    w = world
    document = Document()
    document.add_paragraph("Child BM and the school.")
    document.add_paragraph("Practitioners met on 4 June 2015.")
    buffer = io.BytesIO()
    document.save(buffer)
    response = client.post(f"{w['url']}/overview-report/drafts/overview_report/upload",
                           headers=h(make, w["reviewer"]),
                           files={"file": ("report.docx", buffer.getvalue(), "application/octet-stream")})
    assert response.status_code == 200, response.text
    assert response.json()["text"] == "Child BM and the school.\n\nPractitioners met on 4 June 2015."
    assert response.json()["source"] == "docx"
    bad = client.post(f"{w['url']}/overview-report/drafts/overview_report/upload",
                      headers=h(make, w["reviewer"]) | {"If-Match": response.headers["ETag"]},
                      files={"file": ("report.docx", b"not a document", "application/octet-stream")})
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "body.file"


def test_a_review_the_caller_cannot_see_has_no_report_for_them(client, make, world):
    outsider = make.user(Role.agency_lead)
    assert client.get(f"{world['url']}/overview-report", headers=h(make, outsider)).status_code == 404


def test_a_review_past_six_months_unpublished_is_owed_to_the_panel_until_it_is_told(client, make, world, db,
                                                                                     frozen_now):
    w = world
    owed = deadlines.find(db, DeadlineKind.panel_delay_notice, w["review"].id)
    assert owed is not None and owed.due_date == dt.date(2027, 6, 1) and owed.status == DeadlineStatus.open
    frozen_now[0] = datetime(2027, 6, 10, 9, 0, tzinfo=UTC)
    listed = client.get("/api/v1/deadlines", params={"overdue": True, "kind": "panel_delay_notice"},
                        headers=h(make, w["office"])).json()
    assert [d["subject_id"] for d in listed["items"]] == [str(w["review"].id)]
    told = client.post(f"{w['url']}/publication/delay-notice", headers=h(make, w["office"]),
                       json={"told_on": "2027-06-09"})
    assert told.status_code == 200 and told.json()["panel_told_of_delay_on"] == "2027-06-09"
    assert deadlines.find(db, DeadlineKind.panel_delay_notice, w["review"].id).status == DeadlineStatus.met
    timeline = client.get(f"{w['url']}/timeline", headers=h(make, w["office"])).json()
    assert "told on 9 June 2027" in timeline[-1]["summary"]


def test_publishing_meets_the_panel_delay_deadline(client, make, world, db):
    w = world
    reviews.change_stage(db, make.principal(w["office"]), w["review"].id,
                         reviews_schemas.ReviewStageChange(step=reviews_schemas.ReviewStep.begin_sign_off))
    reviews.change_stage(db, make.principal(w["office"]), w["review"].id,
                         reviews_schemas.ReviewStageChange(step=reviews_schemas.ReviewStep.begin_publication))
    refused = client.post(f"{w['url']}/stage", headers=h(make, w["office"]), json={"step": "publish"})
    assert refused.status_code == 409 and "publication page" in refused.json()["detail"]  # not around the checklist
    record_publication(make, str(w["review"].id))
    reviews.change_stage(db, make.principal(w["office"]), w["review"].id,
                         reviews_schemas.ReviewStageChange(step=reviews_schemas.ReviewStep.publish))
    assert deadlines.find(db, DeadlineKind.panel_delay_notice, w["review"].id).status == DeadlineStatus.met


def test_each_pending_sign_off_step_is_a_deadline_for_whoever_takes_it(client, make, world, db):
    w = world
    version = share(client, make, w, CLEAN)
    due = deadlines.find(db, DeadlineKind.report_sign_off, w["review"].id)
    assert due.display_title == "The review group to agree the overview report for Child BM"
    assert due.owner_role == Role.business_office and due.due_date == dt.date(2027, 3, 15)
    for name in ("review_group", "sub_group"):
        step(client, make, w, w["office"], name, version["id"])
    due = deadlines.find(db, DeadlineKind.report_sign_off, w["review"].id)
    assert due.display_title == "The lead safeguarding partners to sign off the overview report for Child BM"
    assert due.owner_role == Role.strategic_lead
    chain = client.get(f"{w['url']}/sign-off", headers=h(make, w["partners"][AgencyKind.police])).json()
    assert [p["step"] for p in chain["pending"]] == ["local_authority", "integrated_care_board", "police"]
    assert chain["allowed_actions"] == ["police"]


def test_an_accepted_finding_is_audited_with_the_reason_but_not_the_words(client, make, world, db):
    w = world
    version = share(client, make, w, DRAFT)
    client.post(f"{w['url']}/overview-report/findings/accept", headers=h(make, w["office"]),
                json={"key": version["findings"][0]["key"], "reason": "Agreed with the family."})
    entry = db.scalars(select(AuditEvent).where(AuditEvent.action == "accept_finding")).one()
    assert entry.entity_id == str(w["review"].id) and entry.changes == {"kind": "name",
                                                                       "reason": "Agreed with the family."}
    assert "Rowan" not in entry.summary


def test_only_the_scrutineer_records_their_review_and_only_of_the_first_draft(client, make, world):
    w = world
    first = share(client, make, w, CLEAN)
    second = share(client, make, w, CLEAN + "\n\nMore.")
    url = f"{w['url']}/overview-report/versions"
    body = {"body": "My review.", "scrutineer_review": True}
    assert client.post(f"{url}/{first['id']}/comments", headers=h(make, w["agency_lead"]), json=body).status_code == 403
    later = client.post(f"{url}/{second['id']}/comments", headers=h(make, w["scrutineer"]), json=body)
    assert later.status_code == 422 and later.json()["errors"][0]["field"] == "body.scrutineer_review"
    beyond = client.post(f"{url}/{first['id']}/comments", headers=h(make, w["scrutineer"]),
                         json={"body": "On a paragraph that is not there.", "paragraph": 9})
    assert beyond.status_code == 422 and beyond.json()["errors"][0]["field"] == "body.paragraph"


def _page_statements(client, make, w, engine, user):
    client.get(f"{w['url']}/overview-report", headers=h(make, user))
    with counted(engine) as statements:
        page = client.get(f"{w['url']}/overview-report", headers=h(make, user))
    assert page.status_code == 200
    return len([s for s in statements if not s.startswith(("SAVEPOINT", "RELEASE"))]), page.json()


def test_the_report_page_costs_the_same_statements_for_one_version_shared_as_for_six(client, make, world, engine):
    w = world
    share(client, make, w, DRAFT)
    one = {role: _page_statements(client, make, w, engine, w[role])[0] for role in ("office", "agency_lead")}
    for number in range(2, 7):
        share(client, make, w, f"{DRAFT}\n\nVersion {number} adds a paragraph.")
    six = {role: _page_statements(client, make, w, engine, w[role]) for role in ("office", "agency_lead")}
    assert {role: cost for role, (cost, _) in six.items()} == one
    [report] = [d for d in six["office"][1]["documents"] if d["document"] == "overview_report"]
    assert [v["unresolved_findings"] for v in report["versions"]] == [1] * 6


def test_a_version_keeps_its_findings_and_is_checked_again_when_the_case_names_someone_new(
        client, db, make, world):
    w = world
    text = "Child BM lived with their mother.\n\nJordan Pike, a neighbour, raised the first concern."
    version = share(client, make, w, text)
    assert version["findings"] == []
    kept = db.get(ReportVersion, uuid.UUID(version["id"]))
    assert kept.findings == [] and kept.findings_checked_against
    db.add(FamilyMember(review_id=w["review"].id, case_id=w["review"].case_id, name="Jordan Pike",
                        relationship_to_child="neighbour"))
    db.flush()
    read = client.get(f"{w['url']}/overview-report/versions/{version['id']}", headers=h(make, w["office"])).json()
    assert [(f["kind"], f["text"], f["paragraph"]) for f in read["findings"]] == [("name", "Jordan Pike", 2)]
    db.refresh(kept)
    assert [f["text"] for f in kept.findings] == ["Jordan Pike"]
    assert step(client, make, w, w["office"], "review_group", version["id"]).status_code == 409


def test_a_version_shared_before_findings_were_kept_is_checked_on_its_first_read_and_keeps_them(
        client, db, make, world):
    w = world
    version = share(client, make, w, DRAFT)
    kept = db.get(ReportVersion, uuid.UUID(version["id"]))
    kept.findings, kept.findings_checked_against = None, None
    db.flush()
    page = client.get(f"{w['url']}/overview-report", headers=h(make, w["agency_lead"])).json()
    [report] = [d for d in page["documents"] if d["document"] == "overview_report"]
    assert report["versions"][0]["unresolved_findings"] == 1
    db.refresh(kept)
    assert [f["text"] for f in kept.findings] == [version["findings"][0]["text"]]
