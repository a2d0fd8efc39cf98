"""What a value may be, judged by direction: a format, pattern, default, enum or bound that narrows what a value may
be breaks a request and no response; one that widens it the reverse."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from conformance._comparison import Change
from conformance.audit._detectors import detects
from conformance.audit._families._shape import BOUND_KEYWORDS, STRICTNESS, stricter, wider
from conformance.audit._families._values import ABSENT, equal, show, verb
from conformance.audit._families._walk import At, Sided

_FORMAT = {
    "changed": Sided("request-format-changed", "response-format-changed"),
    "narrowed": Sided("request-format-narrowed", "response-format-narrowed"),
    "widened": Sided("request-format-widened", "response-format-widened"),
}
_PATTERN = {
    "changed": Sided("request-pattern-changed", "response-pattern-changed"),
    "added": Sided("request-pattern-added", "response-pattern-added"),
    "removed": Sided("request-pattern-removed", "response-pattern-removed"),
}
_DEFAULT_CHANGED = Sided("request-default-changed", "response-default-changed")
_ENUM_VALUE_ADDED = Sided("request-enum-value-added", "response-enum-value-added")
_ENUM_VALUE_REMOVED = Sided("request-enum-value-removed", "response-enum-value-removed")
_BOUND_TIGHTENED = Sided("request-bound-tightened", "response-bound-tightened")
_BOUND_LOOSENED = Sided("request-bound-loosened", "response-bound-loosened")


@detects(
    "request-format-changed",
    "response-format-changed",
    "request-format-narrowed",
    "response-format-narrowed",
    "request-format-widened",
    "response-format-widened",
)
def format_(at: At, old: Any, new: Any) -> Iterator[Change]:
    """A format added or made narrower narrows the value; dropped or made wider widens it; otherwise it changed."""
    if equal(old, new):
        return
    if old is ABSENT or wider(new, old):
        direction = "narrowed"
    elif new is ABSENT or wider(old, new):
        direction = "widened"
    else:
        direction = "changed"
    yield at.change(_FORMAT[direction].on(at.side), f"format {verb(old, new)}", old, new)


@detects(
    "request-pattern-changed",
    "response-pattern-changed",
    "request-pattern-added",
    "response-pattern-added",
    "request-pattern-removed",
    "response-pattern-removed",
    "request-default-changed",
    "response-default-changed",
)
def pattern_and_default(at: At, old: dict[str, Any], new: dict[str, Any]) -> Iterator[Change]:
    """The pattern added, removed or changed, then the default changed (added and removed included)."""
    for keyword in ("pattern", "default"):
        before, after = old.get(keyword, ABSENT), new.get(keyword, ABSENT)
        if not equal(before, after):
            rule = _DEFAULT_CHANGED if keyword == "default" else _PATTERN[verb(before, after)]
            yield at.to(keyword).change(rule.on(at.side), f"{keyword} {verb(before, after)}", before, after)


@detects(
    "request-enum-value-added",
    "response-enum-value-added",
    "request-enum-value-removed",
    "response-enum-value-removed",
    "request-bound-tightened",
    "response-bound-tightened",
    "request-bound-loosened",
    "response-bound-loosened",
)
def enum(at: At, old: tuple[Any, ...] | None, new: tuple[Any, ...] | None) -> Iterator[Change]:
    """Enum values added or removed; an enum introduced tightens the value, one dropped loosens it."""
    if old is None and new is None:
        return
    if old is None or new is None:
        rule, introduced = (_BOUND_TIGHTENED, "introduced") if old is None else (_BOUND_LOOSENED, "dropped")
        yield at.change(rule.on(at.side), f"enum {introduced}", old and list(old), new and list(new))
        return
    for value in new:
        if value not in old:
            yield at.change(_ENUM_VALUE_ADDED.on(at.side), f"enum value {value!r} added", None, value)
    for value in old:
        if value not in new:
            yield at.change(_ENUM_VALUE_REMOVED.on(at.side), f"enum value {value!r} removed", value, None)


@detects("request-bound-tightened", "response-bound-tightened", "request-bound-loosened", "response-bound-loosened")
def bounds(at: At, old: dict[str, Any], new: dict[str, Any]) -> Iterator[Change]:
    """Each bound, length, size, uniqueness or multiple made stricter (tightened) or laxer (loosened)."""
    for keyword, strictness in STRICTNESS:
        before, after = strictness(old), strictness(new)
        if before == after:
            continue
        if keyword == "multipleOf" and before is not None and after is not None:
            # Some old multiple is no new multiple (tightened), some new multiple was no old one (loosened), or both.
            tightened, loosened = before[0] % after[0] != 0, after[0] % before[0] != 0
        else:
            tightened, loosened = stricter(before, after), stricter(after, before)
        key = next((k for k in BOUND_KEYWORDS.get(keyword, ()) if not equal(old.get(k), new.get(k))), keyword)
        message = f"{key} {show(old.get(key, ABSENT))} -> {show(new.get(key, ABSENT))}"
        for moved, rule in ((tightened, _BOUND_TIGHTENED), (loosened, _BOUND_LOOSENED)):
            if moved:
                yield at.to(key).change(rule.on(at.side), message, old.get(key), new.get(key))
