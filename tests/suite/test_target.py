"""Targets: credentials come from options or the environment and leave curl commands as placeholders."""

from __future__ import annotations

import pytest

from conformance import get_api
from conformance.suite import SuiteSettings, Target, resolve_secret


def test_the_environment_is_enough_for_secrets(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TASKCONFORM_TOKEN", "from-env")
    monkeypatch.setenv("TASKCONFORM_API_KEY", "key-env")
    assert resolve_secret(get_api("sailpoint-v2025"), None, None) == "from-env"
    assert resolve_secret(get_api("flexprice"), None, None) == "key-env"
    assert resolve_secret(get_api("flexprice"), None, "given") == "given"


def test_curl_reads_the_secret_from_its_environment_variable() -> None:
    target = Target(get_api("maxsight-v5"), "http://127.0.0.1:9/v5", "k-999", embedded=False)
    curl = target.curl_with_placeholders("curl -X GET -H 'apikey: [Filtered]' 'http://127.0.0.1:9/v5/tasks/k-999'")
    assert curl == "curl -X GET -H \"apikey: $TASKCONFORM_API_KEY\" 'http://127.0.0.1:9/v5/tasks/$TASKCONFORM_API_KEY'"


def test_writes_run_against_the_embedded_reference_or_when_allowed() -> None:
    remote = Target(get_api("flexprice"), "http://127.0.0.1:9/v1", None, embedded=False)
    embedded = Target(get_api("flexprice"), "http://127.0.0.1:9/v1", None, embedded=True)
    assert not SuiteSettings().writes_allowed(remote)
    assert SuiteSettings(allow_writes=True).writes_allowed(remote)
    assert SuiteSettings().writes_allowed(embedded)
