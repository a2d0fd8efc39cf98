"""Accumulating what one API's checks found during a run, to turn it into an ApiRun at the end."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from conformance._redact import Redactor
from conformance._results import (
    MAX_FAILURES_PER_CELL,
    STATUS_RANK,
    ApiRun,
    CheckResult,
    Failure,
    Observation,
    OperationStats,
    Status,
)
from conformance.suite._drift import DriftWalker, response_schema
from conformance.suite._known import KnownMatcher


@dataclass
class _Cell:
    status: Status
    reason: str = ""
    failures: list[Failure] = field(default_factory=list)


@dataclass
class Tally:
    """What the checks found for one API: matrix cells, per-operation stats, drift sightings."""

    spec: dict[str, Any]
    redactor: Redactor
    known: KnownMatcher = field(default_factory=KnownMatcher)
    cells: dict[tuple[str, str], _Cell] = field(default_factory=dict)
    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    statuses: dict[str, dict[str, int]] = field(default_factory=lambda: defaultdict(lambda: defaultdict(int)))
    drift: dict[tuple[str, str, str], set[str]] = field(default_factory=lambda: defaultdict(set))
    # Every failure as it was found, duplicates and those past the cell's cap included: a step's verdict reads these.
    observed: list[Failure] = field(default_factory=list)
    # The check whose requests are being counted ("fuzz" and "links" for the engine's steps), and the counts.
    check: str = ""
    requests_by_check: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    walker: DriftWalker = field(init=False)

    def __post_init__(self) -> None:
        self.walker = DriftWalker(self.spec)

    def _record(self, operation: str, check: str, status: Status, reason: str = "") -> _Cell:
        cell = self.cells.get((operation, check))
        if cell is None:
            cell = self.cells[(operation, check)] = _Cell(status, reason)
        elif STATUS_RANK[status] > STATUS_RANK[cell.status]:
            cell.status, cell.reason = status, reason or cell.reason
        return cell

    def passed(self, operation: str, check: str) -> None:
        """Record that `check` held on `operation`."""
        self._record(operation, check, "passed")

    def skipped(self, operation: str, check: str, reason: str) -> None:
        """Record that `check` did not run on `operation`, and why."""
        self._record(operation, check, "skipped", reason)

    def failed(self, failure: Failure) -> None:
        """Record a finding (redacted) of its check on its operation: a failed cell, a known one, or a warning."""
        failure = self.known.mark(self.redactor.value(failure))
        cell = self._record(failure.operation, failure.check, _status(failure))
        self.observed.append(failure)
        # Told apart by level too, and a cell of warnings or known failures makes room for its first new failure:
        # what a failed cell shows must be what failed it.
        key = (failure.title, failure.message, failure.level, failure.known)
        if key in {(f.title, f.message, f.level, f.known) for f in cell.failures}:
            return
        if len(cell.failures) < MAX_FAILURES_PER_CELL:
            cell.failures.append(failure)
        elif _status(failure) == "failed" and all(_status(f) != "failed" for f in cell.failures):
            cell.failures[-1] = failure

    def latency(self, failure: Failure) -> None:
        """Record (or replace) an operation's latency finding, at the level it was given."""
        failure = self.known.mark(self.redactor.value(failure))
        self.observed.append(failure)
        self.cells[(failure.operation, failure.check)] = _Cell(_status(failure), failures=[failure])

    def response(self, operation: str, status_code: int, elapsed_ms: float, body: Any) -> None:
        """Record one response: its latency, its status code and the drift in its JSON body."""
        self.latencies[operation].append(round(elapsed_ms, 3))
        self.requests_by_check[self.check] += 1
        self.statuses[operation][str(status_code)] += 1
        method, path = operation.split(" ", 1)
        if body is None or path not in self.spec.get("paths", {}):
            return
        schema = response_schema(self.spec, path, method, status_code)
        for sighting in self.walker.sightings(schema, body):
            values = self.drift[(operation, sighting.kind, sighting.location)]
            if sighting.value is not None:
                values.add(self.redactor.text(sighting.value))

    def api_run(
        self, *, api: str, title: str, base_url: str, spec_file: str, spec_sha256: str, waited_s: float = 0.0
    ) -> ApiRun:
        """The ApiRun these records make, sorted canonically."""
        results = tuple(
            CheckResult(
                operation=op, check=check, status=cell.status, reason=cell.reason, failures=tuple(cell.failures)
            )
            for (op, check), cell in sorted(self.cells.items())
        )
        operations = tuple(
            OperationStats(
                operation=op,
                requests=sum(self.statuses[op].values()),
                latencies_ms=tuple(self.latencies[op]),
                status_codes=dict(sorted(self.statuses[op].items())),
            )
            for op in sorted(self.statuses)
        )
        observations = tuple(
            Observation(operation=op, kind=kind, location=location, values=tuple(sorted(values)))  # type: ignore[arg-type]
            for (op, kind, location), values in sorted(self.drift.items())
        )
        return ApiRun(
            api=api,
            title=title,
            base_url=base_url,
            spec_file=spec_file,
            spec_sha256=spec_sha256,
            results=results,
            operations=operations,
            observations=observations,
            requests_by_check=dict(sorted(self.requests_by_check.items())),
            waited_s=round(waited_s, 3),
            known=self.known.results(results),
        )


def _status(failure: Failure) -> Status:
    """The cell status a finding makes: failed, known (a failure the known-findings file matched) or warning."""
    if failure.level != "failure":
        return "warning"
    return "known" if failure.known is not None else "failed"
