"""The rapid review report the National Panel receives: built from the records in the Panel's structure, checked
for anything that identifies the child, and rendered as Word and PDF.

The sections (Working Together 2023 and the Panel's rapid review guidance): the facts of the case; each agency's
involvement, from the information responses the agencies SUBMITTED (a draft or a returned response is never in it);
the analysis of key practice episodes; how the child's ethnicity, disability and other characteristics, racism and
other inequalities shaped their experience and the practice around them; the immediate safety actions and who owns
them; the learning identified; the recommendation and the partners' decision with its rationale; issues of national
importance; the three safeguarding partners' sign-off. A section the records do not yet fill says what is still to
be completed, and where.

The child is named only by the case's anonymised reference, and a school only as "the child's school". Before a
download the anonymisation check (backend/anonymisation, with the case's identifying details, as the overview report
is checked) runs on every section: a finding that identifies the child (a name, a date of birth, an address, a
school, ...) refuses the download, naming the section, until the record it comes from is corrected; the warnings of
jigsaw identification are shown, not refused.
"""

import datetime as dt
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy import select
from sqlalchemy.orm import Session

from backend.anonymisation.check import Finding, Severity
from backend.audit import service as audit
from backend.core import clock
from backend.core.access import Permission, Principal
from backend.core.documents import docx_bytes, pdf_document, pdf_paragraph, word_document
from backend.core.errors import Conflict
from backend.core.messages import day_month_year
from backend.deadlines import service as deadlines
from backend.identity.models import Agency, AgencyKind
from backend.identity.partners import title as partner_title
from backend.incident_notifications.characteristics import (
    ETHNICITY_LABELS,
    LOOKED_AFTER_LABELS,
    PLACEMENT_LABELS,
    PLAN_LABELS,
    SEX_LABELS,
    YES_NO_LABELS,
)
from backend.incident_notifications.models import IncidentCategory, IncidentNotification, NotifiedChild
from backend.information_requests.models import InformationRequest
from backend.information_requests.schemas import InformationResponse
from backend.overview_reports.findings import check_text
from backend.partner_decisions import service as partner_decisions
from backend.partner_decisions.models import DecisionSubject
from backend.rapid_reviews import meeting as meetings
from backend.rapid_reviews import service
from backend.rapid_reviews.models import RapidReview, RapidReviewMeeting
from backend.rapid_reviews.schemas import (
    PanelTimeliness,
    RapidReviewReportRead,
    ReportEntryRead,
    ReportFindingRead,
    ReportPartRead,
    ReportSectionRead,
)
from backend.referrals.models import Referral
from backend.submissions.models import AgencySubmission, SubmissionState


class ReportFormat(StrEnum):
    docx = "docx"
    pdf = "pdf"


FORMAT_WORDS = {ReportFormat.docx: "Word", ReportFormat.pdf: "PDF"}
CATEGORY_WORDS = {
    IncidentCategory.death: "The death of a child",
    IncidentCategory.serious_harm: "Serious harm to a child",
    IncidentCategory.death_of_looked_after_child: "The death of a looked-after child",
    IncidentCategory.death_of_care_leaver_under_25: "The death of a care leaver (up to and including age 24)",
}
_CORRECT_THE_MEETING = "correct the meeting record"
_INEQUALITIES = ("how the child's ethnicity, disability and other characteristics, racism and other inequalities "
                 "shaped their experience and the practice around them")


@dataclass(frozen=True)
class Entry:
    """One answer: a label ("Analysis") and its text; a label of "" is a plain paragraph. `checked` False: text the
    product writes from its own register (the partnership's agencies), which the anonymisation check skips."""

    label: str
    text: str
    checked: bool = True


@dataclass(frozen=True)
class Part:
    """A block of a section under its own heading (an agency, a child, an action); "" when the section has one.
    Headings are the product's own words or the partnership's agencies (schools never by name), so unchecked."""

    heading: str
    entries: tuple[Entry, ...]


