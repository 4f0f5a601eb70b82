"""HTML that keyboard and screen-reader users can use, fixed where it is written.

What Sphinx and Furo emit fails WCAG 2.1 in two ways (axe-core's rules in
brackets):

* The captions of a toctree, which Furo shows as the sidebar's section
  titles, are ``<p class="caption" role="heading">`` without the
  ``aria-level`` that the heading role requires [aria-required-attr].
  They get ``aria-level="2"``: the page's title is the only level-1 heading.
* Whatever scrolls sideways must be reachable with the keyboard
  [scrollable-region-focusable].  A code block whose lines are wider than
  the column scrolls inside its ``<pre>`` (Furo: ``pre { overflow: auto }``):
  ``FocusableHtmlFormatter`` writes ``<pre tabindex="0">``, so Tab reaches
  the block and the arrow keys then scroll it.  Furo wraps tables and math
  in containers that scroll the same way (``table-wrapper``,
  ``math-wrapper``); they get ``tabindex="0"`` too.  Which of them overflows
  depends on the reader's screen, so all of them are focusable.

The translator is the builder's own class with ``AccessibleHTMLMixin`` in
front, so it composes with any other extension's translator.  The mixin adds
the attributes in ``starttag``, which every visitor calls, so they are also
written where an extension replaces a node's visitor (MyST replaces the one
for containers).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from docutils import nodes
from pygments.formatters import HtmlFormatter
from sphinx.application import Sphinx
from sphinx.builders.html import StandaloneHTMLBuilder

if TYPE_CHECKING:
    from sphinx.writers.html5 import HTML5Translator as _Translator
else:
    _Translator = object

CAPTION_LEVEL = 2
# Furo's wrappers around tables and math, which scroll sideways when narrow.
SCROLLING_CONTAINERS = frozenset({"table-wrapper", "math-wrapper"})


class FocusableHtmlFormatter(HtmlFormatter):
    """Pygments' HTML with the scrolling ``<pre>`` in the keyboard's tab order."""

    def wrap(self, source: Iterator[tuple[int, str]]) -> Iterator[tuple[int, str]]:
        for kind, text in super().wrap(source):
            if kind == 0 and text.startswith("<pre"):
                text = '<pre tabindex="0"' + text.removeprefix("<pre")
            yield kind, text


def extra_attributes(node: nodes.Element, attributes: dict[str, Any]) -> dict[str, str]:
    """What to add to the start tag of ``node`` that carries ``attributes``."""
    given = {name.lower(): value for name, value in attributes.items()}
    if given.get("role") == "heading" and "aria-level" not in given:
        return {"aria-level": str(CAPTION_LEVEL)}
    if isinstance(node, nodes.container) and not SCROLLING_CONTAINERS.isdisjoint(
        node["classes"]
    ):
        return {"tabindex": "0"}
    return {}


class AccessibleHTMLMixin(_Translator):
    """Put in front of an HTML translator class; see the module docstring."""

    def starttag(
        self,
        node: nodes.Element,
        tagname: str,
        suffix: str = "\n",
        empty: bool = False,
        **attributes: Any,
    ) -> str:
        attributes.update(extra_attributes(node, attributes))
        return super().starttag(node, tagname, suffix, empty, **attributes)


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
