"""Against every hostile server, a run ends as documented: exit 0/1/2 within its bound, a report, no secret, < 1 GiB."""

from __future__ import annotations

import pytest

from tests.hostile.scenarios import SAMPLE, SCENARIOS
from tests.hostile.verdict import Verdicts


@pytest.mark.parametrize(
    "scenario", [pytest.param(name, marks=() if name in SAMPLE else pytest.mark.hostile_full) for name in SCENARIOS]
)
def test_a_run_against_the_hostile_server_meets_every_requirement(scenario: str, verdicts: Verdicts) -> None:
    verdict = verdicts[scenario]
    assert verdict.problems == (), SCENARIOS[scenario].does


def test_the_ci_sample_covers_every_kind_of_harm() -> None:
    assert {"recording-sailpoint-v2025", "recording-flexprice", "recording-maxsight-v5"} <= set(SAMPLE)
    assert {"refused", "drip", "huge-body", "gzip-bomb", "json-deep", "echo-credential-cut"} <= set(SAMPLE)
    assert len(SAMPLE) <= 12, "the CI sample stays small: CI runs it on every push"
    assert any(name.startswith("redirect-other-origin") for name in SAMPLE)
