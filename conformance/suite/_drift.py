"""Drift that is not a failure: response fields the spec does not document, values of fields it leaves open."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from conformance.core._pointer import resolve

_JSON_TYPES = {dict: "object", list: "array", str: "string", bool: "boolean", int: "integer", float: "number"}


@dataclass(frozen=True)
class Sighting:
    """One drift sighting in one response: an undocumented field, or a value of an open field."""

    kind: str
    location: str
    value: str | None = None


def response_schema(spec: dict[str, Any], path: str, method: str, status: int) -> dict[str, Any] | None:
    """The JSON body schema the spec gives for this operation and status code, if any."""
    responses = spec["paths"][path][method.lower()]["responses"]
    for key in (str(status), f"{str(status)[0]}XX", f"{str(status)[0]}xx", "default"):
        if key in responses:
            content = resolve(spec, responses[key]).get("content", {})
            media = content.get("application/json")
            return resolve(spec, media.get("schema")) if media else None
    return None


def _type_of(value: Any) -> str:
    return _JSON_TYPES.get(type(value), "null")


def _variant_for(spec: dict[str, Any], schema: dict[str, Any], value: Any) -> dict[str, Any]:
    for key in ("oneOf", "anyOf"):
        for variant in schema.get(key, ()):
            variant = resolve(spec, variant)
            declared = variant.get("type")
            types = declared if isinstance(declared, list) else [declared]
            if _type_of(value) in types or (_type_of(value) == "integer" and "number" in types):
                return variant
    return schema


@dataclass
class DriftWalker:
    """Walks response bodies beside their schemas; remembers how each schema resolves for each JSON type."""

    spec: dict[str, Any]
    _variants: dict[tuple[int, str], dict[str, Any]] = field(default_factory=dict)

    def _schema_for(self, schema: dict[str, Any], value: Any) -> dict[str, Any]:
        key = (id(schema), _type_of(value))
        if key not in self._variants:
            self._variants[key] = _variant_for(self.spec, resolve(self.spec, schema), value)
        return self._variants[key]

    def sightings(self, schema: dict[str, Any] | None, value: Any, location: str = "") -> Iterator[Sighting]:
        """Walk a response body beside its schema and yield what drifted from the documented shape."""
        if schema is None or value is None:
            return
        schema = self._schema_for(schema, value)
        if schema.get("x-open-values") and isinstance(value, str):
            yield Sighting("open_value", location or "/", value)
        if isinstance(value, dict):
            properties = schema.get("properties", {})
            free_form = schema.get("additionalProperties") not in (None, False)
            for key, item in value.items():
                child = f"{location}/{key}"
                if key in properties:
                    yield from self.sightings(properties[key], item, child)
                elif not free_form:
                    yield Sighting("undocumented_field", child)
        elif isinstance(value, list) and "items" in schema:
            for item in value:
                yield from self.sightings(schema["items"], item, f"{location}/*")
