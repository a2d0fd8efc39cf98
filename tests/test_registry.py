"""The API registry: the names used everywhere, their specs, prefixes and auth schemes."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from conformance import APIS, UnknownApiError, get_api


def test_the_three_apis_are_registered_under_their_names() -> None:
    assert sorted(APIS) == ["flexprice", "maxsight-v5", "sailpoint-v2025"]


@pytest.mark.parametrize(
    ("name", "base_path", "header"),
    [
        ("sailpoint-v2025", "/v2025", "Authorization"),
        ("flexprice", "/v1", "x-api-key"),
        ("maxsight-v5", "/v5", "apikey"),
    ],
)
def test_each_api_has_its_prefix_auth_header_and_an_existing_spec(name: str, base_path: str, header: str) -> None:
    api = get_api(name)
    assert api.base_path == base_path
    assert api.auth.header == header
    assert api.spec_path.is_file()


def test_bearer_and_api_key_schemes_build_their_headers() -> None:
    assert get_api("sailpoint-v2025").auth.headers_for("t0k") == {"Authorization": "Bearer t0k"}
    assert get_api("maxsight-v5").auth.headers_for("k3y") == {"apikey": "k3y"}


def test_an_unknown_name_lists_the_choices() -> None:
    with pytest.raises(UnknownApiError, match="choose one of: flexprice, maxsight-v5, sailpoint-v2025"):
        get_api("sailpoint")


def test_a_broken_api_package_is_one_line_and_exit_2(tmp_path: Path) -> None:
    (tmp_path / "broken_api.py").write_text("raise ImportError('its spec is missing')\n")
    info = tmp_path / "broken_api-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: broken-api\nVersion: 1.0\n")
    (info / "entry_points.txt").write_text("[taskconform.apis]\nbroken = broken_api:API\n")
    env = {**os.environ, "PYTHONPATH": str(tmp_path)}
    argv = [sys.executable, "-m", "conformance.cli", "run", "--api", "maxsight-v5"]
    result = subprocess.run(argv, env=env, capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        "taskconform: the API entry point 'broken' (broken_api:API) does not load: its spec is missing"
    ]
