"""Reading what the audit compares: OpenAPI documents (files or `git:REV:PATH`) with their `$ref`s resolved, and runs.

A resolved document is plain data in which every `$ref` has been replaced by the node it points to. Two references
to the same node give the same Python object, so a circular reference becomes a cycle of Python objects: walkers
must track the nodes they are inside (the spec diff does). `Document.names` remembers what each referenced node was
called (`/components/schemas/Task`), so a change inside a shared component can be reported once, at its own place.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

import yaml
from jsonschema_path import SchemaPath
from openapi_spec_validator.shortcuts import get_validator_cls
from referencing import Registry, Resource
from referencing.exceptions import Unresolvable

from conformance._results import RunReport
from conformance.core._spec import SpecError, parse_spec_text
from conformance.report import ResultsError, load_results

GIT_PREFIX = "git:"
SUPPORTED_OPENAPI = ("3.0.", "3.1.")

Reader = Callable[[str], str]


class AuditInputError(ValueError):
    """An input the audit cannot use; the message says which, why, and what to do, on one line."""


@dataclass(frozen=True)
class Document:
    """An OpenAPI 3.0 or 3.1 document with every `$ref` resolved (circular ones become object cycles).

    `names` maps the `id()` of each node a `$ref` led to onto the reference's target: a JSON pointer into this
    document (`/components/schemas/Task`) or, for another file, the reference as written.
    """

    source: str
    openapi: str
    root: dict[str, Any]
    names: Mapping[int, str] = field(default_factory=dict, compare=False, repr=False)

    def name_of(self, node: Any) -> str | None:
        """What the `$ref`s that led to `node` pointed to, or None when none did."""
        return self.names.get(id(node))


def load_document(source: str, cwd: Path | None = None) -> Document:
    """Read, validate and resolve the document at `source`: a file path, or `git:REV:PATH` read with `git show`."""
    cwd = Path.cwd() if cwd is None else cwd
    if source.startswith(GIT_PREFIX):
        rev, _, path = source.removeprefix(GIT_PREFIX).partition(":")
        if not rev or not path:
            raise AuditInputError(
                f"{source!r} is not of the form git:REV:PATH; write e.g. git:origin/main:specs/x.yaml"
            )
        read = _git_reader(source, rev, cwd)
    else:
        path, read = source, _file_reader(source)
    base_uri = (cwd / path).resolve().as_uri()
    return _document(source, read(base_uri), base_uri, read)


def parse_document(raw: dict[str, Any], source: str = "<memory>") -> Document:
    """Validate and resolve an already parsed document whose `$ref`s are all local ("#/...")."""
    base_uri = f"urn:taskconform:{source}"

    def nothing(uri: str) -> str:
        raise AuditInputError(f"spec {source}: a document given as data cannot refer to another file ({uri})")

    return _checked(raw, source, base_uri, nothing)


def load_run(path: Path | str) -> RunReport:
    """Read a run's results: a `results.json` file, or a report directory holding one (validated by its schema)."""
    try:
        return load_results(Path(path))
    except ResultsError as exc:
        raise AuditInputError(
            f"run results {exc}; pass a report directory written by `taskconform run --report-dir` "
            "(or its results.json) of this version"
        ) from None


def _document(source: str, text: str, base_uri: str, read: Reader) -> Document:
    try:
        raw = parse_spec_text(text, source=source)
    except SpecError as exc:
        raise AuditInputError(f"{exc}; fix the document or pass another one") from None
    return _checked(raw, source, base_uri, read)


def _checked(raw: dict[str, Any], source: str, base_uri: str, read: Reader) -> Document:
    version = str(raw.get("openapi", raw.get("swagger", "")))
    if not version.startswith(SUPPORTED_OPENAPI):
        raise AuditInputError(
            f"spec {source} is OpenAPI {version}; the audit compares OpenAPI 3.0 and 3.1 documents, convert it first"
        )
    root, names = _resolve(raw, source, base_uri, read)
    load = cache(lambda uri: _fragment(read(uri), uri))
    validator = get_validator_cls(raw)(SchemaPath.from_dict(raw, base_uri=base_uri, handlers={"file": load}))
    error = next(iter(validator.iter_errors()), None)
    if error is not None:
        where = "/" + "/".join(str(p) for p in error.path)
        first_line = error.message.splitlines()[0]
        raise AuditInputError(
            f"spec {source} is not valid OpenAPI {version}: {first_line} (at {where}); fix the document first"
        )
    return Document(source=source, openapi=version, root=root, names=names)


