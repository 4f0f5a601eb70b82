"""Edge cases of the parallelism-and-logging page that its session does not show."""

import logging
import threading
import time

import _parallelism_and_logging_rs as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

LOGGER = "_parallelism_and_logging_rs.primes"


def primes_below(limit):
    sieve = bytearray([1]) * max(limit, 2)
    sieve[0] = sieve[1] = 0
    for n in range(2, int(limit**0.5) + 1):
        if sieve[n]:
            sieve[n * n :: n] = bytearray(len(sieve[n * n :: n]))
    return sum(sieve[:limit])


@pytest.fixture
def rust_log(caplog):
    """Python's logging set to DEBUG for the module, with pyo3-log's cache cleared."""
    caplog.set_level(logging.DEBUG, logger=LOGGER)
    pl.reset_log_cache()
    yield caplog
    pl.reset_log_cache()  # the next test may want other levels


@settings(max_examples=40)
@given(st.integers(min_value=0, max_value=3000))
def test_parallel_and_sequential_agree(limit):
    expected = primes_below(limit)
    assert pl.count_primes(limit) == pl.count_primes_sequential(limit) == expected


@pytest.mark.parametrize("limit", [0, 1, 2, 15, 16, 17, 33])
def test_every_number_is_in_exactly_one_chunk(limit, rust_log):
    assert pl.count_primes(limit) == primes_below(limit)
    ranges = sorted(
        tuple(map(int, r.getMessage().split(":")[0].split("..")))
        for r in rust_log.records
        if r.levelno == logging.DEBUG
    )
    assert len(ranges) == 16
    covered = [n for start, end in ranges for n in range(start, end)]
    assert covered == list(range(limit))


def test_sequential_logs_from_the_calling_thread(rust_log):
    pl.count_primes_sequential(500)
    threads = {r.thread for r in rust_log.records}
    assert threads == {threading.get_ident()}


def test_other_python_threads_run_during_the_count():
    ticks = 0
    running = True

    def count():
        nonlocal ticks
        while running:
            ticks += 1
            time.sleep(0.001)

    thread = threading.Thread(target=count)
    thread.start()
    time.sleep(0.02)
    before = ticks
    pl.count_primes(200_000)
    after = ticks
    running = False
    thread.join()
    assert after > before


def test_levels_above_the_python_level_are_dropped(caplog):
    caplog.set_level(logging.WARNING, logger=LOGGER)
    pl.reset_log_cache()
    pl.count_primes(100)
    assert [r for r in caplog.records if r.name == LOGGER] == []
    pl.reset_log_cache()


@pytest.mark.parametrize("bad", [-1, 2**64, None, 1.5, "10"])
def test_count_primes_rejects_bad_limits(bad):
    with pytest.raises((OverflowError, TypeError)):
        pl.count_primes(bad)
