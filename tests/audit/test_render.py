"""Writing comparisons: every format names each change's rule, operation and location; HTML stands alone and escapes."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

from conformance.audit import (
    FORMATS,
    SPEC_RULES,
    SpecComparison,
    compare_documents,
    compare_runs,
    comparison_to_dict,
    parse_document,
    render,
    render_rules,
)
from tests.audit.specimens import RESULTS, edited, failure, minimal_run, minimal_spec, operation, replaced


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
    lines = render_rules(SPEC_RULES).splitlines()
    assert len(lines) == 1 + len(SPEC_RULES)
    for rule, line in zip(SPEC_RULES, lines[1:], strict=True):
        assert line.split()[:3] == [rule.id, rule.severity, rule.side]
        assert line.endswith(rule.sentence)
