"""Count primes with one of PrimeCount's methods, until done or interrupted.

    python count_primes.py METHOD LIMIT

Prints "counting" as the call into Rust starts, then how far the count got.
Press Ctrl+C while it counts, or send SIGINT, which is what Ctrl+C does.
"""

import signal
import sys

import _interrupts_rs as ir

# Python raises KeyboardInterrupt on SIGINT by itself, unless SIGINT was
# ignored when it started, as in a shell's background job: make sure.
signal.signal(signal.SIGINT, signal.default_int_handler)

method, limit = sys.argv[1], int(sys.argv[2])
count = ir.PrimeCount(limit)
print("counting", flush=True)
try:
    getattr(count, method)()
except KeyboardInterrupt:
    print(f"KeyboardInterrupt at {count.checked / count.limit:.1%} of the count")
else:
    print(f"finished: {count.found} primes below {count.limit}")
