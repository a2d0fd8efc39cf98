"""`taskconform run` exit codes a CI can rely on: 0 conformant, 1 not conformant, 2 usage or connection error."""

from __future__ import annotations

import socket
from collections.abc import Callable
from pathlib import Path

import pytest
from starlette.applications import Starlette

from conformance.cli import main
from tests.suite.vendors import MAXSIGHT_TASK, maxsight_app

SECRET = "key-for-tests-0001"


def _run(base_url: str, report_dir: Path, *extra: str) -> int:
    return main(
        [
            "run", "--api", "maxsight-v5", "--base-url", base_url, "--api-key", SECRET,
            "--task-id", MAXSIGHT_TASK["id"], "--max-examples", "5", "--report-dir", str(report_dir), *extra,
        ]
    )  # fmt: skip


def test_a_conformant_vendor_exits_0(serve: Callable[[Starlette], str], tmp_path: Path) -> None:
    origin = serve(maxsight_app(secret=SECRET))
    assert _run(f"{origin}/v5", tmp_path) == 0
    assert (tmp_path / "results.json").is_file()


def test_a_schema_violation_exits_1(serve: Callable[[Starlette], str], tmp_path: Path) -> None:
    origin = serve(maxsight_app(secret=SECRET, mode="schema-violation"))
    assert _run(f"{origin}/v5", tmp_path) == 1


def test_a_server_answering_garbage_exits_1_with_the_report_written(
    serve: Callable[[Starlette], str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    origin = serve(maxsight_app(secret=SECRET, mode="garbage"))
    assert _run(f"{origin}/v5", tmp_path) == 1
    assert "Traceback" not in capsys.readouterr().out
    assert (tmp_path / "index.html").is_file()


def test_an_unreachable_url_exits_2_with_one_clear_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    assert _run(f"http://127.0.0.1:{port}/v5", tmp_path) == 2
    out = capsys.readouterr()
    text = out.out + out.err
    assert f"cannot reach http://127.0.0.1:{port}/v5" in text
    assert "Traceback" not in text
    assert (tmp_path / "results.json").is_file()


def test_a_slow_server_times_out_instead_of_hanging(serve: Callable[[Starlette], str], tmp_path: Path) -> None:
    origin = serve(maxsight_app(secret=SECRET, delay=2.0))
    assert _run(f"{origin}/v5", tmp_path, "--request-timeout", "0.5") == 1
    results = (tmp_path / "results.json").read_text()
    assert "Request got no answer" in results
    assert "DeadlineExceeded: no complete answer within 0.5 s" in results


def test_a_wrong_flag_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["run", "--api", "not-an-api"])
    assert exit_info.value.code == 2
    assert "invalid choice: 'not-an-api'" in capsys.readouterr().err


def test_base_url_without_api_is_a_usage_error(tmp_path: Path) -> None:
    assert main(["run", "--base-url", "http://127.0.0.1:9/v5", "--report-dir", str(tmp_path)]) == 2
