"""Running the steps of one API against one target, recording everything into that API's tally."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from conformance._redact import Redactor
from conformance._results import ApiRun, CheckResult, Failure
from conformance._spec import load_spec, spec_sha256
from conformance.suite._contracts import ApiContract, contract_for
from conformance.suite._drift import resolve
from conformance.suite._exchange import Caller, NotSent, Unanswered
from conformance.suite._fuzz import CHECKS, STATEFUL_CHECKS, load_schema, run_engine
from conformance.suite._plan import Step, plan
from conformance.suite._properties import Semantics
from conformance.suite._tally import Tally
from conformance.suite._target import SuiteSettings, Target
from conformance.suite._transport import Guard, GuardedTransport

WRITES_SKIPPED = "write operation: runs only with --allow-writes (or against the embedded reference servers)"
DEADLINE_SKIPPED = "not run: the run's --max-duration was reached"


@dataclass
class ApiRunner:
    """One API under test: its target, spec, contract, tally and schemathesis schemas."""

    target: Target
    settings: SuiteSettings
    redactor: Redactor
    spec: dict[str, Any] = field(init=False)
    contract: ApiContract = field(init=False)
    tally: Tally = field(init=False)
    guard: Guard = field(init=False)
    unreachable: str | None = None

    def __post_init__(self) -> None:
        self.spec = load_spec(self.target.api.spec_path)
        self.contract = contract_for(self.target.api.name, self.spec)
        self.tally = Tally(spec=self.spec, redactor=self.redactor)
        self.guard = Guard(self.settings.limits(self.target))
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
        if step.name == "get_matches_list" and not self.contract.lists and not self.target.known_ids:
            return "no list operation and no known task ids: pass --task-id"
        return None

    def run(self, step: Step) -> list[CheckResult]:
        """Run one step; return the failed cells it produced (empty when it passed or was skipped)."""
        reason = self.skip_reason(step)
        if reason:
            self._skip(step, reason)
            return []
        before = {key: len(cell.failures) for key, cell in self.tally.cells.items()}
        if step.kind == "fuzz":
            self._fuzz(step, stateful=False)
        elif step.kind == "stateful":
            self._fuzz(step, stateful=True)
        else:
            try:
                self._prove(step)
            except Unanswered as error:
                self.tally.failed(error.failure)
                self.unreachable = error.failure.message
            except NotSent as withheld:
                self._skip(step, str(withheld))
        run = self.api_run()
        return [
            result
            for result in run.results
            if result.status == "failed"
            and result.failures
            and len(result.failures) > before.get((result.operation, result.check), 0)
        ]

    def _skip(self, step: Step, reason: str) -> None:
        checks = (step.name,) if step.kind == "property" else CHECKS
        for operation in step.operations:
            for check in checks:
                self.tally.skipped(operation, check, reason)

    def _fuzz(self, step: Step, *, stateful: bool) -> None:
        schema = load_schema(self.target, self.settings, self.spec, self.generated, stateful=stateful)
        if stateful and not self.settings.writes_allowed(self.target):
            schema = schema.exclude(method=["POST", "PUT", "PATCH", "DELETE"])
        if not stateful:
            method, path = step.name.split(" ", 1)
            schema = schema.include(method=method, path=path)
        outcome = run_engine(schema, self.tally, self.target)
        self.unreachable = self.unreachable or outcome.unreachable
        checks = STATEFUL_CHECKS if stateful else CHECKS
        for operation in step.operations if not stateful else ():
            if operation not in outcome.operations:
                for check in checks:
                    self.tally.skipped(operation, check, "schemathesis generated no request for this operation")

    def _prove(self, step: Step) -> None:
        schema = load_schema(self.target, self.settings, self.spec, self.targeted, stateful=False)
        caller = Caller(schema=schema, target=self.target, settings=self.settings, tally=self.tally)
        semantics = Semantics(caller=caller, contract=self.contract, known_ids=self.target.known_ids)
        lists = {lst.operation: lst for lst in self.contract.lists}
        if step.target_list:
            getattr(semantics, step.name)(lists[step.target_list])
        elif step.name == "auth_required":
            existing = _existing_id(semantics)
            semantics.auth_required(step.operations, lambda op: _inputs(self.spec, op, existing, semantics))
        else:
            getattr(semantics, step.name)()

    def api_run(self) -> ApiRun:
        """The ApiRun recorded so far, with what the guard saw: slow operations and requests withheld."""
        api = self.target.api
        for operation, reason in self.guard.withheld.items():
            self.tally.skipped(operation, "request", reason)
        bound = self.settings.max_response_time
        for operation, count in self.guard.slow.items():
            self.tally.latency(latency_finding(operation, count, self.guard), user_bound=bound)
        return self.tally.api_run(
            api=api.name,
            title=api.title,
            base_url=self.target.shown_url,
            spec_file=f"specs/{api.spec_file}",
            spec_sha256=spec_sha256(api.spec_path),
        )


def latency_finding(operation: str, count: int, guard: Guard) -> Failure:
    """The latency finding of an operation that answered slower than --max-response-time `count` times."""
    limits = guard.limits
    stopped = count >= limits.slow_answers_stop
    return Failure(
        operation=operation,
        check="latency",
        title="Slow answers",
        message=f"{count} answer{'s' if count > 1 else ''} slower than {limits.max_response_time:g} s, the slowest "
        f"{guard.slowest[operation]:.1f} s"
        + (f"; generated requests to this operation stopped after {limits.slow_answers_stop}" if stopped else ""),
        severity="medium",
        expected=f"every answer within {limits.max_response_time:g} s (--max-response-time)",
        actual=f"slowest answer {guard.slowest[operation]:.1f} s",
        curl="",
    )


def _inputs(spec: dict[str, Any], operation: str, existing: str, semantics: Semantics) -> dict[str, Any]:
    """Documented, valid inputs for `operation`: an existing id, required parameters from their examples."""
    method, path = operation.split(" ", 1)
    declared = spec["paths"][path][method.lower()].get("parameters", []) + spec["paths"][path].get("parameters", [])
    resolved = [resolve(spec, p) for p in declared]
    path_parameters = {p["name"]: existing for p in resolved if p["in"] == "path"}
    query = {p["name"]: p.get("example", "x") for p in resolved if p["in"] == "query" and p.get("required")}
    return {"path_parameters": path_parameters, "query": query, "headers": semantics.contract.headers}


def _existing_id(semantics: Semantics) -> str:
    for lst in semantics.contract.lists:
        items = semantics.items(lst, semantics.page(lst, limit=1, offset=0), "auth_required")
        if items:
            return str(items[0].get("id"))
    return semantics.known_ids[0] if semantics.known_ids else "00000000-0000-4000-8000-000000000000"
