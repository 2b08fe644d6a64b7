"""The OpenAPI document describes what the service sends and accepts, so generated clients and fuzzers can
trust it (issue 12, defects 8 and 9). The walks over the document cover every route, whenever it is added."""

from typing import Any

from sqlalchemy import func, select

from backend.app import create_app
from backend.core.access import Role
from backend.core.errors import PROBLEM_JSON
from backend.events.models import Event
from backend.referrals.models import Referral
from tests.events_support import event_body, review_for

DOCUMENT = create_app().openapi()
SCHEMAS = DOCUMENT["components"]["schemas"]
METHODS = ("get", "put", "post", "patch", "delete")
# Formats whose own grammar bounds their length.
BOUNDED_FORMATS = {"uuid", "date", "date-time", "binary"}


def _operations():
    for path, operations in DOCUMENT["paths"].items():
        for method, operation in operations.items():
            if method in METHODS:
                yield f"{method.upper()} {path}", operation


def _unbounded(schema: dict[str, Any], where: str, seen: set[str]) -> list[str]:
    if "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        if name in seen:
            return []
        seen.add(name)
        return _unbounded(SCHEMAS[name], name, seen)
    gaps = []
    for key in ("anyOf", "oneOf", "allOf"):
        for choice in schema.get(key, []):
            gaps += _unbounded(choice, where, seen)
    kind = schema.get("type")
    # A file (`contentMediaType`) is bounded by the size its description states and its route enforces.
    if kind == "string" and "maxLength" not in schema and "enum" not in schema and "const" not in schema \
            and schema.get("format") not in BOUNDED_FORMATS and "contentMediaType" not in schema:
        gaps.append(f"{where}: a string with no maxLength")
    if kind == "array":
        if "maxItems" not in schema:
            gaps.append(f"{where}: a list with no maxItems")
        gaps += _unbounded(schema.get("items", {}), f"{where}[]", seen)
    for field, sub in schema.get("properties", {}).items():
        gaps += _unbounded(sub, f"{where}.{field}", seen)
    if isinstance(schema.get("additionalProperties"), dict):
        gaps += _unbounded(schema["additionalProperties"], f"{where}{{}}", seen)
    return gaps


def test_every_string_and_list_in_every_input_has_a_documented_bound():
    gaps, inputs = [], 0
    for name, operation in _operations():
        for media_type, body in operation.get("requestBody", {}).get("content", {}).items():
            inputs += 1
            gaps += [f"{name} ({media_type}) {gap}" for gap in _unbounded(body["schema"], "body", set())]
        for parameter in operation.get("parameters", []):
            inputs += 1
            where = f"{name} {parameter['in']} parameter {parameter['name']}"
            gaps += _unbounded(parameter["schema"], where, set())
    assert inputs > 150
    assert gaps == [], ("give each a bound: Field(max_length=...) on the string or list (Query/Header/Path "
                        "max_length for parameters):\n" + "\n".join(gaps))


def test_a_referral_with_ten_thousand_other_agencies_is_refused_naming_the_field(client, db, make):
    lead = make.user(Role.agency_lead)
    response = client.post("/api/v1/referrals", headers=make.headers(lead), json={
        "child_reference": "Child QX", "other_agencies": [{"name": f"Agency {n}"} for n in range(10_000)]})
    assert response.status_code == 422
    assert [e["field"] for e in response.json()["errors"]] == ["body.other_agencies"]
    assert db.scalar(select(func.count()).select_from(Referral)) == 0


def test_every_error_is_documented_as_a_problem_and_nothing_as_fastapis_default_shape():
    wrong = []
    for name, operation in _operations():
        for code, response in operation["responses"].items():
            if code.startswith(("4", "5")):
                content = response.get("content", {})
                if name == "GET /readyz" and code == "503":
                    continue  # the readiness probe's own answer, for orchestrators
                if list(content) != [PROBLEM_JSON] or content[PROBLEM_JSON]["schema"] != {
                        "$ref": "#/components/schemas/Problem"}:
                    wrong.append(f"{name} {code}: {list(content)}")
    assert wrong == []
    assert "HTTPValidationError" not in SCHEMAS
    token = DOCUMENT["paths"]["/api/v1/auth/token"]["post"]["responses"]
    assert token["422"]["content"][PROBLEM_JSON]["schema"]["$ref"].endswith("/Problem")


