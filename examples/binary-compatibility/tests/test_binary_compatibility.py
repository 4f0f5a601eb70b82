"""abi3 in practice: every binding crate's wheel passes abi3audit, and one
wheel built here loads on every CPython from 3.9 on that the machine has."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import _binary_compatibility_rs as compat
import pytest
from hypothesis import given
from hypothesis import strategies as st

EXAMPLES = Path(__file__).resolve().parents[2]


def binding_crates() -> list[str]:
    """Workspace members built by maturin, as paths relative to examples/."""
    members = tomllib.loads((EXAMPLES / "Cargo.toml").read_text())["workspace"][
        "members"
    ]
    found = []
    for member in members:
        pyproject = EXAMPLES / member / "pyproject.toml"
        if pyproject.is_file():
            backend = tomllib.loads(pyproject.read_text())["build-system"]
            if backend["build-backend"] == "maturin":
                found.append(member)
    return found


def maturin_build(run_child, member: str, out: Path) -> Path:
    # A debug build reuses what `maturin develop` compiled for the tests.
    manifest = EXAMPLES / member / "Cargo.toml"
    run_child(
        ["maturin", "build", "--out", str(out), "--manifest-path", str(manifest)],
        source=manifest,
        what="maturin build failed",
    )
    [wheel] = out.glob("*.whl")
    return wheel


@pytest.mark.parametrize("member", binding_crates())
def test_wheel_is_abi3_and_passes_abi3audit(
    member: str, tmp_path: Path, run_child
) -> None:
    wheel = maturin_build(run_child, member, tmp_path)
    assert "-cp39-abi3-" in wheel.name
    audit = run_child(
        ["abi3audit", "--strict", "--report", str(wheel)],
        source=EXAMPLES / member / "Cargo.toml",
        what=f"abi3audit rejects its wheel {wheel.name}",
    )
    extensions = json.loads(audit.stdout)["specs"][str(wheel)]["wheel"]
    assert extensions, "the wheel holds no extension module"
    for extension in extensions:
        result = extension["result"]
        assert result["is_abi3"], extension
        assert result["non_abi3_symbols"] == [], extension
        assert result["computed"] == "3.9", extension


def other_pythons() -> list[str]:
    """CPython 3.9+ interpreters on this machine besides the running one."""
    root = Path(os.environ.get("PYENV_ROOT", Path.home() / ".pyenv"))
    candidates = sorted(root.glob("versions/3.*/bin/python3"))
    found = []
    for candidate in candidates:
        probe = subprocess.run(
            [
                str(candidate),
                "-c",
                "import sys; print(sys.implementation.name, *sys.version_info[:2])",
            ],
            capture_output=True,
            text=True,
            check=False,
        )
        name, major, minor = [*probe.stdout.split(), "", "0", "0"][:3]
        version = (int(major), int(minor))
        if name == "cpython" and version >= (3, 9) and version != sys.version_info[:2]:
            found.append(str(candidate))
    return found


def test_one_wheel_loads_on_every_python(tmp_path: Path, run_child) -> None:
    pythons = other_pythons()
    if not pythons:
        pytest.skip("no other CPython 3.9+ interpreter on this machine")
    wheel = maturin_build(run_child, "binary-compatibility", tmp_path / "dist")
    unpacked = tmp_path / "unpacked"
    zipfile.ZipFile(wheel).extractall(unpacked)
    check = (
        "import sys, _binary_compatibility_rs as m; "
        "assert m.running_python() == sys.version_info[:2]; "
        "assert m.__file__.startswith(sys.argv[1]); print(*m.running_python())"
    )
    seen = set()
    for python in pythons:
        result = run_child(
            [
                python,
                "-I",
                "-c",
                f"import sys; sys.path.insert(0, sys.argv[1]); {check}",
                str(unpacked),
            ],
            source=EXAMPLES / "binary-compatibility" / "Cargo.toml",
            what=f"its wheel {wheel.name} does not load on {python}",
        )
        seen.add(tuple(map(int, result.stdout.split())))
    assert len(seen) == len(pythons)


@given(st.integers(0, 255), st.integers(0, 255))
def test_python_at_least_matches_sys_version_info(major: int, minor: int) -> None:
    assert compat.python_at_least(major, minor) == (
        sys.version_info[:2] >= (major, minor)
    )


@pytest.mark.parametrize(
    ("major", "minor", "error"),
    [
        (-1, 0, OverflowError),
        (3, 256, OverflowError),
        (2**64, 0, OverflowError),
        (None, 0, TypeError),
        (3.0, 9, TypeError),
        ("3", 9, TypeError),
        (b"\xff", 9, TypeError),
    ],
)
def test_python_at_least_rejects_bad_arguments(
    major: object, minor: object, error: type
) -> None:
    with pytest.raises(error):
        compat.python_at_least(major, minor)  # type: ignore[arg-type]


def test_running_python_is_the_interpreter() -> None:
    assert compat.running_python() == sys.version_info[:2]
