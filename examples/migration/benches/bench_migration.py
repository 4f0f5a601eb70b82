"""Before and after the migration.  Run with ``nox -s bench``."""

import _migration_rs
import hashing_py
import pytest

SMALL = b"x" * 64
LARGE = bytes(range(256)) * 4096  # 1 MiB


def label(benchmark, text):
    benchmark.extra_info["label"] = text


@pytest.mark.benchmark(group="hash-small")
def bench_python_small(benchmark):
    label(benchmark, "Python (hashlib), 64 B")
    benchmark(hashing_py.calculate_hash, SMALL)


@pytest.mark.benchmark(group="hash-small")
def bench_rust_small(benchmark):
    label(benchmark, "Rust (sha2), 64 B")
    benchmark(_migration_rs.calculate_hash, SMALL)


@pytest.mark.benchmark(group="hash-large")
def bench_python_large(benchmark):
    label(benchmark, "Python (hashlib), 1 MiB bytes")
    benchmark(hashing_py.calculate_hash, LARGE)


@pytest.mark.benchmark(group="hash-large")
def bench_rust_large(benchmark):
    label(benchmark, "Rust (sha2), 1 MiB bytes")
    benchmark(_migration_rs.calculate_hash, LARGE)


@pytest.mark.benchmark(group="hash-large")
def bench_rust_large_bytearray(benchmark):
    label(benchmark, "Rust (sha2), 1 MiB bytearray")
    benchmark(_migration_rs.calculate_hash, bytearray(LARGE))


@pytest.mark.benchmark(group="hash-large")
def bench_python_large_memoryview(benchmark):
    label(benchmark, "Python (hashlib), 1 MiB memoryview")
    benchmark(hashing_py.calculate_hash, memoryview(LARGE))


@pytest.mark.benchmark(group="hash-large")
def bench_rust_large_memoryview(benchmark):
    label(benchmark, "Rust (sha2), 1 MiB memoryview")
    benchmark(_migration_rs.calculate_hash, memoryview(LARGE))
