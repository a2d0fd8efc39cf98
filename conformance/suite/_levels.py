"""Two levels of finding, decided in one place: a broken statement fails, a contradicted decision of ours warns.

Every finding (a schemathesis failure, a semantic property's violation, a request without an answer) comes here
through `to_result`. What it rests on is, first that matches:

1. a level rule of `RULES`: a case the documents leave to the server (an HTTP-level refusal of a request the suite
   malformed on purpose, a rejection of an input the documents do not promise to accept, another documented code
   for the same situation); each rule names the decision it rests on;
2. what the semantic property named for this finding (a `Violation`'s own `rests_on`);
3. the decisions of the spec elements the finding concerns (`x-decision: N` on a schema, parameter or response),
   when every element concerned carries one;
4. what the API's entry says the check rests on (`Api.rests_on`).

The level follows from the statements (`level_of`): a finding that breaks a sentence of a document is a failure,
one that rests only on our decisions is a warning. specs/README.md ("Failures and warnings") states these rules.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from schemathesis.core.failures import Failure as EngineFailure

from conformance.core._api import Api
from conformance.core._pointer import pointer, resolve, tokens
from conformance.core._statements import Level, Statement, binds_server, decision, level_of

# Refusals an HTTP layer gives before an API sees a request: method, media type, length, size of a part.
HTTP_LEVEL = frozenset({405, 406, 411, 413, 414, 415, 431})
SIZE_LIMITS = frozenset({413, 414, 431})
INT32 = 2**31 - 1
MINTED_ID = re.compile(r"[A-Za-z0-9_-]+")
UNSPECIFIED_METHOD = "unspecified_http_method"
# Checks that judge an answer to whatever request the suite sent, malformed ones included.
ANY_REQUEST_CHECKS = frozenset(
    {
        "status_code_conformance",
        "negative_data_rejection",
        "content_type_conformance",
        "response_schema_conformance",
    }
)
# Checks that judge an answer or a request by the schemas of the contract: under `--spec` a vendor's schemas.
VENDOR_CHECKS = frozenset(
    {
        "response_schema_conformance",
        "status_code_conformance",
        "content_type_conformance",
        "response_headers_conformance",
        "negative_data_rejection",
        "positive_data_acceptance",
    }
)
# Checks whose findings concern the request's parameters (a header among them).
PARAMETER_CHECKS = frozenset({"negative_data_rejection", "positive_data_acceptance", "missing_required_header"})


@dataclass(frozen=True)
class Sent:
    """What the suite knows about the generated request behind a finding."""

    method: str = ""
    scenario: str | None = None  # schemathesis's coverage scenario, e.g. "unspecified_http_method"
    negative: bool = False
    parameters: tuple[str, ...] = ()  # the parameters the generated case varies, when schemathesis names them
    beyond_promise: bool = False  # it carries a value the documents do not promise to accept (decision 39)
    values: tuple[tuple[str, str], ...] = ()  # every path, query and header value it sent, as text

    @classmethod
    def of_case(cls, case: Any) -> Sent:
        """The facts of a schemathesis case that the level rules read."""
        meta = getattr(case, "meta", None)
        data = meta.phase.data if meta is not None else None
        named = [getattr(data, "parameter", None)] + [m.parameter for m in getattr(data, "mutations", ())]
        values = (case.query, case.path_parameters, case.headers, getattr(case, "body", None))
        ids = (case.path_parameters or {}).values()
        return cls(
            method=str(case.method).upper(),
            scenario=str(getattr(data, "scenario", "") or "") or None,
            negative=bool(meta is not None and meta.generation.mode.is_negative),
            parameters=tuple(dict.fromkeys(name for name in named if name)),
            beyond_promise=any(_unpromised(leaf) for value in values for leaf in _leaves(value))
            or any(not _minted(str(task_id)) for task_id in ids),
            values=tuple(
                (str(name), str(value)) for part in values[:3] if isinstance(part, dict) for name, value in part.items()
            ),
        )


@dataclass(frozen=True)
class Finding:
    """One finding as the level rules see it."""

    api: Api
    operation: str
    check: str
    status: int | None
    sent: Sent
    failure: EngineFailure
    schema_path: str | None = None  # where in the spec the violated schema sits, for a schema finding


@dataclass(frozen=True)
class Rule:
    """A case the documents leave to the server: when it applies, and the decision the finding then rests on."""

    name: str
    applies: Callable[[Finding], bool]
    rests_on: tuple[Statement, ...]


def _is_4xx(status: int | None) -> bool:
    return status is not None and 400 <= status < 500


def _http_level_refusal(f: Finding) -> bool:
    if f.check == "missing_required_header":
        return _is_4xx(f.status)  # refused, with a 4XX of its choosing; serving it is what breaks the page
    if f.check in ANY_REQUEST_CHECKS:
        return f.status in HTTP_LEVEL
    if f.check == "positive_data_acceptance":
        return f.status in SIZE_LIMITS
    if f.check == "unsupported_method":
        # A refusal with another 4XX, or 501, is the server's choice; a 405 without Allow breaks RFC 9110.
        wrong_status = getattr(f.failure, "failure_reason", "") == "wrong_status"
        return wrong_status and (_is_4xx(f.status) or f.status == 501)
    return f.check == "not_a_server_error" and f.status == 501 and f.sent.scenario == UNSPECIFIED_METHOD


def _unpromised_input_rejected(f: Finding) -> bool:
    return f.check == "positive_data_acceptance" and f.sent.beyond_promise and _is_4xx(f.status)


def _another_documented_code(f: Finding) -> bool:
    # Where the documents list 400 beside 404 (or any 4XX), or state no code at all, the code is the server's choice;
    # an API whose documents state the codes themselves (`codes_stated`) leaves none.
    if f.api.codes_stated or not _is_4xx(f.status):
        return False
    return f.check in ("unknown_id", "auth_required") or (f.check == "download_only_exports" and f.status == 400)


RULES: tuple[Rule, ...] = (
    Rule("an HTTP-level refusal of a request the suite malformed", _http_level_refusal, (decision(38),)),
    Rule("a rejected input the documents do not promise to accept", _unpromised_input_rejected, (decision(39),)),
    Rule("another documented code for the same situation", _another_documented_code, (decision(40),)),
)


def verdict(finding: Finding, spec: dict[str, Any]) -> tuple[Level, tuple[Statement, ...]]:
    """The level of `finding` and what it rests on (see the module docstring for the order).

    A finding that rests only on sentences binding the caller (and our decisions) names decision 44 beside them:
    the server broke nothing stated of it.
    """
    statements = _rests_on(finding, spec)
    if any(s.binds == "caller" for s in statements) and not any(binds_server(s) for s in statements):
        statements = (*statements, decision(44))
    return level_of(statements), statements


def latency_verdict(user_bound: float | None) -> tuple[Level, tuple[Statement, ...]]:
    """A slow answer: a warning against our 2 s (decision 41), a failure against the user's --max-response-time."""
    if user_bound is None:
        return "warning", (decision(41),)
    bound = Statement("taskconform run", "--max-response-time", f"{user_bound:g} s")
    return "failure", (bound,)


