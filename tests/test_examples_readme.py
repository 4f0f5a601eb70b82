"""examples/README.md maps every crate to its pages; keep that map true.

The README is for people browsing the repository.  These tests compare it
with the tree: the workspace members, the Cargo package names, the pages
under docs/ and the files each page includes.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from examples_model import crates, pages, recipe

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
DOCS = ROOT / "docs"
README = EXAMPLES / "README.md"


def members() -> list[str]:
    return crates.workspace_members(EXAMPLES)


def readme_rows() -> dict[str, tuple[str, list[str]]]:
    return recipe.readme_rows(EXAMPLES)


def pages_including() -> dict[str, set[str]]:
    """crate folder -> the pages (paths under docs/) that show its files."""
    folders = members()
    found: dict[str, set[str]] = {folder: set() for folder in folders}
    for page in pages.pages(DOCS):
        for _, path, _ in pages.references(page.read_text(encoding="utf-8")):
            for crate in crates.crates_of(path, folders):
                found[crate].add(page.relative_to(DOCS).as_posix())
    return found


def test_readme_lists_every_workspace_member_and_nothing_else():
    listed = set(readme_rows())
    assert sorted(set(members()) - listed) == [], "add these crates to the README"
    assert sorted(listed - set(members())) == [], "the README lists unknown crates"


def test_package_names_match_the_manifests():
    for crate, (package, _) in readme_rows().items():
        assert crates.package_name(EXAMPLES / crate) == package, crate


def test_every_page_named_exists():
    for crate, (_, named) in readme_rows().items():
        assert named, f"{crate}: no page named"
        for page in named:
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
