"""What a binding crate builds, in the pure-Rust and the mixed layout."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path, PurePosixPath

import pytest
from binding_crates import BindingCrate, NotABindingCrate

ROOT = Path(__file__).resolve().parents[2]
CARGO = '[package]\nname = "topic-py"\n[lib]\nname = "_topic_rs"\n'


def crate(tmp_path: Path, pyproject: str, *package: str) -> Path:
    folder = tmp_path / "topic"
    folder.mkdir()
    (folder / "Cargo.toml").write_text(CARGO)
    (folder / "pyproject.toml").write_text(pyproject)
    for path in package:
        (folder / path).mkdir(parents=True)
    return folder


def test_pure_rust_crate_is_its_lib_name_with_the_stub_beside_cargo_toml(tmp_path):
    folder = crate(tmp_path, "[project]\nname = 'topic-py'\n")
    found = BindingCrate.read(folder)
    assert (found.module, found.package, found.python_source) == (
        "_topic_rs",
        "_topic_rs",
        None,
    )
    assert found.stub == folder / "_topic_rs.pyi"
    assert found.stub_root == folder
    assert found.installed_stub == PurePosixPath("_topic_rs/__init__.pyi")
    assert found.installed_typed_marker == PurePosixPath("_topic_rs/py.typed")


def test_mixed_crate_keeps_the_stub_in_its_python_package(tmp_path):
    folder = crate(
        tmp_path,
        '[tool.maturin]\npython-source = "python"\nmodule-name = "pkg._pkg_rs"\n',
        "python/pkg",
    )
    found = BindingCrate.read(folder)
    assert (found.module, found.package) == ("pkg._pkg_rs", "pkg")
    assert found.python_source == folder / "python"
    assert found.stub == folder / "python" / "pkg" / "_pkg_rs.pyi"
    assert found.stub_root == folder / "python"
    assert found.installed_stub == PurePosixPath("pkg/_pkg_rs.pyi")
    assert found.installed_typed_marker == PurePosixPath("pkg/py.typed")


def test_mixed_crate_without_python_source_has_the_package_beside_cargo_toml(
    tmp_path,
):
    folder = crate(tmp_path, '[tool.maturin]\nmodule-name = "pkg._pkg_rs"\n', "pkg")
    found = BindingCrate.read(folder)
    assert found.python_source == folder
    assert found.stub == folder / "pkg" / "_pkg_rs.pyi"


def test_a_dotted_name_without_its_package_folder_is_not_mixed(tmp_path):
    # maturin's rule: mixed only when the source folder holds the package.
    folder = crate(tmp_path, '[tool.maturin]\nmodule-name = "pkg._pkg_rs"\n')
    assert BindingCrate.read(folder).python_source is None


def test_a_folder_without_pyproject_is_not_a_binding_crate(tmp_path):
    folder = tmp_path / "logic"
    folder.mkdir()
    (folder / "Cargo.toml").write_text('[package]\nname = "logic"\n')
    with pytest.raises(NotABindingCrate, match=r"no pyproject\.toml"):
        BindingCrate.read(folder)


def test_the_project_structure_example_is_mixed():
    folder = ROOT / "examples" / "project-structure" / "wordstats-py"
    found = BindingCrate.read(folder)
    assert found.module == "wordstats._wordstats_rs"
    assert found.stub.is_file(), found.stub
    # As a script, for nox -s try: the module name and nothing else.
    script = ROOT / "docs" / "_ext" / "binding_crates.py"
    printed = subprocess.run(
        [sys.executable, str(script), str(folder)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert printed == "wordstats._wordstats_rs\n"
