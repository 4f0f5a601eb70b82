"""Rust functions on NumPy arrays against NumPy itself.

Run with ``nox -s bench -- numpy-arrays``.
"""

import _numpy_arrays_rs as rs
import numpy as np
import pytest

N = 1_000_000  # float64: 8 MB per array
X = np.linspace(0.0, 1.0, N)
Y = np.linspace(1.0, 2.0, N)
EXPECTED_HYPOT = np.sqrt(X * X + Y * Y)


# ANCHOR: sum
@pytest.mark.benchmark(group="sum")
def bench_numpy_sum(benchmark):
    """NumPy: np.sum(x)"""
    assert benchmark(np.sum, X) == pytest.approx(N / 2)


@pytest.mark.benchmark(group="sum")
def bench_rust_total(benchmark):
    """Rust: total(x)"""
    assert benchmark(rs.total, X) == pytest.approx(N / 2)


# ANCHOR_END: sum


# ANCHOR: hypot
@pytest.mark.benchmark(group="hypot")
def bench_numpy_hypot(benchmark):
    """NumPy: np.sqrt(x * x + y * y)"""
    result = benchmark(lambda: np.sqrt(X * X + Y * Y))
    np.testing.assert_array_equal(result, EXPECTED_HYPOT)


@pytest.mark.benchmark(group="hypot")
def bench_rust_hypot(benchmark):
    """Rust: hypot(x, y)"""
    result = benchmark(rs.hypot, X, Y)
    np.testing.assert_allclose(result, EXPECTED_HYPOT)


# ANCHOR_END: hypot


# ANCHOR: new-arrays
@pytest.mark.benchmark(group="new-arrays")
def bench_numpy_squares(benchmark):
    """NumPy: x * x"""
    assert benchmark(lambda: X * X)[-1] == 1.0


@pytest.mark.benchmark(group="new-arrays")
def bench_rust_squares_moved(benchmark):
    """Rust: squares_moved(x), into_pyarray"""
    assert benchmark(rs.squares_moved, X)[0][-1] == 1.0


@pytest.mark.benchmark(group="new-arrays")
def bench_rust_squares_copied(benchmark):
    """Rust: squares_copied(x), to_pyarray"""
    assert benchmark(rs.squares_copied, X)[0][-1] == 1.0


@pytest.mark.benchmark(group="new-arrays")
def bench_numpy_copy(benchmark):
    """NumPy: x.copy(), the copy alone"""
    assert benchmark(X.copy)[-1] == 1.0


# ANCHOR_END: new-arrays
