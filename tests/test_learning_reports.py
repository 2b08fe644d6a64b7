"""The partnership's response document (DOCX and PDF) from the records, recurrent themes counted across reviews,
earlier recommendations suggested while a new one is written, and the report of recommendations that repeat
earlier ones with whether the earlier actions were completed."""

import datetime as dt
import io

import pytest
from docx import Document
from pypdf import PdfReader
from sqlalchemy import select

from backend.core.access import Role
from backend.reviews import service as reviews
from tests.learning_support import EVIDENCE, RECOMMENDATIONS, Tracker, make_tracker
from tests.sql_support import counted

LEARNING = "/api/v1/learning"


@pytest.fixture
def tracker(client, db, make) -> Tracker:
    return make_tracker(client, db, make)


def _seed_004_like(tracker: Tracker) -> dict:
    """Recommendation 3 with sub-parts 3a and 3b and actions on each, as seed 004 sets them out."""
    three = tracker.recommendation(
        number=3, text="Partners should improve how information is shared at strategy discussions.",
        response="The partnership has revised its strategy discussion guidance.",
        parts=[{"text": "Police to invite health to every strategy discussion.",
                "response": "Police now send invitations through the MASH.", "agency_ids": [str(tracker.police.id)]},
               {"text": "Health to record the outcome of every strategy discussion in the GP record.",
                "response": "The ICB has issued a template for GP records."}])
    three_a, three_b = three["parts"]
    done = tracker.action(three_a["id"], description="Invite health to every strategy discussion",
                          intended_outcome="Health attend 90% of strategy discussions", due_date="2026-09-30")
    tracker.step(done["id"], "request-completion", tracker.police_lead, {"progress": "Done."} | EVIDENCE)
    tracker.step(done["id"], "approve-closure", tracker.office, {})
    tracker.action(three_b["id"], agency=tracker.health, description="Issue a GP record template",
                   intended_outcome="Outcomes recorded in the GP record", due_date="2027-01-29")
    return three


def test_the_response_document_as_word_holds_each_recommendation_with_its_sub_parts_responses_and_actions(tracker):
    _seed_004_like(tracker)
    answer = tracker.client.get(f"{RECOMMENDATIONS}/response-document.docx",
                                params={"review_id": str(tracker.review.id)}, headers=tracker.as_(tracker.office))
    assert answer.status_code == 200, answer.text
    assert "response-Child-RM.docx" in answer.headers["content-disposition"]
    doc = Document(io.BytesIO(answer.content))
    paragraphs = [p.text for p in doc.paragraphs]
    assert "The partnership's response to the review – Child RM" in paragraphs
    assert "Recommendation 3" in paragraphs and "3a" in paragraphs and "3b" in paragraphs
    assert "Partners should improve how information is shared at strategy discussions." in paragraphs
    assert "Police now send invitations through the MASH." in paragraphs
    assert "The ICB has issued a template for GP records." in paragraphs
    rows = [[c.text for c in row.cells] for table in doc.tables for row in table.rows]
    police_row = next(r for r in rows if r[0] == "Harbourside Police")
    assert police_row[1:4] == ["Invite health to every strategy discussion",
                               "Health attend 90% of strategy discussions", "30 September 2026"]
    assert police_row[4].startswith("Complete") and EVIDENCE["evidence_of_impact"] in police_row[5]
    health_row = next(r for r in rows if r[0] == "Harbourside ICB")
    assert health_row[1] == "Issue a GP record template" and health_row[4] == "Not started"


def test_the_response_document_as_pdf_holds_the_same_recommendations_sub_parts_and_actions(tracker):
    """The PDF's text is read back with pypdf (its streams are compressed, so reading the bytes would not do)."""
    _seed_004_like(tracker)
    answer = tracker.client.get(f"{RECOMMENDATIONS}/response-document.pdf",
                                params={"review_id": str(tracker.review.id)}, headers=tracker.as_(tracker.office))
    assert answer.status_code == 200 and answer.headers["content-type"] == "application/pdf"
    text = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(answer.content)).pages)
    for expected in ("The partnership's response to the review - Child RM", "Recommendation 3", "3a", "3b",
                     "Police to invite health to every strategy discussion.", "Police now send invitations",
                     "Agency: Harbourside Police", "Action: Invite health to every strategy discussion",
                     "Intended outcome: Health attend 90% of strategy discussions", "Due: 30 September 2026",
                     "Agency: Harbourside ICB", "Action: Issue a GP record template", "Status: Not started",
                     "Evidence of impact: Audit of 20 strategy discussions"):
        assert expected in text, expected


