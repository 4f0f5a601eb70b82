"""The snippet rule: every code block on the site comes from examples/.

A block made by the ``example`` directives is an ``example_block`` (made
by ``example_include.shown_block``).  Any other literal or doctest block
(``code-block``, ``code``, ``::`` literal blocks, MyST fences, ``>>>``
doctest blocks, and even a ``literalinclude``, which cannot name a region)
is typed by hand, and the rule reports it at its page and line.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from example_include import example_block
from sphinx.application import Sphinx
from sphinx.util import logging

logger = logging.getLogger(__name__)

HAND_TYPED = (
    "inline {kind} is not allowed: "
    "include code from examples/ with the 'example' directive"
)


def describe(block: nodes.Element) -> str:
    if isinstance(block, nodes.doctest_block):
        return "'>>>' doctest block"
    if block.get("source"):
        return "literalinclude (include by named region with 'example' instead)"
    return "code block"


def check_doctree(app: Sphinx, doctree: nodes.document) -> None:
    for block in doctree.findall(
        lambda node: isinstance(node, nodes.literal_block | nodes.doctest_block)
    ):
        if isinstance(block, example_block):
            continue
        logger.warning(
            HAND_TYPED.format(kind=describe(block)),
            location=block,
            type="example",
            subtype="inline",
        )


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("doctree-read", check_doctree)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
