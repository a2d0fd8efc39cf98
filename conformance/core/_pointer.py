"""JSON pointers (RFC 6901) and local `$ref`s: one escaping, one unescaping, one resolver for the whole package."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

MAX_REF_HOPS = 32
"""How many `$ref`s in a row `resolve` follows before it gives up (a reference cycle)."""


def escape(token: str) -> str:
    """`token` escaped for a JSON pointer: `~` as `~0`, `/` as `~1`."""
    return token.replace("~", "~0").replace("/", "~1")


def unescape(token: str) -> str:
    """A JSON pointer's token as the key it names."""
    return token.replace("~1", "/").replace("~0", "~")


def pointer(tokens: Iterable[str | int]) -> str:
    """The JSON pointer naming the path `tokens` ("" for the document itself)."""
    return "".join("/" + escape(str(token)) for token in tokens)


def tokens(text: str) -> list[str]:
    """The unescaped tokens of a JSON pointer ("#/a/b" and "/a/b" alike; none for the whole document)."""
    text = text.removeprefix("#")
    return [unescape(token) for token in text.split("/")[1:]] if text else []


def lookup(document: Any, text: str) -> Any:
    """The value a JSON pointer names in `document`; KeyError or IndexError when it names nothing."""
    node = document
    for token in tokens(text):
        node = node[int(token)] if isinstance(node, list) else node[token]
    return node


def resolve_ref(document: Any, node: Any) -> tuple[Any, str | None]:
    """Follow local `$ref`s from `node`: the target and the pointer of the last one (None when `node` was none)."""
    ref = None
    for _ in range(MAX_REF_HOPS):
        if not (isinstance(node, dict) and isinstance(node.get("$ref"), str)):
            break
        ref = node["$ref"].removeprefix("#")
        node = lookup(document, ref)
    return node, ref


def resolve(document: Any, node: Any) -> Any:
    """Follow local `$ref`s from `node` until it is not a reference."""
    return resolve_ref(document, node)[0]
