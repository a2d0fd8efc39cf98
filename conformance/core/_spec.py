"""Reading OpenAPI documents: parse YAML or JSON, hash them, and say clearly when they do not parse."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import yaml


class SpecError(ValueError):
    """An OpenAPI document that cannot be read or parsed; the message says which and why."""


def load_spec(path: Path | str) -> dict[str, Any]:
    """Parse the OpenAPI document at `path` (YAML or JSON) into a dict."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise SpecError(f"cannot read spec {path}: {exc.strerror or exc}") from None
    return parse_spec_text(text, source=str(path))


def parse_spec_text(text: str, *, source: str) -> dict[str, Any]:
    """Parse OpenAPI text (YAML or JSON) read from `source` into a dict."""
    try:
        data = json.loads(text) if text.lstrip().startswith("{") else load_yaml(text)
    except json.JSONDecodeError as exc:
        raise SpecError(f"spec {source} does not parse: line {exc.lineno}, column {exc.colno}: {exc.msg}") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}: " if mark else ""
        problem = getattr(exc, "problem", None) or type(exc).__name__
        raise SpecError(f"spec {source} does not parse: {where}{problem}") from None
    if not isinstance(data, dict) or not ("openapi" in data or "swagger" in data):
        raise SpecError(f"spec {source} is not an OpenAPI document (no 'openapi' field at the top)")
    return data


def load_yaml(text: str) -> Any:
    """YAML text as data, with libyaml's safe loader where it is built in (a vendor's 3 MB file in a second)."""
    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def spec_sha256(path: Path | str) -> str:
    """Hex SHA-256 of the spec file's bytes, to pin a report to the exact contract used."""
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def specs_dir() -> Path:
    """The folder holding the specs: packaged inside the wheel, or `specs/` beside the package."""
    package = Path(__file__).resolve().parent.parent
    packaged = package / "specs"
    return packaged if packaged.is_dir() else package.parent / "specs"
