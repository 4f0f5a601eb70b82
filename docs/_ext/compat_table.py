"""The ``compatibility-table`` directive: each example against each interpreter.

Usage (reStructuredText)::

    .. compatibility-table::

Rendered from what ran, never typed:

* the result files that ``nox -s tests-3.X`` writes (``tools/compat_results.py``)
  into ``compat_results_dir``, one per interpreter, each with its run, commit
  and installed wheels.  Only files of the commit being built are used;
* the sessions this docs build ran itself, on its own interpreter.

A column exists only for an interpreter that something ran; a cell says what
ran there and how it ended.  An abi3 wheel installed under two interpreters
must be the same file (the same sha256), which is the point of abi3: if the
files differ, the build fails.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path
from typing import Any

import example_include
from docutils import nodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective
from tables import table

logger = logging.getLogger(__name__)


def resolve_dir(app: Sphinx, config: Config) -> None:
    if not config.compat_results_dir:
        build = os.environ.get("GUIDE_BUILD_DIR", Path(app.confdir) / "build")
        config.compat_results_dir = str(Path(build) / "compat")
    config.compat_results_dir = str(Path(app.confdir, config.compat_results_dir))


def current_commit(folder: Path) -> str:
    result = subprocess.run(
        ["git", "rev-parse", "HEAD"],
        cwd=folder,
        capture_output=True,
        text=True,
        check=False,
    )
    return result.stdout.strip()


def load_runs(folder: Path, commit: str) -> tuple[list[dict], list[str]]:
    """The result files of this commit, by Python version; and those skipped."""
    runs, skipped = [], []
    for path in sorted(folder.glob("*.json")):
        record = json.loads(path.read_text())
        if commit and record.get("commit") != commit:
            skipped.append(path.name)
            continue
        record["file"] = path.name
        runs.append(record)
    return runs, skipped


def cell(result: dict | None) -> str:
    if result is None:
        return "not run"
    parts = []
    if result.get("session"):
        parts.append(f"session {result['session']}")
    tests = result.get("tests") or {}
    counted = {k: v for k, v in tests.items() if v}
    if counted:
        parts.append(", ".join(f"{v} {k}" for k, v in sorted(counted.items())))
    return "; ".join(parts) or "not run"


def own_cell(result: example_include.sessions.Result | None) -> str:
    if result is None:
        return "not run"
    outcome = "passed" if result.passed else "failed"
    return f"session {outcome}" + (" (cached)" if result.cached else "")


def failed(result: dict | None) -> bool:
    if result is None:
        return False
    return result.get("session") == "failed" or bool(
        (result.get("tests") or {}).get("failed")
    )


def compat_table(
    headers: list[str], rows: list[list[str]], failing: set
) -> nodes.table:
    """The table, with each failing cell (row, column) marked."""
    cells = [
        [
            nodes.entry("", nodes.paragraph(text, text), classes=["failed"])
            if (r, c) in failing
            else text
            for c, text in enumerate(values)
        ]
        for r, values in enumerate(rows)
    ]
    return table(
        cells, widths=[1] * len(headers), headers=headers, classes=["compatibility"]
    )


class CompatibilityTable(SphinxDirective):
    has_content = False

    def run(self) -> list[nodes.Node]:
        self.env.note_reread()  # results change without any page changing
        folder = Path(self.config.compat_results_dir)
        commit = current_commit(Path(self.env.srcdir))
        runs, skipped = load_runs(folder, commit)
        for name in skipped:
            logger.info(f"compatibility: {name} is from another commit, not shown")
        self.check_wheels(runs)
        root = Path(self.config.example_include_root)
        own = {
            path.relative_to(root).parts[0]: result
            for path, result in example_include.SESSION_RESULTS.items()
        }
        docs_python = next((r.python for r in own.values()), None)
        examples = sorted({name for run in runs for name in run["examples"]} | set(own))
        headers = ["Example"]
        headers += [f"CPython {run['python']}" for run in runs]
        if own:
            headers.append(f"CPython {docs_python} (this build)")
        rows, failing = [], set()
        for r, name in enumerate(examples):
            row = [name]
            for run in runs:
                result = run["examples"].get(name)
                if failed(result):
                    failing.add((r, len(row)))
                row.append(cell(result))
            if own:
                result = own.get(name)
                row.append(own_cell(result))
            rows.append(row)
        sources = nodes.bullet_list()
        for run in runs:
            text = (
                f"CPython {run['python']}: {run['run']}, at commit "
                f"{run['commit'][:12]}{'' if run['clean'] else ' with local changes'}"
                f", {run['date']}"
            )
            sources += nodes.list_item("", nodes.paragraph(text=text))
        if own:
            sources += nodes.list_item(
                "",
                nodes.paragraph(
                    text=f"CPython {docs_python} (this build): the sessions this "
                    "docs build checked before it showed them, each run by it or, "
                    "marked cached, by an earlier run on the same interpreter with "
                    "the same inputs (session text, example files and wheels)."
                ),
            )
        wheel_rows = self.wheel_rows(runs)
        result: list[nodes.Node] = [sources, compat_table(headers, rows, failing)]
        if wheel_rows:
            result.append(
                compat_table(
                    ["Crate", "Wheel", "sha256", "Installed on"], wheel_rows, set()
                )
            )
        return result

    def wheel_rows(self, runs: list[dict]) -> list[list[str]]:
        by_crate: dict[tuple[str, str, str], list[str]] = {}
        for run in runs:
            for crate, wheel in sorted(run.get("wheels", {}).items()):
                key = (crate, wheel["wheel"], wheel["sha256"][:16])
                by_crate.setdefault(key, []).append(run["python"])
        return [
            [crate, wheel, digest, ", ".join(pythons)]
            for (crate, wheel, digest), pythons in sorted(by_crate.items())
        ]

    def check_wheels(self, runs: list[dict]) -> None:
        seen: dict[str, tuple[str, str]] = {}
        for run in runs:
            for crate, wheel in run.get("wheels", {}).items():
                if "-abi3-" not in wheel["wheel"]:
                    continue
                first = seen.setdefault(wheel["wheel"], (wheel["sha256"], run["file"]))
                if first[0] != wheel["sha256"]:
                    logger.warning(
                        f"{crate}: the abi3 wheel {wheel['wheel']} differs between "
                        f"{first[1]} and {run['file']}: every interpreter must "
                        "install the same file",
                        location=self.get_location(),
                        type="compat",
                        subtype="wheel",
                    )


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_config_value("compat_results_dir", "", "env", types=[str])
    app.setup_extension("example_include")
    app.connect("config-inited", resolve_dir)
    app.add_directive("compatibility-table", CompatibilityTable)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
