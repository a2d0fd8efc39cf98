"""Checking requests against a spec: parameters and bodies validated with the contract's own schemas."""

from __future__ import annotations

import functools
import ipaddress
import json
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import jsonschema
from jsonschema import Draft202012Validator, FormatChecker, ValidationError
from jsonschema.exceptions import best_match
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from conformance.core._json import reject_constant
from conformance.core._pointer import escape, resolve_ref
from conformance.servers._clock import parse_time
from conformance.servers._http import ApiError

_SPEC_URI = "urn:taskconform:reference-contract"
_METHODS = ("get", "head", "post", "put", "patch", "delete", "options", "trace")
_INTEGER = re.compile(r"-?[0-9]{1,1000}")
_UUID = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")
_MESSAGE_LIMIT = 240

# RFC 3986, section 3 and appendix A: an absolute URI (scheme ":" hier-part [ "?" query ] [ "#" fragment ]).
_UNRESERVED_SUB_DELIMS = r"A-Za-z0-9\-._~!$&'()*+,;="
_PCT = r"%[0-9A-Fa-f]{2}"
_PCHAR = rf"(?:[{_UNRESERVED_SUB_DELIMS}:@]|{_PCT})"
_AUTHORITY = (
    rf"(?:(?:[{_UNRESERVED_SUB_DELIMS}:]|{_PCT})*@)?"
    rf"(?:\[(?P<literal>[^\[\]/?#@%]*)\]|(?:[{_UNRESERVED_SUB_DELIMS}]|{_PCT})*)"
    r"(?::[0-9]*)?"
)
_HIER_PART = rf"(?://{_AUTHORITY}(?:/{_PCHAR}*)*|/(?:{_PCHAR}+(?:/{_PCHAR}*)*)?|{_PCHAR}+(?:/{_PCHAR}*)*|)"
_URI = re.compile(rf"[A-Za-z][A-Za-z0-9+\-.]*:{_HIER_PART}(?:\?(?:{_PCHAR}|[/?])*)?(?:#(?:{_PCHAR}|[/?])*)?")
_IP_FUTURE = re.compile(rf"v[0-9A-Fa-f]+\.[{_UNRESERVED_SUB_DELIMS}:]+")


class BadRequest(ApiError):
    """A request that breaks the contract: 400, with where (query, header, path, body) and why."""

    def __init__(self, message: str, location: str) -> None:
        super().__init__(400, message)
        self.location = location


@dataclass(frozen=True)
class ParameterContract:
    """One declared parameter: where it travels, whether it is required, its schema and its default."""

    name: str
    location: str
    required: bool
    pointer: str
    types: frozenset[str]
    default: Any


@dataclass(frozen=True)
class BodyContract:
    """The declared request body: whether it is required, and the schema for each media type."""

    required: bool
    media_types: Mapping[str, str]


@dataclass(frozen=True)
class OperationContract:
    """One operation as the spec declares it."""

    operation_id: str
    method: str
    path: str
    parameters: tuple[ParameterContract, ...]
    body: BodyContract | None


@dataclass(frozen=True)
class ValidRequest:
    """A request that passed the contract: typed parameters (defaults filled in) and the parsed body."""

    params: dict[str, Any]
    body: Any


class Contract:
    """One API's spec compiled for checking requests and documents against its schemas."""

    def __init__(self, spec: dict[str, Any]) -> None:
        self.spec = spec
        self._registry: Registry = Registry().with_resource(_SPEC_URI, Resource.from_contents(spec, DRAFT202012))
        self._validator_class = jsonschema.validators.extend(Draft202012Validator, {"pattern": _ecma_pattern})
        self._format_checker = _format_checker()
        self._validators: dict[str, Any] = {}
        self.operations = {operation.operation_id: operation for operation in _operations(spec)}

    def errors(self, pointer: str, value: Any) -> list[str]:
        """Why `value` does not validate against the schema at JSON pointer `pointer` (empty when it does)."""
        validator = self._validators.get(pointer)
        if validator is None:
            validator = self._validator_class(
                {"$ref": f"{_SPEC_URI}#{pointer}"}, registry=self._registry, format_checker=self._format_checker
            )
            self._validators[pointer] = validator
        try:
            error = best_match(validator.iter_errors(value))
        except RecursionError:
            return ["the document is nested too deeply"]
        if error is None:
            return []
        where = "/".join(str(part) for part in error.absolute_path)
        message = f"{where}: {error.message}" if where else error.message
        return [message if len(message) <= _MESSAGE_LIMIT else message[: _MESSAGE_LIMIT - 3] + "..."]

    def check_request(
        self,
        operation_id: str,
        *,
        query: Sequence[tuple[str, str]],
        headers: Mapping[str, Sequence[str]],
        path_params: Mapping[str, str],
        content_type: str | None,
        body: bytes,
    ) -> ValidRequest:
        """Validate one request for `operation_id`; raise BadRequest for the first contract violation."""
        operation = self.operations[operation_id]
        given = {"query": _group(query), "header": headers, "path": {k: [v] for k, v in path_params.items()}}
        params = {}
        for parameter in operation.parameters:
            values = given[parameter.location].get(
                parameter.name.lower() if parameter.location == "header" else parameter.name
            )
            value = self._parameter(parameter, values or [])
            if value is not _ABSENT:
                params[parameter.name] = value
        return ValidRequest(params, self._body(operation.body, content_type, body))

    def _parameter(self, parameter: ParameterContract, values: Sequence[str]) -> Any:
        label = f"{parameter.location} parameter {parameter.name!r}"
        if not values:
            if parameter.required:
                raise BadRequest(f"missing required {label}", parameter.location)
            return _ABSENT if parameter.default is None else parameter.default
        if len(values) > 1:
            raise BadRequest(f"{label} is given more than once", parameter.location)
        value = _coerce(values[0], parameter.types)
        errors = self.errors(parameter.pointer, value)
        if errors:
            raise BadRequest(f"invalid {label}: {errors[0]}", parameter.location)
        return value

    def _body(self, contract: BodyContract | None, content_type: str | None, body: bytes) -> Any:
        if contract is None:
            return None
        if not body:
            if contract.required:
                raise BadRequest("the request body is required", "body")
            return None
        media_type = (content_type or "").split(";")[0].strip().lower()
        pointer = contract.media_types.get(media_type)
        if pointer is None:
            raise BadRequest(f"Content-Type must be {' or '.join(contract.media_types)}", "body")
        try:
            value = json.loads(body.decode("utf-8"), parse_constant=reject_constant, parse_float=_finite_float)
        except (UnicodeDecodeError, ValueError, RecursionError):
            raise BadRequest("the request body is not valid JSON", "body") from None
        errors = self.errors(pointer, value)
        if errors:
            raise BadRequest(f"invalid request body: {errors[0]}", "body")
        return value


