"""Vendors' whole published documents: a `$ref` in an example that resolves nowhere is reported and changes nothing
else, `git:REV:PATH` reads from a bare clone, and two dereferenced documents of several MB are compared."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

from conformance.audit import AuditInputError, compare_documents, load_document, parse_document, render, verdict
from conformance.cli import main
from tests.audit.specimens import edited, minimal_spec, operation, response
from tests.audit.vendor import DANGLING_OPERATION, DANGLING_REF, write_vendor_document

GONE = "../no-such-folder/gone.yaml"


def dangling_example(spec: dict[str, Any]) -> None:
    """An example whose value holds a `$ref` into a folder that does not exist."""
    response(spec)["content"]["application/json"]["example"] = {"id": "1", "owner": {"$ref": GONE}}


def deprecate(spec: dict[str, Any]) -> None:
    operation(spec)["deprecated"] = True


def write(path: Path, spec: dict[str, Any]) -> str:
    path.write_text(yaml.safe_dump(spec))
    return str(path)


EXAMPLE_POINTER = "/paths/~1tasks~1{id}/put/responses/200/content/application~1json/example/owner"


def test_a_ref_in_an_example_that_resolves_nowhere_is_listed_where_it_is(tmp_path: Path) -> None:
    old = load_document(write(tmp_path / "old.yaml", minimal_spec()))
    new = load_document(write(tmp_path / "new.yaml", edited(minimal_spec(), dangling_example, deprecate)))

    audit = compare_documents(old, new)

    assert [(r.document, r.pointer, r.target) for r in audit.unresolved] == [
        (str(tmp_path / "new.yaml"), EXAMPLE_POINTER, GONE)
    ]
    assert new.root["paths"]["/tasks/{id}"]["put"]["responses"]["200"]["content"]["application/json"]["example"] == {
        "id": "1",
        "owner": {"$ref": GONE},
    }


def test_a_dangling_ref_in_an_example_changes_no_other_finding(tmp_path: Path) -> None:
    clean = minimal_spec()
    dangling = edited(clean, dangling_example)
    without = compare_documents(parse_document(clean), parse_document(edited(clean, deprecate)))
    with_ref = compare_documents(
        load_document(write(tmp_path / "a.yaml", dangling)),
        load_document(write(tmp_path / "b.yaml", edited(dangling, deprecate))),
    )
    assert [c.rule_id for c in with_ref.changes] == [c.rule_id for c in without.changes] == ["operation-deprecated"]
    assert verdict(with_ref.changes) == verdict(without.changes)
    assert len(with_ref.unresolved) == 2  # one in each document


@pytest.mark.parametrize("fmt", ["text", "markdown", "json", "html"])
def test_every_format_lists_the_unresolved_reference(tmp_path: Path, fmt: Any) -> None:
    old = load_document(write(tmp_path / "old.yaml", minimal_spec()))
    new = load_document(write(tmp_path / "new.yaml", edited(minimal_spec(), dangling_example)))

    out = render(compare_documents(old, new), fmt)

    if fmt == "json":
        assert json.loads(out)["unresolved"] == [
            {"document": str(tmp_path / "new.yaml"), "pointer": EXAMPLE_POINTER, "target": GONE}
        ]
        assert json.loads(out)["verdict"] == "safe"
    else:
        assert GONE in out and "new.yaml" in out
        assert "~1tasks~1{id}/put/responses/200" in out


def test_a_comparison_without_dangling_refs_lists_none(tmp_path: Path) -> None:
    out = render(compare_documents(parse_document(minimal_spec()), parse_document(minimal_spec())), "text")
    assert "UNRESOLVED" not in out


def test_a_dangling_ref_in_a_shared_example_is_listed_at_the_component(tmp_path: Path) -> None:
    spec = minimal_spec()
    spec["components"]["examples"] = {"Task": {"value": {"owner": {"$ref": "#/components/nowhere"}}}}
    response(spec)["content"]["application/json"]["examples"] = {"task": {"$ref": "#/components/examples/Task"}}

    document = load_document(write(tmp_path / "spec.yaml", spec))

    assert [(r.pointer, r.target) for r in document.unresolved] == [
        ("/components/examples/Task/value/owner", "#/components/nowhere")
    ]


def test_a_property_called_example_is_structure_and_its_dangling_ref_is_refused(tmp_path: Path) -> None:
    spec = minimal_spec()
    spec["components"]["schemas"]["TaskOut"]["properties"]["example"] = {"$ref": "#/components/schemas/Nowhere"}
    with pytest.raises(AuditInputError, match="cannot be resolved"):
        load_document(write(tmp_path / "spec.yaml", spec))


@pytest.mark.parametrize(("fail_on", "code"), [(None, 0), ("warning", 1)])
def test_the_command_exits_by_fail_on_not_2_for_a_dangling_example_ref(
    tmp_path: Path, fail_on: str | None, code: int, capsys: pytest.CaptureFixture[str]
) -> None:
    old = write(tmp_path / "old.yaml", edited(minimal_spec(), dangling_example))
    new = write(tmp_path / "new.yaml", edited(minimal_spec(), dangling_example, deprecate))

    assert main(["audit", "spec", old, new, *(["--fail-on", fail_on] if fail_on else [])]) == code

    captured = capsys.readouterr()
    assert captured.err == ""
    assert "UNRESOLVED REFERENCES" in captured.out and GONE in captured.out


@pytest.mark.parametrize("content", ["just: yaml\n", "- a list\n", '{"openapi": "3.0.1", "paths": 5}'])
def test_a_document_that_is_not_openapi_still_exits_2_with_one_line(
    tmp_path: Path, content: str, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "x.yaml").write_text(content)
    old = write(tmp_path / "old.yaml", minimal_spec())

    assert main(["audit", "spec", old, str(tmp_path / "x.yaml")]) == 2

    assert capsys.readouterr().err.count("\n") == 1


def git(cwd: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.com", *args], cwd=cwd, check=True, capture_output=True
    )


@pytest.fixture
def bare(tmp_path: Path) -> Path:
    """A bare clone of a repository whose spec refers to a file beside it; version 1 committed, then version 2."""
    work = tmp_path / "work"
    (work / "specs").mkdir(parents=True)
    git(work, "init", "-q")
    spec = minimal_spec()
    spec["components"]["schemas"]["TaskOut"] = {"$ref": "task.yaml#/TaskOut"}
    (work / "specs" / "api.yaml").write_text(yaml.safe_dump(spec))
    for version in ("1", "2"):
        (work / "specs" / "task.yaml").write_text(yaml.safe_dump({"TaskOut": {"type": "object", "title": version}}))
        git(work, "add", ".")
        git(work, "commit", "-q", "-m", f"v{version}")
    git(tmp_path, "clone", "-q", "--bare", str(work), "bare.git")
    return tmp_path / "bare.git"


def test_git_revisions_are_read_from_inside_a_bare_repository(bare: Path) -> None:
    old = load_document("git:HEAD~1:specs/api.yaml", cwd=bare)
    new = load_document("git:HEAD:specs/api.yaml", cwd=bare)
    assert old.root["components"]["schemas"]["TaskOut"]["title"] == "1"
    assert new.root["components"]["schemas"]["TaskOut"]["title"] == "2"


def test_git_revisions_are_read_from_a_bare_repository_named_by_git_dir(
    bare: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    monkeypatch.setenv("GIT_DIR", str(bare))

    assert main(["audit", "spec", "git:HEAD~1:specs/api.yaml", "git:HEAD:specs/api.yaml", "--format", "json"]) == 0

    changes = json.loads(capsys.readouterr().out)["changes"]
    assert [(c["rule_id"], c["old"], c["new"]) for c in changes] == [("description-changed", "1", "2")]


def test_two_whole_vendor_documents_are_compared_with_the_dangling_ref_reported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    old = write_vendor_document(tmp_path / "v2024.json", version=1)
    new = write_vendor_document(tmp_path / "v2025.json", version=2)
    assert old.stat().st_size > 2_000_000 and new.stat().st_size > 2_000_000

    assert main(["audit", "spec", str(old), str(new), "--format", "json", "--fail-on", "breaking"]) == 1

    data = json.loads(capsys.readouterr().out)
    rules = {c["rule_id"] for c in data["changes"]}
    assert {"operation-removed", "request-parameter-added-required", "operation-deprecated", "info-changed"} <= rules
    assert {(r["document"], r["target"]) for r in data["unresolved"]} == {
        (str(old), DANGLING_REF),
        (str(new), DANGLING_REF),
    }
    assert all(r["pointer"].startswith("/paths/" + DANGLING_OPERATION.replace("/", "~1")) for r in data["unresolved"])
