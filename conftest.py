"""pytest setup shared by tests/ and every example's tests: the run_child fixture.

A test that starts a process (a build, a fresh interpreter, a tool) runs it
through ``run_child``, so that a failure shows what the child printed and
names the file whose build or run broke, not only an exit status and a
long argument list.
"""

from __future__ import annotations

import os
import shlex
import subprocess
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent
# Longer arguments (an inline script, say) are cut in the failure message.
SHOWN_ARGUMENT = 60


def shown_path(path: str | os.PathLike[str], cwd: Path | None) -> str:
    """The file as a reader finds it: relative to the project, or to cwd."""
    path = Path(path)
    for base in (ROOT, cwd):
        if base is not None and path.is_absolute() and path.is_relative_to(base):
            return path.relative_to(base).as_posix()
    return path.as_posix()


def shown_command(args: Sequence[str | os.PathLike[str]]) -> str:
    parts = []
    for arg in map(str, args):
        first = arg.strip().splitlines()[0] if arg.strip() else arg
        if len(arg) > SHOWN_ARGUMENT or first != arg:
            arg = first[:SHOWN_ARGUMENT] + "..."
        parts.append(arg)
    return shlex.join(parts)


def child_output(result: subprocess.CompletedProcess[str]) -> str:
    sections = [
        f"--- {name} ---\n{text.rstrip()}"
        for name, text in (("stderr", result.stderr), ("stdout", result.stdout))
        if text and text.strip()
    ]
    return "\n".join(sections) or "(it printed nothing)"


def run_and_report(
    args: Sequence[str | os.PathLike[str]],
    *,
    source: str | os.PathLike[str],
    what: str = "failed",
    failing: bool = False,
    **kwargs,
) -> subprocess.CompletedProcess[str]:
    """subprocess.run with output captured; the test fails if the child did not
    succeed (or, with ``failing=True``, did not fail), showing its output.

    ``source`` is the file behind the child (a setup.py, a stub, a broken
    copy's file), named first in the message; ``what`` says what went wrong.
    """
    __tracebackhide__ = True
    result = subprocess.run(args, capture_output=True, text=True, check=False, **kwargs)
    if (result.returncode != 0) == failing:
        return result
    cwd = Path(kwargs["cwd"]) if kwargs.get("cwd") else None
    outcome = (
        "the child succeeded, but this test expects it to fail"
        if failing
        else f"{what} (exit status {result.returncode})"
    )
    pytest.fail(
        f"{shown_path(source, cwd)}: {outcome}\n"
        f"$ {shown_command(args)}\n{child_output(result)}",
        pytrace=True,
    )


@pytest.fixture(scope="session")
def run_child() -> Callable[..., subprocess.CompletedProcess[str]]:
    """``run_child(args, source=file, what=..., failing=False, **run_kwargs)``."""
    return run_and_report
