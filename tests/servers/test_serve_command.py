"""`taskconform serve` as a real process: it announces URLs and credentials, serves, and stops cleanly on Ctrl-C;
its options set the accepted credentials, a latency, a rate limit and the variants."""

from __future__ import annotations

import signal
import socket
import subprocess
import time

import httpx
import pytest

from conformance._redact import API_KEY_ENV, TOKEN_ENV
from conformance._registry import APIS, CREDENTIALS, FAULTS, VARIANTS
from conformance.servers._variants import basis_text
from tests.servers.helpers import EXPERIMENTAL, SERVE, Served, serve_process

MAXSIGHT_TASK = "/v5/tasks/497f6eca-6276-4993-bfeb-53cbbbba6f08"


def _statuses(origin: str, token: str | None, api_key: str | None) -> tuple[int, int, int]:
    """The status of one GET on each API with these credentials (None: the header left out)."""
    bearer = {"Authorization": f"Bearer {token}"} if token is not None else {}
    return (
        httpx.get(f"{origin}/v2025/task-status", headers={**EXPERIMENTAL, **bearer}, timeout=10).status_code,
        httpx.get(f"{origin}/v1/tasks", headers={"x-api-key": api_key} if api_key else {}, timeout=10).status_code,
        httpx.get(f"{origin}{MAXSIGHT_TASK}", headers={"apikey": api_key} if api_key else {}, timeout=10).status_code,
    )


def _stop(served: Served) -> tuple[str, str]:
    """Ctrl-C the process; everything it printed after the announcement (stdout, stderr)."""
    served.process.send_signal(signal.SIGINT)
    out, err = served.process.communicate(timeout=15)
    assert served.process.returncode == 0, err
    return out, err


def _fails_with_one_line(*args: str) -> str:
    result = subprocess.run([*SERVE, *args], capture_output=True, text=True, timeout=30, check=False)
    assert (result.returncode, result.stdout) == (2, "")
    assert len(result.stderr.splitlines()) == 1, result.stderr
    return result.stderr.strip()


def test_serve_prints_base_urls_and_credentials_serves_and_stops_on_sigint() -> None:
    with serve_process("--fault", "maxsight-auth-ignored") as served:
        text, base = served.text, served.origin
        assert f"{base}/v2025" in text and f"{base}/v1" in text and f"{base}/v5" in text
        assert f"Authorization: Bearer {CREDENTIALS['sailpoint-v2025']}" in text
        assert f"x-api-key: {CREDENTIALS['flexprice']}" in text
        assert f"apikey: {CREDENTIALS['maxsight-v5']}" in text
        assert "X-SailPoint-Experimental: true" in text
        assert "faults: maxsight-auth-ignored" in text
        assert "is delayed" not in text and "then 429 with Retry-After" not in text  # (a port may hold "429")

        response = httpx.get(f"{base}/v1/tasks", headers={"x-api-key": CREDENTIALS["flexprice"]}, timeout=10)
        assert response.status_code == 200
        assert len(response.json()["items"]) == 50
        assert httpx.get(f"{base}{MAXSIGHT_TASK}", timeout=10).status_code == 200

        out, err = _stop(served)
    assert "Traceback" not in err
    assert out.strip().endswith("stopped")


def test_token_and_api_key_options_set_the_accepted_credentials_and_are_never_printed() -> None:
    token, api_key = "tok-3f9a1c77e2", "key-b41d09aa65"
    with serve_process("--token", token, "--api-key", api_key) as served:
        assert "Authorization: Bearer <the token from --token>" in served.text
        assert "x-api-key: <the key from --api-key>" in served.text
        assert "apikey: <the key from --api-key>" in served.text
        assert _statuses(served.origin, token, api_key) == (200, 200, 200)
        assert _statuses(served.origin, CREDENTIALS["sailpoint-v2025"], CREDENTIALS["flexprice"]) == (401, 401, 401)
        assert _statuses(served.origin, CREDENTIALS["sailpoint-v2025"], CREDENTIALS["maxsight-v5"]) == (401, 401, 401)
        out, err = _stop(served)
    for printed in (served.text, out, err):
        assert token not in printed and api_key not in printed


def test_the_environment_sets_the_credentials_and_an_option_overrides_it() -> None:
    env = {TOKEN_ENV: "env-token-5e0c", API_KEY_ENV: "env-key-8d2b"}
    with serve_process(env=env) as served:
        assert f"Authorization: Bearer <the token from ${TOKEN_ENV}>" in served.text
        assert f"x-api-key: <the key from ${API_KEY_ENV}>" in served.text
        assert _statuses(served.origin, env[TOKEN_ENV], env[API_KEY_ENV]) == (200, 200, 200)
        assert env[TOKEN_ENV] not in served.text and env[API_KEY_ENV] not in served.text
    with serve_process("--token", "option-token-71aa", env=env) as served:
        assert _statuses(served.origin, "option-token-71aa", env[API_KEY_ENV]) == (200, 200, 200)
        assert _statuses(served.origin, env[TOKEN_ENV], env[API_KEY_ENV])[0] == 401