@dataclass(frozen=True)
class Section:
    key: str
    heading: str
    parts: tuple[Part, ...]
    # What is still to be completed, and where, in words; None when the records fill the section.
    to_complete: str | None = None


@dataclass(frozen=True)
class Report:
    title: str
    child_reference: str
    sections: tuple[Section, ...]


@dataclass(frozen=True)
class PartnerLine:
    """One safeguarding partner's position on the rapid review, and who recorded it when."""

    partner: str
    position: str
    for_review: bool  # the partner would hold a local review
    reasons: str
    who: str | None
    job_title: str | None
    when: dt.date | None


@dataclass(frozen=True)
class ChildLine:
    """One child's non-identifying characteristics, as the Panel's notification asks for them."""

    label: str
    characteristics: tuple[Entry, ...]


@dataclass(frozen=True)
class Located:
    """A finding of the anonymisation check, and where in the report it is."""

    section: Section
    part: str
    field: str
    finding: Finding


# The two functions below fill the report from what the records hold today; each is the one place to extend.

def partner_lines(session: Session, rapid_review: RapidReview) -> list[PartnerLine]:
    """The three safeguarding partners' positions on the rapid review, for the decision and sign-off sections: each
    partner's as its lead or delegate recorded it (partner_decisions), in partner order; none until recorded."""
    lines = []
    for recorded in partner_decisions.positions_of(session, DecisionSubject.rapid_review, rapid_review.id):
        hold = "Hold" if recorded.for_review else "Do not hold"
        agrees = "agrees" if recorded.agrees_with_recommendation else "disagrees"
        lines.append(PartnerLine(
            partner=partner_title(recorded.partner),
            position=f"{hold} a local Child Safeguarding Practice Review ({agrees} with the recommendation)",
            for_review=recorded.for_review, reasons=recorded.reasons, who=recorded.recorded_by_name,
            job_title=recorded.recorded_by_job_title,
            when=recorded.recorded_on))
    return lines


def children_characteristics(session: Session, rapid_review: RapidReview) -> list[ChildLine]:
    """Each child's characteristics that do not identify them, as the Panel's notification asks them: age at the
    incident (worked out from the date of birth, which itself never goes into the report), sex, ethnicity,
    disability, looked-after status and placement, plans, and whether any agency knew the child."""
    if rapid_review.notification_id is not None:
        notification = session.get(IncidentNotification, rapid_review.notification_id)
        if notification is None:
            return []
        several = len(notification.children) > 1
        return [ChildLine(label=f"Child {index}" if several else "The child",
                          characteristics=_notified_characteristics(child, notification.incident_date))
                for index, child in enumerate(notification.children, start=1)]
    referral = session.get(Referral, rapid_review.referral_id) if rapid_review.referral_id else None
    if referral is None:
        return []
    entries = [Entry("Ethnicity", referral.child_ethnic_origin or "Not recorded"),
               Entry("Disability", referral.child_disability or "Not recorded")]
    if referral.child_date_of_birth and referral.child_date_of_death_or_serious_incident:
        entries.append(Entry("Age at the incident", age(referral.child_date_of_birth,
                                                        referral.child_date_of_death_or_serious_incident)))
    return [ChildLine(label="The child", characteristics=tuple(entries))]


def _described(label: str, description: str | None) -> str:
    return f"{label}: {description}" if description else label


def _notified_characteristics(child: NotifiedChild, incident_date: dt.date) -> tuple[Entry, ...]:
    entries = [
        Entry("Age at the incident", age(child.date_of_birth, incident_date)),
        Entry("Sex", SEX_LABELS[child.sex]),
        Entry("Ethnicity", _described(ETHNICITY_LABELS[child.ethnicity], child.ethnicity_description)),
        Entry("Disability", _described(YES_NO_LABELS[child.disability], child.disability_description)),
        Entry("Looked-after status", LOOKED_AFTER_LABELS[child.looked_after_status]),
    ]
    if child.placement_type is not None:
        entries.append(Entry("Placement", _described(PLACEMENT_LABELS[child.placement_type],
                                                     child.placement_description)))
    entries += [
        Entry("Child in need plan", PLAN_LABELS[child.child_in_need_plan]),
        Entry("Child protection plan", PLAN_LABELS[child.child_protection_plan]),
        Entry("Known to any agency", _described(YES_NO_LABELS[child.known_to_agencies], child.known_agencies)),
    ]
    return tuple(entries)


