"""The anonymisation check run on a review's report versions: the case's identifying details, the findings of
each version (worked out when it is shared and kept with it), and the business office's acceptances."""

import hashlib
import json
import uuid
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable
from typing import Any

from sqlalchemy import event, select
from sqlalchemy.orm import Session

from backend.anonymisation.check import CaseCheck, Finding, Known
from backend.audit import service as audit
from backend.cases import identifying
from backend.core import clock
from backend.core.access import Principal
from backend.core.errors import Invalid
from backend.overview_reports.diff import PARAGRAPH_BREAK
from backend.overview_reports.models import FindingAcceptance, ReportDocument, ReportVersion
from backend.overview_reports.schemas import AcceptanceRead, FindingRead
from backend.reviews.models import Review

_CACHE = "overview_reports.findings"
_DETAILS = "overview_reports.case_details"


@event.listens_for(Session, "after_flush")
@event.listens_for(Session, "after_soft_rollback")
@event.listens_for(Session, "after_commit")
def _forget_case_details(session: Session, *_: object) -> None:
    """The case's details read once per request (a page of versions and a draft check against the same), and read
    again once anything was written: a family member added in the same request counts."""
    session.info.pop(_DETAILS, None)


def case_details(session: Session, case_id: uuid.UUID) -> list[Known]:
    """The case's identifying details, read in one statement and once per request."""
    cache: dict[uuid.UUID, list[Known]] = session.info.setdefault(_DETAILS, {})
    if case_id not in cache:
        cache[case_id] = [Known(d.kind.value, d.value, d.about) for d in identifying.of_case(session, case_id)]
    return cache[case_id]


def check_text(session: Session, case_id: uuid.UUID, text: str) -> list[Finding]:
    """The findings in `text` (a draft's), against the case's details as they are now (once per request)."""
    details = case_details(session, case_id)
    cache: dict[tuple[object, ...], list[Finding]] = session.info.setdefault(_CACHE, {})
    key = (case_id, hash(text), tuple(details))
    if key not in cache:
        cache[key] = CaseCheck(details).check(text)
    return cache[key]


def fingerprint(details: list[Known]) -> str:
    """What a version's kept findings were worked out against: they stand while the case's details are the same."""
    data = json.dumps([[d.kind, d.value, d.about] for d in details], ensure_ascii=False)
    return hashlib.sha256(data.encode()).hexdigest()


# A finding as a version keeps it: `kind`, `severity`, `text`, `start`, `end`, `reason` and `key` (what an acceptance
# names), so a page counts the unresolved ones without building a finding for each.
Kept = dict[str, Any]


def kept(finding: Finding) -> Kept:
    return {"kind": finding.kind.value, "severity": finding.severity.value, "text": finding.text,
            "start": finding.start, "end": finding.end, "reason": finding.reason, "key": finding.key}


def of_versions(session: Session, versions: Iterable[ReportVersion]) -> dict[uuid.UUID, list[Kept]]:
    """Each version's findings: those kept with it, worked out again (and kept) only for a version checked against
    other identifying details than the case has now (a family member added to the genogram since, say) or never
    checked. The case's details are read once for all the versions, so a page costs the same however many."""
    found: dict[uuid.UUID, list[Kept]] = {}
    for version in up_to_date(session, versions):
        assert version.findings is not None
        found[version.id] = version.findings
    return found


def up_to_date(session: Session, versions: Iterable[ReportVersion]) -> list[ReportVersion]:
    """The versions, each with its kept findings (and their keys counted) standing against the case's details as
    they are now: worked out again only for a version checked against other details or never checked. Reads a
    version's text and findings only then, so a page of versions loaded without them stays small."""
    details: dict[uuid.UUID, tuple[list[Known], str]] = {}
    versions = list(versions)
    for version in versions:
        if version.case_id not in details:
            known = case_details(session, version.case_id)
            details[version.case_id] = (known, fingerprint(known))
        known, checked_against = details[version.case_id]
        if version.findings_checked_against != checked_against or version.finding_keys is None:
            if version.findings is None or version.findings_checked_against != checked_against:
                version.findings = [kept(f) for f in CaseCheck(known).check(version.text)]
                version.findings_checked_against = checked_against
            version.finding_keys = dict(Counter(f["key"] for f in version.findings))
    return versions


