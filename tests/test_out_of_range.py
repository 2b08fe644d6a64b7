"""Numbers outside what the service can handle answer 422 naming the parameter, never 500; the bounds are in
the schema, so a client can know them before asking."""

import pytest

from backend.app import create_app
from backend.core.access import Role

HUGE = 10**19  # beyond a 64-bit integer: what the database cannot take as an offset


def _refused(response, field: str) -> None:
    assert response.status_code == 422, response.text
    assert [e["field"] for e in response.json()["errors"]] == [field]


@pytest.mark.parametrize("parameter", ["offset", "limit"])
def test_a_huge_offset_or_limit_on_a_list_is_refused_naming_it(client, make, parameter):
    office = make.headers(make.user(Role.business_office))
    for path in ("/api/v1/audit", "/api/v1/referrals", "/api/v1/users"):
        _refused(client.get(path, params={parameter: HUGE}, headers=office), f"query.{parameter}")


def test_the_last_page_a_list_allows_still_answers(client, make):
    office = make.headers(make.user(Role.business_office))
    response = client.get("/api/v1/audit", params={"offset": 10_000_000, "limit": 200}, headers=office)
    assert response.status_code == 200 and response.json()["items"] == []


@pytest.mark.parametrize("year", [0, -1, 10000, HUGE])
def test_closure_days_for_a_year_no_calendar_has_are_refused(client, make, year):
    office = make.headers(make.user(Role.business_office))
    _refused(client.get("/api/v1/calendar/closure-days", params={"year": year}, headers=office), "query.year")


def test_working_days_past_the_end_of_the_calendar_are_refused(client, make):
    office = make.headers(make.user(Role.business_office))
    response = client.get("/api/v1/calendar/working-days", headers=office,
                          params={"start": "9999-12-20", "working_days": 400})
    assert response.status_code == 422, response.text


def test_every_integer_query_parameter_has_bounds_in_the_schema():
    document = create_app().openapi()
    unbounded = []
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            for parameter in operation.get("parameters", []):
                schema = parameter["schema"]
                for choice in [schema, *schema.get("anyOf", [])]:
                    if choice.get("type") == "integer" and not {"minimum", "maximum"} <= choice.keys():
                        unbounded.append(f"{method.upper()} {path} {parameter['name']}")
    assert unbounded == []
