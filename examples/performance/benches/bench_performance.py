"""Benchmarks behind the performance page.  Run with ``nox -s bench``."""

import threading
import time

import _performance_rs as perf
import pytest

VALUES = [float(i) for i in range(100_000)]
SPIN = 5_000_000
# Thread timings suffer most from other load: take the best of many rounds.
ROUNDS = 15
MIB = 1 << 20
DATA = bytes(range(256)) * (4 * MIB // 256)


@pytest.mark.benchmark(group="batch")
def bench_python_loop(benchmark):
    """pure Python: [v * 2.0 for v in values]"""
    result = benchmark(lambda: [v * 2.0 for v in VALUES])
    assert result[-1] == VALUES[-1] * 2.0


@pytest.mark.benchmark(group="batch")
def bench_rust_per_item(benchmark):
    """Rust per item: [scale(v, 2.0) for v in values]"""
    result = benchmark(lambda: [perf.scale(v, 2.0) for v in VALUES])
    assert result[-1] == VALUES[-1] * 2.0


@pytest.mark.benchmark(group="batch")
def bench_rust_batch(benchmark):
    """Rust batch: scale_all(values, 2.0)"""
    result = benchmark(perf.scale_all, VALUES, 2.0)
    assert result[-1] == VALUES[-1] * 2.0


# ANCHOR: two-threads
def in_two_threads(function):
    def run():
        threads = [threading.Thread(target=function, args=(SPIN,)) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()

    return run


@pytest.mark.benchmark(group="detach")
def bench_one_call(benchmark):
    """one call, one thread"""
    benchmark.pedantic(perf.spin_detached, args=(SPIN,), rounds=ROUNDS)


@pytest.mark.benchmark(group="detach")
def bench_two_threads_attached(benchmark):
    """two threads, interpreter held"""
    benchmark.pedantic(in_two_threads(perf.spin_attached), rounds=ROUNDS)


@pytest.mark.benchmark(group="detach")
def bench_two_threads_detached(benchmark):
    """two threads, py.detach"""
    benchmark.pedantic(in_two_threads(perf.spin_detached), rounds=ROUNDS)


# ANCHOR_END: two-threads


# ANCHOR: responsiveness
def beside(function):
    """Time a 1 ms sleep in this thread while another thread calls `function`."""
    go = threading.Event()
    worker = None

    def setup():
        nonlocal worker
        go.clear()
        worker = threading.Thread(target=lambda: go.wait() and function(SPIN))
        worker.start()  # it waits for `go` without holding the interpreter

    def start_then_sleep():
        go.set()
        time.sleep(0.001)  # the worker takes the interpreter and enters Rust

    def teardown(*_arguments):
        worker.join()

    return {"target": start_then_sleep, "setup": setup, "teardown": teardown}


@pytest.mark.benchmark(group="responsiveness")
def bench_sleep_alone(benchmark):
    """time.sleep(0.001), nothing else running"""
    benchmark.pedantic(time.sleep, args=(0.001,), rounds=ROUNDS)


@pytest.mark.benchmark(group="responsiveness")
def bench_sleep_beside_attached(benchmark):
    """time.sleep(0.001) beside spin_attached"""
    benchmark.pedantic(**beside(perf.spin_attached), rounds=ROUNDS)


@pytest.mark.benchmark(group="responsiveness")
def bench_sleep_beside_detached(benchmark):
    """time.sleep(0.001) beside spin_detached"""
    benchmark.pedantic(**beside(perf.spin_detached), rounds=ROUNDS)


# ANCHOR_END: responsiveness


# ANCHOR: batch-wins
@pytest.mark.benchmark(group="batch-wins")
def bench_python_sum(benchmark):
    """pure Python: sum(data), 4 MiB"""
    assert benchmark(sum, DATA) == sum(DATA)


@pytest.mark.benchmark(group="batch-wins")
def bench_rust_sum(benchmark):
    """Rust batch: checksum_slice(data), 4 MiB"""
    assert benchmark(perf.checksum_slice, DATA) == sum(DATA)


# ANCHOR_END: batch-wins


@pytest.mark.benchmark(group="bytes-return")
def bench_return_vec(benchmark):
    """-> Vec<u8> (4 MiB)"""
    assert len(benchmark(perf.make_vec, 4 * MIB)) == 4 * MIB


@pytest.mark.benchmark(group="bytes-return")
def bench_return_pybytes_new(benchmark):
    """-> PyBytes::new (4 MiB)"""
    assert len(benchmark(perf.make_pybytes, 4 * MIB)) == 4 * MIB


@pytest.mark.benchmark(group="bytes-return")
def bench_return_pybytes_new_with(benchmark):
    """-> PyBytes::new_with (4 MiB)"""
    assert len(benchmark(perf.make_new_with, 4 * MIB)) == 4 * MIB


@pytest.mark.benchmark(group="bytes-params")
def bench_param_slice_bytes(benchmark):
    """&[u8] <- bytes"""
    assert benchmark(perf.checksum_slice, DATA) == sum(DATA)


@pytest.mark.benchmark(group="bytes-params")
def bench_param_cow_bytes(benchmark):
    """Cow<[u8]> <- bytes"""
    assert benchmark(perf.checksum_cow, DATA) == sum(DATA)


@pytest.mark.benchmark(group="bytes-params")
def bench_param_cow_bytearray(benchmark):
    """Cow<[u8]> <- bytearray"""
    assert benchmark(perf.checksum_cow, bytearray(DATA)) == sum(DATA)


@pytest.mark.benchmark(group="bytes-params")
def bench_param_vec_bytes(benchmark):
    """Vec<u8> <- bytes"""
    assert benchmark(perf.checksum_vec, DATA) == sum(DATA)


@pytest.mark.benchmark(group="bytes-params")
def bench_param_cow_memoryview(benchmark):
    """Cow<[u8]> <- memoryview"""
    assert benchmark(perf.checksum_cow, memoryview(DATA)) == sum(DATA)
