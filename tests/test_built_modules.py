"""Every example module, as installed by tools/build_examples.py, is checked:

* its type stub matches the module (mypy's stubtest), and maturin installed
  the stub as ``<module>/__init__.pyi`` with a ``py.typed`` marker;
* its compiled library uses only the stable ABI it claims (abi3audit).

The stub of a binding crate lives next to its ``Cargo.toml`` as
``<module>.pyi`` (``<module>`` is ``[lib] name``); a crate without one fails.
"""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
# The oldest Python the examples' abi3 feature (abi3-py39) targets.
ABI3_MINIMUM = "3.9"


def binding_crates() -> list[Path]:
    """Workspace members with a pyproject.toml: the crates maturin builds."""
    members = tomllib.loads((EXAMPLES / "Cargo.toml").read_text())["workspace"][
        "members"
    ]
    return [
        EXAMPLES / member
        for member in members
        if (EXAMPLES / member / "pyproject.toml").is_file()
    ]


def module_name(crate: Path) -> str:
    pyproject = tomllib.loads((crate / "pyproject.toml").read_text())
    configured = pyproject.get("tool", {}).get("maturin", {}).get("module-name")
    if configured:
        return configured
    cargo = tomllib.loads((crate / "Cargo.toml").read_text())
    return cargo.get("lib", {}).get("name") or cargo["package"]["name"].replace(
        "-", "_"
    )


CRATES = {module_name(crate): crate for crate in binding_crates()}


def installed_package(module: str) -> Path:
    spec = importlib.util.find_spec(module)
    if spec is None or not spec.submodule_search_locations:
        pytest.fail(
            f"{module} is not installed as a package; build it with "
            "`python tools/build_examples.py` (nox -s tests does)"
        )
    return Path(next(iter(spec.submodule_search_locations)))


@pytest.fixture(scope="session")
def mypy_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One working folder for every stubtest run, with an empty mypy config."""
    folder = tmp_path_factory.mktemp("mypy")
    (folder / "mypy.ini").write_text("[mypy]\n")
    return folder


@pytest.mark.parametrize("module", sorted(CRATES))
def test_stub_matches_module(module: str, mypy_cache: Path) -> None:
    crate = CRATES[module]
    stub = crate / f"{module}.pyi"
    relative = stub.relative_to(ROOT)
    assert stub.is_file(), f"{module}: no type stub; write {relative}"

    # The stub from the source tree (MYPYPATH comes first), so messages name it.
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy.stubtest",
            module,
            "--mypy-config-file",
            str(mypy_cache / "mypy.ini"),
        ],
        # mypy writes its cache in the working folder: keep it out of the tree.
        cwd=mypy_cache,
        env={**os.environ, "MYPYPATH": str(crate)},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, (
        f"{relative} does not match the built module {module}:\n"
        + result.stdout
        + result.stderr
    )


@pytest.mark.parametrize("module", sorted(CRATES))
def test_stub_is_installed(module: str) -> None:
    package = installed_package(module)
    stub = CRATES[module] / f"{module}.pyi"
    installed = package / "__init__.pyi"
    assert installed.is_file(), f"maturin did not install {stub.name} as {installed}"
    assert installed.read_text() == stub.read_text(), f"{installed} is stale"
    assert (package / "py.typed").is_file(), f"no py.typed in {package}"


@pytest.mark.parametrize("module", sorted(CRATES))
def test_module_uses_only_the_stable_abi(module: str) -> None:
    library = installed_package(module) / f"{module}.abi3.so"
    assert library.is_file(), f"{module} is not an abi3 build: no {library.name}"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "abi3audit",
            "--strict",
            "--report",
            "--assume-minimum-abi3",
            ABI3_MINIMUM,
            str(library),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, (
        f"abi3audit rejects {module}:\n{result.stdout}{result.stderr}"
    )
    report = json.loads(result.stdout)
    assert report, f"abi3audit audited nothing in {library}"
