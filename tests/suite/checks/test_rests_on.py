"""Every verdict rests on something written down: a verbatim sentence of a seed document, or a decision in the table."""

from __future__ import annotations

import re
from typing import Any

import pytest

from conformance._registry import APIS, VARIANTS
from conformance.core._spec import load_spec
from conformance.core._statements import DECISIONS_SOURCE, RFC_9110, Statement, decisions
from conformance.servers._variants import CROSS_API
from conformance.suite import CHECKS, RULES, Check, operations_of
from conformance.suite.checks.builtin import NO_ANSWER
from tests.seeds import REPO, seed_text

README = REPO / "specs" / "README.md"
DOCUMENTS = {document for api in APIS.values() for document in api.documents}


def _applies_to(check: Check) -> list[str]:
    """The APIs on which the check has at least one step (or, for a built-in, runs on every operation)."""
    names = []
    for name, api in APIS.items():
        spec = load_spec(api.spec_path)
        if check.subjects(APIS[name].contract(spec), operations_of(spec)):
            names.append(name)
    return names


def _every_statement() -> list[Statement]:
    statements = [s for api in APIS.values() for basis in api.rests_on.values() for s in basis]
    statements += [s for rule in RULES for s in rule.rests_on]
    statements += [s for variant in VARIANTS.values() for s in variant.basis(APIS.values())]
    contracts = [api.contract() for api in APIS.values()]
    statements += [c.state.rests_on for c in contracts if c.state is not None and c.state.rests_on is not None]
    statements += [s for c in contracts for lst in c.lists for s in lst.page_rests_on]
    return list(dict.fromkeys(statements))


@pytest.mark.parametrize("check", list(CHECKS.values()), ids=list(CHECKS))
def test_every_check_declares_what_it_rests_on_for_each_api_it_applies_to(check: Check) -> None:
    applies = _applies_to(check)
    assert applies, f"{check.name} applies to no API"
    for api in applies:
        assert check.statements(APIS[api]), f"{check.name} declares nothing it rests on for {api}"


@pytest.mark.parametrize("name", list(APIS))
def test_an_entry_rests_only_checks_the_suite_has_and_topics_a_cross_api_variant_names(name: str) -> None:
    topics = {topic for variant in CROSS_API for topic in variant.topics}
    assert set(APIS[name].rests_on) <= {*CHECKS, NO_ANSWER, *topics}


def test_a_request_without_an_answer_rests_on_what_each_api_documents_it_answers() -> None:
    assert all(api.statements(NO_ANSWER) for api in APIS.values())


@pytest.mark.parametrize("statement", _every_statement(), ids=lambda s: f"{s.source}:{s.quote[:40]}")
def test_every_quote_is_verbatim_where_it_says_it_is(statement: Statement) -> None:
    assert statement.quote.strip() and statement.section.strip()
    if statement.source in DOCUMENTS:
        assert statement.quote in seed_text(statement.source), f"not verbatim in {statement.source}"
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
