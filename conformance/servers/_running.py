"""Running the reference servers: real uvicorn on a loopback socket in a background thread."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass

import uvicorn

from conformance.core._api import Api
from conformance.servers._app import DEFAULT_SEED, ReferenceApp, build_app
from conformance.servers._settings import ServerSettings

LOOPBACK = "127.0.0.1"
START_TIMEOUT = 10.0
STOP_TIMEOUT = 10.0


@dataclass(frozen=True)
class RunningServers:
    """Servers answering at `origin`; each API lives under its base path."""

    origin: str
    app: ReferenceApp

    def base_url(self, api_name: str) -> str:
        """The origin plus the API's base path, e.g. http://127.0.0.1:PORT/api."""
        return self.origin + self.app.service(api_name).api.base_path

    def reset(self) -> None:
        """Restore the seed state without restarting."""
        self.app.reset()

    def known_task_ids(self, api_name: str) -> list[str]:
        """The ids of the API's seed tasks, in creation order."""
        return list(self.app.store.seed_ids[self.app.service(api_name).api.name])


@contextmanager
def start_reference_servers(
    apis: Iterable[Api],
    port: int = 0,
    faults: Sequence[str] = (),
    seed: int = DEFAULT_SEED,
    *,
    host: str = LOOPBACK,
    settings: ServerSettings | None = None,
    variants: Sequence[str] = (),
) -> Iterator[RunningServers]:
    """Serve `apis` on host:port (0 picks a free port) until the block exits; OSError when it cannot bind."""
    app = build_app(apis, faults, seed, settings, variants)
    # IPPROTO_TCP: asyncio sets TCP_NODELAY only on sockets that say they are TCP; without it, Nagle's
    # algorithm and delayed ACKs add 40 ms to every small response.
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError:
        sock.close()
        raise
    server = uvicorn.Server(uvicorn.Config(app, lifespan="off", log_level="error", access_log=False))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, name="taskconform-serve", daemon=True)
    thread.start()
    try:
        _wait_started(server, thread)
        bound_host, bound_port = sock.getsockname()[:2]
        shown = f"[{bound_host}]" if ":" in bound_host else bound_host
        yield RunningServers(origin=f"http://{shown}:{bound_port}", app=app)
    finally:
        server.should_exit = True
        thread.join(STOP_TIMEOUT)
        sock.close()


def _wait_started(server: uvicorn.Server, thread: threading.Thread) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while not server.started:
        if not thread.is_alive():
            raise RuntimeError("the reference servers stopped while starting")
        if time.monotonic() > deadline:
            raise RuntimeError(f"the reference servers did not start within {START_TIMEOUT:.0f} s")
        time.sleep(0.005)
