"""A vendor's published description as the contract of a run (`--spec`): its operations, with our semantics on top.

The description is read as it stands (a whole multi-API document or a per-API file; OpenAPI 3.0 or 3.1; YAML or
JSON; `$ref`s local or to files beside it; `servers` with variables; a path, `git:REV:PATH` or an `https://` URL).
Its operations under the API's paths (those sharing a first path segment with the hand-written contract's) are
matched to the hand-written operations by method and path template, parameter names aside. A matched operation is
the vendor's (parameters, request body, responses drive generation and validation) with what the documents'
semantics need and a vendor file does not carry taken from ours: the extensions of same-named parameters (filter
fields, sorters, decisions), the parameters it lacks (required headers, pagination), links, security, operationId
and the operation's own extensions. An operation of ours the vendor lacks stays for the semantic contract, marked
`x-untested` with why; one the vendor adds is tested by its schema. Each vendor operation names where it came from
(`x-vendor`: the file and the JSON pointer).
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlparse

import httpx

from conformance._comparison import SpecComparison
from conformance.audit import AuditInputError, Document, compare_documents, load_document, parse_document
from conformance.core._pointer import pointer, resolve
from conformance.core._spec import SpecError, parse_spec_text
from conformance.suite._plan import HTTP_METHODS

UNTESTED = "x-untested"
VENDOR = "x-vendor"
FETCH_TIMEOUT = 30.0
FETCH_LIMIT = 64 * 1024 * 1024
_TEMPLATE = re.compile(r"\{[^}]*\}")


@dataclass(frozen=True)
class VendorContract:
    """The contract a run tests when `--spec` names a vendor's description, and how it met the hand-written one."""

    source: str
    spec: dict[str, Any]
    matched: tuple[str, ...]  # our operations the vendor describes
    added: tuple[str, ...]  # the vendor's operations under the API's paths that ours lacks
    missing: tuple[str, ...]  # our operations the vendor's description lacks (not tested)
    unresolved: tuple[str, ...]  # `$ref`s in the vendor's literal data that resolve nowhere, where they are


def is_ours(spec: dict[str, Any]) -> bool:
    """True for a version of a hand-written contract (it names its sources), False for a vendor's description."""
    return isinstance(spec.get("info"), dict) and "x-source" in spec["info"]


def read_description(source: str) -> Document:
    """The vendor's description at `source` (a path, `git:REV:PATH` or an https URL), its `$ref`s resolved."""
    try:
        if source.startswith(("https://", "http://")):
            return parse_document(parse_spec_text(_fetch(source), source=source), source, validate=False)
        return load_document(source, validate=False)
    except (AuditInputError, SpecError) as error:
        raise SpecError(str(error)) from None


def vendor_contract(ours: dict[str, Any], base_path: str, document: Document) -> VendorContract:
    """The contract of a run against a vendor's description: its operations under the API's paths, our semantics."""
    source = document.source
    vendor = document.root
    under = _vendor_operations(vendor, base_path, _prefixes(ours))
    if not under:
        raise SpecError(f"spec {source} describes none of the API's operations (no path under {base_path} matches)")
    merged = copy.deepcopy(ours)
    matched, missing = [], []
    for path, method, operation in _operations(ours):
        found = under.pop((method, _shape(path)), None)
        label = f"{method.upper()} {path}"
        if found is None:
            merged["paths"][path][method][UNTESTED] = f"not tested: {source} has no {label}"
            missing.append(label)
            continue
        vendor_path, vendor_operation = found
        merged["paths"][path][method] = _merged(ours, path, operation, vendor_path, vendor_operation, method, source)
        matched.append(label)
    added = []
    for (method, _), (vendor_path, vendor_operation) in sorted(under.items(), key=lambda item: item[1][0]):
        plain = _plain(vendor_operation)
        plain.pop("security", None)
        plain[VENDOR] = {"file": source, "pointer": pointer(("paths", vendor_path, method))}
        merged["paths"].setdefault(_relative(vendor_path, vendor, base_path), {})[method] = plain
        added.append(f"{method.upper()} {_relative(vendor_path, vendor, base_path)}")
    unresolved = tuple(f"{ref.document}{ref.pointer} -> {ref.target}" for ref in document.unresolved)
    merged[VENDOR] = {"file": source, "matched": matched, "added": added, "missing": missing, "unresolved": unresolved}
    return VendorContract(source, merged, tuple(matched), tuple(added), tuple(missing), unresolved)


def from_vendor(spec: dict[str, Any]) -> bool:
    """True for a contract merged from a vendor's description (its semantics are the hand-written spec's)."""
    return VENDOR in spec


def contract_changes(own: dict[str, Any], own_label: str, spec: dict[str, Any]) -> SpecComparison:
    """The spec audit of the hand-written contract against the contract a vendor's description made (`--spec`)."""
    tested = str(spec.get(VENDOR, {}).get("file", "the vendor's description"))
    old = parse_document(own, own_label, validate=False)
    new = parse_document({k: v for k, v in spec.items() if k != VENDOR}, tested, validate=False)
    return compare_documents(old, new)


def untested(spec: dict[str, Any]) -> dict[str, str]:
    """The operations a run must not test, and why (`x-untested`)."""
    return {
        f"{method.upper()} {path}": operation[UNTESTED]
        for path, method, operation in _operations(spec)
        if UNTESTED in operation
    }


