"""Pure logic behind the ``bench-table`` directive and ``bench`` role: no Sphinx.

``load_rows`` turns a pytest-benchmark JSON document into rows, ``machine_line``
and ``commit_line`` describe where and at what it ran (``measured_at`` requires
the commit), ``bar_chart_svg`` draws rows as an SVG bar chart,
``parse_figure`` and ``figure_text`` make the figures that prose quotes (a
benchmark's time, or a number it recorded beside it), and
``benchmark_functions`` with ``source_problems`` tell rows that no longer
match the benchmarks that made them.
"""

from __future__ import annotations

import ast
import hashlib
import math
import re
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
    # Numbers the benchmark recorded beside its time (``extra_info``).
    recorded: tuple[tuple[str, float], ...] = ()


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
                recorded=recorded_numbers(bench.get("extra_info") or {}),
            )
        )
    if groups:
        order = {name: index for index, name in enumerate(groups)}
        rows.sort(key=lambda row: order[row.group])  # stable: run order kept
    return rows


def recorded_numbers(extra_info: dict) -> tuple[tuple[str, float], ...]:
    """The numbers among what a benchmark recorded beside its time."""
    return tuple(
        (key, float(value))
        for key, value in sorted(extra_info.items())
        if isinstance(value, int | float) and not isinstance(value, bool)
    )


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


COMMIT = re.compile(r"[0-9a-f]{40}")


def measured_at(document: dict) -> tuple[str, bool]:
    """The commit the figures were measured at, and whether the tree had changes.

    Both are required: figures that cannot be traced to the code they
    measured are not shown.  pytest-benchmark records them (``commit_info``),
    and ``nox -s bench`` refuses a tree with uncommitted changes unless told
    to record anyway.
    """
    info = document.get("commit_info") or {}
    commit, dirty = info.get("id"), info.get("dirty")
    if not isinstance(commit, str) or not COMMIT.fullmatch(commit):
        raise BenchDataError(
            f"no commit recorded (commit_info.id is {commit!r}): measure again "
            "from a git checkout"
        )
    if not isinstance(dirty, bool):
        raise BenchDataError(
            "not recorded whether the tree had uncommitted changes "
            f"(commit_info.dirty is {dirty!r}): measure again"
        )
    return commit, dirty


def commit_line(document: dict) -> str:
    """The commit the figures were measured at, e.g. 'commit 1af9ac2c2a1b'."""
    commit, dirty = measured_at(document)
    changes = " with uncommitted changes" if dirty else ""
    return f"commit {commit[:12]}{changes}"


@dataclass(frozen=True)
class Figure:
    """A value that prose quotes: one benchmark, or two compared."""

    page: str  # the results file's stem
    first: str  # a benchmark function's name
    operator: str | None = None  # "/" (how many times) or "-" (how much more)
    second: str | None = None
    # A number the benchmarks recorded (extra_info), instead of their time.
    field: str | None = None
    limit: float | None = None  # "/ ... of 2": the ratio as a share of 2


FIGURE = re.compile(
    r"(?P<page>[\w-]+)/(?P<first>\w+)(?:\[(?P<field>\w+)\])?"
    r"(?:\s+(?P<operator>[/-])\s+(?P<second>\w+)"
    r"(?:\s+of\s+(?P<limit>\d+(?:\.\d+)?))?)?"
)


def parse_figure(text: str) -> Figure:
    """``page/bench_a``, ``page/bench_a / bench_b`` or ``page/bench_a - bench_b``.

    ``page/bench_a[field]`` quotes a number that the benchmark recorded in
    its ``extra_info`` instead of its time; with ``/`` or ``-``, the same
    number of both (``page/bench_a[library_bytes] / bench_b``).  A ratio may
    end in ``of N``: ``page/bench_a / bench_b of 2`` is the ratio as a share
    of the most it could be, e.g. the speedup on two cores.
    """
    match = FIGURE.fullmatch(text.strip())
    if match is None or (match["limit"] and match["operator"] != "/"):
        raise BenchDataError(
            f"{text!r} is not 'page/benchmark', 'page/benchmark / benchmark' "
            "(optionally followed by 'of N') or 'page/benchmark - benchmark', "
            "each with an optional [field] after the first benchmark"
        )
    fields = match.groupdict()
    limit = fields.pop("limit")
    return Figure(**fields, limit=float(limit) if limit else None)


