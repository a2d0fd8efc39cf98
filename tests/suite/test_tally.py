"""The tally: what a cell keeps of its findings shows what its status says."""

from __future__ import annotations

from conformance._redact import Redactor
from conformance._results import MAX_FAILURES_PER_CELL, Failure
from conformance.suite import Tally

OPERATION = "PUT /tasks/{id}/status"


def _finding(message: str, level: str) -> Failure:
    return Failure(
        OPERATION, "positive_data_acceptance", "Schema-valid request rejected", message, "high", "2xx", "400", "curl",
        level=level,  # type: ignore[arg-type]
    )  # fmt: skip


def test_a_failure_with_the_words_of_a_warning_already_kept_is_kept_beside_it() -> None:
    tally = Tally(spec={}, redactor=Redactor())
    tally.failed(_finding("valid data should be accepted", "warning"))
    tally.failed(_finding("valid data should be accepted", "failure"))
    cell = tally.cells[(OPERATION, "positive_data_acceptance")]
    assert cell.status == "failed"
    assert [f.level for f in cell.failures] == ["warning", "failure"]


def test_a_cell_full_of_warnings_makes_room_for_its_first_failure() -> None:
    tally = Tally(spec={}, redactor=Redactor())
    for n in range(MAX_FAILURES_PER_CELL + 2):
        tally.failed(_finding(f"warning {n}", "warning"))
    tally.failed(_finding("the one failure", "failure"))
    tally.failed(_finding("a second failure", "failure"))
    cell = tally.cells[(OPERATION, "positive_data_acceptance")]
    assert len(cell.failures) == MAX_FAILURES_PER_CELL
    assert [f.message for f in cell.failures if f.level == "failure"] == ["the one failure"]
