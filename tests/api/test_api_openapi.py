"""The OpenAPI schema at ``/api/v1/openapi.json`` and the offline interactive docs."""

import re

import pytest
from django.contrib.staticfiles import finders

pytestmark = pytest.mark.django_db

OUR_PREFIXES = (
    "/api/v1/areas",
    "/api/v1/cycles",
    "/api/v1/strategies",
    "/api/v1/plans",
    "/api/v1/projects",
    "/api/v1/referrals",
    "/api/v1/funding-requests",
    "/api/v1/audit",
)
ERROR_STATUSES = {"400", "401", "403", "404", "409", "422"}


@pytest.fixture
def schema(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    return response.json()


def our_operations(schema):
    return [
        (path, method, operation)
        for path, operations in schema["paths"].items()
        if path.startswith(OUR_PREFIXES)
        for method, operation in operations.items()
    ]


def test_the_schema_loads_without_a_token_and_names_the_api(schema):
    assert schema["openapi"].startswith("3.")
    assert schema["info"]["title"] == "PlanLink API"
    assert schema["info"]["version"] == "1"


def test_every_resource_of_the_issue_is_documented(schema):
    paths = set(schema["paths"])
    for required in [
        "/api/v1/areas",
        "/api/v1/areas/{code}",
        "/api/v1/cycles",
        "/api/v1/cycles/{year}",
        "/api/v1/cycles/{year}/milestones/{step}",
        "/api/v1/cycles/{year}/late",
        "/api/v1/plans",
        "/api/v1/plans/{plan_id}",
        "/api/v1/plans/{plan_id}/submit",
        "/api/v1/plans/{plan_id}/accept",
        "/api/v1/plans/{plan_id}/return",
        "/api/v1/plans/{plan_id}/projects",
        "/api/v1/projects",
        "/api/v1/projects/{project_id}",
        "/api/v1/projects/{project_id}/trace",
        "/api/v1/projects/{project_id}/referrals",
        "/api/v1/referrals",
        "/api/v1/referrals/{referral_id}",
        "/api/v1/referrals/{referral_id}/decide",
        "/api/v1/funding-requests",
        "/api/v1/funding-requests/{request_id}",
        "/api/v1/funding-requests/{request_id}/decide",
        "/api/v1/audit",
        "/api/v1/strategies",
        "/api/v1/strategies/{strategy_id}",
    ]:
        assert required in paths, required


def test_every_operation_declares_its_error_responses_and_a_summary(schema):
    operations = our_operations(schema)
    # 31 + the six plan-revision operations (docs/revisions.md) + the public title (issue 15)
    assert len(operations) == 38
    for path, method, operation in operations:
        assert ERROR_STATUSES <= set(operation["responses"]), (method, path)
        assert operation["summary"], (method, path)
        error = operation["responses"]["404"]["content"]["application/json"]["schema"]
        assert error == {"$ref": "#/components/schemas/ErrorOut"}, (method, path)


def test_lists_are_paginated_with_limit_and_offset(schema):
    for path in ["/api/v1/plans", "/api/v1/projects", "/api/v1/referrals", "/api/v1/audit"]:
        names = {parameter["name"] for parameter in schema["paths"][path]["get"]["parameters"]}
        assert {"limit", "offset"} <= names, path
    projects = {p["name"] for p in schema["paths"]["/api/v1/projects"]["get"]["parameters"]}
    assert {"cycle", "area", "level", "state", "issue", "plan"} <= projects


def test_reference_data_is_public_and_the_rest_needs_a_token_or_a_session(schema):
    assert "security" not in schema["paths"]["/api/v1/areas"]["get"]
    assert "security" not in schema["paths"]["/api/v1/cycles/{year}"]["get"]
    assert schema["paths"]["/api/v1/plans"]["get"]["security"] == [
        {"BearerToken": []},
        {"SessionAuth": []},
    ]
    schemes = schema["components"]["securitySchemes"]
    assert schemes["BearerToken"] == {"type": "http", "scheme": "bearer"}
    assert schemes["SessionAuth"]["in"] == "cookie"


def test_the_docs_page_works_offline(client):
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    html = response.content.decode()
    assert '"url": "/api/v1/openapi.json"' in html
    assert '"validatorUrl": null' in html  # no badge fetched from validator.swagger.io
    assert not re.search(r'(src|href)="(https?:)?//', html), "the docs page loads from the network"
    assets = re.findall(r'(?:src|href)="/static/([^"]+)"', html)
    assert "ninja/swagger-ui-bundle.js" in assets
    for asset in assets:
        assert finders.find(asset), asset


def test_an_unknown_api_path_answers_json_not_html(client):
    response = client.get("/api/v1/plans/not-a-number/nothing-here")
    assert response.status_code == 404
    assert response.json() == {
        "code": "not_found",
        "message_th": "ไม่พบรายการ",
        "message_en": "not found",
    }


def test_a_non_numeric_or_huge_id_is_a_schema_error_not_a_crash(world, api):
    for path in [
        "/plans/abc",
        f"/plans/{2**70}",
        "/cycles/99999999999999999999",
        "/projects?offset=-1",
    ]:
        response = api.get(path, as_="auditor")
        assert response.status_code == 422, path
        assert response.json()["code"] == "invalid_input"