def test_any_credential_accepts_every_non_empty_credential_and_still_refuses_a_missing_one() -> None:
    with serve_process("--any-credential") as served:
        assert "Authorization: Bearer <any non-empty token>" in served.text
        assert "x-api-key: <any non-empty key>" in served.text
        assert _statuses(served.origin, "anything", "whatever") == (200, 200, 200)
        assert _statuses(served.origin, None, None) == (401, 401, 401)
        empty_bearer = {**EXPERIMENTAL, "Authorization": "Bearer"}
        assert httpx.get(f"{served.origin}/v2025/task-status", headers=empty_bearer, timeout=10).status_code == 401


def test_latency_delays_every_api_response() -> None:
    with serve_process("--latency", "400") as served:
        assert "every API response is delayed 400 ms" in served.text
        for url, headers in (
            (f"{served.origin}/v1/tasks", {"x-api-key": CREDENTIALS["flexprice"]}),
            (f"{served.origin}{MAXSIGHT_TASK}", {}),
        ):
            started = time.monotonic()
            status = httpx.get(url, headers=headers, timeout=10).status_code
            assert time.monotonic() - started >= 0.4, url
            assert status in (200, 401)


def test_rate_limit_answers_429_with_retry_after_once_an_api_used_its_window() -> None:
    with serve_process("--rate-limit", "3/60s") as served:
        assert "at most 3 requests per 60 s per API; then 429 with Retry-After" in served.text
        bearer = {**EXPERIMENTAL, "Authorization": f"Bearer {CREDENTIALS['sailpoint-v2025']}"}
        answers = [httpx.get(f"{served.origin}/v2025/task-status", headers=bearer, timeout=10) for _ in range(5)]
        assert [answer.status_code for answer in answers] == [200, 200, 200, 429, 429]
        assert 1 <= int(answers[3].headers["Retry-After"]) <= 60
        assert answers[3].json()["message"]["detailCode"] == "429 Too Many Requests"
        other_api = httpx.get(f"{served.origin}/v1/tasks", headers={"x-api-key": CREDENTIALS["flexprice"]}, timeout=10)
        assert other_api.status_code == 200


def test_help_shows_every_option() -> None:
    result = subprocess.run([*SERVE, "--help"], capture_output=True, text=True, timeout=30, check=True)
    options = ("--token T", "--api-key K", "--any-credential", "--latency MS", "--rate-limit N/S", "--variant NAME")
    for option in (*options, "--list-variants", TOKEN_ENV):
        assert option in result.stdout, option


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (("--rate-limit", "100/0s"), "invalid rate limit '100/0s': write N/DURATION"),
        (("--rate-limit", "fast"), "invalid rate limit 'fast'"),
        (("--latency", "-5"), "--latency -5 is out of range"),
        (("--token", ""), "--token is empty"),
    ],
)
def test_bad_option_values_exit_2_with_one_line(args: tuple[str, ...], says: str) -> None:
    assert _fails_with_one_line(*args).startswith(f"taskconform serve: {says}")


def test_list_faults_prints_one_fault_a_line_with_api_category_and_statement() -> None:
    result = subprocess.run([*SERVE, "--list-faults"], capture_output=True, text=True, timeout=30, check=False)
    assert result.returncode == 0
    rows = [line.split("\t") for line in result.stdout.splitlines()]
    assert [row[0] for row in rows] == list(FAULTS)
    assert all(row == [f.name, f.api, f.category, f.statement] for row, f in zip(rows, FAULTS.values(), strict=True))


def test_list_variants_prints_one_variant_a_line_with_api_what_it_rests_on_and_what_it_does() -> None:
    result = subprocess.run([*SERVE, "--list-variants"], capture_output=True, text=True, timeout=30, check=False)
    assert result.returncode == 0
    rows = [line.split("\t") for line in result.stdout.splitlines()]
    assert [row[0] for row in rows] == list(VARIANTS)
    for row, variant in zip(rows, VARIANTS.values(), strict=True):
        basis = "; ".join(map(basis_text, variant.basis(APIS.values())))
        assert row == [variant.name, variant.api, basis, variant.summary]
    assert "decision 6" in result.stdout and '000: "[default to 250]"' in result.stdout


def test_variant_switches_a_variant_on_and_the_start_up_lines_name_it() -> None:
    with serve_process("--variant", "flexprice-create-201", "--variant", "maxsight-errors-text") as served:
        assert "variants: flexprice-create-201, maxsight-errors-text" in served.text
        unknown = httpx.get(f"{served.origin}/v5/tasks/00000000-0000-4000-8000-000000000000", timeout=10)
        assert unknown.headers["content-type"].startswith("text/plain")
        _stop(served)


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (("--variant", "no-such-variant"), "unknown variant 'no-such-variant'; valid variants: all, "),
        (("--variant", "all", "--variant", "flexprice-create-200", "--variant", "flexprice-create-201"), "variants "),
    ],
)
def test_a_bad_variant_exits_2_with_one_line(args: tuple[str, ...], says: str) -> None:
    assert _fails_with_one_line(*args).startswith(f"taskconform serve: {says}")


def test_an_unknown_fault_exits_2_with_one_line() -> None:
    assert _fails_with_one_line("--fault", "no-such-fault").startswith(
        "taskconform serve: unknown fault 'no-such-fault'; valid faults: "
    )


def test_a_busy_port_exits_2_with_one_line() -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        line = _fails_with_one_line("--port", str(port))
    assert line == f"taskconform serve: cannot listen on 127.0.0.1:{port}: Address already in use"
