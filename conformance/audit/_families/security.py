"""Security: the schemes a document defines (added, removed, renamed, changed) and the ways of authenticating each
operation accepts (alternatives and OAuth scopes gained or lost)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from conformance._comparison import Change
from conformance.audit._detectors import detects
from conformance.audit._families._values import equal, union
from conformance.audit._families._walk import At, KeyedRules, keyed
from conformance.audit._families.document import leftovers

_SCHEMES = KeyedRules("security scheme", added="security-scheme-added", removed="security-scheme-removed")

# Each accepted way of authenticating (its scheme names) with each scheme's scopes.
Ways = dict[frozenset[str], dict[str, frozenset[str]]]


@dataclass(frozen=True)
class Security:
    """What the security of an operation is read from: both documents' top-level requirements, and renamed schemes."""

    old_root: dict[str, Any]
    new_root: dict[str, Any]
    renamed: Mapping[str, str]


@detects("security-scheme-renamed", "security-scheme-added", "security-scheme-removed", "security-scheme-changed")
def schemes(
    at: At, old_schemes: Mapping[str, Any], new_schemes: Mapping[str, Any], renamed: Mapping[str, str]
) -> Iterator[Change]:
    """The document's security schemes (at `at`): the `renamed` ones first, then those added, removed or changed."""
    here = at.to("components", "securitySchemes")
    for before, after in renamed.items():
        message = f"security scheme {before!r} renamed {after!r}"
        yield here.to(after).change("security-scheme-renamed", message, before, after)
    yield from keyed(
        here,
        {name: scheme for name, scheme in old_schemes.items() if name not in renamed},
        {name: scheme for name, scheme in new_schemes.items() if name not in renamed.values()},
        _SCHEMES,
        lambda place, o, n: leftovers(place, o, n, fallback="security-scheme-changed"),
    )


def renamed_schemes(old: Mapping[str, Any], new: Mapping[str, Any]) -> dict[str, str]:
    """Old scheme names gone from NEW whose definition a scheme only NEW has repeats (documentation aside)."""

    def essence(scheme: Any) -> Any:
        if not isinstance(scheme, dict):
            return scheme
        return {k: v for k, v in scheme.items() if k not in ("description", "summary") and not k.startswith("x-")}

    renamed: dict[str, str] = {}
    added = [name for name in new if name not in old]
    for name in (name for name in old if name not in new):
        twin = next(
            (a for a in added if a not in renamed.values() and equal(essence(old[name]), essence(new[a]))), None
        )
        if twin is not None:
            renamed[name] = twin
    return renamed


def operation_security(at: At, old: dict[str, Any], new: dict[str, Any], security: Security) -> Iterator[Change]:
    """The ways of authenticating the operations `old` and `new` accept (their own, else the document's)."""
    inherited = "security" not in old and "security" not in new
    here = at.to("security").written_at("/security") if inherited else at.to("security")
    old_security = old.get("security", security.old_root.get("security", []))
    new_security = new.get("security", security.new_root.get("security", []))
    yield from requirements(here, alternatives(old_security, security.renamed), alternatives(new_security, {}))


@detects(
    "security-alternative-removed",
    "security-requirement-removed",
    "security-requirement-added",
    "security-scope-added",
    "security-scope-removed",
)
def requirements(at: At, old_alternatives: Ways, new_alternatives: Ways) -> Iterator[Change]:
    """Ways of authenticating gained or lost; losing one breaks only when no former way (nor anonymity) is left."""
    kept = [names for names in old_alternatives if names in new_alternatives or frozenset() in new_alternatives]
    for names in union(old_alternatives, new_alternatives):
        label = _label(names)
        if names not in new_alternatives and frozenset() in new_alternatives:
            continue
        if names not in new_alternatives and kept:
            message = f"security alternative {label} no longer accepted; {_label(kept[0])} still is"
            yield at.change("security-alternative-removed", message, label)
        elif names not in new_alternatives:
            message = f"security alternative {label} no longer accepted, nor any other it accepted"
            yield at.change("security-requirement-removed", message, label)
        elif names not in old_alternatives:
            yield at.change("security-requirement-added", f"security alternative {label} now accepted", None, label)
        else:
            for scheme in sorted(names):
                old_scopes, new_scopes = old_alternatives[names][scheme], new_alternatives[names][scheme]
                for scope in sorted(new_scopes - old_scopes):
                    yield at.change("security-scope-added", f"{scheme} now requires scope {scope!r}", None, scope)
                for scope in sorted(old_scopes - new_scopes):
                    yield at.change("security-scope-removed", f"{scheme} no longer requires scope {scope!r}", scope)


def alternatives(requirements: list[dict[str, list[str]]], renamed: Mapping[str, str]) -> Ways:
    """Each accepted way of authenticating (an empty set: anonymous) with its scopes, schemes by `renamed` names."""
    return {
        frozenset(renamed.get(name, name) for name in requirement): {
            renamed.get(name, name): frozenset(scopes or ()) for name, scopes in requirement.items()
        }
        for requirement in requirements or [{}]
    }


def _label(names: frozenset[str]) -> str:
    return " + ".join(sorted(names)) or "anonymous access"
