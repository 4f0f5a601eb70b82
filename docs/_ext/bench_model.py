"""Pure logic behind the ``bench-table`` directive: no Sphinx in here.

``load_rows`` turns a pytest-benchmark JSON document into rows, ``machine_line``
describes where it ran, and ``bar_chart_svg`` draws rows as an SVG bar chart.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime
from xml.sax.saxutils import escape


class BenchDataError(ValueError):
    """The results document lacks something the page needs."""


@dataclass(frozen=True)
class Row:
    label: str
    group: str
    median: float  # seconds
    minimum: float  # seconds
    rounds: int
    relative: float  # minimum / the group's first row's minimum


def load_rows(document: dict, groups: list[str] | None = None) -> list[Row]:
    """Rows in run order, only of ``groups`` if given, relative to each group's first.

    The first benchmark of a group is its baseline: the benchmark files list
    the "before" or "obvious" variant first.  Comparisons use the fastest
    round, the figure least disturbed by whatever else the machine was doing;
    the median is kept to show the spread.
    """
    try:
        benchmarks = document["benchmarks"]
    except (KeyError, TypeError):
        raise BenchDataError(
            "not a pytest-benchmark document: no 'benchmarks'"
        ) from None
    selected = [
        bench for bench in benchmarks if groups is None or bench.get("group") in groups
    ]
    if not selected:
        wanted = ", ".join(groups or [])
        raise BenchDataError(f"no benchmarks in group(s): {wanted or 'any'}")
    baselines: dict[str, float] = {}
    rows = []
    for bench in selected:
        group = bench.get("group") or ""
        stats = bench["stats"]
        minimum = float(stats["min"])
        baseline = baselines.setdefault(group, minimum)
        rows.append(
            Row(
                label=(bench.get("extra_info") or {}).get("label") or bench["name"],
                group=group,
                median=float(stats["median"]),
                minimum=minimum,
                rounds=int(stats["rounds"]),
                relative=minimum / baseline if baseline > 0 else math.nan,
            )
        )
    if groups:
        order = {name: index for index, name in enumerate(groups)}
        rows.sort(key=lambda row: order[row.group])  # stable: run order kept
    return rows


def format_seconds(seconds: float) -> str:
    """A duration with three significant digits and a fitting unit."""
    for unit, scale in (("s", 1.0), ("ms", 1e-3), ("µs", 1e-6)):
        if seconds >= scale:
            return f"{seconds / scale:.3g} {unit}"
    return f"{seconds / 1e-9:.3g} ns"


TIMES = "\N{MULTIPLICATION SIGN}"


def format_relative(relative: float) -> str:
    """A ratio with a multiplication sign, e.g. 0.25 or 156 times."""
    if math.isnan(relative):
        return "n/a"
    if relative >= 10:
        return f"{relative:.0f}{TIMES}"
    return f"{relative:.2f}{TIMES}"


def machine_line(document: dict) -> str:
    """E.g. 'Linux x86_64, 2 cores, 24 GiB, CPython 3.11.7, 2026-11-21'."""
    info = document.get("machine_info") or {}
    cpu = info.get("cpu") or {}
    parts = [f"{info.get('system', '?')} {info.get('machine', '?')}"]
    if cpu.get("brand_raw"):
        parts.append(cpu["brand_raw"])
    if cpu.get("count"):
        parts.append(f"{cpu['count']} cores")
    if info.get("memory_gib"):
        parts.append(f"{info['memory_gib']} GiB")
    implementation = info.get("python_implementation", "Python")
    parts.append(f"{implementation} {info.get('python_version', '?')}")
    when = document.get("datetime")
    if when:
        try:
            parts.append(datetime.fromisoformat(when).date().isoformat())
        except ValueError:
            parts.append(str(when))
    return ", ".join(parts)


# Chart geometry, in SVG user units (CSS pixels at 100%).  The label column
# grows with the longest label: 12px sans-serif averages under 7 units a
# character, so 7 leaves room without measuring text.
LABEL_MIN_WIDTH = 160
LABEL_CHAR_WIDTH = 7
BAR_WIDTH = 320
VALUE_WIDTH = 130
ROW_HEIGHT = 26
BAR_HEIGHT = 16
TOP = 8
FOOTER = 24


def bar_chart_svg(rows: list[Row], caption: str) -> str:
    """A horizontal bar per row, length proportional to the fastest round.

    Text uses ``currentColor`` so the chart follows the page's light or dark
    theme; the bars have one fixed, readable colour.
    """
    if not rows:
        raise BenchDataError("nothing to draw")
    longest = max(row.minimum for row in rows) or 1.0
    label_width = max(
        LABEL_MIN_WIDTH, 16 + LABEL_CHAR_WIDTH * max(len(row.label) for row in rows)
    )
    width = label_width + BAR_WIDTH + VALUE_WIDTH
    height = TOP + ROW_HEIGHT * len(rows) + FOOTER
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="bench-chart" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'role="img" aria-label="{escape(caption, {chr(34): "&quot;"})}" '
        f'font-family="sans-serif" font-size="12">',
        f"<title>{escape(caption)}</title>",
    ]
    for index, row in enumerate(rows):
        y = TOP + index * ROW_HEIGHT
        middle = y + ROW_HEIGHT / 2
        length = max(1.0, BAR_WIDTH * row.minimum / longest)
        parts.append(
            f'<text x="{label_width - 8}" y="{middle:.1f}" text-anchor="end" '
            f'dominant-baseline="middle" fill="currentColor">{escape(row.label)}</text>'
        )
        parts.append(
            f'<rect x="{label_width}" y="{middle - BAR_HEIGHT / 2:.1f}" '
            f'width="{length:.1f}" height="{BAR_HEIGHT}" fill="#4c72b0" rx="2"/>'
        )
        value = f"{format_seconds(row.minimum)} ({format_relative(row.relative)})"
        parts.append(
            f'<text x="{label_width + length + 6:.1f}" y="{middle:.1f}" '
            f'dominant-baseline="middle" fill="currentColor">{escape(value)}</text>'
        )
    parts.append(
        f'<text x="{label_width}" y="{height - 8}" fill="currentColor" '
        f'font-size="10">{escape(caption)}</text>'
    )
    parts.append("</svg>")
    return "\n".join(parts)
