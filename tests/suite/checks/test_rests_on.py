"""Every verdict rests on something written down: a verbatim sentence of a seed document, or a decision in the table."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from conformance import APIS
from conformance._registry import VARIANTS
from conformance._results import DECISIONS_SOURCE, Statement
from conformance.core._spec import load_spec
from conformance.suite._levels import RULES
from conformance.suite._plan import operations_of
from conformance.suite._statements import RFC_9110, SEED_FILES, decisions
from conformance.suite.checks import CHECKS, Check
from conformance.suite.checks.builtin import NO_ANSWER

REPO = Path(__file__).resolve().parents[3]
# CI runs with a copy of shared/ beside the repository, as the developers' machines have it.
SEEDS = (REPO.parent / "shared" / "seeds").resolve()
README = REPO / "specs" / "README.md"


def _seed_text(name: str) -> str:
    path = SEEDS / name
    if not path.is_file():
        pytest.fail(f"seed document {path} is missing: the quotes cannot be checked (put shared/ beside the repo)")
    return path.read_text(encoding="utf-8")


def _applies_to(check: Check) -> list[str]:
    """The APIs on which the check has at least one step (or, for a built-in, runs on every operation)."""
    names = []
    for name, api in APIS.items():
        spec = load_spec(api.spec_path)
        if check.subjects(APIS[name].contract(spec), operations_of(spec)):
            names.append(name)
    return names


def _every_statement() -> list[Statement]:
    statements = [s for check in CHECKS.values() for basis in check.rests_on.values() for s in basis]
    statements += [s for basis in NO_ANSWER.values() for s in basis]
    statements += [s for rule in RULES for s in rule.rests_on]
    statements += [s for variant in VARIANTS.values() for s in variant.rests_on]
    return list(dict.fromkeys(statements))


@pytest.mark.parametrize("check", list(CHECKS.values()), ids=list(CHECKS))
def test_every_check_declares_what_it_rests_on_for_each_api_it_applies_to(check: Check) -> None:
    applies = _applies_to(check)
    assert applies, f"{check.name} applies to no API"
    for api in applies:
        assert check.statements(api), f"{check.name} declares nothing it rests on for {api}"
    assert set(check.rests_on) <= set(APIS), f"{check.name} names an unknown API"


@pytest.mark.parametrize("statement", _every_statement(), ids=lambda s: f"{s.source}:{s.quote[:40]}")
def test_every_quote_is_verbatim_where_it_says_it_is(statement: Statement) -> None:
    assert statement.quote.strip() and statement.section.strip()
    if statement.source in SEED_FILES:
        assert statement.quote in _seed_text(statement.source), f"not verbatim in {statement.source}"
    elif statement.source == RFC_9110:
        # RFC 9110 is not in the repository: the sentences relied on are quoted in specs/README.md (line-wrapped).
        readme = " ".join(README.read_text(encoding="utf-8").split())
        assert f'"{statement.quote}"' in readme, "RFC 9110 sentence not quoted in specs/README.md"
    else:
        assert statement.source == DECISIONS_SOURCE and statement.decision in decisions()
        assert statement.quote == decisions()[statement.decision]


def _x_decisions(node: Any, where: str = "") -> list[tuple[str, int]]:
    found = []
    if isinstance(node, dict):
        if "x-decision" in node:
            found.append((where, node["x-decision"]))
        for key, value in node.items():
            found += _x_decisions(value, f"{where}/{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += _x_decisions(value, f"{where}/{index}")
    return found


def test_every_decision_a_spec_element_names_is_in_the_table() -> None:
    table = decisions()
    named = [(api.spec_file, where, n) for api in APIS.values() for where, n in _x_decisions(load_spec(api.spec_path))]
    assert named, "no spec element names a decision"
    for spec_file, where, number in named:
        assert isinstance(number, int) and number in table, f"{spec_file}{where}: no decision {number!r} in the table"


def test_every_decision_a_check_or_rule_names_is_in_the_table() -> None:
    numbers = {s.decision for s in _every_statement() if s.source == DECISIONS_SOURCE}
    assert numbers and numbers <= set(decisions())


def test_the_table_is_numbered_without_gaps_and_says_what_a_server_that_decided_otherwise_sees() -> None:
    rows = [line for line in README.read_text(encoding="utf-8").splitlines() if re.match(r"^\| \d+ \|", line)]
    numbers = [int(line.split("|")[1]) for line in rows]
    assert numbers == list(range(1, len(rows) + 1))
    for line in rows:
        sees = re.split(r"(?<!\\)\|", line)[5].strip()
        # A warning, nothing, or the reason the documents leave no choice.
        assert sees.startswith(("A warning", "Nothing")) or "the documents leave no choice" in sees, line[:60]
