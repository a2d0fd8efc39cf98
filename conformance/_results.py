"""The results of a conformance run as plain data: failures, matrix cells, observations, stats.

Data flows one way: the suite produces these values, the report, JUnit and audit read them.
`to_dict`/`from_dict` give the `results.json` form (its JSON Schema ships in the report package).
"""

from __future__ import annotations

import dataclasses
import statistics
from dataclasses import dataclass, field
from typing import Any, Literal

from conformance._comparison import (
    RunComparison,
    SpecComparison,
    comparison_to_dict,
    run_comparison_from_dict,
    spec_comparison_from_dict,
)
from conformance.core._statements import Level, Statement

SCHEMA_VERSION = "1.4"

Status = Literal["passed", "failed", "known", "warning", "skipped"]
Severity = Literal["critical", "high", "medium", "low"]
ObservationKind = Literal["undocumented_field", "open_value"]
# What an entry of the --known-findings file came to in a run: it matched a failure; it is past its expiry (and
# matched nothing); it matched nothing though its operation was tested (stale); its operation was not tested.
KnownStatus = Literal["matched", "expired", "stale", "untested"]

# A cell keeps at most this many distinct failures: enough to see the pattern, few enough to read.
MAX_FAILURES_PER_CELL = 5

# Which status wins when two results for the same cell are combined (higher wins).
STATUS_RANK: dict[str, int] = {"skipped": 0, "passed": 1, "warning": 2, "known": 3, "failed": 4}
# Which status of a known-findings entry wins when the runs of shards or workers are merged (higher wins).
KNOWN_RANK: dict[str, int] = {"untested": 0, "stale": 1, "expired": 2, "matched": 3}


@dataclass(frozen=True)
class Failure:
    """One way a response broke the contract, with what was expected, what came back and how to reproduce it.

    `level` is "warning" when the finding contradicts only a decision of ours (`rests_on` names it), else "failure".
    `known` is the number of the --known-findings entry (from 1) that matched a failure: it does not fail the run.
    """

    operation: str
    check: str
    title: str
    message: str
    severity: Severity
    expected: str
    actual: str
    curl: str
    schema_path: str | None = None
    instance_path: str | None = None
    status_code: int | None = None
    response_excerpt: str | None = None
    rests_on: tuple[Statement, ...] = ()
    level: Level = "failure"
    known: int | None = None


@dataclass(frozen=True)
class KnownFinding:
    """An entry of the --known-findings file for one API, and what it came to in this run."""

    entry: int  # its position in the file, from 1
    operation: str
    check: str
    reason: str
    contains: str | None = None
    expires: str | None = None  # YYYY-MM-DD, the last day it matches
    status: KnownStatus = "untested"
    matches: int = 0  # how many failures it matched, duplicates included


@dataclass(frozen=True)
class CheckResult:
    """One cell of the operations x checks matrix."""

    operation: str
    check: str
    status: Status
    reason: str = ""
    failures: tuple[Failure, ...] = ()


@dataclass(frozen=True)
class Observation:
    """Drift that is not a failure: an undocumented response field, or the values seen in an open field."""

    operation: str
    kind: ObservationKind
    location: str
    values: tuple[str, ...] = ()


@dataclass(frozen=True)
class OperationStats:
    """What one operation was sent and answered: request count, latencies, status codes."""

    operation: str
    requests: int
    latencies_ms: tuple[float, ...] = ()
    status_codes: dict[str, int] = field(default_factory=dict)

    @property
    def median_ms(self) -> float | None:
        """Median latency in milliseconds, or None without samples."""
        return statistics.median(self.latencies_ms) if self.latencies_ms else None

    @property
    def p95_ms(self) -> float | None:
        """95th percentile latency in milliseconds, or None without samples."""
        if not self.latencies_ms:
            return None
        ordered = sorted(self.latencies_ms)
        return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


