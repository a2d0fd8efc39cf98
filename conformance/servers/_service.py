"""One API as a service: its contract, its routes, and the request pipeline every operation goes through."""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from starlette.requests import Request

from conformance._registry import Api, get_api
from conformance._spec import load_spec
from conformance.servers._auth import Credentials, admits
from conformance.servers._contract_edits import edited_spec
from conformance.servers._errors import error_body
from conformance.servers._http import ApiError, Reply
from conformance.servers._routing import Handler, Match, NotAllowed, Route, Router
from conformance.servers._store import Store
from conformance.servers._tampering import CRASH, Exchange, crashes, tamper
from conformance.servers._validation import BadRequest, Contract


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
    invalid_path_status: int

    def error(self, status: int, message: str, headers: dict[str, str] | None = None) -> Reply:
        """This API's error reply."""
        return Reply(status, error_body(self.api.name, status, message), headers or {})

    async def answer(
        self, request: Request, path: str, store: Store, faults: frozenset[str], credentials: Credentials
    ) -> Reply:
        """The reply to `request`, whose raw path relative to the base path is `path`."""
        found = self.router.match(request.method, path)
        query = request.query_params.multi_items()
        if isinstance(found, Match):
            exchange = Exchange(self.api.name, found.route.operation, request.method, found.path_params, query)
            reply = await self._call(found, request, exchange, store, faults, credentials)
        else:
            exchange = Exchange(self.api.name, None, request.method, {}, query)
            if isinstance(found, NotAllowed):
                reply = self.error(405, f"{request.method} is not allowed here", {"Allow": found.allow})
            else:
                reply = self.error(404, "no resource at this path")
        return tamper(faults, exchange, reply)

    async def _call(
        self,
        found: Match,
        request: Request,
        exchange: Exchange,
        store: Store,
        faults: frozenset[str],
        credentials: Credentials,
    ) -> Reply:
        if not admits(self.api.name, request.headers, faults, credentials):
            return self.error(401, "missing or invalid credentials")
        if crashes(faults, exchange):
            return CRASH
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
            return found.route.handler(call)
        except BadRequest as exc:
            return self.error(self.invalid_path_status if exc.location == "path" else 400, exc.message)
        except ApiError as exc:
            return self.error(exc.status, exc.message, exc.headers)


def build_service(
    api_name: str, handlers: Mapping[str, Handler], faults: frozenset[str], *, invalid_path_status: int = 400
) -> Service:
    """The service for `api_name`: its spec (edited by the active input-validation faults) routed to `handlers`."""
    api = get_api(api_name)
    contract = Contract(edited_spec(_published_spec(api.spec_path), api_name, faults))
    if set(handlers) != set(contract.operations):
        raise ValueError(f"{api_name}: handlers {sorted(handlers)} != operations {sorted(contract.operations)}")
    operations = contract.operations.values()
    routes = [Route(op.method, op.path, op.operation_id, handlers[op.operation_id]) for op in operations]
    return Service(api, contract, Router(routes), invalid_path_status)


@functools.lru_cache(maxsize=8)
def _published_spec(path: Path) -> dict[str, Any]:
    """The parsed spec file, read once per process (callers get edited copies, never this dict)."""
    return load_spec(path)
