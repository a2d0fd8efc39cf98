"""Writing comparisons: every format names each change's rule, operation and location; HTML stands alone and escapes."""

from __future__ import annotations

import dataclasses
import json
import re
from typing import Any

import pytest

from conformance.audit import (
    FORMATS,
    RUN_RULES,
    SPEC_RULES,
    SpecComparison,
    compare_documents,
    compare_runs,
    comparison_to_dict,
    parse_document,
    render,
    render_rules,
)
from tests.audit.specimens import RESULTS, edited, failure, get_task, minimal_run, minimal_spec, operation, replaced


def spec_comparison() -> SpecComparison:
    def edit(spec: dict[str, Any]) -> None:
        operation(spec)["description"] = "Replace <script>alert(1)</script> | all"
        spec["components"]["schemas"]["TaskOut"]["properties"].pop("due")

    return compare_documents(parse_document(minimal_spec()), parse_document(edited(minimal_spec(), edit)))


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_names_each_change(fmt: str) -> None:
    comparison = spec_comparison()
    out = render(comparison, fmt)  # type: ignore[arg-type]
    for change in comparison.changes:
        assert change.rule_id in out
        assert change.operation in out
    assert "response-property-removed" in out
    assert "/properties/due" in out


def test_text_groups_changes_under_their_severity() -> None:
    out = render(spec_comparison())
    assert out.index("BREAKING") < out.index("response-property-removed") < out.index("INFO")
    assert out.index("INFO") < out.index("description-changed")
    assert "2 changes: 1 breaking, 0 warning, 1 info" in out


def test_json_is_the_comparison_dict() -> None:
    comparison = spec_comparison()
    assert json.loads(render(comparison, "json")) == json.loads(json.dumps(comparison_to_dict(comparison)))


def test_markdown_cells_escape_pipes_and_html() -> None:
    out = render(spec_comparison(), "markdown")
    row = next(line for line in out.splitlines() if "description-changed" in line)
    assert "Replace &lt;script&gt;alert(1)&lt;/script&gt; \\| all" in row
    assert row.count(" | ") == 5


def test_html_stands_alone_and_escapes_what_documents_say() -> None:
    out = render(spec_comparison(), "html")
    assert out.startswith("<!DOCTYPE html>")
    assert "<script" not in out
    assert "&lt;script&gt;" in out
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", out)
    assert "<link" not in out


def test_no_change_says_so() -> None:
    same = compare_documents(parse_document(minimal_spec()), parse_document(minimal_spec()))
    assert "0 changes" in render(same)
    assert "No change." in render(same, "html")


@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
def test_a_run_comparison_shows_its_changes_and_latency_table(fmt: str) -> None:
    results = replaced(
        RESULTS, 0, status="failed", failures=(failure("GET /tasks/{id}", "response_schema_conformance"),)
    )
    out = render(compare_runs(minimal_run(), minimal_run(results=results)), fmt)  # type: ignore[arg-type]
    assert "check-newly-failing" in out
    assert "flexprice GET /tasks/{id}" in out
    assert "Latency" in out or "LATENCY" in out
    assert "2025-01-01T00:00:00Z" in out


def test_the_rule_listing_has_one_line_per_rule() -> None:
    lines = render_rules({"spec": SPEC_RULES}).splitlines()
    assert lines[0] == f"Spec rules ({len(SPEC_RULES)})"
    assert len(lines) == 2 + len(SPEC_RULES)
    for rule, line in zip(SPEC_RULES, lines[2:], strict=True):
        assert line.split()[:3] == [rule.id, rule.severity, rule.side]
        assert line.endswith(rule.sentence)


def test_the_rule_listing_in_json_is_every_rule_as_data() -> None:
    data = json.loads(render_rules({"spec": SPEC_RULES, "run": RUN_RULES}, "json"))
    assert data == {
        "spec": [dataclasses.asdict(rule) for rule in SPEC_RULES],
        "run": [dataclasses.asdict(rule) for rule in RUN_RULES],
    }


def test_the_rule_listing_in_markdown_is_a_table_row_per_rule() -> None:
    out = render_rules({"spec": SPEC_RULES, "run": RUN_RULES}, "markdown")
    rows = [line for line in out.splitlines() if line.startswith("| `")]
    assert len(rows) == len(SPEC_RULES) + len(RUN_RULES)
    for rule, row in zip((*SPEC_RULES, *RUN_RULES), rows, strict=True):
        assert row.startswith(f"| `{rule.id}` | {rule.severity} | {rule.side} | ")
        assert row.count(" | ") == 3


@pytest.mark.parametrize(
    ("edit", "verdict"),
    [
        (lambda spec: operation(spec).update(description="Another."), "safe"),
        (lambda spec: operation(spec).update(deprecated=True), "warnings only"),
        (lambda spec: spec["components"]["schemas"]["TaskOut"]["properties"].pop("due"), "breaking"),
    ],
)
@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_states_the_verdict(fmt: str, edit: Any, verdict: str) -> None:
    comparison = compare_documents(parse_document(minimal_spec()), parse_document(edited(minimal_spec(), edit)))
    out = render(comparison, fmt)  # type: ignore[arg-type]
    if fmt == "json":
        assert json.loads(out)["verdict"] == verdict
    else:
        text = re.sub(r"<[^>]+>|\*\*", "", out)
        assert len(re.findall(r"Verdict: (breaking|warnings only|safe)", text)) == 1
        assert f"Verdict: {verdict} (" in text


def shared_change() -> SpecComparison:
    """A field dropped from the task two operations return."""

    def drop_due(spec: dict[str, Any]) -> None:
        spec["components"]["schemas"]["TaskOut"]["properties"].pop("due")

    old, new = edited(minimal_spec(), get_task), edited(minimal_spec(), get_task, drop_due)
    return compare_documents(parse_document(old), parse_document(new))


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_lists_every_operation_and_location_a_change_reaches(fmt: str) -> None:
    (change,) = shared_change().changes
    out = render(shared_change(), fmt)  # type: ignore[arg-type]
    assert change.operations == ("GET /tasks/{id}", "PUT /tasks/{id}")
    for reached in (*change.operations, *change.locations):
        assert reached in out, reached
