"""The state the suite finds is not its to assume: a server aged by earlier runs and other clients still passes."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from conformance._registry import APIS as REGISTRY
from conformance._registry import get_api
from conformance.servers import build_app, start_reference_servers
from tests.suite.aging import WRITABLE, OtherClient, age, client_for, listed, run_concurrently, run_suite

APIS = ("sailpoint-v2025", "flexprice", "maxsight-v5")
# CI sizes: the earlier runs age the state, the last one is judged.
EARLIER_EXAMPLES = 1
JUDGED_EXAMPLES = 2
AGING_STEPS = 40
# How often the other client writes (before every n-th list read): often enough that lists change under each check.
OTHER_CLIENT_EVERY = {"sailpoint-v2025": 5, "flexprice": 2}


@pytest.mark.slow
@pytest.mark.parametrize("api", APIS)
def test_a_server_first_driven_by_three_earlier_runs_gets_no_failure(api: str, tmp_path: Path) -> None:
    with start_reference_servers(REGISTRY.values()) as servers:
        base_url, known = servers.base_url(api), tuple(servers.known_task_ids(api)[:1])
        # Three full runs at once: the same writes as three in a row, and lists that change while each one pages.
        earlier = [tmp_path / f"earlier-{n}" for n in range(3)]
        codes = run_concurrently(api, base_url, earlier, max_examples=EARLIER_EXAMPLES, task_ids=known)
        assert all((d / "results.json").exists() for d in earlier), f"an earlier run wrote no report: {codes}"
        judged = run_suite(api, base_url, tmp_path / "judged", seed=4, max_examples=JUDGED_EXAMPLES, task_ids=known)
    assert judged.failures == ()
    assert judged.exit_code == 0


@pytest.mark.slow
@pytest.mark.parametrize("api", WRITABLE)
def test_a_state_aged_by_random_valid_writes_gets_no_failure_while_another_client_writes(
    api: str, tmp_path: Path, serve: Callable
) -> None:
    app = build_app(REGISTRY.values())
    other = OtherClient(app, api, every=OTHER_CLIENT_EVERY[api], seed=11)
    origin = serve(other)
    assert age(api, origin, steps=AGING_STEPS, seed=7) > AGING_STEPS // 2
    with client_for(api, origin) as client:
        known = (listed(api, client)[0]["id"],)
    during = other.writes
    base_url = origin + get_api(api).base_path
    judged = run_suite(api, base_url, tmp_path, seed=3, max_examples=JUDGED_EXAMPLES, task_ids=known)
    assert other.writes > during, "the other client made no write while the suite ran"
    assert judged.failures == ()
    assert judged.exit_code == 0


def test_the_random_walk_leaves_half_updated_tasks_and_other_offsets() -> None:
    with start_reference_servers(REGISTRY.values()) as servers:
        assert age("sailpoint-v2025", servers.origin, steps=AGING_STEPS, seed=7) == AGING_STEPS
        with client_for("sailpoint-v2025", servers.origin) as client:
            tasks = listed("sailpoint-v2025", client)
    half = [t for t in tasks if (t["completed"] is None) != (t["completionStatus"] is None)]
    assert half, "no task has one completion field set and the other null"
    assert any(not t["created"].endswith("Z") for t in tasks), "no created date in another UTC offset"


def test_the_random_walk_creates_and_updates_flexprice_tasks() -> None:
    with start_reference_servers(REGISTRY.values()) as servers, client_for("flexprice", servers.origin) as client:
        before = {t["id"]: t["task_status"] for t in listed("flexprice", client)}
        assert age("flexprice", servers.origin, steps=AGING_STEPS, seed=7) == AGING_STEPS
        after = {t["id"]: t["task_status"] for t in listed("flexprice", client)}
    assert set(after) > set(before)
    assert any(after[i] != status for i, status in before.items())
