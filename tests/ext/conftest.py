"""A tiny Sphinx project per test case, built with sphinx.testing's make_app."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

CONF = """
extensions = ["myst_parser", "example_include", "snippet_rule"]
example_include_root = "examples"
exclude_patterns = ["examples"]
"""


class Built:
    def __init__(self, app) -> None:
        self.app = app
        self.warnings = app.warning.getvalue()

    def html(self, docname: str = "index") -> str:
        return (Path(self.app.outdir) / f"{docname}.html").read_text(encoding="utf-8")


@pytest.fixture
def build(make_app, tmp_path: Path) -> Callable[..., Built]:
    """build(pages={"index.rst": ...}, examples={"a/lib.rs": ...}, parallel=2)."""

    def run(
        pages: dict[str, str],
        examples: dict[str, str] | None = None,
        parallel: int = 0,
    ) -> Built:
        srcdir = tmp_path / "project"
        for name, text in {"conf.py": CONF, **pages}.items():
            path = srcdir / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
        for name, text in (examples or {}).items():
            path = srcdir / "examples" / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
        # Sphinx reads in parallel only with more than five pages to read.
        app = make_app("html", srcdir=srcdir, freshenv=True, parallel=parallel)
        app.build()
        return Built(app)

    return run
