"""House rules for page sources that the Sphinx build itself cannot see."""

import re
from pathlib import Path

import pytest

DOCS = Path(__file__).resolve().parent.parent / "docs"
PAGES = sorted([*DOCS.glob("*.rst"), *DOCS.glob("*.md")])


@pytest.mark.parametrize("page", PAGES, ids=lambda page: page.name)
def test_no_contents_directive(page):
    # Furo draws each page's table of contents itself, and renders a
    # `contents` directive as a red error box instead of failing the build.
    text = page.read_text(encoding="utf-8")
    found = [
        number
        for number, line in enumerate(text.splitlines(), start=1)
        if re.match(r"\s*(\.\. contents::|```\{contents\})", line)
    ]
    assert not found, f"{page}:{found[0]}: remove the contents directive"
