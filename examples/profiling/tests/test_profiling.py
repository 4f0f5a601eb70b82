"""The profilers and the debugger of docs/profiling.rst, run again.

A build of the site cannot run them (a hosted build has neither ptrace nor
perf events), so the page shows what they printed when they were last run:
the files in recorded/, each dated in its first line.  These tests build the
crate in the ``profiling`` profile, as the page's ``maturin develop
--profile profiling`` does, run each other step of commands.sh again, and
check that what the page says of the recording holds for the recording and
for the new run alike: which Rust function the profile names, which frames
the backtrace shows.  Samples differ from run to run, so no test compares
counts.

To record again (after a change to the crate; the page then shows the new
date), run the tests with GUIDE_RECORD=1, on the reference interpreter::

    GUIDE_RECORD=1 nox -s tests-3.13 -- examples/profiling

A recording is written only when the new run passes the same checks.

The profiling build is a wheel kept in build/profiling-wheels/, keyed by the
crate's inputs, so it is compiled once and not once per interpreter.
"""

from __future__ import annotations

import datetime
import fcntl
import hashlib
import os
import platform
import re
import runpy
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest
from elftools.elf.elffile import ELFFile

from examples_model.regions import ExampleFile

CRATE = Path(__file__).resolve().parents[1]
EXAMPLES = CRATE.parent
ROOT = EXAMPLES.parent
COMMANDS = CRATE / "commands.sh"
RECORDED = CRATE / "recorded"
BUILD_DIR = Path(os.environ.get("GUIDE_BUILD_DIR", ROOT / "build"))
WHEELS = BUILD_DIR / "profiling-wheels"
RECORD = os.environ.get("GUIDE_RECORD") == "1"
# Cargo's output, kept beside the wheel: it names the profile it built.
BUILD_LOG = "build.log"

# The files the reader has in the folder where the commands run.
READER_FILES = ("workload.py", "top_stacks.py")
# The steps of commands.sh that make a recording, with the tools its header
# names, and the steps not run; a new step fails
# test_every_step_is_run_or_skipped_for_a_reason until it is listed.
RECORDINGS = {
    "py-spy-python": ("py-spy-python.txt", ["py-spy"]),
    "py-spy-native": ("py-spy-native.txt", ["py-spy", "rustc"]),
    "perf": ("perf-report.txt", ["perf", "rustc"]),
    "gdb": ("gdb-backtrace.txt", ["gdb", "rustc"]),
}
SKIPPED = {
    "develop": "installs into the active environment: the tests build the "
    "same profile into a wheel of their own (profiling_wheel)",
}
# The programs a step needs beyond this environment's, and where they come from.
TOOLS = {
    "perf": {"perf": "Debian's linux-perf package (apt-get install linux-perf)"},
    "gdb": {
        "rust-gdb": "rustup, with the Rust toolchain",
        "gdb": "Debian's gdb package (apt-get install gdb)",
    },
}
HOT_FUNCTION = "_profiling_rs::edit_distance"
HEADER = re.compile(r"^# Recorded on (\d{4}-\d\d-\d\d) with (.+)$")


def line_of(path: Path, text: str) -> int:
    [number] = [
        number
        for number, line in enumerate(path.read_text().splitlines(), start=1)
        if text in line
    ]
    return number


# The Python line that calls into Rust, and the Rust line that panics.
CALL_LINE = line_of(CRATE / "workload.py", "closest(typo")
CALL_SITE = f"<module> (workload.py:{CALL_LINE})"
PANIC_SITE = (
    f"profiling/src/lib.rs:{line_of(CRATE / 'src' / 'lib.rs', 'best = (words[0]')}"
)


# -- The build ---------------------------------------------------------------


def build_inputs() -> list[Path]:
    """The files maturin reads to build the crate, as tools/build_examples.py."""
    sources = sorted((CRATE / "src").rglob("*.rs"))
    manifests = [CRATE / "Cargo.toml", CRATE / "pyproject.toml"]
    return [EXAMPLES / "Cargo.toml", EXAMPLES / "Cargo.lock", *manifests, *sources]


def maturin() -> list[str]:
    return [sys.executable, "-m", "maturin"]


