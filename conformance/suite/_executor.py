"""Running the steps of one API against one target: each step returns its outcome, everything goes into the tally."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any, Literal

from conformance._redact import Redactor
from conformance._results import ApiRun, Failure
from conformance.core._contracts import ApiContract
from conformance.core._spec import load_spec, spec_sha256
from conformance.suite._exchange import Caller, NotSent, Unanswered
from conformance.suite._fuzz import load_schema, run_engine
from conformance.suite._known import KnownEntry, KnownMatcher
from conformance.suite._levels import latency_verdict
from conformance.suite._plan import Step, plan
from conformance.suite._tally import Tally
from conformance.suite._target import SuiteSettings, Target
from conformance.suite._transport import Guard, GuardedTransport
from conformance.suite._vendor import contract_changes, from_vendor, untested
from conformance.suite._violations import Violation
from conformance.suite.checks import FUZZ_CHECKS, STATEFUL_CHECKS, PageSizes, Semantics

WRITES_SKIPPED = "write operation: runs only with --allow-writes (or against the embedded reference servers)"
DEADLINE_SKIPPED = "not run: the run's --max-duration was reached"


@dataclass(frozen=True)
class StepOutcome:
    """What one step came to: failed when it found any failure (duplicates and capped ones count), else passed.

    A step whose only findings are warnings passes and carries them; under --strict its pytest item fails. A step whose
    only failures are known passes too (its pytest item is an expected failure).
    """

    step: Step
    status: Literal["passed", "failed", "skipped"]
    reason: str = ""
    failures: tuple[Failure, ...] = ()
    warnings: tuple[Failure, ...] = ()
    known: tuple[Failure, ...] = ()  # failures the --known-findings file matched: they do not fail the step
    requests: int = 0  # answers the step's requests got
    waited: float = 0.0  # seconds the step waited for the rate limit


@dataclass
class Executor:
    """One API under test: its target, spec, contract, tally and the guarded road to its server."""

    target: Target
    settings: SuiteSettings
    redactor: Redactor
    known: tuple[KnownEntry, ...] = ()  # this API's entries of the --known-findings file
    spec: dict[str, Any] = field(init=False)
    tally: Tally = field(init=False)
    contract: ApiContract = field(init=False)
    guard: Guard = field(init=False)
    pages: PageSizes = field(init=False)
    unreachable: str | None = None
    untested: dict[str, str] = field(init=False)  # operations the contract has but must not test, and why

    def __post_init__(self) -> None:
        self.spec = load_spec(self.target.spec_path)
        # A vendor's description carries no semantics: they come from the hand-written contract.
        semantics = load_spec(self.target.api.spec_path) if from_vendor(self.spec) else self.spec
        self.contract = self.target.api.contract(semantics)
        self.tally = Tally(spec=self.spec, redactor=self.redactor, known=KnownMatcher(self.known))
        self.untested = untested(self.spec)
        self.guard = Guard(self.settings.limits(self.target))
        self.pages = PageSizes()
        # Generated cases stop on an operation that keeps answering slowly; the semantic checks' few requests do not.
        self.generated = GuardedTransport(self.guard, generated=True)
        self.targeted = GuardedTransport(self.guard, generated=False)

    def steps(self) -> tuple[Step, ...]:
        """Every step of this API's run."""
        return plan(self.target.api.name, self.spec, self.contract)

    def skip_reason(self, step: Step) -> str | None:
        """Why `step` must not run here, or None."""
        if step.writes and not self.settings.writes_allowed(self.target):
            return WRITES_SKIPPED
        if self.guard.limits.past_deadline():
            return DEADLINE_SKIPPED
        if self.unreachable:
            return f"not run: the server gave no answer earlier ({self.unreachable})"
        if step.kind != "stateful":
            return next((self.untested[op] for op in step.operations if op in self.untested), None)
        return None

    def run(self, step: Step) -> StepOutcome:
        """Run one step and return its outcome."""
        reason = self.skip_reason(step)
        if reason:
            self._skip(step, reason)
            return StepOutcome(step, "skipped", reason)
        seen = len(self.tally.observed)
        slow = dict(self.guard.slow)
        sent, waited = self.requests(), self.guard.pacer.waited
        self.tally.check = {"fuzz": "fuzz", "stateful": "links"}.get(step.kind, step.name)
        if step.kind == "property":
            self._prove(step)
        else:
            self._fuzz(step, stateful=step.kind == "stateful")
        self._record_latency(slow)
        found = self.tally.observed[seen:]
        failures = tuple(f for f in found if f.level == "failure" and f.known is None)
        warnings = tuple(f for f in found if f.level == "warning")
        known = tuple(f for f in found if f.known is not None)
        spent = {"requests": self.requests() - sent, "waited": self.guard.pacer.waited - waited}
        if failures:
            return StepOutcome(step, "failed", failures=failures, warnings=warnings, known=known, **spent)
        cells = [self.tally.cells.get((op, step.name)) for op in step.operations] if step.kind == "property" else []
        if cells and all(cell is not None and cell.status == "skipped" for cell in cells):
            return StepOutcome(step, "skipped", next(cell.reason for cell in cells if cell is not None), **spent)
        return StepOutcome(step, "passed", warnings=warnings, known=known, **spent)

    def requests(self) -> int:
        """Answers this API's requests got so far (safe to call from the progress thread)."""
        return sum(self.tally.requests_by_check.copy().values())

    def _skip(self, step: Step, reason: str) -> None:
        checks = (step.name,) if step.kind == "property" else FUZZ_CHECKS
        for operation in step.operations:
            for check in checks:
                self.tally.skipped(operation, check, reason)

    def _fuzz(self, step: Step, *, stateful: bool) -> None:
        schema = load_schema(self.target, self.settings, self.spec, self.generated, stateful=stateful)
        if stateful and not self.settings.writes_allowed(self.target):
            schema = schema.exclude(method=["POST", "PUT", "PATCH", "DELETE"])
        if not stateful:
            # Exclude every other operation: an include is OR-ed with the filters schemathesis derives from the
            # config's per-operation overrides, and would let every operation through.
            schema = schema.exclude(func=lambda context: context.operation.label != step.name)
        outcome = run_engine(schema, self.tally, self.target)
        self.unreachable = self.unreachable or outcome.unreachable
        checks = STATEFUL_CHECKS if stateful else FUZZ_CHECKS
        for operation in step.operations if not stateful else ():
            if operation not in outcome.operations:
                for check in checks:
                    self.tally.skipped(operation, check, "schemathesis generated no request for this operation")

    def _prove(self, step: Step) -> None:
        assert step.check is not None and step.check.prove is not None and step.subject is not None
        schema = load_schema(self.target, self.settings, self.spec, self.targeted, stateful=False)
        caller = Caller(schema=schema, target=self.target, settings=self.settings, tally=self.tally)
        semantics = Semantics(
            caller=caller, contract=self.contract, spec=self.spec, known_ids=self.target.known_ids, pages=self.pages
        )
        try:
            step.check.prove(semantics, step.subject)
        except Violation as found:  # a property's own reads (a full list, an existing id) broke the contract
            semantics.fail(found)
        except Unanswered as error:
            caller.record(error.failure, "request", None, error.code_sample)
            self.unreachable = error.failure.message
        except NotSent as withheld:
            self._skip(step, str(withheld))

    def _record_latency(self, before: dict[str, int]) -> None:
        """Record the latency finding of every operation that answered slowly during the step."""
        limits = self.guard.limits
        for operation, count in self.guard.slow.items():
            if count == before.get(operation, 0):
                continue
            stopped = f"; generated requests to this operation stopped after {limits.slow_answers_stop}"
            slowest = self.guard.slowest[operation]
            level, rests_on = latency_verdict(self.settings.max_response_time)
            finding = Failure(
                operation=operation,
                check="latency",
                title="Slow answers",
                message=f"{count} answer{'s' if count > 1 else ''} slower than {limits.max_response_time:g} s, "
                f"the slowest {slowest:.1f} s" + (stopped if count >= limits.slow_answers_stop else ""),
                severity="medium",
                expected=f"every answer within {limits.max_response_time:g} s (--max-response-time)",
                actual=f"slowest answer {slowest:.1f} s",
                curl="",
                rests_on=rests_on,
                level=level,
            )
            self.tally.latency(finding)

    def api_run(self) -> ApiRun:
        """The ApiRun recorded so far, with the requests the guard withheld and why."""
        api = self.target.api
        for operation, reason in self.guard.withheld.items():
            self.tally.skipped(operation, "request", reason)
        run = self.tally.api_run(
            api=api.name,
            title=api.title,
            base_url=self.target.shown_url,
            spec_file=self.target.spec_label,
            spec_sha256=spec_sha256(self.target.spec_path),
            waited_s=self.guard.pacer.waited,
        )
        if not from_vendor(self.spec):
            return run
        changes = contract_changes(load_spec(api.spec_path), api.spec_file, self.spec)
        return dataclasses.replace(run, contract_changes=changes)
