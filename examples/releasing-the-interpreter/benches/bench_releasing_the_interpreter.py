"""What detaching costs the caller, alone and beside a busy Python thread.

Run with ``nox -s bench -- releasing-the-interpreter``.
"""

import threading

import _releasing_the_interpreter_rs as rt
import pytest

LIMIT = 30_000  # about a millisecond of work in a release build
PRIMES = 3245  # below LIMIT
CALLS = 10  # per round: only some calls of a round wait for the other thread
ROUNDS = 15


def timed(benchmark, function):
    result = benchmark.pedantic(
        function, args=(LIMIT,), rounds=ROUNDS, iterations=CALLS, warmup_rounds=1
    )
    assert result == PRIMES


@pytest.mark.benchmark(group="alone")
def bench_attached_alone(benchmark):
    """count_primes_attached(30_000), no other thread"""
    timed(benchmark, rt.count_primes_attached)


@pytest.mark.benchmark(group="alone")
def bench_detached_alone(benchmark):
    """count_primes(30_000), no other thread"""
    timed(benchmark, rt.count_primes)


# ANCHOR: contended
@pytest.fixture
def busy_thread():
    """Another thread that runs Python code, without a pause, during the test."""
    stop = threading.Event()

    def spin():
        while not stop.is_set():
            pass

    thread = threading.Thread(target=spin)
    thread.start()
    yield
    stop.set()
    thread.join()


@pytest.mark.benchmark(group="contended")
def bench_attached_beside_busy_thread(benchmark, busy_thread):
    """count_primes_attached(30_000), beside a busy thread"""
    timed(benchmark, rt.count_primes_attached)


@pytest.mark.benchmark(group="contended")
def bench_detached_beside_busy_thread(benchmark, busy_thread):
    """count_primes(30_000), beside a busy thread"""
    timed(benchmark, rt.count_primes)


# ANCHOR_END: contended
