"""pytest plugin: record what this run checked, for the compatibility page.

``nox -s tests-3.X`` loads it (``-p tools.compat_results``) and names the
output file in ``GUIDE_COMPAT_RESULTS``; without that variable it records
nothing.  The file says which interpreter ran, at which commit, which wheel
of each example crate was installed, and per example folder how its session
and its tests ended.  The docs build renders the compatibility page from
these files (``docs/_ext/compat_table.py``).
"""

from __future__ import annotations

import datetime
import json
import os
import platform
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
# Checks of every built module at once (stubs, abi3audit, bad input).
BUILT_MODULES = ROOT / "tests" / "test_built_modules.py"


def git(*args: str) -> str:
    result = subprocess.run(
        ["git", *args], cwd=ROOT, capture_output=True, text=True, check=False
    )
    return result.stdout.strip()


class Recorder:
    def __init__(self, output: Path) -> None:
        self.output = output
        self.outcomes: dict[str, dict[str, int]] = defaultdict(
            lambda: {"passed": 0, "failed": 0, "skipped": 0}
        )
        self.sessions: dict[str, str] = {}

    def group(self, path: Path) -> str | None:
        if path == BUILT_MODULES:
            return "(every built module)"
        if path.is_relative_to(EXAMPLES):
            return path.relative_to(EXAMPLES).parts[0]
        return None

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        if report.when != "call" and not (report.failed or report.skipped):
            return
        path = ROOT / report.location[0]
        group = self.group(path)
        if group is None:
            return
        outcome = report.outcome
        if path.suffix == ".pycon":
            self.sessions[group] = outcome
        else:
            self.outcomes[group][outcome] += 1

    def pytest_sessionfinish(self, session: pytest.Session) -> None:
        wheels = {}
        for stamp in sorted((Path(sys.prefix) / "example-stamps").glob("*.json")):
            installed = json.loads(stamp.read_text())
            wheels[installed["crate"]] = {
                "wheel": Path(installed["wheel"]).name,
                "sha256": installed["sha256"],
            }
        groups = sorted(set(self.outcomes) | set(self.sessions))
        record = {
            "python": platform.python_version(),
            "implementation": sys.implementation.name,
            "run": os.environ.get("GUIDE_RUN", "pytest"),
            "commit": git("rev-parse", "HEAD"),
            "clean": not git("status", "--porcelain", "--untracked-files=no"),
            "date": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
            "examples": {
                group: {
                    "session": self.sessions.get(group),
                    "tests": dict(self.outcomes.get(group, {})),
                }
                for group in groups
            },
            "wheels": wheels,
        }
        self.output.parent.mkdir(parents=True, exist_ok=True)
        self.output.write_text(json.dumps(record, indent=1) + "\n")


def pytest_configure(config: pytest.Config) -> None:
    output = os.environ.get("GUIDE_COMPAT_RESULTS")
    # Under pytest-xdist the controller sees every report; workers see some.
    if output and not hasattr(config, "workerinput"):
        config.pluginmanager.register(Recorder(Path(output)), "compat-recorder")