def test_auth_token_422_is_served_in_the_documented_problem_shape(client):
    response = client.post("/api/v1/auth/token", data={"grant_type": "password", "username": "x" * 1000})
    assert response.status_code == 422 and response.headers["content-type"] == PROBLEM_JSON
    assert set(response.json()) >= {"type", "title", "status", "errors"}


def test_a_body_that_is_not_utf8_is_a_documented_400_problem_and_changes_nothing(client, db, make):
    lead = make.user(Role.agency_lead)
    response = client.post("/api/v1/referrals", headers=make.headers(lead) | {"Content-Type": "application/json"},
                           content=b'{"child_reference": "Child \xff\xfe"}')
    assert response.status_code == 400 and response.headers["content-type"] == PROBLEM_JSON
    assert response.json()["detail"] == "The request body could not be read: send JSON, encoded as UTF-8."
    assert db.scalar(select(func.count()).select_from(Referral)) == 0
    undocumented = [name for name, operation in _operations()
                    if "requestBody" in operation and "400" not in operation["responses"]]
    assert undocumented == []


def test_if_match_is_documented_as_required_exactly_where_a_missing_one_is_refused_with_428():
    required, optional = set(), set()
    for name, operation in _operations():
        for parameter in operation.get("parameters", []):
            if parameter["name"] == "If-Match":
                (required if parameter.get("required") else optional).add(name)
                assert "x-required-header" not in parameter["schema"]
        if name in required:
            assert "428" in operation["responses"], name
    assert {"PATCH /api/v1/referrals/{referral_id}", "PATCH /api/v1/reviews/{review_id}"} <= required
    assert "POST /api/v1/referrals/{referral_id}/sign-off" in optional


def test_request_schemas_have_unique_titles_so_generated_clients_keep_every_operation():
    titles = [schema.get("title", name) for name, schema in SCHEMAS.items()]
    assert sorted({t for t in titles if titles.count(t) > 1}) == []
    assert not [name for name in SCHEMAS if "__" in name]


def test_links_lead_from_the_main_creates_to_reading_and_changing_what_they_made():
    def links(path: str, method: str, code: str) -> dict[str, Any]:
        return DOCUMENT["paths"][path][method]["responses"][code].get("links", {})

    operation_ids = {operation["operationId"] for _, operation in _operations()}
    referral = links("/api/v1/referrals", "post", "201")
    assert referral["GetReferrals"]["parameters"] == {"path.referral_id": "$response.body#/id"}
    assert referral["PatchReferrals"]["parameters"] == {"path.referral_id": "$response.body#/id",
                                                        "header.If-Match": "$response.header.ETag"}
    assert {"GetIncidentNotifications", "PatchIncidentNotifications"} <= set(
        links("/api/v1/incident-notifications", "post", "201"))
    assert {"GetEvents", "PatchEvents"} <= set(links("/api/v1/events", "post", "201"))
    assert "PatchReviews" in links("/api/v1/reviews/{review_id}", "get", "200")
    for _, operation in _operations():
        for response in operation["responses"].values():
            for link in response.get("links", {}).values():
                assert link["operationId"] in operation_ids


