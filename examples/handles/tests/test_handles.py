"""Edge cases of the handles page that its session does not show."""

import gc
import threading
import weakref

import _handles_rs as handles
import pytest
from hypothesis import given
from hypothesis import strategies as st


@given(st.lists(st.sampled_from(["a", "b", "c", "é", ""])))
def test_tally_agrees_with_counter(words):
    from collections import Counter

    assert handles.tally(words) == Counter(words)


def test_tally_refuses_a_str_and_non_str_items():
    with pytest.raises(TypeError, match="Can't extract `str` to `Vec`"):
        handles.tally("words")
    with pytest.raises(TypeError):
        handles.tally([b"bytes"])


@given(st.lists(st.integers(), min_size=1))
def test_largest_agrees_with_max(numbers):
    assert handles.largest(numbers) == max(numbers)


def test_largest_keeps_the_first_of_equals():
    first, second = [1.0], [1.0]
    assert handles.largest([first, second]) is first


def test_tagged_names_the_type():
    class Custom:
        pass

    obj = Custom()
    assert handles.tagged(obj) == (obj, "Custom")


def test_listeners_without_callbacks():
    assert handles.Listeners().notify("event") == []
    assert handles.Listeners().callbacks() == []


def test_callbacks_returns_a_new_list_each_time():
    listeners = handles.Listeners()
    listeners.add(len)
    listeners.callbacks().clear()
    assert listeners.notify("abc") == [3]


def test_a_failing_callback_stops_notify():
    listeners = handles.Listeners()
    calls = []
    listeners.add(lambda event: 1 / 0)
    listeners.add(calls.append)
    with pytest.raises(ZeroDivisionError):
        listeners.notify("event")
    assert calls == []


def test_adding_from_inside_notify_is_refused():
    # notify borrows the object; add needs it exclusively (see classes).
    listeners = handles.Listeners()
    listeners.add(lambda event: listeners.add(print))
    with pytest.raises(RuntimeError, match="Already borrowed"):
        listeners.notify("event")
    assert len(listeners.callbacks()) == 1


def test_a_cycle_through_a_callback_is_collected():
    class Callback:
        def __init__(self, *held):
            self.held = held

        def __call__(self, event):
            return event

    listeners = handles.Listeners()
    # The callback refers back to listeners: a cycle through a Rust field.
    callback = Callback(listeners)
    listeners.add(callback)
    gone = weakref.ref(callback)
    del listeners, callback
    gc.collect()
    assert gone() is None


def test_stored_callbacks_stay_alive():
    class Callback:
        def __call__(self, event):
            return event

    callback = Callback()
    gone = weakref.ref(callback)
    listeners = handles.Listeners()
    listeners.add(callback)
    del callback
    gc.collect()
    assert gone() is not None
    del listeners
    gc.collect()
    assert gone() is None


def test_call_on_thread_from_many_threads():
    results = []

    def worker():
        here = threading.get_ident()
        results.append(handles.call_on_thread(threading.get_ident) != here)

    threads = [threading.Thread(target=worker) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == [True] * 8


def test_call_on_thread_returns_the_object_itself():
    obj = object()
    assert handles.call_on_thread(lambda: obj) is obj