@dataclass(frozen=True)
class ApiRun:
    """Everything one run found out about one API at one base URL."""

    api: str
    title: str
    base_url: str
    spec_file: str
    spec_sha256: str
    results: tuple[CheckResult, ...] = ()
    operations: tuple[OperationStats, ...] = ()
    observations: tuple[Observation, ...] = ()
    error: str | None = None
    # How many requests each check sent ("fuzz" and "links" for the schemathesis engine's steps).
    requests_by_check: dict[str, int] = field(default_factory=dict)
    waited_s: float = 0.0  # seconds spent waiting for the rate limit and for Retry-After
    known: tuple[KnownFinding, ...] = ()  # the entries of the --known-findings file for this API
    # With --spec naming a vendor's description: what it changes of the hand-written contract (the spec audit), so
    # one page shows what the vendor changed since the documents and which of the two the server follows.
    contract_changes: SpecComparison | None = None

    @property
    def failed(self) -> tuple[CheckResult, ...]:
        """The failed cells."""
        return tuple(r for r in self.results if r.status == "failed")

    @property
    def warned(self) -> tuple[CheckResult, ...]:
        """The cells whose only findings are warnings."""
        return tuple(r for r in self.results if r.status == "warning")

    @property
    def known_failed(self) -> tuple[CheckResult, ...]:
        """The cells whose failures are all known (they do not fail the run)."""
        return tuple(r for r in self.results if r.status == "known")

    @property
    def score(self) -> float:
        """Conformance score in percent: passed and warning cells over all cells that ran (known failures count)."""
        ran = [r for r in self.results if r.status != "skipped"]
        if not ran or self.error:
            return 0.0
        return round(100.0 * sum(r.status not in ("failed", "known") for r in ran) / len(ran), 1)

    @property
    def conformant(self) -> bool:
        """True when nothing failed but known failures and the API could be tested at all."""
        return self.error is None and not self.failed and any(r.status != "skipped" for r in self.results)


@dataclass(frozen=True)
class RunReport:
    """A whole run: its settings and one ApiRun per API tested."""

    tool_version: str
    started_at: str
    duration_s: float
    seed: int | None
    max_examples: int
    workers: int
    allow_writes: bool
    apis: tuple[ApiRun, ...] = ()
    comparison: RunComparison | None = None  # with the baseline run, when one was given
    stopped: str | None = None  # why the run ended before its plan did (--max-duration, Ctrl-C): a partial report
    schema_version: str = SCHEMA_VERSION

    @property
    def conformant(self) -> bool:
        """True when every API tested conforms."""
        return bool(self.apis) and all(api.conformant for api in self.apis)

    @property
    def warned(self) -> bool:
        """True when some finding of the run is a warning (a failure under --strict)."""
        return any(api.warned for api in self.apis)


def to_dict(report: RunReport) -> dict[str, Any]:
    """The JSON-ready form of a run report (the content of results.json)."""
    data = dataclasses.asdict(report)
    for api_data, api in zip(data["apis"], report.apis, strict=True):
        api_data["score"] = api.score
        api_data["conformant"] = api.conformant
        for stats_data, stats in zip(api_data["operations"], api.operations, strict=True):
            stats_data["median_ms"] = stats.median_ms
            stats_data["p95_ms"] = stats.p95_ms
        if api.contract_changes is None:
            api_data.pop("contract_changes")
        else:
            api_data["contract_changes"] = comparison_to_dict(api.contract_changes)
    data["comparison"] = comparison_to_dict(report.comparison) if report.comparison else None
    data["conformant"] = report.conformant
    return data


def _failure(data: dict[str, Any]) -> Failure:
    statements = tuple(Statement(**s) for s in data.get("rests_on", ()))
    return Failure(**{**data, "rests_on": statements})


def from_dict(data: dict[str, Any]) -> RunReport:
    """Rebuild a run report from its JSON form; derived fields (score, conformant) are recomputed."""
    apis = tuple(
        ApiRun(
            api=a["api"],
            title=a["title"],
            base_url=a["base_url"],
            spec_file=a["spec_file"],
            spec_sha256=a["spec_sha256"],
            results=tuple(
                CheckResult(
                    operation=r["operation"],
                    check=r["check"],
                    status=r["status"],
                    reason=r.get("reason", ""),
                    failures=tuple(_failure(f) for f in r.get("failures", ())),
                )
                for r in a.get("results", ())
            ),
            operations=tuple(
                OperationStats(
                    operation=o["operation"],
                    requests=o["requests"],
                    latencies_ms=tuple(o.get("latencies_ms", ())),
                    status_codes=dict(o.get("status_codes", {})),
                )
                for o in a.get("operations", ())
            ),
            observations=tuple(
                Observation(
                    operation=o["operation"], kind=o["kind"], location=o["location"], values=tuple(o.get("values", ()))
                )
                for o in a.get("observations", ())
            ),
            error=a.get("error"),
            requests_by_check=dict(a.get("requests_by_check", {})),
            waited_s=a.get("waited_s", 0.0),
            known=tuple(KnownFinding(**k) for k in a.get("known", ())),
            contract_changes=spec_comparison_from_dict(a["contract_changes"]) if a.get("contract_changes") else None,
        )
        for a in data.get("apis", ())
    )
    return RunReport(
        tool_version=data["tool_version"],
        started_at=data["started_at"],
        duration_s=data["duration_s"],
        seed=data.get("seed"),
        max_examples=data["max_examples"],
        workers=data["workers"],
        allow_writes=data["allow_writes"],
        apis=apis,
        comparison=run_comparison_from_dict(data["comparison"]) if data.get("comparison") else None,
        stopped=data.get("stopped"),
        schema_version=data.get("schema_version", SCHEMA_VERSION),
    )
