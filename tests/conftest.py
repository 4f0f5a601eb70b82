"""Shared test setup: Sphinx's own testing fixtures and the extension path."""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "docs" / "_ext"))

pytest_plugins = ("sphinx.testing.fixtures",)
