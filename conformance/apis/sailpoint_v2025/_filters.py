"""SailPoint's `filters` and `sorters` for the task status list: the documented fields and operators only."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from conformance.servers._clock import parse_time

_TERM = re.compile(
    r'(?P<field>id|sourceId|completionStatus|type) (?:eq "(?P<eq>[^"]*)"|in \((?P<in>"[^"]*"(?:, ?"[^"]*")*)\))'
)
_QUOTED = re.compile(r'"([^"]*)"')
_AND = " and "
_EARLIEST = datetime.min.replace(tzinfo=UTC)


@dataclass(frozen=True)
class Term:
    """One filter term: a field and the values it may equal (`eq` has one, `in` several)."""

    field: str
    values: tuple[str, ...]

    def matches(self, task: dict[str, Any]) -> bool:
        """True when the task's field equals one of the values (completionStatus case-insensitively, decision 1)."""
        actual = (task.get("target") or {}).get("id") if self.field == "sourceId" else task.get(self.field)
        if not isinstance(actual, str):
            return False
        if self.field == "completionStatus":
            return actual.casefold() in {value.casefold() for value in self.values}
        return actual in self.values


def parse_filters(text: str) -> tuple[Term, ...]:
    """The terms of a filter expression `field op value [and field op value ...]`; ValueError when it is not one."""
    terms, position = [], 0
    while True:
        match = _TERM.match(text, position)
        if match is None:
            raise ValueError(
                f"unsupported filter at character {position + 1}: only id, sourceId, completionStatus "
                'and type with eq "v" or in ("v", ...), joined by and'
            )
        values = (match["eq"],) if match["eq"] is not None else tuple(_QUOTED.findall(match["in"]))
        terms.append(Term(match["field"], values))
        position = match.end()
        if position == len(text):
            return tuple(terms)
        if not text.startswith(_AND, position):
            raise ValueError(f"expected ' and ' at character {position + 1}")
        position += len(_AND)


def created_key(task: dict[str, Any]) -> tuple[datetime, str]:
    """The sort key of the `created` sorter: creation instant, then id for a stable order."""
    return parse_time(task["created"]) or _EARLIEST, task["id"]
