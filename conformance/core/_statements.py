"""What verdicts rest on, as values: sentences of a vendor's documents, of HTTP's RFC, and our decisions.

A decision's text is read from the decisions table of `specs/README.md` (shipped with the specs), so the table stays
the one place a decision is written down; `decision(N)` fails loudly for a number the table does not have.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Literal

from conformance.core._spec import specs_dir

Level = Literal["failure", "warning"]
Binds = Literal["server", "caller"]
DECISIONS_SOURCE = "specs/README.md"
RFC_9110 = "RFC 9110"
_CELL = re.compile(r"(?<!\\)\|")


@dataclass(frozen=True)
class Statement:
    """What a verdict rests on: a sentence of a seed document (or of HTTP's RFC), or a decision of ours."""

    source: str  # a seed file ("000_f9d3521f83d1a133.txt"), "RFC 9110", or "specs/README.md" for a decision
    section: str  # the document's section, or "decision N"
    quote: str  # the sentence as the document has it, verbatim
    binds: Binds = "server"  # "caller": the sentence tells the caller what to send or when to call, not the server

    @property
    def decision(self) -> int | None:
        """The number of our decision this statement is, or None for a sentence of a document."""
        if self.source != DECISIONS_SOURCE or not self.section.startswith("decision "):
            return None
        return int(self.section.removeprefix("decision "))


def level_of(statements: tuple[Statement, ...]) -> Level:
    """A finding that breaks a sentence binding the server is a failure; one that contradicts only our decisions,
    or sentences that bind only the caller, warns."""
    return "warning" if statements and not any(binds_server(s) for s in statements) else "failure"


def binds_server(statement: Statement) -> bool:
    """True for a sentence of a document (or of RFC 9110) that states what a server does."""
    return statement.decision is None and statement.binds == "server"


def document(source: str, section: str, quote: str) -> Statement:
    """A sentence of a vendor's document (`source` is its file name); `quote` is verbatim."""
    if not source or source in (DECISIONS_SOURCE, RFC_9110):
        raise ValueError(f"{source!r} is not a vendor document")
    return Statement(source, section, quote)


def instruction(source: str, section: str, quote: str) -> Statement:
    """A sentence of a vendor's document that tells the caller what to send or when to call: it binds no server."""
    return Statement(document(source, section, quote).source, section, quote, binds="caller")


def rfc9110(section: str, quote: str) -> Statement:
    """A sentence of RFC 9110 (HTTP semantics), which every API the documents describe speaks."""
    return Statement(RFC_9110, section, quote)


def decision(number: int) -> Statement:
    """Decision `number` of specs/README.md, quoted from its "decision" column."""
    table = decisions()
    if number not in table:
        raise KeyError(f"specs/README.md has no decision {number}")
    return Statement(DECISIONS_SOURCE, f"decision {number}", table[number])


@functools.cache
def decisions() -> dict[int, str]:
    """The decisions table of specs/README.md: number -> the decision as the table words it."""
    table: dict[int, str] = {}
    for line in (specs_dir() / "README.md").read_text(encoding="utf-8").splitlines():
        cells = [cell.strip() for cell in _CELL.split(line)]
        if len(cells) >= 6 and cells[1].isdigit():
            table[int(cells[1])] = cells[3]
    return table


HTTP_5XX = rfc9110(
    "15.6",
    "The 5xx (Server Error) class of status code indicates that the server is aware that it has erred or is "
    "incapable of performing the requested method.",
)
HTTP_ALLOW = rfc9110(
    "15.5.6",
    "The origin server MUST generate an Allow header field in a 405 response containing a list of the target "
    "resource's currently supported methods.",
)
