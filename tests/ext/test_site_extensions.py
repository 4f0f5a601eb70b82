"""The presentation extensions: source links, examples index, try-it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from example_include import shown_blocks
from example_source import repo_link, repo_url_from_environment, shown_files
from examples_index import Crate, with_pages
from try_example import NotAnExample, module_name

CONF = """
extensions = [
    "example_include", "snippet_rule", "example_source", "examples_index",
]
example_include_root = "examples"
exclude_patterns = ["examples"]
example_source_repo_url = {repo!r}
"""
LIB = "// ANCHOR: f\nfn f() {}\n// ANCHOR_END: f\n"
CRATE_TOML = """
[package]
name = "{name}"
description = "{description}"
[lib]
name = "{lib}"
"""
WORKSPACE = """
[workspace]
members = ["alpha", "beta"]
"""


def crates() -> dict[str, str]:
    return {
        "Cargo.toml": WORKSPACE,
        "alpha/Cargo.toml": CRATE_TOML.format(
            name="alpha-py", description="Shows alpha.", lib="_alpha_rs"
        ),
        "alpha/pyproject.toml": "",
        "alpha/src/lib.rs": LIB,
        "beta/Cargo.toml": CRATE_TOML.format(
            name="beta-py", description="Shows beta.", lib="_beta_rs"
        ),
    }


def conf(repo: str = "", try_example: bool = False) -> dict[str, str]:
    text = CONF.format(repo=repo)
    if try_example:
        text += 'extensions.append("try_example")\n'
    return {"conf.py": text}


def test_caption_links_to_a_page_with_the_whole_file(build):
    pages = {
        **conf(),
        "index.rst": "T\n=\n\n.. example:: alpha/src/lib.rs\n   :region: f\n",
    }
    built = build(pages, crates())
    assert built.warnings == ""
    html = built.html()
    assert 'href="_examples/alpha/src/lib.rs.html#L-2"' in html
    assert "example-repo-link" not in html
    out = Path(built.app.outdir)
    assert (out / "_examples/alpha/src/lib.rs").read_text() == LIB
    page = (out / "_examples/alpha/src/lib.rs.html").read_text()
    assert 'id="L-2"' in page
    assert '<pre tabindex="0">' in page  # the keyboard reaches it to scroll
    assert 'href="lib.rs"' in page  # the plain-text copy


def test_repository_link_when_configured(build):
    pages = {
        **conf("https://example.org/repo/blob/main/"),
        "index.rst": "T\n=\n\n.. example:: alpha/src/lib.rs\n   :region: f\n",
    }
    html = build(pages, crates()).html()
    assert 'href="https://example.org/repo/blob/main/examples/alpha/src/lib.rs"' in html


def test_examples_index_lists_crates_pages_and_descriptions(build):
    pages = {
        **conf(),
        "index.rst": "Home\n====\n\n.. toctree::\n\n   alpha\n   list\n",
        "alpha.rst": "Alpha page\n==========\n\n.. example:: alpha/src/lib.rs\n"
        "   :region: f\n",
        "list.rst": "List\n====\n\n.. examples-index::\n",
    }
    built = build(pages, crates())
    assert built.warnings == ""
    html = built.html("list")
    assert "examples/alpha/" in html
    assert "(alpha-py)" in html
    assert '<a class="reference internal" href="alpha.html">Alpha page</a>' in html
    assert "Shows alpha." in html
    assert "Shows beta." in html
    assert "not shown on any page yet" in html  # beta


def test_examples_index_merges_what_parallel_readers_recorded(build):
    # Eight pages read by two processes: each process records the pages it
    # read, and Sphinx merges them into one environment for the index.
    shown = [f"page{number}" for number in range(8)]
    pages = {
        **conf(),
        "index.rst": "Home\n====\n\n.. toctree::\n\n"
        + "".join(f"   {name}\n" for name in shown)
        + "   list\n",
        "list.rst": "List\n====\n\n.. examples-index::\n",
    }
    for name in shown:
        pages[f"{name}.rst"] = (
            f"Title {name}\n{'=' * (6 + len(name))}\n\n"
            ".. example:: alpha/src/lib.rs\n   :region: f\n"
        )
    built = build(pages, crates(), parallel=2)
    assert built.app.parallel == 2
    assert built.warnings == ""
    html = built.html("list")
    for name in shown:
        assert f'href="{name}.html">Title {name}</a>' in html, name
    recorded = shown_blocks(built.app.env)
    assert sorted(docname for docname in recorded if recorded[docname]) == shown


def test_try_example_renders_the_command_from_the_crate(build):
    index = "T\n=\n\n.. try-example:: alpha\n   :no-archive: a test of the command\n"
    built = build({**conf(try_example=True), "index.rst": index}, crates())
    assert "index.rst" not in built.warnings  # the snippet rule accepts it
    html = built.html()
    text = re.sub(r"<[^>]+>", "", html)
    assert "nox -s try -- alpha" in text
    assert "_alpha_rs" in html
    assert "No download for this page: a test of the command." in text


def test_try_example_names_what_its_archive_lacks(build):
    # These crates' workspace has no Cargo.lock, which an archive must carry.
    pages = {**conf(try_example=True), "index.rst": "T\n=\n\n.. try-example:: alpha\n"}
    built = build(pages, crates())
    assert "index.rst:4" in built.warnings
    assert "Cargo.lock: missing, so no archive of" in built.warnings


def test_try_example_rejects_a_folder_that_is_not_a_binding_crate(build):
    pages = {**conf(try_example=True), "index.rst": "T\n=\n\n.. try-example:: beta\n"}
    built = build(pages, crates())
    assert "no pyproject.toml" in built.warnings
    assert "index.rst:4" in built.warnings


def test_a_page_that_shows_example_code_must_offer_try_example(build):
    shows = "T\n=\n\nIntro.\n\n.. example:: alpha/src/lib.rs\n   :region: f\n"
    tree = "T\n=\n\n.. example-tree:: alpha\n"
    offers = "T\n=\n\n.. try-example:: alpha\n   :no-archive: a test\n\n"
    pages = {
        **conf(try_example=True),
        "index.rst": "I\n=\n\n.. toctree::\n\n   shows\n   tree\n   offers\n",
        "shows.rst": shows,
        "tree.rst": tree,
        "offers.rst": offers + shows.split("\n\n", 2)[2],
    }
    warnings = build(pages, crates()).warnings
    assert (
        "shows.rst:6: WARNING: shows examples/alpha/src/lib.rs but not the "
        "command to try it; add `.. try-example:: <example folder>`"
    ) in warnings
    assert "tree.rst" not in warnings, "a tree listing is not code to try"
    assert "offers.rst" not in warnings
    assert warnings.count("WARNING") == 1, warnings


def test_shown_files_skips_folders_and_duplicates():
    includes = {
        "a": [{"path": "x/src/lib.rs"}, {"path": "x/"}],
        "b": [{"path": "x/src/lib.rs"}, {"path": "x/session.pycon"}],
    }
    assert shown_files(includes) == ["x/session.pycon", "x/src/lib.rs"]


def test_repo_link_is_empty_without_a_url():
    assert repo_link("", "a/b.rs") == ""
    assert repo_link("https://h/r/", "a/b.rs") == "https://h/r/examples/a/b.rs"


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({}, ""),
        (
            {
                "GITHUB_SERVER_URL": "https://github.com",
                "GITHUB_REPOSITORY": "o/r",
                "GITHUB_SHA": "abc",
            },
            "https://github.com/o/r/blob/abc",
        ),
        (
            {
                "READTHEDOCS_GIT_CLONE_URL": "https://github.com/o/r.git",
                "READTHEDOCS_GIT_COMMIT_HASH": "def",
            },
            "https://github.com/o/r/blob/def",
        ),
        ({"READTHEDOCS_GIT_CLONE_URL": "git@host:o/r.git"}, ""),
    ],
)
def test_repo_url_comes_from_the_hosted_build(environ, expected):
    assert repo_url_from_environment(environ) == expected


def test_topic_files_count_for_every_crate_of_the_topic():
    crates = [Crate("t/core", "core", ""), Crate("t/py", "py", ""), Crate("u", "u", "")]
    includes = {
        "page-t": [{"path": "t/session.pycon"}],
        "page-u": [{"path": "u/src/lib.rs"}, {"path": "t/py/src/lib.rs"}],
    }
    pages = {c.folder: c.pages for c in with_pages(crates, includes)}
    assert pages == {
        "t/core": ["page-t"],
        "t/py": ["page-t", "page-u"],
        "u": ["page-u"],
    }


def test_module_name_rejects_paths_outside_the_examples(tmp_path):
    with pytest.raises(NotAnExample):
        module_name(tmp_path, "../elsewhere")
