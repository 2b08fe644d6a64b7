"""A completed Appendix 1 form and the people who move a referral, for the referral tests."""

import copy
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient

from backend.core import domain_events
from backend.core.access import Role
from backend.core.domain_events import DomainEvent
from backend.identity.models import Agency, SafeguardingPartner, User

URL = "/api/v1/referrals"

COMPLETE_FORM: dict[str, Any] = {
    "child_reference": "Child TQ",
    "referrer": {"name": "Sam Ortiz", "designation": "Social worker, locality team",
                 "contact": {"phone": "01632 960 101", "email": "sam.ortiz@trust.example.org"}},
    "senior_manager": {"name": "Nadia Kerr", "designation": "Head of safeguarding",
                       "contact": {"phone": "01632 960 102", "email": "nadia.kerr@trust.example.org"}},
    "review_type_requested": "cspr",
    "rationale": "Neglect was suspected for months and the child suffered a serious head injury at home.",
    "other_agencies": [
        {"agency": "Westbrook Police", "contact_details": "Child protection unit, 01632 960 200",
         "reason_for_involvement": "Attended two domestic incidents at the address"},
    ],
    "chronology": [
        {"occurred_on": "2026-10-02", "time": "14:30", "event": "Health visitor finds the home cold and unsafe"},
        {"occurred_on": "2026-11-09", "event": "Child admitted to hospital with a head injury"},
    ],
    "child": {
        "name": "Jordan Pike", "date_of_birth": "2025-03-14", "date_of_death_or_serious_incident": "2026-11-09",
        "home_address": "4 Quarry Lane, Westbrook", "ethnic_origin": "White British", "faith": "None stated",
        "disability": "None known", "child_protection_plan": "Child in need plan since August 2026, for neglect",
        "incident_location": "4 Quarry Lane, Westbrook", "carer_at_time_of_incident": "Mother's partner",
        "criminal_investigation_known": True,
    },
    "family_members": [
        {"name": "Kelly Pike", "date_of_birth": "2001-06-02", "address": "4 Quarry Lane, Westbrook",
         "relationship": "Mother"},
    ],
    "background": "Repeated missed health appointments and two police call-outs before the injury.",
    "areas_of_learning": "How concerns from the health visitor reached children's social care.",
    "themes": {"actions_taken": "Health visiting now escalates missed contacts after two weeks.",
               "good_practice": "The hospital made a prompt referral on admission."},
}

IDENTIFYING_VALUES = ("Jordan Pike", "2025-03-14", "4 Quarry Lane", "White British", "Kelly Pike", "2001-06-02")


def complete_form(**overrides: Any) -> dict[str, Any]:
    return copy.deepcopy(COMPLETE_FORM) | overrides