def profiling_wheel() -> Path:
    """The crate built with ``--profile profiling``: once for all interpreters.

    The wheel is abi3, so every interpreter loads it; building it again on
    each interpreter would also rebuild PyO3, whose build script follows
    the interpreter.  A free-threaded interpreter cannot load abi3 and gets
    a wheel of its own.
    """
    version = subprocess.run(
        [*maturin(), "--version"], check=True, capture_output=True, text=True
    ).stdout
    free_threaded = bool(sysconfig.get_config_var("Py_GIL_DISABLED"))
    digest = hashlib.sha256(f"{version} free-threaded={free_threaded}".encode())
    for path in build_inputs():
        digest.update(path.relative_to(ROOT).as_posix().encode() + b"\0")
        digest.update(path.read_bytes())
    house = WHEELS / digest.hexdigest()[:16]
    house.mkdir(parents=True, exist_ok=True)
    # Test processes running side by side build it once, one after another.
    with (WHEELS / "lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        wheels = sorted(house.glob("*.whl"))
        if not wheels:
            scratch = house / "partial"
            shutil.rmtree(scratch, ignore_errors=True)
            result = subprocess.run(
                [
                    *maturin(),
                    "build",
                    "--profile",
                    "profiling",
                    "--interpreter",
                    sys.executable,
                    "--out",
                    str(scratch),
                    "--manifest-path",
                    str(CRATE / "Cargo.toml"),
                ],
                capture_output=True,
                text=True,
                check=False,
            )
            if result.returncode != 0:
                pytest.fail(
                    f"examples/profiling: maturin build --profile profiling "
                    f"failed\n{result.stdout}\n{result.stderr}"
                )
            (house / BUILD_LOG).write_text(result.stderr)
            [built] = scratch.glob("*.whl")
            wheels = [built.rename(house / built.name)]
            shutil.rmtree(scratch)
    return wheels[0]


@pytest.fixture(scope="module")
def reader_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder as the reader's: the profiling build and the two scripts."""
    folder = tmp_path_factory.mktemp("profiling")
    with zipfile.ZipFile(profiling_wheel()) as wheel:
        wheel.extractall(folder / "site")
    for name in READER_FILES:
        shutil.copy(CRATE / name, folder)
    return folder


def reader_environment(folder: Path) -> dict[str, str]:
    """This environment's python and py-spy first, and the profiling build.

    The build on PYTHONPATH comes before the installed development build of
    the same module.  RUST_BACKTRACE is unset, as on a reader's machine,
    so that a panic prints its message and no backtrace of its own.
    """
    env = {
        name: value
        for name, value in os.environ.items()
        if name not in {"RUST_BACKTRACE", "PYTHONPATH", "PYTHONHOME"}
    }
    env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env["PATH"]])
    env["PYTHONPATH"] = str(folder / "site")
    return env


def step(region: str) -> str:
    return ExampleFile.read(COMMANDS).text(region)


def run_step(region: str, folder: Path, run_child) -> str:
    """Run one step of commands.sh in the reader's folder; its standard output."""
    for tool, source in TOOLS.get(region, {}).items():
        if shutil.which(tool) is None:
            pytest.fail(f"the step {region!r} needs {tool}: install it from {source}")
    result = run_child(
        ["bash", "-c", "set -euo pipefail\n" + step(region)],
        source=COMMANDS,
        what=f"the step {region!r} failed",
        cwd=folder,
        env=reader_environment(folder),
    )
    return "\n".join(line.rstrip() for line in result.stdout.splitlines()) + "\n"


def tool_versions(tools: list[str]) -> str:
    """``CPython 3.13.0, py-spy 0.4.3, ...``: what made a recording."""
    commands = {
        "py-spy": [str(Path(sys.executable).parent / "py-spy"), "--version"],
        "rustc": ["rustc", "--version"],
        "perf": ["perf", "--version"],
        "gdb": ["gdb", "--version"],
    }
    versions = [f"CPython {platform.python_version()}"]
    for tool in tools:
        out = subprocess.run(commands[tool], capture_output=True, text=True, check=True)
        version = re.search(r"\d+\.\d+(\.\d+)?", out.stdout)
        assert version, f"{tool} --version printed {out.stdout!r}"
        versions.append(f"{tool} {version[0]}")
    return ", ".join([*versions, f"{platform.system()} {platform.machine()}"])


def recorded(name: str) -> str:
    """A recording without its header line, after checking the header."""
    header, _, body = (RECORDED / name).read_text().partition("\n")
    match = HEADER.match(header)
    assert match, f"recorded/{name}: the first line must say when: {header!r}"
    date = datetime.date.fromisoformat(match[1])
    assert date <= datetime.date.today(), f"recorded/{name}: dated {date}"
    return body


