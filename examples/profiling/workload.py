"""The slow program to profile: spelling suggestions for 200 typos."""

# ANCHOR: workload
import random

from _profiling_rs import closest

rng = random.Random(0)
letters = "abcdefghijklmnopqrstuvwxyz"
words = ["".join(rng.choices(letters, k=rng.randint(6, 14))) for _ in range(5_000)]
typos = [word[1:] + "e" for word in rng.sample(words, 200)]

for typo in typos:
    closest(typo, words)
# ANCHOR_END: workload
