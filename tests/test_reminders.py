"""Deadline reminders: the right step on the right working day, to the right people, once."""

import datetime as dt
import json
import uuid
from datetime import UTC, datetime

from sqlalchemy import func, select

from backend.calendar.workdays import WorkingDayCalendar
from backend.core.access import Role
from backend.deadlines import service as deadlines
from backend.deadlines.models import DeadlineKind
from backend.identity.models import ReminderDelivery
from backend.reminders.models import OutboxMessage, OutboxStatus, ReminderProgress
from backend.reminders.policy import DEFAULT_POLICIES, default_for, plan
from backend.reminders.worker import run_once
from tests.conftest import Factory

MONDAY = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)


def _at(frozen_now, day: dt.date, hour: int = 10) -> None:
    frozen_now[0] = datetime(day.year, day.month, day.day, hour, 0, tzinfo=UTC)


def _deadline(db, *, due: dt.date, kind: str = "information_request", agency=None, user=None, role=None,
              child: str = "Child BM", title: str | None = None):
    return deadlines.open_deadline(
        db, kind=kind, subject_type="information_request", subject_id=uuid.uuid4(), due_date=due,
        title=(title or f"Information request for {child}").replace(child, deadlines.CHILD),
        case_id=Factory(db).case(child).id, link="/information-requests/42",
        owner_agency_id=agency.id if agency else None, owner_user_id=user.id if user else None, owner_role=role)


def test_reminder_three_working_days_before_reaches_the_agency_leads_with_subject_body_and_link(
        db, make, frozen_now, smtp_server, jobs):
    agency = make.agency("Riverside Academy")
    leads = [make.user(Role.agency_lead, agency), make.user(Role.agency_lead, agency)]
    manager = make.user(Role.agency_manager, agency)
    _deadline(db, due=dt.date(2026, 11, 26), agency=agency)  # Thursday: 3 working days after Monday

    run_once(jobs)

    assert sorted(r for m in smtp_server.messages for r in m.rcpt_tos) == sorted(u.email for u in leads)
    assert smtp_server.to(manager.email) == []
    mail = smtp_server.messages[0]
    assert mail.subject == "Due in 3 working days: Information request for Child BM"
    for body in (mail.text, mail.html):
        assert "Thursday 26 November 2026" in body and "3 working days left" in body
        assert "http://localhost:8000/information-requests/42" in body
        assert "completed information request returned to the business office" in body
        assert "safeguarding lead for Riverside Academy" in body
    assert mail.message["From"] == "Safeguarding Reviews <no-reply@safeguarding-reviews.local>"
    rows = db.scalars(select(OutboxMessage)).all()
    assert {r.status for r in rows} == {OutboxStatus.sent} and len(rows) == 2


def test_the_same_sweep_run_twice_sends_nothing_new(db, make, frozen_now, smtp_server, jobs):
    lead = make.user(Role.agency_lead)
    _deadline(db, due=dt.date(2026, 11, 24), user=lead)
    run_once(jobs)
    assert run_once(jobs)["reminder_sweep"] == 0
    # Even with the sweep's memory wiped, the dedupe keys keep the reminder from being recorded again.
    db.query(ReminderProgress).delete()
    assert run_once(jobs)["reminder_sweep"] == 0
    assert len(smtp_server.messages) == 1 and smtp_server.messages[0].subject.startswith("Due in 1 working day:")


def test_deadline_owned_by_a_role_reaches_every_active_user_with_that_role(db, make, frozen_now, smtp_server, jobs):
    office = [make.user(Role.business_office), make.user(Role.business_office)]
    gone = make.user(Role.business_office)
    gone.active = False
    make.user(Role.strategic_lead)
    _deadline(db, due=dt.date(2026, 11, 23), role=Role.business_office, kind="referral_decision",
              title="Decision on referral", child="Child KT")
    run_once(jobs)
    assert sorted(r for m in smtp_server.messages for r in m.rcpt_tos) == sorted(u.email for u in office)
    assert smtp_server.messages[0].subject == "Due today: Decision on referral (Child KT)"


