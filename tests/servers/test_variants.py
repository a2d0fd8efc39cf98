"""The variant catalog: at least 20 faithful servers over every API, each resting on a decision or a verbatim sentence;
the cross-API ones show their choice; `all` switches every variant on at once (one of each group)."""

from __future__ import annotations

from collections.abc import Callable

import httpx
import pytest

from conformance._registry import APIS, FAULTS, VARIANTS
from conformance.core._statements import decisions
from conformance.servers import ALL, build_app, start_reference_servers
from conformance.servers._variants import chosen_variants
from tests.apis.flexprice.test_faults import NEW_TASK
from tests.apis.flexprice.test_variants import PROBES as FLEXPRICE_PROBES
from tests.apis.maxsight_v5.test_variants import PROBES as MAXSIGHT_PROBES
from tests.apis.sailpoint_v2025.test_variants import PROBES as SAILPOINT_PROBES
from tests.servers.helpers import (
    EXPERIMENTAL,
    FLEXPRICE,
    MAXSIGHT,
    SAILPOINT,
    UNKNOWN_UUID,
    Clients,
    anonymous,
    auth_headers,
    clients_for,
    observes_variant,
    send,
)


def _each_api(c: Clients, request: Callable[[httpx.Client, str], httpx.Response], status: int) -> bool:
    """True when every API answers `status` to `request` on one of its list or by-id paths."""
    known = c.servers.known_task_ids(MAXSIGHT)[0]
    targets = ((c.sailpoint, "/task-status"), (c.flexprice, "/tasks"), (c.maxsight, f"/tasks/{known}"))
    return all(request(client, path).status_code == status for client, path in targets)


def _oversized(c: Clients) -> bool:
    long_query = c.flexprice.get("/tasks", params={"padding": "x" * 9000}).status_code
    long_header = c.flexprice.get("/tasks", headers={"X-Padding": "x" * 9000}).status_code
    return (long_query, long_header) == (414, 431)


def _challenged(c: Clients) -> bool:
    answers = [
        anonymous(c, SAILPOINT, "/task-status", EXPERIMENTAL),
        anonymous(c, FLEXPRICE, "/tasks"),
        anonymous(c, MAXSIGHT, f"/tasks/{UNKNOWN_UUID}"),
    ]
    assert [answer.status_code for answer in answers] == [401, 401, 401]
    return all("www-authenticate" in answer.headers for answer in answers)


def _malformed_ids_400(c: Clients) -> bool:
    answers = [c.sailpoint.get("/task-status/a.b"), c.flexprice.get("/tasks/a.b"), c.maxsight.get("/tasks/a.b")]
    return [answer.status_code for answer in answers] == [400, 400, 400]


def _wrong_media_type_415(c: Clients) -> bool:
    text = {"Content-Type": "text/plain"}
    pending = c.sailpoint.get("/task-status/pending-tasks").json()[0]["id"]
    sailpoint = c.sailpoint.patch(f"/task-status/{pending}", content=b"[]", headers=text)
    flexprice = c.flexprice.post("/tasks", content=b"{}", headers=text)
    return (sailpoint.status_code, flexprice.status_code) == (415, 415)


def _empty_values_ignored(c: Clients) -> bool:
    sailpoint = c.sailpoint.get("/task-status", params={"filters": ""}).status_code
    return (sailpoint, c.flexprice.get("/tasks", params={"task_type": ""}).status_code) == (200, 200)


def _options(c: Clients) -> bool:
    answer = c.flexprice.options("/tasks")
    return answer.status_code == 204 and "OPTIONS" in answer.headers.get("allow", "")


def _extra_fields(c: Clients) -> bool:
    known = c.servers.known_task_ids(MAXSIGHT)[0]
    tasks = [c.sailpoint.get("/task-status").json()[0], c.flexprice.get("/tasks").json()["items"][0]]
    return all("tenantId" in task for task in [*tasks, c.maxsight.get(f"/tasks/{known}").json()])


CROSS_API_PROBES: dict[str, Callable[[Clients], bool]] = {
    "all-malformed-id-400": _malformed_ids_400,
    "all-415-unsupported-media-type": _wrong_media_type_415,
    "all-406-not-acceptable": lambda c: _each_api(
        c, lambda client, path: client.get(path, headers={"Accept": "text/html"}), 406
    ),
    "all-414-431-oversized": _oversized,
    "all-options-answered": _options,
    "all-401-challenge": _challenged,
    "all-extra-task-fields": _extra_fields,
    "all-empty-values-ignored": _empty_values_ignored,
}
PROBES = {**SAILPOINT_PROBES, **FLEXPRICE_PROBES, **MAXSIGHT_PROBES, **CROSS_API_PROBES}


