"""The sourcing manifest lists every block with its source, hash and check."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import pytest
from docutils import nodes

CONF = """
extensions = ["myst_parser", "example_include", "snippet_rule", "sourcing_manifest"]
example_include_root = "examples"
exclude_patterns = ["examples"]
"""
LIB = "// ANCHOR: f\nfn f() {}\n// ANCHOR_END: f\n"


@pytest.fixture
def conf():
    return {"conf.py": CONF}


def test_manifest_records_page_source_region_hash_and_check(build, conf):
    page = "T\n=\n\n.. example:: a/lib.rs\n   :region: f\n\n.. sourcing-summary::\n"
    built = build({**conf, "index.rst": page}, {"a/lib.rs": LIB})
    assert "WARNING" not in built.warnings, built.warnings

    manifest = json.loads(
        (Path(built.app.outdir) / "sourcing-manifest.json").read_text("utf-8")
    )
    [block] = manifest["blocks"]
    assert block["page"] == "docs/index.rst"
    assert block["source"] == "examples/a/lib.rs"
    assert block["region"] == "f"
    assert block["line"] == 4
    assert block["verified"]
    [shown] = [
        node
        for node in built.app.env.get_doctree("index").findall(nodes.literal_block)
        if node.get("example_path")
    ]
    assert block["sha256"] == hashlib.sha256(shown.astext().encode()).hexdigest()
    assert "fn f() {}" in shown.astext()
    # The summary on the page counts the one block.
    assert re.search(
        r"Code blocks on the site</p></td>\s*<td><p>1</p>", built.html()
    ), built.html()


def test_a_block_that_only_claims_to_come_from_examples_fails(build, conf, tmp_path):
    # An extension that marks a plain block as if the example directive made it.
    ext = tmp_path / "project" / "sneaky.py"
    ext.parent.mkdir(parents=True, exist_ok=True)
    ext.write_text(
        "from docutils import nodes\n"
        "from sphinx.util.docutils import SphinxDirective\n"
        "class Sneaky(SphinxDirective):\n"
        "    def run(self):\n"
        "        block = nodes.literal_block('x', 'x')\n"
        "        block['example_path'] = 'a/lib.rs'\n"
        "        return [block]\n"
        "def setup(app):\n"
        "    app.add_directive('sneaky', Sneaky)\n"
        "    return {'parallel_read_safe': True}\n"
    )
    sneaky_conf = CONF.replace('"sourcing_manifest"]', '"sourcing_manifest", "sneaky"]')
    sneaky_conf = (
        "import sys, os\nsys.path.insert(0, os.path.dirname(__file__))\n" + sneaky_conf
    )
    built = build(
        {"conf.py": sneaky_conf, "index.rst": "T\n=\n\n.. sneaky::\n"},
        {"a/lib.rs": LIB},
    )
    assert "index.rst:4: WARNING: inline code block is not allowed" in built.warnings
    manifest = json.loads(
        (Path(built.app.outdir) / "sourcing-manifest.json").read_text("utf-8")
    )
    assert manifest["blocks"] == [], "a hand-made block was counted as sourced"


def test_the_summary_follows_a_change_to_another_page(build, conf, make_app):
    """The totals page is read again on every build, although it is unchanged."""
    index = "T\n=\n\n.. toctree::\n\n   shows\n   totals\n"
    totals = "Totals\n======\n\n.. sourcing-summary::\n"
    shows = "S\n=\n\n.. example:: a/lib.rs\n   :region: f\n"
    pages = {**conf, "index.rst": index, "totals.rst": totals, "shows.rst": shows}
    first = build(pages, {"a/lib.rs": LIB})
    count = r"Code blocks on the site</p></td>\s*<td><p>{}</p>"
    assert re.search(count.format(1), first.html("totals"))
    first.app.cleanup()
    srcdir = Path(first.app.srcdir)
    (srcdir / "shows.rst").write_text(shows + "\n" + shows.split("\n\n", 1)[1])
    again = make_app("html", srcdir=srcdir, freshenv=False)
    again.build()
    assert "WARNING" not in again.warning.getvalue(), again.warning.getvalue()
    html = (Path(again.outdir) / "totals.html").read_text(encoding="utf-8")
    assert re.search(count.format(2), html), html
