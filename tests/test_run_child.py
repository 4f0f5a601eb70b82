"""The run_child fixture (conftest.py): a failed child shows its own output."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SETUP_PY = ROOT / "examples/build-configuration/setuptools/setup.py"
FAILING = "import sys\nprint('partial output')\nsys.exit('no module named x')"


def test_success_returns_the_captured_output(run_child):
    result = run_child([sys.executable, "-c", "print('hi')"], source=SETUP_PY)
    assert result.stdout == "hi\n"


def test_failure_names_the_file_and_shows_the_output(run_child):
    with pytest.raises(pytest.fail.Exception) as failure:
        run_child(
            [sys.executable, "-c", FAILING, "x" * 100],
            source=SETUP_PY,
            what="its module does not import",
        )
    message = str(failure.value)
    first, command, *rest = message.splitlines()
    assert first == (
        "examples/build-configuration/setuptools/setup.py: "
        "its module does not import (exit status 1)"
    )
    # Long and multi-line arguments are cut to keep the command readable.
    assert command == f"$ {sys.executable} -c 'import sys...' {'x' * 60}..."
    assert rest == [
        "--- stderr ---",
        "no module named x",
        "--- stdout ---",
        "partial output",
    ]


def test_expected_failure_that_succeeds_fails(run_child, tmp_path):
    with pytest.raises(pytest.fail.Exception) as failure:
        run_child(
            [sys.executable, "-c", "pass"],
            source=tmp_path / "broken.rs",
            failing=True,
            cwd=tmp_path,
        )
    assert str(failure.value).startswith(
        "broken.rs: the child succeeded, but this test expects it to fail\n"
    )
    assert str(failure.value).endswith("(it printed nothing)")
