"""Reading spec files: a document that does not parse gives one clear line naming where."""

from __future__ import annotations

from pathlib import Path

import pytest

from conformance.core._spec import SpecError, load_spec, spec_sha256


def test_yaml_that_does_not_parse_names_the_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("openapi: 3.1.0\ninfo:\n  title: x: y\n")
    with pytest.raises(SpecError, match=r"bad.yaml does not parse: line 3, column 11"):
        load_spec(bad)


def test_a_document_without_openapi_field_is_refused(tmp_path: Path) -> None:
    other = tmp_path / "other.json"
    other.write_text('{"hello": "world"}')
    with pytest.raises(SpecError, match="is not an OpenAPI document"):
        load_spec(other)


def test_a_missing_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(SpecError, match=r"cannot read spec .*missing\.yaml"):
        load_spec(tmp_path / "missing.yaml")


def test_hash_changes_with_content(tmp_path: Path) -> None:
    spec = tmp_path / "s.yaml"
    spec.write_text("openapi: 3.1.0\n")
    first = spec_sha256(spec)
    spec.write_text("openapi: 3.1.1\n")
    assert first != spec_sha256(spec)
    assert len(first) == 64
