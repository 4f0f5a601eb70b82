"""accessible_html: toctree captions get a heading level, code blocks Tab."""

from __future__ import annotations

import re

import pytest
from accessible_html import AccessibleHTMLMixin, FocusableHtmlFormatter
from pygments import highlight
from pygments.lexers import get_lexer_by_name

CONF = 'extensions = ["accessible_html"]\n'
INDEX = """
Title
=====

.. toctree::
   :caption: Foundations

   other

.. code-block:: python

   print("a line long enough to scroll sideways on a phone's narrow screen")

Section
-------
"""
OTHER = "Other\n=====\n\nText.\n"


def test_toctree_caption_is_a_level_two_heading(build):
    built = build({"conf.py": CONF, "index.rst": INDEX, "other.rst": OTHER})
    assert built.warnings == ""
    html = built.html()
    captions = re.findall(r'<p [^>]*role="heading"[^>]*>', html)
    assert captions, "the toctree has a caption"
    for caption in captions:
        assert 'aria-level="2"' in caption
        assert 'class="caption"' in caption
    assert '<span class="caption-text">Foundations</span></p>' in html
    # Other titles are Sphinx's own.
    assert re.search(r"<h1>Title<a [^>]*headerlink", html)
    assert re.search(r"<h2>Section<a [^>]*headerlink", html)


def test_code_blocks_are_in_the_tab_order(build):
    built = build({"conf.py": CONF, "index.rst": INDEX, "other.rst": OTHER})
    html = built.html()
    blocks = re.findall(r"<pre[ >][^>]*", html)
    assert blocks
    assert all('tabindex="0"' in block for block in blocks), blocks
    assert '<div class="highlight"><pre tabindex="0"><span></span>' in html


TABLE_WRAPPER = """
Title
=====

.. container:: table-wrapper

   ==  ==
   a   b
   ==  ==

.. container:: other

   Text.
"""


@pytest.mark.parametrize(
    "extensions",
    [["accessible_html"], ["myst_parser", "accessible_html"]],
    ids=["docutils", "myst"],  # MyST replaces the visitor for containers
)
def test_scrolling_wrappers_are_in_the_tab_order(build, extensions):
    # Furo wraps every table in such a container; here it is written by hand.
    conf = f"extensions = {extensions!r}\n"
    built = build({"conf.py": conf, "index.rst": TABLE_WRAPPER})
    assert built.warnings == ""
    html = built.html()
    assert re.search(
        r'<div class="table-wrapper docutils container" tabindex="0"', html
    )
    assert '<div class="other docutils container">' in html
    assert html.count("tabindex") == 1


def test_without_the_extension_sphinx_writes_neither(build):
    built = build({"conf.py": "", "index.rst": INDEX, "other.rst": OTHER})
    html = built.html()
    assert 'role="heading"' in html
    assert "aria-level" not in html
    assert "tabindex" not in html


# Another extension that sets its own translator.
OTHER_TRANSLATOR = """
from sphinx.writers.html5 import HTML5Translator

class OtherTranslator(HTML5Translator):
    def visit_paragraph(self, node):
        super().visit_paragraph(node)
        self.body.append("<!-- other -->")

def setup(app):
    app.set_translator("html", OtherTranslator)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
"""


def test_composes_with_another_extensions_translator(build, tmp_path, monkeypatch):
    monkeypatch.syspath_prepend(tmp_path / "project")
    pages = {
        "conf.py": 'extensions = ["other_translator", "accessible_html"]\n',
        "other_translator.py": OTHER_TRANSLATOR,
        "index.rst": INDEX,
        "other.rst": OTHER,
    }
    built = build(pages)
    translator = built.app.builder.get_translator_class()
    assert issubclass(translator, AccessibleHTMLMixin)
    assert "OtherTranslator" in [base.__name__ for base in translator.__mro__]
    assert "<!-- other -->" in built.html("other")
    assert 'aria-level="2"' in built.html()


def test_formatter_marks_only_the_code_pre():
    lexer = get_lexer_by_name("rust")
    code = "fn main() {}\nlet x = 1;\n"
    table = highlight(code, lexer, FocusableHtmlFormatter(linenos="table"))
    assert table.count("<pre") == 2  # line numbers, code
    assert table.count('<pre tabindex="0"') == 1
    inline = highlight(
        code, lexer, FocusableHtmlFormatter(linenos="inline", wrapcode=True)
    )
    assert inline.count('<pre tabindex="0"><span></span><code>') == 1
