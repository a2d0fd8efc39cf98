"""A download URL comes only for a task that has an exported file (a completed export); others get 404."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from conformance.suite import _statements as q
from conformance.suite._failures import Violation
from conformance.suite._statements import FP
from conformance.suite.checks._check import Check, Subject, only, register
from conformance.suite.checks._semantics import Semantics, task_id


def prove(s: Semantics, subject: Subject) -> None:
    """Download answers 200 for a task in the downloadable state and 404 for any other."""
    c = s.contract
    assert c.download is not None
    download = c.download
    tasks = [i for lst in c.lists for i in s.first_page(lst, "download_only_exports")]
    if not tasks:
        s.caller.tally.skipped(download, "download_only_exports", "the list holds no task")
        return

    def prop(task: dict[str, Any]) -> None:
        has_file = all(task.get(name) == value for name, value in c.downloadable.items())
        exchange = s.caller.call(download, path_parameters={c.id_param: task_id(task)}, headers=c.headers)
        if (exchange.status == 200) != has_file or exchange.status not in (200, 404):
            raise Violation(
                check="download_only_exports",
                exchange=exchange,
                title="Download answer does not match the task's state",
                message=f"task {task_id(task)!r} is " + ", ".join(f"{k}={task.get(k)}" for k in c.downloadable),
                expected="HTTP 200 with the file's URL" if has_file else "HTTP 404: the task has no exported file",
                actual=f"HTTP {exchange.status}",
            )

    s.prove("download_only_exports", subject.operations, st.sampled_from(tasks), prop)


CHECK = register(
    Check(
        name="download_only_exports",
        summary="a download URL only for a completed export",
        kind="property",
        writes=False,
        subjects=only(lambda contract: contract.download),
        prove=prove,
        rests_on={FP: (q.FP_EXPORT, q.FP_DOWNLOAD)},
    )
)
