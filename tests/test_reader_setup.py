"""The testing page's setup for readers is real: its workflow and noxfile.

examples/project-structure/ holds the component's own CI workflow and
noxfile, as a reader's project would.  nox -s lint validates the workflow
(zizmor, check-jsonschema); these tests check that its matrix is the abi3
floor and the newest supported CPython, and run the noxfile's session: the
wheel built, installed into a fresh environment, tested there, and its
stub checked by stubtest.
"""

from __future__ import annotations

import ast
import os
import sys
import tomllib
from pathlib import Path

import nox
import yaml

ROOT = Path(__file__).resolve().parent.parent
COMPONENT = ROOT / "examples" / "project-structure"
WORKFLOW = COMPONENT / ".github" / "workflows" / "tests.yml"
NOXFILE = COMPONENT / "noxfile.py"
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def noxfile_pythons() -> list[str]:
    for node in ast.parse(NOXFILE.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Assign) and any(
            isinstance(target, ast.Name) and target.id == "PYTHONS"
            for target in node.targets
        ):
            return ast.literal_eval(node.value)
    raise AssertionError(f"{NOXFILE}: no PYTHONS list")


def test_matrix_is_the_abi3_floor_and_the_newest_cpython():
    supported = PYPROJECT["tool"]["guide"]["pythons"]
    floor, newest = supported[0], supported[-1]
    job = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))["jobs"]["tests"]
    assert job["strategy"]["matrix"]["python"] == [floor, newest]
    assert noxfile_pythons() == [floor, newest]
    # The floor is the one the wheel is built for, and the one it requires.
    package = tomllib.loads(
        (COMPONENT / "wordstats-py" / "pyproject.toml").read_text(encoding="utf-8")
    )
    assert package["project"]["requires-python"] == f">={floor}"
    workspace = tomllib.loads((ROOT / "examples" / "Cargo.toml").read_text("utf-8"))
    pyo3 = workspace["workspace"]["dependencies"]["pyo3"]
    assert f"abi3-py{floor.replace('.', '')}" in pyo3["features"]
    # Each job runs the noxfile's session for its interpreter.
    runs = [step.get("run") for step in job["steps"]]
    assert "nox -s tests-${{ matrix.python }}" in runs


def test_noxfile_tests_the_installed_wheel(tmp_path, run_child):
    # The same tool versions as this project's own tests, so that the run
    # does not change when a new release comes out.
    pins = [
        pin
        for pin in nox.project.dependency_groups(PYPROJECT, "test")
        if pin.split("==")[0] in {"maturin", "pytest", "hypothesis", "mypy"}
    ]
    assert len(pins) == 4, pins
    constraints = tmp_path / "constraints.txt"
    constraints.write_text("\n".join(pins) + "\n", encoding="utf-8")
    version = f"{sys.version_info.major}.{sys.version_info.minor}"
    envs = tmp_path / "envs"
    result = run_child(
        [
            sys.executable,
            "-m",
            "nox",
            "--noxfile",
            NOXFILE,
            "--session",
            "tests",
            "--force-python",
            version,
            "--envdir",
            envs,
        ],
        source=NOXFILE,
        what="its tests session failed",
        env={
            **os.environ,
            "UV_CONSTRAINT": str(constraints),
            "PIP_CONSTRAINT": str(constraints),
        },
    )
    output = result.stdout + result.stderr
    assert "maturin build --release" in output
    assert " passed in " in output
    assert "Success: no issues found" in output  # stubtest
    # pytest imported the module from the wheel, installed with its stub.
    [package] = envs.glob("*/lib/python3.*/site-packages/wordstats")
    assert (package / "_wordstats_rs.pyi").is_file()
    assert (package / "py.typed").is_file()
