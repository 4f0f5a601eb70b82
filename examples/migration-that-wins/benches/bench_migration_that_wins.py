"""Before and after the migration.  Run with ``nox -s bench``."""

import random

import pytest
from stations import _stations_py, _stations_rs

# ANCHOR: data
CITIES = ["Oslo", "Lima", "Hanoi", "Nairobi", "Dakar", "Perth", "Bergen", "Quito"]


def readings(lines: int) -> str:
    """lines readings from eight stations, as a weather log holds them."""
    rng = random.Random(0)
    return "".join(
        f"{rng.choice(CITIES)};{rng.uniform(-30, 45):.1f}\n" for _ in range(lines)
    )


SMALL = readings(20)
LARGE = readings(100_000)
# ANCHOR_END: data


@pytest.mark.benchmark(group="summarize-small")
def bench_python_small(benchmark):
    """Python, 20 lines"""
    benchmark(_stations_py.summarize, SMALL)


@pytest.mark.benchmark(group="summarize-small")
def bench_rust_small(benchmark):
    """Rust, 20 lines"""
    benchmark(_stations_rs.summarize, SMALL)


@pytest.mark.benchmark(group="summarize-large")
def bench_python_large(benchmark):
    """Python, 100,000 lines"""
    benchmark(_stations_py.summarize, LARGE)


@pytest.mark.benchmark(group="summarize-large")
def bench_rust_large(benchmark):
    """Rust, 100,000 lines"""
    benchmark(_stations_rs.summarize, LARGE)
