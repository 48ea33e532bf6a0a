"""POST /v1/triage over HTTP, and every kind of bad input answered with a clear 4xx."""

from typing import Any

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

PROBLEM = "application/problem+json"


def test_emergency_answer(client: TestClient) -> None:
    response = client.post("/v1/triage", json={"text": "chest pain and sweating", "age": 58})
    assert response.status_code == 200
    body = response.json()
    assert body["emergency"] is True
    assert body["level"] == "emergency_ambulance"
    assert body["red_flags"][0]["evidence"]
    assert body["disclaimer"]
    assert body["model_version"].startswith("s2s-clf-")


def test_routine_answer(client: TestClient) -> None:
    body = {
        "text": "toothache and bleeding gums",
        "age": 35,
        "sex": "female",
        "duration": "1_to_7_days",
    }
    response = client.post("/v1/triage", json=body)
    assert response.status_code == 200
    result = response.json()
    assert result["emergency"] is False
    assert result["specialists"][0]["id"] == "dentistry"
    assert result["specialists"][0]["reasons"]
    assert response.headers["x-request-id"]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"text": ""}, "body.text"),
        ({"text": "a" * 20_000}, "body.text"),
        ({"text": "😀😀🙏🙏"}, "body.text"),
        ({"text": "12345"}, "body.text"),
        ({"text": "chest\x00pain"}, "body.text"),
        ({"text": 123}, "body.text"),
        ({"text": ["chest pain"]}, "body.text"),
        ({"text": None}, "body.text"),
        ({}, "body.text"),
        ({"text": "fever", "age": "abc"}, "body.age"),
        ({"text": "fever", "age": "12"}, "body.age"),
        ({"text": "fever", "age": 12.5}, "body.age"),
        ({"text": "fever", "age": True}, "body.age"),
        ({"text": "fever", "age": -1}, "body.age"),
        ({"text": "fever", "age": 500}, "body.age"),
        ({"text": "fever", "sex": "x"}, "body.sex"),
        ({"text": "fever", "duration": "forever"}, "body.duration"),
        ({"text": "fever", "name": "Asha"}, "body.name"),
    ],
)
def test_bad_input_is_a_422_naming_the_field(client: TestClient, body: Any, field: str) -> None:
    response = client.post("/v1/triage", json=body)
    assert response.status_code == 422
    assert response.headers["content-type"] == PROBLEM
    problem = response.json()
    assert field in [issue["location"] for issue in problem["errors"]]
    assert field in problem["detail"]


def test_json_that_is_not_an_object(client: TestClient) -> None:
    response = client.post("/v1/triage", json=["chest pain"])
    assert response.status_code == 422


def test_malformed_json_is_a_4xx(client: TestClient) -> None:
    response = client.post(
        "/v1/triage", content=b'{"text": "chest', headers={"content-type": "application/json"}
    )
    assert 400 <= response.status_code < 500
    assert response.headers["content-type"] == PROBLEM


def test_invalid_utf8_is_a_4xx(client: TestClient) -> None:
    response = client.post(
        "/v1/triage",
        content=b'{"text": "\xff\xfe\xfa"}',
        headers={"content-type": "application/json"},
    )
    assert 400 <= response.status_code < 500


def test_binary_body_is_415(client: TestClient) -> None:
    response = client.post(
        "/v1/triage",
        content=bytes(range(256)),
        headers={"content-type": "application/octet-stream"},
    )
    assert response.status_code == 415
    assert response.headers["content-type"] == PROBLEM


def test_body_over_the_size_limit_is_413(client: TestClient) -> None:
    huge = "fever " * 300_000  # ~1.8 MB, over the 1 MB default
    response = client.post("/v1/triage", json={"text": huge})
    assert response.status_code == 413


def test_knowledge_endpoints(client: TestClient) -> None:
    specialties = client.get("/v1/specialties").json()
    assert len(specialties) == 22
    assert {s["id"] for s in specialties} >= {"general_physician", "paediatrics", "dentistry"}
    levels = [level["id"] for level in client.get("/v1/triage-levels").json()]
    assert levels == [
        "emergency_ambulance",
        "emergency",
        "consultation_24",
        "consultation",
        "self_care",
    ]
    assert len(client.get("/v1/red-flags").json()) >= 13


def test_health_and_readiness(client: TestClient) -> None:
    assert client.get("/healthz").json()["status"] == "ok"
    ready = client.get("/readyz").json()
    assert ready["checks"] == {"database": True, "model": True}


def test_openapi_documents_problems(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    responses = spec["paths"]["/v1/triage"]["post"]["responses"]
    assert {"200", "413", "415", "422"} <= set(responses)


JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=50),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=10,
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    body=st.fixed_dictionaries(
        {},
        optional={"text": JSON | st.text(max_size=300), "age": JSON, "sex": JSON, "duration": JSON},
    )
    | JSON
)
def test_no_body_ever_causes_a_server_error(client: TestClient, body: Any) -> None:
    response = client.post("/v1/triage", json=body)
    assert response.status_code in (200, 415, 422)  # json=None sends no body: 415
    if response.status_code == 200:
        assert response.json()["disclaimer"]
