"""Edge cases of the first module that the page's session does not show."""

import math
import statistics

import first_module
import pytest
from hypothesis import given
from hypothesis import strategies as st

SMALL = st.floats(min_value=-1e6, max_value=1e6)


@given(st.text())
def test_greet_wraps_any_text(name):
    assert first_module.greet(name) == f"Hello, {name}!"


@given(st.lists(SMALL, min_size=1, max_size=50))
def test_mean_agrees_with_statistics(values):
    assert math.isclose(
        first_module.mean(values), statistics.fmean(values), abs_tol=1e-6
    )


def test_mean_accepts_any_sequence_of_numbers():
    assert first_module.mean((1, 2)) == 1.5
    assert first_module.mean([True, 3]) == 2.0


@pytest.mark.parametrize("bad", ["12", {1: 2}, None, 3])
def test_mean_rejects_what_is_not_a_list_of_numbers(bad):
    with pytest.raises(TypeError):
        first_module.mean(bad)


def test_mean_of_nothing_is_a_value_error():
    with pytest.raises(ValueError, match="empty"):
        first_module.mean(())
