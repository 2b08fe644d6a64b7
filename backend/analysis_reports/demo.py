"""A demo key event analysis report for Child LW's review: the police's, written by their detective sergeant and
signed off by their detective chief inspector; the Children's Trust's is asked for and not yet started.

Every name, place and event here is invented for the demo.
"""

import datetime as dt
from collections.abc import Mapping

from sqlalchemy.orm import Session

from backend.analysis_reports import service
from backend.analysis_reports.schemas import AnalysisReportContent, AnalysisReportRequest, Attestation, KeyEvent
from backend.core import clock
from backend.core.concurrency import etag
from backend.identity.models import User
from backend.reviews.models import Review


def seed_demo_analysis_reports(session: Session, review: Review, users: Mapping[str, User]) -> None:
    office = users["business.office"].as_principal()
    incident = review.decided_on - dt.timedelta(days=21)
    by_name = {a.name: a for a in review.agencies}
    asked = service.request_reports(session, office, review, AnalysisReportRequest(
        agency_ids=[by_name["Harbourside Police"].id, by_name["Harbourside Children's Trust"].id],
        due_date=clock.today() + dt.timedelta(days=21),
        note="Please focus on the key lines of enquiry: information sharing and the voice of the child."))
    police = next(r for r in asked if r.agency.name == "Harbourside Police")
    author, manager = users["police.lead"], users["police.manager"]
    content = AnalysisReportContent(author_name=author.name, author_role="Detective sergeant, child protection",
                                    manager_name=manager.name, key_events=[
        KeyEvent(date=incident - dt.timedelta(days=241), title="Second call-out: no notification made",
                 analysis="Officers attended a second report of shouting at the address. Because no child was seen, "
                          "no public protection notice was submitted, although the force's system showed a child "
                          "lived there and an earlier incident had been notified. The policy at the time tied the "
                          "notice to a child being present rather than to a child living at the address.",
                 learning="A notice should follow every domestic incident at an address where a child lives, "
                          "whether or not the child is seen.",
                 learning_addressed="The domestic abuse policy was changed in March; the control room now prompts "
                                    "officers when a child is recorded at the address.",
                 outstanding_action="Dip sample of 50 incidents to confirm the prompt is used (due end of quarter).",
                 evidence_of_impact="In a case in April a notice was made for a child who was at school at the "
                                    "time; the school was told the next morning and offered support."),
        KeyEvent(date=incident - dt.timedelta(days=155), title="Intelligence of the partner's return not shared",
                 analysis="Intelligence that the partner was staying at the address again was logged but not "
                          "shared with children's social care, whose plan relied on his having left.",
                 learning="Intelligence bearing on a child in need plan must be shared with the allocated social "
                          "worker the same day.",
                 learning_addressed="Intelligence officers now check the MASH flag on every address-based log.",
                 outstanding_action="None.",
                 evidence_of_impact="Three intelligence reports were shared with social workers in May under the "
                                    "new check; one led to a visit the same day."),
    ])
    service.save_draft(session, author.as_principal(), police, content, etag(police.submission))
    service.send_for_sign_off(session, author.as_principal(), police, Attestation(signature=author.name), None)
    service.sign_off(session, manager.as_principal(), police, Attestation(signature=manager.name))
