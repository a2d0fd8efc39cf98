"""The ASGI application: every API it is handed under its base path (e.g. /v5), reset on the origin."""

from __future__ import annotations

import asyncio
from collections.abc import Iterable, Sequence
from typing import Any

from starlette.requests import Request

from conformance.core._api import Api
from conformance.servers._faults import check_fault_names, fault_catalog
from conformance.servers._http import Reply, render
from conformance.servers._service import Service, build_service
from conformance.servers._settings import ServerSettings
from conformance.servers._store import Store
from conformance.servers._throttle import RateLimit, SlidingWindow, retry_after
from conformance.servers._variants import acting_variants, age, chosen_variants, variant_catalog

DEFAULT_SEED = 0
RESET_PATH = "/_reference/reset"


class ReferenceApp:
    """The APIs it is handed over one in-memory store, with the chosen faults and variants switched on."""

    def __init__(
        self,
        apis: Iterable[Api],
        faults: Sequence[str] = (),
        seed: int = DEFAULT_SEED,
        settings: ServerSettings | None = None,
        variants: Sequence[str] = (),
    ) -> None:
        apis = tuple(apis)
        self.faults = check_fault_names(faults, fault_catalog(apis))
        self.variants = chosen_variants(variants, variant_catalog(apis))
        self.store = Store(seed, apis)
        age(self.store, self.variants)
        self.settings = settings or ServerSettings()
        self.services: tuple[Service, ...] = tuple(build_service(api, self.faults, self.variants) for api in apis)
        self.windows = {
            service.api.name: SlidingWindow(limit) for service in self.services if (limit := self._limit(service.api))
        }

    def _limit(self, api: Api) -> RateLimit | None:
        """`--rate-limit` for every API, else the window the first variant acting on `api` switches on."""
        limits = (variant.rate_limit for variant in acting_variants(api, self.variants))
        return self.settings.rate_limit or next((limit for limit in limits if limit), None)

    def service(self, api_name: str) -> Service:
        """The service of the API called `api_name`; KeyError naming the served ones for another name."""
        for service in self.services:
            if service.api.name == api_name:
                return service
        raise KeyError(f"{api_name!r} is not served here; served: {', '.join(s.api.name for s in self.services)}")

    def reset(self) -> None:
        """Restore the seed state (as the active variants age it) without restarting."""
        self.store.reset()
        age(self.store, self.variants)

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] == "lifespan":
            await _lifespan(receive, send)
            return
        request = Request(scope, receive)
        raw_path = (scope.get("raw_path") or scope["path"].encode()).decode("latin-1")
        reply = await self._reply(request, raw_path)
        await render(reply, head=request.method == "HEAD")(scope, receive, send)

    async def _reply(self, request: Request, raw_path: str) -> Reply:
        if raw_path == RESET_PATH:
            if request.method != "POST":
                return Reply(405, {"message": f"{RESET_PATH} takes POST"}, {"Allow": "POST"})
            self.reset()
            return Reply(200, {"reset": True, "seed": self.store.seed})
        for service in self.services:
            base = service.api.base_path
            if raw_path == base or raw_path.startswith(base + "/"):
                return await self._answer(service, request, raw_path[len(base) :])
        bases = ", ".join(service.api.base_path for service in self.services)
        return Reply(404, {"message": f"no API at this path; the APIs are under {bases}"})

    async def _answer(self, service: Service, request: Request, path: str) -> Reply:
        """The service's reply after the configured latency; 429 with Retry-After once its window is full."""
        if self.settings.latency:
            await asyncio.sleep(self.settings.latency)
        window = self.windows.get(service.api.name)
        wait = window.admit() if window else None
        if window and wait is not None:
            return service.error(429, f"rate limit exceeded: {window.limit}", {"Retry-After": retry_after(wait)})
        return await service.answer(request, path, self.store, self.faults, self.settings.credentials)


def build_app(
    apis: Iterable[Api],
    faults: Sequence[str] = (),
    seed: int = DEFAULT_SEED,
    settings: ServerSettings | None = None,
    variants: Sequence[str] = (),
) -> ReferenceApp:
    """The ASGI app serving `apis`; ValueError listing the valid names for an unknown fault or variant."""
    return ReferenceApp(apis, faults, seed, settings, variants)


async def _lifespan(receive: Any, send: Any) -> None:
    while True:
        message = await receive()
        if message["type"] == "lifespan.startup":
            await send({"type": "lifespan.startup.complete"})
        elif message["type"] == "lifespan.shutdown":
            await send({"type": "lifespan.shutdown.complete"})
            return