def test_the_response_document_of_a_review_the_caller_cannot_see_answers_404(tracker, make):
    outsider = make.user(Role.agency_lead, make.agency("Elsewhere Council"))
    answer = tracker.client.get(f"{RECOMMENDATIONS}/response-document.docx",
                                params={"review_id": str(tracker.review.id)}, headers=tracker.as_(outsider))
    assert answer.status_code == 404


def _three_reviews(tracker: Tracker, make) -> dict[str, dict]:
    neglect, sharing, voice = (str(tracker.theme(n).id) for n in ("Neglect", "Information sharing",
                                                                   "The child's voice"))
    second = reviews.create_review(tracker.db, None, case=make.case("Child AB"), decided_on=dt.date(2025, 2, 1),
                                   agency_ids=[tracker.police.id])
    third = reviews.create_review(tracker.db, None, case=make.case("Child CD"), decided_on=dt.date(2024, 2, 1),
                                  agency_ids=[tracker.health.id])
    tracker.db.flush()
    made = {
        "rm": tracker.recommendation(number=1, made_on="2026-06-01", theme_ids=[neglect, sharing],
                                     text="Health visitors should share concerns about home conditions with the GP."),
        "rm2": tracker.recommendation(number=2, made_on="2026-06-01", theme_ids=[neglect],
                                      text="Social workers to see the child alone on every visit."),
        "ab": tracker.recommendation(number=1, review_id=str(second.id), made_on="2025-05-01",
                                     theme_ids=[neglect, voice],
                                     text="Practitioners should record what the child says about their home."),
        "cd": tracker.recommendation(number=1, review_id=str(third.id), made_on="2024-05-01", theme_ids=[sharing],
                                     text="Health visitors must share concerns about home conditions with GPs."),
    }
    return made


def test_recurrent_themes_count_the_reviews_each_theme_appears_in_over_the_period(tracker, make):
    _three_reviews(tracker, make)
    answer = tracker.client.get(f"{LEARNING}/recurrent-themes", headers=tracker.as_(tracker.office))
    assert answer.status_code == 200, answer.text
    themes = {t["name"]: t for t in answer.json()["themes"]}
    assert (themes["Neglect"]["sources"], themes["Neglect"]["recommendations"]) == (2, 3)
    assert [s["label"] for s in themes["Neglect"]["appears_in"]] == ["Review – Child AB", "Review – Child RM"]
    assert themes["Information sharing"]["sources"] == 2 and themes["The child's voice"]["sources"] == 1
    # Most reviews first, then most recommendations.
    assert [t["name"] for t in answer.json()["themes"]][:3] == ["Neglect", "Information sharing", "The child's voice"]

    since_2025 = tracker.client.get(f"{LEARNING}/recurrent-themes", params={"made_from": "2025-04-01"},
                                    headers=tracker.as_(tracker.office)).json()
    counts = {t["name"]: t["sources"] for t in since_2025["themes"]}
    assert counts == {"Neglect": 2, "Information sharing": 1, "The child's voice": 1}


def test_recurrent_themes_count_only_what_the_caller_may_see(tracker, make):
    _three_reviews(tracker, make)
    # The health lead's agency is involved in Child RM's and Child CD's reviews, not Child AB's.
    themes = tracker.client.get(f"{LEARNING}/recurrent-themes", headers=tracker.as_(tracker.health_lead)).json()
    neglect = next(t for t in themes["themes"] if t["name"] == "Neglect")
    assert [s["label"] for s in neglect["appears_in"]] == ["Review – Child RM"]