def acceptances(session: Session, review_id: uuid.UUID) -> dict[str, FindingAcceptance]:
    rows = session.scalars(select(FindingAcceptance).where(FindingAcceptance.review_id == review_id))
    return {row.key: row for row in rows}


def paragraph_starts(text: str) -> list[int]:
    """Where each paragraph (separated by a blank line) starts, for numbering a finding's paragraph from 1."""
    return [0] + [match.end() for match in PARAGRAPH_BREAK.finditer(text)]


def as_reads(findings: list[Kept], text: str, accepted: dict[str, FindingAcceptance]) -> list[FindingRead]:
    starts = paragraph_starts(text)
    return [FindingRead(**f, paragraph=bisect_right(starts, f["start"]),
                        accepted=AcceptanceRead.model_validate(accepted[f["key"]]) if f["key"] in accepted else None)
            for f in findings]


def unresolved(found: list[Kept], accepted: dict[str, FindingAcceptance]) -> int:
    """How many of the findings the business office has not accepted."""
    return sum(1 for f in found if f["key"] not in accepted)


def unresolved_keys(keys: dict[str, int], accepted: dict[str, FindingAcceptance]) -> int:
    """How many of the findings the business office has not accepted, from the version's counts per key."""
    return sum(count for key, count in keys.items() if key not in accepted)


def latest(session: Session, review_id: uuid.UUID, document: ReportDocument) -> ReportVersion | None:
    return session.scalar(select(ReportVersion).where(ReportVersion.review_id == review_id,
                                                      ReportVersion.document == document)
                          .order_by(ReportVersion.number.desc()).limit(1))


def blocking_reason(session: Session, review_id: uuid.UUID, version_id: uuid.UUID | None,
                    summary_version_id: uuid.UUID | None) -> str | None:
    """Why the versions going forward cannot be signed off or published: one with no version yet, or with
    anonymisation findings still unresolved."""
    report = (session.get(ReportVersion, version_id) if version_id
              else latest(session, review_id, ReportDocument.overview_report))
    if report is None:
        return "Share a version of the overview report first."
    summary = (session.get(ReportVersion, summary_version_id) if summary_version_id
               else latest(session, review_id, ReportDocument.executive_summary))
    return reason_of(session, review_id, report, summary)


def reason_of(session: Session, review_id: uuid.UUID, report: ReportVersion | None,
              summary: ReportVersion | None) -> str | None:
    """`blocking_reason` of the versions themselves (None: no such version)."""
    if report is None:
        return "Share a version of the overview report first."
    problems = []
    versions = [(report, "the overview report")] + ([(summary, "the executive summary")] if summary else [])
    found, accepted = of_versions(session, [v for v, _ in versions]), acceptances(session, review_id)
    for version, name in versions:
        if count := unresolved(found[version.id], accepted):
            problems.append(f"{count} in {name} (version {version.number})")
    if problems:
        return (f"Resolve the anonymisation findings first: {' and '.join(problems)}. Share a version without "
                "them, or the business office accepts each with a reason.")
    return None


def accept(session: Session, actor: Principal, review: Review, key: str, reason: str) -> FindingAcceptance:
    """The business office accepts a finding (these words of this kind, in any version), with the reason."""
    versions = session.scalars(select(ReportVersion).where(ReportVersion.review_id == review.id)
                               .order_by(ReportVersion.shared_at, ReportVersion.id))
    kept_findings = of_versions(session, versions).values()
    found = next((f for version_findings in kept_findings for f in version_findings if f["key"] == key), None)
    if found is None:
        raise Invalid("There is no such finding in this review's report.",
                      errors=[("body.key", "Choose a finding from a version of the report")])
    existing = acceptances(session, review.id).get(key)
    if existing is not None:
        return existing
    acceptance = FindingAcceptance(review_id=review.id, case_id=review.case_id, key=key, kind=found["kind"],
                                   text=found["text"][:300], reason=reason, accepted_by_id=actor.id,
                                   accepted_at=clock.now())
    session.add(acceptance)
    session.flush()
    # The words themselves stay out of the audit log: they may identify the child.
    audit.record(session, actor, "accept_finding", "review", review.id,
                 f"Accepted an anonymisation finding ({found['kind'].replace('_', ' ')}) in the report for "
                 f"{review.child_reference}", {"kind": found["kind"], "reason": reason})
    return acceptance

