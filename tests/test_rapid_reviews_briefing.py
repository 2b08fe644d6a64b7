"""The 6 step learning briefing: written for every rapid review, downloadable, and anonymous."""

import io

from docx import Document

from backend.core.access import Role
from tests.stage_one import CHILD, notify
from tests.versions import edit

SECTIONS = {
    "case_in_brief": "A baby was seriously injured at home.",
    "what_happened": "Two health visits had no access.\n\nNobody escalated.",
    "what_we_learned": "Repeated no-access visits to a new baby are a warning sign.",
    "good_practice": "The GP shared concerns the same day.",
    "what_to_do_differently": "Escalate the second missed visit to your manager.",
    "questions_for_your_team": "Who lives in, and visits, the homes you go into?",
}


def _briefing_url(client, make, office):
    notification = notify(client, make, office)
    return f"/api/v1/rapid-reviews/{notification['rapid_review_id']}/learning-briefing"


def test_briefing_is_edited_and_downloads_as_markdown_and_word_without_identifying_details(client, make, frozen_now):
    office, scrutineer = make.user(Role.business_office), make.user(Role.scrutineer)
    url = _briefing_url(client, make, office)
    assert client.get(url, headers=make.headers(office)).json()["title"] == "Learning from the case of Child BM"
    assert client.put(url, headers=make.headers(scrutineer), json=SECTIONS).status_code == 403
    saved = edit(client, "PUT", url, headers=make.headers(office),
                 json=SECTIONS | {"title": "Babies and no-access visits"})
    assert saved.status_code == 200 and saved.json()["what_we_learned"] == SECTIONS["what_we_learned"]

    markdown = client.get(f"{url}.md", headers=make.headers(scrutineer))
    assert markdown.status_code == 200 and markdown.headers["content-type"].startswith("text/markdown")
    assert 'filename="learning-briefing-child-bm.md"' in markdown.headers["content-disposition"]
    text = markdown.text
    assert text.startswith("# Babies and no-access visits") and "**Child BM**" in text
    assert "## 1. The case in brief" in text and "## 6. Questions for your team" in text
    assert SECTIONS["what_to_do_differently"] in text

    word = client.get(f"{url}.docx", headers=make.headers(scrutineer))
    assert word.status_code == 200
    document = Document(io.BytesIO(word.content))
    paragraphs = [p.text for p in document.paragraphs]
    assert paragraphs[0] == "Babies and no-access visits" and "3. What we learned" in paragraphs
    assert "Nobody escalated." in paragraphs and document.core_properties.author == "Safeguarding Children Partnership"

    for rendered in (text, "\n".join(paragraphs)):
        for identifying in (CHILD["name"], CHILD["address"], CHILD["date_of_birth"], office.name):
            assert identifying not in rendered


def test_briefing_refuses_the_childs_name_or_address(client, make, frozen_now):
    office = make.user(Role.business_office)
    url = _briefing_url(client, make, office)
    refused = edit(client, "PUT", url, headers=make.headers(office), json={
        "what_happened": f"{CHILD['name'].upper()} was taken to hospital.",
        "case_in_brief": "The family lived at  7 Lantern Court,   Harbourside HB2 9XY."})
    assert refused.status_code == 422
    assert {e["field"] for e in refused.json()["errors"]} == {"body.what_happened", "body.case_in_brief"}
    assert client.get(url, headers=make.headers(office)).json()["what_happened"] == ""


def test_uninvolved_agency_cannot_download_the_briefing(client, make, frozen_now):
    office = make.user(Role.business_office)
    url = _briefing_url(client, make, office)
    outsider = make.user(Role.agency_lead)
    assert client.get(f"{url}.docx", headers=make.headers(outsider)).status_code == 404
