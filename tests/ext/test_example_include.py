"""The example directive fails the build, at the right place, for each mistake."""

PAGE = "Title\n=====\n\n.. example:: {path}\n{options}"


def page(path: str, region: str | None = None) -> dict[str, str]:
    options = f"   :region: {region}\n" if region else ""
    return {"index.rst": PAGE.format(path=path, options=options)}


def test_missing_region_names_page_and_file(build):
    built = build(
        page("lib.rs", "absent"), {"lib.rs": "// ANCHOR: a\nx\n// ANCHOR_END: a\n"}
    )
    assert "index.rst:4" in built.warnings
    assert "lib.rs:1: no region named 'absent'" in built.warnings


def test_missing_file(build):
    built = build(page("gone.rs"))
    assert "index.rst:4" in built.warnings
    assert "gone.rs: no such example file" in built.warnings


def test_duplicated_marker(build):
    text = "// ANCHOR: a\nx\n// ANCHOR_END: a\n// ANCHOR: a\ny\n// ANCHOR_END: a\n"
    built = build(page("lib.rs", "a"), {"lib.rs": text})
    assert "lib.rs:4: region 'a' is opened again" in built.warnings


def test_unclosed_marker(build):
    built = build(page("lib.rs", "a"), {"lib.rs": "x\n// ANCHOR: a\ny\n"})
    assert "lib.rs:2: region 'a' is never closed" in built.warnings


def test_region_that_no_page_includes(build):
    text = (
        "// ANCHOR: a\nx\n// ANCHOR_END: a\n"
        "// ANCHOR: lonely\ny\n// ANCHOR_END: lonely\n"
    )
    built = build(page("lib.rs", "a"), {"lib.rs": text})
    assert (
        "lib.rs:4: WARNING: region 'lonely' is not included by any page"
        in built.warnings
    )
    assert "'a' is not included" not in built.warnings


def test_path_outside_examples_is_rejected(build):
    built = build(page("../conf.py"))
    assert "is outside" in built.warnings


def test_file_tree_is_read_from_disk(build):
    pages = {"index.rst": "Title\n=====\n\n.. example-tree:: crate\n"}
    built = build(
        pages, {"crate/Cargo.toml": "", "crate/src/lib.rs": "", "crate/target/x": ""}
    )
    assert built.warnings == ""
    html = built.html()
    assert "lib.rs" in html
    assert "target" not in html.split("file tree")[1], "build output must not be listed"