def age(born: dt.date, on: dt.date) -> str:
    """An age as a report gives it: days for a baby under two weeks, weeks under 13 weeks, months under a year, then
    years."""
    days = (on - born).days
    if days < 0:
        return "Not known (the date of birth is after the incident)"
    years = on.year - born.year - ((on.month, on.day) < (born.month, born.day))
    if years >= 1:
        return f"{years} year{'s' if years != 1 else ''}"
    if days < 14:
        return f"{days} day{'s' if days != 1 else ''}"
    if days < 13 * 7:
        weeks = days // 7
        return f"{weeks} week{'s' if weeks != 1 else ''}"
    months = (on.year - born.year) * 12 + on.month - born.month - (on.day < born.day)
    return f"{months} month{'s' if months != 1 else ''}"


def _date(day: dt.date | None, otherwise: str = "Not yet") -> str:
    return day_month_year(day) if day else otherwise


def _agency_labels(agencies: Sequence[Agency]) -> dict[uuid.UUID, str]:
    """Agencies by name, except schools: a school's name identifies the child, so it is "the child's school"."""
    schools = sorted({a.id: a for a in agencies if a.kind == AgencyKind.education}.values(), key=lambda a: a.name)
    labels = {a.id: a.name for a in agencies if a.kind != AgencyKind.education}
    for index, school in enumerate(schools, start=1):
        labels[school.id] = "The child's school" if len(schools) == 1 else f"School {index}"
    return labels


def _facts(session: Session, rapid_review: RapidReview, held: RapidReviewMeeting | None,
           timeliness: PanelTimeliness | None) -> Section:
    entries: list[Entry] = []
    notification = session.get(IncidentNotification, rapid_review.notification_id) if rapid_review.notification_id \
        else None
    if notification is not None:
        entries += [Entry("What happened", CATEGORY_WORDS[notification.category]),
                    Entry("Abuse or neglect known or suspected", "Yes" if notification.abuse_or_neglect_suspected
                          else "No"),
                    Entry("Summary", notification.summary)]
        entries += [Entry(label, council) for label, council in (
            ("Council where the incident happened", notification.incident_council),
            ("The child's home council", notification.home_council)) if council]
    else:
        referral = session.get(Referral, rapid_review.referral_id) if rapid_review.referral_id else None
        entries += [Entry("Came to the partnership as", "A request for consideration of a review (a referral)"),
                    Entry("Background", (referral.background if referral else None) or "Not recorded")]
    if timeliness is not None:
        entries.append(Entry("Report due at the National Panel", day_month_year(timeliness.due_date)))
    entries += [Entry("Rapid review meeting held", _date(held.held_on if held else None)),
                Entry("Sent to the National Panel", _date(rapid_review.sent_to_panel_on))]
    parts = [Part("", tuple(entries))]
    parts += [Part(child.label, child.characteristics) for child in children_characteristics(session, rapid_review)]
    if held is not None:
        parts.append(Part("The facts the meeting reviewed", (Entry("", held.facts_reviewed),)))
    return Section("facts", "The facts of the case", tuple(parts),
                   None if held else "The rapid review meeting has not been recorded yet.")


