"""Edge cases of the practices module that its page does not show."""

from __future__ import annotations

import math

import pytest
from _practices_rs import Celsius, reading
from hypothesis import given
from hypothesis import strategies as st


@given(degrees=st.floats(min_value=-273.15, allow_infinity=True))
def test_possible_temperatures_convert(degrees: float) -> None:
    result = reading(Celsius(degrees))
    assert result["celsius"] == degrees
    assert result["fahrenheit"] == degrees * 9.0 / 5.0 + 32.0


@given(degrees=st.one_of(st.floats(max_value=-273.16), st.just(math.nan)))
def test_impossible_temperatures_are_value_errors(degrees: float) -> None:
    with pytest.raises(ValueError, match="below absolute zero"):
        Celsius(degrees)


@pytest.mark.parametrize("wrong", [None, "20", [20.0]])
def test_wrong_types_are_type_errors(wrong: object) -> None:
    with pytest.raises(TypeError, match="degrees"):
        Celsius(wrong)
    with pytest.raises(TypeError, match="temperature"):
        reading(wrong)


def test_init_is_inherited_and_ignores_nothing() -> None:
    temperature = Celsius(5.0)
    # object.__init__ accepts the constructor's arguments and changes nothing.
    Celsius.__init__(temperature, 99.0)
    assert temperature.degrees == 5.0
