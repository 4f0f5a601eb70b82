"""What the shipping page shows about builds, checked by building.

* The module sums numbers and raises the documented exceptions.
* Cargo ignores a profile outside the workspace root, with a warning.
* A module compiled with ``panic=abort`` takes the interpreter down.
* A wheel builds from the source distribution alone, outside the repository,
  and works in a fresh virtual environment.
* The wheels' platform tags, read by auditwheel, are the recorded ones: a
  plain ``maturin build`` on this machine (the one tools/build_examples.py
  installed), and one linked with zig against an old glibc.
* The checked-in release workflow is what ``maturin generate-ci github``
  writes, hardened and nothing else; the recorded diff and zizmor's findings
  on the generated workflow are what they are now; zizmor and
  check-jsonschema accept the hardened one.

The outputs the page shows live in ``recorded/``; each test that makes one
compares it with the file.  When a change is right, run the test with
``GUIDE_RECORD=1`` to write the new output, and read the diff.

Builds share the workspace's target folder, so PyO3 is compiled once per
profile and target.  What they build is kept in build/shipping/ under a key
of its inputs (the crate, the workspace's manifest and lock file, the
versions of the tools), and built again when one changes; the checks run on
it every time.
"""

from __future__ import annotations

import difflib
import functools
import hashlib
import io
import json
import operator
import os
import re
import shutil
import signal
import subprocess
import sys
import tarfile
import time
import zipfile
from pathlib import Path

import _shipping_rs
import pytest
from hypothesis import given
from hypothesis import strategies as st
from ruamel.yaml import YAML

CRATE = Path(__file__).resolve().parents[1]
EXAMPLES = CRATE.parent
ROOT = EXAMPLES.parent
RECORDED = CRATE / "recorded"
WORKFLOW = CRATE / ".github" / "workflows" / "release.yml"
BUILD_DIR = Path(os.environ.get("GUIDE_BUILD_DIR", ROOT / "build"))
CARGO_TARGET = Path(os.environ.get("CARGO_TARGET_DIR", EXAMPLES / "target"))
# This environment's tools: maturin, zig (the ziglang package), auditwheel.
TOOLS = Path(sys.executable).parent
MATURIN = [sys.executable, "-m", "maturin"]
UV_PIP_INSTALL = [
    sys.executable,
    "-m",
    "uv",
    "pip",
    "install",
    "--offline",
    "--no-deps",
]
PYPROJECT_MATURIN = "1.16.0"  # the maturin that the workflow pins


# Variables that would point a build at another environment, or make a
# crashing child print a backtrace.
LEAKS = frozenset(
    {
        "VIRTUAL_ENV",
        "CONDA_PREFIX",
        "PYTHONPATH",
        "PYTHONHOME",
        "RUST_BACKTRACE",
        "RUST_LIB_BACKTRACE",
    }
)


def tool_environment(**extra: str) -> dict[str, str]:
    """This environment's tools first on PATH; nothing that points a build
    at a virtual environment or changes what Cargo builds."""
    env = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("PYO3_", "MATURIN_", "CARGO_PROFILE_"))
        and name not in LEAKS
    }
    env["PATH"] = os.pathsep.join([str(TOOLS), env.get("PATH", os.defpath)])
    env["CARGO_TARGET_DIR"] = str(CARGO_TARGET)
    return {**env, **extra}


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
                f"{path.relative_to(ROOT)} (recorded)",
                "now",
            )
        )
        pytest.fail(
            f"{path.relative_to(ROOT)} is no longer what the build prints; if "
            f"the new output is right, run again with GUIDE_RECORD=1:\n{diff}"
        )


# The module ------------------------------------------------------------------


@given(st.lists(st.floats(allow_nan=False, allow_infinity=False), max_size=20))
def test_sum_numbers_adds_left_to_right(values: list[float]) -> None:
    text = " ".join(map(repr, values))
    # In order, as Rust adds; Python's sum() compensates since 3.12.
    assert _shipping_rs.sum_numbers(text) == functools.reduce(operator.add, values, 0.0)


