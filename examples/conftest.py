"""pytest setup for the examples: a failing session names the pages that show it."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

EXAMPLES = Path(__file__).resolve().parent
DOCS = EXAMPLES.parent / "docs"
sys.path.insert(0, str(DOCS / "_ext"))

from page_index import shown_on  # noqa: E402


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo):
    report = yield
    if report.failed and item.path.suffix == ".pycon":
        failure = getattr(call.excinfo, "value", None)
        example = getattr(failure, "example", None)
        line = None if example is None else failure.test.lineno + example.lineno + 1
        pages = shown_on(DOCS, EXAMPLES, item.path, line) or shown_on(
            DOCS, EXAMPLES, item.path
        )
        report.sections.append(
            ("shown on", "\n".join(pages) or "no page includes this session")
        )
    return report
