"""Before and after the migration.  Run with ``nox -s bench``."""

import _migration_rs
import hashing_py
import pytest

SMALL = b"x" * 64
LARGE = bytes(range(256)) * 4096  # 1 MiB


@pytest.mark.benchmark(group="hash-small")
def bench_python_small(benchmark):
    """Python (hashlib), 64 B"""
    benchmark(hashing_py.calculate_hash, SMALL)


@pytest.mark.benchmark(group="hash-small")
def bench_rust_small(benchmark):
    """Rust (sha2), 64 B"""
    benchmark(_migration_rs.calculate_hash, SMALL)


@pytest.mark.benchmark(group="hash-large")
def bench_python_large(benchmark):
    """Python (hashlib), 1 MiB bytes"""
    benchmark(hashing_py.calculate_hash, LARGE)


@pytest.mark.benchmark(group="hash-large")
def bench_rust_large(benchmark):
    """Rust (sha2), 1 MiB bytes"""
    benchmark(_migration_rs.calculate_hash, LARGE)


@pytest.mark.benchmark(group="hash-large")
def bench_rust_large_bytearray(benchmark):
    """Rust (sha2), 1 MiB bytearray"""
    benchmark(_migration_rs.calculate_hash, bytearray(LARGE))


@pytest.mark.benchmark(group="hash-large")
def bench_python_large_memoryview(benchmark):
    """Python (hashlib), 1 MiB memoryview"""
    benchmark(hashing_py.calculate_hash, memoryview(LARGE))


@pytest.mark.benchmark(group="hash-large")
def bench_rust_large_memoryview(benchmark):
    """Rust (sha2), 1 MiB memoryview"""
    benchmark(_migration_rs.calculate_hash, memoryview(LARGE))
