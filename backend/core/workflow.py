"""The one workflow mechanism: a stateful record declares its steps in one table, and `Workflow.take` runs them.

Each `Step` says who may take it (a permission; the record's own agency only; people, not integration
clients), from which states, to which state, and what must be true of the record first. `take` checks
the step (403 for the wrong caller, 409 in one shape for the wrong state or an unmet condition),
applies the target state, audits the change and publishes the step's typed event, all in the caller's
transaction. `allowed_actions` answers which steps the caller may take now, so screens show buttons from
it instead of re-deriving roles.
"""

import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Generic, TypeVar

from sqlalchemy.orm import Session

from backend.audit import service as audit
from backend.core.access import Permission, Principal
from backend.core.domain_events import DomainEvent, publish
from backend.core.errors import Forbidden, InvalidTransition

R = TypeVar("R")
S = TypeVar("S", bound=StrEnum)


@dataclass(frozen=True)
class Step(Generic[R, S]):
    """One thing that may be done to a record.

    `target` None: the state stays (an edit). `completes`: for a step several people take in turn (each of the three
    safeguarding partners records a position), the state the step moves to when the service says the last of them
    has taken it (`Workflow.take(..., complete=True)`); until then the state stays. `condition` returns why the
    record is not ready for the step (a 409 naming what must be true first), or None. `refusal` returns why this
    caller may not (a 403), or None, for rules beyond the permission and the agency (e.g. the referrer may not sign
    off their own referral).
    """

    name: str
    label: str
    sources: frozenset[S]
    target: S | None
    permission: Permission
    own_agency: bool = False
    people_only: bool = False
    condition: Callable[[R], str | None] | None = None
    refusal: Callable[[Principal, R], str | None] | None = None
    completes: S | None = None


class Workflow(Generic[R, S]):
    """The transition table of one kind of record, and the one place its steps are checked and applied."""

    def __init__(self, entity: str, noun: str, steps: Iterable[Step[R, S]], *, state: str = "state",
                 agency_of: Callable[[R], uuid.UUID | None] = lambda _record: None) -> None:
        self.entity, self.noun, self.state_attribute = entity, noun, state
        self.steps: dict[str, Step[R, S]] = {step.name: step for step in steps}
        self._agency_of = agency_of

    def state_of(self, record: R) -> S:
        state: S = getattr(record, self.state_attribute)
        return state

    def refusal(self, principal: Principal, record: R, step: Step[R, S]) -> str | None:
        """Why this caller may never take this step on this record (a 403), or None."""
        if not principal.can(step.permission):
            return (f"Your role does not allow you to {step.label.lower()}." if principal.kind == "user"
                    else "Integration clients cannot do this.")
        if step.people_only and principal.kind != "user":
            return "This needs a person's signature; integration clients cannot do it."
        if step.own_agency and not principal.in_agency(self._agency_of(record)):
            return f"Only the agency that owns this {self.noun} can do this."
        return step.refusal(principal, record) if step.refusal else None

    def blocked(self, record: R, step: Step[R, S]) -> str | None:
        """Why the record is not ready for the step now (a 409), or None."""
        state = self.state_of(record)
        if state not in step.sources:
            return f"A {self.noun} that is {_words(state)} cannot {step.label[:1].lower() + step.label[1:]}."
        return step.condition(record) if step.condition else None

    def check(self, principal: Principal, record: R, name: str) -> Step[R, S]:
        step = self.steps[name]
        reason = self.refusal(principal, record, step)
        if reason is not None:
            raise Forbidden(reason)
        blocked = self.blocked(record, step)
        if blocked is not None:
            raise InvalidTransition(blocked, current_state=self.state_of(record).value, action=name,
                                    allowed_actions=self.open_steps(record))
        return step

    def open_steps(self, record: R) -> list[str]:
        """The steps the record's state and conditions allow now, whoever asks (named in a 409)."""
        return [name for name, step in self.steps.items() if self.blocked(record, step) is None]

    def allowed_actions(self, principal: Principal, record: R) -> list[str]:
        """The steps this caller may take on this record now. Who may is asked first: it reads only the caller and
        the record, while a step's condition may read other records, which a caller who may not take it never needs."""
        return [name for name, step in self.steps.items()
                if self.refusal(principal, record, step) is None and self.blocked(record, step) is None]

    def take(self, session: Session, principal: Principal | None, record: R, name: str, *, summary: str,
             apply: dict[str, Any] | None = None, changes: dict[str, Any] | None = None,
             event: Callable[[], DomainEvent | None] | None = None, checked: bool = False,
             audited_as: tuple[str, uuid.UUID] | None = None, actor_name: str | None = None,
             complete: bool = False) -> Step[R, S]:
        """Check (unless the caller already did, `checked`), set the fields and the target state, audit, publish.

        `event` is called after the change is applied, so it reads the record as it now is. `audited_as`
        (entity type, id) files the audit entry under the record this one is part of, so that record's
        timeline shows it (an agency's submission is audited on the request it answers). `actor_name` names who acted
        when no principal did (a practitioner through their private link). `complete`: the last of the people who take
        this step in turn has taken it, so the record moves to the step's `completes` state.
        """
        step = self.steps[name] if checked or principal is None else self.check(principal, record, name)
        before = self.state_of(record)
        for key, value in (apply or {}).items():
            setattr(record, key, value)
        target = step.completes if complete else step.target
        if complete and target is None:
            raise ValueError(f"the step {name} completes no state")
        if target is not None:
            setattr(record, self.state_attribute, target)
        session.flush()
        after = self.state_of(record)
        state_change = {self.state_attribute: {"from": before.value, "to": after.value}} if before != after else {}
        entity, entity_id = audited_as or (self.entity, getattr(record, "id"))  # noqa: B009
        audit.record(session, principal, name, entity, entity_id, summary, state_change | (changes or {}),
                     actor_name=actor_name)
        published = event() if event is not None else None
        if published is not None:
            publish(session, published)
        return step


def _words(state: StrEnum) -> str:
    return state.value.replace("_", " ")
