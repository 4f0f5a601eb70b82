"""Print the stacks that py-spy sampled most often, from its raw output.

Usage: python top_stacks.py PROFILE [COUNT], three stacks by default.

``py-spy record --format raw`` writes one line per distinct stack: its frames
from the outermost in, separated by ``;``, then how many samples had it.
"""

# ANCHOR: top-stacks
import re
import sys
from collections import Counter

# Rust's symbol names end in a hash (::h0123456789abcdef): noise here.
RUST_HASH = re.compile(r"::h[0-9a-f]{16}\b")


def top_stacks(lines: list[str], count: int) -> list[tuple[float, list[str]]]:
    """The count most sampled stacks, with their share of all samples."""
    samples: Counter[str] = Counter()
    for line in lines:
        stack, _, number = line.rstrip("\n").rpartition(" ")
        samples[RUST_HASH.sub("", stack)] += int(number)
    total = sum(samples.values())
    return [
        (n / total, stack.split(";") if stack else [])
        for stack, n in samples.most_common(count)
    ]


if __name__ == "__main__":
    path, count = sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 3
    with open(path, encoding="utf-8") as profile:
        for share, frames in top_stacks(profile.readlines(), count):
            print(f"{share:6.1%}  " + ("\n        ".join(frames) or "(no frames)"))
# ANCHOR_END: top-stacks
