"""The variant catalog's shape: each variant turns the reference servers into a faithful server that chose differently.

A variant is the mirror image of a fault: where the documents leave a choice (a decision of specs/README.md, or a
sentence that admits more than one reading) it takes another one, or it ages the data as earlier clients would
have. Its behaviour is data over the servers' hook points: edits of the contract the server enforces, a rewrite
of the query it reads, a refusal before the contract, a wrapper around a handler, a rewrite of the reply, and an
aging of the store after every reset. Each API's variants live in its package (conformance/apis/<name>/_variants.py);
the cross-API ones are here.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from conformance.core._statements import Statement, decision
from conformance.servers._clock import REFERENCE_TIME, format_time, parse_time
from conformance.servers._data import Task
from conformance.servers._faults import EVERY_API
from conformance.servers._http import Reply
from conformance.servers._tampering import Exchange, Rewrite, each_task
from conformance.servers._throttle import RateLimit

if TYPE_CHECKING:
    from conformance.core._api import Api
    from conformance.servers._service import Call
    from conformance.servers._store import Store

Handler = Callable[["Call"], Reply]
Query = list[tuple[str, str]]
ALL = "all"
"""`--variant all`: every variant of the catalog (of each group, its first member unless another is named)."""


@dataclass(frozen=True)
class Incoming:
    """What a refusal may look at: the exchange (the request's headers among its parts), its body and its size."""

    exchange: Exchange
    body: bytes
    target_length: int
    """Bytes of the request target (path and query)."""
    media_types: tuple[str, ...]
    """The request body media types the operation's contract admits."""


Refusal = Callable[[Incoming], "tuple[int, str] | None"]
"""The status and message of a refusal, or None to let the request through."""


@dataclass(frozen=True)
class Variant:
    """One faithful implementation choice: its API, what it rests on, what it does, and its hooks."""

    name: str
    api: str
    """The API it acts on, or `all` for every API."""
    rests_on: tuple[Statement, ...]
    summary: str
    group: str | None = None
    topics: tuple[str, ...] = ()
    """What each API it acts on says on the matter, as the topics of its entry's `rests_on` (a cross-API variant)."""
    """Variants of one group exclude each other (two success codes for one call); `all` takes the group's first."""
    contract_edits: tuple[dict[str, Any], ...] = field(default=(), compare=False, repr=False)
    """JSON Patch operations on the spec its API's server enforces."""
    query: Callable[[Exchange], Query] | None = field(default=None, compare=False, repr=False)
    refuse: Refusal | None = field(default=None, compare=False, repr=False)
    handlers: Mapping[str, Callable[[Handler], Handler]] = field(default_factory=dict, compare=False, repr=False)
    """Wrappers of its API's handlers, by operationId."""
    reply: Rewrite | None = field(default=None, compare=False, repr=False)
    age: Callable[[Store], None] | None = field(default=None, compare=False, repr=False)
    """Applied to the store after every reset (the data as earlier clients left it)."""
    rate_limit: RateLimit | None = field(default=None, compare=False, repr=False)
    """A window on its API's requests (429 with Retry-After once full), unless `--rate-limit` sets one for all.
    `all` leaves such a variant out unless it is named: every other variant's probe and sweep would run at its pace."""

    def acts_on(self, api_name: str) -> bool:
        """True when the variant changes `api_name` (its own API, or every API)."""
        return self.api in (api_name, EVERY_API)

    def basis(self, apis: Iterable[Api]) -> tuple[Statement, ...]:
        """What the variant rests on: its own statements, then each API's it acts on for its topics."""
        named = [s for api in apis if self.acts_on(api.name) for topic in self.topics for s in api.statements(topic)]
        return tuple(dict.fromkeys((*self.rests_on, *named)))


def basis_text(statement: Statement) -> str:
    """A statement as `--list-variants` prints it: `decision N`, or the seed file's number and the quote."""
    if statement.decision is not None:
        return statement.section
    return f'{statement.source[:3]}: "{statement.quote}"'


# -- small builders of hooks, shared by the APIs' catalogs ------------------------------------------------------------


def for_operations(*operations: str) -> Callable[[Exchange], bool]:
    """True for an exchange of one of the operations (of the variant's own API)."""
    return lambda exchange: exchange.operation in operations


def query_rewrite(
    applies: Callable[[Exchange], bool], rewrite: Callable[[Query], Query]
) -> Callable[[Exchange], Query]:
    """A query rewrite that acts only on the exchanges `applies` picks."""
    return lambda exchange: rewrite(list(exchange.query)) if applies(exchange) else list(exchange.query)


_INTEGER = re.compile(r"[0-9]{1,1000}")


def clamped(name: str, most: int) -> Callable[[Query], Query]:
    """Integer values of parameter `name` above `most` read as `most`."""
    return lambda query: [
        (key, str(most) if key == name and _INTEGER.fullmatch(value) and int(value) > most else value)
        for key, value in query
    ]


def defaulted(name: str, value: str) -> Callable[[Query], Query]:
    """Parameter `name` reads as `value` when the request leaves it out."""
    return lambda query: query if any(key == name for key, _ in query) else [*query, (name, value)]


def wrapping(
    operations: Iterable[str], around: Callable[[Handler], Handler]
) -> dict[str, Callable[[Handler], Handler]]:
    """The same wrapper around the handlers of several operations."""
    return dict.fromkeys(operations, around)


def reply_for(applies: Callable[[Exchange], bool], rewrite: Callable[[Reply], Reply]) -> Rewrite:
    """A reply rewrite that acts only on the exchanges `applies` picks."""
    return lambda exchange, reply: rewrite(reply) if applies(exchange) else reply


def with_status(old: int, new: int) -> Callable[[Reply], Reply]:
    """A reply with status `old` answered with `new` instead."""
    return lambda reply: dataclasses.replace(reply, status=new) if reply.status == old else reply


def message_as_text(reply: Reply) -> Reply:
    """A JSON error body's `message` sent alone as text/plain (any other body as it is)."""
    if not isinstance(reply.body, dict) or not isinstance(reply.body.get("message"), str):
        return reply
    return dataclasses.replace(reply, body=reply.body["message"].encode(), media_type="text/plain")


def errors_only(rewrite: Callable[[Reply], Reply]) -> Rewrite:
    """A reply rewrite that applies `rewrite` to error replies (4xx, 5xx) only."""
    return lambda exchange, reply: rewrite(reply) if reply.status >= 400 else reply


def digest(*parts: object) -> str:
    """A stable hex digest of the parts (ids and values an aging invents, the same after every reset)."""
    return hashlib.sha256(":".join(map(str, parts)).encode()).hexdigest()


def later(text: str, seconds: int) -> str:
    """The timestamp `text` moved `seconds` later, never past the servers' reference time."""
    moment = parse_time(text)
    return format_time(min(moment + timedelta(seconds=seconds), REFERENCE_TIME)) if moment else text


def aged(api: str, change: Callable[[int, Task], Task | None]) -> Callable[[Store], None]:
    """An aging that replaces the `index`-th task of `api` by `change(index, task)` where that gives one."""

    def age(store: Store) -> None:
        with store.lock:
            tasks = list(store.tasks[api].values())
            store.tasks[api] = {t["id"]: t for t in (change(i, task) or task for i, task in enumerate(tasks))}

    return age


# -- every API ---------------------------------------------------------------------------------------------------------

_PLAIN_ID = re.compile(r"[A-Za-z0-9_-]+")
_SIZE_LIMIT = 8 * 1024
_JSON_RANGES = {"*/*", "application/*", "application/json"}


def _malformed_id(incoming: Incoming) -> tuple[int, str] | None:
    ids = incoming.exchange.path_params.values()
    return None if all(_PLAIN_ID.fullmatch(task_id) for task_id in ids) else (400, "malformed task id")


def _unsupported_media_type(incoming: Incoming) -> tuple[int, str] | None:
    if not incoming.body or not incoming.media_types:
        return None
    media_type = incoming.exchange.headers.get("content-type", "").split(";")[0].strip().lower()
    if media_type in incoming.media_types:
        return None
    return 415, f"Content-Type must be {' or '.join(incoming.media_types)}"


def _not_acceptable(incoming: Incoming) -> tuple[int, str] | None:
    accept = incoming.exchange.headers.get("accept")
    if accept is None:
        return None
    for item in accept.split(","):
        media_range, *parameters = (part.strip().lower() for part in item.split(";"))
        if media_range in _JSON_RANGES and "q=0" not in parameters:
            return None
    return 406, "this API answers application/json only"


def _oversized(incoming: Incoming) -> tuple[int, str] | None:
    if incoming.target_length > _SIZE_LIMIT:
        return 414, f"the request target is longer than {_SIZE_LIMIT} bytes"
    if sum(len(name) + len(value) + 4 for name, value in incoming.exchange.headers.items()) > _SIZE_LIMIT:
        return 431, f"the request header fields are larger than {_SIZE_LIMIT} bytes"
    return None


def _options_answered(exchange: Exchange, reply: Reply) -> Reply:
    if exchange.method != "OPTIONS" or reply.status != 405 or "Allow" not in reply.headers:
        return reply
    return Reply(204, None, {"Allow": f"{reply.headers['Allow']}, OPTIONS"})


def _challenge(exchange: Exchange, reply: Reply) -> Reply:
    if reply.status != 401:
        return reply
    auth = exchange.api.auth
    value = "Bearer" if auth.kind == "bearer" else f'ApiKey header="{auth.header}"'
    return dataclasses.replace(reply, headers={**reply.headers, "WWW-Authenticate": value})


def _without_empty_values(query: Query) -> Query:
    return [(key, value) for key, value in query if value != ""]


def _with_vendor_fields(task: Task) -> Task:
    """A task with fields the documents do not show, as a newer server version would add them."""
    return {**task, "tenantId": digest("tenant")[:32], "_links": {"self": {"href": f"tasks/{task.get('id')}"}}}


CROSS_API: tuple[Variant, ...] = (
    Variant(
        "all-malformed-id-400",
        EVERY_API,
        (decision(40), decision(22)),
        "A task id holding anything but letters, digits, - and _ gets 400, before any lookup.",
        topics=("error-codes",),
        refuse=_malformed_id,
    ),
    Variant(
        "all-415-unsupported-media-type",
        EVERY_API,
        (decision(38),),
        "A request body without a Content-Type, or with one the operation does not take, gets 415.",
        topics=("any-error",),
        refuse=_unsupported_media_type,
    ),
    Variant(
        "all-406-not-acceptable",
        EVERY_API,
        (decision(38),),
        "An Accept header that admits no JSON gets 406.",
        topics=("accept", "any-error"),
        refuse=_not_acceptable,
    ),
    Variant(
        "all-414-431-oversized",
        EVERY_API,
        (decision(38),),
        f"A request target over {_SIZE_LIMIT} bytes gets 414; header fields over {_SIZE_LIMIT} bytes get 431.",
        topics=("any-error",),
        refuse=_oversized,
    ),
    Variant(
        "all-options-answered",
        EVERY_API,
        (decision(38),),
        "OPTIONS on an API path answers 204 with Allow (its methods and OPTIONS).",
        topics=("methods",),
        reply=_options_answered,
    ),
    Variant(
        "all-401-challenge",
        EVERY_API,
        (),
        "Every 401 carries WWW-Authenticate (RFC 9110 section 11.6.1).",
        topics=("unauthorized",),
        reply=_challenge,
    ),
    Variant(
        "all-extra-task-fields",
        EVERY_API,
        (),
        "Every task carries fields the documents do not show (tenantId, _links), as a newer server version would.",
        topics=("task-model",),
        reply=each_task(_with_vendor_fields),
    ),
    Variant(
        "all-empty-values-ignored",
        EVERY_API,
        (decision(39),),
        "A query parameter with an empty value (filters=, task_type=) is read as absent.",
        query=query_rewrite(lambda exchange: True, _without_empty_values),
    ),
)


# -- the catalog ----------------------------------------------------------------------------------------------------


def variant_catalog(apis: Iterable[Api]) -> dict[str, Variant]:
    """Every API's variants, then the cross-API ones, by name; ValueError for a name used twice."""
    variants = [*(variant for api in apis for variant in api.server.variants), *CROSS_API]
    catalog = {variant.name: variant for variant in variants}
    if len(catalog) != len(variants):
        raise ValueError("two variants share a name")
    return catalog


def chosen_variants(names: Iterable[str], catalog: Mapping[str, Variant]) -> tuple[Variant, ...]:
    """The named variants in catalog order; ValueError naming the valid ones for an unknown name or a clash.

    `all` is every variant but those that pace their API (`rate_limit`), and of each group the one named alongside
    it, else the group's first.
    """
    wanted = set(names)
    unknown = sorted(wanted - catalog.keys() - {ALL})
    if unknown:
        listed = ", ".join(catalog)
        raise ValueError(f"unknown variant {', '.join(map(repr, unknown))}; valid variants: {ALL}, {listed}")
    explicit = wanted - {ALL}
    if ALL in wanted:
        named = {catalog[name].group for name in explicit}
        firsts: dict[str | None, str] = {}
        for variant in catalog.values():
            firsts.setdefault(variant.group, variant.name)
        explicit |= {
            v.name
            for v in catalog.values()
            if v.rate_limit is None and (v.group is None or (v.group not in named and firsts[v.group] == v.name))
        }
    chosen = tuple(variant for variant in catalog.values() if variant.name in explicit)
    groups: dict[str, list[str]] = {}
    for variant in chosen:
        groups.setdefault(variant.group or variant.name, []).append(variant.name)
    clash = next((members for members in groups.values() if len(members) > 1), None)
    if clash:
        raise ValueError(f"variants {' and '.join(clash)} exclude each other: choose one")
    return chosen


@dataclass(frozen=True)
class Adjustments:
    """What the active variants change in one API's service: its query, refusals, handlers and replies."""

    variants: tuple[Variant, ...] = ()

    def query(self, exchange: Exchange) -> Exchange:
        """The exchange with its query as the variants read it."""
        for variant in self.variants:
            if variant.query:
                exchange = dataclasses.replace(exchange, query=variant.query(exchange))
        return exchange

    def refusal(self, incoming: Incoming) -> tuple[int, str] | None:
        """The status and message of the first variant that refuses this request, or None."""
        return next((found for v in self.variants if v.refuse and (found := v.refuse(incoming))), None)

    def handler(self, operation: str, handler: Handler) -> Handler:
        """`handler` wrapped by every variant that wraps this operation."""
        for variant in self.variants:
            wrap = variant.handlers.get(operation)
            if wrap:
                handler = wrap(handler)
        return handler

    def reply(self, exchange: Exchange, reply: Reply) -> Reply:
        """`reply` as the variants rewrite it."""
        for variant in self.variants:
            if variant.reply:
                reply = variant.reply(exchange, reply)
        return reply


def acting_variants(api: Api, active: Sequence[Variant]) -> tuple[Variant, ...]:
    """The active variants that act on `api`, in catalog order."""
    return tuple(variant for variant in active if variant.acts_on(api.name))


def age(store: Store, variants: Sequence[Variant]) -> None:
    """Apply the variants' agings to a freshly reset `store`, in catalog order."""
    for variant in variants:
        if variant.age:
            variant.age(store)
