"""Where the tests find the seed documents: `$TASKCONFORM_SEEDS`, else `../shared/seeds` beside the repository."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SEEDS_ENV = "TASKCONFORM_SEEDS"
SEEDS = Path(os.environ.get(SEEDS_ENV) or REPO.parent / "shared" / "seeds").resolve()


def seed_text(name: str) -> str:
    """The text of seed document `name`; the test fails saying where the documents must be when it is missing."""
    path = SEEDS / name
    if not path.is_file():
        pytest.fail(f"seed document {path} is missing: put shared/seeds beside the repository or set {SEEDS_ENV}")
    return path.read_text(encoding="utf-8")
