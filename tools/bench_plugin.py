"""pytest plugin for ``nox -s bench``: small, reviewable result files.

Loaded with ``-p tools.bench_plugin``.  It records the machine's memory,
which pytest-benchmark does not, and drops what a page never shows: the
timing of every single round and the CPU's feature flags.  Each benchmark's
docstring is the label that its row on the page shows, and each row records
a hash of its benchmark function's source, which the docs build compares
with the function as it is now.  pytest-benchmark records the commit and
whether the tree had uncommitted changes (``commit_info``); the docs build
requires both, and ``nox -s bench`` refuses a tree with changes unless given
``--allow-dirty``.
"""

from __future__ import annotations

import inspect
import os
import subprocess
from pathlib import Path

import pytest

# `python -m pytest` from the project root (the noxfile runs it so) makes
# docs/_ext a namespace package: the docs build checks the hash with the
# same function.
from docs._ext.bench_model import SOURCE_HASH_KEY, benchmark_functions


@pytest.fixture(autouse=True)
def _label_and_source_hash(request: pytest.FixtureRequest) -> None:
    if "benchmark" not in request.fixturenames:
        return
    label = inspect.getdoc(request.function)
    if not label:
        pytest.fail(f"{request.node.nodeid}: give the benchmark a one-line docstring")
    source = Path(inspect.getsourcefile(request.function)).read_text(encoding="utf-8")
    function = benchmark_functions(source)[request.function.__name__]
    extra_info = request.getfixturevalue("benchmark").extra_info
    extra_info["label"] = label
    extra_info[SOURCE_HASH_KEY] = function.source_hash


def memory_gib() -> int | None:
    try:
        pages, page_size = os.sysconf("SC_PHYS_PAGES"), os.sysconf("SC_PAGE_SIZE")
    except (ValueError, OSError, AttributeError):
        return None
    # MemTotal excludes what the kernel reserves; round to the size sold.
    return round(pages * page_size / 2**30)


def pytest_benchmark_update_machine_info(config, machine_info):
    machine_info["memory_gib"] = memory_gib()


def pytest_benchmark_update_commit_info(config, commit_info):
    """Dirty means code changes: not the results this same run wrote before."""
    results = config.getoption("benchmark_json", None)
    if not commit_info.get("dirty") or results is None:
        return
    folder = Path(results).resolve().parent
    status = subprocess.run(
        ["git", "status", "--porcelain", "--", ".", f":(exclude){folder}"],
        cwd=config.rootpath,
        capture_output=True,
        text=True,
        check=False,
    )
    if status.returncode == 0:
        commit_info["dirty"] = bool(status.stdout.strip())


def pytest_benchmark_update_json(config, benchmarks, output_json):
    output_json["machine_info"].get("cpu", {}).pop("flags", None)
    for bench in output_json["benchmarks"]:
        bench["stats"].pop("data", None)