def _rests_on(finding: Finding, spec: dict[str, Any]) -> tuple[Statement, ...]:
    for rule in RULES:
        if rule.applies(finding):
            return rule.rests_on
    own = tuple(getattr(finding.failure, "rests_on", ()))
    if own:
        return own
    elements = _element_decisions(finding, spec)
    if elements:
        return tuple(decision(n) for n in elements)
    vendor = _vendor_element(finding, spec)
    if vendor:
        return vendor
    return finding.api.statements(finding.check)


def _vendor_element(finding: Finding, spec: dict[str, Any]) -> tuple[Statement, ...]:
    """For an operation a vendor's description gave (`--spec`), a finding of a schema-driven check rests on that
    description: its file and the JSON pointer of the element (the operation, or the schema concerned)."""
    _, operation = _operation(spec, finding.operation)
    given = operation.get("x-vendor") if isinstance(operation, dict) else None
    if not isinstance(given, dict) or finding.check not in VENDOR_CHECKS:
        return ()
    method, path = finding.operation.split(" ", 1)
    own = pointer(("paths", path, method.lower()))
    inside = finding.schema_path[len(own) :] if finding.schema_path and finding.schema_path.startswith(own) else ""
    where = given["pointer"] + inside
    return (Statement(str(given["file"]), where, "the vendor's published description of this element"),)


