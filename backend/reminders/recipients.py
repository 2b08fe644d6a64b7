"""Who a deadline's reminders go to, answered from one load of the active users per sweep."""

import uuid
from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from backend.core.access import Role
from backend.identity.models import Agency, ReminderDelivery, User


@dataclass(frozen=True)
class Recipient:
    id: uuid.UUID
    name: str
    email: str
    role: Role
    agency_id: uuid.UUID | None
    digest: bool


@dataclass
class Directory:
    """Active users indexed the ways reminders look them up, plus agency names for the e-mails."""

    users: dict[uuid.UUID, Recipient] = field(default_factory=dict)
    by_role: dict[Role, list[Recipient]] = field(default_factory=lambda: defaultdict(list))
    by_agency_role: dict[tuple[uuid.UUID, Role], list[Recipient]] = field(default_factory=lambda: defaultdict(list))
    agency_names: dict[uuid.UUID, str] = field(default_factory=dict)

    @classmethod
    def load(cls, session: Session) -> "Directory":
        directory = cls()
        rows = session.execute(select(User.id, User.name, User.email, User.role, User.agency_id,
                                      User.reminder_delivery).where(User.active.is_(True)))
        for user_id, name, email, role, agency_id, delivery in rows:
            person = Recipient(user_id, name, email, Role(role), agency_id,
                               delivery == ReminderDelivery.daily_digest)
            directory.users[user_id] = person
            directory.by_role[person.role].append(person)
            if agency_id is not None:
                directory.by_agency_role[(agency_id, person.role)].append(person)
        directory.agency_names = dict(session.execute(select(Agency.id, Agency.name)).tuples().all())
        return directory

    def owners(self, user_id: uuid.UUID | None, agency_id: uuid.UUID | None, role: Role | None) -> list[Recipient]:
        """A named user; else the role (within the agency when one is named); else the agency's leads."""
        if user_id is not None:
            person = self.users.get(user_id)
            return [person] if person else []
        if role is not None:
            return list(self.by_agency_role[(agency_id, role)] if agency_id else self.by_role[role])
        if agency_id is not None:
            return list(self.by_agency_role[(agency_id, Role.agency_lead)])
        return []

    def owning_agency(self, user_id: uuid.UUID | None, agency_id: uuid.UUID | None) -> uuid.UUID | None:
        if agency_id is not None:
            return agency_id
        person = self.users.get(user_id) if user_id else None
        return person.agency_id if person else None

    def escalation(self, agency_id: uuid.UUID | None, managers: bool, business_office: bool) -> list[Recipient]:
        people: dict[uuid.UUID, Recipient] = {}
        if managers and agency_id is not None:
            people |= {p.id: p for p in self.by_agency_role[(agency_id, Role.agency_manager)]}
        if business_office:
            people |= {p.id: p for p in self.by_role[Role.business_office]}
        return list(people.values())

    def agency_leads(self, agency_id: uuid.UUID | None) -> list[Recipient]:
        return list(self.by_agency_role[(agency_id, Role.agency_lead)]) if agency_id else []
