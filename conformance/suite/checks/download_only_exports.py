"""A download URL comes only for a task that has an exported file (a completed export); others get 404."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from conformance.suite._violations import Violation
from conformance.suite.checks._check import Check, Subject, only, register
from conformance.suite.checks._semantics import Semantics, Undecided, canonical, task_id


def prove(s: Semantics, subject: Subject) -> None:
    """Download answers 200 for a task in the downloadable state and 404 for a task that can never have a file.

    The state is the task's own, read right before the download (not a list read from earlier). A task that is
    not downloadable only through its updatable status (an export not completed, perhaps completed before and
    moved back by a later update) may or may not still hold its file: no verdict (decision 36). A verdict that
    disagrees with the answer is a failure only when the task reads the same again after the download.
    """
    c = s.contract
    assert c.download is not None
    download = c.download
    ids = list(dict.fromkeys(task_id(i) for lst in c.lists for i in s.first_page(lst, "download_only_exports")))
    if not ids:
        s.caller.tally.skipped(download, "download_only_exports", "the list holds no task")
        return
    # The fields no update changes: a task that differs from the downloadable state in one of them never has a file.
    fixed = {name: value for name, value in c.downloadable.items() if (name,) != c.update_field}

    def has_file(task: dict[str, Any]) -> bool | None:
        if all(task.get(name) == value for name, value in c.downloadable.items()):
            return True
        return False if any(task.get(name) != value for name, value in fixed.items()) else None

    def prop(wanted: str) -> None:
        before = s.read(wanted)
        task = before.body if before.status == 200 and isinstance(before.body, dict) else None
        if task is None:
            raise Undecided(f"task {wanted!r} could not be read before the download (HTTP {before.status})")
        expected = has_file(task)
        state = ", ".join(f"{k}={task.get(k)}" for k in c.downloadable)
        if expected is None:
            raise Undecided(f"task {wanted!r} ({state}) may or may not still hold an exported file")
        exchange = s.caller.call(download, path_parameters={c.id_param: wanted}, headers=c.headers)
        if (exchange.status == 200) != expected or exchange.status not in (200, 404):
            if canonical(s.read(wanted).body) != canonical(task):
                raise Undecided(f"task {wanted!r} changed between its read and the download")
            raise Violation(
                check="download_only_exports",
                exchange=exchange,
                title="Download answer does not match the task's state",
                message=f"task {wanted!r} is {state}",
                expected="HTTP 200 with the file's URL" if expected else "HTTP 404: the task has no exported file",
                actual=f"HTTP {exchange.status}",
            )

    s.prove("download_only_exports", subject.operations, st.sampled_from(ids), prop)


CHECK = register(
    Check(
        name="download_only_exports",
        summary="a download URL only for a completed export",
        kind="property",
        writes=False,
        subjects=only(lambda contract: contract.download),
        prove=prove,
    )
)
