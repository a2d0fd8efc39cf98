"""No false alarms: against a faithful server that chose differently (a variant), the suite reports no failure.

CI runs a sample: `--variant all` against each API, and, together, the members of groups that `all` leaves out
(one of each group). `python bench/sweep_variants.py` also runs the variants `all` leaves out for their pace.
`python bench/sweep_variants.py` runs every variant alone (and `all`) and prints the table.
"""

from __future__ import annotations

import pytest

from conformance._registry import APIS
from conformance.servers import ALL
from conformance.suite import against_variants

SAMPLE = [
    *(pytest.param((ALL,), api, id=f"all-{api}") for api in APIS),
    pytest.param(
        ("flexprice-create-200", "flexprice-limit-max-100", "flexprice-errors-current-shape"),
        "flexprice",
        id="flexprice-second-of-each-group",
    ),
    pytest.param(
        (
            "sailpoint-limit-unbounded",
            "sailpoint-experimental-header-not-required",
            "sailpoint-filters-isnull",
            "sailpoint-401-error-text",
        ),
        "sailpoint-v2025",
        id="sailpoint-second-of-each-group",
    ),
]


@pytest.mark.slow
@pytest.mark.parametrize(("variants", "api"), SAMPLE)
def test_the_suite_reports_no_failure_against_a_faithful_variant(variants: tuple[str, ...], api: str) -> None:
    run = against_variants(variants, api, max_examples=5)
    assert (run.exit_code, run.failed) == (0, ())
