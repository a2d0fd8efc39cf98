"""Run the suite with each given vendor description (`--spec`) against the reference servers and print load time,
operations matched, added and missing, and findings by the contract they rest on.

    python bench/vendor_spec.py sailpoint-v2025=deref-sailpoint-api.v2025.yaml flexprice=swagger-3-0.json
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from conformance._registry import get_api
from conformance.core._spec import load_spec
from conformance.report import load_results
from conformance.suite._vendor import read_description, vendor_contract


def _contract_of(statement_source: str, vendor_file: str) -> str:
    if statement_source.endswith(Path(vendor_file).name):
        return "vendor's description"
    if statement_source == "specs/README.md":
        return "decision of ours"
    return "sentence of the documents"


def main() -> int:
    """Print one block of figures per API=DESCRIPTION given."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("runs", nargs="+", metavar="API=DESCRIPTION")
    parser.add_argument("--max-examples", type=int, default=10)
    args = parser.parse_args()
    for run in args.runs:
        name, _, source = run.partition("=")
        api = get_api(name)
        started = time.perf_counter()
        vendor = vendor_contract(load_spec(api.spec_path), api.base_path, read_description(source))
        loaded = time.perf_counter() - started
        print(f"{name} <- {source}")
        print(f"  load and prepare: {loaded:.2f} s")
        print(f"  matched ({len(vendor.matched)}): {', '.join(vendor.matched) or '-'}")
        print(f"  added ({len(vendor.added)}): {', '.join(vendor.added) or '-'}")
        print(f"  missing, not tested ({len(vendor.missing)}): {', '.join(vendor.missing) or '-'}")
        print(f"  unresolved $refs in literal data: {len(vendor.unresolved)}")
        with tempfile.TemporaryDirectory() as tmp:
            argv = [sys.executable, "-m", "conformance.cli", "run", "--api", name, "--spec", source,
                    "--max-examples", str(args.max_examples), "--report-dir", tmp]  # fmt: skip
            began = time.perf_counter()
            code = subprocess.run(argv, capture_output=True, check=False).returncode
            print(f"  run: exit {code} in {time.perf_counter() - began:.0f} s")
            if not (Path(tmp) / "results.json").exists():
                continue
            (result,) = load_results(Path(tmp)).apis
            by = Counter(
                (failure.level, _contract_of(statement.source, source))
                for cell in result.results
                for failure in cell.failures
                for statement in failure.rests_on
            )
            print("  findings by contract: " + json.dumps({f"{lvl} / {c}": n for (lvl, c), n in sorted(by.items())}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
