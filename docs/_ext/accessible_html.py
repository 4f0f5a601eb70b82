"""HTML that keyboard and screen-reader users can use, fixed where it is written.

Two things Sphinx and Furo emit fail WCAG 2.1 (axe-core's rules in brackets):

* The captions of a toctree, which Furo shows as the sidebar's section
  titles, are ``<p class="caption" role="heading">`` without the
  ``aria-level`` that the heading role requires [aria-required-attr].
  The translator here writes ``aria-level="2"``: the page's title is the
  only level-1 heading.
* A code block whose lines are wider than the column scrolls sideways inside
  its ``<pre>`` (Furo: ``pre { overflow: auto }``), which a keyboard cannot
  reach [scrollable-region-focusable].  ``FocusableHtmlFormatter`` writes
  ``<pre tabindex="0">``, so Tab reaches every block and the arrow keys then
  scroll it.  Which block overflows depends on the reader's screen, so every
  block is focusable.

The translator is the builder's own class with ``AccessibleHTMLMixin`` in
front, so it composes with any other extension's translator.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from docutils import nodes
from pygments.formatters import HtmlFormatter
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.builders.html import StandaloneHTMLBuilder

if TYPE_CHECKING:
    from sphinx.writers.html5 import HTML5Translator as _Translator
else:
    _Translator = object

CAPTION_LEVEL = 2


class FocusableHtmlFormatter(HtmlFormatter):
    """Pygments' HTML with the scrolling ``<pre>`` in the keyboard's tab order."""

    def wrap(self, source: Iterator[tuple[int, str]]) -> Iterator[tuple[int, str]]:
        for kind, text in super().wrap(source):
            if kind == 0 and text.startswith("<pre"):
                text = '<pre tabindex="0"' + text.removeprefix("<pre")
            yield kind, text


def is_toctree_caption(node: nodes.Element) -> bool:
    """The test Sphinx's HTML5Translator.visit_title uses for a caption."""
    parent = node.parent
    return isinstance(parent, addnodes.compact_paragraph) and bool(
        parent.get("toctree")
    )


class AccessibleHTMLMixin(_Translator):
    """Put in front of an HTML translator class; see the module docstring."""

    def visit_title(self, node: nodes.title) -> None:
        if not is_toctree_caption(node):
            super().visit_title(node)
            return
        # As Sphinx writes it, plus the level that role="heading" requires.
        level = {"aria-level": str(CAPTION_LEVEL)}
        self.body.append(
            self.starttag(node, "p", "", CLASS="caption", ROLE="heading", **level)
        )
        self.body.append('<span class="caption-text">')
        self.context.append("</span></p>\n")


def use_accessible_html(app: Sphinx) -> None:
    builder = app.builder
    if not isinstance(builder, StandaloneHTMLBuilder):
        return
    base = builder.get_translator_class()
    if not issubclass(base, AccessibleHTMLMixin):
        accessible = type(f"Accessible{base.__name__}", (AccessibleHTMLMixin, base), {})
        app.set_translator(builder.name, accessible, override=True)
    # The highlighter that writes every code block of the pages.
    builder.highlighter.formatter = FocusableHtmlFormatter


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("builder-inited", use_accessible_html)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
