"""Which pages show which example files: read from the page sources.

Used where no Sphinx build is at hand, so that a failing session or a
compile error can name the pages that show the broken code.  No Sphinx
imports: it reads the directive lines of ``docs/*.rst`` and ``docs/*.md``.
"""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

from regions import ExampleFile, RegionError

INCLUDE = re.compile(
    r"^\s*(?:\.\.\s+(?:example|example-tree|try-example)::|"
    r"`{3,}\{(?:example|example-tree|try-example)\})\s*(?P<path>\S+)"
)
TAB_OPTION = re.compile(
    r"^\s*:(?:rust|python):\s*(?P<path>[^#\s]+)(?:#(?P<region>\S+))?"
)
REGION_OPTION = re.compile(r"^\s*:region:\s*(?P<region>\S+)")
TRY_EXAMPLE = re.compile(
    r"^\s*(?:\.\.\s+try-example::|`{3,}\{try-example\})\s*(?P<path>\S+)"
)
WITH_OPTION = re.compile(r"^\s*:with:\s*(?P<paths>.+?)\s*$")
NO_ARCHIVE_OPTION = re.compile(r"^\s*:no-archive:\s*(?P<reason>.+?)\s*$")


def includes(docs: Path) -> dict[str, list[tuple[str, str | None]]]:
    """example path -> [(\"docs/page.rst:line\", region or None), ...]."""
    found: dict[str, list[tuple[str, str | None]]] = defaultdict(list)
    for page in sorted([*docs.rglob("*.rst"), *docs.rglob("*.md")]):
        if "_build" in page.parts:
            continue
        lines = page.read_text(encoding="utf-8").splitlines()
        where_page = page.relative_to(docs.parent).as_posix()
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
            found[match["path"]].append((f"{where_page}:{number}", region))
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
    for page in sorted([*docs.rglob("*.rst"), *docs.rglob("*.md")]):
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
