"""Every rule of the catalog is found by registered code, and that code emits only rules of the catalog, each id
written literally where it is emitted (so grepping a rule id leads to its detector)."""

from __future__ import annotations

import ast
import importlib
import re
from pathlib import Path

import pytest

import conformance.audit
from conformance.audit import RULES, RUN_RULES, SPEC_RULES
from conformance.audit._detectors import DETECTORS, detector_names

AUDIT = Path(conformance.audit.__file__).parent
DETECTOR_MODULES = sorted([*(AUDIT / "_families").glob("*.py"), AUDIT / "_run_diff.py", AUDIT / "_spec_diff.py"])

# What a rule id looks like: one of the catalog's prefixes, then words joined by dashes.
RULE_SHAPE = re.compile(
    r"(request|response|operation|security|deprecation|servers|info|description|example|extension|unclassified"
    r"|check|tested|api|undocumented|open|status|latency)-[a-z]+(-[a-z]+)*"
)


def module_name(path: Path) -> str:
    return "conformance.audit." + ".".join(path.relative_to(AUDIT).with_suffix("").parts)


def registered_and_written(path: Path) -> tuple[set[str], set[str]]:
    """The ids a module registers with `detects(...)`, and the rule-shaped strings it writes everywhere else."""
    registered: set[str] = set()
    written: set[str] = set()

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "detects":
            registered.update(arg.value for arg in node.args if isinstance(arg, ast.Constant))
            return
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and RULE_SHAPE.fullmatch(node.value):
            written.add(node.value)
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(ast.parse(path.read_text()))
    return registered, written


@pytest.mark.parametrize("rule_id", sorted(RULES))
def test_every_rule_of_the_catalog_names_a_detector_that_exists(rule_id: str) -> None:
    assert DETECTORS.get(rule_id), f"no detector registered for {rule_id}"
    for detector, name in zip(DETECTORS[rule_id], detector_names(rule_id), strict=True):
        module, _, qualname = name.rpartition(".")
        assert getattr(importlib.import_module(module), qualname) is detector


def test_every_registered_id_is_in_the_catalog() -> None:
    assert set(DETECTORS) <= set(RULES)
    assert set(DETECTORS) == {rule.id for rule in (*SPEC_RULES, *RUN_RULES)}


@pytest.mark.parametrize("path", DETECTOR_MODULES, ids=lambda p: p.name)
def test_each_module_registers_exactly_the_rule_ids_it_writes(path: Path) -> None:
    importlib.import_module(module_name(path))
    registered, written = registered_and_written(path)
    assert written <= set(RULES), f"{path.name} writes ids the catalog lacks: {sorted(written - set(RULES))}"
    assert written == registered, f"{path.name}: written but not registered {sorted(written - registered)}, " + (
        f"registered but never written {sorted(registered - written)}"
    )


@pytest.mark.parametrize("path", DETECTOR_MODULES, ids=lambda p: p.name)
def test_no_rule_id_is_built_with_an_f_string(path: Path) -> None:
    tree = ast.parse(path.read_text())
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr):
            parts = [p.value for p in node.values if isinstance(p, ast.Constant) and isinstance(p.value, str)]
            assert not any(p.startswith("-") or p.endswith("-") for p in parts), ast.unparse(node)
        if isinstance(node, ast.Call) and getattr(node.func, "attr", getattr(node.func, "id", None)) == "change":
            first = node.args[0] if node.args else None
            assert not isinstance(first, ast.JoinedStr | ast.BinOp), ast.unparse(node)
