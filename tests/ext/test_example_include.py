"""The example directive fails the build, at the right place, for each mistake."""

from example_include import shown_blocks

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
    assert "index.rst:4: WARNING" in built.warnings, built.warnings


def test_file_tree_is_read_from_disk(build):
    pages = {"index.rst": "Title\n=====\n\n.. example-tree:: crate\n"}
    built = build(
        pages, {"crate/Cargo.toml": "", "crate/src/lib.rs": "", "crate/target/x": ""}
    )
    assert built.warnings == ""
    html = built.html()
    assert "lib.rs" in html
    assert "target" not in html.split("file tree")[1], "build output must not be listed"


TABS_RUST = "// ANCHOR: f\npub fn f() {}\n// ANCHOR_END: f\n"
TABS_SESSION = ">>> # ANCHOR: s\n>>> 1 + 1\n2\n>>> # ANCHOR_END: s\n"


def test_tabs_show_rust_python_and_output_in_rst_and_myst(build):
    rst = (
        "Title\n=====\n\n.. example-tabs::\n   :rust: lib.rs#f\n   :python: s.pycon#s\n"
    )
    myst = "# Other\n\n```{example-tabs}\n:rust: lib.rs#f\n:python: s.pycon#s\n```\n"
    built = build(
        {"index.rst": rst + "\n.. toctree::\n\n   other\n", "other.md": myst},
        {"lib.rs": TABS_RUST, "s.pycon": TABS_SESSION},
    )
    assert built.warnings == ""
    for page in ("index", "other"):
        html = built.html(page)
        tabs = [html.index(label) for label in ("Rust", "Python", "Output")]
        assert tabs == sorted(tabs), "tabs must be Rust, then Python, then Output"
        assert "pub" in html
        assert "&gt;&gt;&gt;" in html, "the Output tab shows the session as it ran"
    # Each block is located at the example-tabs directive, not in the text
    # that the directive generates.
    blocks = shown_blocks(built.app.env)
    assert [block["lineno"] for block in blocks["index"]] == [4, 4, 4]
    assert [block["lineno"] for block in blocks["other"]] == [3, 3, 3]