def _agencies(session: Session, rapid_review: RapidReview) -> Section:
    requests = list(session.scalars(
        select(InformationRequest).join(AgencySubmission, AgencySubmission.id == InformationRequest.submission_id)
        .join(Agency, Agency.id == InformationRequest.agency_id)
        .where(InformationRequest.rapid_review_id == rapid_review.id).order_by(Agency.name)))
    labels = _agency_labels([r.agency for r in requests])
    parts: list[Part] = []
    outstanding: list[str] = []
    for request in requests:
        submission = request.submission
        if submission.state != SubmissionState.submitted or submission.content is None:
            outstanding.append(labels[request.agency_id])
            continue
        response = InformationResponse.model_validate(submission.content)
        contacts = len(response.key_contacts)
        parts.append(Part(labels[request.agency_id], (
            Entry("Involvement with the child and family", response.involvement),
            Entry("Analysis", response.analysis),
            Entry("Learning the agency identified", response.immediate_learning),
            Entry("Actions already taken", response.actions_taken),
            Entry("Good practice", response.good_practice),
            Entry("Key contacts", f"{contacts} dated contact{'s' if contacts != 1 else ''} in the agency's response "
                                  "(kept in the response, not repeated here)"),
            Entry("Response by", f"{response.author_name}, {response.author_role}"),
        )))
    if outstanding:
        parts.append(Part("Responses not included", (Entry(
            "", f"Not yet submitted, so not in this report: {', '.join(outstanding)}.", checked=False),)))
    missing = None
    if not any(p.heading != "Responses not included" for p in parts):
        missing = ("No agency has submitted its information response yet." if requests
                   else "No information requests have been sent to agencies yet.")
    return Section("agency_involvement", "Each agency's involvement", tuple(parts), missing)


def _meeting_text(key: str, heading: str, held: RapidReviewMeeting | None, field: str, what: str) -> Section:
    text = getattr(held, field) if held is not None else ""
    if held is None:
        missing: str | None = f"The rapid review meeting has not been recorded yet: it completes {what}."
    elif not text.strip():
        missing = f"Still to be completed: {what} ({_CORRECT_THE_MEETING})."
    else:
        missing = None
    return Section(key, heading, (Part("", (Entry("", text),)),) if text.strip() else (), missing)


def _actions(session: Session, rapid_review: RapidReview, held: RapidReviewMeeting | None) -> Section:
    actions = meetings.actions_of(session, rapid_review.id)
    labels = _agency_labels([a.agency for a in actions])
    heading = "Immediate safety actions"
    if held is None:
        return Section("immediate_actions", heading, (), "The rapid review meeting has not been recorded yet: it "
                                                           "decides whether immediate action is needed.")
    found = ("The meeting found that immediate action was needed to ensure children's safety."
             if held.immediate_action_needed
             else "The meeting found that no immediate action was needed to ensure children's safety.")
    parts = [Part("", (Entry("", found),))]
    parts += [Part(f"Action {index}", (
        Entry("Action", action.description), Entry("Owned by", labels[action.agency_id], checked=False),
        Entry("Due", day_month_year(action.due_date)),
        Entry("Status", f"Completed on {day_month_year(action.completed_on)}" if action.completed_on else "Open")))
        for index, action in enumerate(actions, start=1)]
    missing = None
    if held.immediate_action_needed and not actions:
        missing = "Immediate action was found to be needed, but no action has been added with its owner."
    return Section("immediate_actions", heading, tuple(parts), missing)


def _decision(rapid_review: RapidReview, partners: list[PartnerLine]) -> Section:
    heading = "The recommendation and the partners' decision"
    if rapid_review.recommendation is None:
        return Section("decision", heading, (), "The rapid review meeting has not made its recommendation yet.")
    entries = [Entry("The meeting recommended", service.RECOMMENDATION_WORDS[rapid_review.recommendation][:1].upper()
                     + service.RECOMMENDATION_WORDS[rapid_review.recommendation][1:]),
               Entry("Rationale", rapid_review.recommendation_rationale or "")]
    if rapid_review.learning_mechanisms:
        entries.append(Entry("How the learning is taken forward", "; ".join(rapid_review.learning_mechanisms)))
    if rapid_review.hold_cspr is not None:
        entries.append(Entry("The partners decided", "To hold a local Child Safeguarding Practice Review"
                             if rapid_review.hold_cspr else "Not to hold a local Child Safeguarding Practice Review"))
        unanimous = len({line.for_review for line in partners}) <= 1
        entries.append(Entry("How", "All three partners agreed" if unanimous
                             else "By a majority of the three partners; the reasons of each are below"))
    parts = [Part("", tuple(entries))]
    parts += [Part(line.partner, (Entry("Position", line.position),
                                  Entry("Reasons", line.reasons or "None given")))
              for line in partners]
    missing = None if rapid_review.hold_cspr is not None else "The safeguarding partners have not decided yet."
    return Section("decision", heading, tuple(parts), missing)


