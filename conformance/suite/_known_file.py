"""Reading the --known-findings file (its format is in `_known`), every entry checked, a bad one named; adding a
run's failures to it and dropping its stale entries."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from conformance._registry import APIS
from conformance._results import RunReport
from conformance.suite._known import KEYS, KnownEntry
from conformance.suite.checks import CHECKS, STATEFUL_CHECKS

REQUIRED = KEYS[:4]
DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
# Every check a failure can name: the properties, schemathesis's checks, latency and a request without an answer.
CHECK_NAMES = frozenset({*CHECKS, *STATEFUL_CHECKS, "latency", "request"})


class _Loader(yaml.SafeLoader):
    """YAML without implicit timestamps: a date stays the text it was written as, checked here."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


class KnownFindingsError(ValueError):
    """A known-findings file that cannot be used; the message names the entry and what is wrong."""


def load_known(path: Path) -> tuple[KnownEntry, ...]:
    """The entries of the file at `path`; KnownFindingsError (one line) when it is unreadable or malformed."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise KnownFindingsError(f"{path}: no such file") from None
    except (OSError, UnicodeDecodeError) as error:
        raise KnownFindingsError(f"{path}: cannot read: {error.__class__.__name__}: {error}") from None
    return parse_known(text, str(path))


def parse_known(text: str, source: str) -> tuple[KnownEntry, ...]:
    """The entries of a known-findings document (an empty document has none)."""
    try:
        data = yaml.load(text, Loader=_Loader)  # a SafeLoader
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" at line {mark.line + 1} column {mark.column + 1}" if mark is not None else ""
        problem = getattr(error, "problem", None) or " ".join(str(error).split())
        raise KnownFindingsError(f"{source}: not valid YAML{where}: {problem}") from None
    if data is None:
        return ()
    if not isinstance(data, list):
        raise KnownFindingsError(f"{source}: expected a list of entries (- api: ..., operation: ..., ...)")
    return tuple(_entry(item, number, source) for number, item in enumerate(data, start=1))


def _entry(item: Any, number: int, source: str) -> KnownEntry:
    if not isinstance(item, dict):
        raise KnownFindingsError(f"{source}: entry {number}: expected a mapping with keys {', '.join(REQUIRED)}")
    named = " ".join(str(item[key]) for key in ("api", "operation", "check") if item.get(key) is not None)
    where = f"{source}: entry {number}" + (f" ({named})" if named else "")
    unknown = sorted(str(key) for key in item if key not in KEYS)
    if unknown:
        raise KnownFindingsError(f"{where}: unknown key {unknown[0]!r} (expected: {', '.join(KEYS)})")
    for key in REQUIRED:
        if not isinstance(item.get(key), str) or not item[key].strip():
            raise KnownFindingsError(f"{where}: {key!r} is required (a non-empty text)")
    if item["api"] not in APIS:
        raise KnownFindingsError(f"{where}: unknown API {item['api']!r} (one of: {', '.join(APIS)})")
    if item["check"] not in CHECK_NAMES:
        raise KnownFindingsError(f"{where}: unknown check {item['check']!r} (see the report's matrix for the names)")
    method, _, path = item["operation"].partition(" ")
    if not (method.isalpha() and method.isupper() and path.startswith("/")):
        raise KnownFindingsError(f"{where}: operation {item['operation']!r} is not METHOD /path, e.g. 'GET /tasks'")
    contains = item.get("contains")
    if contains is not None and (not isinstance(contains, str) or not contains):
        raise KnownFindingsError(f"{where}: 'contains' must be a non-empty text")
    return KnownEntry(
        entry=number,
        api=item["api"],
        operation=item["operation"],
        check=item["check"],
        reason=item["reason"].strip(),
        contains=contains,
        expires=_date(item.get("expires"), where),
    )


def _date(value: Any, where: str) -> date | None:
    if value is None:
        return None
    try:
        if isinstance(value, str) and DATE.fullmatch(value):
            return date.fromisoformat(value)
    except ValueError:
        pass
    raise KnownFindingsError(f"{where}: 'expires' must be a date YYYY-MM-DD, got {value!r}")


def new_entries(
    report: RunReport, existing: tuple[KnownEntry, ...], reason: str, expires: str | None
) -> list[dict[str, str]]:
    """One entry for each failed cell of `report` that no entry of `existing` already covers whole."""
    if not reason.strip():
        raise KnownFindingsError("--reason must say why the failures are accepted")
    until = _date(expires, "--expires")
    covered = {(e.api, e.operation, e.check) for e in existing if e.contains is None and e.live(date.today())}
    entries = []
    for api in report.apis:
        for cell in api.failed:
            if (api.api, cell.operation, cell.check) in covered:
                continue
            covered.add((api.api, cell.operation, cell.check))
            entry = {"api": api.api, "operation": cell.operation, "check": cell.check, "reason": reason.strip()}
            entries.append(entry | ({"expires": until.isoformat()} if until else {}))
    return entries


def append_known(path: Path, entries: list[dict[str, str]]) -> None:
    """Append `entries` to the file at `path` (created if missing), leaving what it holds as it is."""
    if not entries:
        return
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    separator = "" if not text or text.endswith("\n") else "\n"
    path.write_text(text + separator + _dump(entries), encoding="utf-8")


def prune_known(path: Path, report: RunReport) -> list[KnownEntry]:
    """Drop from the file the entries `report` lists as stale; return them. The file is rewritten (comments go)."""
    entries = load_known(path)
    stale = {
        (api.api, k.operation, k.check, k.contains, k.reason)
        for api in report.apis
        for k in api.known
        if k.status == "stale"
    }
    dropped = [e for e in entries if (e.api, e.operation, e.check, e.contains, e.reason) in stale]
    if dropped:
        path.write_text(_dump([e.as_yaml() for e in entries if e not in dropped]), encoding="utf-8")
    return dropped


def _dump(entries: list[dict[str, Any]]) -> str:
    return yaml.safe_dump(entries, sort_keys=False, allow_unicode=True, width=1000) if entries else ""
