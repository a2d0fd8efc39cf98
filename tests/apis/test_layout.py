"""Adding an API means adding one folder and one spec: each folder under conformance/apis/ registers its entry under
the `taskconform.apis` entry points, the entry provides everything the suite and the servers read, and no line of the
package outside conformance/apis/ names an API (by name, by a word of its name, or by an alias)."""

from __future__ import annotations

import ast
import importlib
import re
from pathlib import Path

import pytest

import conformance
from conformance import APIS, Api
from conformance.core._contracts import ApiContract
from conformance.core._spec import load_spec
from conformance.servers._validation import Contract

PACKAGE = Path(conformance.__file__).parent
APIS_DIR = PACKAGE / "apis"
FOLDERS = sorted(path.name for path in APIS_DIR.iterdir() if (path / "__init__.py").is_file())


def _folder(api: Api) -> str:
    return api.name.replace("-", "_")


# Short names code has used for the APIs (e.g. `SP, FP, MX = ...`); the words of each name are added below.
ALIASES = frozenset({"SP", "FP", "MX"})


def _generic_files() -> list[Path]:
    """Every file of the package outside conformance/apis/: modules, templates, the results schema."""
    return [
        path
        for path in sorted(PACKAGE.rglob("*"))
        if path.is_file()
        and path.suffix in {".py", ".j2", ".html", ".json", ".md", ".txt"}
        and not path.is_relative_to(APIS_DIR)
    ]


def _api_words() -> re.Pattern[str]:
    """Any registered API's name, a distinctive word of its name or title, or an alias, as a whole word."""
    words = {name for name in APIS} | set(ALIASES)
    for api in APIS.values():
        words |= {word for word in re.split(r"[-_\s]+", api.name) if len(word) > 3 and not word.isdigit()}
        words.add(_folder(api))
    plain = sorted(word for word in words if word not in ALIASES)
    return re.compile(rf"(?i:\b(?:{'|'.join(map(re.escape, plain))})\b)|\b(?:{'|'.join(sorted(ALIASES))})\b")


def test_the_registry_lists_exactly_the_folders_under_conformance_apis() -> None:
    assert FOLDERS, "no API folder found"
    own = [api for api in APIS.values() if api.spec_path.parent == PACKAGE.parent / "specs"]
    assert sorted(_folder(api) for api in own) == FOLDERS


@pytest.mark.parametrize("path", _generic_files(), ids=lambda path: str(path.relative_to(PACKAGE)))
def test_no_line_outside_conformance_apis_names_an_api(path: Path) -> None:
    words = _api_words()
    named = [
        f"{path.relative_to(PACKAGE)}:{number}: {line.strip()}"
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if words.search(line)
    ]
    assert not named, "\n".join(named)


def test_the_name_check_sees_names_words_and_aliases() -> None:
    words = _api_words()
    for line in ("SP, FP, MX = 1, 2, 3", 'if api == "maxsight-v5":', "# SailPoint hides old tasks", "FLEXPRICE = 1"):
        assert words.search(line), line
    for line in ("api.name == name", "a spectrum of MXN values", "the specification"):
        assert not words.search(line), line


@pytest.mark.parametrize("folder", FOLDERS)
def test_each_folder_holds_its_apis_entry(folder: str) -> None:
    entry = importlib.import_module(f"conformance.apis.{folder}").API
    assert isinstance(entry, Api)
    assert _folder(entry) == folder
    assert APIS[entry.name] is entry


@pytest.mark.parametrize("name", list(APIS))
def test_each_entry_provides_what_the_suite_and_the_servers_read(name: str) -> None:
    api = APIS[name]
    spec = load_spec(api.spec_path)
    assert isinstance(api.contract(spec), ApiContract)
    server = api.server
    operations = set(Contract(spec).operations)
    assert set(server.handlers) == operations, "a handler for every operation of the spec, and no other"
    assert set(server.task_bodies) <= operations and server.by_id <= operations
    tasks = server.seed_tasks(0)
    assert tasks and len({task["id"] for task in tasks}) == len(tasks)
    assert isinstance(server.error_body(404, "no such task"), dict)
    assert server.credential
    assert server.faults and all(fault.api == name for fault in server.faults)
    assert all(fault.name.startswith(name.split("-")[0] + "-") for fault in server.faults)


@pytest.mark.parametrize(
    "path", [p for p in _generic_files() if p.suffix == ".py"], ids=lambda path: str(path.relative_to(PACKAGE))
)
def test_no_generic_module_imports_an_api_package_or_keys_on_an_api_name(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    packages = {f"conformance.apis.{folder}" for folder in FOLDERS}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            assert not any(alias.name.startswith(tuple(packages)) for alias in node.names), ast.unparse(node)
        if isinstance(node, ast.ImportFrom) and node.module:
            assert not node.module.startswith(tuple(packages)), ast.unparse(node)
            if node.module in ("conformance.apis", "conformance._registry"):
                assert not {alias.name for alias in node.names} & set(FOLDERS), ast.unparse(node)
        # No `x == "flexprice"`, no table keyed by an API's name, no lookup of one by a literal name.
        if isinstance(node, ast.Compare):
            operands = [node.left, *node.comparators]
            assert not any(_names_an_api(operand) for operand in operands), ast.unparse(node)
        if isinstance(node, ast.Dict):
            assert not any(key is not None and _names_an_api(key) for key in node.keys), ast.unparse(node)
        if isinstance(node, ast.Subscript):
            assert not _names_an_api(node.slice), ast.unparse(node)


def _names_an_api(node: ast.AST) -> bool:
    return isinstance(node, ast.Constant) and node.value in APIS
