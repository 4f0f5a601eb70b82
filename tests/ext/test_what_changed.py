"""The what-changed notes: same look as before, and one list of all of them."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest

CONF = 'extensions = ["what_changed"]\n'
INDEX = """
Home
====

.. toctree::

   second
   first
   list
"""
LIST = "All notes\n=========\n\n.. what-changed-list::\n"


def page(title: str, note: str) -> str:
    body = textwrap.indent(textwrap.dedent(note).strip(), "   ")
    return f"{title}\n{'=' * len(title)}\n\nText.\n\n.. what-changed::\n\n{body}\n"


def write(srcdir: Path, pages: dict[str, str]) -> None:
    for name, text in {"conf.py": CONF, **pages}.items():
        path = srcdir / name
        path.parent.mkdir(parents=True, exist_ok=True)
        # Only changed files: an unchanged page must look unchanged to Sphinx.
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")


@pytest.fixture
def project(make_app, tmp_path):
    """project(pages, parallel=1, fresh=True) -> (app, html of each page)."""
    srcdir = tmp_path / "project"
    apps = []

    def build(pages: dict[str, str], parallel: int = 1, fresh: bool = True):
        write(srcdir, pages)
        if apps:
            apps[-1].cleanup()  # else the next app warns that nodes are registered
        app = make_app("html", srcdir=srcdir, freshenv=fresh, parallel=parallel)
        apps.append(app)
        app.build()
        html = {
            path.stem: path.read_text(encoding="utf-8")
            for path in Path(app.outdir).glob("*.html")
        }
        return app, html

    return build


def admonitions(html: str) -> list[str]:
    return re.findall(r'<div class="[^"]*admonition[^"]*".*?</div>', html, re.DOTALL)


def test_a_note_looks_like_the_admonition_it_replaces(project):
    body = "The notes say *X*; it is ``Y`` now."
    old = (
        "Old\n===\n\n.. admonition:: What changed since the source material\n"
        f"   :class: note\n\n   {body}\n"
    )
    app, html = project(
        {
            "index.rst": "Home\n====\n\n.. toctree::\n\n   old\n   new\n",
            "old.rst": old,
            "new.rst": page("New", body),
        }
    )
    assert app.warning.getvalue() == ""
    [before] = admonitions(html["old"])
    [after] = admonitions(html["new"])
    # The same element, classes, title and body; only the link target is new.
    assert after == before.replace(
        '<div class="note admonition">',
        '<div class="note admonition" id="what-changed">',
    )
    assert '<p class="admonition-title">What changed since the source material</p>' in (
        after
    )


def test_the_list_shows_every_note_in_reading_order_linked_to_its_page(project):
    app, html = project(
        {
            "index.rst": INDEX,
            "first.rst": page(
                "First page",
                """
                Note one, see :doc:`second`.

                .. code-block:: text
                   :caption: A captioned block needs its id on every page

                   shown twice
                """,
            ),
            "second.rst": page("Second page", "Note two.")
            + "\n.. what-changed::\n\n   Note three.\n",
            "list.rst": LIST,
        }
    )
    assert app.warning.getvalue() == ""
    shown = html["list"]
    # The toctree puts "second" before "first"; the file names do not.
    order = [shown.index(f"Note {n}") for n in ("two", "three", "one")]
    assert order == sorted(order)
    assert '<a class="reference internal" href="second.html#what-changed">' in shown
    assert '<a class="reference internal" href="second.html#what-changed-2">' in shown
    assert '<a class="reference internal" href="first.html#what-changed">' in shown
    # The note's own cross-reference works on the list's page too.
    note_one = shown[shown.index("Note one") :]
    link = '<a class="reference internal" href="second.html"'
    assert note_one.startswith(f"Note one, see {link}")
    # Each page keeps its own ids; the list repeats none of them.
    assert 'id="what-changed"' in html["first"]
    assert 'id="what-changed' not in shown
    assert "shown twice" in shown
    wrapper = r'<div class="literal-block-wrapper[^"]*" id="([^"]+)"'
    block_ids = re.findall(wrapper, shown)
    assert block_ids == ["first-id1"], shown
    # The notes' title is not repeated 3 times: each entry is titled by its page.
    assert shown.count("What changed since the source material") == 0
    assert shown.count('class="rubric"') == 3


def test_parallel_readers_merge_their_notes(project):
    pages = {f"p{n}.rst": page(f"Page {n}", f"Note of page {n}.") for n in range(6)}
    toctree = "".join(f"   p{n}\n" for n in range(6))
    app, html = project(
        {
            **pages,
            "index.rst": f"Home\n====\n\n.. toctree::\n\n{toctree}   list\n",
            "list.rst": LIST,
        },
        parallel=2,
    )
    assert app.parallel == 2
    assert app.is_parallel_allowed("read")
    assert app.warning.getvalue() == ""
    for n in range(6):
        assert f"Note of page {n}." in html["list"]


def test_a_list_read_in_parallel_is_rewritten_by_the_next_build(project):
    """The list's page, recorded by a parallel reader, reaches the main
    environment: the next build, which reads only the changed page, still
    writes the list again."""
    pages = {f"p{n}.rst": page(f"Page {n}", f"Note of page {n}.") for n in range(6)}
    toctree = "".join(f"   p{n}\n" for n in range(6))
    pages["index.rst"] = f"Home\n====\n\n.. toctree::\n\n{toctree}   list\n"
    pages["list.rst"] = LIST
    project(pages, parallel=2)
    app, html = project(
        {**pages, "p3.rst": page("Page 3", "Revised note, third page.")}, fresh=False
    )
    assert "Revised note, third page." in html["list"]
    assert "Note of page 3." not in html["list"]
    assert app.warning.getvalue() == ""


def test_an_incremental_build_drops_a_removed_note(project):
    pages = {
        "index.rst": INDEX,
        "first.rst": page("First page", "Note one."),
        "second.rst": page("Second page", "Note two."),
        "list.rst": LIST,
    }
    project(pages)
    # "second" loses its note; "list" itself is unchanged, yet rewritten.
    app, html = project(
        {**pages, "second.rst": "Second page\n===========\n\nNo note.\n"},
        fresh=False,
    )
    assert "Note one." in html["list"]
    assert "Note two." not in html["list"]
    assert app.warning.getvalue() == ""


def test_an_empty_note_is_an_error(project):
    app, _ = project(
        {"index.rst": "Home\n====\n\n.. what-changed::\n\nText.\n"},
    )
    assert 'Content block expected for the "what-changed" directive' in (
        app.warning.getvalue()
    )


def test_a_list_with_no_notes_says_so(project):
    _, html = project({"index.rst": LIST})
    assert "No page has a note." in html["index"]
