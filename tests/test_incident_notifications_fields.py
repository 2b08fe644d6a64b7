"""What the National Panel's notification asks (Working Together 2023): for up to four children their age, sex,
ethnicity, disability, looked-after status and placement, child in need and child protection plans and whether
known to any agency; the two councils; deaths of care leavers up to and including age 24. The characteristics are
read by whoever reads the notification; the name, date of birth and address stay with those allowed, audited."""

import os
from datetime import date
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import make_url, select
from sqlalchemy.orm import Session

from backend.audit.models import AuditEvent
from backend.core.access import Role
from backend.core.db import make_engine
from backend.core.migrations import alembic_config
from backend.identity.models import AgencyKind
from backend.incident_notifications.characteristics import age_on
from backend.incident_notifications.models import IncidentNotification
from tests.conftest import empty_postgres
from tests.stage_one import CARE_LEAVER, CHILD, LOOKED_AFTER, NOTIFICATIONS, notification_body, notify
from tests.test_cases_migration import OldRows
from tests.versions import edit

IDENTIFYING = ("name", "date_of_birth", "address")


def _errors(response) -> dict[str, str]:
    assert response.status_code == 422, response.text
    return {e["field"]: e["message"] for e in response.json()["errors"]}


def _post(client, make, office, **overrides):
    return client.post(NOTIFICATIONS, headers=make.headers(office), json=notification_body(**overrides))


def _born_years_before(incident: str, years: int, days_after: int = 0) -> str:
    day = date.fromisoformat(incident)
    born = day.replace(year=day.year - years)
    return date.fromordinal(born.toordinal() + days_after).isoformat()


def test_the_panels_questions_round_trip_for_each_child_and_the_two_councils(client, make, frozen_now):
    office = make.user(Role.business_office)
    sibling = CHILD | {"name": "Jordan Ashby-Kerr", "date_of_birth": "2021-07-30", "sex": "male",
                       "ethnicity": "mixed_other", "ethnicity_description": "White, Black Caribbean and Indian",
                       "disability": "yes", "disability_description": "Hearing impairment",
                       "looked_after_status": "previously_looked_after", "placement_type": "other",
                       "placement_description": "Supported lodgings with a family friend",
                       "child_in_need_plan": "current", "child_protection_plan": "never",
                       "known_to_agencies": "not_known", "known_agencies": None}

    body = notify(client, make, office, children=[CHILD, sibling], incident_council="Harbourside City Council",
                  home_council="Saltmarsh District Council")

    read = client.get(f"{NOTIFICATIONS}/{body['id']}", headers=make.headers(office)).json()
    assert (read["incident_council"], read["home_council"]) == ("Harbourside City Council",
                                                                "Saltmarsh District Council")
    first, second = read["children_characteristics"]
    assert first == {"child": 1, "age_at_incident": 1, "sex": "female", "ethnicity": "mixed_white_and_black_caribbean",
                     "ethnicity_description": None, "disability": "no", "disability_description": None,
                     "looked_after_status": "not_looked_after", "placement_type": None, "placement_description": None,
                     "child_in_need_plan": "past", "child_protection_plan": "current", "known_to_agencies": "yes",
                     "known_agencies": "Health visiting and the police"}
    assert second["child"] == 2 and second["age_at_incident"] == 5  # born 30 July 2021, incident 16 Nov 2026
    assert {k: second[k] for k in ("ethnicity_description", "disability_description", "placement_type",
                                   "placement_description", "child_in_need_plan", "known_to_agencies")} == {
        "ethnicity_description": "White, Black Caribbean and Indian", "disability_description": "Hearing impairment",
        "placement_type": "other", "placement_description": "Supported lodgings with a family friend",
        "child_in_need_plan": "current", "known_to_agencies": "not_known"}
    assert [(c["child"], c["name"]) for c in read["children"]] == [(1, CHILD["name"]), (2, "Jordan Ashby-Kerr")]


def test_one_to_four_children_and_a_fifth_is_refused_naming_the_field(client, make, frozen_now):
    office = make.user(Role.business_office)
    four = [CHILD | {"name": f"Child {n}"} for n in range(4)]
    assert notify(client, make, office, children=four)["children_count"] == 4

    errors = _errors(_post(client, make, office, child_reference="Child KQ", children=[*four, CHILD]))
    assert list(errors) == ["body.children"] and "4" in errors["body.children"]
    assert "body.children" in _errors(_post(client, make, office, child_reference="Child KQ", children=[]))


def test_an_age_that_contradicts_the_date_of_birth_is_refused_naming_both(client, make, frozen_now):
    office = make.user(Role.business_office)

    errors = _errors(_post(client, make, office, children=[CHILD | {"age_at_incident": 7}]))

    assert set(errors) == {"body.children.0.age_at_incident", "body.children.0.date_of_birth"}
    assert "(7)" in errors["body.children.0.age_at_incident"] and "makes them 1" in errors[
        "body.children.0.date_of_birth"]
    # The matching age is accepted; left out, it is worked out from the date of birth.
    assert notify(client, make, office, children=[CHILD | {"age_at_incident": 1}])["children_characteristics"][0][
        "age_at_incident"] == 1