def _sign_off(rapid_review: RapidReview, partners: list[PartnerLine]) -> Section:
    parts = tuple(Part(line.partner, (
        Entry("Signed off by", ", ".join(p for p in (line.who, line.job_title) if p) or "Not recorded"),
        Entry("Date", _date(line.when, "Not recorded")))) for line in partners)
    missing = None if len(parts) == 3 and rapid_review.hold_cspr is not None else \
        "The three safeguarding partners have not all recorded their positions yet."
    return Section("sign_off", "Sign-off by the safeguarding partners", parts, missing)


def build(session: Session, rapid_review: RapidReview) -> Report:
    """The report's sections from the records (the caller has checked the rapid review is theirs to read)."""
    held = meetings.meeting_of(session, rapid_review.id)
    panel = deadlines.find(session, service.PANEL_DEADLINE, rapid_review.id)
    timeliness = service.panel_timeliness(session, [rapid_review], {rapid_review.id: panel} if panel else {},
                                          clock.today())[rapid_review.id]
    partners = partner_lines(session, rapid_review)
    sections = (
        _facts(session, rapid_review, held, timeliness),
        _agencies(session, rapid_review),
        _meeting_text("key_practice_episodes", "Analysis of key practice episodes", held, "key_practice_episodes",
                      "the analysis of key practice episodes"),
        _meeting_text("characteristics_and_inequalities", _INEQUALITIES[:1].upper() + _INEQUALITIES[1:], held,
                      "characteristics_and_inequalities", _INEQUALITIES),
        _actions(session, rapid_review, held),
        _meeting_text("learning", "Learning identified", held, "immediate_learning", "the learning identified"),
        _decision(rapid_review, partners),
        _meeting_text("national_importance", "Issues of national importance", held, "issues_of_national_importance",
                      "the issues of national importance, or that none were identified"),
        _sign_off(rapid_review, partners),
    )
    return Report(title=f"Rapid review report: {rapid_review.child_reference}",
                  child_reference=rapid_review.child_reference, sections=sections)


def _section_text(section: Section) -> tuple[str, list[tuple[int, str, str]]]:
    """The section's text from the records, as the check reads it, and where each entry starts (offset, part
    heading, entry label)."""
    pieces: list[str] = []
    starts: list[tuple[int, str, str]] = []
    offset = 0
    for part in section.parts:
        for entry in part.entries:
            if not entry.checked:
                continue
            starts.append((offset, part.heading, entry.label))
            line = f"{entry.label}: {entry.text}" if entry.label else entry.text
            pieces.append(line)
            offset += len(line) + 2
    return "\n\n".join(pieces), starts


def check(session: Session, rapid_review: RapidReview, report: Report) -> list[Located]:
    """The anonymisation check on each section, against the case's identifying details as they are now."""
    found: list[Located] = []
    for section in report.sections:
        text, starts = _section_text(section)
        for finding in check_text(session, rapid_review.case_id, text):
            where = [s for s in starts if s[0] <= finding.start]
            _, part, field = where[-1] if where else (0, "", "")
            found.append(Located(section, part, field, finding))
    return found


def identifiers(found: list[Located]) -> list[Located]:
    return [f for f in found if f.finding.severity == Severity.identifier]


def _refusal(found: list[Located]) -> str | None:
    blocking = identifiers(found)
    if not blocking:
        return None
    headings = list(dict.fromkeys(f.section.heading for f in blocking))
    return (f"The report identifies the child in: {'; '.join(headings)}. Correct the records those sections come "
            "from, then download it.")


def _where(found: Located) -> str:
    return " - ".join(p for p in (found.section.heading, found.part, found.field) if p)