def test_overdue_reminders_then_escalation_to_the_agency_managers_and_business_office(
        db, make, frozen_now, smtp_server, jobs):
    agency = make.agency("Harbourside Police")
    lead, manager = make.user(Role.agency_lead, agency), make.user(Role.agency_manager, agency)
    other_manager = make.user(Role.agency_manager)
    office = make.user(Role.business_office)
    office.reminder_delivery = ReminderDelivery.daily_digest  # escalations ignore the digest choice
    _deadline(db, due=dt.date(2026, 11, 20), agency=agency)  # the Friday before

    run_once(jobs)  # Monday: 1 working day overdue; information requests escalate after 2
    assert [m.subject for m in smtp_server.messages] == ["Overdue by 1 working day: Information request for Child BM"]
    assert smtp_server.messages[0].rcpt_tos == [lead.email]

    _at(frozen_now, dt.date(2026, 11, 24))
    run_once(jobs)
    escalations = [m for m in smtp_server.messages if m.subject.startswith("Escalated:")]
    assert sorted(r for m in escalations for r in m.rcpt_tos) == sorted([manager.email, office.email])
    assert escalations[0].subject == "Escalated: Information request for Child BM is 2 working days overdue"
    assert "Harbourside Police" in escalations[0].text and "Friday 20 November 2026" in escalations[0].text
    assert smtp_server.to(other_manager.email) == []
    assert [m.subject for m in smtp_server.to(lead.email)][-1].startswith("Overdue by 2 working days")

    _at(frozen_now, dt.date(2026, 11, 25))
    run_once(jobs)  # escalated once per due date, not every day
    assert len([m for m in smtp_server.messages if m.subject.startswith("Escalated:")]) == 2


def test_met_deadline_sends_nothing_more(db, make, frozen_now, smtp_server, jobs):
    lead = make.user(Role.agency_lead)
    deadline = _deadline(db, due=dt.date(2026, 11, 24), user=lead)
    run_once(jobs)
    assert len(smtp_server.messages) == 1
    deadlines.meet(db, deadline.kind, deadline.subject_id)
    for day in (24, 25, 26, 30):
        _at(frozen_now, dt.date(2026, 11, day))
        run_once(jobs)
    assert len(smtp_server.messages) == 1


def test_reminder_recorded_before_the_deadline_was_met_is_cancelled_not_sent(db, make, frozen_now, smtp_server, jobs):
    lead = make.user(Role.agency_lead)
    deadline = _deadline(db, due=dt.date(2026, 11, 24), user=lead)
    smtp_server.refuse = 1
    run_once(jobs)  # recorded, but the server was not taking mail
    deadlines.meet(db, deadline.kind, deadline.subject_id)
    frozen_now[0] += dt.timedelta(minutes=5)
    run_once(jobs)
    assert smtp_server.messages == []
    assert db.scalar(select(OutboxMessage.status)) == OutboxStatus.cancelled


def test_daily_digest_sends_one_email_with_all_of_a_users_reminders(db, make, frozen_now, smtp_server, jobs):
    lead = make.user(Role.agency_lead)
    lead.reminder_delivery = ReminderDelivery.daily_digest
    colleague = make.user(Role.agency_lead)
    _deadline(db, due=dt.date(2026, 11, 24), user=lead, child="Child AA", title="Chronology for Child AA")
    _deadline(db, due=dt.date(2026, 11, 26), user=lead, child="Child BB", title="Key event analysis for Child BB")
    _deadline(db, due=dt.date(2026, 11, 18), user=lead, child="Child CC", title="Action plan for Child CC")
    _deadline(db, due=dt.date(2026, 12, 30), user=lead, child="Child DD")  # nothing due yet
    _deadline(db, due=dt.date(2026, 11, 24), user=colleague, child="Child EE")

    run_once(jobs)
    run_once(jobs)

    mine = smtp_server.to(lead.email)
    assert len(mine) == 1
    digest = mine[0]
    assert digest.subject == "Your deadlines for Monday 23 November 2026: 3 need attention"
    for text in ("Chronology for Child AA", "Key event analysis for Child BB", "Action plan for Child CC"):
        assert text in digest.text and text in digest.html
    assert "Child DD" not in digest.text
    assert "3 working days overdue" in digest.text and "1 working day left" in digest.text
    assert len(smtp_server.to(colleague.email)) == 1  # individual reminders for everyone else


def test_digest_waits_for_the_morning(db, make, frozen_now, smtp_server, jobs):
    lead = make.user(Role.agency_lead)
    lead.reminder_delivery = ReminderDelivery.daily_digest
    _deadline(db, due=dt.date(2026, 11, 24), user=lead)
    frozen_now[0] = datetime(2026, 11, 23, 1, 0, tzinfo=UTC)  # 1 a.m. in London
    run_once(jobs)
    assert smtp_server.messages == []
    frozen_now[0] = datetime(2026, 11, 23, 7, 30, tzinfo=UTC)
    run_once(jobs)
    subjects = [m.subject for m in smtp_server.messages]
    assert subjects == ["Your deadlines for Monday 23 November 2026: 1 needs attention"]


