"""What detaching costs for a tiny call and for a large one.  ``nox -s bench``."""

import _pitfalls_rs as pitfalls
import pytest

TINY = bytes(8)
LARGE = bytes(range(256)) * 400  # 100 kB


@pytest.mark.benchmark(group="detach-cost-tiny")
def bench_tiny_attached(benchmark):
    """checksum(8 bytes), attached"""
    assert benchmark(pitfalls.checksum, TINY) == 0


@pytest.mark.benchmark(group="detach-cost-tiny")
def bench_tiny_detached(benchmark):
    """checksum_detached(8 bytes)"""
    assert benchmark(pitfalls.checksum_detached, TINY) == 0


@pytest.mark.benchmark(group="detach-cost-large")
def bench_large_attached(benchmark):
    """checksum(100 kB), attached"""
    assert benchmark(pitfalls.checksum, LARGE) == sum(LARGE)


@pytest.mark.benchmark(group="detach-cost-large")
def bench_large_detached(benchmark):
    """checksum_detached(100 kB)"""
    assert benchmark(pitfalls.checksum_detached, LARGE) == sum(LARGE)
