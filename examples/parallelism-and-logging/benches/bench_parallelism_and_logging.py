"""The same prime count on one thread and on rayon's threads.

Run with ``nox -s bench -- parallelism-and-logging``.
"""

import _parallelism_and_logging_rs as pl
import pytest

LIMIT = 300_000  # tens of milliseconds of work in a release build
PRIMES = 25_997  # below LIMIT
ROUNDS = 15


# ANCHOR: speedup
@pytest.mark.benchmark(group="rayon")
def bench_one_thread(benchmark):
    """count_primes_sequential(300_000)"""
    result = benchmark.pedantic(
        pl.count_primes_sequential, args=(LIMIT,), rounds=ROUNDS
    )
    assert result == PRIMES


@pytest.mark.benchmark(group="rayon")
def bench_rayon(benchmark):
    """count_primes(300_000), on rayon's threads"""
    result = benchmark.pedantic(pl.count_primes, args=(LIMIT,), rounds=ROUNDS)
    assert result == PRIMES
    benchmark.extra_info["threads"] = pl.worker_threads()


# ANCHOR_END: speedup
