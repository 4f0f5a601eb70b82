"""Which pages show which example files: read from the page sources.

The one parser of the directives by which a page shows an example
(``example``, ``example-tree``, ``try-example`` and ``example-tabs``'s
options), in reStructuredText and in MyST.  Used where no Sphinx build is
at hand: a failing session or a compile error names the pages that show the
broken code, and the tests compare the examples' README with the pages.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

from examples_model.regions import ExampleFile, RegionError

INCLUDE = re.compile(
    r"^\s*(?:\.\.\s+(?:example|example-tree|try-example)::|"
    r"[`:]{3,}\{(?:example|example-tree|try-example)\})\s*(?P<path>\S+)"
)
TAB_OPTION = re.compile(
    r"^\s*:(?:rust|python):\s*(?P<path>[^#\s]+)(?:#(?P<region>\S+))?"
)
REGION_OPTION = re.compile(r"^\s*:region:\s*(?P<region>\S+)")
TRY_EXAMPLE = re.compile(
    r"^\s*(?:\.\.\s+try-example::|[`:]{3,}\{try-example\})\s*(?P<path>\S+)"
)
WITH_OPTION = re.compile(r"^\s*:with:\s*(?P<paths>.+?)\s*$")
NO_ARCHIVE_OPTION = re.compile(r"^\s*:no-archive:\s*(?P<reason>.+?)\s*$")


def pages(docs: Path) -> list[Path]:
    """The page sources under docs/, build output excluded."""
    found = sorted([*docs.rglob("*.rst"), *docs.rglob("*.md")])
    return [page for page in found if "_build" not in page.parts]


def references(text: str) -> Iterator[tuple[int, str, str | None]]:
    """(line, example path, region or None) of each example a page shows."""
    lines = text.splitlines()
    for number, line in enumerate(lines, start=1):
        match = INCLUDE.match(line) or TAB_OPTION.match(line)
        if match is None:
            continue
        region = match.groupdict().get("region")
        if region is None:
            for option in lines[number : number + 4]:
                if option_match := REGION_OPTION.match(option):
                    region = option_match["region"]
                    break
        yield number, match["path"], region


def includes(docs: Path) -> dict[str, list[tuple[str, str | None]]]:
    """example path -> [(\"docs/page.rst:line\", region or None), ...]."""
    found: dict[str, list[tuple[str, str | None]]] = defaultdict(list)
    for page in pages(docs):
        where_page = page.relative_to(docs.parent).as_posix()
        for number, path, region in references(page.read_text(encoding="utf-8")):
            found[path].append((f"{where_page}:{number}", region))
    return dict(found)


def shown_on(
    docs: Path, examples: Path, path: Path, line: int | None = None
) -> list[str]:
    """The pages that show ``path`` (at ``line``, if given), as docs/page:line."""
    relative = path.resolve().relative_to(examples.resolve()).as_posix()
    uses = includes(docs).get(relative, [])
    if line is None:
        return [where for where, _ in uses]
    try:
        regions = ExampleFile.read(path).regions
    except (RegionError, OSError, UnicodeDecodeError):
        regions = {}
    pages = []
    for where, region in uses:
        if region is None or (
            region in regions and regions[region].start < line < regions[region].end
        ):
            pages.append(where + (f" (region {region!r})" if region else ""))
    return pages


def offered_archives(docs: Path) -> dict[str, tuple[str, list[str]]]:
    """docs/page:line of each ``try-example`` -> (its folder, the archives offered).

    The archives are the folder's own and those named by ``:with:``; none
    when the directive has ``:no-archive:``.
    """
    offered = {}
    for page in pages(docs):
        lines = page.read_text(encoding="utf-8").splitlines()
        where_page = page.relative_to(docs.parent).as_posix()
        for number, line in enumerate(lines, start=1):
            if match := TRY_EXAMPLE.match(line):
                folder = match["path"].strip("/")
                folders = [folder]
                for option in lines[number : number + 3]:
                    if with_match := WITH_OPTION.match(option):
                        folders += with_match["paths"].split()
                    if NO_ARCHIVE_OPTION.match(option):
                        folders = []
                        break
                offered[f"{where_page}:{number}"] = (folder, folders)
    return offered
