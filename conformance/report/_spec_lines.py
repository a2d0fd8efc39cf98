"""Where each operation is written in an OpenAPI document: the line of `get:` under `paths: /x:`."""

from __future__ import annotations

import yaml

HTTP_METHODS = frozenset({"get", "put", "post", "delete", "options", "head", "patch", "trace"})


def operation_lines(text: str) -> dict[str, int]:
    """1-based lines of every operation ("GET /tasks") and of every path ("/tasks") of an OpenAPI document (YAML or
    JSON); empty when the text does not parse or has no paths."""
    try:
        root = yaml.compose(text)
    except yaml.YAMLError:
        return {}
    lines: dict[str, int] = {}
    paths = next((value for key, value in _entries(root) if key.value == "paths"), None)
    for path_key, path_item in _entries(paths):
        lines[path_key.value] = path_key.start_mark.line + 1
        for method_key, _ in _entries(path_item):
            if method_key.value in HTTP_METHODS:
                lines[f"{method_key.value.upper()} {path_key.value}"] = method_key.start_mark.line + 1
    return lines


def _entries(node: yaml.Node | None) -> list[tuple[yaml.ScalarNode, yaml.Node]]:
    """The entries of a mapping node with a scalar key; none for any other node."""
    if not isinstance(node, yaml.MappingNode):
        return []
    return [(key, value) for key, value in node.value if isinstance(key, yaml.ScalarNode)]
