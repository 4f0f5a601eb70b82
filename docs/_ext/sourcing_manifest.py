"""The sourcing manifest: every code block on the site, where it comes from.

Each build writes ``sourcing-manifest.json`` into the output folder: for each
block, the page, the source file and region, a sha256 of the text shown, and
how it is verified.  The ``sourcing-summary`` directive renders totals on a
page.  The blocks are read from the pages' doctrees (``ShownBlocks`` in
example_include), so the manifest cannot disagree with the pages.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

from docutils import nodes
from example_include import shown_blocks
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective
from tables import table

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
    for docname, includes in sorted(shown_blocks(env).items()):
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
    return table(
        [(label, str(count)) for label, count in rows],
        widths=(70, 30),
        classes=["sourcing-summary"],
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
    app.connect("doctree-resolved", resolve_summary)
    app.connect("build-finished", write_manifest)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
