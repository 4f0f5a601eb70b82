"""Run this folder's tests and session from the repository root, with the
workspace's shared target folder, so that the builds they start reuse
the compiled PyO3 instead of compiling it again."""

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def _repository_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("CARGO_TARGET_DIR", str(ROOT / "examples" / "target"))
