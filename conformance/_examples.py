"""Finding every example in an OpenAPI document and validating it against its own schema."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import jsonschema
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from conformance.core._pointer import escape

_SPEC_URI = "urn:taskconform:spec"
_SCHEMA_CHILD_MAPS = ("properties", "patternProperties", "$defs")
_SCHEMA_CHILD_LISTS = ("oneOf", "anyOf", "allOf", "prefixItems")
_SCHEMA_CHILD_SINGLE = ("items", "not", "additionalProperties", "if", "then", "else")


@dataclass(frozen=True)
class Example:
    """An example value found at `pointer`, to be valid against the schema at `schema_pointer`."""

    pointer: str
    schema_pointer: str
    value: Any


def _walk_schema(schema: Any, pointer: str) -> Iterator[Example]:
    if not isinstance(schema, dict):
        return
    if "example" in schema:
        yield Example(f"{pointer}/example", pointer, schema["example"])
    for key in _SCHEMA_CHILD_MAPS:
        for name, child in (schema.get(key) or {}).items():
            yield from _walk_schema(child, f"{pointer}/{key}/{escape(name)}")
    for key in _SCHEMA_CHILD_LISTS:
        for index, child in enumerate(schema.get(key) or []):
            yield from _walk_schema(child, f"{pointer}/{key}/{index}")
    for key in _SCHEMA_CHILD_SINGLE:
        yield from _walk_schema(schema.get(key), f"{pointer}/{key}")


def _walk(node: Any, pointer: str) -> Iterator[Example]:
    if isinstance(node, dict):
        if "schema" in node and isinstance(node["schema"], dict):
            schema_pointer = f"{pointer}/schema"
            if "example" in node:
                yield Example(f"{pointer}/example", schema_pointer, node["example"])
            for name, item in (node.get("examples") or {}).items():
                if isinstance(item, dict) and "value" in item:
                    yield Example(f"{pointer}/examples/{escape(name)}/value", schema_pointer, item["value"])
            yield from _walk_schema(node["schema"], schema_pointer)
        for key, child in node.items():
            if key in ("schema", "example", "examples"):
                continue
            if key == "schemas" and pointer == "/components":
                for name, schema in child.items():
                    yield from _walk_schema(schema, f"{pointer}/schemas/{escape(name)}")
                continue
            yield from _walk(child, f"{pointer}/{escape(str(key))}")
    elif isinstance(node, list):
        for index, child in enumerate(node):
            yield from _walk(child, f"{pointer}/{index}")


def iter_examples(spec: dict[str, Any]) -> Iterator[Example]:
    """Yield every example of the document: on parameters, media types, headers and schemas."""
    yield from _walk(spec, "")


def example_errors(spec: dict[str, Any]) -> list[str]:
    """Validate every example against its schema; return one message per invalid example."""
    registry = Registry().with_resource(_SPEC_URI, Resource.from_contents(spec, DRAFT202012))
    errors = []
    for example in iter_examples(spec):
        validator = jsonschema.Draft202012Validator(
            {"$ref": f"{_SPEC_URI}#{example.schema_pointer}"},
            registry=registry,
            format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER,
        )
        for error in validator.iter_errors(example.value):
            errors.append(f"{example.pointer}: {error.message}")
    return errors
