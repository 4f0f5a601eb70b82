"""The snippet rule rejects every hand-typed code block and accepts includes."""

import pytest

RUST = """
fn helper() {}
// ANCHOR: shown
pub fn shown() -> u32 {
    42
}
// ANCHOR_END: shown
"""

INLINE_RST = {
    "code-block": ".. code-block:: rust\n\n   fn typed_by_hand() {}\n",
    "code": ".. code:: rust\n\n   fn typed_by_hand() {}\n",
    "literal": "Look at this::\n\n   fn typed_by_hand() {}\n",
    "doctest": ">>> 1 + 1\n2\n",
    "literalinclude": ".. literalinclude:: examples/lib.rs\n",
}


def test_accepts_an_included_region(build):
    page = "Title\n=====\n\n.. example:: lib.rs\n   :region: shown\n"
    built = build({"index.rst": page}, {"lib.rs": RUST})
    assert built.warnings == ""
    html = built.html()
    assert "shown" in html
    assert "helper" not in html, "text outside the region leaked into the page"
    assert "ANCHOR" not in html, "marker lines must not be shown"


def test_accepts_an_include_in_myst(build):
    page = "# Title\n\n```{example} lib.rs\n:region: shown\n```\n"
    built = build({"index.md": page}, {"lib.rs": RUST})
    assert built.warnings == ""
    assert "42" in built.html()


@pytest.mark.parametrize("kind", sorted(INLINE_RST))
def test_rejects_inline_rst_blocks(build, kind):
    page = "Title\n=====\n\n" + INLINE_RST[kind]
    built = build({"index.rst": page}, {"lib.rs": RUST})
    # The block starts on the page's fourth line; a literal block starts
    # after the paragraph that introduces it and a blank line.
    line = 6 if kind == "literal" else 4
    assert f"index.rst:{line}: WARNING" in built.warnings, built.warnings
    assert "is not allowed: include code from examples/" in built.warnings


def test_rejects_a_myst_fence(build):
    page = "# Title\n\n```python\nprint('typed by hand')\n```\n"
    built = build({"index.md": page})
    assert "index.md:3" in built.warnings, built.warnings
    assert "inline code block is not allowed" in built.warnings


def test_rejects_a_myst_code_block_directive(build):
    page = "# Title\n\n```{code-block} rust\nfn typed() {}\n```\n"
    built = build({"index.md": page})
    assert "inline code block is not allowed" in built.warnings, built.warnings
    assert "index.md:3: WARNING" in built.warnings, built.warnings


def test_reports_every_block_not_only_the_first(build):
    page = "Title\n=====\n\n" + INLINE_RST["code-block"] + "\n" + INLINE_RST["doctest"]
    built = build({"index.rst": page})
    assert built.warnings.count("is not allowed") == 2, built.warnings
    second = 4 + INLINE_RST["code-block"].count("\n") + 1
    assert "index.rst:4: WARNING" in built.warnings, built.warnings
    assert f"index.rst:{second}: WARNING" in built.warnings, built.warnings
