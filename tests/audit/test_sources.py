"""Reading what the audit compares: files, git revisions, $refs (external and circular), runs, and bad input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conformance._results import SCHEMA_VERSION, to_dict
from conformance.audit import AuditInputError, load_document, load_run, parse_document
from tests.audit.specimens import minimal_run, minimal_spec


def git(repo: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.com", *args], cwd=repo, check=True, capture_output=True
    )


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A repository whose committed spec (version 1) differs from the working copy (version 2)."""
    git(tmp_path, "init", "-q")
    (tmp_path / "specs").mkdir()
    spec = minimal_spec()
    (tmp_path / "specs" / "api.yaml").write_text(yaml.safe_dump(spec))
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-q", "-m", "v1")
    spec["info"]["version"] = "2"
    (tmp_path / "specs" / "api.yaml").write_text(yaml.safe_dump(spec))
    return tmp_path


def test_yaml_and_json_files_give_the_same_document(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text(yaml.safe_dump(minimal_spec()))
    (tmp_path / "a.json").write_text(json.dumps(minimal_spec()))
    assert load_document(str(tmp_path / "a.yaml")).root == load_document(str(tmp_path / "a.json")).root


def test_refs_are_replaced_by_their_targets() -> None:
    root = parse_document(minimal_spec()).root
    body = root["paths"]["/tasks/{id}"]["put"]["requestBody"]["content"]["application/json"]["schema"]
    assert body is root["components"]["schemas"]["TaskIn"]
    assert "$ref" not in json.dumps(root)


def test_a_missing_referenced_file_is_named(tmp_path: Path) -> None:
    spec = minimal_spec()
    spec["components"]["schemas"]["TaskOut"] = {"$ref": "schemas/gone.yaml#/TaskOut"}
    (tmp_path / "api.yaml").write_text(yaml.safe_dump(spec))
    with pytest.raises(AuditInputError, match=r"cannot read .*schemas/gone\.yaml \(for spec .*api\.yaml\)"):
        load_document(str(tmp_path / "api.yaml"))


def test_a_relative_ref_is_read_from_the_file_beside_the_document(tmp_path: Path) -> None:
    spec = minimal_spec()
    spec["components"]["schemas"]["TaskOut"] = {"$ref": "schemas/task.json#/TaskOut"}
    (tmp_path / "schemas").mkdir()
    (tmp_path / "schemas" / "task.json").write_text(json.dumps({"TaskOut": {"type": "object", "title": "beside"}}))
    (tmp_path / "api.yaml").write_text(yaml.safe_dump(spec))

    root = load_document(str(tmp_path / "api.yaml")).root

    assert root["components"]["schemas"]["TaskOut"] == {"type": "object", "title": "beside"}


def test_a_git_revision_is_read_from_the_repository(repo: Path) -> None:
    assert load_document("git:HEAD:specs/api.yaml", cwd=repo).root["info"]["version"] == "1"
    assert load_document("specs/api.yaml", cwd=repo).root["info"]["version"] == "2"


def test_a_relative_ref_in_a_git_revision_is_read_at_that_revision(repo: Path) -> None:
    spec = minimal_spec()
    spec["components"]["schemas"]["TaskOut"] = {"$ref": "task.yaml#/TaskOut"}
    (repo / "specs" / "api.yaml").write_text(yaml.safe_dump(spec))
    (repo / "specs" / "task.yaml").write_text(yaml.safe_dump({"TaskOut": {"type": "object", "title": "v1"}}))
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "split")
    (repo / "specs" / "task.yaml").write_text(yaml.safe_dump({"TaskOut": {"type": "object", "title": "v2"}}))

    committed = load_document("git:HEAD:specs/api.yaml", cwd=repo).root
    working = load_document("specs/api.yaml", cwd=repo).root

    assert committed["components"]["schemas"]["TaskOut"]["title"] == "v1"
    assert working["components"]["schemas"]["TaskOut"]["title"] == "v2"


def test_a_circular_ref_becomes_a_cycle_of_objects() -> None:
    spec = minimal_spec()
    task = spec["components"]["schemas"]["TaskOut"]
    task["properties"]["subtasks"] = {"type": "array", "items": {"$ref": "#/components/schemas/TaskOut"}}
    root = parse_document(spec).root
    resolved = root["components"]["schemas"]["TaskOut"]
    assert resolved["properties"]["subtasks"]["items"] is resolved