@pytest.mark.parametrize(
    ("argument", "error"),
    [("1 two", ValueError), ("1,5", ValueError), (b"1", TypeError), (None, TypeError)],
)
def test_sum_numbers_rejects_bad_input(argument: object, error: type) -> None:
    with pytest.raises(error):
        _shipping_rs.sum_numbers(argument)  # type: ignore[arg-type]


# Profiles ------------------------------------------------------------------


def test_a_profile_outside_the_workspace_root_is_ignored(tmp_path, run_child):
    """What the page says of examples/Cargo.toml's [profile.dist]."""
    (tmp_path / "Cargo.toml").write_text('[workspace]\nmembers = ["member"]\n')
    member = tmp_path / "member"
    (member / "src").mkdir(parents=True)
    (member / "src" / "lib.rs").write_text("")
    (member / "Cargo.toml").write_text(
        '[package]\nname = "member"\nversion = "0.1.0"\nedition = "2024"\n\n'
        "[profile.release]\nlto = true\n"
    )
    result = run_child(
        ["cargo", "metadata", "--format-version", "1", "--no-deps", "--offline"],
        source=EXAMPLES / "Cargo.toml",
        cwd=member,
    )
    assert (
        "warning: profiles for the non root package will be ignored, "
        "specify profiles at the workspace root" in result.stderr
    )


# Builds ----------------------------------------------------------------------


def inputs_key(*command: str) -> str:
    """What a build depends on: the command, the crate, the workspace's
    manifest and lock file, and the versions of rustc, maturin and zig."""
    digest = hashlib.sha256("\0".join(command).encode())
    files = [EXAMPLES / "Cargo.toml", EXAMPLES / "Cargo.lock", *CRATE.rglob("*")]
    for path in sorted(files):
        relative = path.relative_to(EXAMPLES)
        if path.is_file() and not NOT_INPUTS & set(relative.parts):
            digest.update(str(relative).encode() + b"\0" + path.read_bytes())
    for tool in (
        ["rustc", "--version"],
        [*MATURIN, "--version"],
        [sys.executable, "-m", "ziglang", "version"],
    ):
        digest.update(subprocess.check_output(tool))
    return digest.hexdigest()[:16]


# Folders of the crate that no build reads.
NOT_INPUTS = frozenset({"tests", "recorded", ".github", "benches", "__pycache__"})


def cached_build(
    kind: str,
    command: list,
    run_child,
    *,
    out: str = "--out",
    rustc: tuple[str, ...] = (),
    **kwargs,
) -> Path:
    """The folder that ``command`` built into (``out`` names it), kept in
    build/shipping/<kind>/ and built again when an input changes.  The
    build's output is kept beside it; a failed build keeps nothing."""
    words = [str(arg) for arg in [*command, *rustc] if not Path(arg).is_absolute()]
    folder = BUILD_DIR / "shipping" / kind / inputs_key(kind, *words)
    log = folder / "build.log"
    if not log.is_file():
        shutil.rmtree(folder, ignore_errors=True)
        after = ["--", *rustc] if rustc else []
        built = run_child(
            [*command, out, str(folder), *after],
            source=CRATE / "Cargo.toml",
            what=f"the {kind} build failed",
            **kwargs,
        )
        log.write_text(built.stderr + built.stdout)
    return folder


