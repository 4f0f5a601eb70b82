"""The "What changed since the source material" notes, and the list of them all.

``.. what-changed::`` renders its content as the note every page has had
(an admonition with that title and the ``note`` class, so it looks the
same) and records it with its page.  ``.. what-changed-list::`` shows every
recorded note, in the order of the site's table of contents, each under
its page's title and linked to where it stands.  Like ``sphinx.ext.todo``,
the notes live in the environment, so parallel readers merge theirs.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util.docutils import SphinxDirective, new_document

TITLE = "What changed since the source material"
# The admonition's class: the look of the notes before this directive.
NOTE_CLASS = "note"


class what_changed(nodes.admonition):
    """One note.  Sphinx's writers render it as the admonition it is."""


class what_changed_list(nodes.General, nodes.Element):
    """Replaced by every note of the site once all pages have been read."""


class WhatChangedDirective(SphinxDirective):
    has_content = True

    def run(self) -> list[nodes.Node]:
        self.assert_has_content()
        number = self.env.new_serialno("what-changed")
        node = what_changed(
            "\n".join(self.content),
            nodes.title(TITLE, TITLE),
            classes=[NOTE_CLASS],
            ids=["what-changed" if number == 0 else f"what-changed-{number + 1}"],
        )
        self.set_source_info(node)
        self.state.nested_parse(self.content, self.content_offset, node)
        return [node]


class WhatChangedListDirective(SphinxDirective):
    has_content = False

    def run(self) -> list[nodes.Node]:
        # The list depends on every page: read it on every build.
        self.env.note_reread()
        return [what_changed_list()]


def notes(env: BuildEnvironment) -> dict[str, list[what_changed]]:
    """docname -> the notes on that page, in page order."""
    if not hasattr(env, "what_changed_notes"):
        env.what_changed_notes = {}
    return env.what_changed_notes


def detached(note: what_changed) -> what_changed:
    """A copy of the note that does not drag its page's document along."""
    copy = note.deepcopy()
    for node in copy.findall():
        node.document = None
    return copy


def record_notes(app: Sphinx, doctree: nodes.document) -> None:
    found = [detached(note) for note in doctree.findall(what_changed)]
    if found:
        notes(app.env)[app.env.docname] = found


def toctree_order(env: BuildEnvironment, root: str) -> list[str]:
    """Every page in reading order: the toctree depth first, then the rest."""
    order: list[str] = []

    def visit(docname: str) -> None:
        if docname in order:
            return
        order.append(docname)
        for child in env.toctree_includes.get(docname, []):
            visit(child)

    visit(root)
    return order + sorted(set(env.found_docs) - set(order))


def page_title(env: BuildEnvironment, docname: str) -> str:
    return env.titles[docname].astext() if docname in env.titles else docname


def entries(app: Sphinx, docname: str) -> list[nodes.Node]:
    """Each note's body under its page's title, which links to the note."""
    env = app.env
    recorded = notes(env)
    shown: list[nodes.Node] = []
    for page in toctree_order(env, app.config.root_doc):
        for note in recorded.get(page, []):
            title = page_title(env, page)
            link = nodes.reference(
                title,
                title,
                internal=True,
                refuri=app.builder.get_relative_uri(docname, page)
                + "#"
                + note["ids"][0],
            )
            entry = nodes.container(classes=["what-changed-entry"])
            entry += nodes.rubric("", "", link)
            body = note.deepcopy()
            body.remove(body[0])  # the title: the rubric names the page instead
            for element in body.findall(nodes.Element):
                # Unique on this page too, where every page's notes meet.
                element["ids"] = [f"{page}-{id_}" for id_ in element["ids"]]
            entry += resolved(app, body.children, docname)
            shown.append(entry)
    if not shown:
        shown.append(nodes.paragraph(text="No page has a note."))
    return shown


def resolved(app: Sphinx, children: list[nodes.Node], docname: str) -> list:
    """The note's cross-references, resolved as seen from the list's page."""
    document = new_document("")
    document.extend(children)
    for xref in document.findall(addnodes.pending_xref):
        xref["refdoc"] = docname
    app.env.resolve_references(document, docname, app.builder)
    return list(document.children)


def fill_lists(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    for placeholder in list(doctree.findall(what_changed_list)):
        placeholder.replace_self(entries(app, docname))


def purge_doc(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
    notes(env).pop(docname, None)


def merge_info(
    app: Sphinx, env: BuildEnvironment, docnames: set[str], other: BuildEnvironment
) -> None:
    theirs = notes(other)
    ours = notes(env)
    for docname in docnames:
        if docname in theirs:
            ours[docname] = theirs[docname]


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_node(what_changed)
    app.add_node(what_changed_list)
    app.add_directive("what-changed", WhatChangedDirective)
    app.add_directive("what-changed-list", WhatChangedListDirective)
    app.connect("doctree-read", record_notes)
    app.connect("doctree-resolved", fill_lists)
    app.connect("env-purge-doc", purge_doc)
    app.connect("env-merge-info", merge_info)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
