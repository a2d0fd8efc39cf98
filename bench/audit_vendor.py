"""Time `taskconform audit spec` between two whole vendor-shaped documents (dereferenced OpenAPI 3.0.1, several MB).

Reproduce with:  PYTHONPATH=. python bench/audit_vendor.py [--operations N] [--repeat N]
or, on two published files of a (bare) clone:  python bench/audit_vendor.py --git-dir DIR git:REV:PATH git:REV:PATH
Prints the documents' sizes, the time of each phase in process (read, validate and resolve each document; compare;
render each format) and the wall time of the command itself (target: under 10 s on a 2-core machine).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from conformance.audit import FORMATS, compare_documents, load_document, render
from tests.audit.vendor import write_vendor_document


def timed(what: str, call: Callable[[], Any], repeat: int) -> Any:
    """Call `call` `repeat` times, print its best time under `what`, and return its last result."""
    best, result = float("inf"), None
    for _ in range(repeat):
        started = time.perf_counter()
        result = call()
        best = min(best, time.perf_counter() - started)
    print(f"{what:34} {best:7.2f} s")
    return result


def main() -> int:
    """Generate (or name) two documents, time each phase and the command, and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sources", nargs="*", metavar="OLD NEW", help="two documents (default: generated ones)")
    parser.add_argument("--git-dir", help="the repository git:REV:PATH sources are read from (may be bare)")
    parser.add_argument("--operations", type=int, default=280, help="pairs of operations to generate (default 280)")
    parser.add_argument("--repeat", type=int, default=1, help="time each in-process phase N times, keep the best")
    args = parser.parse_args()
    if args.git_dir:
        os.environ["GIT_DIR"] = str(Path(args.git_dir).resolve())
    with tempfile.TemporaryDirectory() as tmp:
        if args.sources:
            old, new = args.sources
        else:
            old = str(write_vendor_document(Path(tmp) / "old.json", 1, args.operations))
            new = str(write_vendor_document(Path(tmp) / "new.json", 2, args.operations))
            for path in (old, new):
                print(f"# {Path(path).name}: {Path(path).stat().st_size / 1e6:.1f} MB")
        documents = [
            timed(f"read + validate + resolve {i}", lambda s=s: load_document(s), args.repeat)
            for i, s in (
                ("OLD", old),
                ("NEW", new),
            )
        ]
        print(f"# {len(documents[1].root.get('paths') or {})} paths in NEW")
        audit = timed("compare", lambda: compare_documents(*documents), args.repeat)
        for fmt in FORMATS:
            timed(f"render {fmt}", lambda fmt=fmt: render(audit, fmt), args.repeat)
        print(f"# {len(audit.changes)} changes, {len(audit.unresolved)} unresolved references")
        started = time.perf_counter()
        argv = [sys.executable, "-m", "conformance.cli", "audit", "spec", old, new]
        code = subprocess.run(argv, capture_output=True, check=False).returncode
        print(f"{'taskconform audit spec (wall)':34} {time.perf_counter() - started:7.2f} s, exit code {code}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
