"""index.html: a self-contained page that says whether each API conforms and, if not, exactly why."""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from conformance._comparison import Change, RunComparison, Severity
from conformance._results import ApiRun, RunReport
from conformance.report import render_html

INLINE = {"a", "b", "code", "em", "span", "strong", "sup", "wbr"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


@dataclass
class Node:
    """An element of the parsed page: its tag, attributes and children (text as str)."""

    tag: str
    attrs: dict[str, str]
    children: list[Node | str] = field(default_factory=list)

    @property
    def text(self) -> str:
        """The element's text content, whitespace collapsed, block elements separated by a space."""
        parts = [c if isinstance(c, str) else c.text if c.tag in INLINE else f" {c.text} " for c in self.children]
        return " ".join("".join(parts).split())

    def all(self, tag: str | None = None, css_class: str | None = None) -> list[Node]:
        """Descendants with this tag and/or class, in document order."""
        found = []
        for child in self.children:
            if isinstance(child, Node):
                if (tag is None or child.tag == tag) and (css_class is None or css_class in child.classes):
                    found.append(child)
                found += child.all(tag, css_class)
        return found

    def by_id(self, element_id: str) -> Node:
        """The descendant with this id."""
        (node,) = [n for n in self.all() if n.attrs.get("id") == element_id]
        return node

    @property
    def classes(self) -> list[str]:
        """The element's CSS classes."""
        return self.attrs.get("class", "").split()


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#document", {})
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, {k: v or "" for k, v in attrs})
        self.stack[-1].children.append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.stack[-1].children.append(Node(tag, {k: v or "" for k, v in attrs}))

    def handle_endtag(self, tag: str) -> None:
        assert self.stack[-1].tag == tag, f"</{tag}> closes <{self.stack[-1].tag}>"
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


def parse(html: str) -> Node:
    """The page as a tree; fails on badly nested markup."""
    builder = _TreeBuilder()
    builder.feed(html)
    builder.close()
    assert builder.stack == [builder.root], "unclosed elements"
    return builder.root


def test_the_verdict_and_each_apis_score_lead_the_page(failing_run: RunReport) -> None:
    page = parse(render_html(failing_run))
    assert page.by_id("verdict").all("h1")[0].text == "NOT CONFORMANT"
    assert "1 of 3 APIs conform" in page.by_id("verdict").text
    assert page.by_id("score-sailpoint-v2025").text == "85.7%"
    assert page.by_id("score-maxsight-v5").text == "100.0%"
    assert page.by_id("score-flexprice").text == "0.0%"


def test_a_conformant_run_says_so(failing_run: RunReport) -> None:
    maxsight = failing_run.apis[1]
    page = parse(render_html(dataclasses.replace(failing_run, apis=(maxsight,))))
    assert page.by_id("verdict").all("h1")[0].text == "CONFORMANT"
    assert "ok" in page.by_id("verdict").classes


def test_run_metadata_names_everything_needed_to_reproduce_the_run(failing_run: RunReport) -> None:
    page = parse(render_html(failing_run))
    run = page.by_id("run").text
    for fact in ("taskconform 0.1.0", "seed 1234", "started 2026-11-24T08:30:00+00:00", "duration 42.5 s"):
        assert fact in run
    api = page.by_id("api-sailpoint-v2025").all("table", "meta")[0].text
    for fact in ("http://127.0.0.1:8765/v2025", "sailpoint-v2025-task-management.yaml", "9f2b" * 16):
        assert fact in api


def test_the_matrix_has_a_row_per_operation_and_a_labelled_cell_per_check(failing_run: RunReport) -> None:
    matrix = parse(render_html(failing_run)).by_id("matrix-sailpoint-v2025")
    header = [th.text for th in matrix.all("thead")[0].all("th")]
    assert header == ["operation", "not_a_server_error", "response_schema_conformance", "status_code_conformance"]
    rows = {
        tr.all("th")[0].text: [(td.classes[1], td.text) for td in tr.all("td")]
        for tr in matrix.all("tbody")[0].all("tr")
    }
    assert rows["GET /task-status/{id}"] == [("passed", "pass"), ("failed", "fail"), ("passed", "pass")]
    assert rows["PATCH /task-status/{id}"] == [("skipped", "skip [1]")] * 3
    assert rows["GET /task-status/pending-tasks"] == [("warning", "warn"), ("none", "—"), ("none", "—")]


