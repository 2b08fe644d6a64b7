"""The review's task list for parallel processes (section `parallel-processes`): the officer in charge of each
criminal process given the terms of reference, and each process holding publication back. Each task is shown only
to who may see its process (policy.sees): an agency's task list never names another agency's investigation."""

from functools import partial

from sqlalchemy.orm import Session

from backend.parallel_processes import service
from backend.parallel_processes.models import CRIMINAL_KINDS, ParallelProcessStatus
from backend.parallel_processes.policy import sees
from backend.reviews.models import Review, ReviewStage
from backend.reviews.tasks import ReviewTask, TaskStatus

SECTION = "parallel-processes"


def parallel_process_tasks(session: Session, review: Review) -> list[ReviewTask]:
    tasks: list[ReviewTask] = []
    for process in service.all_of(session, review):
        if process.kind in CRIMINAL_KINDS and process.status != ParallelProcessStatus.concluded:
            given = process.terms_of_reference_given_on
            tasks.append(ReviewTask(
                stage=ReviewStage.terms_of_reference, key=f"officer_given_terms_of_reference:{process.id}",
                label=f"Give the officer in charge of {process.title} the terms of reference",
                status=TaskStatus.completed if given else TaskStatus.not_started,
                hint=f"Given on {given:%-d %B %Y}" if given else None, section=SECTION
            ).only_for(partial(sees, process=process)))
        if process.holding_publication:
            until = process.publication_held_until + (
                f" (expected {process.publication_held_until_date:%-d %B %Y})"
                if process.publication_held_until_date else "")
            tasks.append(ReviewTask(
                stage=ReviewStage.publication, key=f"publication_held:{process.id}",
                label=f"Publication held by {process.title}", status=TaskStatus.cannot_start_yet,
                hint=f"Until {until}", section=SECTION
            ).only_for(partial(sees, process=process)))
    return tasks