def check_and_record(region: str, output: str, check) -> None:
    """Check the recording and the new run alike; with GUIDE_RECORD, save it."""
    check(output, "the new run")
    name, tools = RECORDINGS[region]
    if RECORD:
        today = datetime.date.today().isoformat()
        header = f"# Recorded on {today} with {tool_versions(tools)}\n"
        (RECORDED / name).write_text(header + output)
    check(recorded(name), f"recorded/{name}")


def test_every_step_is_run_or_skipped_for_a_reason():
    steps = set(ExampleFile.read(COMMANDS).regions)
    assert steps == {*RECORDINGS, *SKIPPED}, f"{COMMANDS.name}: steps {steps}"
    files = {path.name for path in RECORDED.glob("*.txt")}
    assert files == {name for name, _ in RECORDINGS.values()}, f"recorded/: {files}"


def test_the_build_is_optimised_and_keeps_debug_information(reader_folder):
    log = (profiling_wheel().parent / BUILD_LOG).read_text()
    assert "Finished `profiling` profile [optimized + debuginfo]" in log, log
    [library] = (reader_folder / "site" / "_profiling_rs").glob("*.so")
    with library.open("rb") as file:
        debug_info = ELFFile(file).get_section_by_name(".debug_info")
        assert debug_info is not None, f"{library.name} has no debug information"


def test_cargo_ignores_the_profile_in_a_member_manifest(tmp_path, run_child):
    """The page's note: profiles count only in the workspace's root manifest."""
    profile = ExampleFile.read(EXAMPLES / "Cargo.toml").text("profiling-profile")
    (tmp_path / "Cargo.toml").write_text(
        '[workspace]\nresolver = "3"\nmembers = ["member"]\n'
    )
    member = tmp_path / "member"
    (member / "src").mkdir(parents=True)
    (member / "src" / "lib.rs").write_text("")
    (member / "Cargo.toml").write_text(
        '[package]\nname = "member"\nversion = "0.1.0"\nedition = "2024"\n\n' + profile
    )
    result = run_child(
        ["cargo", "metadata", "--format-version", "1", "--no-deps", "--offline"],
        source=EXAMPLES / "Cargo.toml",
        cwd=member,
    )
    assert "profiles for the non root package will be ignored" in result.stderr


# -- py-spy ------------------------------------------------------------------


def stacks(output: str) -> list[tuple[float, list[str]]]:
    """The stacks top_stacks.py printed, most sampled first: share, frames."""
    found: list[tuple[float, list[str]]] = []
    for line in output.splitlines():
        share = re.match(r"^\s*(\d+\.\d)%  (.*)$", line)
        if share:
            found.append((float(share[1]) / 100, [share[2]]))
        elif found and line.startswith(" " * 8):
            found[-1][1].append(line.strip())
    return found


def check_python_only(output: str, where: str) -> None:
    found = stacks(output)
    assert found, f"{where}: no stacks in\n{output}"
    share, top = found[0]
    assert top == [CALL_SITE], f"{where}: the top stack is not {CALL_SITE}: {top}"
    assert share > 0.5, f"{where}: only {share:.0%} of samples on {CALL_SITE}"
    rust = [frame for _, stack in found for frame in stack if "::" in frame]
    assert not rust, f"{where}: Rust frames without --native: {rust}"


def check_native(output: str, where: str) -> None:
    found = stacks(output)
    assert found, f"{where}: no stacks in\n{output}"
    _, top = found[0]
    # Unwinding loses closest() and PyO3's wrapper: edit_distance follows
    # the Python code directly (and what it inlined may follow it).
    expected = ["<module> (workload.py)", f"{HOT_FUNCTION} (lib.rs)"]
    assert top[:2] == expected, f"{where}: the most sampled stack is {top}"


def test_py_spy_without_native_stops_at_the_python_line(reader_folder, run_child):
    output = run_step("py-spy-python", reader_folder, run_child)
    check_and_record("py-spy-python", output, check_python_only)


def test_py_spy_native_names_the_hot_rust_function(reader_folder, run_child):
    output = run_step("py-spy-native", reader_folder, run_child)
    check_and_record("py-spy-native", output, check_native)