def test_a_time_the_schema_allows_is_accepted_and_one_with_an_offset_is_neither_allowed_nor_accepted(
        client, db, make):
    schema = SCHEMAS["EventCreate"]["properties"]["start_time"]
    assert "format" not in schema and schema["pattern"].startswith("^")
    office = make.user(Role.business_office)
    review = review_for(db, make.agency())
    accepted = client.post("/api/v1/events", headers=make.headers(office),
                           json=event_body(review, start_time="09:30:00", end_time="12:30"))
    assert accepted.status_code == 201, accepted.text
    refused = client.post("/api/v1/events", headers=make.headers(office),
                          json=event_body(review, start_time="09:30Z"))
    assert refused.status_code == 422
    error = refused.json()["errors"][0]
    assert error["field"] == "body.start_time" and "HH:MM" in error["message"] and "no offset" in error["message"]
    assert db.scalar(select(func.count()).select_from(Event)) == 1


def test_due_before_zero_is_refused_not_read_as_1970(client, make):
    office = make.user(Role.business_office)
    response = client.get("/api/v1/deadlines", params={"due_before": "0"}, headers=make.headers(office))
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "query.due_before"
    assert "YYYY-MM-DD" in response.json()["errors"][0]["message"]
    assert client.get("/api/v1/deadlines", params={"due_before": "2026-12-31"},
                      headers=make.headers(office)).status_code == 200
    since = client.get("/api/v1/audit", params={"since": "0"}, headers=make.headers(office))
    assert since.status_code == 422 and since.json()["errors"][0]["field"] == "query.since"


def test_405_lists_every_method_the_address_answers(client):
    collection = client.put("/api/v1/referrals")
    assert collection.status_code == 405 and collection.headers["allow"] == "GET, POST"
    record = client.put("/api/v1/referrals/00000000-0000-0000-0000-000000000000")
    assert record.headers["allow"] == "GET, PATCH, DELETE"
    assert record.headers["content-type"] == PROBLEM_JSON


def test_a_value_of_another_json_type_than_documented_is_refused_not_converted(client, db, make):
    office = make.user(Role.business_office)
    day_zero = client.post("/api/v1/calendar/closure-days", headers=make.headers(office),
                           json={"day": 0, "reason": "Training day"})
    assert day_zero.status_code == 422  # once read as 1 January 1970
    [error] = day_zero.json()["errors"]
    assert error["field"] == "body.day" and "must be text" in error["message"].lower()
    numeric_text = client.post("/api/v1/calendar/closure-days", headers=make.headers(office),
                               json={"day": "2026-12-29", "reason": 5})
    assert numeric_text.status_code == 422
    assert client.get("/api/v1/calendar/closure-days", headers=make.headers(office)).json() == []


def test_the_database_going_away_answers_503_with_retry_after_as_documented():
    from fastapi.testclient import TestClient
    from sqlalchemy.exc import OperationalError

    from backend.core.db import session_scope

    app = create_app()

    def _gone():
        raise OperationalError("SELECT 1", {}, Exception("terminating connection due to administrator command"))
        yield  # pragma: no cover - a generator dependency, like the real one

    app.dependency_overrides[session_scope] = _gone
    with TestClient(app, raise_server_exceptions=False) as client:
        response = client.get("/api/v1/public/agencies")
    assert response.status_code == 503 and response.headers["content-type"] == PROBLEM_JSON
    assert response.headers["retry-after"] == "5" and "nothing was changed" in response.json()["detail"]
    documented = DOCUMENT["paths"]["/api/v1/public/agencies"]["get"]["responses"]["503"]
    assert "Retry-After" in documented["headers"]


def test_openapi_yaml_spells_everything_out_without_yaml_aliases():
    # The frontend's type generator (and other YAML readers) refuse documents full of aliases.
    from backend.openapi import render_openapi

    assert "&id" not in render_openapi()


def test_a_method_the_address_does_not_answer_is_405_even_where_a_wider_route_would_take_it_as_an_id(client, make):
    """`/recommendations/similar` answers GET only; a PATCH there is not an edit of a recommendation whose id is
    "similar" (a 422 for that id), but a method the resource does not answer."""
    office = make.user(Role.business_office)
    answer = client.patch("/api/v1/recommendations/similar", json={}, headers=make.headers(office))
    assert answer.status_code == 405 and answer.headers["allow"] == "GET"
    assert answer.json()["title"] == "Method not allowed"
