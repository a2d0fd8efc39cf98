"""One API as a service: its contract, its routes, and the request pipeline every operation goes through."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from starlette.requests import Request

from conformance.core._spec import load_spec
from conformance.servers._auth import Credentials, admits
from conformance.servers._contract_edits import edited_spec
from conformance.servers._faults import Fault, acting_on
from conformance.servers._http import ApiError, Reply
from conformance.servers._routing import Match, NotAllowed, Route, Router
from conformance.servers._store import Store
from conformance.servers._tampering import CRASH, Exchange, crashes, tamper
from conformance.servers._validation import BadRequest, Contract
from conformance.servers._variants import Adjustments, Incoming, Variant, acting_variants

if TYPE_CHECKING:
    from conformance.core._api import Api


@dataclass(frozen=True)
class Call:
    """One request that passed authentication and the contract, as a handler sees it."""

    params: dict[str, Any]
    body: Any
    store: Store
    contract: Contract
    faults: frozenset[str]

    def fault(self, name: str) -> bool:
        """True when the named fault is active."""
        return name in self.faults


@dataclass(frozen=True)
class Service:
    """An API served under its base path: auth, contract checks, handler, then the active faults' rewrites."""

    api: Api
    contract: Contract
    router: Router
    acting: tuple[Fault, ...]
    """The active faults that act on this API, in name order."""
    adjustments: Adjustments = field(default_factory=Adjustments)
    """What the active variants that act on this API change."""

    def error(self, status: int, message: str, headers: dict[str, str] | None = None) -> Reply:
        """This API's error reply."""
        return Reply(status, self.api.server.error_body(status, message), headers or {})

    async def answer(
        self, request: Request, path: str, store: Store, faults: frozenset[str], credentials: Credentials
    ) -> Reply:
        """The reply to `request`, whose raw path relative to the base path is `path`."""
        found = self.router.match(request.method, path)
        query = request.query_params.multi_items()
        if isinstance(found, Match):
            exchange = Exchange(
                self.api, found.route.operation, request.method, found.path_params, query, request.headers
            )
            exchange = self.adjustments.query(exchange)
            reply = await self._call(found, request, exchange, store, faults, credentials)
        else:
            exchange = Exchange(self.api, None, request.method, {}, query, request.headers)
            if isinstance(found, NotAllowed):
                reply = self.error(405, f"{request.method} is not allowed here", {"Allow": found.allow})
            else:
                reply = self.error(404, "no resource at this path")
        return tamper(self.acting, exchange, self.adjustments.reply(exchange, reply))

    async def _call(
        self,
        found: Match,
        request: Request,
        exchange: Exchange,
        store: Store,
        faults: frozenset[str],
        credentials: Credentials,
    ) -> Reply:
        if not admits(self.api, request.headers, self.acting, credentials):
            return self.error(401, "missing or invalid credentials")
        # A fault's crash comes first: a variant's stricter front door must not hide a known fault from the sweep.
        if crashes(self.acting, exchange):
            return CRASH
        refusal = self.adjustments.refusal(await self._incoming(found, request, exchange))
        if refusal:
            return self.error(*refusal)
        headers: dict[str, list[str]] = {}
        for name, value in request.headers.items():
            headers.setdefault(name, []).append(value)
        try:
            valid = self.contract.check_request(
                found.route.operation,
                query=exchange.query,
                headers=headers,
                path_params=found.path_params,
                content_type=request.headers.get("content-type"),
                body=await request.body(),
            )
            call = Call(valid.params, valid.body, store, self.contract, faults)
            return self.adjustments.handler(found.route.operation, found.route.handler)(call)
        except BadRequest as exc:
            return self.error(self.api.server.invalid_path_status if exc.location == "path" else 400, exc.message)
        except ApiError as exc:
            return self.error(exc.status, exc.message, exc.headers)

    async def _incoming(self, found: Match, request: Request, exchange: Exchange) -> Incoming:
        body = self.contract.operations[found.route.operation].body
        target = len(request.scope.get("raw_path") or b"") + len(request.scope.get("query_string") or b"") + 1
        media_types = tuple(body.media_types) if body else ()
        return Incoming(exchange, await request.body(), target, media_types)


def build_service(api: Api, faults: frozenset[str], variants: tuple[Variant, ...] = ()) -> Service:
    """The service for `api`: its spec (edited by the active faults and variants) routed to its handlers."""
    acting = acting_on(api, faults)
    mine = acting_variants(api, variants)
    # The variants' edits first: a fault then breaks the contract as the variant left it.
    contract = Contract(edited_spec(_published_spec(api.spec_path), (*mine, *acting)))
    handlers = api.server.handlers
    if set(handlers) != set(contract.operations):
        raise ValueError(f"{api.name}: handlers {sorted(handlers)} != operations {sorted(contract.operations)}")
    operations = contract.operations.values()
    routes = [Route(op.method, op.path, op.operation_id, handlers[op.operation_id]) for op in operations]
    return Service(api, contract, Router(routes), acting, Adjustments(mine))


@functools.lru_cache(maxsize=8)
def _published_spec(path: Path) -> dict[str, Any]:
    """The parsed spec file, read once per process (callers get edited copies, never this dict)."""
    return load_spec(path)