def _element_decisions(finding: Finding, spec: dict[str, Any]) -> tuple[int, ...]:
    """The decisions of the spec elements the finding concerns, when every one of them carries one."""
    if finding.schema_path:
        found = _decision_along(spec, finding.schema_path)
        return (found,) if found is not None else ()
    if finding.check in ("content_type_conformance", "status_code_conformance") and finding.status is not None:
        response = _response(spec, finding.operation, finding.status)
        return (response["x-decision"],) if response and "x-decision" in response else ()
    header = getattr(finding.failure, "header_name", None)
    names = (header,) if header else finding.sent.parameters or _chosen(spec, finding)
    if not names or finding.check not in PARAMETER_CHECKS:
        return ()
    found = [_parameter(spec, finding.operation, name) for name in names]
    decided = [parameter.get("x-decision", schema.get("x-decision")) for parameter, schema in found]
    return tuple(dict.fromkeys(decided)) if all(n is not None for n in decided) else ()


def _chosen(spec: dict[str, Any], finding: Finding) -> tuple[str, ...]:
    """The documented parameters a valid request set to a value of its choosing (not the default, not the only one).

    A valid request refused for these alone was refused for a value only our decisions admit.
    """
    if finding.check != "positive_data_acceptance":
        return ()
    chosen = []
    for name, value in finding.sent.values:
        parameter, schema = _parameter(spec, finding.operation, name)
        if not parameter:
            continue  # credentials and other headers the spec does not declare as parameters
        only = schema.get("enum", ()) if len(schema.get("enum", ())) == 1 else ()
        if value.lower() not in {str(v).lower() for v in (schema.get("default"), *only) if v is not None}:
            chosen.append(name)
    return tuple(chosen)


def _decision_along(spec: dict[str, Any], pointer: str) -> int | None:
    """The deepest `x-decision` on the way down a JSON pointer into the spec."""
    node: Any = spec
    found = node.get("x-decision") if isinstance(node, dict) else None
    for token in tokens(pointer):
        if isinstance(node, dict) and token in node:
            node = node[token]
        elif isinstance(node, list) and token.isdigit() and int(token) < len(node):
            node = node[int(token)]
        else:
            break
        if isinstance(node, dict) and "x-decision" in node:
            found = node["x-decision"]
    return found


def _operation(spec: dict[str, Any], operation: str) -> tuple[dict[str, Any], dict[str, Any]]:
    method, path = operation.split(" ", 1) if " " in operation else ("", operation)
    item = spec.get("paths", {}).get(path, {})
    return item, item.get(method.lower(), {}) if isinstance(item, dict) else {}


def _response(spec: dict[str, Any], operation: str, status: int) -> dict[str, Any] | None:
    _, op = _operation(spec, operation)
    responses = op.get("responses", {}) if isinstance(op, dict) else {}
    found = responses.get(str(status)) or responses.get(f"{str(status)[0]}XX")
    return resolve(spec, found) if isinstance(found, dict) else None


def _parameter(spec: dict[str, Any], operation: str, name: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """The declared parameter called `name` (headers case-insensitively) and its schema; empty when undeclared."""
    item, op = _operation(spec, operation)
    for declared in [*op.get("parameters", []), *item.get("parameters", [])]:
        parameter = resolve(spec, declared)
        if parameter.get("name", "").lower() == name.lower():
            return parameter, resolve(spec, parameter.get("schema", {}))
    return {}, {}


def _leaves(value: Any) -> Iterator[Any]:
    if isinstance(value, dict):
        for key, item in value.items():
            yield key
            yield from _leaves(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _leaves(item)
    elif value is not None:
        yield value


def _minted(task_id: str) -> bool:
    """True for an id a server could have minted: letters, digits, `-` and `_` (every id the documents show)."""
    return MINTED_ID.fullmatch(task_id) is not None


def _unpromised(value: Any) -> bool:
    """A value no document promises an API accepts: control or unusual characters, a big integer, an empty string."""
    if isinstance(value, bool):
        return False
    if isinstance(value, int):
        return abs(value) > INT32
    if isinstance(value, str):
        if value.lstrip("-").isdigit() and value.isascii():
            return abs(int(value)) > INT32
        return value == "" or any(
            unicodedata.category(c)[0] == "C" or unicodedata.category(c) in ("Zl", "Zp") for c in value
        )
    return False
