"""The suite's run, as the plugin, the CLI, bench/ and the tests use it: settings, the plan, the executor, the
session, the checks and what they raise, the level rules, the known-findings file, and the sweeps over faults and
variants.

The modules behind it are private (`_settings`, `_plan`, ...); this is the one public face.
"""

from __future__ import annotations

from conformance.suite._executor import Executor
from conformance.suite._known_file import KnownFindingsError, append_known, load_known, new_entries, prune_known
from conformance.suite._levels import RULES, Finding, Sent, latency_verdict, verdict
from conformance.suite._plan import Step, operations_of, plan
from conformance.suite._progress import RECORD, Progress, record
from conformance.suite._session import RUN_KEY, Run
from conformance.suite._settings import Settings, UsageError
from conformance.suite._sweeps import SWEEP_MAX_EXAMPLES, Detection, SuiteRun, against_variants, detect, variant_apis
from conformance.suite._tally import Tally
from conformance.suite._target import SuiteSettings, Target, resolve_secret, secret_env
from conformance.suite._violations import NoAnswer, Violation
from conformance.suite.checks import CHECKS, FUZZ_CHECKS, STATEFUL_CHECKS, Check, Subject, properties, register

__all__ = [
    "CHECKS",
    "FUZZ_CHECKS",
    "RECORD",
    "RULES",
    "RUN_KEY",
    "STATEFUL_CHECKS",
    "SWEEP_MAX_EXAMPLES",
    "Check",
    "Detection",
    "Executor",
    "Finding",
    "KnownFindingsError",
    "NoAnswer",
    "Progress",
    "Run",
    "Sent",
    "Settings",
    "Step",
    "Subject",
    "SuiteRun",
    "SuiteSettings",
    "Tally",
    "Target",
    "UsageError",
    "Violation",
    "against_variants",
    "append_known",
    "detect",
    "latency_verdict",
    "load_known",
    "new_entries",
    "operations_of",
    "plan",
    "properties",
    "prune_known",
    "record",
    "register",
    "resolve_secret",
    "secret_env",
    "variant_apis",
    "verdict",
]
