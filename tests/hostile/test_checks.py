"""The scenarios' own checks of what their servers saw: writes, credentials at another origin, requests received."""

from __future__ import annotations

from tests.hostile.scenarios import no_credentials_elsewhere, no_writes, received_at_least, slow_requests_at_most
from tests.hostile.secret import SECRET
from tests.hostile.serving import Log, Seen


def _log(*seen: Seen) -> Log:
    log = Log()
    for entry in seen:
        log.add(entry)
    return log


def test_only_get_head_and_options_pass_the_write_check() -> None:
    reads = [Seen("main", method, "/v1/tasks", ()) for method in ("GET", "HEAD", "OPTIONS")]
    assert no_writes(_log(*reads)) == []
    problems = no_writes(_log(*reads, *[Seen("main", "PATCH", f"/v2025/task-status/{n}", ()) for n in range(3)]))
    assert len(problems) == 1
    assert problems[0].startswith("3 write requests")


def test_every_other_method_is_a_write() -> None:
    for method in ("POST", "PUT", "PATCH", "DELETE", "TRACE"):
        assert no_writes(_log(Seen("main", method, "/v5/tasks/x", ()))) != [], method


def test_a_credential_header_or_fragment_at_another_origin_is_a_problem() -> None:
    clean = Seen("other", "GET", "/v1/tasks", (("accept", "application/json"),))
    assert no_credentials_elsewhere(_log(clean)) == []
    assert no_credentials_elsewhere(_log(Seen("main", "GET", "/", (("x-api-key", SECRET),)))) == []
    assert no_credentials_elsewhere(_log(clean, Seen("other", "GET", "/", (("apikey", "anything"),)))) != []
    assert no_credentials_elsewhere(_log(Seen("other", "GET", f"/?k={SECRET[3:12]}", ()))) != []
    assert no_credentials_elsewhere(_log(Seen("other", "GET", "/", (("x-forwarded", SECRET[:9]),)))) != []


def test_a_run_that_sent_too_few_requests_tested_nothing() -> None:
    log = _log(*[Seen("main", "GET", "/v1/tasks", ())] * 9, Seen("other", "GET", "/", ()))
    assert received_at_least(10)(log) != []
    log.add(Seen("main", "GET", "/v1/tasks", ()))
    assert received_at_least(10)(log) == []


def test_only_gets_by_id_count_as_slow_requests() -> None:
    check = slow_requests_at_most("sailpoint-v2025", 2)
    by_id = [Seen("main", "GET", f"/v2025/task-status/{n}", ()) for n in range(3)]
    others = [
        Seen("main", "GET", "/v2025/task-status/pending-tasks", ()),
        Seen("main", "HEAD", "/v2025/task-status/1", ()),
    ]
    assert check(_log(*by_id[:2], *others * 5)) == []
    assert check(_log(*by_id)) != []
