"""Claims of the async page that its session does not show, and edge cases."""

import asyncio
import gc
import math
import time
import weakref

import _async_native_rs as native
import _async_rs as ar
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

DELAY = 0.1


def primes_below(limit):
    return sum(all(n % d for d in range(2, math.isqrt(n) + 1)) for n in range(2, limit))


class Ready:
    """An awaitable that needs no event loop: it returns at once."""

    def __init__(self, value=None):
        self.value = value

    def __await__(self):
        return self.value
        yield  # a generator, as __await__ must return an iterator


def run_timed(make_awaitable):
    """Run make_awaitable() on a new event loop: (its result, seconds taken)."""

    async def timed():
        start = time.perf_counter()
        result = await make_awaitable()
        return result, time.perf_counter() - start

    return asyncio.run(timed())


# ANCHOR: overlap
def test_rust_futures_awaited_with_gather_overlap():
    sleeps = 4
    results, elapsed = run_timed(
        lambda: asyncio.gather(*(ar.sleep(DELAY, n) for n in range(sleeps)))
    )
    assert results == list(range(sleeps))
    # One after the other they would take sleeps * DELAY.
    assert DELAY <= elapsed < 2 * DELAY


def test_rust_futures_awaited_one_by_one_add_up():
    async def one_by_one():
        return [await ar.sleep(DELAY, n) for n in range(2)]

    results, elapsed = run_timed(one_by_one)
    assert results == [0, 1]
    assert elapsed >= 2 * DELAY


# ANCHOR_END: overlap


def test_rust_future_starts_at_the_call():
    async def never_awaited():
        pending = ar.sleep(0.01, "done")
        await asyncio.sleep(10 * 0.01)
        return pending.done(), pending.result()

    assert asyncio.run(never_awaited()) == (True, "done")


# ANCHOR: cancel
def test_cancelling_drops_the_rust_future():
    class Payload:
        pass

    async def cancel_a_long_sleep():
        payload = Payload()
        alive = weakref.ref(payload)
        # The Rust future owns the only reference to the payload.
        with pytest.raises(TimeoutError):
            await asyncio.wait_for(ar.sleep(60, payload), timeout=0.01)
        del payload
        for _ in range(100):  # Tokio drops it on its own thread
            gc.collect()
            if alive() is None:
                return True
            await asyncio.sleep(0.01)
        return False

    assert asyncio.run(cancel_a_long_sleep())


# ANCHOR_END: cancel


def test_sleep_returns_its_result_object():
    token = object()

    async def main():
        return await ar.sleep(0, token), await ar.sleep(0)

    assert asyncio.run(main()) == (token, None)


@pytest.mark.parametrize(
    "seconds", [-1, -1e-9, math.nan, math.inf, -math.inf, 2.0**64, 1e300]
)
def test_sleep_rejects_bad_durations(seconds):
    async def main():
        return await ar.sleep(seconds)

    with pytest.raises(ValueError, match=r"finite, >= 0 and < 2\*\*64"):
        asyncio.run(main())


@pytest.mark.parametrize("seconds", [-0.0, 2.0**63])
def test_sleep_accepts_zero_and_huge_durations(seconds):
    async def main():
        return await asyncio.wait_for(ar.sleep(seconds, "woke"), timeout=0.05)

    if seconds:
        with pytest.raises(TimeoutError):
            asyncio.run(main())
    else:
        assert asyncio.run(main()) == "woke"


@pytest.mark.parametrize("seconds", [None, "1", b"1", [1]])
def test_sleep_rejects_non_numbers(seconds):
    with pytest.raises(TypeError):
        ar.sleep(seconds)


@pytest.mark.parametrize(
    "make", [lambda: ar.sleep(0), lambda: ar.join(Ready(), Ready())]
)
def test_rust_futures_need_a_running_loop(make):
    with pytest.raises(RuntimeError, match="no running event loop"):
        make()


def test_join_runs_both_awaitables_at_once():
    results, elapsed = run_timed(
        lambda: ar.join(asyncio.sleep(DELAY, "first"), asyncio.sleep(DELAY, "second"))
    )
    assert results == ("first", "second")
    assert DELAY <= elapsed < 2 * DELAY


def test_join_accepts_futures_and_tasks():
    async def main():
        future = asyncio.get_running_loop().create_future()
        future.set_result(1)
        task = asyncio.ensure_future(asyncio.sleep(0, 2))
        return await ar.join(future, task), await ar.join(Ready(3), Ready(4))

    assert asyncio.run(main()) == ((1, 2), (3, 4))


@pytest.mark.parametrize("failing", [0, 1])
def test_join_raises_the_python_exception(failing):
    async def fails():
        raise LookupError("from Python")

    async def main():
        awaitables = [fails() if n == failing else asyncio.sleep(0) for n in range(2)]
        return await ar.join(*awaitables)

    with pytest.raises(LookupError, match="from Python"):
        asyncio.run(main())


@pytest.mark.parametrize("bad", [None, 1, "coroutine", asyncio.sleep])
def test_join_rejects_what_cannot_be_awaited(bad):
    async def main():
        return await ar.join(Ready(), bad)

    with pytest.raises(TypeError, match="expected an awaitable"):
        asyncio.run(main())


def slow():
    time.sleep(0.1)  # long beside a 1 ms tick, even on a busy machine


def test_a_task_calling_python_stalls_its_thread_every_time():
    assert [ar.ticks_while_task_calls(slow) for _ in range(5)] == [0] * 5


def test_the_blocking_pool_keeps_the_runtime_ticking():
    assert all(ar.ticks_while_pool_calls(slow) > 0 for _ in range(5))


@pytest.mark.parametrize(
    "ticks", [ar.ticks_while_task_calls, ar.ticks_while_pool_calls]
)
def test_ticks_raise_what_the_call_raises(ticks):
    def fails():
        raise LookupError("from Python")

    with pytest.raises(LookupError, match="from Python"):
        ticks(fails)
    with pytest.raises(TypeError, match="not callable"):
        ticks(42)


def test_native_coroutine_needs_no_loop_until_awaited():
    coroutine = native.count_primes(100)
    assert asyncio.run(coroutine) == 25
    with pytest.raises(RuntimeError, match="cannot reuse already awaited coroutine"):
        asyncio.run(coroutine)


@settings(max_examples=30)
@given(st.integers(min_value=0, max_value=2_000))
def test_native_counts(limit):
    expected = primes_below(limit)
    assert asyncio.run(native.count_primes(limit)) == expected
    assert asyncio.run(native.count_primes_inline(limit)) == expected


@pytest.mark.parametrize("count", [native.count_primes, native.count_primes_inline])
def test_native_arguments_are_converted_when_awaited(count):
    with pytest.raises(TypeError):
        count()  # the signature is checked at the call
    coroutine = count(2**64)  # the conversion runs in the coroutine
    with pytest.raises(OverflowError):
        asyncio.run(coroutine)