def as_read(session: Session, principal: Principal, rapid_review: RapidReview) -> RapidReviewReportRead:
    """The report as the preview shows it: its sections, what is still to be completed, and the anonymisation
    check's findings. The words found are shown only to those who may read the case's identifying details."""
    report = build(session, rapid_review)
    found = check(session, rapid_review, report)
    shows_words = principal.can(Permission.identifying_details_read)
    return RapidReviewReportRead(
        rapid_review_id=rapid_review.id, case_id=rapid_review.case_id, child_reference=rapid_review.child_reference,
        title=report.title,
        sections=[ReportSectionRead(
            key=s.key, number=number, heading=s.heading, to_complete=s.to_complete,
            parts=[ReportPartRead(heading=p.heading, entries=[ReportEntryRead(label=e.label, text=e.text)
                                                              for e in p.entries]) for p in s.parts])
            for number, s in enumerate(report.sections, start=1)],
        sections_to_complete=[s.heading for s in report.sections if s.to_complete],
        findings=[ReportFindingRead(section=f.section.key, section_heading=f.section.heading, part=f.part,
                                    field=f.field, kind=f.finding.kind.value, severity=f.finding.severity.value,
                                    reason=f.finding.reason, text=f.finding.text if shows_words else None)
                  for f in found],
        download_refused=_refusal(found),
    )


def download(session: Session, actor: Principal, rapid_review: RapidReview, form: ReportFormat) -> bytes:
    """The report as a file, refused (409, naming the sections) while it identifies the child; audited."""
    report = build(session, rapid_review)
    found = check(session, rapid_review, report)
    refusal = _refusal(found)
    if refusal is not None:
        raise Conflict(refusal, errors=[(f"report.{f.section.key}", f"{f.finding.reason} ({_where(f)})")
                                        for f in identifiers(found)])
    incomplete = [s.key for s in report.sections if s.to_complete]
    audit.record(session, actor, "generate_report", "rapid_review", rapid_review.id,
                 f"Generated the rapid review report for the National Panel ({FORMAT_WORDS[form]})"
                 + (f", with {len(incomplete)} section{'s' if len(incomplete) != 1 else ''} still to complete"
                    if incomplete else ""),
                 {"format": form.value, "sections_to_complete": incomplete})
    return render_docx(report) if form == ReportFormat.docx else render_pdf(report)


_INTRO = ("The rapid review of {reference}, for the Child Safeguarding Practice Review Panel. The child is referred "
          "to only by this anonymised reference.")


def render_docx(report: Report) -> bytes:
    document = word_document(report.title, font_size=11)
    document.add_heading(report.title, level=0)
    document.add_paragraph(_INTRO.format(reference=report.child_reference))
    for number, section in enumerate(report.sections, start=1):
        document.add_heading(f"{number}. {section.heading}", level=1)
        if section.to_complete:
            document.add_paragraph().add_run(section.to_complete).italic = True
        for part in section.parts:
            if part.heading:
                document.add_heading(part.heading, level=2)
            for entry in part.entries:
                paragraph = document.add_paragraph()
                if entry.label:
                    paragraph.add_run(f"{entry.label}: ").bold = True
                paragraph.add_run(entry.text)
    return docx_bytes(document)


def render_pdf(report: Report) -> bytes:
    pdf = pdf_document(report.title)
    pdf_paragraph(pdf, report.title, 16, "B")
    pdf_paragraph(pdf, _INTRO.format(reference=report.child_reference))
    for number, section in enumerate(report.sections, start=1):
        pdf.ln(2)
        pdf_paragraph(pdf, f"{number}. {section.heading}", 13, "B")
        if section.to_complete:
            pdf_paragraph(pdf, section.to_complete, 10, "I")
        for part in section.parts:
            if part.heading:
                pdf_paragraph(pdf, part.heading, 11, "B")
            for entry in part.entries:
                pdf_paragraph(pdf, f"{entry.label}: {entry.text}" if entry.label else entry.text)
    return bytes(pdf.output())
