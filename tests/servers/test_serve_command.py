"""`taskconform serve` as a real process: it announces URLs and credentials, serves, and stops cleanly on Ctrl-C."""

from __future__ import annotations

import re
import signal
import socket
import subprocess
import sys
from collections.abc import Iterator

import httpx
import pytest

from conformance.servers import CREDENTIALS, FAULTS

SERVE = [sys.executable, "-m", "conformance.cli", "serve"]
READY_LINE_LIMIT = 20


def _announced(process: subprocess.Popen[str]) -> list[str]:
    """The lines printed up to "Press Ctrl-C to stop." (a bounded number of them)."""
    lines = []
    for _ in range(READY_LINE_LIMIT):
        line = process.stdout.readline() if process.stdout else ""
        if not line:
            break
        lines.append(line.rstrip("\n"))
        if line.startswith("Press Ctrl-C"):
            break
    return lines


@pytest.fixture
def serving() -> Iterator[tuple[subprocess.Popen[str], list[str]]]:
    """`taskconform serve --port 0` running, with the lines it announced."""
    process = subprocess.Popen(
        [*SERVE, "--port", "0", "--fault", "maxsight-auth-ignored"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        yield process, _announced(process)
    finally:
        if process.poll() is None:
            process.kill()
        process.communicate(timeout=10)


def test_serve_prints_base_urls_and_credentials_serves_and_stops_on_sigint(
    serving: tuple[subprocess.Popen[str], list[str]],
) -> None:
    process, lines = serving
    text = "\n".join(lines)
    origin = re.search(r"reference servers on (http://127\.0\.0\.1:\d+)", text)
    assert origin, text
    base = origin[1]
    assert f"{base}/v2025" in text and f"{base}/v1" in text and f"{base}/v5" in text
    assert f"Authorization: Bearer {CREDENTIALS['sailpoint-v2025']}" in text
    assert f"x-api-key: {CREDENTIALS['flexprice']}" in text
    assert f"apikey: {CREDENTIALS['maxsight-v5']}" in text
    assert "X-SailPoint-Experimental: true" in text
    assert "faults: maxsight-auth-ignored" in text

    response = httpx.get(f"{base}/v1/tasks", headers={"x-api-key": CREDENTIALS["flexprice"]}, timeout=10)
    assert response.status_code == 200
    assert len(response.json()["items"]) == 50
    assert httpx.get(f"{base}/v5/tasks/497f6eca-6276-4993-bfeb-53cbbbba6f08", timeout=10).status_code == 200

    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=15)
    assert process.returncode == 0
    assert "Traceback" not in err
    assert out.strip().endswith("stopped")


def test_list_faults_prints_one_fault_a_line_with_api_category_and_statement() -> None:
    result = subprocess.run([*SERVE, "--list-faults"], capture_output=True, text=True, timeout=30, check=False)
    assert result.returncode == 0
    rows = [line.split("\t") for line in result.stdout.splitlines()]
    assert [row[0] for row in rows] == list(FAULTS)
    assert all(row == [f.name, f.api, f.category, f.statement] for row, f in zip(rows, FAULTS.values(), strict=True))


def test_an_unknown_fault_exits_2_with_one_line() -> None:
    result = subprocess.run(
        [*SERVE, "--fault", "no-such-fault"], capture_output=True, text=True, timeout=30, check=False
    )
    assert result.returncode == 2
    assert result.stdout == ""
    assert len(result.stderr.splitlines()) == 1
    assert result.stderr.startswith("taskconform serve: unknown fault 'no-such-fault'; valid faults: ")


def test_a_busy_port_exits_2_with_one_line() -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = subprocess.run([*SERVE, "--port", str(port)], capture_output=True, text=True, timeout=30, check=False)
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        f"taskconform serve: cannot listen on 127.0.0.1:{port}: Address already in use"
    ]
