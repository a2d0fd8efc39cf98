"""Reading what the audit compares: OpenAPI documents (files or `git:REV:PATH`) with their `$ref`s resolved, and runs.

A resolved document is plain data in which every `$ref` has been replaced by the node it points to. Two references
to the same node give the same Python object, so a circular reference becomes a cycle of Python objects: walkers
must track the nodes they are inside (the spec diff does). `Document.names` remembers what each referenced node was
called (`/components/schemas/Task`), so a change inside a shared component can be reported once, at its own place.

A document is validated against its version's OpenAPI JSON Schema only (fast on a vendor's whole-API file; the
comparison needs the structure, not every semantic rule). A `$ref` inside literal data (an example, a default, an
extension) that resolves nowhere is kept as written and listed (`Document.unresolved`); one anywhere else refuses
the document. `git:REV:PATH` is read from a working tree (PATH relative to the current folder) or from a bare
repository (PATH from its root), the current folder's or the one `GIT_DIR` names.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cache
from itertools import islice
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urldefrag, urljoin, urlparse

import yaml
from openapi_spec_validator.schemas import openapi_v30_schema_validator, openapi_v31_schema_validator
from referencing import Registry, Resource
from referencing.exceptions import Unresolvable

from conformance._results import RunReport
from conformance.core._pointer import pointer
from conformance.core._spec import SpecError, load_yaml, parse_spec_text
from conformance.report import ResultsError, load_results

GIT_PREFIX = "git:"
MAX_PROBLEMS = 20
"""How many places breaking OpenAPI's JSON Schema a document lists before it stops looking."""
SUPPORTED_OPENAPI = ("3.0.", "3.1.")

# The OpenAPI JSON Schema each version is validated against (jsonschema-rs when installed: fast on whole-API files).
_VALIDATORS = {"3.0.": openapi_v30_schema_validator, "3.1.": openapi_v31_schema_validator}

# Keys whose values are literal data, not OpenAPI structure: a `$ref` under them that resolves nowhere is kept as
# written and reported (`Document.unresolved`) instead of refusing the document.
_LITERAL_KEYS = frozenset({"example", "examples", "default", "enum", "const"})

Reader = Callable[[str], str]


class AuditInputError(ValueError):
    """An input the audit cannot use; the message says which, why, and what to do, on one line."""


@dataclass(frozen=True)
class SchemaProblem:
    """A place where a document breaks its OpenAPI version's JSON Schema (a vendor's slip deep inside one operation):
    the document, the JSON pointer of the element and what is wrong. The document is compared as it stands."""

    document: str
    pointer: str
    message: str


@dataclass(frozen=True)
class UnresolvedRef:
    """A `$ref` in literal data (an example, a default) that resolves nowhere: the document it is written in, the
    JSON pointer of the object holding it there, and its target as written."""

    document: str
    pointer: str
    target: str


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
    unresolved: tuple[UnresolvedRef, ...] = ()
    problems: tuple[SchemaProblem, ...] = ()

    def name_of(self, node: Any) -> str | None:
        """What the `$ref`s that led to `node` pointed to, or None when none did."""
        return self.names.get(id(node))


def load_document(source: str, cwd: Path | None = None, *, validate: bool = True) -> Document:
    """Read, validate and resolve the document at `source`: a file path, or `git:REV:PATH` read with `git show`.

    Without `validate` the document is taken as it stands (a vendor's description with a slip in an unrelated
    operation is still read); its version must still be OpenAPI 3.0 or 3.1."""
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
    return _document(source, read(base_uri), base_uri, read, validate)


def parse_document(raw: dict[str, Any], source: str = "<memory>", *, validate: bool = True) -> Document:
    """Validate (unless told not to) and resolve an already parsed document whose `$ref`s are all local."""
    base_uri = f"urn:taskconform:{source}"

    def nothing(uri: str) -> str:
        raise AuditInputError(f"spec {source}: a document given as data cannot refer to another file ({uri})")

    return _checked(raw, source, base_uri, nothing, validate)