def test_deadline_opened_late_gets_only_the_latest_step():
    calendar = WorkingDayCalendar()
    steps = plan(DEFAULT_POLICIES["referral_decision"], dt.date(2026, 11, 25), dt.date(2026, 11, 23), calendar)
    assert steps.step == "before-3" and steps.working_days_left == 2
    assert steps.next_step_on == dt.date(2026, 11, 24)  # before-1


def test_steps_count_working_days_across_christmas():
    calendar = WorkingDayCalendar()
    policy = DEFAULT_POLICIES["information_request"]
    due = dt.date(2026, 12, 29)  # Tuesday; Friday 25 and Monday 28 (Boxing Day substitute) are bank holidays
    assert plan(policy, due, dt.date(2026, 12, 23), calendar).step == "before-3"
    assert plan(policy, due, dt.date(2026, 12, 24), calendar).step == "before-1"
    assert plan(policy, due, dt.date(2026, 12, 24), calendar).next_step_on == due
    after = plan(policy, due, dt.date(2026, 12, 30), calendar)
    assert (after.step, after.escalate, after.working_days_left) == ("overdue-1", False, -1)
    assert after.next_step_on == dt.date(2026, 12, 31)
    holiday = plan(policy, due, dt.date(2027, 1, 1), calendar)  # New Year's Day counts for nothing
    assert (holiday.step, holiday.escalate, holiday.working_days_left) == ("overdue-2", True, -2)
    assert holiday.next_step_on == dt.date(2027, 1, 4)


def test_kind_without_a_policy_of_its_own_uses_the_default_policy(db, make, frozen_now, smtp_server, jobs):
    assert DeadlineKind.immediate_action not in DEFAULT_POLICIES
    assert default_for(DeadlineKind.immediate_action) is DEFAULT_POLICIES["default"]
    lead = make.user(Role.agency_lead)
    _deadline(db, due=dt.date(2026, 11, 26), user=lead, kind=DeadlineKind.immediate_action)
    run_once(jobs)
    assert [m.subject for m in smtp_server.messages] == ["Due in 3 working days: Information request for Child BM"]


def test_far_off_deadline_is_skipped_until_its_first_step(db, make, frozen_now, smtp_server, jobs):
    lead = make.user(Role.agency_lead)
    deadline = _deadline(db, due=dt.date(2027, 5, 21), user=lead, kind="review_completion")
    run_once(jobs)
    progress = db.get(ReminderProgress, deadline.id)
    assert progress.next_step_on == WorkingDayCalendar().add_working_days(dt.date(2027, 5, 21), -40)
    assert db.scalar(select(func.count()).select_from(OutboxMessage)) == 0


def test_a_large_sweep_records_each_reminder_once_and_remembers_every_deadline(db, make, frozen_now):
    from backend.reminders.sweep import sweep

    lead = make.user(Role.agency_lead)
    for n in range(300):  # enough for the bulk (COPY) path on PostgreSQL
        _deadline(db, due=dt.date(2026, 11, 24), user=lead, child=f"Child X{n}")
    assert sweep(db) == 300
    assert db.scalar(select(func.count()).select_from(ReminderProgress)
                     .where(ReminderProgress.next_step_on == dt.date(2026, 11, 24))) == 300
    assert sweep(db) == 0
    db.query(ReminderProgress).delete()
    assert sweep(db) == 0
    messages = db.scalars(select(OutboxMessage)).all()
    assert len(messages) == 300 and len({m.dedupe_key for m in messages}) == 300
    assert {m.context["due_date"] for m in messages} == {"2026-11-24"} and messages[0].recipients == [lead.email]
    assert {m.template for m in messages} == {"reminder"} and all(m.text_body is None for m in messages)


def test_the_sweeps_copy_writes_each_distinct_recipient_list_once_and_every_value_as_json_does():
    from backend.reminders.bulk import _converter
    from backend.reminders.models import OutboxMessage

    to_json = _converter(OutboxMessage.__table__, "recipients")
    assert to_json is not None
    assert [to_json(v) for v in (["lead@example.org"], ["lead@example.org"], [], None)] == [
        '["lead@example.org"]', '["lead@example.org"]', "[]", None]
    attachment = [{"filename": "a.pdf", "content_type": "application/pdf", "content_base64": ""}]
    context = {"title": "Chronology due", "days_left": 2}
    assert to_json(attachment) == json.dumps(attachment) and to_json(context) == json.dumps(context)
