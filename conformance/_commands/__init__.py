"""Subcommands of `taskconform`: each module here exposes `register(subparsers)`."""

from __future__ import annotations

import argparse
import importlib
import pkgutil
from collections.abc import Callable

Register = Callable[["argparse._SubParsersAction[argparse.ArgumentParser]"], None]


def _discover() -> tuple[Register, ...]:
    """Import every command module in this package, in name order, and collect its `register`."""
    names = sorted(info.name for info in pkgutil.iter_modules(__path__) if not info.name.startswith("_"))
    return tuple(importlib.import_module(f"{__name__}.{name}").register for name in names)


COMMANDS: tuple[Register, ...] = _discover()