_ABSENT = object()


def is_uuid(text: str) -> bool:
    """True for the hyphenated 8-4-4-4-12 hex form of a UUID."""
    return _UUID.fullmatch(text) is not None


def is_uri(text: str) -> bool:
    """True for an absolute URI as RFC 3986 defines it."""
    match = _URI.fullmatch(text)
    if match is None:
        return False
    literal = match["literal"]
    if literal is None or _IP_FUTURE.fullmatch(literal):
        return True
    try:
        ipaddress.IPv6Address(literal)
    except ValueError:
        return False
    return True


def _format_checker() -> FormatChecker:
    checker = FormatChecker(formats=())
    checker.checks("date-time")(lambda value: not isinstance(value, str) or parse_time(value) is not None)
    checker.checks("uri")(lambda value: not isinstance(value, str) or is_uri(value))
    checker.checks("uuid")(lambda value: not isinstance(value, str) or is_uuid(value))
    checker.checks("int32")(lambda value: not isinstance(value, int) or -(2**31) <= value < 2**31)
    return checker


@functools.lru_cache(maxsize=64)
def _ecma_regex(pattern: str) -> re.Pattern[str]:
    """Compile an ECMA 262 pattern for Python: an unescaped `$` outside a class matches only at the very end."""
    out, escaped, in_class = [], False, False
    for char in pattern:
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        elif char == "$":
            char = r"\Z"
        out.append(char)
    return re.compile("".join(out))


def _ecma_pattern(validator: Any, pattern: str, instance: Any, schema: Any) -> Iterator[ValidationError]:
    if validator.is_type(instance, "string") and not _ecma_regex(pattern).search(instance):
        yield ValidationError(f"{instance!r} does not match {pattern!r}")


def _coerce(raw: str, types: frozenset[str]) -> Any:
    """A query, header or path string as the type its schema declares; left a string when it is not one."""
    if "integer" in types and _INTEGER.fullmatch(raw):
        return int(raw)
    if "boolean" in types and raw in ("true", "false"):
        return raw == "true"
    return raw


def _group(pairs: Sequence[tuple[str, str]]) -> dict[str, list[str]]:
    grouped: dict[str, list[str]] = {}
    for name, value in pairs:
        grouped.setdefault(name, []).append(value)
    return grouped


def _finite_float(text: str) -> float:
    value = float(text)
    if value in (float("inf"), float("-inf")):
        raise ValueError("number out of range")
    return value


def _operations(spec: dict[str, Any]) -> Iterator[OperationContract]:
    for path, item in spec.get("paths", {}).items():
        path_pointer = f"/paths/{escape(path)}"
        shared = list(enumerate(item.get("parameters", [])))
        for method in _METHODS:
            operation = item.get(method)
            if operation is None:
                continue
            op_pointer = f"{path_pointer}/{method}"
            declared = {}
            for base, entries in (
                (path_pointer, shared),
                (op_pointer, list(enumerate(operation.get("parameters", [])))),
            ):
                for index, entry in entries:
                    parameter = _parameter(spec, entry, f"{base}/parameters/{index}")
                    declared[(parameter.name, parameter.location)] = parameter
            yield OperationContract(
                operation_id=operation["operationId"],
                method=method.upper(),
                path=path,
                parameters=tuple(declared.values()),
                body=_body(spec, operation.get("requestBody"), f"{op_pointer}/requestBody"),
            )


def _parameter(spec: dict[str, Any], entry: Any, pointer: str) -> ParameterContract:
    parameter, target = resolve_ref(spec, entry)
    schema_pointer = f"{target or pointer}/schema"
    schema, _ = resolve_ref(spec, parameter.get("schema", {}))
    declared = schema.get("type", "string")
    return ParameterContract(
        name=parameter["name"],
        location=parameter["in"],
        required=bool(parameter.get("required", False)),
        pointer=schema_pointer,
        types=frozenset(declared if isinstance(declared, list) else [declared]),
        default=schema.get("default"),
    )


def _body(spec: dict[str, Any], entry: Any, pointer: str) -> BodyContract | None:
    if entry is None:
        return None
    body, target = resolve_ref(spec, entry)
    base = target or pointer
    media_types = {name: f"{base}/content/{escape(name)}/schema" for name in body.get("content", {})}
    return BodyContract(required=bool(body.get("required", False)), media_types=media_types)