# ANCHOR: panic-abort
def test_panic_abort_kills_the_interpreter(run_child):
    """With panic=abort, a panic aborts the process: nothing can catch it."""
    # rustc's flag that `panic = "abort"` in a profile passes, given to the
    # module's crate only, so that PyO3 need not be compiled again for it.
    built = cached_build(
        "panic-abort",
        [*MATURIN, "build"],
        run_child,
        rustc=("-C", "panic=abort"),
        cwd=CRATE,
        env=tool_environment(),
    )
    [wheel] = built.glob("*.whl")
    zipfile.ZipFile(wheel).extractall(built / "site")
    code = (
        "import _shipping_rs\n"
        "try:\n"
        "    _shipping_rs.panic_on_purpose('a bug')\n"
        "except BaseException:\n"
        "    print('caught')\n"
        "print('still running')\n"
    )
    child = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        cwd=built / "site",
        env=tool_environment(),
        check=False,
    )
    assert child.returncode == -signal.SIGABRT, child
    assert child.stdout == ""  # neither "caught" nor "still running"
    assert "panicked at" in child.stderr
    assert "a bug" in child.stderr
    assert "PanicException" not in child.stderr
    # ANCHOR_END: panic-abort


# The source distribution -----------------------------------------------------


def test_wheel_builds_from_the_sdist_alone(tmp_path, run_child):
    """The sdist unpacked outside the repository, built with pip's interface
    (PEP 517), and the wheel installed into a fresh virtual environment.

    Cargo's target folder is the workspace's, so that PyO3 is not compiled
    again; the unpacked sources are newer than anything built there, so the
    crate itself is compiled from them.  The wheel is kept until an input
    of the crate changes.
    """
    run_child(
        [*MATURIN, "sdist", "--out", str(tmp_path)],
        source=CRATE / "Cargo.toml",
        cwd=CRATE,
        env=tool_environment(),
    )
    [sdist] = tmp_path.glob("*.tar.gz")
    with tarfile.open(sdist) as archive:
        archive.extractall(tmp_path / "unpacked", filter="data")
    [project] = (tmp_path / "unpacked").iterdir()
    now = time.time()
    for path in project.rglob("*"):
        os.utime(path, (now, now))
    uv_build = [sys.executable, "-m", "uv", "build", "--wheel", project]
    isolated = ["--no-build-isolation", "--offline", "--python", sys.executable]
    built = cached_build(
        "from-sdist",
        [*uv_build, *isolated],
        run_child,
        out="--out-dir",
        cwd=tmp_path,
        env=tool_environment(),
    )
    [wheel] = built.glob("*.whl")
    assert wheel.name.startswith("shipping_py-0.1.0-cp311-abi3-")
    venv = tmp_path / "venv"
    run_child(
        [sys.executable, "-m", "venv", "--without-pip", str(venv)],
        source=CRATE / "pyproject.toml",
    )
    python = venv / "bin" / "python"
    run_child(
        [*UV_PIP_INSTALL, "--python", python, wheel],
        source=CRATE / "pyproject.toml",
        what="the wheel built from the sdist does not install",
    )
    used = run_child(
        [python, "-c", "import _shipping_rs; print(_shipping_rs.sum_numbers('2 3'))"],
        source=CRATE / "src" / "lib.rs",
        what="the wheel built from the sdist does not work",
        cwd=tmp_path,
    )
    assert used.stdout == "5.0\n"


# Platform tags -------------------------------------------------------------


def audit(wheel: Path, run_child) -> str:
    """``auditwheel show``, with its sets printed in one order every run."""
    audited = run_child(
        [TOOLS / "auditwheel", "show", wheel],
        source=CRATE / "Cargo.toml",
        env=tool_environment(PYTHONHASHSEED="0"),
    ).stdout
    return f"$ auditwheel show wheels/{wheel.name}\n{audited.strip()}\n"


def installed_wheel() -> Path:
    """The wheel that tools/build_examples.py built and installed here."""
    stamp = Path(sys.prefix) / "example-stamps" / "shipping.json"
    return Path(json.loads(stamp.read_text())["wheel"])


def test_local_wheel_is_tagged_for_this_machines_glibc(run_child):
    """The wheel of ``maturin build``, as every example is built (the
    examples build only leaves it uncompressed)."""
    check_recording("local-wheel.txt", audit(installed_wheel(), run_child))


ZIG_COMMAND = "maturin build --zig --compatibility manylinux2014"


