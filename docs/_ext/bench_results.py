"""The ``bench-table`` directive: benchmark figures rendered from committed JSON.

Usage (reStructuredText)::

    .. bench-table:: performance.json
       :groups: batch
       :caption: One call per element, or one call for the list

The argument is a pytest-benchmark JSON file (``--benchmark-json``) relative
to ``bench_results_dir``; ``nox -s bench`` writes them.  ``:groups:`` selects
benchmark groups (comma-separated, shown in that order).  The directive
renders a table and an SVG bar chart of the fastest round, each row relative
to the group's first benchmark, and names the machine and the date of the run.
The JSON-to-rows and rows-to-SVG logic is in ``bench_model``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, ClassVar

from bench_model import (
    BenchDataError,
    Row,
    bar_chart_svg,
    format_relative,
    format_seconds,
    load_rows,
    machine_line,
)
from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

logger = logging.getLogger(__name__)

HEADERS = ("Benchmark", "Fastest round", "Median", "Rounds", "Relative")


def resolve_dir(app: Sphinx, config: Config) -> None:
    """Make the results folder absolute, relative to the folder of conf.py."""
    folder = Path(app.confdir) / config.bench_results_dir
    config.bench_results_dir = str(folder.resolve())


def group_list(argument: str) -> list[str]:
    groups = [name.strip() for name in argument.replace(",", " ").split()]
    if not groups:
        raise ValueError("give at least one group name")
    return groups


def table_node(rows: list[Row], title: str) -> nodes.table:
    table = nodes.table(classes=["bench-table"])
    table += nodes.title(title, title)
    tgroup = nodes.tgroup(cols=len(HEADERS))
    table += tgroup
    for width in (46, 14, 14, 10, 16):
        tgroup += nodes.colspec(colwidth=width)

    def make_row(cells: tuple[str, ...]) -> nodes.row:
        row = nodes.row()
        for text in cells:
            entry = nodes.entry()
            entry += nodes.paragraph(text, text)
            row += entry
        return row

    head = nodes.thead()
    head += make_row(HEADERS)
    tgroup += head
    body = nodes.tbody()
    for row in rows:
        body += make_row(
            (
                row.label,
                format_seconds(row.minimum),
                format_seconds(row.median),
                str(row.rounds),
                format_relative(row.relative),
            )
        )
    tgroup += body
    return table


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
            document = json.loads(path.read_text(encoding="utf-8"))
            rows = load_rows(document, self.options.get("groups"))
        except (json.JSONDecodeError, BenchDataError, KeyError, TypeError) as error:
            return self.fail(f"{path}: {error}")

        caption = self.options.get("caption") or ", ".join(
            dict.fromkeys(row.group for row in rows)
        )
        machine = machine_line(document)
        container = nodes.container(classes=["bench-results"])
        container += table_node(rows, caption)
        if "no-chart" not in self.options:
            svg = bar_chart_svg(rows, "fastest round per call; shorter is faster")
            container += nodes.raw("", svg, format="html")
        note = f"Measured on {machine} (results file: {self.arguments[0]})."
        container += nodes.paragraph(note, note, classes=["bench-machine"])
        return [container]

    def fail(self, message: str) -> list[nodes.Node]:
        logger.warning(
            message, location=self.get_location(), type="bench", subtype="results"
        )
        return []


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_config_value("bench_results_dir", "docs/_data/bench", "env", types=[str])
    app.connect("config-inited", resolve_dir)
    app.add_directive("bench-table", BenchTableDirective)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