def figure_rows(figure: Figure, rows: list[Row]) -> list[Row]:
    """The rows a figure quotes, in its order."""
    by_name: dict[str, list[Row]] = {}
    for row in rows:
        by_name.setdefault(row.name, []).append(row)
    found = []
    for name in filter(None, (figure.first, figure.second)):
        matches = by_name.get(name, [])
        if len(matches) != 1:
            known = ", ".join(sorted(by_name))
            problem = "no row" if not matches else f"{len(matches)} rows"
            raise BenchDataError(
                f"{problem} for benchmark {name!r} in {figure.page}.json "
                f"(benchmarks: {known})"
            )
        found.append(matches[0])
    return found


def format_ratio(ratio: float) -> str:
    """A ratio for a sentence: two significant digits, e.g. 4.6x or 93x."""
    if ratio >= 10:
        return f"{ratio:.0f}{TIMES}"
    return f"{ratio:.1f}{TIMES}"


def format_bytes(size: float) -> str:
    """A size with three significant digits and a binary unit, e.g. 357 KiB."""
    for unit, scale in (("GiB", 2**30), ("MiB", 2**20), ("KiB", 2**10)):
        if size >= scale:
            return f"{size / scale:.3g} {unit}"
    return f"{size:.0f} bytes"


def recorded_value(row: Row, field: str) -> float:
    value = dict(row.recorded).get(field)
    if value is None:
        known = ", ".join(key for key, _ in row.recorded) or "none"
        raise BenchDataError(
            f"benchmark {row.name!r} recorded no number {field!r} (recorded: {known})"
        )
    return value


def figure_text(figure: Figure, rows: list[Row]) -> str:
    """The figure, from the fastest round of each benchmark, as tables compare.

    A ratio or difference puts the slower benchmark first, as the sentence
    around it reads ("4.6x slower", "slower by 620 ns").  If a measurement
    reverses the order, the sentence no longer holds, and this raises.  A
    recorded number (``[field]``) is compared the same way, the larger first;
    a field whose name ends in ``_bytes`` is shown as a size.
    """
    quoted = figure_rows(figure, rows)
    if figure.field is None:
        values = [row.minimum for row in quoted]
        show, smaller = format_seconds, "faster"
    else:
        values = [recorded_value(row, figure.field) for row in quoted]
        bytes_ = figure.field.endswith("_bytes")
        show = format_bytes if bytes_ else (lambda value: f"{value:.3g}")
        smaller = "smaller"
    if figure.operator is None:
        return show(values[0])
    first, second = values
    if first < second:
        raise BenchDataError(
            f"{figure.first} ({show(first)}) is now {smaller} than "
            f"{figure.second} ({show(second)}): the sentence was "
            "written for the other order; read it again and reword it"
        )
    if figure.operator == "/" and figure.limit is not None:
        return format_share(first / second, figure.limit)
    if figure.operator == "/":
        return format_ratio(first / second)
    return show(first - second)


def format_share(ratio: float, limit: float) -> str:
    """A ratio as a percentage of the most it can be: 1.8 of 2 is '90%'.

    A ratio beyond its limit cannot be a true measurement of what the
    sentence describes (more than two cores' worth of speed from two
    cores), so it fails rather than print a share above 100%.
    """
    if limit <= 0 or ratio > limit:
        raise BenchDataError(
            f"the ratio {format_ratio(ratio)} is beyond its limit {limit:g}: "
            "measure again, or reword the sentence"
        )
    return f"{100 * ratio / limit:.0f}%"


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
