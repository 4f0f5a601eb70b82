"""Region markers are parsed strictly; every mistake names its file and line."""

from pathlib import Path

import pytest

from examples_model.regions import ExampleFile, RegionError, parse_regions

GOOD = """\
use std::fmt;
// ANCHOR: outer
fn outer() {
    // ANCHOR: inner
    let x = 1;
    // ANCHOR_END: inner
}
// ANCHOR_END: outer
"""


def example(tmp_path: Path, text: str, name: str = "lib.rs") -> ExampleFile:
    path = tmp_path / name
    path.write_text(text)
    return ExampleFile.read(path)


def test_regions_nest_and_markers_are_never_shown(tmp_path):
    file = example(tmp_path, GOOD)
    assert set(file.regions) == {"outer", "inner"}
    assert file.text("inner") == "let x = 1;\n"
    assert file.text("outer") == "fn outer() {\n    let x = 1;\n}\n"
    assert "ANCHOR" not in file.text()


def test_pycon_markers_are_doctest_comments(tmp_path):
    file = example(
        tmp_path, ">>> # ANCHOR: s\n>>> 1 + 1\n2\n>>> # ANCHOR_END: s\n", "a.pycon"
    )
    assert file.text("s") == ">>> 1 + 1\n2\n"


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        (
            "// ANCHOR: a\n// ANCHOR_END: a\n// ANCHOR: a\n// ANCHOR_END: a\n",
            3,
            "region 'a' is opened again (first opened at line 1)",
        ),
        ("x\n// ANCHOR: a\nbody\n", 2, "region 'a' is never closed"),
        ("// ANCHOR_END: a\n", 1, "ANCHOR_END for region 'a', which is not open"),
        ("fn a() {}\n// ANCHOR a\n", 2, "malformed region marker"),
        ("// ANCHOR: bad name\n", 1, "malformed region marker"),
    ],
)
def test_bad_markers_name_file_and_line(tmp_path, text, line, message):
    with pytest.raises(RegionError) as caught:
        example(tmp_path, text)
    assert caught.value.line == line
    assert message in str(caught.value)
    assert str(caught.value).startswith(f"{tmp_path / 'lib.rs'}:{line}:")


def test_unknown_region_lists_the_known_ones(tmp_path):
    file = example(tmp_path, GOOD)
    with pytest.raises(
        RegionError, match=r"no region named 'nope' \(regions: inner, outer\)"
    ):
        file.text("nope")


def test_empty_region_is_an_error(tmp_path):
    file = example(tmp_path, "// ANCHOR: a\n\n// ANCHOR_END: a\n")
    with pytest.raises(RegionError, match="region 'a' is empty"):
        file.text("a")


def test_parse_regions_reports_line_numbers(tmp_path):
    regions = parse_regions(tmp_path / "x.rs", GOOD.splitlines())
    assert (regions["outer"].start, regions["outer"].end) == (2, 8)
