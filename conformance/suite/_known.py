"""The --known-findings file: failures a team accepts for now, each with a reason and perhaps an expiry date.

The file is a YAML list; each entry names the API, the operation, the check, optionally a text the finding must
contain, a reason (required) and an expiry date (optional, YYYY-MM-DD, the last day it matches):

    - api: acme-tasks
      operation: GET /tasks/{id}
      check: response_schema_conformance
      contains: created_at
      reason: vendor ticket 1234
      expires: 2026-06-30

A failure matched by a live entry is known: reported, and it does not fail the run. An entry past its expiry matches
nothing (its failures fail again) and is listed as expired; a live one that matched nothing though its operation
was tested is listed as stale.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from conformance._results import CheckResult, Failure, KnownFinding, KnownStatus

KEYS = ("api", "operation", "check", "reason", "contains", "expires")


@dataclass(frozen=True)
class KnownEntry:
    """One entry of the file, checked."""

    entry: int  # its position in the file, from 1
    api: str
    operation: str
    check: str
    reason: str
    contains: str | None = None
    expires: date | None = None

    def live(self, today: date) -> bool:
        """True until the end of its expiry day (always, without one)."""
        return self.expires is None or today <= self.expires

    def matches(self, failure: Failure) -> bool:
        """True when `failure` (of this entry's API) is on its operation and check and contains its text."""
        if (failure.operation, failure.check) != (self.operation, self.check):
            return False
        text = "\n".join((failure.title, failure.message, failure.expected, failure.actual))
        return self.contains is None or self.contains in text

    def as_yaml(self) -> dict[str, Any]:
        """The entry as the file writes it (no empty optional keys)."""
        data = {key: getattr(self, key) for key in KEYS}
        if self.expires is not None:
            data["expires"] = self.expires.isoformat()
        return {key: value for key, value in data.items() if value is not None}


@dataclass
class KnownMatcher:
    """One API's entries in one run: marks the failures they match and counts the matches."""

    entries: tuple[KnownEntry, ...] = ()
    today: date = field(default_factory=date.today)
    matched: Counter[int] = field(default_factory=Counter)

    def mark(self, failure: Failure) -> Failure:
        """`failure` marked with the first live entry that matches it (a warning is never marked)."""
        if failure.level != "failure":
            return failure
        for entry in self.entries:
            if entry.live(self.today) and entry.matches(failure):
                self.matched[entry.entry] += 1
                return dataclasses.replace(failure, known=entry.entry)
        return failure

    def results(self, cells: tuple[CheckResult, ...]) -> tuple[KnownFinding, ...]:
        """What each entry came to, given the cells this process recorded."""
        tested = {cell.operation for cell in cells if cell.status != "skipped"}
        return tuple(
            KnownFinding(
                entry=entry.entry,
                operation=entry.operation,
                check=entry.check,
                reason=entry.reason,
                contains=entry.contains,
                expires=entry.expires.isoformat() if entry.expires else None,
                status=self._status(entry, tested),
                matches=self.matched[entry.entry],
            )
            for entry in self.entries
        )

    def _status(self, entry: KnownEntry, tested: set[str]) -> KnownStatus:
        if not entry.live(self.today):
            return "expired"
        if self.matched[entry.entry]:
            return "matched"
        return "stale" if entry.operation in tested else "untested"
