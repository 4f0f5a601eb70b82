"""The ``examples-index`` directive: a table of every example crate.

Usage::

    .. examples-index::

Each row is a member of the examples workspace (``examples/Cargo.toml``):
its folder and package name, the pages that show its files, and what it
shows (the ``description`` in its ``Cargo.toml``).  The table is made at
write time from what the ``example`` directive recorded while reading every
page, so it cannot drift from the site.  A crate that no page shows yet says
so.

The pure logic sits above the ``Sphinx glue`` line.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

from docutils import nodes
from example_include import shown_blocks
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective
from tables import table

from examples_model import crates

logger = logging.getLogger(__name__)


@dataclass
class Crate:
    folder: str  # relative to examples/, e.g. "project-structure/wordstats-py"
    package: str
    description: str
    pages: list[str] = field(default_factory=list)


def workspace_crates(root: Path) -> list[Crate]:
    """The workspace members, in the order examples/Cargo.toml lists them."""
    found = []
    for member in crates.workspace_members(root):
        package = tomllib.loads(
            (root / member / "Cargo.toml").read_text(encoding="utf-8")
        )["package"]
        found.append(Crate(member, package["name"], package.get("description", "")))
    return found


def with_pages(
    members: list[Crate], includes: dict[str, list[dict[str, Any]]]
) -> list[Crate]:
    """Attach to each crate the pages that include its files.

    A file in a topic folder but in no crate (a page's ``session.pycon``)
    counts for every crate of that topic.
    """
    folders = [crate.folder for crate in members]
    found: dict[str, set[str]] = {folder: set() for folder in folders}
    for docname, page_includes in includes.items():
        for include in page_includes:
            for folder in crates.crates_of(include["path"], folders):
                found[folder].add(docname)
    return [
        Crate(c.folder, c.package, c.description, sorted(found[c.folder]))
        for c in members
    ]


# --- Sphinx glue -----------------------------------------------------------


class examples_index(nodes.General, nodes.Element):
    """Placeholder, filled in once every page has been read."""


class ExamplesIndexDirective(SphinxDirective):
    has_content = False
    option_spec: ClassVar[dict[str, Any]] = {}

    def run(self) -> list[nodes.Node]:
        # The index depends on every crate and page: read it on every build.
        self.env.note_reread()
        root = Path(self.config.example_include_root)
        self.env.note_dependency(str(root / "Cargo.toml"))
        return [examples_index()]


def fill_index(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    placeholders = list(doctree.findall(examples_index))
    if not placeholders:
        return
    env = app.env
    root = Path(app.config.example_include_root)
    rows = []
    for crate in with_pages(workspace_crates(root), shown_blocks(env)):
        name = nodes.paragraph()
        name += nodes.literal(text=f"examples/{crate.folder}/")
        name += nodes.Text(f" ({crate.package})")
        pages = nodes.paragraph()
        for number, page in enumerate(crate.pages):
            if number:
                pages += nodes.Text(", ")
            title = env.titles[page].astext() if page in env.titles else page
            pages += nodes.reference(
                title,
                title,
                internal=True,
                refuri=app.builder.get_relative_uri(docname, page),
            )
        if not crate.pages:
            pages += nodes.emphasis(text="not shown on any page yet")
        rows.append([name, pages, nodes.paragraph(text=crate.description)])
    for placeholder in placeholders:
        placeholder.replace_self(
            table(
                rows,
                widths=(30, 25, 45),
                headers=["Crate", "Page", "What it shows"],
                classes=["examples-index"],
            )
        )


def setup(app: Sphinx) -> dict[str, Any]:
    app.setup_extension("example_include")
    app.add_node(examples_index)
    app.add_directive("examples-index", ExamplesIndexDirective)
    app.connect("doctree-resolved", fill_index)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
