"""Whole-API documents shaped like a vendor's published, dereferenced description, written for the tests.

`vendor_document` builds an OpenAPI 3.0.1 document with hundreds of unrelated operations, server variables, big
inline schemas (every `$ref` already replaced by its target, as dereferencing tools publish them) and, on request,
one `$ref` inside an example of an unrelated operation that points into a folder that does not exist.
"""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

DANGLING_REF = "../../beta/schemas/NoSuchFolder/Gone.yaml"
DANGLING_OPERATION = "/resources-7/{id}"


def _field(rng: random.Random, name: str, depth: int) -> dict[str, Any]:
    """One property: a scalar with constraints, an enum, an array or (while `depth` allows) an object."""
    kind = rng.choice(("string", "integer", "enum", "array", "object", "date") if depth else ("string", "integer"))
    if kind == "string":
        return {"type": "string", "description": f"The {name} of the resource.", "maxLength": 255, "example": name}
    if kind == "integer":
        return {"type": "integer", "format": "int32", "minimum": 0, "description": f"How many {name}.", "example": 3}
    if kind == "date":
        return {"type": "string", "format": "date-time", "nullable": True, "example": "2024-01-02T03:04:05Z"}
    if kind == "enum":
        return {"type": "string", "enum": ["ACTIVE", "PENDING", "DISABLED", "ERROR"], "example": "ACTIVE"}
    if kind == "array":
        return {"type": "array", "items": _object(rng, depth - 1, 3), "description": f"Every {name}."}
    return _object(rng, depth - 1, 4)


def _object(rng: random.Random, depth: int, width: int) -> dict[str, Any]:
    names = [f"field{rng.randrange(100)}{suffix}" for suffix in "abcdefghij"[:width]]
    return {
        "type": "object",
        "description": "An inline schema, copied wherever it is used.",
        "required": names[:2],
        "properties": {name: _field(rng, name, depth) for name in names},
    }


def _error() -> dict[str, Any]:
    return {
        "description": "An error.",
        "content": {
            "application/json": {
                "schema": {
                    "type": "object",
                    "properties": {
                        "detailCode": {"type": "string", "example": "400.1 Bad Request Content"},
                        "trackingId": {"type": "string", "example": "e7eab60924f64aa284175b9fa3309599"},
                        "messages": {
                            "type": "array",
                            "items": {
                                "type": "object",
                                "properties": {
                                    "locale": {"type": "string", "nullable": True, "example": "en-US"},
                                    "text": {"type": "string", "example": "The request was syntactically correct."},
                                },
                            },
                        },
                    },
                }
            }
        },
    }


def _operations(rng: random.Random, index: int, version: int) -> dict[str, Any]:
    resource = _object(rng, 2, 3)
    tag = f"Resources {index % 40}"
    listing: dict[str, Any] = {
        "tags": [tag],
        "summary": f"List resources {index}",
        "operationId": f"listResources{index}",
        "description": "Lists resources of this kind. " * 4,
        "parameters": [
            {"in": "query", "name": "limit", "schema": {"type": "integer", "minimum": 0, "maximum": 250}},
            {"in": "query", "name": "offset", "schema": {"type": "integer", "minimum": 0}},
            {"in": "query", "name": "filters", "schema": {"type": "string"}, "example": 'name eq "x"'},
        ],
        "responses": {
            "200": {
                "description": "The resources.",
                "content": {"application/json": {"schema": {"type": "array", "items": resource}}},
            },
            **{code: _error() for code in ("400", "500")},
        },
        "security": [{"userAuth": [f"idn:resource-{index}:read"]}],
    }
    single: dict[str, Any] = {
        "tags": [tag],
        "summary": f"Get a resource {index}",
        "operationId": f"getResource{index}",
        "parameters": [{"in": "path", "name": "id", "required": True, "schema": {"type": "string"}}],
        "responses": {
            "200": {
                "description": "The resource.",
                "content": {
                    "application/json": {
                        "schema": resource,
                        "examples": {"sample": {"summary": "A resource", "value": {"id": f"res-{index}"}}},
                    }
                },
            },
            **{code: _error() for code in ("404",)},
        },
    }
    if version > 1 and index % 50 == 3:
        listing["parameters"].append({"in": "query", "name": "sorters", "required": True, "schema": {"type": "string"}})
    if version > 1 and index % 60 == 5:
        single["deprecated"] = True
    return {f"/resources-{index}": {"get": listing}, f"/resources-{index}/{{id}}": {"get": single}}


def vendor_document(version: int = 1, operations: int = 280, *, dangling: bool = True) -> dict[str, Any]:
    """A dereferenced OpenAPI 3.0.1 document of `operations` pairs of operations; `version` 2 changes a few."""
    rng = random.Random(2024)  # the same inline schemas in every version: the differences are the edits below
    paths: dict[str, Any] = {}
    for index in range(operations):
        paths |= _operations(rng, index, version)
    if dangling:
        example = paths[DANGLING_OPERATION]["get"]["responses"]["200"]["content"]["application/json"]
        example["examples"]["sample"]["value"] = {"id": "res-7", "owner": {"$ref": DANGLING_REF}}
    if version > 1:
        del paths["/resources-11/{id}"]
    return {
        "openapi": "3.0.1",
        "info": {"title": "Vendor API", "version": f"v{2023 + version}", "description": "A whole vendor API."},
        "servers": [
            {
                "url": "https://{tenant}.api.example.com/v{apiVersion}",
                "variables": {"tenant": {"default": "sailpoint"}, "apiVersion": {"default": str(2023 + version)}},
            },
            {"url": "https://{apiUrl}/v{apiVersion}", "variables": {"apiUrl": {"default": "sailpoint.example.com"}}},
        ],
        "tags": [{"name": f"Resources {i}", "description": "A group of operations."} for i in range(40)],
        "security": [{"userAuth": []}],
        "paths": paths,
        "components": {
            "securitySchemes": {
                "userAuth": {
                    "type": "oauth2",
                    "flows": {
                        "clientCredentials": {
                            "tokenUrl": "https://tenant.api.example.com/oauth/token",
                            "scopes": {f"idn:resource-{i}:read": "read" for i in range(operations)},
                        }
                    },
                }
            }
        },
    }


def write_vendor_document(path: Path, version: int = 1, operations: int = 280, *, dangling: bool = True) -> Path:
    """Write `vendor_document(...)` as indented JSON at `path` (as vendors publish them) and return the path."""
    path.write_text(json.dumps(vendor_document(version, operations, dangling=dangling), indent=2))
    return path