@pytest.mark.parametrize(
    ("source", "says"),
    [
        ("git:no-such-rev:specs/api.yaml", r"invalid object name 'no-such-rev'.*check that revision"),
        ("git:HEAD:specs/missing.yaml", r"does not exist in 'HEAD'.*committed"),
        ("git:HEAD", r"not of the form git:REV:PATH"),
        ("specs/missing.yaml", r"cannot read .*missing\.yaml.*check the path"),
    ],
)
def test_an_unreadable_source_is_refused_with_what_to_do(repo: Path, source: str, says: str) -> None:
    with pytest.raises(AuditInputError, match=says):
        load_document(source, cwd=repo)


def write(tmp_path: Path, document: object) -> str:
    path = tmp_path / "spec.yaml"
    path.write_text(document if isinstance(document, str) else yaml.safe_dump(document))
    return str(path)


def test_a_document_that_does_not_parse_is_refused(tmp_path: Path) -> None:
    with pytest.raises(AuditInputError, match=r"does not parse: line \d+.*fix the document"):
        load_document(write(tmp_path, "openapi: 3.1.0\ninfo: [\n"))


def test_an_invalid_openapi_document_is_refused_naming_where(tmp_path: Path) -> None:
    spec = minimal_spec()
    del spec["info"]["title"]
    with pytest.raises(
        AuditInputError, match=r"not valid OpenAPI 3\.1\.0: .title. is a required property \(at /info\)"
    ):
        load_document(write(tmp_path, spec))


def test_an_unresolvable_ref_is_refused(tmp_path: Path) -> None:
    spec = minimal_spec()
    spec["components"]["schemas"]["TaskOut"] = {"$ref": "#/components/schemas/Nowhere"}
    with pytest.raises(AuditInputError, match=r"\$ref '#/components/schemas/Nowhere' cannot be resolved"):
        load_document(write(tmp_path, spec))


def test_swagger_2_is_refused(tmp_path: Path) -> None:
    swagger = {"swagger": "2.0", "info": {"title": "x", "version": "1"}, "paths": {}}
    with pytest.raises(AuditInputError, match=r"OpenAPI 2\.0; the audit compares OpenAPI 3\.0 and 3\.1"):
        load_document(write(tmp_path, swagger))


def test_a_document_given_as_data_cannot_follow_external_refs() -> None:
    spec = minimal_spec()
    spec["components"]["schemas"]["TaskOut"] = {"$ref": "task.yaml#/TaskOut"}
    with pytest.raises(AuditInputError, match="cannot refer to another file"):
        parse_document(spec)


def test_a_run_is_read_from_its_report_directory_or_its_file(tmp_path: Path) -> None:
    run = minimal_run()
    (tmp_path / "results.json").write_text(json.dumps(to_dict(run)))
    assert load_run(tmp_path) == run
    assert load_run(tmp_path / "results.json") == run


@pytest.mark.parametrize(
    ("content", "says"),
    [
        (None, r"results\.json: no such results file; pass a report directory"),
        ("{not json", r"results\.json: not valid JSON: .* line 1"),
        (
            json.dumps({"schema_version": SCHEMA_VERSION, "apis": []}),
            r"results\.json: invalid at /: .*required property",
        ),
        ('{"schema_version": "0.1"}', r"schema_version '0\.1' is not supported"),
    ],
)
def test_bad_run_results_are_refused_with_what_to_do(tmp_path: Path, content: str | None, says: str) -> None:
    if content is not None:
        (tmp_path / "results.json").write_text(content)
    with pytest.raises(AuditInputError, match=says):
        load_run(tmp_path)


def test_a_slip_deep_inside_an_operation_is_listed_and_the_document_read_as_it_stands(tmp_path: Path) -> None:
    spec = minimal_spec()
    # As a vendor's whole-API file has it: a description where only a media type may stand.
    body = spec["paths"]["/tasks/{id}"]["put"]["requestBody"]
    body["content"]["application/json"]["description"] = "misplaced"
    document = load_document(write(tmp_path, spec))
    (problem,) = document.problems
    assert problem.pointer.startswith("/paths/~1tasks~1{id}/put/requestBody")
    assert "misplaced" not in problem.message  # the element is named by its pointer, not dumped
    assert document.root["paths"]["/tasks/{id}"]["put"]["operationId"] == "putTask"


def test_the_audit_of_a_document_with_a_deep_slip_lists_it_and_still_judges(tmp_path: Path) -> None:
    old = write(tmp_path, minimal_spec())
    spec = minimal_spec()
    spec["paths"]["/tasks/{id}"]["put"]["requestBody"]["content"]["application/json"]["description"] = "misplaced"
    (tmp_path / "new").mkdir()
    new = write(tmp_path / "new", spec)
    result = subprocess.run(
        [sys.executable, "-m", "conformance.cli", "audit", "spec", old, new, "--format", "markdown"],
        capture_output=True, text=True, check=False, timeout=60,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "## Where a document is not valid OpenAPI (1), compared as it stands" in result.stdout
