"""The audit's results: severity counts, the --fail-on decision, the dict form."""

from __future__ import annotations

import pytest

from conformance.audit import SpecComparison, comparison_to_dict, fails_on, severity_counts, verdict
from conformance.audit._rules import change


def comparison(*rule_ids: str) -> SpecComparison:
    return SpecComparison("old.yaml", "new.yaml", tuple(change(r, "GET /x", "/paths/~1x/get", r) for r in rule_ids))


@pytest.mark.parametrize(
    ("rule_ids", "on_breaking", "on_warning"),
    [
        ((), False, False),
        (("description-changed",), False, False),
        (("response-status-added",), False, True),
        (("operation-removed", "description-changed"), True, True),
    ],
)
def test_fail_on_a_level_fails_on_that_level_and_worse(
    rule_ids: tuple[str, ...], on_breaking: bool, on_warning: bool
) -> None:
    assert fails_on(comparison(*rule_ids), "breaking") is on_breaking
    assert fails_on(comparison(*rule_ids), "warning") is on_warning


def test_counts_name_every_severity() -> None:
    counts = severity_counts(comparison("operation-removed", "operation-added", "operation-added").changes)
    assert counts == {"breaking": 1, "warning": 0, "info": 2}


def test_the_dict_form_carries_kind_summary_and_each_change() -> None:
    data = comparison_to_dict(comparison("operation-removed"))
    assert data["kind"] == "spec"
    assert data["summary"] == {"breaking": 1, "warning": 0, "info": 0}
    assert data["changes"] == [
        {
            "rule_id": "operation-removed",
            "severity": "breaking",
            "kind": "operation",
            "operation": "GET /x",
            "pointer": "/paths/~1x/get",
            "message": "operation-removed",
            "old": None,
            "new": None,
            "operations": (),
            "locations": (),
        }
    ]
    assert data["verdict"] == "breaking"


@pytest.mark.parametrize(
    ("rule_ids", "expected"),
    [
        ((), "safe"),
        (("description-changed", "operation-added"), "safe"),
        (("response-status-added", "description-changed"), "warnings only"),
        (("response-status-added", "operation-removed"), "breaking"),
    ],
)
def test_the_verdict_is_the_most_serious_severity_a_client_sees(rule_ids: tuple[str, ...], expected: str) -> None:
    assert verdict(comparison(*rule_ids).changes) == expected
    assert comparison_to_dict(comparison(*rule_ids))["verdict"] == expected


def test_a_change_under_an_unknown_rule_cannot_be_made() -> None:
    with pytest.raises(KeyError):
        change("no-such-rule", None, "", "")
