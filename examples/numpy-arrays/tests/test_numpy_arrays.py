"""Edge cases of the numpy-arrays page that its session does not show."""

import gc

import _numpy_arrays_rs as rs
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

finite = st.floats(min_value=-1e6, max_value=1e6, width=64)
arrays = st.lists(finite, max_size=200).map(lambda v: np.array(v, dtype=np.float64))


@given(arrays)
def test_total_matches_numpy(values):
    assert rs.total(values) == pytest.approx(np.sum(values), abs=1e-6)


def test_empty_arrays():
    empty = np.array([], dtype=np.float64)
    assert rs.total(empty) == 0.0
    assert rs.hypot(empty, empty).shape == (0,)
    assert rs.squares_moved(empty)[0].shape == (0,)
    assert rs.row_totals(np.zeros((0, 3))).shape == (0,)


def test_row_totals_of_a_transposed_matrix_reads_it_in_place():
    matrix = np.arange(12.0).reshape(3, 4)
    np.testing.assert_array_equal(rs.row_totals(matrix.T), matrix.sum(axis=0))


def test_scale_in_place_through_a_strided_view_changes_the_base():
    base = np.ones(6)
    rs.scale_in_place(base[::3], 5.0)
    np.testing.assert_array_equal(base, [5.0, 1.0, 1.0, 5.0, 1.0, 1.0])


def test_interleaved_views_do_not_conflict():
    x = np.arange(6.0)
    rs.add_into(x[::2], x[1::2])
    np.testing.assert_array_equal(x, [0.0, 1.0, 2.0, 5.0, 4.0, 9.0])


def test_add_into_length_mismatch_leaves_target_alone():
    target = np.zeros(3)
    with pytest.raises(ValueError, match="source has 2 elements, target has 3"):
        rs.add_into(np.ones(2), target)
    np.testing.assert_array_equal(target, np.zeros(3))


def test_a_borrow_ends_with_the_call():
    x = np.ones(4)
    with pytest.raises(TypeError, match="already borrowed"):
        rs.add_into(x, x)
    rs.scale_in_place(x, 3.0)  # the failed call released its read-only borrow
    np.testing.assert_array_equal(x, np.full(4, 3.0))


@pytest.mark.parametrize(
    "bad", [np.arange(3, dtype=np.float32), np.arange(3), [1.0], None, 1.0]
)
def test_readonly_rejects_other_inputs(bad):
    with pytest.raises(TypeError):
        rs.total(bad)


def test_moved_array_outlives_everything_rust_held():
    moved, _ = rs.squares_moved(np.arange(1000.0))
    gc.collect()
    assert moved[-1] == 999.0**2
    view = moved[10:20]
    del moved
    gc.collect()
    np.testing.assert_array_equal(view, np.arange(10.0, 20.0) ** 2)


@given(arrays, arrays)
def test_hypot_matches_the_formula(x, y):
    n = min(len(x), len(y))
    x, y = x[:n], y[:n]
    np.testing.assert_allclose(rs.hypot(x, y), np.sqrt(x * x + y * y))