def test_the_recording_shows_an_inlined_function_below_the_hot_one():
    """The page points at `min` in the recording (not in every run)."""
    assert any(
        len(stack) > 2
        and stack[1].startswith(f"{HOT_FUNCTION} (")
        and stack[2].startswith("core::cmp::Ord::min (")
        for _, stack in stacks(recorded("py-spy-native.txt"))
    ), "recorded/py-spy-native.txt: no stack shows min below edit_distance"


def test_top_stacks_sums_equal_stacks_and_drops_rust_hashes():
    top_stacks = runpy.run_path(str(CRATE / "top_stacks.py"))["top_stacks"]
    raw = [
        "<module> (w.py:3);a::f::h0123456789abcdef (lib.rs:2) 3\n",
        "<module> (w.py:3);a::f::hfedcba9876543210 (lib.rs:2) 1\n",
        "<module> (w.py:4) 3\n",
        " 1\n",
    ]
    assert top_stacks(raw, 5) == [
        (0.5, ["<module> (w.py:3)", "a::f (lib.rs:2)"]),
        (0.375, ["<module> (w.py:4)"]),
        (0.125, []),
    ]


# -- perf --------------------------------------------------------------------

PERF_ROW = re.compile(r"^\s*(\d+\.\d+)%\s+(\S+)\s+\[\.\]\s+(.+)$")
ALLOCATOR = {"malloc", "_int_malloc", "free", "_int_free", "cfree@GLIBC_2.2.5"}


def check_perf(output: str, where: str) -> None:
    matches = map(PERF_ROW.match, output.splitlines())
    rows = [match.groups() for match in matches if match]
    assert rows, f"{where}: no rows in\n{output}"
    _, library, symbol = rows[0]
    assert (library, symbol) == ("_profiling_rs.abi3.so", HOT_FUNCTION), (
        f"{where}: the first row is {symbol} in {library}, not {HOT_FUNCTION}"
    )
    allocator = [s for _, lib, s in rows if lib.startswith("libc.") and s in ALLOCATOR]
    assert allocator, f"{where}: no allocator function of libc above the limit"


def test_perf_names_the_hot_rust_function_first(reader_folder, run_child):
    output = run_step("perf", reader_folder, run_child)
    check_and_record("perf", output, check_perf)


# -- gdb ---------------------------------------------------------------------

FRAME = re.compile(r"^#(\d+)\s+(?:0x[0-9a-f]+ in )?(\S+)")
# The frames the page names, innermost first.
PANIC_FRAMES = [
    "std::panicking::rust_panic",
    "core::panicking::panic_bounds_check",
    "_profiling_rs::_profiling_rs::closest_unchecked",
    "_profiling_rs::_profiling_rs::__pyfunction_closest_unchecked",
    "pyo3::impl_::trampoline::trampoline",
    "_PyEval_EvalFrameDefault",
]


def backtrace(output: str) -> str:
    """gdb's output from the breakpoint on: what it printed before is set-up."""
    start = output.find("\nBreakpoint 1, ")
    assert start >= 0, f"gdb did not stop at the breakpoint:\n{output}"
    return output[start + 1 :]


def check_gdb(output: str, where: str) -> None:
    lines = output.splitlines()
    frames = [m[2] for m in map(FRAME.match, lines) if m]
    assert frames, f"{where}: no backtrace in\n{output}"
    positions = []
    for name in PANIC_FRAMES:
        found = [i for i, frame in enumerate(frames) if frame.startswith(name)]
        assert found, f"{where}: no frame {name} in the backtrace"
        positions.append(found[0])
    assert positions == sorted(positions), f"{where}: frames out of order"
    [bug] = [
        line
        for line, match in zip(lines, map(FRAME.match, lines), strict=True)
        if match and match[2] == PANIC_FRAMES[2]
    ]
    assert bug.endswith(f" at {PANIC_SITE}"), f"{where}: {bug}"


def test_gdb_stops_at_the_panic_inside_the_rust_function(reader_folder, run_child):
    output = backtrace(run_step("gdb", reader_folder, run_child))
    check_and_record("gdb", output, check_gdb)


def test_the_page_names_the_hot_function_and_frames():
    page = " ".join((ROOT / "docs" / "profiling.rst").read_text().split())
    for name in [HOT_FUNCTION, "rust_panic", "closest_unchecked"]:
        assert name in page, f"docs/profiling.rst does not name {name}"
    call = f"line {CALL_LINE} of ``workload.py``"
    assert call in page, f"docs/profiling.rst: the call to closest is {call}"
