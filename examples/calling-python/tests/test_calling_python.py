"""What the calling-python page claims, beyond its session."""

import decimal
import gc
import json
import re
import runpy
import sys
import weakref
from pathlib import Path

import _calling_python_rs as cp
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

HELPERS = Path(__file__).resolve().parent.parent / "src" / "helpers.py"
SLUGIFY = runpy.run_path(str(HELPERS))["slugify"]

JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(),
    lambda inner: st.lists(inner) | st.dictionaries(st.text(), inner),
    max_leaves=20,
)


@settings(max_examples=40)
@given(JSON_VALUES)
def test_to_json_is_json_dumps_with_sorted_keys(value):
    assert cp.to_json(value) == json.dumps(value, sort_keys=True)


@given(st.integers(min_value=-(2**63), max_value=2**63 - 1))
def test_from_cents_is_exact(cents):
    value = cp.from_cents(cents)
    assert type(value) is decimal.Decimal
    assert value * 100 == cents


def test_retry_stops_at_the_first_other_exception():
    calls = []

    def fail(attempt):
        calls.append(attempt)
        raise KeyError(attempt)

    with pytest.raises(KeyError):
        cp.retry(fail, attempts=5)
    assert calls == [1]


def test_retry_raises_the_last_connection_error_itself():
    raised = []

    def refuse(attempt):
        raised.append(ConnectionResetError(attempt))
        raise raised[-1]

    with pytest.raises(ConnectionResetError) as info:
        cp.retry(refuse, attempts=3)
    assert len(raised) == 3
    assert info.value is raised[-1]  # the callback's own exception object
    assert info.value.__traceback__.tb_next.tb_frame.f_code is refuse.__code__


def test_retry_passes_the_attempt_by_keyword():
    assert cp.retry(lambda *, attempt: attempt * 10, attempts=1) == 10


def test_evaluate_runs_in_a_namespace_of_its_own(monkeypatch):
    tripled = cp.evaluate("[x * factor for x in values]", values=[1, 2], factor=3)
    assert tripled == [3, 6]
    monkeypatch.setattr(sys.modules["__main__"], "in_main", 1, raising=False)
    with pytest.raises(NameError):
        cp.evaluate("in_main")


def test_load_settings():
    settings = cp.load_settings("import math\nradius = 2\narea = math.pi * radius**2\n")
    assert sorted(settings) == ["area", "math", "radius"]
    assert settings["area"] == pytest.approx(12.566, abs=1e-3)
    assert "radius" not in vars(sys.modules["__main__"])
    with pytest.raises(SyntaxError):
        cp.load_settings("radius =")
    with pytest.raises(ValueError, match="nul byte"):
        cp.load_settings("radius = 1\0")


@given(st.text(st.characters(exclude_categories=["Cs"]), max_size=30))
def test_slugify_runs_the_code_of_helpers_py(text):
    try:
        expected = SLUGIFY(text)
    except ValueError as err:
        with pytest.raises(ValueError, match=re.escape(str(err))):
            cp.slugify(text)
    else:
        assert cp.slugify(text) == expected


def test_helpers_module_is_made_once():
    cp.slugify("a")
    made = sys.modules["_calling_python_rs.helpers"]
    cp.slugify("b")
    assert sys.modules["_calling_python_rs.helpers"] is made


def test_registry_order_and_unknown_events():
    registry = cp.Registry()
    for n in range(3):
        registry.connect("e", lambda value, n=n: (n, value))
    assert registry.emit("e", "x") == [(0, "x"), (1, "x"), (2, "x")]
    assert registry.emit("other") == []


def test_a_failing_callback_stops_the_emit():
    registry = cp.Registry()
    seen = []
    registry.connect("e", lambda: 1 / 0)
    registry.connect("e", lambda: seen.append("second"))
    with pytest.raises(ZeroDivisionError):
        registry.emit("e")
    assert seen == []


def test_a_callback_may_emit_again():
    # The registry is not borrowed while callbacks run.
    registry = cp.Registry()
    registry.connect("outer", lambda: registry.emit("inner"))
    registry.connect("inner", lambda: "inner ran")
    assert registry.emit("outer") == [["inner ran"]]


def test_a_registry_in_a_cycle_is_collected():
    class Marker:
        pass

    def make_cycle():
        marker = Marker()
        registry = cp.Registry()
        # registry -> callback -> registry: only __traverse__ shows the way.
        registry.connect("e", lambda: (registry, marker))
        return weakref.ref(marker)

    alive = make_cycle()
    gc.collect()
    assert alive() is None


@pytest.mark.parametrize(
    ("call", "error"),
    [
        (lambda: cp.retry(print, attempts=-1), OverflowError),
        (lambda: cp.retry(print, attempts=2**32), OverflowError),
        (lambda: cp.from_cents(2**63), OverflowError),
        (lambda: cp.evaluate(b"1"), TypeError),
        (lambda: cp.Registry().connect(1, print), TypeError),
        (lambda: cp.slugify(None), TypeError),
        (lambda: cp.slugify("\udcff"), UnicodeEncodeError),
    ],
)
def test_bad_input(call, error):
    with pytest.raises(error):
        call()