def load_run(path: Path | str) -> RunReport:
    """Read a run's results: a `results.json` file, or a report directory holding one (validated by its schema)."""
    try:
        return load_results(Path(path))
    except ResultsError as exc:
        raise AuditInputError(
            f"run results {exc}; pass a report directory written by `taskconform run --report-dir` "
            "(or its results.json) of this version"
        ) from None


def _document(source: str, text: str, base_uri: str, read: Reader, validate: bool) -> Document:
    try:
        raw = parse_spec_text(text, source=source)
    except SpecError as exc:
        raise AuditInputError(f"{exc}; fix the document or pass another one") from None
    return _checked(raw, source, base_uri, read, validate)


def _checked(raw: dict[str, Any], source: str, base_uri: str, read: Reader, validate: bool = True) -> Document:
    version = str(raw.get("openapi", raw.get("swagger", "")))
    if not version.startswith(SUPPORTED_OPENAPI):
        raise AuditInputError(
            f"spec {source} is OpenAPI {version}; the audit compares OpenAPI 3.0 and 3.1 documents, convert it first"
        )
    errors = list(islice(_VALIDATORS[version[:4]].iter_errors(raw), MAX_PROBLEMS)) if validate else []
    # A slip deep inside an element is listed and the document compared as it stands; a broken skeleton (the top
    # level, `paths` or `components` themselves) is refused: there is nothing to compare.
    shallow = next((error for error in errors if len(error.path) <= 1), None)
    if shallow is not None:
        raise AuditInputError(
            f"spec {source} is not valid OpenAPI {version}: {_first_line(shallow.message)} "
            f"(at {pointer(shallow.path) or '/'}); fix the document first"
        )
    problems = tuple(SchemaProblem(source, pointer(error.path), _problem(error)) for error in errors)
    root, names, unresolved = _resolve(raw, source, base_uri, read)
    return Document(
        source=source, openapi=version, root=root, names=names, unresolved=unresolved, problems=problems
    )


def _problem(error: Any) -> str:
    """What is wrong, without the element itself (which the pointer names)."""
    if error.validator in ("oneOf", "anyOf"):
        return f"the element has none of the shapes OpenAPI allows here ({error.validator})"
    return _first_line(error.message)


def _first_line(message: str, limit: int = 240) -> str:
    line = message.splitlines()[0] if message else ""
    return line if len(line) <= limit else line[: limit - 1] + "…"


