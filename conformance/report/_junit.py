"""junit.xml: one test suite per API, one test case per (operation, check) cell, for CI systems."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import Counter

from conformance._results import ApiRun, CheckResult, Failure, RunReport, Statement

# Characters XML 1.0 does not allow, even escaped (control characters other than tab, newline, return).
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def render_junit(report: RunReport) -> str:
    """The JUnit XML for `report`; an API that could not be tested at all gets one extra errored case."""
    root = ET.Element("testsuites", name="taskconform", time=f"{report.duration_s:.3f}")
    totals: Counter[str] = Counter()
    for api in report.apis:
        suite = _suite(api, report)
        root.append(suite)
        totals.update({k: int(suite.get(k, "0")) for k in ("tests", "failures", "errors", "skipped")})
    root.attrib.update({k: str(totals[k]) for k in ("tests", "failures", "errors", "skipped")})
    ET.indent(root)
    return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"


def failure_text(failure: Failure) -> str:
    """A failure's details as plain text: what broke, expected versus actual, where, and how to reproduce it."""
    lines = [
        f"{failure.title} [{failure.severity}{', warning' if failure.level == 'warning' else ''}"
        f"{f', known: entry {failure.known}' if failure.known else ''}]",
        failure.message,
        f"expected: {failure.expected}",
        f"actual: {failure.actual}",
    ]
    optional = {
        "schema path": failure.schema_path,
        "instance path": failure.instance_path,
        "status code": failure.status_code,
        "response excerpt": failure.response_excerpt,
    }
    lines += [f"{name}: {value}" for name, value in optional.items() if value is not None]
    lines += [f"rests on: {statement_text(s)}" for s in failure.rests_on]
    lines.append(f"reproduce: {failure.curl}")
    return "\n".join(lines)


def statement_text(statement: Statement) -> str:
    """A statement a verdict rests on, as one line: where it is written and what it says."""
    return f'{statement.source}, {statement.section}: "{statement.quote}"'


def _suite(api: ApiRun, report: RunReport) -> ET.Element:
    suite = ET.Element("testsuite", name=_safe(api.api), time="0", timestamp=_safe(report.started_at))
    properties = ET.SubElement(suite, "properties")
    for name, value in (
        ("title", api.title),
        ("base_url", api.base_url),
        ("spec_file", api.spec_file),
        ("spec_sha256", api.spec_sha256),
        ("tool_version", report.tool_version),
        ("seed", str(report.seed)),
        ("score", f"{api.score}"),
    ):
        ET.SubElement(properties, "property", name=name, value=_safe(value))
    for result in api.results:
        suite.append(_case(api.api, result))
    if api.error:
        case = ET.SubElement(suite, "testcase", classname=_safe(api.api), name="api reachable", time="0")
        ET.SubElement(case, "error", message=_safe(api.error), type="error")
    statuses = Counter(r.status for r in api.results)
    suite.attrib.update(
        tests=str(len(api.results) + bool(api.error)),
        failures=str(statuses["failed"]),
        errors=str(int(bool(api.error))),
        skipped=str(statuses["skipped"] + statuses["known"]),
    )
    return suite


def _case(api: str, result: CheckResult) -> ET.Element:
    case = ET.Element("testcase", classname=_safe(f"{api}.{result.operation}"), name=_safe(result.check), time="0")
    details = [failure_text(f) for f in result.failures]
    basis = dict.fromkeys(statement_text(s) for f in result.failures for s in f.rests_on)
    if basis:
        properties = ET.SubElement(case, "properties")
        for text in basis:
            ET.SubElement(properties, "property", name="rests_on", value=_safe(text))
    if result.status == "failed":
        first = next((f for f in result.failures if f.level == "failure" and f.known is None), None)
        message = f"{first.title}: {first.message}" if first else "failed"
        ET.SubElement(case, "failure", message=_safe(message), type=_safe(result.check)).text = _safe(
            "\n\n".join(details)
        )
    elif result.status == "skipped":
        ET.SubElement(case, "skipped", message=_safe(result.reason or "skipped"))
    elif result.status == "known":
        # As pytest writes an expected failure: skipped, with what failed and the entry that accepts it.
        first = result.failures[0] if result.failures else None
        message = f"known (entry {first.known}): {first.title}" if first else "known"
        ET.SubElement(case, "skipped", message=_safe(message), type="known").text = _safe("\n\n".join(details))
    elif result.status == "warning":
        notes = [f"warning: {result.reason}"] if result.reason else []
        ET.SubElement(case, "system-out").text = _safe("\n\n".join(notes + details) or "warning")
    return case


def _safe(text: str) -> str:
    """`text` without the characters XML 1.0 cannot carry (replaced by U+FFFD)."""
    return _NOT_XML.sub("\ufffd", text)
