"""The one docutils table builder that the extensions' generated tables use.

A cell is text (put in a paragraph), any node (put in an entry), or an
``entry`` made by the caller, to give the cell classes of its own.
"""

from __future__ import annotations

from collections.abc import Sequence

from docutils import nodes

Cell = str | nodes.Node


def entry(cell: Cell) -> nodes.entry:
    if isinstance(cell, nodes.entry):
        return cell
    if isinstance(cell, str):
        return nodes.entry("", nodes.paragraph(cell, cell))
    return nodes.entry("", cell)


def row(cells: Sequence[Cell]) -> nodes.row:
    return nodes.row("", *(entry(cell) for cell in cells))


def table(
    rows: Sequence[Sequence[Cell]],
    *,
    widths: Sequence[int],
    headers: Sequence[Cell] = (),
    classes: Sequence[str] = (),
    title: str | None = None,
) -> nodes.table:
    """A table with one column per width (relative), and a header row if given."""
    group = nodes.tgroup(cols=len(widths))
    group += [nodes.colspec(colwidth=width) for width in widths]
    if headers:
        group += nodes.thead("", row(headers))
    group += nodes.tbody("", *(row(cells) for cells in rows))
    made = nodes.table(classes=list(classes))
    if title is not None:
        made += nodes.title(title, title)
    made += group
    return made
