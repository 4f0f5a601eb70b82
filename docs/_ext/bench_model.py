"""Pure logic behind the ``bench-table`` directive: no Sphinx in here.

``load_rows`` turns a pytest-benchmark JSON document into rows, ``machine_line``
and ``commit_line`` describe where and at what it ran, ``bar_chart_svg`` draws
rows as an SVG bar chart, and ``benchmark_functions`` with ``source_problems``
tell rows that no longer match the benchmarks that made them.
"""

from __future__ import annotations

import ast
import hashlib
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
    name: str = ""  # the benchmark function's name
    source_hash: str | None = None  # of the function's source when measured


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
                name=bench["name"].split("[", 1)[0],  # without parameters
                source_hash=(bench.get("extra_info") or {}).get(SOURCE_HASH_KEY),
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


def commit_line(document: dict) -> str:
    """The commit the figures were measured at, e.g. 'commit 1af9ac2c2a1b'."""
    info = document.get("commit_info") or {}
    commit = info.get("id")
    if not commit:
        return "an unknown commit"
    dirty = " with uncommitted changes" if info.get("dirty") else ""
    return f"commit {commit[:12]}{dirty}"


# Where `nox -s bench` records each row's source hash, in the row's extra_info.
SOURCE_HASH_KEY = "source_sha256"


@dataclass(frozen=True)
class BenchFunction:
    """A ``bench_*`` function as its file defines it now."""

    name: str
    group: str | None  # from @pytest.mark.benchmark(group=...), if literal
    line: int  # of its first decorator, or of ``def``
    source_hash: str


def benchmark_functions(source: str) -> dict[str, BenchFunction]:
    """The top-level ``bench_*`` functions of a benchmark file, without importing it.

    A function's hash covers its own lines, from its first decorator to its
    last statement: its code, docstring (the row's label) and group.  Module
    constants and the Rust it calls are not in it; the page names the commit
    the figures were measured at instead.
    """
    lines = source.splitlines(keepends=True)
    functions = {}
    for node in ast.parse(source).body:
        if not isinstance(node, ast.FunctionDef) or not node.name.startswith("bench_"):
            continue
        first = min([node.lineno, *(d.lineno for d in node.decorator_list)])
        text = "".join(lines[first - 1 : node.end_lineno])
        functions[node.name] = BenchFunction(
            name=node.name,
            group=benchmark_group(node),
            line=first,
            source_hash=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        )
    return functions


def benchmark_group(node: ast.FunctionDef) -> str | None:
    for decorator in node.decorator_list:
        if (
            isinstance(decorator, ast.Call)
            and isinstance(decorator.func, ast.Attribute)
            and decorator.func.attr == "benchmark"
        ):
            for keyword in decorator.keywords:
                if keyword.arg == "group" and isinstance(keyword.value, ast.Constant):
                    return str(keyword.value.value)
    return None


@dataclass(frozen=True)
class SourceProblem:
    kind: str  # "orphan", "missing" or "stale": the warning's subtype
    name: str  # the benchmark function
    message: str


def source_problems(
    rows: list[Row],
    functions: dict[str, tuple[str, BenchFunction]],
    groups: list[str] | None,
) -> list[SourceProblem]:
    """Rows without a benchmark, benchmarks without a row, rows of changed code.

    ``functions`` maps each benchmark's name to (its file, the function).
    Only ``groups`` are checked, when given: the ones a table shows.
    """
    problems = []
    for row in rows:
        found = functions.get(row.name)
        if found is None:
            problems.append(
                SourceProblem(
                    "orphan",
                    row.name,
                    f"row {row.name!r} (group {row.group!r}) has no benchmark: "
                    f"no function {row.name} is defined any more",
                )
            )
            continue
        path, function = found
        if row.source_hash is None:
            problems.append(
                SourceProblem(
                    "stale",
                    row.name,
                    f"row {row.name!r} records no hash of its benchmark's source "
                    f"({path}:{function.line})",
                )
            )
        elif row.source_hash != function.source_hash:
            problems.append(
                SourceProblem(
                    "stale",
                    row.name,
                    f"row {row.name!r} was measured with other code than "
                    f"{path}:{function.line} has now",
                )
            )
    shown = {row.name for row in rows}
    for name, (path, function) in functions.items():
        selected = groups is None or function.group in groups
        if selected and name not in shown:
            problems.append(
                SourceProblem(
                    "missing",
                    name,
                    f"no row for benchmark {name!r} (group {function.group!r}, "
                    f"{path}:{function.line})",
                )
            )
    return problems


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