def test_a_skip_reason_is_in_the_cells_title_and_in_a_visible_footnote(failing_run: RunReport) -> None:
    section = parse(render_html(failing_run)).by_id("api-sailpoint-v2025")
    skipped = section.all("td", "skipped")
    assert {td.attrs["title"] for td in skipped} == {"write operations need --allow-writes"}
    assert [li.text for li in section.all("ol", "footnotes")[0].all("li")] == [
        "skipped: write operations need --allow-writes"
    ]


def test_a_failure_shows_what_broke_where_and_how_to_reproduce_it(failing_run: RunReport) -> None:
    section = parse(render_html(failing_run)).by_id("api-sailpoint-v2025")
    (failure,) = section.all("article", "failure")[:1]
    failed_cell = section.all("td", "failed")[0]
    assert failed_cell.all("a")[0].attrs["href"] == "#" + failure.attrs["id"]
    text = failure.text
    for fact in (
        "Response violates schema",
        "check response_schema_conformance",
        "status code 200",
        "schema path /components/schemas/TaskStatus/properties/percentComplete/type",
        "instance path /percentComplete",
        "'percentComplete' is not of type 'integer'",
    ):
        assert fact in text
    assert failure.all("pre", "expected")[0].text == '{"type": "integer", "minimum": 0, "maximum": 100}'
    assert failure.all("pre", "actual")[0].text == '"50%"'
    assert '"percentComplete": "50%"' in failure.all("pre", "excerpt")[0].text
    assert failure.all("pre", "curl")[0].text == (
        "curl -X GET 'http://127.0.0.1:8765/v2025/task-status/2c91808a' -H 'Authorization: Bearer $TASKCONFORM_TOKEN'"
    )


def test_the_sentence_a_failure_rests_on_is_quoted_beside_it(failing_run: RunReport) -> None:
    section = parse(render_html(failing_run)).by_id("api-sailpoint-v2025")
    failure = section.all("article", "failure")[0]
    (quote,) = failure.all("blockquote", "statement")
    assert quote.all("q")[0].text == (
        "**percent_complete** | **int** | Current percentage completion of the task this TaskStatus represents"
    )
    assert quote.all("cite")[0].text == "001_98e7ad32f8254a06.txt, TaskStatus / Properties"
    assert "rests on" in failure.text


def test_a_warning_names_the_decision_it_contradicts_and_its_cell_links_to_it(failing_run: RunReport) -> None:
    section = parse(render_html(failing_run)).by_id("api-sailpoint-v2025")
    (warning,) = section.all("article", "warn")
    assert "contradicts" in warning.text and "HTTP 431" in warning.text
    assert warning.all("cite")[0].text == "specs/README.md, decision 38"
    (cell,) = section.all("td", "warning")
    assert cell.all("a")[0].attrs["href"] == "#" + warning.attrs["id"]


def test_drift_warnings_list_undocumented_fields_and_open_values(failing_run: RunReport) -> None:
    section = parse(render_html(failing_run)).by_id("api-sailpoint-v2025")
    undocumented = section.all("table", "undocumented")[0].all("tbody")[0].all("tr")
    assert [tr.text for tr in undocumented] == ["GET /task-status/{id} /attributes/legacyId"]
    open_values = section.all("table", "open-values")[0].all("tbody")[0].all("tr")
    assert [tr.text for tr in open_values] == ["GET /task-status /items/type QPOC, QUARTZ"]
    assert "slow: p95 over 1 s" in section.all("article", "warn")[0].text