def test_a_negative_age_is_refused(client, make, frozen_now):
    office = make.user(Role.business_office)
    errors = _errors(_post(client, make, office, children=[CHILD | {"age_at_incident": -1}]))
    assert list(errors) == ["body.children.0.age_at_incident"]


def test_an_adult_is_notified_only_as_a_care_leaver(client, make, frozen_now):
    office = make.user(Role.business_office)
    adult = CHILD | {"date_of_birth": _born_years_before("2026-11-16", 19)}
    errors = _errors(_post(client, make, office, children=[adult]))
    assert errors == {"body.children.0.age_at_incident": "A notification is about a child under 18: child 1 was 19 "
                      "at the incident. For a care leaver up to 24 choose 'death of a care leaver' as the nature of "
                      "the incident"}


@pytest.mark.parametrize(("days_after", "accepted"), [(0, False), (1, True)])
def test_a_care_leavers_death_is_notified_up_to_and_including_age_24(client, make, frozen_now, days_after, accepted):
    """Born 25 years before the incident to the day: 25, refused. A day later: still 24, accepted."""
    office = make.user(Role.business_office)
    leaver = CARE_LEAVER | {"date_of_birth": _born_years_before("2026-11-16", 25, days_after)}

    response = _post(client, make, office, category="death_of_care_leaver_under_25", children=[leaver])

    if accepted:
        assert response.status_code == 201, response.text
        assert response.json()["children_characteristics"][0]["age_at_incident"] == 24
    else:
        assert _errors(response) == {"body.children.0.age_at_incident": "The death of a care leaver is notified up "
                                     "to and including age 24: child 1 was 25 at the incident"}


def test_a_care_leavers_death_needs_a_care_leaver_and_a_looked_after_childs_death_a_child_looked_after_now(
        client, make, frozen_now):
    office = make.user(Role.business_office)

    not_leaver = _errors(_post(client, make, office, category="death_of_care_leaver_under_25",
                               children=[CARE_LEAVER | {"looked_after_status": "previously_looked_after"}]))
    not_looked_after = _errors(_post(client, make, office, category="death_of_looked_after_child",
                                     children=[LOOKED_AFTER | {"looked_after_status": "previously_looked_after"}]))

    assert list(not_leaver) == ["body.children.0.looked_after_status"]
    assert "choose 'care leaver'" in not_leaver["body.children.0.looked_after_status"]
    assert list(not_looked_after) == ["body.children.0.looked_after_status"]
    assert "currently looked after" in not_looked_after["body.children.0.looked_after_status"]
    assert notify(client, make, office, category="death_of_looked_after_child", children=[LOOKED_AFTER])


def test_the_placement_type_is_required_when_the_child_is_or_was_looked_after_and_refused_otherwise(
        client, make, frozen_now):
    office = make.user(Role.business_office)
    for status in ("currently_looked_after", "previously_looked_after"):
        errors = _errors(_post(client, make, office, children=[CHILD | {"looked_after_status": status}]))
        assert errors == {"body.children.0.placement_type": "Select the placement type of child 1, who is or was "
                                                            "looked after"}
    errors = _errors(_post(client, make, office, children=[CHILD | {"placement_type": "foster_care"}]))
    assert list(errors) == ["body.children.0.placement_type"]
    errors = _errors(_post(client, make, office, children=[LOOKED_AFTER | {"placement_type": "other"}]))
    assert errors == {"body.children.0.placement_description": "Describe the placement of child 1"}


def test_descriptions_go_with_the_answer_they_describe(client, make, frozen_now):
    office = make.user(Role.business_office)
    errors = _errors(_post(client, make, office, children=[CHILD | {
        "ethnicity_description": "Caribbean and Irish", "disability_description": "Asthma",
        "known_to_agencies": "no", "known_agencies": "School"}]))
    assert set(errors) == {"body.children.0.ethnicity_description", "body.children.0.disability_description",
                           "body.children.0.known_agencies"}


def test_the_councils_are_required_and_bounded(client, make, frozen_now):
    office = make.user(Role.business_office)
    body = notification_body(home_council="x" * 121)
    del body["incident_council"]
    errors = _errors(client.post(NOTIFICATIONS, headers=make.headers(office), json=body))
    assert set(errors) == {"body.incident_council", "body.home_council"}


