"""pytest setup for the examples: every ``.pycon`` session is a test.

A session runs through the same runner as the docs build (``sessions.py`` in
docs/_ext), on this environment's interpreter, with its recorded version
differences and its cached result.  A failure names the session's line and
every page that shows it.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import sessions

from examples_model.pages import shown_on

EXAMPLES = Path(__file__).resolve().parent
DOCS = EXAMPLES.parent / "docs"


class SessionFailed(Exception):
    def __init__(self, result: sessions.Result) -> None:
        super().__init__(result.report)
        self.result = result


def pytest_collect_file(file_path: Path, parent: pytest.Collector):
    if file_path.suffix == ".pycon":
        return SessionFile.from_parent(parent, path=file_path)
    return None


class SessionFile(pytest.File):
    def collect(self):
        yield SessionItem.from_parent(self, name=self.path.name)


class SessionItem(pytest.Item):
    """One session, run once on this interpreter."""

    def runtest(self) -> None:
        result = sessions.run(self.path)
        if not result.passed:
            raise SessionFailed(result)

    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException], style=None):
        if not isinstance(excinfo.value, SessionFailed):
            return super().repr_failure(excinfo)
        result = excinfo.value.result
        pages = shown_on(DOCS, EXAMPLES, self.path, result.line) or shown_on(
            DOCS, EXAMPLES, self.path
        )
        where = f"{self.path}:{result.line}" if result.line else str(self.path)
        return (
            f"{where}: the session no longer prints what is shown, on Python "
            f"{result.python}\n{result.report}\n"
            f"shown on: {', '.join(pages) or 'no page includes this session'}"
        )

    def reportinfo(self):
        return self.path, None, f"session {self.path.parent.name}"
