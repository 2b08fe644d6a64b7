"""Records nested under a review (its parallel processes, one-to-one discussions, review group meetings, terms of
reference versions): the shape their routes share, written once.

A route takes the review first through its scoped getter (`ReviewInScope`: a review the caller may not see answers
404), then the caller's permission (403). The record is found within that review by its domain's scoped getter
(404 for one the caller may not see, another review's included), and a read or a change answers with the record's
version as the `ETag`, which the next change sends back as `If-Match`:

    PROCESSES = UnderReview(service.get_process, service.as_read)

    @router.get("/{process_id}")
    def read_parallel_process(session, review: ReviewInScope, principal: Reader, process_id, response):
        return PROCESSES.one(session, principal, review, process_id, response)
"""

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, TypeVar

from fastapi import Response
from sqlalchemy.orm import Session

from backend.core.access import Principal
from backend.core.concurrency import Versioned, set_etag
from backend.reviews.models import Review

R = TypeVar("R", bound=Versioned)
Read = TypeVar("Read")


@dataclass(frozen=True)
class UnderReview(Generic[R, Read]):
    """One kind of record nested under a review: how it is found within the review, and how it is read."""

    get: Callable[[Session, Principal, Review, uuid.UUID], R]
    read: Callable[[Principal, R], Read]

    def find(self, session: Session, principal: Principal, review: Review, record_id: uuid.UUID) -> R:
        """The record of this review the caller may see (404 otherwise)."""
        return self.get(session, principal, review, record_id)

    def answer(self, principal: Principal, record: R, response: Response) -> Read:
        """The record as the caller reads it, its version as the `ETag`."""
        set_etag(response, record)
        return self.read(principal, record)

    def one(self, session: Session, principal: Principal, review: Review, record_id: uuid.UUID,
            response: Response) -> Read:
        """A read of one record: found within the review, answered with its `ETag`."""
        return self.answer(principal, self.find(session, principal, review, record_id), response)
