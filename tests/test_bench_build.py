"""The author's-loop benchmark counts PyO3 builds from the target folders
(tools/bench_build.py), since not every build prints Cargo's lines."""

from __future__ import annotations

import os
import time
from pathlib import Path

from tools.bench_build import pyo3_builds


def library(target: Path, name: str, age: float = 0.0) -> Path:
    path = target / "debug" / "deps" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"")
    stamp = time.time() - age
    os.utime(path, (stamp, stamp))
    return path


def test_pyo3_builds_counts_the_libraries_written_since_the_step_began(tmp_path):
    main, other = tmp_path / "target", tmp_path / "target" / "other-feature-groups"
    since = time.time() - 60
    library(main, "libpyo3-aaaa.rlib")
    library(other, "libpyo3-bbbb.rlib")
    library(other, "libpyo3-cccc.rlib", age=3600)  # an earlier step's build
    library(main, "libpyo3_ffi-dddd.rlib")  # not PyO3 itself
    library(main, "libpyo3_macros-eeee.so")
    assert pyo3_builds([main, tmp_path / "missing"], since) == 2
    assert pyo3_builds([other], since) == 1
