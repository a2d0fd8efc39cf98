"""Make docs/report.png: a real report of `taskconform run` against a known-bad reference server, in Chromium.

Reproduce with:  python scripts/readme_screenshot.py [--fault NAME]
Needs Debian's chromium (/usr/bin/chromium).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from conformance._registry import APIS, CREDENTIALS
from conformance.servers import start_reference_servers

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip


def main() -> int:
    """Run the suite against a faulty SailPoint reference, then screenshot its report."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fault", default="sailpoint-total-count-wrong")
    parser.add_argument("--output", type=Path, default=ROOT / "docs" / "report.png")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp, start_reference_servers(APIS.values(), faults=[args.fault]) as servers:
        report_dir = Path(tmp) / "reports"
        argv = ["taskconform", "run", "--api", "sailpoint-v2025", "--base-url", servers.base_url("sailpoint-v2025")]
        argv += ["--allow-writes", "--max-examples", "10", "--report-dir", str(report_dir)]
        env = {**os.environ, "TASKCONFORM_TOKEN": CREDENTIALS["sailpoint-v2025"]}
        subprocess.run(argv, env=env, capture_output=True, check=False)
        profile = Path(tmp) / "profile"
        subprocess.run(
            ["chromium", *CHROMIUM_FLAGS, f"--user-data-dir={profile}", "--window-size=1280,1500",
             f"--screenshot={args.output}", (report_dir / "index.html").as_uri()],
            capture_output=True, check=True,
        )  # fmt: skip
    print(f"wrote {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