def test_writing_a_recommendation_suggests_earlier_ones_that_resemble_it(tracker, make):
    made = _three_reviews(tracker, make)
    answer = tracker.client.get(f"{RECOMMENDATIONS}/similar", headers=tracker.as_(tracker.office), params={
        "text": "The health visiting service should share its concerns about conditions at home with GPs."})
    assert answer.status_code == 200, answer.text
    suggested = answer.json()
    assert [s["id"] for s in suggested[:2]] == [made["cd"]["id"], made["rm"]["id"]] or \
        [s["id"] for s in suggested[:2]] == [made["rm"]["id"], made["cd"]["id"]]
    assert made["rm2"]["id"] not in [s["id"] for s in suggested]
    assert {s["source"] for s in suggested[:2]} == {"Review – Child CD", "Review – Child RM"}
    assert all(s["score"] >= 60 for s in suggested)
    # Editing a recommendation does not suggest itself; too few words suggest nothing yet.
    itself = tracker.client.get(f"{RECOMMENDATIONS}/similar", headers=tracker.as_(tracker.office), params={
        "text": made["rm"]["text"], "exclude_id": made["rm"]["id"]}).json()
    assert made["rm"]["id"] not in [s["id"] for s in itself] and itself[0]["id"] == made["cd"]["id"]
    assert tracker.client.get(f"{RECOMMENDATIONS}/similar", headers=tracker.as_(tracker.office),
                              params={"text": "health visitors"}).json() == []


def test_the_repeats_report_lists_recommendations_repeating_earlier_ones_and_whether_their_actions_completed(
        tracker, make):
    made = _three_reviews(tracker, make)
    earlier = tracker.action(made["cd"]["id"], agency=tracker.health, description="Share concerns with the GP")
    tracker.step(earlier["id"], "request-completion", tracker.health_lead, {"progress": "Done."} | EVIDENCE)
    tracker.step(earlier["id"], "approve-closure", tracker.office, {})
    tracker.action(made["ab"]["id"], description="Record the child's words")
    read = tracker.client.get(f"{RECOMMENDATIONS}/{made['rm']['id']}", headers=tracker.as_(tracker.office))
    linked = tracker.client.patch(f"{RECOMMENDATIONS}/{made['rm']['id']}", headers=tracker.as_(tracker.office) | {
        "If-Match": read.headers["etag"]}, json={"repeats_ids": [made["cd"]["id"], made["ab"]["id"]]})
    assert linked.status_code == 200, linked.text

    with counted(tracker.db.get_bind()) as statements:
        answer = tracker.client.get(f"{LEARNING}/repeats", headers=tracker.as_(tracker.office))
    assert answer.status_code == 200, answer.text
    assert len([s for s in statements if s.lstrip().upper().startswith("SELECT")]) <= 6
    (report,) = answer.json()
    assert report["id"] == made["rm"]["id"] and report["source"] == "Review – Child RM"
    by_source = {e["source"]: e for e in report["repeats"]}
    child_cd, child_ab = by_source["Review – Child CD"], by_source["Review – Child AB"]
    assert (child_cd["actions"], child_cd["actions_complete"], child_cd["all_complete"]) == (1, 1, True)
    assert (child_ab["actions"], child_ab["actions_open"], child_ab["all_complete"]) == (1, 1, False)
    assert tracker.client.get(f"{LEARNING}/repeats", params={"made_to": "2025-12-31"},
                              headers=tracker.as_(tracker.office)).json() == []


def test_the_demo_has_past_reviews_with_recurring_themes_a_repeat_and_a_confirmed_briefing(db, client, make):
    from backend.demo import seed_demo
    from backend.identity.models import User

    seed_demo(db)
    db.flush()
    office = db.scalars(select(User).where(User.email.like("business.office@%"))).one()
    themes = client.get(f"{LEARNING}/recurrent-themes", headers=make.headers(office)).json()["themes"]
    counts = {t["name"]: t["sources"] for t in themes}
    assert counts["Neglect"] >= 3 and counts["Information sharing"] >= 3
    (repeat,) = client.get(f"{LEARNING}/repeats", headers=make.headers(office)).json()
    assert repeat["source"] == "Review – Child RM" and repeat["repeats"][0]["all_complete"]
    sent = client.get(f"{LEARNING}/disseminations", headers=make.headers(office)).json()["items"]
    assert [d["state"] for d in sent].count("confirmed") == 1 and len(sent) == 6
    figures = client.get("/api/v1/figures", headers=make.headers(office)).json()
    assert any(a["completed_late"] for a in figures["agencies"]) and any(a["overdue"] for a in figures["agencies"])
    assert len({t["year"] for t in figures["themes_over_time"]}) >= 3
