"""abi3 in practice: the wheel of every abi3 binding crate that this
environment installed is tagged for its floor and passes abi3audit at that
floor.  A crate that turns on no abi3 feature (exceptions-further's
per-version crate) must have a wheel for exactly the running interpreter.

The wheels are the ones tools/build_examples.py built once and installed into
the environment of every supported CPython, so this test, run by each of
them, checks the files that all of them load."""

from __future__ import annotations

import json
import re
import sys
import tomllib
from pathlib import Path

import _binary_compatibility_rs as compat
import pytest
from hypothesis import given
from hypothesis import strategies as st

EXAMPLES = Path(__file__).resolve().parents[2]
ABI3_FEATURE = re.compile(r"abi3-py3(\d+)$")


def installed_wheels() -> dict[str, Path]:
    """examples/<crate> -> the wheel this environment installed it from."""
    stamps = sorted((Path(sys.prefix) / "example-stamps").glob("*.json"))
    found = {}
    for stamp in stamps:
        record = json.loads(stamp.read_text())
        found[record["crate"]] = Path(record["wheel"])
    return found


def pyo3_features(manifest: dict) -> list[str]:
    pyo3 = manifest.get("dependencies", {}).get("pyo3", {})
    return pyo3.get("features", []) if isinstance(pyo3, dict) else []


def floor(crate: str) -> str | None:
    """The lowest abi3-py3X feature the crate's build turns on, as "3.X".

    None for a crate built without abi3: one that names PyO3 itself, not
    through the workspace, with no abi3 feature.
    """
    workspace = tomllib.loads((EXAMPLES / "Cargo.toml").read_text())
    manifest = tomllib.loads((EXAMPLES.parent / crate / "Cargo.toml").read_text())
    features = pyo3_features(manifest)
    if manifest["dependencies"]["pyo3"].get("workspace"):
        features += workspace["workspace"]["dependencies"]["pyo3"]["features"]
    minors = [int(m[1]) for f in features if (m := ABI3_FEATURE.match(f))]
    return f"3.{min(minors)}" if minors else None


WHEELS = installed_wheels()
ABI3_CRATES = sorted(crate for crate in WHEELS if floor(crate))
VERSION_SPECIFIC_CRATES = sorted(crate for crate in WHEELS if not floor(crate))


def test_every_binding_crate_was_installed_from_a_wheel() -> None:
    assert "examples/binary-compatibility" in WHEELS, (
        "no wheel stamps in this environment: build the examples with "
        "`python tools/build_examples.py` (nox -s tests does)"
    )
    assert all(wheel.is_file() for wheel in WHEELS.values()), WHEELS


def test_only_the_per_version_crate_is_built_without_abi3() -> None:
    assert VERSION_SPECIFIC_CRATES == ["examples/exceptions-further/per-version"]


@pytest.mark.parametrize("crate", VERSION_SPECIFIC_CRATES)
def test_version_specific_wheel_is_for_this_interpreter(crate: str) -> None:
    tag = f"cp{sys.version_info.major}{sys.version_info.minor}"
    assert f"-{tag}-{tag}-" in WHEELS[crate].name, WHEELS[crate].name


@pytest.mark.parametrize("crate", ABI3_CRATES)
def test_wheel_is_abi3_and_passes_abi3audit(crate: str, run_child) -> None:
    wheel = WHEELS[crate]
    minimum = floor(crate)
    assert minimum is not None
    assert f"-cp{minimum.replace('.', '')}-abi3-" in wheel.name
    audit = run_child(
        ["abi3audit", "--strict", "--report", str(wheel)],
        source=EXAMPLES.parent / crate / "Cargo.toml",
        what=f"abi3audit rejects the wheel {wheel.name}",
    )
    extensions = json.loads(audit.stdout)["specs"][str(wheel)]["wheel"]
    assert extensions, "the wheel holds no extension module"
    for extension in extensions:
        result = extension["result"]
        assert result["is_abi3"], extension
        assert result["non_abi3_symbols"] == [], extension
        assert result["computed"] == minimum, extension


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
