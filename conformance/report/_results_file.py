"""results.json: writing a run report as data and loading it back, validated against the shipped JSON Schema."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator
from jsonschema.exceptions import best_match

from conformance._results import SCHEMA_VERSION, RunReport, from_dict, to_dict

RESULTS_SCHEMA_PATH = Path(__file__).resolve().parent / "results.schema.json"
RESULTS_FILE = "results.json"
_MAX_DETAIL = 160


class ResultsError(ValueError):
    """Raised when a results file cannot be loaded; its message is one line naming the file and the problem."""


def results_json(report: RunReport) -> str:
    """The content of results.json for `report`."""
    return json.dumps(to_dict(report), indent=2, ensure_ascii=False) + "\n"


def load_results(path: Path) -> RunReport:
    """Load and validate a results.json file, or the one inside a report directory."""
    return from_dict(read_results(path))


def read_results(path: Path) -> dict[str, Any]:
    """The validated JSON data of a results.json file, or of the one inside a report directory."""
    file = path / RESULTS_FILE if path.is_dir() else path
    try:
        data = json.loads(file.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ResultsError(f"{file}: no such results file") from None
    except (OSError, UnicodeDecodeError) as error:
        raise ResultsError(f"{file}: cannot read: {_one_line(str(error))}") from None
    except json.JSONDecodeError as error:
        raise ResultsError(f"{file}: not valid JSON: {error.msg} at line {error.lineno} column {error.colno}") from None
    data = _upgraded(data)
    validate_results(data, source=str(file))
    return data


def _upgraded(data: Any) -> Any:
    """An older results document as the current version: 1.3 added what the --known-findings file matched (nothing,
    in 1.2), 1.4 the contract changes of a run against a vendor's description (optional)."""
    if isinstance(data, dict) and data.get("schema_version") == "1.3":
        return {**data, "schema_version": SCHEMA_VERSION}
    if not isinstance(data, dict) or data.get("schema_version") != "1.2":
        return data
    try:
        for api in data["apis"]:
            api.setdefault("known", [])
            for cell in api["results"]:
                for failure in cell["failures"]:
                    failure.setdefault("known", None)
    except (KeyError, TypeError, AttributeError):
        pass  # malformed: the validation says where
    return {**data, "schema_version": SCHEMA_VERSION}


def validate_results(data: Any, source: str = RESULTS_FILE) -> None:
    """Raise ResultsError unless `data` is a results document of the supported schema version."""
    if not isinstance(data, dict):
        raise ResultsError(f"{source}: not a results document (expected a JSON object)")
    version = data.get("schema_version")
    if version != SCHEMA_VERSION:
        raise ResultsError(f"{source}: schema_version {version!r} is not supported (expected {SCHEMA_VERSION!r})")
    error = best_match(Draft202012Validator(_schema()).iter_errors(data))
    if error is not None:
        where = "/" + "/".join(str(p) for p in error.absolute_path)
        raise ResultsError(f"{source}: invalid at {where}: {_one_line(error.message)}")


def _schema() -> dict[str, Any]:
    return json.loads(RESULTS_SCHEMA_PATH.read_text(encoding="utf-8"))


def _one_line(text: str) -> str:
    """`text` on one line, cut to a readable length."""
    flat = " ".join(text.split())
    return flat if len(flat) <= _MAX_DETAIL else flat[: _MAX_DETAIL - 3] + "..."
