"""The table builder shared by the generated tables."""

from __future__ import annotations

from docutils import nodes
from tables import table


def test_table_has_widths_header_rows_and_cells_of_each_kind():
    marked = nodes.entry("", nodes.paragraph("x", "x"), classes=["failed"])
    made = table(
        [("a", nodes.strong("b", "b")), ("c", marked)],
        widths=(70, 30),
        headers=("One", "Two"),
        classes=["demo"],
        title="Caption",
    )
    assert made["classes"] == ["demo"]
    assert made[0].astext() == "Caption"
    [group] = made.findall(nodes.tgroup)
    assert group["cols"] == 2
    assert [spec["colwidth"] for spec in group.findall(nodes.colspec)] == [70, 30]
    [head] = group.findall(nodes.thead)
    assert [e.astext() for e in head.findall(nodes.entry)] == ["One", "Two"]
    [body] = group.findall(nodes.tbody)
    rows = [[e.astext() for e in row.findall(nodes.entry)] for row in body.children]
    assert rows == [["a", "b"], ["c", "x"]]
    assert next(body.findall(nodes.strong)).astext() == "b"
    assert marked in list(body.findall(nodes.entry))


def test_table_without_headers_has_no_head():
    made = table([("a", "1")], widths=(1, 1))
    assert not list(made.findall(nodes.thead))
    assert not list(made.findall(nodes.title))
