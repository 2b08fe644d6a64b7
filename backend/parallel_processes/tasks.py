"""The review's task list for parallel processes (section `parallel-processes`): the officer in charge of each
criminal process given the terms of reference, and each process holding publication back. Each task is shown only
to who may see its process (policy.sees): an agency's task list never names another agency's investigation."""

from collections.abc import Callable
from typing import Any

from sqlalchemy import Select, and_, func, select

from backend.core.access import Principal
from backend.parallel_processes.models import CRIMINAL_KINDS, ParallelProcess, ParallelProcessStatus
from backend.parallel_processes.policy import seen_column
from backend.reviews.models import Review, ReviewStage
from backend.reviews.tasks import Found, ReviewTask, TaskSource, TaskStatus

SECTION = "parallel-processes"


def _records(principal: Principal | None) -> Select[Any]:
    """Every process of the review (whoever asks), oldest first: whether its officer in charge is to be given the
    terms of reference (`done`: a criminal process not concluded), whether it holds publication back (`flag`), and
    whether `principal` may see it."""
    process, open_ = ParallelProcess, ParallelProcess.status != ParallelProcessStatus.concluded
    return select(
        func.row_number().over(order_by=(process.created_at, process.id)).label("position"),
        process.id.label("ref"), process.title.label("name"),
        process.terms_of_reference_given_on.label("on"), and_(process.kind.in_(CRIMINAL_KINDS), open_).label("done"),
        and_(process.holds_publication, open_).label("flag"), process.publication_held_until.label("text"),
        process.publication_held_until_date.label("until"), seen_column(principal).label("seen"),
    ).where(process.review_id == Review.id)


def _as_found(seen: bool) -> Callable[[Principal], bool]:
    """The caller's view of the process, already asked of the database with the records (`seen`)."""
    return lambda _principal: seen


def _build(_review: Review, found: Found) -> list[ReviewTask]:
    tasks: list[ReviewTask] = []
    for process in found.records:
        seen = _as_found(bool(process.seen))
        if process.done:
            given = process.on
            tasks.append(ReviewTask(
                stage=ReviewStage.terms_of_reference, key=f"officer_given_terms_of_reference:{process.ref}",
                label=f"Give the officer in charge of {process.name} the terms of reference",
                status=TaskStatus.completed if given else TaskStatus.not_started,
                hint=f"Given on {given:%-d %B %Y}" if given else None, section=SECTION
            ).only_for(seen))
        if process.flag:
            until = process.text + (f" (expected {process.until:%-d %B %Y})" if process.until else "")
            tasks.append(ReviewTask(
                stage=ReviewStage.publication, key=f"publication_held:{process.ref}",
                label=f"Publication held by {process.name}", status=TaskStatus.cannot_start_yet,
                hint=f"Until {until}", section=SECTION
            ).only_for(seen))
    return tasks


PARALLEL_PROCESS_TASKS = TaskSource("parallel_processes", _build, records=_records)