def test_latency_is_an_inline_svg_with_a_row_per_timed_operation(failing_run: RunReport) -> None:
    section = parse(render_html(failing_run)).by_id("api-sailpoint-v2025")
    (svg,) = section.all("svg")
    assert len(svg.all("rect", "median")) == len(failing_run.apis[2].operations) == 3
    labels = [t.text for t in svg.all("text", "value")]
    assert "median 32.0 ms · p95 44.0 ms · n=25" in labels
    assert "GET /task-status/pending-tasks" in [t.text for t in svg.all("text", "op")]


def test_the_page_references_nothing_outside_itself(failing_run: RunReport) -> None:
    html = render_html(failing_run)
    page = parse(html)
    assert page.all("script") == [] and page.all("link") == [] and page.all("img") == []
    references = [v for n in page.all() for k, v in n.attrs.items() if k in {"href", "src", "xlink:href", "action"}]
    assert references and all(ref.startswith("#") for ref in references)
    assert not re.search(r"url\(|@import", html)
    # URLs appear only as text: the APIs' base URLs and the curl commands.
    for url in re.findall(r"https?://[^\s'\"<]+", html):
        assert url.startswith(("http://127.0.0.1:8765/", "http://127.0.0.1:8766/", "http://127.0.0.1:9/"))


def test_text_from_responses_is_escaped_not_interpreted(failing_run: RunReport) -> None:
    sailpoint = failing_run.apis[2]
    cell = sailpoint.results[4]
    hostile = dataclasses.replace(cell.failures[0], response_excerpt='<script>alert("x")</script><img src=x>')
    api = dataclasses.replace(sailpoint, results=(dataclasses.replace(cell, failures=(hostile,)),))
    html = render_html(dataclasses.replace(failing_run, apis=(api,)))
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;&lt;img src=x&gt;" in html
    assert parse(html).all("script") == []


def test_changes_since_baseline_are_tabled_when_the_run_was_compared(failing_run: RunReport) -> None:
    def change(severity: Severity, kind: str, operation: str | None, message: str) -> Change:
        return Change("R1", severity, kind, operation, "/x", message, old="passed", new="failed")

    comparison = RunComparison(
        base_started_at="2026-11-23T08:30:00+00:00",
        new_started_at="2026-11-24T08:30:00+00:00",
        latency_threshold=1.5,
        min_samples=20,
        changes=(
            change("breaking", "status", "GET /task-status/{id}", "now fails"),
            change("info", "api", None, "added"),
        ),
        latency=(),
    )
    section = parse(render_html(dataclasses.replace(failing_run, comparison=comparison))).by_id("changes")
    facts = section.all("table", "meta")[0].text
    assert "base run started 2026-11-23T08:30:00+00:00" in facts
    assert "changes breaking 1, warning 0, info 1" in facts and "verdict breaking" in facts
    rows = section.all("table", "list")[0].all("tr")
    assert [th.text for th in rows[0].all("th")] == ["kind", "severity", "operation", "message"]
    assert [[td.text for td in row.all("td")] for row in rows[1:]] == [
        ["status", "breaking", "GET /task-status/{id}", "now fails"],
        ["api", "info", "", "added"],
    ]


def test_a_comparison_without_changes_says_so_and_no_comparison_shows_nothing(failing_run: RunReport) -> None:
    nothing = RunComparison("2026-11-23T08:30:00+00:00", "2026-11-24T08:30:00+00:00", 1.5, 20, (), ())
    unchanged = parse(render_html(dataclasses.replace(failing_run, comparison=nothing)))
    assert "No changes since the baseline." in unchanged.by_id("changes").text
    assert 'id="changes"' not in render_html(failing_run)


def test_one_api_at_two_base_urls_gets_two_distinct_ids(failing_run: RunReport) -> None:
    maxsight = failing_run.apis[1]
    elsewhere: ApiRun = dataclasses.replace(maxsight, base_url="http://127.0.0.1:8766/v5/other")
    page = parse(render_html(dataclasses.replace(failing_run, apis=(maxsight, elsewhere))))
    assert page.by_id("score-maxsight-v5-1").text == page.by_id("score-maxsight-v5-2").text == "100.0%"
    assert page.by_id("matrix-maxsight-v5-2")