def test_zig_wheel_is_manylinux2014(run_child):
    """Linked against an old glibc with zig: the tag pip needs on old systems."""
    built = cached_build(
        "zig",
        [*MATURIN, *ZIG_COMMAND.split()[1:]],
        run_child,
        cwd=CRATE,
        env=tool_environment(),
    )
    [wheel] = built.glob("*.whl")
    [line] = [
        line
        for line in (built / "build.log").read_text().splitlines()
        if "Built wheel" in line
    ]
    shown = f"$ {ZIG_COMMAND} --out wheels\n...\n"
    shown += line.replace(str(built), "wheels") + "\n"
    check_recording("zig-wheel.txt", shown + audit(wheel, run_child))


# The release workflow --------------------------------------------------------


def generated_workflow(run_child) -> str:
    return run_child(
        [*MATURIN, "generate-ci", "github"],
        source=CRATE / "pyproject.toml",
        cwd=CRATE,
        env=tool_environment(),
    ).stdout


def load_yaml(text: str) -> dict:
    return YAML(typ="safe").load(io.StringIO(text))


PINNED = re.compile(r"^(?P<action>[\w.-]+/[\w.-]+)@(?P<ref>[0-9a-f]{40})$")
# What hardening may add to a step's `with`, by action.
ADDED_INPUTS = {
    "actions/checkout": {"persist-credentials": False},
    "astral-sh/setup-uv": {"enable-cache": False},
    "PyO3/maturin-action": {"maturin-version": f"v{PYPROJECT_MATURIN}"},
}
# The one change that is not hardening: the workspace's tuned profile.
ARGS_CHANGE = ("--release", "--profile dist")


def effective_permissions(workflow: dict, job: dict) -> dict[str, str]:
    permissions = job.get("permissions", workflow.get("permissions", {}))
    return dict(permissions or {})


RIGHTS = {"none": 0, "read": 1, "write": 2}


def hardening_problems(generated: dict, checked_in: dict) -> list[str]:
    """Every difference between the two that the hardening does not explain."""
    problems = []
    for key in sorted(set(generated) | set(checked_in)):
        if key not in {"jobs", "permissions"} and generated.get(key) != checked_in.get(
            key
        ):
            problems.append(
                f"{key}: {checked_in.get(key)!r}, maturin writes {generated.get(key)!r}"
            )
    if set(generated["jobs"]) != set(checked_in["jobs"]):
        ours, theirs = sorted(checked_in["jobs"]), sorted(generated["jobs"])
        problems.append(f"jobs {ours}, maturin writes {theirs}")
        return problems
    for name, job in generated["jobs"].items():
        ours = checked_in["jobs"][name]
        for key in sorted(set(job) | set(ours)):
            if key not in {"steps", "permissions"} and job.get(key) != ours.get(key):
                problems.append(f"{name}.{key} differs")
        granted = effective_permissions(checked_in, ours)
        allowed = effective_permissions(generated, job)
        for scope, level in granted.items():
            if RIGHTS[level] > RIGHTS[allowed.get(scope, "none")]:
                problems.append(f"{name}: {scope}: {level} is more than maturin's")
        if len(job["steps"]) != len(ours["steps"]):
            counts = len(ours["steps"]), len(job["steps"])
            problems.append(f"{name}: %d steps, maturin writes %d" % counts)
            continue
        for index, (step, mine) in enumerate(
            zip(job["steps"], ours["steps"], strict=True)
        ):
            where = f"{name}.steps[{index}]"
            step, mine = dict(step), dict(mine)
            if "uses" in step:
                action = step.pop("uses").split("@")[0]
                pinned = PINNED.match(mine.pop("uses", ""))
                if pinned is None or pinned["action"] != action:
                    problems.append(f"{where}: not {action} pinned to a commit")
                inputs = dict(mine.pop("with", {}) or {})
                for added, value in ADDED_INPUTS.get(action, {}).items():
                    if inputs.pop(added, None) != value:
                        problems.append(f"{where}: lacks {added}: {value!r}")
                if "args" in inputs:
                    inputs["args"] = inputs["args"].replace(
                        ARGS_CHANGE[1], ARGS_CHANGE[0]
                    )
                if inputs != dict(step.pop("with", {}) or {}):
                    problems.append(f"{where}: inputs differ")
            if step != mine:
                problems.append(f"{where} differs")
    return problems


