"""What the interrupts page claims, beyond its session: every way of running
the count, Ctrl+C on other threads than the main one, and resuming."""

import signal
import subprocess
import sys
from pathlib import Path

import _interrupts_rs as ir
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

HERE = Path(__file__).resolve().parent
SCRIPT = HERE.parent / "count_primes.py"

# Run PrimeCount(LIMIT).METHOD() on a worker thread; the main thread waits.
ON_A_THREAD = """
import signal, sys, threading
import _interrupts_rs as ir

signal.signal(signal.SIGINT, signal.default_int_handler)
method, limit = sys.argv[1], int(sys.argv[2])
count = ir.PrimeCount(limit)
worker = threading.Thread(target=getattr(count, method), daemon=True)
print("counting", flush=True)
try:
    worker.start()
    worker.join()
except KeyboardInterrupt:
    try:
        print(f"KeyboardInterrupt at {count.checked / count.limit:.1%} of the count")
    except RuntimeError:  # Already mutably borrowed: the worker is in run_...
        print("KeyboardInterrupt while the worker counts")
"""


def press_ctrl_c(args: list[str]) -> str:
    """Start Python with args; send SIGINT once it is counting; its output."""
    child = subprocess.Popen(
        [sys.executable, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert child.stdout.readline() == "counting\n"
        try:
            child.wait(timeout=0.05)
        except subprocess.TimeoutExpired:
            child.send_signal(signal.SIGINT)
        out, err = child.communicate(timeout=30)
    finally:
        child.kill()  # if it did not stop
    assert not err, err
    return out


def test_ctrl_c_waits_for_a_detached_loop_without_checks():
    # The session shows the three other methods; detaching alone changes
    # nothing: the main thread is in Rust until the loop ends.
    out = press_ctrl_c([str(SCRIPT), "run_detached_without_checks", "1000000"])
    assert out == "KeyboardInterrupt at 100.0% of the count\n"


def test_checks_on_another_thread_do_nothing():
    # The worker stays attached and checks, but only the main thread can
    # handle a signal: the main thread gets its turn when the count is done.
    out = press_ctrl_c(["-c", ON_A_THREAD, "run", "1000000"])
    assert out == "KeyboardInterrupt at 100.0% of the count\n"


def test_detached_worker_lets_the_main_thread_handle_ctrl_c():
    # Detached, the worker leaves the interpreter to the main thread, which
    # raises KeyboardInterrupt at once; the worker itself goes on counting.
    args = ["-c", ON_A_THREAD, "run_detached_without_checks", "1000000000"]
    assert press_ctrl_c(args) == "KeyboardInterrupt while the worker counts\n"


HANDLER = "import signal; print(repr(signal.getsignal(signal.SIGINT)))"


def test_python_keeps_sigint_ignored_if_started_so():
    # Why count_primes.py installs signal.default_int_handler itself.
    def start_with(disposition):
        return subprocess.run(
            [sys.executable, "-c", HANDLER],
            capture_output=True,
            text=True,
            check=True,
            preexec_fn=lambda: signal.signal(signal.SIGINT, disposition),
        ).stdout

    assert start_with(signal.SIG_DFL) == "<built-in function default_int_handler>\n"
    assert start_with(signal.SIG_IGN) == "<Handlers.SIG_IGN: 1>\n"


@pytest.fixture
def alarm_raises_timeout():
    def out_of_time(signum, frame):
        raise TimeoutError

    previous = signal.signal(signal.SIGALRM, out_of_time)
    yield
    signal.setitimer(signal.ITIMER_REAL, 0)
    signal.signal(signal.SIGALRM, previous)


@pytest.mark.parametrize("method", ["run", "run_detached"])
def test_any_handler_runs_and_the_count_resumes(method, alarm_raises_timeout):
    count = ir.PrimeCount(60_000)
    signal.setitimer(signal.ITIMER_REAL, 0.01)
    with pytest.raises(TimeoutError):
        getattr(count, method)()
    assert 0 < count.checked < count.limit
    assert getattr(count, method)() == 6057  # primes below 60 000
    assert count.checked == count.limit


METHODS = ("run", "run_without_checks", "run_detached", "run_detached_without_checks")


def primes_below(limit):
    return sum(all(n % d for d in range(2, int(n**0.5) + 1)) for n in range(2, limit))


@settings(max_examples=30)
@given(st.integers(min_value=0, max_value=3_000))
def test_every_method_counts_alike(limit):
    expected = primes_below(limit)
    for method in METHODS:
        count = ir.PrimeCount(limit)
        assert getattr(count, method)() == expected
        assert (count.checked, count.found) == (limit, expected)
        assert getattr(count, method)() == expected  # a finished count stays so


def test_repr():
    count = ir.PrimeCount(10)
    count.run()
    assert repr(count) == "PrimeCount(limit=10, checked=10, found=4)"


@pytest.mark.parametrize(
    ("bad", "error"),
    [(-1, OverflowError), (2**64, OverflowError), (1.5, TypeError), (None, TypeError)],
)
def test_bad_limit(bad, error):
    with pytest.raises(error):
        ir.PrimeCount(bad)
