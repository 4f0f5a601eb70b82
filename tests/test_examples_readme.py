"""examples/README.md maps every crate to its pages; keep that map true.

The README is for people browsing the repository.  These tests compare it
with the tree: the workspace members, the Cargo package names, the pages
under docs/ and the files each page includes.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
DOCS = ROOT / "docs"
README = EXAMPLES / "README.md"

# The first argument of every directive that shows something from examples/,
# in reStructuredText and in MyST, and the paths of example-tabs options.
INCLUDE = re.compile(
    r"(?:\.\.\s+(?:example|example-tree|try-example)::"
    r"|[`:]{3,}\{(?:example|example-tree|try-example)\}"
    r"|^\s*:(?:rust|python):)"
    r"[ \t]*([^\s#]+)",
    re.MULTILINE,
)
ROW = re.compile(r"^\|\s*`([^`]+)`\s*\|\s*`([^`]+)`\s*\|(.*?)\|(.*)\|\s*$")
PAGE_LINK = re.compile(r"\[[^\]]+\]\(\.\./docs/([^)#]+)\)")


def members() -> list[str]:
    manifest = tomllib.loads((EXAMPLES / "Cargo.toml").read_text(encoding="utf-8"))
    return manifest["workspace"]["members"]


def readme_rows() -> dict[str, tuple[str, list[str]]]:
    """crate folder -> (package name, pages as paths under docs/)."""
    rows = {}
    for line in README.read_text(encoding="utf-8").splitlines():
        match = ROW.match(line)
        if match:
            crate, package, pages, _shows = match.groups()
            rows[crate.rstrip("/")] = (package, PAGE_LINK.findall(pages))
    return rows


def crates_of(path: str, folders: list[str]) -> set[str]:
    """The crate holding an example path; a topic-level file counts for all."""
    path = path.rstrip("/")
    holding = [f for f in folders if path == f or path.startswith(f + "/")]
    if holding:
        return {max(holding, key=len)}
    topic = path.split("/")[0]
    return {f for f in folders if f.split("/")[0] == topic}


def pages_including() -> dict[str, set[str]]:
    """crate folder -> the pages (paths under docs/) that show its files."""
    folders = members()
    found: dict[str, set[str]] = {folder: set() for folder in folders}
    for page in sorted([*DOCS.glob("*.rst"), *DOCS.glob("*.md")]):
        for path in INCLUDE.findall(page.read_text(encoding="utf-8")):
            for crate in crates_of(path, folders):
                found[crate].add(page.name)
    return found


def test_readme_lists_every_workspace_member_and_nothing_else():
    listed = set(readme_rows())
    assert sorted(set(members()) - listed) == [], "add these crates to the README"
    assert sorted(listed - set(members())) == [], "the README lists unknown crates"


def test_package_names_match_the_manifests():
    for crate, (package, _) in readme_rows().items():
        manifest = tomllib.loads(
            (EXAMPLES / crate / "Cargo.toml").read_text(encoding="utf-8")
        )
        assert manifest["package"]["name"] == package, crate


def test_every_page_named_exists():
    for crate, (_, pages) in readme_rows().items():
        assert pages, f"{crate}: no page named"
        for page in pages:
            assert (DOCS / page).is_file(), f"{crate}: docs/{page} does not exist"


@pytest.mark.parametrize("crate", members())
def test_pages_listed_are_the_pages_that_include_the_crate(crate):
    rows = readme_rows()
    if crate not in rows:
        pytest.fail(f"{crate} is missing from examples/README.md")
    including = pages_including()[crate]
    assert sorted(including) == sorted(rows[crate][1]), (
        f"examples/README.md: the pages listed for {crate} are not the pages "
        "that include its files"
    )


def test_include_pattern_reads_both_markups():
    text = (
        ".. example:: a/src/lib.rs\n   :region: x\n"
        ".. example-tabs::\n   :rust: b/src/lib.rs#r\n   :python: b/s.pycon#r\n"
        "```{example} c/src/lib.rs\n:region: y\n```\n"
        ".. try-example:: d\n.. example-tree:: e\n"
    )
    assert INCLUDE.findall(text) == [
        "a/src/lib.rs",
        "b/src/lib.rs",
        "b/s.pycon",
        "c/src/lib.rs",
        "d",
        "e",
    ]