def _fetch(url: str) -> str:
    """The text at an https URL, read once; SpecError with one line when it cannot be had."""
    try:
        with httpx.stream("GET", url, timeout=FETCH_TIMEOUT, follow_redirects=True) as response:
            response.raise_for_status()
            body = bytearray()
            for chunk in response.iter_bytes():
                body += chunk
                if len(body) > FETCH_LIMIT:
                    raise SpecError(f"spec {url} is over {FETCH_LIMIT // (1024 * 1024)} MiB")
            return body.decode("utf-8", "replace")
    except httpx.HTTPStatusError as error:
        raise SpecError(f"cannot read spec {url}: the server answered {error.response.status_code}") from None
    except httpx.HTTPError as error:
        detail = (str(error).splitlines() or [""])[0]
        raise SpecError(f"cannot read spec {url}: {type(error).__name__}: {detail}") from None


def _operations(spec: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    return [
        (path, method, item[method])
        for path, item in spec.get("paths", {}).items()
        if isinstance(item, dict)
        for method in HTTP_METHODS
        if isinstance(item.get(method), dict)
    ]


def _shape(path: str) -> str:
    """A path template with its parameter names left out: `/tasks/{id}` and `/tasks/{task_id}` are one shape."""
    return _TEMPLATE.sub("{}", path.rstrip("/") or "/")


def _prefixes(ours: dict[str, Any]) -> set[str]:
    """The first path segments of the hand-written contract: the API's paths in a whole-API description."""
    return {path.strip("/").split("/")[0] for path in ours.get("paths", {})}


def _server_path(vendor: dict[str, Any]) -> str:
    """The path of the description's first server URL, its variables at their defaults."""
    servers = vendor.get("servers") or [{"url": "/"}]
    server = servers[0] if isinstance(servers[0], dict) else {"url": "/"}
    url = str(server.get("url", "/"))
    for name, variable in (server.get("variables") or {}).items():
        url = url.replace("{" + name + "}", str((variable or {}).get("default", "")))
    return urlparse(url).path.rstrip("/")


def _relative(path: str, vendor: dict[str, Any], base_path: str) -> str:
    """A vendor path as the API's base path sees it (a description whose server URL stops short of it)."""
    if _server_path(vendor) != base_path and path.startswith(base_path + "/"):
        return path[len(base_path) :]
    return path


def _vendor_operations(
    vendor: dict[str, Any], base_path: str, prefixes: set[str]
) -> dict[tuple[str, str], tuple[str, dict[str, Any]]]:
    found: dict[tuple[str, str], tuple[str, dict[str, Any]]] = {}
    for path, method, operation in _operations(vendor):
        relative = _relative(path, vendor, base_path)
        if relative.strip("/").split("/")[0] in prefixes:
            # The path item's parameters belong to each of its operations (the operation's own win).
            shared = [p for p in vendor["paths"][path].get("parameters", []) if isinstance(p, dict)]
            own = {(p.get("name"), p.get("in")) for p in operation.get("parameters", []) if isinstance(p, dict)}
            inherited = [p for p in shared if (p.get("name"), p.get("in")) not in own]
            whole = {**operation, "parameters": [*inherited, *operation.get("parameters", [])]}
            found.setdefault((method, _shape(relative)), (path, whole))
    return found


def _key(parameter: dict[str, Any]) -> tuple[str, str]:
    where = str(parameter.get("in", ""))
    name = str(parameter.get("name", ""))
    return (name.lower() if where == "header" else name, where)


def _merged(
    ours: dict[str, Any],
    path: str,
    operation: dict[str, Any],
    vendor_path: str,
    vendor_operation: dict[str, Any],
    method: str,
    source: str,
) -> dict[str, Any]:
    """The vendor's operation, its path parameters named as ours, with our semantics on top."""
    merged = _plain(vendor_operation)
    renamed = dict(zip(_TEMPLATE.findall(vendor_path), _TEMPLATE.findall(path), strict=False))
    declared = [*ours["paths"][path].get("parameters", []), *operation.get("parameters", [])]
    own = {_key(resolve(ours, p)): p for p in declared}
    parameters = []
    for parameter in merged.get("parameters", []):
        if parameter.get("in") == "path":
            parameter["name"] = renamed.get("{" + str(parameter.get("name")) + "}", "{x}")[1:-1]
        mine = resolve(ours, own.pop(_key(parameter), {}))
        parameters.append({**parameter, **{k: v for k, v in mine.items() if k.startswith("x-")}})
    merged["parameters"] = parameters + list(own.values())
    for status, response in merged.get("responses", {}).items():
        links = resolve(ours, operation.get("responses", {}).get(status, {})).get("links")
        if links and isinstance(response, dict):
            response["links"] = links
    merged.pop("security", None)
    for key in ("operationId", "security", *(k for k in operation if k.startswith("x-"))):
        if key in operation:
            merged[key] = operation[key]
    if "requestBody" not in merged and "requestBody" in operation:
        merged["requestBody"] = operation["requestBody"]
    merged[VENDOR] = {"file": source, "pointer": pointer(("paths", vendor_path, method))}
    return merged


def _plain(node: Any, inside: tuple[int, ...] = ()) -> Any:
    """A resolved node as plain JSON data: a reference cycle (a recursive schema) is cut to an open schema."""
    if isinstance(node, dict):
        if id(node) in inside:
            return {}
        return {key: _plain(value, (*inside, id(node))) for key, value in node.items()}
    if isinstance(node, list):
        return [_plain(item, inside) for item in node]
    return node