@dataclass
class Partnership:
    client: TestClient
    agency: Agency
    lead: User
    manager: User
    second_manager: User
    office: User
    strategic: User  # the local authority's safeguarding partner (lead or delegate)
    icb_partner: User
    police_partner: User
    scrutineer: User
    reviewer: User
    other_agency: Agency
    other_lead: User
    other_manager: User
    headers_for: Any
    # With `frozen_now`, each step moves the clock on a minute so the timeline has an order.
    frozen: list[datetime] | None = None
    created: int = 0

    def as_(self, user: User) -> dict[str, str]:
        return self.headers_for(user)

    def create(self, body: dict[str, Any] | None = None, by: User | None = None) -> dict[str, Any]:
        """A complete draft; each child's case has its own reference, so the second is "Child TQ2" and so on."""
        if body is None:
            self.created += 1
            body = complete_form(child_reference="Child TQ" if self.created == 1 else f"Child TQ{self.created}")
        response = self.client.post(URL, json=body, headers=self.as_(by or self.lead))
        assert response.status_code == 201, response.text
        return response.json()

    def act(self, referral_id: str, action: str, by: User, body: dict[str, Any] | None = None):
        if self.frozen is not None:
            self.frozen[0] += timedelta(minutes=1)
        return self.client.post(f"{URL}/{referral_id}/{action}", json=body, headers=self.as_(by))

    def get(self, referral_id: str, by: User):
        return self.client.get(f"{URL}/{referral_id}", headers=self.as_(by))

    def edit(self, referral_id: str, body: dict[str, Any], by: User):
        """PATCH as a person's browser does: read the referral, send its ETag back as If-Match."""
        current = self.get(referral_id, by)
        version = {"If-Match": current.headers["ETag"]} if current.status_code == 200 else {}
        return self.client.patch(f"{URL}/{referral_id}", json=body, headers=self.as_(by) | version)

    def to_state(self, state: str) -> dict[str, Any]:
        """A complete referral driven through the API to `state`."""
        referral = self.create()
        if state == "returned":
            self.to_existing(referral["id"], "under_consideration")
            response = self.act(referral["id"], "return", self.office, {"reasons": "Chronology too thin."})
            assert response.status_code == 200, response.text
            return response.json()
        return self.to_existing(referral["id"], state) if state != "draft" else referral

    def to_existing(self, referral_id: str, state: str) -> dict[str, Any]:
        order = ["awaiting_sign_off", "submitted", "under_consideration", "recommendation_made", "decided"]
        steps = {
            "awaiting_sign_off": ("submit", self.lead, None),
            "submitted": ("sign-off", self.manager, {"agree": True}),
            "under_consideration": ("start-consideration", self.office, None),
            "recommendation_made": ("recommendation", self.office, RECOMMENDATION),
        }
        body: dict[str, Any] = {}
        for step in order[: order.index(state) + 1]:
            if step == "decided":
                return self.decide(referral_id, {"agreed": True, "reasons": "Agreed: proceed."})
            action, user, payload = steps[step]
            response = self.act(referral_id, action, user, payload)
            assert response.status_code == 200, (step, response.text)
            body = response.json()
        return body

    @property
    def partners(self) -> list[User]:
        return [self.strategic, self.icb_partner, self.police_partner]

    def decide(self, referral_id: str, position: dict[str, Any],
               positions: list[dict[str, Any]] | None = None) -> dict[str, Any]:
        """The three safeguarding partners record their positions (`position` each, or one each of `positions`);
        the referral as the third left it."""
        body: dict[str, Any] = {}
        for user, payload in zip(self.partners, positions or [position] * 3, strict=True):
            response = self.act(referral_id, "partner-positions", user, payload)
            assert response.status_code == 200, response.text
            body = response.json()
        return body


RECOMMENDATION = {"review_recommended": True, "review_type": "cspr", "comments": "Criteria met.",
                  "reason": "Serious harm and suspected neglect; several agencies involved.",
                  "legal_advice_sought": False}


def partnership(client: TestClient, make: Any) -> Partnership:
    agency, other = make.agency("Westbrook Children's Trust"), make.agency("Westbrook Academy")
    return Partnership(
        client=client, agency=agency,
        lead=make.user(Role.agency_lead, agency, name="Tara Lead"),
        manager=make.user(Role.agency_manager, agency, name="Nadia Kerr"),
        second_manager=make.user(Role.agency_manager, agency, name="Owen Second"),
        office=make.user(Role.business_office, name="Bea Office"),
        strategic=make.partner(SafeguardingPartner.local_authority, name="Stella Strategic"),
        icb_partner=make.partner(SafeguardingPartner.integrated_care_board, name="Ivy Board"),
        police_partner=make.partner(SafeguardingPartner.police, name="Percy Constable"),
        scrutineer=make.user(Role.scrutineer, name="Scott Scrutineer"),
        reviewer=make.user(Role.lead_reviewer, name="Rhona Reviewer"),
        other_agency=other,
        other_lead=make.user(Role.agency_lead, other, name="Omar Otherlead"),
        other_manager=make.user(Role.agency_manager, other, name="Olive Othermanager"),
        headers_for=make.headers,
    )


@pytest.fixture
def org(client: TestClient, make: Any) -> Partnership:
    return partnership(client, make)


@pytest.fixture
def published() -> Iterator[list[DomainEvent]]:
    """Every domain event published during the test."""
    seen: list[DomainEvent] = []

    def listener(_session: Any, event: DomainEvent) -> None:
        seen.append(event)

    domain_events.subscribe_all(listener)
    yield seen
    domain_events.unsubscribe(listener)
