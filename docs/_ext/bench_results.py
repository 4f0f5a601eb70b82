"""The ``bench-table`` directive: benchmark figures rendered from committed JSON.

Usage (reStructuredText)::

    .. bench-table:: performance.json
       :groups: batch
       :caption: One call per element, or one call for the list

The argument is a pytest-benchmark JSON file (``--benchmark-json``) relative
to ``bench_results_dir``; ``nox -s bench`` writes them.  ``:groups:`` selects
benchmark groups (comma-separated, shown in that order).  The directive
renders a table and an SVG bar chart of the fastest round, each row relative
to the group's first benchmark, and names the machine, the date and the
commit of the run.  The JSON-to-rows and rows-to-SVG logic is in
``bench_model``.

Prose quotes a figure with the ``bench`` role, never by typing it::

    Calling Rust per item takes :bench:`performance/bench_rust_per_item` in all,
    :bench:`performance/bench_rust_per_item / bench_python_loop` as long as
    Python; the import adds :bench:`submodules/bench_import_all -
    bench_interpreter_alone`.

``page/benchmark`` is the fastest round of that benchmark function's row in
``<page>.json``; ``/`` gives how many times slower the first is, ``-`` how
much longer it takes.  The slower one comes first, as the sentence reads: a
measurement that reverses them fails the build, since the sentence around
the figure no longer holds.  ``page/benchmark[field]`` quotes instead a
number that the benchmark recorded in ``benchmark.extra_info`` (a library's
size, say: ``:bench:`shipping/bench_a[library_bytes] / bench_b```), the
larger one first.  A ratio followed by ``of N`` is shown as a
percentage of N, the most it could be (``:bench:`page/bench_one_core /
bench_two_cores of 2``` reads "90%" for a speedup of 1.8); a ratio beyond N
fails the build too.

The results file must record the commit it was measured at and whether the
tree had uncommitted changes (``commit_info.id`` and ``.dirty``, which
pytest-benchmark writes); the table names both.

The results file ``<page>.json`` comes from the benchmarks in
``<bench_sources_dir>/<page>/benches/bench_*.py``, which the directive reads
(without importing them).  It warns about a shown row whose benchmark no
longer exists, a benchmark of a shown group without a row, and a row whose
benchmark's source has changed since it was measured: each means the figures
on the page are no longer what ``nox -s bench`` would measure.  A figure in
prose is checked the same way, for the rows it quotes.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any, ClassVar

from bench_model import (
    BenchDataError,
    BenchFunction,
    Row,
    bar_chart_svg,
    benchmark_functions,
    commit_line,
    figure_rows,
    figure_text,
    format_relative,
    format_seconds,
    load_rows,
    machine_line,
    measured_at,
    parse_figure,
    source_problems,
)
from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.environment import BuildEnvironment
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective, SphinxRole
from tables import table

logger = logging.getLogger(__name__)

HEADERS = ("Benchmark", "Fastest round", "Median", "Rounds", "Relative")


def resolve_dir(app: Sphinx, config: Config) -> None:
    """Make the results and sources folders absolute, relative to conf.py's."""
    for name in ("bench_results_dir", "bench_sources_dir"):
        folder = Path(app.confdir) / config[name]
        config[name] = str(folder.resolve())


RESULTS_ERRORS = (OSError, json.JSONDecodeError, BenchDataError, KeyError, TypeError)


def read_results(path: Path) -> dict:
    """A results file, which must name the commit it was measured at."""
    document = json.loads(path.read_text(encoding="utf-8"))
    measured_at(document)
    return document


def relative(path: Path) -> str:
    """A path relative to where the build runs: the project root for nox."""
    return Path(os.path.relpath(path)).as_posix()


class SourcesError(Exception):
    def __init__(self, message: str, subtype: str) -> None:
        super().__init__(message)
        self.subtype = subtype


def benchmark_sources(
    env: BuildEnvironment, page: str
) -> dict[str, tuple[str, BenchFunction]]:
    """Each benchmark behind ``<page>.json``: name -> (its file, the function)."""
    benches = Path(env.config.bench_sources_dir) / page / "benches"
    files = sorted(benches.glob("bench_*.py"))
    if not files:
        raise SourcesError(
            f"no benchmarks for it in {relative(benches)}/bench_*.py", "orphan"
        )
    functions: dict[str, tuple[str, BenchFunction]] = {}
    for file in files:
        env.note_dependency(str(file))
        try:
            found = benchmark_functions(file.read_text(encoding="utf-8"))
        except SyntaxError as error:
            raise SourcesError(f"{relative(file)}: {error}", "sources") from None
        for name, function in found.items():
            functions[name] = (relative(file), function)
    return functions


