"""The package's original Python code, kept as the fallback."""

from __future__ import annotations

import re

# ANCHOR: original
# A temperature has an optional minus, one to three digits, a point and one
# digit: -3.5, 18.0, 102.4.
READING = re.compile(r"-?[0-9]{1,3}\.[0-9]")


def summarize(text: str) -> dict[str, tuple[float, float, float]]:
    """Min, mean and max temperature per station, in order of appearance.

    ``text`` holds one reading per line, ``<station>;<temperature>``, such as
    ``Oslo;-3.5``.  Empty lines are skipped; any other line is a ValueError.
    """
    stats: dict[str, list[float]] = {}
    for number, line in enumerate(text.split("\n"), start=1):
        if not line:
            continue
        station, _, reading = line.partition(";")
        if not station or READING.fullmatch(reading) is None:
            raise ValueError(
                f"line {number}: expected <station>;<temperature>, e.g. Oslo;-3.5"
            )
        value = float(reading)
        entry = stats.get(station)
        if entry is None:
            stats[station] = [value, value, value, 1]
        else:
            if value < entry[0]:
                entry[0] = value
            if value > entry[1]:
                entry[1] = value
            entry[2] += value
            entry[3] += 1
    return {
        station: (low, total / count, high)
        for station, (low, high, total, count) in stats.items()
    }


# ANCHOR_END: original
