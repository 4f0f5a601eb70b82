"""Let ``.. contents::`` live with Furo.

Furo has its own table of contents for the page and paints any ``contents``
topic red, since on a wide screen it repeats that table.  On a phone or a
narrow window Furo's table sits in a drawer, and a short list of sections
under the page's introduction helps.  So every page's ``contents`` topic is
marked as intended (the class Furo asks for), and ``guide.css`` hides it
where Furo's own table is on screen.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx

# The class Furo documents for a table of contents that is wanted.
INTENDED = "this-will-duplicate-information-and-it-is-still-useful-here"


def is_contents(node: nodes.Node) -> bool:
    return isinstance(node, nodes.topic) and "contents" in node["classes"]


def mark_contents(app: Sphinx, doctree: nodes.document) -> None:
    for topic in doctree.findall(is_contents):
        if INTENDED not in topic["classes"]:
            topic["classes"].append(INTENDED)
        if "page-contents" not in topic["classes"]:
            topic["classes"].append("page-contents")


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("doctree-read", mark_contents)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
