"""Who sees a review's parallel processes, and each process's steps.

Seen with their review (the query joins `Review` and uses its one rule): cross-agency roles and the review's lead
reviewer see every one; an agency only those its own agency runs. The business office records and updates them.
"""

from sqlalchemy import ColumnElement, and_, exists, select, true
from sqlalchemy.orm import object_session

from backend.core.access import Permission, Principal
from backend.core.visibility import own_agency, visible
from backend.core.workflow import Step, Workflow
from backend.parallel_processes.models import CRIMINAL_KINDS, ParallelProcess, ParallelProcessStatus
from backend.reviews.policy import visible_reviews

P = Permission
S = ParallelProcessStatus


def _own_rule(principal: Principal) -> ColumnElement[bool]:
    """The processes' own rule, beside their review's: cross-agency roles and lead reviewers see every one, an
    agency those it runs."""
    return visible(principal, P.parallel_processes_read, agency=own_agency(ParallelProcess.agency_id),
                   lead_reviewer=lambda _user_id: true())


def visible_processes(principal: Principal) -> ColumnElement[bool]:
    return and_(visible_reviews(principal), _own_rule(principal))


def seen_column(principal: Principal | None) -> ColumnElement[bool]:
    """`sees` for every process of a select whose review the caller already sees, as a column (true for no caller:
    the task list read by the system)."""
    return _own_rule(principal) if principal is not None else true()


def sees(principal: Principal, process: ParallelProcess) -> bool:
    """`visible_processes` for one process whose review the caller already sees (for what names the process beside
    its own routes, like the review's task list): the same rule, asked of the database for this row."""
    session = object_session(process)
    assert session is not None, "a process is read through its session"
    return bool(session.scalar(select(exists().where(ParallelProcess.id == process.id, _own_rule(principal)))))


def _officer_to_invite(process: ParallelProcess) -> str | None:
    if process.kind not in CRIMINAL_KINDS:
        return "Only the officer in charge of a criminal investigation or prosecution is invited this way."
    if not process.officer_in_charge_name or not process.officer_in_charge_email:
        return "Record the officer in charge's name and e-mail address first."
    return None


OPEN = frozenset({S.planned, S.active})

PROCESS: Workflow[ParallelProcess, ParallelProcessStatus] = Workflow("parallel_process", "parallel process", (
    Step("edit", "Change the process's details", frozenset(S), None, P.parallel_processes_manage),
    Step("begin", "Record that the process has begun", frozenset({S.planned}), S.active,
         P.parallel_processes_manage),
    Step("conclude", "Record that the process has concluded", OPEN, S.concluded, P.parallel_processes_manage),
    # The guidance: the officer in charge "will also be invited to participate in the practitioner event".
    Step("invite_officer", "Invite the officer in charge to the practitioner event", OPEN, None,
         P.parallel_processes_manage, condition=_officer_to_invite),
), state="status")
