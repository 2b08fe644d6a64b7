"""One rule for every change: a field left out keeps its value; `null` empties it only where it may be empty.

A field that cannot be emptied (a user's role, an agency's name, a client's scopes) answers 422 naming it
when sent as `null`, instead of failing in the database; the schema does not offer `null` for it. The last
test walks every PATCH (and partial PUT) body in the app, so a new one cannot forget.
"""

import pytest
from fastapi.routing import APIRoute
from pydantic import BaseModel, ValidationError

from backend.app import ROUTERS, create_app
from backend.core.access import Role
from tests.integrations_support import make_client
from tests.versions import edit


def assert_null_refused(response, *fields: str) -> None:
    assert response.status_code == 422, response.text
    messages = {e["field"]: e["message"] for e in response.json()["errors"]}
    for field in fields:
        expected = f"{field.replace('_', ' ').capitalize()} cannot be emptied: leave it out to keep it as it is"
        assert messages.get(f"body.{field}") == expected, messages


@pytest.mark.parametrize("field", ["active", "role", "name", "reminder_delivery", "password"])
def test_null_for_a_user_field_that_cannot_be_emptied_is_refused_naming_it(client, make, field):
    office, lead = make.user(Role.business_office), make.user(Role.agency_lead)
    response = client.patch(f"/api/v1/users/{lead.id}", json={field: None}, headers=make.headers(office))
    assert_null_refused(response, field)
    assert client.get(f"/api/v1/users/{lead.id}", headers=make.headers(office)).json()["active"] is True


def test_null_for_a_job_title_clears_it(client, make):
    office, lead = make.user(Role.business_office), make.user(Role.agency_lead)
    headers = make.headers(office)
    client.patch(f"/api/v1/users/{lead.id}", json={"job_title": "Designated nurse"}, headers=headers)
    response = client.patch(f"/api/v1/users/{lead.id}", json={"job_title": None}, headers=headers)
    assert response.status_code == 200 and response.json()["job_title"] is None


def test_null_for_an_agency_field_that_cannot_be_emptied_is_refused_naming_it(client, make):
    office, agency = make.user(Role.business_office), make.agency("Harbourside Trust")
    response = edit(client, "PATCH", f"/api/v1/agencies/{agency.id}", headers=make.headers(office),
                    json={"name": None, "kind": None, "active": None})
    assert_null_refused(response, "name", "kind", "active")


def test_null_for_an_integration_client_field_that_cannot_be_emptied_is_refused_naming_it(client, make, db):
    office = make.user(Role.business_office)
    machine, _ = make_client(db, make.agency(), ["referrals:write"])
    response = client.patch(f"/api/v1/integration-clients/{machine.id}", headers=make.headers(office),
                            json={"name": None, "active": None, "scopes": None})
    assert_null_refused(response, "name", "active", "scopes")


# The fields of a change that `null` empties; every other field a change may leave out refuses `null`.
MAY_BE_EMPTIED: dict[str, set[str]] = {
    "UserUpdate": {"job_title", "agency_id"},
    # null: the agency is no longer one of the three safeguarding partners.
    "AgencyUpdate": {"safeguarding_partner"},
    "ReferralUpdate": {"child_reference", "referrer", "senior_manager", "review_type_requested", "rationale",
                       "other_agencies", "chronology", "child", "family_members", "background",
                       "areas_of_learning", "themes"},
    "IncidentNotificationUpdate": {"notified_panel_on"},
    "ReviewUpdate": {"lead_reviewer_id"},
    "EventUpdate": {"location", "virtual_link", "open_link_expires_at"},
    "WebhookSubscriptionUpdate": {"agency_id"},
    "ChronologyEntryUpdate": {"occurred_time"},
    "GroupMeetingUpdate": set(),
    "TermsOfReferenceVersionUpdate": set(),
    "FamilyContactUpdate": {"answer", "answered_on"},
    "FamilyMemberUpdate": {"date_of_birth"},
    "ParallelProcessUpdate": {"agency_id", "started_on", "next_key_date", "officer_in_charge_email",
                              "terms_of_reference_given_on", "practitioner_event_date_given_on",
                              "publication_held_until_date"},
    "PublicationPlan": {"members_briefing_on", "press_statement_on"},
    "RecommendationUpdate": {"source_reference"},
    "ActionUpdate": {"owner_id"},
}


def _change_bodies() -> dict[str, type[BaseModel]]:
    bodies: dict[str, type[BaseModel]] = {}
    for router in ROUTERS:
        for route in router.routes:
            if isinstance(route, APIRoute) and route.methods & {"PATCH", "PUT"} and route.body_field:
                model = route.body_field.field_info.annotation
                assert isinstance(model, type) and issubclass(model, BaseModel)
                bodies[f"{sorted(route.methods)[0]} {route.path}"] = model
    return bodies


def test_every_change_refuses_null_where_a_field_cannot_be_emptied_and_its_schema_says_so():
    schemas = create_app().openapi()["components"]["schemas"]
    bodies, wrong = _change_bodies(), []
    assert len(bodies) > 10
    for route, model in bodies.items():
        properties = schemas[model.__name__]["properties"]
        for name, field in model.model_fields.items():
            if field.is_required() or field.default is not None:
                continue  # not a field a change may leave out to keep its value
            nullable = any(choice.get("type") == "null" for choice in properties[name].get("anyOf", []))
            try:
                model.model_validate({name: None})
                accepted = True
            except ValidationError as exc:
                accepted = not any(e["loc"] == (name,) and e["type"] == "null_refused" for e in exc.errors())
            emptiable = name in MAY_BE_EMPTIED.get(model.__name__, set())
            if (accepted, nullable) != (emptiable, emptiable):
                wrong.append(f"{route} {model.__name__}.{name}: accepts null={accepted}, schema nullable={nullable}")
    assert wrong == [], "use NotNull[...] from backend.core.schemas, or list the field in MAY_BE_EMPTIED:\n" + \
        "\n".join(wrong)