def group_list(argument: str) -> list[str]:
    groups = [name.strip() for name in argument.replace(",", " ").split()]
    if not groups:
        raise ValueError("give at least one group name")
    return groups


def table_node(rows: list[Row], title: str) -> nodes.table:
    return table(
        [
            (
                row.label,
                format_seconds(row.minimum),
                format_seconds(row.median),
                str(row.rounds),
                format_relative(row.relative),
            )
            for row in rows
        ],
        widths=(46, 14, 14, 10, 16),
        headers=HEADERS,
        classes=["bench-table"],
        title=title,
    )


class BenchTableDirective(SphinxDirective):
    required_arguments = 1
    has_content = False
    option_spec: ClassVar[dict[str, Any]] = {
        "groups": group_list,
        "caption": directives.unchanged,
        "no-chart": directives.flag,
    }

    def run(self) -> list[nodes.Node]:
        folder = Path(self.config.bench_results_dir)
        path = (folder / self.arguments[0]).resolve()
        if not path.is_relative_to(folder) or not path.is_file():
            return self.fail(f"{path}: no such benchmark results file")
        self.env.note_dependency(str(path))
        try:
            document = read_results(path)
            rows = load_rows(document, self.options.get("groups"))
        except RESULTS_ERRORS as error:
            return self.fail(f"{path}: {error}")

        if not self.check_sources(path, rows):
            return []

        caption = self.options.get("caption") or ", ".join(
            dict.fromkeys(row.group for row in rows)
        )
        machine = machine_line(document)
        container = nodes.container(classes=["bench-results"])
        container += table_node(rows, caption)
        if "no-chart" not in self.options:
            svg = bar_chart_svg(rows, "fastest round per call; shorter is faster")
            container += nodes.raw("", svg, format="html")
        note = (
            f"Measured on {machine}, at {commit_line(document)} "
            f"(results file: {self.arguments[0]})."
        )
        container += nodes.paragraph(note, note, classes=["bench-machine"])
        return [container]

    def check_sources(self, path: Path, rows: list[Row]) -> bool:
        """Warn for each row that its benchmark no longer backs; True if none."""
        page, shown = path.stem, relative(path)
        try:
            functions = benchmark_sources(self.env, page)
        except SourcesError as error:
            self.fail(f"{shown}: {error}", subtype=error.subtype)
            return False
        problems = source_problems(rows, functions, self.options.get("groups"))
        for problem in problems:
            self.fail(
                f"{shown}: {problem.message}; run `nox -s bench -- {page}` "
                "to measure the benchmarks as they are",
                subtype=problem.kind,
            )
        return not problems

    def fail(self, message: str, subtype: str = "results") -> list[nodes.Node]:
        logger.warning(
            message, location=self.get_location(), type="bench", subtype=subtype
        )
        return []


class BenchFigureRole(SphinxRole):
    """A figure in prose, rendered from the results file like the tables."""

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        try:
            figure = parse_figure(self.text)
        except BenchDataError as error:
            return self.fail(str(error))
        path = Path(self.config.bench_results_dir) / f"{figure.page}.json"
        if not path.is_file():
            return self.fail(f"{relative(path)}: no such benchmark results file")
        self.env.note_dependency(str(path))
        try:
            rows = load_rows(read_results(path))
            quoted = figure_rows(figure, rows)
            text = figure_text(figure, rows)
        except RESULTS_ERRORS as error:
            return self.fail(f"{relative(path)}: {error}")
        try:
            functions = benchmark_sources(self.env, figure.page)
        except SourcesError as error:
            return self.fail(f"{relative(path)}: {error}", error.subtype)
        problems = source_problems(quoted, functions, groups=[])
        for problem in problems:
            self.fail(
                f"{relative(path)}: {problem.message}; run `nox -s bench -- "
                f"{figure.page}` to measure the benchmarks as they are",
                problem.kind,
            )
        if problems:
            return [], []
        return [nodes.inline(text, text, classes=["bench-figure"])], []

    def fail(
        self, message: str, subtype: str = "figure"
    ) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        logger.warning(
            message, location=self.get_location(), type="bench", subtype=subtype
        )
        return [], []


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_config_value("bench_results_dir", "docs/_data/bench", "env", types=[str])
    # Where <page>/benches/ holds the benchmarks behind <page>.json.
    app.add_config_value("bench_sources_dir", "examples", "env", types=[str])
    app.connect("config-inited", resolve_dir)
    app.add_directive("bench-table", BenchTableDirective)
    app.add_role("bench", BenchFigureRole())
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
