"""The crate built two ways: with setuptools-rust into a temporary folder,
and with maturin (the copy ``maturin develop`` installed for the tests)."""

from __future__ import annotations

import difflib
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import _build_configuration_rs as built
import pytest
from hypothesis import given
from hypothesis import strategies as st

CRATE = Path(__file__).resolve().parents[1]
U64_MAX = 2**64 - 1


# ANCHOR: setuptools-build
def run(args: list[str], *, what: str, **kwargs) -> subprocess.CompletedProcess[str]:
    """Run a child process; if it fails, fail the test with its output."""
    result = subprocess.run(args, capture_output=True, text=True, **kwargs)
    if result.returncode != 0:
        pytest.fail(f"{what}\n{result.stderr}{result.stdout}", pytrace=False)
    return result


# Runs in a fresh interpreter without site-packages (-S): it sees only the
# unpacked wheel, never the copy that maturin installed.
CHECK = """
import pathlib, sys
import _build_configuration_rs as m
assert pathlib.Path(m.__file__).is_relative_to(sys.argv[1]), m.__file__
assert m.build_profile() == "release", m.build_profile()
assert m.add(2, 3) == 5
try:
    m.add(2**64 - 1, 1)
except OverflowError:
    pass
else:
    raise AssertionError("no OverflowError")
print("ok", pathlib.Path(m.__file__).name)
"""


@pytest.fixture(scope="module")
def setuptools_wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build the crate with setuptools-rust, as ``pip wheel`` would."""
    out = tmp_path_factory.mktemp("setuptools")
    # Keep setuptools' build/ and egg-info folders out of the source tree.
    extra = out / "extra.cfg"
    extra.write_text(
        f"[build]\nbuild_base = {out}/build\n[egg_info]\negg_base = {out}\n"
    )
    build = run(
        [
            "uv",
            "build",
            "--wheel",
            "--no-build-isolation",
            "--python",
            sys.executable,
            "--out-dir",
            str(out / "dist"),
            str(CRATE / "setuptools"),
        ],
        what="setuptools/setup.py: the setuptools-rust build failed",
        env={**os.environ, "DIST_EXTRA_CONFIG": str(extra)},
    )
    (out / "build.log").write_text(build.stdout + build.stderr)
    [wheel] = (out / "dist").glob("*.whl")
    return wheel


def test_setuptools_wheel_imports_and_works(
    setuptools_wheel: Path, tmp_path: Path
) -> None:
    zipfile.ZipFile(setuptools_wheel).extractall(tmp_path)
    result = run(
        [sys.executable, "-S", "-c", CHECK, str(tmp_path)],
        what=f"setuptools/setup.py: the wheel it built does not work: "
        f"{setuptools_wheel.name}",
        env={**os.environ, "PYTHONPATH": str(tmp_path)},
    )
    assert result.stdout.split() == ["ok", "_build_configuration_rs.abi3.so"]


# ANCHOR_END: setuptools-build


def test_setuptools_wheel_is_tagged_abi3(setuptools_wheel: Path) -> None:
    assert setuptools_wheel.name.startswith(
        "build_configuration_setuptools-0.1.0-cp311-abi3-"
    )
    names = zipfile.ZipFile(setuptools_wheel).namelist()
    assert "_build_configuration_rs.abi3.so" in names


def test_setuptools_rust_turns_on_the_abi3_feature(setuptools_wheel: Path) -> None:
    # py_limited_api = "cp311" for bdist_wheel becomes pyo3's abi3-py311
    # feature; setuptools-rust 1.13 still adds extension-module as well.
    log = (setuptools_wheel.parents[1] / "build.log").read_text()
    [command] = [line for line in log.splitlines() if line.startswith("cargo rustc")]
    assert "--release" in command.split()
    assert "pyo3/abi3-py311" in command.split()
    assert "pyo3/extension-module" in command.split()


# The release build the page shows, recorded: the docs build does not run it,
# since it compiles PyO3 once more, with optimisations.
RECORDED = CRATE / "recorded"
RELEASE_COMMAND = "maturin build --release --out wheels"


def check_recording(name: str, actual: str) -> None:
    """Compare an output with recorded/<name>; GUIDE_RECORD=1 rewrites it."""
    __tracebackhide__ = True
    path = RECORDED / name
    if os.environ.get("GUIDE_RECORD") == "1":
        path.parent.mkdir(exist_ok=True)
        path.write_text(actual, encoding="utf-8")
    expected = path.read_text(encoding="utf-8") if path.is_file() else ""
    if actual != expected:
        diff = "".join(
            difflib.unified_diff(
                expected.splitlines(keepends=True),
                actual.splitlines(keepends=True),
                f"{path.name} (recorded)",
                "now",
            )
        )
        pytest.fail(
            f"{path} is no longer what the build prints; if the new output is "
            f"right, run again with GUIDE_RECORD=1:\n{diff}"
        )


def test_release_wheel_is_the_recorded_one(tmp_path: Path) -> None:
    env = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("PYO3_", "MATURIN_", "CARGO_PROFILE_"))
    }
    wheels = tmp_path / "wheels"
    build = run(
        [sys.executable, "-m", *RELEASE_COMMAND.split()[:-1], str(wheels)],
        what=f"{RELEASE_COMMAND} failed",
        cwd=CRATE,
        env=env,
    )
    log = build.stdout + build.stderr
    assert "Finished `release` profile [optimized]" in log, log
    [wheel] = wheels.glob("*.whl")
    [built_line] = [line for line in log.splitlines() if "Built wheel" in line]
    listing = run(["zipinfo", "-1", str(wheel)], what="zipinfo cannot read it")
    check_recording(
        "release-wheel.txt",
        f"$ {RELEASE_COMMAND}\n...\n{built_line.replace(str(wheels), 'wheels')}\n"
        f"$ zipinfo -1 wheels/{wheel.name}\n{listing.stdout}",
    )
    # What it holds is the release build, and it works on its own.
    unpacked = tmp_path / "unpacked"
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(unpacked)
    checked = run(
        [sys.executable, "-S", "-c", CHECK, str(unpacked)],
        what=f"the release wheel does not work: {wheel.name}",
        env={**os.environ, "PYTHONPATH": str(unpacked)},
    )
    assert checked.stdout.split() == ["ok", "__init__.py"], checked.stdout


def test_source_tree_stays_clean(setuptools_wheel: Path) -> None:
    leftovers = {p.name for p in (CRATE / "setuptools").iterdir()}
    assert leftovers <= {"setup.py", "pyproject.toml", "__pycache__"}


@given(st.integers(0, U64_MAX), st.integers(0, U64_MAX))
def test_add_is_exact_or_overflows(a: int, b: int) -> None:
    if a + b <= U64_MAX:
        assert built.add(a, b) == a + b
    else:
        with pytest.raises(OverflowError, match="does not fit in 64 bits"):
            built.add(a, b)


@pytest.mark.parametrize(
    ("a", "b", "error"),
    [
        (-1, 0, OverflowError),
        (0, 2**64, OverflowError),
        (None, 1, TypeError),
        (1.0, 1, TypeError),
        ("1", 1, TypeError),
        (b"\xff", 1, TypeError),
    ],
)
def test_add_rejects_bad_arguments(a: object, b: object, error: type) -> None:
    with pytest.raises(error):
        built.add(a, b)  # type: ignore[arg-type]


def test_boundaries() -> None:
    assert built.add(U64_MAX, 0) == U64_MAX
    assert built.add(0, 0) == 0
    assert built.build_profile() in {"debug", "release"}
