"""The dist profile against plain release: one crate, two builds.  ``nox -s bench``.

``nox -s bench`` installs every example built with ``--release``; this file
builds the shipping crate again with the workspace's ``dist`` profile and
loads that library beside the installed one, under another package name.
Each row records the size of the library it timed (``library_bytes``).

The untimed pass of the tests builds the second library in the ``dev``
profile instead: it checks that the benchmarks run, which any build shows,
and an optimised build would only make it slower.
"""

import importlib.util
import subprocess
import sys
import zipfile
from pathlib import Path

import _shipping_rs
import pytest

CRATE = Path(__file__).resolve().parents[1]
NUMBERS = " ".join(str(n / 8) for n in range(10_000))


@pytest.fixture(scope="module")
def tuned(request, tmp_path_factory):
    """The shipping module built with the dist profile (dev when untimed)."""
    disabled = request.config.getoption("benchmark_disable")
    profile = "dev" if disabled else "dist"
    out = tmp_path_factory.mktemp(f"shipping-{profile}")
    maturin = [sys.executable, "-m", "maturin", "build", "--profile", profile]
    subprocess.run([*maturin, "--out", str(out)], cwd=CRATE, check=True)
    [wheel] = out.glob("*.whl")
    zipfile.ZipFile(wheel).extractall(out)
    [library] = out.glob("_shipping_rs/_shipping_rs*.so")
    spec = importlib.util.spec_from_file_location("tuned._shipping_rs", library)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def library(module) -> int:
    """The size in bytes of the shared library a module was loaded from."""
    path = Path(module.__file__)
    if path.suffix != ".so":  # the installed package's __init__.py
        [path] = path.parent.glob("_shipping_rs*.so")
    return path.stat().st_size


# ANCHOR: bench
@pytest.mark.benchmark(group="sum")
def bench_sum_release(benchmark):
    """sum_numbers, 10,000 numbers: release"""
    benchmark.extra_info["library_bytes"] = library(_shipping_rs)
    assert benchmark(_shipping_rs.sum_numbers, NUMBERS) > 0


@pytest.mark.benchmark(group="sum")
def bench_sum_dist(benchmark, tuned):
    """sum_numbers, 10,000 numbers: dist (LTO, 1 unit, stripped)"""
    benchmark.extra_info["library_bytes"] = library(tuned)
    assert benchmark(tuned.sum_numbers, NUMBERS) > 0


@pytest.mark.benchmark(group="call")
def bench_call_release(benchmark):
    """one short call: release"""
    benchmark.extra_info["library_bytes"] = library(_shipping_rs)
    assert benchmark(_shipping_rs.sum_numbers, "1") == 1.0


@pytest.mark.benchmark(group="call")
def bench_call_dist(benchmark, tuned):
    """one short call: dist (LTO, 1 unit, stripped)"""
    benchmark.extra_info["library_bytes"] = library(tuned)
    assert benchmark(tuned.sum_numbers, "1") == 1.0


# ANCHOR_END: bench