def test_release_workflow_is_the_generated_one_hardened(run_child):
    generated = load_yaml(generated_workflow(run_child))
    checked_in = load_yaml(WORKFLOW.read_text(encoding="utf-8"))
    assert hardening_problems(generated, checked_in) == []
    # Least rights: none by default, and no job may write to the repository.
    assert checked_in["permissions"] == {}
    for name, job in checked_in["jobs"].items():
        assert job.get("permissions", {}).get("contents") in {None, "read"}, name


def test_hardening_check_catches_a_change(run_child):
    """The comparison above is not blind: a real change is reported."""
    generated = load_yaml(generated_workflow(run_child))
    changed = load_yaml(WORKFLOW.read_text(encoding="utf-8"))
    changed["jobs"]["sdist"]["steps"][1]["with"]["args"] = "--out elsewhere"
    changed["jobs"]["sdist"]["permissions"]["contents"] = "write"
    del changed["jobs"]["linux"]["steps"][0]["with"]
    assert sorted(hardening_problems(generated, changed)) == [
        "linux.steps[0]: lacks persist-credentials: False",
        "sdist.steps[1]: inputs differ",
        "sdist: contents: write is more than maturin's",
    ]


def workflow_parts(text: str) -> dict[str, list[str]]:
    """A workflow's lines: those up to ``jobs:`` ("top"), then each job's."""
    parts: dict[str, list[str]] = {"top": []}
    current, in_jobs = "top", False
    for line in text.splitlines(keepends=True):
        job = re.match(r"^  ([\w-]+):$", line)
        if in_jobs and job:
            current = job[1]
        parts.setdefault(current, []).append(line)
        in_jobs = in_jobs or line == "jobs:\n"
    return parts


def test_workflow_diff_is_recorded(run_child):
    """The page shows the diff of the top, of one build job and of the release."""
    generated = workflow_parts(generated_workflow(run_child))
    checked_in = workflow_parts(WORKFLOW.read_text(encoding="utf-8"))
    assert generated.keys() == checked_in.keys()
    for part in ("top", "linux", "release"):
        diff = difflib.unified_diff(
            generated[part],
            checked_in[part],
            "maturin generate-ci github",
            ".github/workflows/release.yml",
            n=2,
        )
        check_recording(f"workflow-{part}.diff", "".join(diff))


def zizmor_findings(path: Path) -> list[dict]:
    result = subprocess.run(
        [TOOLS / "zizmor", "--offline", "--no-progress", "--format", "json", path],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.stdout.strip(), result.stderr
    return json.loads(result.stdout)


def test_zizmor_findings_on_the_generated_workflow(tmp_path, run_child):
    generated = tmp_path / "release.yml"
    generated.write_text(generated_workflow(run_child))
    findings = zizmor_findings(generated)
    counts: dict[tuple[str, str], int] = {}
    for finding in findings:
        key = (finding["ident"], finding["determinations"]["severity"])
        counts[key] = counts.get(key, 0) + 1
    lines = [
        f"{ident:<16} {severity:<8} {count:>3}"
        for (ident, severity), count in sorted(counts.items())
    ]
    check_recording(
        "zizmor-generated.txt",
        "$ zizmor --offline release.yml   # findings by audit\n"
        + "\n".join(lines)
        + "\n",
    )


SCHEMA = "vendor.github-workflows"


def test_checked_in_workflow_passes_zizmor_and_its_schema(run_child):
    assert zizmor_findings(WORKFLOW) == []
    run_child(
        [TOOLS / "check-jsonschema", "--builtin-schema", SCHEMA, WORKFLOW],
        source=WORKFLOW,
        what="the workflow does not match GitHub's schema",
    )