def test_the_catalog_has_at_least_20_variants_over_every_api() -> None:
    assert len(VARIANTS) >= 20
    assert {variant.api for variant in VARIANTS.values()} == {*APIS, ALL}


def test_every_variant_has_a_probe() -> None:
    assert PROBES.keys() == VARIANTS.keys()


@pytest.mark.parametrize("name", list(VARIANTS))
def test_each_variant_rests_on_a_decision_of_the_table_or_a_sentence_of_a_seed(name: str) -> None:
    variant = VARIANTS[name]
    assert variant.name == name and name.split("-")[0] == variant.api.split("-")[0]
    basis = variant.basis(APIS.values())
    assert variant.summary.endswith(".") and basis
    documents = {document for api in APIS.values() for document in api.documents}
    for statement in basis:
        assert statement.decision in decisions() if statement.decision is not None else statement.source in documents
    # tests/suite/checks/test_rests_on.py checks, with the checks' quotes, that each sentence is verbatim in its seed


@pytest.mark.parametrize("name", list(CROSS_API_PROBES))
def test_switching_a_cross_api_variant_on_shows_its_choice(name: str, clients: Clients) -> None:
    observes_variant(name, CROSS_API_PROBES[name], clients)


def test_an_unknown_variant_is_refused_with_the_valid_names() -> None:
    first = next(iter(VARIANTS))
    with pytest.raises(ValueError, match=rf"unknown variant 'no-such-variant'; valid variants: all, {first}, "):
        build_app(APIS.values(), variants=["no-such-variant"])


def test_variants_of_one_group_exclude_each_other() -> None:
    with pytest.raises(ValueError, match="flexprice-create-201 and flexprice-create-200 exclude each other"):
        build_app(APIS.values(), variants=["flexprice-create-200", "flexprice-create-201"])


def test_all_is_every_variant_with_the_first_of_each_group_unless_another_is_named() -> None:
    grouped = {name for name, variant in VARIANTS.items() if variant.group}
    assert grouped == {
        "flexprice-create-201",
        "flexprice-create-200",
        "sailpoint-limit-clamped",
        "sailpoint-limit-unbounded",
        "flexprice-limit-clamped-100",
        "flexprice-limit-max-100",
        "sailpoint-experimental-header-403",
        "sailpoint-experimental-header-not-required",
        "flexprice-errors-documented-shape",
        "flexprice-errors-current-shape",
        "sailpoint-filters-single-term",
        "sailpoint-filters-isnull",
        "sailpoint-errors-problem-json",
        "sailpoint-401-error-text",
    }
    seconds = {"sailpoint-limit-unbounded", "flexprice-limit-max-100", "sailpoint-filters-isnull"}
    seconds |= {"sailpoint-401-error-text", "sailpoint-rate-limited"}  # a paced API is swept on its own
    seconds |= {"sailpoint-experimental-header-not-required", "flexprice-errors-current-shape"}
    assert {v.name for v in chosen_variants([ALL], VARIANTS)} == VARIANTS.keys() - seconds - {"flexprice-create-200"}
    chosen = {v.name for v in chosen_variants([ALL, "flexprice-create-200"], VARIANTS)}
    assert chosen == VARIANTS.keys() - seconds - {"flexprice-create-201"}


def test_with_all_on_every_chosen_variant_still_shows_its_choice() -> None:
    chosen = [variant.name for variant in chosen_variants([ALL], VARIANTS)]
    with start_reference_servers(APIS.values(), variants=[ALL]) as varied, clients_for(varied) as varied_clients:
        for name in chosen:
            varied.reset()
            assert PROBES[name](varied_clients) is True, name


def test_reset_restores_the_aged_state_not_the_seed() -> None:
    with (
        start_reference_servers(APIS.values(), variants=["flexprice-tasks-by-others"]) as varied,
        clients_for(varied) as c,
    ):
        before = c.flexprice.get("/tasks").json()["pagination"]["total"]
        assert c.flexprice.post("/tasks", json=NEW_TASK).is_success
        varied.reset()
        assert c.flexprice.get("/tasks").json()["pagination"]["total"] == before == 320 + 24


def test_a_variant_leaves_the_apis_it_does_not_name_alone() -> None:
    with start_reference_servers(APIS.values(), variants=["sailpoint-errors-problem-json"]) as varied:
        answer = send("GET", varied.base_url(FLEXPRICE) + "/tasks/no-such-task", headers=auth_headers(FLEXPRICE))
        assert answer.headers["content-type"] == "application/json"


@pytest.mark.parametrize("fault", list(FAULTS))
def test_every_fault_can_be_switched_on_with_every_variant(fault: str) -> None:
    left_out = [name for name in VARIANTS if name not in {v.name for v in chosen_variants([ALL], VARIANTS)}]
    for variants in ([ALL], left_out):
        build_app(APIS.values(), faults=[fault], variants=variants)
