"""Requests checked against the spec: schema-invalid input gets 400 with the error body, schema-valid input passes."""

from __future__ import annotations

import json

import pytest

from conformance.servers._validation import is_uri
from tests.servers.helpers import Clients

VALID_TASK = {
    "entity_type": "FEATURES",
    "file_type": "JSON",
    "file_url": "https://rural-typeface.org",
    "task_type": "IMPORT",
}


@pytest.mark.parametrize(
    ("name", "value"),
    [
        *(("limit", value) for value in ("251", "-1", "1.0", "1e3", " 1", "+1", "0x10", "", "٣", "1 ")),
        *(("offset", value) for value in ("-1", "2147483648", "1.5", "zero")),
        *(("count", value) for value in ("1", "yes", "True", "TRUE", "")),
        *(("sorters", value) for value in ("created\n", "name", "+created", "")),
        *(
            ("filters", value)
            for value in ('name eq "x"', "id eq x", 'id eq "x"\n', 'id eq "x" or type eq "QPOC"', 'id  eq "x"', "")
        ),
    ],
)
def test_sailpoint_rejects_a_parameter_outside_its_schema(clients: Clients, name: str, value: str) -> None:
    answer = clients.sailpoint.get("/task-status", params={name: value})
    assert answer.status_code == 400
    assert answer.json()["messages"][0]["text"].startswith(f"invalid query parameter '{name}'")


@pytest.mark.parametrize(
    "params",
    [
        {"limit": "0"},
        {"limit": "250"},
        {"offset": "2147483647"},
        {"count": "false"},
        {"filters": 'id eq "ŝömé ünïcødé ✓"'},
        {"filters": 'id in ("a","b", "c") and sourceId eq ""'},
        {"sorters": "-created"},
    ],
)
def test_sailpoint_accepts_every_documented_form(clients: Clients, params: dict[str, str]) -> None:
    assert clients.sailpoint.get("/task-status", params=params).status_code == 200


def test_a_parameter_given_twice_is_rejected(clients: Clients) -> None:
    answer = clients.sailpoint.get("/task-status", params=[("limit", "1"), ("limit", "2")])
    assert answer.status_code == 400
    assert answer.json()["messages"][0]["text"] == "query parameter 'limit' is given more than once"


@pytest.mark.parametrize(
    ("name", "value"),
    [
        *(("limit", value) for value in ("0", "1001", "abc")),
        ("offset", "-1"),
        ("task_type", "import"),
        ("entity_type", ""),
        ("task_status", "DONE"),
        ("sort", "id"),
        ("order", "ASC"),
    ],
)
def test_flexprice_rejects_a_list_parameter_outside_its_schema(clients: Clients, name: str, value: str) -> None:
    answer = clients.flexprice.get("/tasks", params={name: value})
    assert answer.status_code == 400
    assert answer.json()["error"]["message"].startswith(f"invalid query parameter '{name}'")


@pytest.mark.parametrize(
    "body",
    [
        *({key: value for key, value in VALID_TASK.items() if key != missing} for missing in VALID_TASK),
        {**VALID_TASK, "file_url": 5},
        {**VALID_TASK, "file_url": ""},
        {**VALID_TASK, "file_url": "no scheme here"},
        {**VALID_TASK, "file_url": "http://exa mple.com"},
        {**VALID_TASK, "file_url": "http://[not-ipv6]/"},
        {**VALID_TASK, "file_url": "https://example.com/%zz"},
        {**VALID_TASK, "entity_type": None},
        {**VALID_TASK, "file_type": "XML"},
        {**VALID_TASK, "metadata": "x"},
        {**VALID_TASK, "file_name": 3},
        [VALID_TASK],
        "task",
        None,
    ],
)
def test_flexprice_rejects_a_create_body_outside_its_schema(clients: Clients, body: object) -> None:
    answer = clients.flexprice.post("/tasks", content=json.dumps(body), headers={"Content-Type": "application/json"})
    assert answer.status_code == 400
    assert answer.json()["error"]["message"].startswith("invalid request body")


@pytest.mark.parametrize(
    ("content", "content_type", "message"),
    [
        (b'{"entity_type": "FEATURES",', "application/json", "the request body is not valid JSON"),
        (json.dumps(VALID_TASK).encode() + b" x", "application/json", "the request body is not valid JSON"),
        (b'{"metadata": NaN}', "application/json", "the request body is not valid JSON"),
        (b'{"metadata": {"n": 1e999}}', "application/json", "the request body is not valid JSON"),
        (b"\xff\xfe", "application/json", "the request body is not valid JSON"),
        (b"", "application/json", "the request body is required"),
        (json.dumps(VALID_TASK).encode(), "text/plain", "Content-Type must be application/json"),
        (json.dumps(VALID_TASK).encode(), "", "Content-Type must be application/json"),
    ],
)
def test_flexprice_rejects_a_body_that_is_not_json(
    clients: Clients, content: bytes, content_type: str, message: str
) -> None:
    answer = clients.flexprice.post("/tasks", content=content, headers={"Content-Type": content_type})
    assert (answer.status_code, answer.json()["error"]["message"]) == (400, message)


@pytest.mark.parametrize(
    "changes",
    [
        {"file_url": "urn:isbn:0451450523"},
        {"file_url": "http://[::1]:8080/x?y=1#z"},
        {"file_url": "mailto:ops@example.com"},
        {"file_url": "s3://bucket/key%20with%20spaces"},
        {"metadata": {"nested": {"list": [1, 2.5, None, True, "ü"]}}, "file_name": "ünïcødé.json"},
        {"extra_field": "ignored"},
    ],
)
def test_flexprice_accepts_every_schema_valid_create(clients: Clients, changes: dict[str, object]) -> None:
    answer = clients.flexprice.post(
        "/tasks", json={**VALID_TASK, **changes}, headers={"Content-Type": "application/json"}
    )
    assert answer.status_code == 202


@pytest.mark.parametrize("body", [{"task_status": "done"}, {"task_status": None}, {}, [], {"status": "FAILED"}])
def test_flexprice_rejects_a_status_body_outside_its_schema(clients: Clients, body: object) -> None:
    task_id = clients.servers.known_task_ids("flexprice")[0]
    assert clients.flexprice.put(f"/tasks/{task_id}/status", json=body).status_code == 400


@pytest.mark.parametrize(
    ("text", "valid"),
    [
        ("https://rural-typeface.org", True),
        ("a:", True),
        ("A+.-:x", True),
        ("http://user@[v1.x]/", True),
        ("http://1.2.3.999/", True),
        ("a:b c", False),
        ("1a:x", False),
        ("a:%zz", False),
        ("http://a:80x/", False),
        ("a:/x#y#z", False),
        ("a:?q=[1]", False),
        ("x:é", False),
        ("http://[zz]/", False),
        ("http://[fe80::1%25eth0]/", False),
    ],
)
def test_uri_format_follows_rfc_3986(text: str, valid: bool) -> None:
    assert is_uri(text) is valid
