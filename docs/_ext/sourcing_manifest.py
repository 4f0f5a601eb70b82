"""The sourcing manifest: every code block on the site, where it comes from.

Each build writes ``sourcing-manifest.json`` into the output folder: for each
block, the page, the source file and region, a sha256 of the text shown, and
how it is verified.  The ``sourcing-summary`` directive renders totals on a
page.  A block that the ``example`` directive did not record is not
accounted for, and fails the build.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

from docutils import nodes
from example_include import included_regions
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

logger = logging.getLogger(__name__)

MANIFEST_NAME = "sourcing-manifest.json"


class summary_placeholder(nodes.General, nodes.Element):
    """Replaced by the totals once every page has been read."""


class SourcingSummaryDirective(SphinxDirective):
    has_content = False

    def run(self) -> list[nodes.Node]:
        # The totals depend on every page: read this one on every build.
        self.env.note_reread()
        return [summary_placeholder()]


def manifest_entries(env: BuildEnvironment) -> list[dict[str, Any]]:
    entries = []
    for docname, includes in sorted(included_regions(env).items()):
        page = env.doc2path(docname, base=False).as_posix()
        for include in includes:
            entries.append(
                {
                    "page": f"docs/{page}",
                    "line": include["lineno"],
                    "source": f"examples/{include['path']}",
                    "region": include["region"],
                    "language": include["language"],
                    "sha256": include["sha256"],
                    "verified": include["verified"],
                }
            )
    return entries


def totals(entries: list[dict[str, Any]]) -> list[tuple[str, int]]:
    by_check = Counter(entry["verified"] for entry in entries)
    # Every block comes from examples/: the snippet rule fails the build
    # otherwise, so a count of them would only repeat the total.
    rows = [("Code blocks on the site", len(entries))]
    rows += [(f"… {check}", count) for check, count in sorted(by_check.items())]
    rows.append(("Pages with code", len({entry["page"] for entry in entries})))
    return rows


def summary_table(rows: list[tuple[str, int]]) -> nodes.table:
    table = nodes.table(classes=["sourcing-summary"])
    group = nodes.tgroup(cols=2)
    table += group
    group += nodes.colspec(colwidth=70)
    group += nodes.colspec(colwidth=30)
    body = nodes.tbody()
    group += body
    for label, count in rows:
        row = nodes.row()
        for value in (label, str(count)):
            cell = nodes.entry()
            cell += nodes.paragraph(value, value)
            row += cell
        body += row
    return table


def check_accounted(app: Sphinx, doctree: nodes.document) -> None:
    """Every shown block must have been recorded by the example directive."""
    docname = app.env.docname
    recorded = len(included_regions(app.env).get(docname, []))
    shown = sum(
        1 for block in doctree.findall(nodes.literal_block) if block.get("example_path")
    )
    if shown != recorded:
        logger.warning(
            f"{shown} code blocks shown but {recorded} recorded in the "
            "sourcing manifest",
            location=docname,
            type="example",
            subtype="manifest",
        )


def resolve_summary(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    for placeholder in list(doctree.findall(summary_placeholder)):
        placeholder.replace_self(summary_table(totals(manifest_entries(app.env))))


def write_manifest(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    entries = manifest_entries(app.env)
    path = Path(app.outdir) / MANIFEST_NAME
    path.write_text(json.dumps({"blocks": entries}, indent=1) + "\n", encoding="utf-8")
    logger.info(f"sourcing manifest: {len(entries)} code blocks -> {path}")


def setup(app: Sphinx) -> dict[str, Any]:
    app.setup_extension("example_include")
    app.add_node(summary_placeholder)
    app.add_directive("sourcing-summary", SourcingSummaryDirective)
    app.connect("doctree-read", check_accounted)
    app.connect("doctree-resolved", resolve_summary)
    app.connect("build-finished", write_manifest)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