def _resolve(
    raw: dict[str, Any], source: str, base_uri: str, read: Reader
) -> tuple[dict[str, Any], dict[int, str], tuple[UnresolvedRef, ...]]:
    """`raw` with every `$ref` replaced by its target (one shared object per target, so cycles stay finite), the
    name of every target by the `id()` of its resolved node, and the `$ref`s in literal data that resolve nowhere."""
    retrieve = cache(lambda uri: Resource.opaque(_fragment(read(uri), uri)))
    registry: Registry[Any] = Registry(retrieve=retrieve).with_resource(base_uri, Resource.opaque(raw))
    built: dict[int, Any] = {}  # id of a raw object or array -> its resolved copy, shared by every way to reach it
    building: set[int] = set()
    following: set[int] = set()
    names: dict[int, str] = {}
    dangling: list[tuple[dict[str, Any], str]] = []  # each unresolved `$ref` object and the URI of its document

    def walk(node: Any, resolver: Any, uri: str, literal: bool, key: Any) -> Any:
        if isinstance(node, dict) and isinstance(node.get("$ref"), str):
            return reference(node, resolver, uri, literal)
        if not isinstance(node, dict | list):
            return node
        if id(node) not in built:
            copy: Any = built.setdefault(id(node), type(node)())
            building.add(id(node))
            if isinstance(node, dict):
                structure = key != "properties"  # a property may be called "example" or "x-id"
                copy.update(
                    {k: walk(v, resolver, uri, literal or (structure and _is_literal(k)), k) for k, v in node.items()}
                )
            else:
                copy.extend(walk(item, resolver, uri, literal, None) for item in node)
            building.discard(id(node))
        return built[id(node)]

    def reference(node: dict[str, Any], resolver: Any, uri: str, literal: bool) -> Any:
        ref = node["$ref"]
        if id(node) in following:
            raise AuditInputError(f"spec {source}: $ref {ref!r} only leads back to itself; make it point to content")
        try:
            resolved = resolver.lookup(ref)
        except Unresolvable as exc:
            if literal:
                dangling.append((node, uri))
                return {key: walk(value, resolver, uri, True, key) for key, value in node.items()}
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
        target_uri = uri if ref.startswith("#") else urldefrag(urljoin(uri, ref)).url
        target = walk(resolved.contents, resolved.resolver, target_uri, literal, None)
        following.discard(id(node))
        siblings = {key: walk(value, resolver, uri, literal, key) for key, value in node.items() if key != "$ref"}
        # Keys beside a $ref (3.1 summary/description, schema keywords) override the target's; a target still being
        # built (a cycle) cannot be copied yet, so there the siblings are dropped.
        if siblings and isinstance(target, dict) and id(resolved.contents) not in building:
            target = {**target, **siblings}
        names.setdefault(id(target), ref.removeprefix("#"))
        return target

    root = walk(raw, registry.resolver(base_uri), base_uri, False, None)
    unresolved = tuple(
        UnresolvedRef(
            source if uri == base_uri else _beside(uri, base_uri),
            pointer(_path_to(raw if uri == base_uri else retrieve(uri).contents, node) or ()),
            node["$ref"],
        )
        for node, uri in dangling
    )
    return root, names, unresolved


def _is_literal(key: Any) -> bool:
    """Whether the value under `key` is literal data (an example, a default, an extension), not OpenAPI structure."""
    return key in _LITERAL_KEYS or (isinstance(key, str) and key.startswith("x-"))


def _path_to(document: Any, target: Any) -> list[str | int] | None:
    """The keys and indices leading from `document` to the very object `target`, None when it is not inside."""
    stack: list[tuple[Any, Any]] = [(document, None)]  # each node with its path as (parent's path, key) links
    seen: set[int] = set()
    while stack:
        node, link = stack.pop()
        if node is target:
            path: list[str | int] = []
            while link is not None:
                link, key = link
                path.append(key)
            return path[::-1]
        if id(node) in seen:
            continue
        seen.add(id(node))
        children = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else ()
        stack.extend((child, (link, key)) for key, child in children)
    return None


def _beside(uri: str, base_uri: str) -> str:
    """The file at `uri` named relative to the folder of the document at `base_uri`."""
    folder = os.path.dirname(unquote(urlparse(base_uri).path))
    return os.path.relpath(unquote(urlparse(uri).path), folder)


def _fragment(text: str, uri: str) -> Any:
    """A file a `$ref` points into: any YAML or JSON, not necessarily a whole OpenAPI document."""
    try:
        return load_yaml(text)
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
    start = _path_start(cwd)

    def read(uri: str) -> str:
        relative = os.path.relpath(unquote(urlparse(uri).path), cwd.resolve())
        try:
            done = subprocess.run(
                ["git", "show", f"{rev}:{start}{Path(relative).as_posix()}"], cwd=cwd, capture_output=True, text=True
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


def _path_start(cwd: Path) -> str:
    """How `git show REV:PATH` names a path from `cwd`: "./" (from `cwd`) in a work tree, "" (from the repository's
    root) in a bare repository, which has no working tree for a relative path to start from."""
    try:
        done = subprocess.run(["git", "rev-parse", "--is-inside-work-tree"], cwd=cwd, capture_output=True, text=True)
    except OSError:
        return "./"  # `git show` will say that git cannot run
    return "" if done.stdout.strip() == "false" else "./"
