"""The latency chart: one inline SVG per API, a row per operation with its median bar and p95 whisker."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass

from conformance._results import OperationStats

ROW_HEIGHT = 26
BAR_HEIGHT = 12
CHAR_WIDTH = 7.2  # monospace 12px
PLOT_WIDTH = 320
VALUE_WIDTH = 250
PAD = 8


@dataclass(frozen=True)
class _Row:
    operation: str
    median: float | None
    p95: float | None
    samples: int


def latency_svg(operations: Sequence[OperationStats]) -> str:
    """An inline SVG (no namespace URL, no external reference) charting median and p95 latency per operation."""
    rows = [_Row(s.operation, s.median_ms, s.p95_ms, len(s.latencies_ms)) for s in operations]
    label_width = PAD + CHAR_WIDTH * max((len(r.operation) for r in rows), default=10)
    width = round(label_width + PAD + PLOT_WIDTH + PAD + VALUE_WIDTH)
    height = ROW_HEIGHT * len(rows) + 2 * PAD
    scale = max((r.p95 or 0.0 for r in rows), default=0.0) or 1.0
    svg = ET.Element(
        "svg",
        {"class": "latency", "width": str(width), "height": str(height), "viewBox": f"0 0 {width} {height}"},
        role="img",
    )
    ET.SubElement(svg, "title").text = "Latency per operation: bar = median, whisker = 95th percentile"
    x0 = label_width + PAD
    for index, row in enumerate(rows):
        y = PAD + index * ROW_HEIGHT
        mid = y + ROW_HEIGHT / 2
        _text(svg, PAD, mid, row.operation, "op")
        ET.SubElement(
            svg, "line", x1=_n(x0), y1=_n(y + 3), x2=_n(x0), y2=_n(y + ROW_HEIGHT - 3), attrib={"class": "axis"}
        )
        if row.median is None or row.p95 is None:
            _text(svg, x0 + PAD, mid, "no samples", "value")
            continue
        median_x = x0 + PLOT_WIDTH * row.median / scale
        p95_x = x0 + PLOT_WIDTH * row.p95 / scale
        bar = ET.SubElement(
            svg,
            "rect",
            x=_n(x0),
            y=_n(mid - BAR_HEIGHT / 2),
            width=_n(max(median_x - x0, 1.0)),
            height=_n(BAR_HEIGHT),
            attrib={"class": "median"},
        )
        ET.SubElement(bar, "title").text = f"{row.operation}: median {row.median:.1f} ms"
        ET.SubElement(svg, "line", x1=_n(median_x), y1=_n(mid), x2=_n(p95_x), y2=_n(mid), attrib={"class": "whisker"})
        ET.SubElement(
            svg, "line", x1=_n(p95_x), y1=_n(mid - 5), x2=_n(p95_x), y2=_n(mid + 5), attrib={"class": "whisker"}
        )
        label = f"median {row.median:.1f} ms · p95 {row.p95:.1f} ms · n={row.samples}"
        _text(svg, x0 + PLOT_WIDTH + PAD, mid, label, "value")
    return ET.tostring(svg, encoding="unicode", short_empty_elements=True)


def _text(parent: ET.Element, x: float, y: float, content: str, css_class: str) -> None:
    ET.SubElement(
        parent, "text", x=_n(x), y=_n(y), attrib={"class": css_class, "dominant-baseline": "middle"}
    ).text = content


def _n(value: float) -> str:
    """A coordinate with at most one decimal."""
    return f"{value:.1f}".removesuffix(".0")
