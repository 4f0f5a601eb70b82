"""The recipe for a topic, checked on every build: each gap is a warning.

What a crate needs is the model's (``examples_model.recipe``); this
extension reports each gap once per build, at the file to fix, so that the
first ``nox -s docs`` of a new topic lists all that is left.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util import logging

from examples_model.recipe import gaps

logger = logging.getLogger(__name__)


def report_gaps(app: Sphinx, env: BuildEnvironment) -> None:
    for gap in gaps(Path(app.config.example_include_root)):
        logger.warning(
            gap.message,
            location=f"{gap.path}:{gap.line}",
            type="example",
            subtype="recipe",
        )


def setup(app: Sphinx) -> dict[str, Any]:
    app.setup_extension("example_include")  # example_include_root
    app.connect("env-check-consistency", report_gaps)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
