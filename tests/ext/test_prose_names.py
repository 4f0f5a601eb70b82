"""The names in a page's prose must exist: the rule, and a tiny project."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from prose_names import (
    Known,
    literal_lines,
    markdown_code_names,
    name_parts,
    rust_code_names,
)

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        ("count_primes", ["count_primes"]),
        ("Ticker.tick()", ["Ticker", "tick"]),
        ("PyBytes::new_with", ["PyBytes", "new_with"]),
        ("create_exception!", ["create_exception"]),
        ("_wordstats_rs", ["_wordstats_rs"]),
        # Code, types, commands, values and file names are not names.
        ("&[u8]", None),
        ("#[pyclass]", None),
        ("nox -s docs", None),
        ("[Errno 2]", None),
        ("0..=255", None),
        ("abi3-py311", None),
        ("hashing.py", None),
        ("Cargo.toml", None),
        ("py.typed", None),
    ],
)
def test_which_literals_are_names(text, parts):
    assert name_parts(text) == parts


def test_rust_names_leave_comments_out():
    source = 'fn shown() {} // in_comment\n/* in_block\n */ let s = "in_string";'
    assert rust_code_names(source) == {"fn", "shown", "let", "s", "in_string"}


def test_markdown_names_are_those_of_its_code():
    text = "Prose word `span_name` here.\n\n```rust\nfn block_name() {}\n```\n"
    assert markdown_code_names(text) == {"span_name", "fn", "block_name"}


NOTHING = Known(page=frozenset(), crates=frozenset())


@pytest.mark.parametrize(
    "text",
    [
        *("dict", "None", "def", "match", "append", "__init__", "__cause__"),
        *("hashlib", "os.fspath", "pathlib.Path", "object.__init__"),
        "importlib.metadata.version",
    ],
)
def test_python_names_are_known(text):
    assert NOTHING.source(name_parts(text)) == "Python"


@pytest.mark.parametrize("text", ["fspathx", "os.fspathx", "pathlib.Pathx.stem"])
def test_misspelt_python_names_are_not(text):
    assert NOTHING.source(name_parts(text)) is None


def test_parts_of_a_name_may_come_from_different_places():
    known = Known(page=frozenset({"Ticker"}), crates=frozenset({"attach"}))
    assert known.source(["Ticker", "attach"]) == (
        "the page's examples, the examples' crates"
    )
    assert known.unknown(["Ticker", "tock"]) == ["tock"]


def test_an_affix_is_the_end_or_start_of_a_shown_name():
    known = Known(page=frozenset({"_wordstats_rs", "set_capacity"}), crates=frozenset())
    assert known.source(["_rs"]) is not None
    assert known.source(["set_"]) is not None
    assert known.source(["_py"]) is None
    assert known.source(["get_"]) is None


def test_each_literal_gets_its_own_line():
    lines = [
        "Title",
        "",
        "``a`` and ``b``,",
        "then ``a`` again",
        "and ``c``.",
    ]
    literals = [("``a``", 3), ("``b``", 3), ("``a``", 3), ("``c``", 3)]
    assert literal_lines(lines, literals) == [3, 3, 4, 5]


CONF = """
extensions = ["myst_parser", "example_include", "snippet_rule", "try_example",
              "prose_names"]
example_include_root = "examples"
exclude_patterns = ["examples"]
prose_names_manifest = ""
"""
LIB = """\
// ANCHOR: work
/// Counts primes, holding the interpreter.
#[pyfunction]
fn count_primes_attached(limit: u64) -> u64 {
    helper(limit)
}
// ANCHOR_END: work
fn helper(limit: u64) -> u64 {
    limit
}
"""
OTHER_LIB = "// ANCHOR: b\nfn shown_on_other() {}\n// ANCHOR_END: b\n"
INDEX = """\
Page
====

.. toctree::

   other
   unlinked
   markdown

.. example:: a/lib.rs
   :region: work

``count_primes_attached`` calls ``helper``, which the region does not
show; ``os.fspath``, ``dict`` and ``Vec<u8>`` are no concern, nor is
``hashing.py``.  But ``count_primes_held`` is gone, and so is
``os.fspathx()``.  :doc:`other` shows ``shown_on_other``.

The notes' :foreign:`read_file` is theirs; :foreign:`helper` is ours.
"""
OTHER = """\
Other
=====

.. example:: b/lib.rs
   :region: b
"""
UNLINKED = """\
Unlinked
========

``shown_on_other`` is named here without a link to the page that shows it.
"""
MARKDOWN = """\
# Markdown

Some text,
and `missing_in_markdown` on line four; {foreign}`spawn_blocking` is Tokio's.
"""


def build_pages(build, conf: str = CONF):
    return build(
        {
            "conf.py": conf,
            "index.rst": INDEX,
            "other.rst": OTHER,
            "unlinked.rst": UNLINKED,
            "markdown.md": MARKDOWN,
        },
        {"a/lib.rs": LIB, "b/lib.rs": OTHER_LIB},
    )


def name_warnings(text: str) -> list[str]:
    """'page:line: name' for each [prose.*] warning."""
    found = re.findall(r"([\w.]+):(\d+): WARNING: (\S+) .*\[prose\.(\w+)\]", text)
    return sorted(f"{page}:{line}: {name} [{kind}]" for page, line, name, kind in found)


def test_unknown_names_fail_at_their_page_and_line(build):
    built = build_pages(build)
    assert name_warnings(built.warnings) == [
        "index.rst:15: ``count_primes_held`` [name]",
        "index.rst:16: ``os.fspathx()`` [name]",
        "index.rst:18: :foreign:`helper` [foreign]",
        "markdown.md:4: ``missing_in_markdown`` [name]",
        "unlinked.rst:4: ``shown_on_other`` [name]",
    ], built.warnings
    assert "index.rst:16: WARNING: ``os.fspathx()`` (fspathx) is not a name" in (
        built.warnings
    )
    assert (
        "index.rst:18: WARNING: :foreign:`helper` is a name of the page's examples"
        in built.warnings
    )
    # The foreign name is shown like any literal.
    assert '<code class="foreign-name docutils literal notranslate">' in built.html()


def test_findings_are_reported_on_every_build(build, make_app):
    first = build_pages(build)
    assert "count_primes_held" in first.warnings
    again = make_app("html", srcdir=Path(first.app.srcdir), freshenv=False)
    again.build()
    warnings = again.warning.getvalue()
    assert "0 added, 0 changed, 0 removed" in again.status.getvalue()
    assert name_warnings(warnings) == name_warnings(first.warnings)


def test_a_foreign_role_needs_a_name(build):
    page = "Page\n====\n\nSee :foreign:`nox -s docs`.\n"
    built = build({"conf.py": CONF, "index.rst": page})
    assert "index.rst:4: WARNING: :foreign:`nox -s docs` is not a name" in (
        built.warnings
    )


def test_rust_names_come_from_the_crates_the_examples_resolve(build):
    page = "Page\n====\n\n``Python::attach`` and ``PyBytes::new_with``.\n"
    without = build({"conf.py": CONF, "index.rst": page})
    assert "index.rst:4: WARNING: ``Python::attach`` is not a name" in (
        without.warnings
    )
    manifest = ROOT / "examples" / "Cargo.toml"
    conf = CONF.replace('""', repr(str(manifest)))
    built = build({"conf.py": conf, "index.rst": page})
    assert "[prose." not in built.warnings, built.warnings
    cache = Path(built.app.doctreedir) / "prose-names-crates.json"
    names = set(json.loads(cache.read_text("utf-8"))["names"])
    assert {"pyo3", "attach", "new_with", "sha2"} <= names
