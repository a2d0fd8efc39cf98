"""A run's findings as a CI host lists them: one per failure or warning, located in the spec, with a stable id."""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field

from conformance._results import ApiRun, Failure, Level, RunReport, Severity, Statement


@dataclass(frozen=True)
class SpecLines:
    """An API's spec file as the repository names it, and the line of each operation and path in it."""

    path: str
    lines: dict[str, int] = field(default_factory=dict)

    def line_of(self, operation: str) -> int | None:
        """The line of `operation` ("GET /tasks"), else of its path, else None."""
        return self.lines.get(operation) or self.lines.get(operation.partition(" ")[2])


@dataclass(frozen=True)
class Finding:
    """One failure or warning (or an API that could not be tested, with no operation), where it is and its id."""

    api: str
    operation: str
    check: str
    level: Level
    severity: Severity
    title: str
    message: str  # the first line of the finding's message
    rests_on: tuple[Statement, ...]
    spec: str
    line: int | None
    fingerprint: str


def findings(report: RunReport, specs: Mapping[str, SpecLines]) -> list[Finding]:
    """Every finding of `report` in its order, located with `specs` (by spec_file as the run recorded it).

    A fingerprint hashes what the same finding keeps from run to run (API, operation, check, title, schema and
    instance paths, status code), never timings or generated values; findings alike in all of those are numbered.
    """
    found: list[Finding] = []
    seen: Counter[str] = Counter()
    for api in report.apis:
        spec = specs.get(api.spec_file, SpecLines(api.spec_file))
        for failure in _failures(api):
            stable = (api.api, failure.operation, failure.check, failure.title, failure.schema_path,
                      failure.instance_path, failure.status_code)  # fmt: skip
            key = "\0".join("" if part is None else str(part) for part in stable)
            seen[key] += 1
            fingerprint = hashlib.sha256(f"{key}\0{seen[key]}".encode()).hexdigest()
            found.append(
                Finding(
                    api=api.api,
                    operation=failure.operation,
                    check=failure.check,
                    level=failure.level,
                    severity=failure.severity,
                    title=failure.title,
                    message=(failure.message.splitlines() or [""])[0],
                    rests_on=failure.rests_on,
                    spec=spec.path,
                    line=spec.line_of(failure.operation) if failure.operation else None,
                    fingerprint=fingerprint,
                )
            )
    return found


def _failures(api: ApiRun) -> list[Failure]:
    """The findings of the failed and warned cells; an API that could not be tested is one failure without a cell."""
    listed = [f for cell in api.results if cell.status in ("failed", "warning") for f in cell.failures]
    if api.error:
        untested = Failure("", "could_not_test", "could not test", api.error, "critical", "", "", "")
        listed.insert(0, untested)
    return listed
