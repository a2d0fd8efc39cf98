"""The ASGI application: SailPoint under /v2025, Flexprice under /v1, Maxsight under /v5, reset on the origin."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from starlette.requests import Request

from conformance.servers import _flexprice, _maxsight, _sailpoint
from conformance.servers._faults import check_fault_names
from conformance.servers._http import Reply, render
from conformance.servers._service import Service
from conformance.servers._store import Store

DEFAULT_SEED = 0
RESET_PATH = "/_reference/reset"


class ReferenceApp:
    """The three reference APIs over one in-memory store, with the chosen faults switched on."""

    def __init__(self, faults: Sequence[str] = (), seed: int = DEFAULT_SEED) -> None:
        self.faults = check_fault_names(faults)
        self.store = Store(seed)
        self.services: tuple[Service, ...] = tuple(
            module.service(self.faults) for module in (_sailpoint, _flexprice, _maxsight)
        )

    def reset(self) -> None:
        """Restore the seed state without restarting."""
        self.store.reset()

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
                return await service.answer(request, raw_path[len(base) :], self.store, self.faults)
        bases = ", ".join(service.api.base_path for service in self.services)
        return Reply(404, {"message": f"no API at this path; the APIs are under {bases}"})


def build_app(faults: Sequence[str] = (), seed: int = DEFAULT_SEED) -> ReferenceApp:
    """The ASGI app serving the three APIs; ValueError listing the valid names for an unknown fault."""
    return ReferenceApp(faults, seed)


async def _lifespan(receive: Any, send: Any) -> None:
    while True:
        message = await receive()
        if message["type"] == "lifespan.startup":
            await send({"type": "lifespan.startup.complete"})
        elif message["type"] == "lifespan.shutdown":
            await send({"type": "lifespan.shutdown.complete"})
            return