def test_characteristics_are_corrected_for_every_child_and_the_rules_hold_on_correction(client, make, frozen_now):
    office = make.user(Role.business_office)
    body = notify(client, make, office)
    url, headers = f"{NOTIFICATIONS}/{body['id']}", make.headers(office)
    characteristics = {k: v for k, v in CHILD.items() if k not in IDENTIFYING}

    wrong_count = edit(client, "PATCH", url, headers=headers,
                       json={"children_characteristics": [characteristics, characteristics]})
    unplaced = edit(client, "PATCH", url, headers=headers, json={
        "children_characteristics": [characteristics | {"looked_after_status": "currently_looked_after"}]})
    corrected = edit(client, "PATCH", url, headers=headers, json={"home_council": "Saltmarsh District Council",
                                                                  "children_characteristics": [characteristics | {
                                                                      "disability": "yes",
                                                                      "disability_description": "Epilepsy"}]})

    assert list(_errors(wrong_count)) == ["body.children_characteristics"]
    assert list(_errors(unplaced)) == ["body.children_characteristics.0.placement_type"]
    assert corrected.status_code == 200, corrected.text
    read = corrected.json()
    assert read["home_council"] == "Saltmarsh District Council"
    assert read["children_characteristics"][0]["disability_description"] == "Epilepsy"
    assert read["children_characteristics"][0]["age_at_incident"] == 1


def test_an_agency_reads_the_characteristics_but_not_who_the_child_is_and_only_identifying_reads_are_audited(
        client, db, make, frozen_now):
    trust, police = make.agency("Trust", AgencyKind.childrens_social_care), make.agency("Police")
    office, officer = make.user(Role.business_office), make.user(Role.agency_lead, police)
    body = notify(client, make, office, notifying_agency_id=str(trust.id), agency_ids=[str(police.id)])

    read = client.get(f"{NOTIFICATIONS}/{body['id']}", headers=make.headers(officer)).json()
    client.get(f"{NOTIFICATIONS}/{body['id']}", headers=make.headers(office))

    assert read["children"] is None
    assert read["children_characteristics"][0]["ethnicity"] == "mixed_white_and_black_caribbean"
    assert not any(CHILD[key] in str(read) for key in IDENTIFYING)
    readers = {e.actor_id for e in db.scalars(select(AuditEvent).where(
        AuditEvent.entity_id == body["id"], AuditEvent.action == "read_identifying"))}
    assert officer.id not in readers and office.id in readers
    created = db.scalar(select(AuditEvent).where(AuditEvent.entity_id == body["id"],
                                                 AuditEvent.action == "create"))
    assert not any(CHILD[key] in str(created.changes) for key in IDENTIFYING)


def test_age_counts_whole_years_to_the_day_of_the_incident():
    assert age_on(date(2002, 11, 16), date(2026, 11, 16)) == 24
    assert age_on(date(2002, 11, 17), date(2026, 11, 16)) == 23
    assert age_on(date(2024, 2, 29), date(2025, 2, 28)) == 0


@pytest.fixture(params=["sqlite"] + (["postgresql"] if os.environ.get("TEST_POSTGRES_URL") else []))
def database_before(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path}/before.db"
    else:
        target = make_url(os.environ["TEST_POSTGRES_URL"])
        url = empty_postgres(target.set(database=f"{target.database}_fields").render_as_string(hide_password=False))
    command.upgrade(alembic_config(url), "20261202_learning_reports")
    return url


def test_a_notification_recorded_before_the_panels_questions_still_reads(database_before):
    engine = make_engine(database_before)
    with engine.begin() as connection:
        rows = OldRows(connection)
        case = rows.add("cases", reference="Child BM")
        notification = rows.add(
            "incident_notifications", case_id=case, incident_date=date(2026, 11, 1), became_aware_on=date(2026, 11, 2),
            category="serious_harm", abuse_or_neglect_suspected=True, summary="Harm.")
        rows.add("notified_children", notification_id=notification, position=0, name="Rowan Ash",
                 date_of_birth=date(2025, 3, 14), sex="Female", ethnicity="White British", address="7 Lantern Court")
        rows.add("notified_children", notification_id=notification, position=1, name="Sam Ash",
                 date_of_birth=date(2020, 11, 2), sex="boy", ethnicity="Kurdish", address="7 Lantern Court")

    command.upgrade(alembic_config(database_before), "head")

    with Session(engine) as session:
        read = session.get(IncidentNotification, notification)
        assert read is not None and (read.incident_council, read.home_council) == (None, None)
        first, second = read.children
        assert (first.age_at_incident, first.sex, first.ethnicity, first.ethnicity_description) == (
            1, "female", "white_british", None)
        assert (second.age_at_incident, second.sex, second.ethnicity, second.ethnicity_description) == (
            5, "male", "other", "Kurdish")
        assert {first.disability, first.looked_after_status, first.child_in_need_plan, first.child_protection_plan,
                first.known_to_agencies} == {"not_known"} and first.placement_type is None
    engine.dispose()
