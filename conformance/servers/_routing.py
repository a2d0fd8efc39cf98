"""Routing a request path to a spec operation: literal segments beat templated ones; 405 lists what is allowed."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote

Handler = Callable[[Any], Any]


@dataclass(frozen=True)
class Route:
    """One operation: its method, its path template (relative to the API's base path) and its handler."""

    method: str
    template: str
    operation: str
    handler: Handler


@dataclass(frozen=True)
class Match:
    """A route found for a request, with the decoded path parameters."""

    route: Route
    path_params: dict[str, str]


@dataclass(frozen=True)
class NotAllowed:
    """The path exists but not with this method; `allow` is the Allow header value."""

    allow: str


class Router:
    """Finds the route for a method and raw path; GET routes answer HEAD too unless HEAD is declared."""

    def __init__(self, routes: Iterable[Route]) -> None:
        self._templates: dict[tuple[str, ...], dict[str, Route]] = {}
        for route in routes:
            self._templates.setdefault(tuple(route.template.removeprefix("/").split("/")), {})[route.method] = route

    def match(self, method: str, raw_path: str) -> Match | NotAllowed | None:
        """The route for `method` on `raw_path` (still percent-encoded), a NotAllowed, or None for no such path."""
        segments = [unquote(segment, errors="replace") for segment in raw_path.removeprefix("/").split("/")]
        bound = ((template, _bind(template, segments)) for template in self._templates)
        found = [(template, params) for template, params in bound if params is not None]
        if not found:
            return None
        template, params = max(found, key=lambda pair: sum(not part.startswith("{") for part in pair[0]))
        methods = self._templates[template]
        route = methods.get(method) or (methods.get("GET") if method == "HEAD" else None)
        if route is None:
            allowed = set(methods) | ({"HEAD"} if "GET" in methods else set())
            return NotAllowed(", ".join(sorted(allowed)))
        return Match(route, params)


def _bind(template: tuple[str, ...], segments: list[str]) -> dict[str, str] | None:
    if len(template) != len(segments):
        return None
    params = {}
    for part, segment in zip(template, segments, strict=True):
        if part.startswith("{"):
            params[part[1:-1]] = segment
        elif part != segment:
            return None
    return params
