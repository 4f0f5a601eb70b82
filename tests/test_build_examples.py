"""The examples build's plan: its lanes and target folders, and what it
warms for the docs build while Cargo works (tools/build_examples.py)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from examples_model import crates
from examples_model.files import extensions_environment
from tools import build_examples
from tools.build_examples import Lane, Warming, lanes, ready_sessions

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"


def test_the_largest_group_builds_in_the_workspace_target_the_rest_beside_it():
    metadata = {"target_directory": "/t"}
    groups = [["a", "b", "c"], ["d"], ["e"]]
    assert lanes(metadata, groups) == [
        Lane(Path("/t"), [["a", "b", "c"]]),
        Lane(Path("/t/other-feature-groups"), [["d"], ["e"]]),
    ]
    assert lanes(metadata, [["a"]]) == [Lane(Path("/t"), [["a"]])]


@pytest.fixture(scope="module")
def metadata() -> dict:
    return build_examples.cargo_metadata()


def abi3_floor(workspace: Path, package: str) -> str | None:
    """The abi3 floor Cargo gives this member's PyO3 when built alone."""
    features = {
        feature
        for name, resolved in build_examples.resolved_features(
            workspace, package
        ).items()
        if name.startswith("pyo3 ")
        for joined in resolved
        for feature in joined.split(",")
    }
    floors = sorted(f for f in features if f.startswith("abi3-py"))
    return floors[0] if floors else None


def test_no_other_abi3_floor_shares_the_workspace_target(metadata):
    """maturin names its PyO3 configuration by interpreter, not by abi3
    floor: a crate of another floor built in the workspace target would
    rewrite the main group's file, and Cargo would compile PyO3 again."""
    targets = build_examples.cargo_targets(metadata)
    folders = build_examples.package_folders(metadata)
    workspace = Path(metadata["workspace_root"])
    main = Path(metadata["target_directory"])
    floors = {
        name: abi3_floor(workspace, name)
        for name, folder in folders.items()
        if targets[folder] == main
    }
    assert len(set(floors.values()) - {None}) == 1, floors
    elsewhere = {
        name: abi3_floor(workspace, name)
        for name, folder in folders.items()
        if targets[folder] != main
    }
    # The workspace has such a crate, so this test can tell.
    assert set(elsewhere.values()) - set(floors.values()) - {None}, elsewhere


def test_every_member_has_a_target_folder(metadata):
    targets = build_examples.cargo_targets(metadata)
    assert set(targets) == set(build_examples.package_folders(metadata).values())


def test_a_session_is_ready_when_every_crate_of_its_folder_is_installed():
    binding = [crate.folder for crate in crates.workspace_binding_crates(EXAMPLES)]
    native = (EXAMPLES / "async" / "native").resolve()
    assert native in {folder.resolve() for folder in binding}
    installed = {folder.resolve() for folder in binding} - {native}
    ready = ready_sessions(binding, installed)
    assert EXAMPLES / "classes" / "session.pycon" in ready
    # async/session.pycon is keyed by both crates under examples/async.
    assert EXAMPLES / "async" / "session.pycon" not in ready
    everything = ready_sessions(binding, installed | {native})
    assert EXAMPLES / "async" / "session.pycon" in everything


def test_warming_stops_the_running_command_and_starts_no_other(tmp_path):
    started = tmp_path / "started"
    second = tmp_path / "second"
    sleeper = f"open({str(started)!r}, 'w').close(); import time; time.sleep(60)"
    warming = Warming(
        [
            [sys.executable, "-c", sleeper],
            [sys.executable, "-c", f"open({str(second)!r}, 'w').close()"],
        ]
    )
    for _ in range(600):  # the first command has started: up to a minute
        if started.exists():
            break
        warming.thread.join(0.1)
    assert started.exists()
    warming.stop()
    assert warming.process is not None
    assert warming.process.poll() is not None, "stop() left the command running"
    assert not warming.thread.is_alive()
    assert not second.exists(), "stop() let the next command start"


def test_cached_sessions_keep_their_result(tmp_path):
    """``python -m sessions --cached`` fills the cache the docs build reads."""
    session = EXAMPLES / "first-module" / "session.pycon"
    env = extensions_environment({**os.environ, "GUIDE_CACHE_DIR": str(tmp_path)})
    done = subprocess.run(
        [sys.executable, "-m", "sessions", "--cached", str(session)],
        cwd=EXAMPLES,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    [cached] = (tmp_path / "sessions").glob("*.json")
    result = json.loads(cached.read_text())
    assert result["passed"], result["report"]
    assert Path(result["session"]) == session.resolve()


def test_feature_groups_are_cached_by_content(tmp_path, monkeypatch):
    """Asked again about the same manifests, the build does not ask Cargo;
    a manifest whose bytes changed is resolved again."""
    workspace = tmp_path / "ws"
    (workspace / "member").mkdir(parents=True)
    (workspace / "Cargo.toml").write_text('[workspace]\nmembers = ["member"]\n')
    (workspace / "Cargo.lock").write_text("version = 4\n")
    member = workspace / "member" / "Cargo.toml"
    member.write_text('[package]\nname = "member"\n')
    metadata = {
        "workspace_root": str(workspace),
        "packages": [{"name": "member", "manifest_path": str(member)}],
    }
    asked = []

    def resolve(where, package):
        asked.append(package)
        return {"pyo3 v0.30.1": frozenset({"abi3-py311"})}

    monkeypatch.setenv("GUIDE_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(build_examples, "resolved_features", resolve)
    assert build_examples.feature_groups(metadata) == [["member"]]
    assert build_examples.feature_groups(metadata) == [["member"]]
    assert asked == ["member"], "the same manifests were resolved again"
    member.write_text('[package]\nname = "member"\nversion = "0.2.0"\n')
    build_examples.feature_groups(metadata)
    assert asked == ["member", "member"], "a changed manifest was not resolved"
    (workspace / "Cargo.lock").write_text("version = 4\n# changed\n")
    build_examples.feature_groups(metadata)
    assert len(asked) == 3, "a changed lock file was not resolved"
