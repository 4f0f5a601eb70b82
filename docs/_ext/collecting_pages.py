"""Pages whose directive shows what every page holds: an index, a list.

Such a page depends on every other page, so Sphinx must write it again
after any change, including in an incremental or parallel build.  The
extensions with such a directive (examples_index, what_changed) keep their
pages in one of these, which wires the three environment events once.
"""

from __future__ import annotations

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment


class CollectingPages:
    """The pages holding one extension's directive, kept in the environment."""

    def __init__(self, attribute: str) -> None:
        self.attribute = attribute

    def of(self, env: BuildEnvironment) -> set[str]:
        if not hasattr(env, self.attribute):
            setattr(env, self.attribute, set())
        return getattr(env, self.attribute)

    def outdated(
        self,
        app: Sphinx,
        env: BuildEnvironment,
        added: set[str],
        changed: set[str],
        removed: set[str],
    ) -> list[str]:
        """Any page may change what these pages show: write them again."""
        return sorted(self.of(env) - removed)

    def purge(self, app: Sphinx, env: BuildEnvironment, docname: str) -> None:
        self.of(env).discard(docname)

    def merge(
        self,
        app: Sphinx,
        env: BuildEnvironment,
        docnames: set[str],
        other: BuildEnvironment,
    ) -> None:
        self.of(env).update(self.of(other) & docnames)

    def connect(self, app: Sphinx) -> None:
        app.connect("env-get-outdated", self.outdated)
        app.connect("env-purge-doc", self.purge)
        app.connect("env-merge-info", self.merge)
