"""Edge cases of the classes page that its session does not show."""

import math
import threading
from collections import deque

import pytest
from _classes_rs import HitCounter, MovingAverage, Reading, Summary
from hypothesis import given
from hypothesis import strategies as st

FINITE = st.floats(allow_nan=False, allow_infinity=False, width=32)
CAPACITY = st.integers(min_value=1, max_value=50)


def reference_mean(values: deque[float]) -> float | None:
    return sum(values) / len(values) if values else None


@given(CAPACITY, st.lists(FINITE, max_size=200))
def test_matches_a_python_model(capacity, values):
    average = MovingAverage(capacity)
    model: deque[float] = deque(maxlen=capacity)
    for value in values:
        average.push(value)
        model.append(value)
    assert len(average) == len(model)
    expected = reference_mean(model)
    if expected is None:
        assert average.mean is None
    else:
        assert average.mean == pytest.approx(expected, rel=1e-9, abs=1e-9)


@given(CAPACITY, CAPACITY, st.lists(FINITE, max_size=60))
def test_shrinking_keeps_the_newest(before, after, values):
    average = MovingAverage.from_values(before, values)
    average.capacity = after
    kept = values[-min(before, after) :] if values else []
    assert len(average) == len(kept)
    assert average.capacity == after
    assert average.summary().count == len(kept)


@pytest.mark.parametrize("capacity", [0])
def test_zero_capacity(capacity):
    with pytest.raises(ValueError, match="at least 1"):
        MovingAverage(capacity)


@pytest.mark.parametrize("capacity", [-1, 2**64])
def test_capacity_out_of_range(capacity):
    with pytest.raises(OverflowError):
        MovingAverage(capacity)


@pytest.mark.parametrize("capacity", [None, "3", 2.0])
def test_capacity_wrong_type(capacity):
    with pytest.raises(TypeError):
        MovingAverage(capacity)


@pytest.mark.parametrize("value", [math.inf, -math.inf, math.nan])
def test_push_rejects_non_finite(value):
    average = MovingAverage(2)
    with pytest.raises(ValueError, match="not a finite number"):
        average.push(value)
    assert len(average) == 0


@given(st.one_of(st.none(), st.text(), st.binary(), st.lists(FINITE)))
def test_push_rejects_non_numbers(value):
    with pytest.raises(TypeError):
        MovingAverage(2).push(value)


def test_extend_rejects_non_iterables_and_bad_items():
    average = MovingAverage(3)
    with pytest.raises(TypeError):
        average.extend(5)
    with pytest.raises(TypeError):
        average.extend([1.0, "two"])
    # Values before the bad one were pushed: extend is not atomic.
    assert len(average) == 1


def test_label_accepts_only_str():
    average = MovingAverage(1, label="a")
    with pytest.raises(TypeError):
        average.label = None
    with pytest.raises(AttributeError):
        del average.label
    assert average.label == "a"


def test_mean_of_matches_python():
    assert MovingAverage.mean_of([]) is None
    assert MovingAverage.mean_of([2.0, 4.0]) == 3.0


def test_subclass_keeps_its_type_and_name():
    class Sub(MovingAverage):
        pass

    sub = Sub.from_values(2, [1.0, 2.0, 3.0])
    assert type(sub) is Sub
    assert repr(sub) == f"{Sub.__qualname__}(capacity=2, label='', len=2)"
    assert sub.mean == 2.5


def test_summary_is_frozen_and_not_constructible():
    summary = MovingAverage.from_values(2, [1.0]).summary()
    with pytest.raises(AttributeError):
        summary.mean = 0.0
    with pytest.raises(TypeError):
        Summary()


def test_reading_constructor_takes_every_field():
    reading = Reading(unit="m", value=2)
    assert (reading.value, reading.unit) == (2.0, "m")
    with pytest.raises(TypeError):
        Reading(1.0, None)
    with pytest.raises(TypeError):
        Reading("1", "m")
    with pytest.raises(AttributeError):
        reading.value = 3.0


def test_counter_from_many_threads():
    counter = HitCounter()

    def work():
        for _ in range(2_000):
            counter.hit()

    threads = [threading.Thread(target=work) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert counter.hits == 16_000