def _resolve(raw: dict[str, Any], source: str, base_uri: str, read: Reader) -> tuple[dict[str, Any], dict[int, str]]:
    """`raw` with every `$ref` replaced by its target (one shared object per target, so cycles stay finite), and
    the name of every target by the `id()` of its resolved node."""
    retrieve = cache(lambda uri: Resource.opaque(_fragment(read(uri), uri)))
    registry: Registry[Any] = Registry(retrieve=retrieve).with_resource(base_uri, Resource.opaque(raw))
    built: dict[int, Any] = {}  # id of a raw object or array -> its resolved copy, shared by every way to reach it
    building: set[int] = set()
    following: set[int] = set()
    names: dict[int, str] = {}

    def walk(node: Any, resolver: Any) -> Any:
        if isinstance(node, dict) and isinstance(node.get("$ref"), str):
            return reference(node, resolver)
        if not isinstance(node, dict | list):
            return node
        if id(node) not in built:
            copy: Any = built.setdefault(id(node), type(node)())
            building.add(id(node))
            if isinstance(node, dict):
                copy.update({key: walk(value, resolver) for key, value in node.items()})
            else:
                copy.extend(walk(item, resolver) for item in node)
            building.discard(id(node))
        return built[id(node)]

    def reference(node: dict[str, Any], resolver: Any) -> Any:
        ref = node["$ref"]
        if id(node) in following:
            raise AuditInputError(f"spec {source}: $ref {ref!r} only leads back to itself; make it point to content")
        try:
            resolved = resolver.lookup(ref)
        except Unresolvable as exc:
            cause: BaseException | None = exc
            while cause is not None and not isinstance(cause, AuditInputError):
                cause = cause.__cause__  # a file that could not be read says so itself
            if cause is not None:
                raise cause from None
            raise AuditInputError(
                f"spec {source}: $ref {ref!r} cannot be resolved; "
                "make it point into the document or to a file beside it"
            ) from None
        following.add(id(node))
        target = walk(resolved.contents, resolved.resolver)
        following.discard(id(node))
        siblings = {key: walk(value, resolver) for key, value in node.items() if key != "$ref"}
        # Keys beside a $ref (3.1 summary/description, schema keywords) override the target's; a target still being
        # built (a cycle) cannot be copied yet, so there the siblings are dropped.
        if siblings and isinstance(target, dict) and id(resolved.contents) not in building:
            target = {**target, **siblings}
        names.setdefault(id(target), ref.removeprefix("#"))
        return target

    return walk(raw, registry.resolver(base_uri)), names


def _fragment(text: str, uri: str) -> Any:
    """A file a `$ref` points into: any YAML or JSON, not necessarily a whole OpenAPI document."""
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise AuditInputError(f"{uri} does not parse as YAML or JSON ({type(exc).__name__}); fix it") from None


def _file_reader(source: str) -> Reader:
    def read(uri: str) -> str:
        path = Path(unquote(urlparse(uri).path))
        try:
            return path.read_text(encoding="utf-8")
        except OSError as exc:
            raise AuditInputError(
                f"cannot read {path} (for spec {source}): {exc.strerror or exc}; "
                "check the path, or name a committed version as git:REV:PATH"
            ) from None

    return read


def _git_reader(source: str, rev: str, cwd: Path) -> Reader:
    def read(uri: str) -> str:
        relative = os.path.relpath(unquote(urlparse(uri).path), cwd.resolve())
        try:
            done = subprocess.run(
                ["git", "show", f"{rev}:./{Path(relative).as_posix()}"], cwd=cwd, capture_output=True, text=True
            )
        except OSError as exc:
            raise AuditInputError(f"cannot run git for {source}: {exc.strerror or exc}; install git") from None
        if done.returncode != 0:
            reason = (done.stderr.strip().splitlines() or ["git show failed"])[-1].removeprefix("fatal: ").rstrip(".")
            raise AuditInputError(
                f"cannot read {source}: {reason}; check that revision {rev!r} exists in this repository "
                "(git fetch?) and that the path is committed at it"
            )
        return done.stdout

    return read
