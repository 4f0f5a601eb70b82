"""The bench-table directive and its pure logic, on a small sample results file."""

from __future__ import annotations

import dataclasses
import json
import math
import xml.etree.ElementTree as ET

import pytest
from bench_model import (
    TIMES,
    BenchDataError,
    bar_chart_svg,
    format_relative,
    format_seconds,
    load_rows,
    machine_line,
)


def bench(name, group, fastest, label=None):
    extra = {"label": label} if label else {}
    return {
        "name": name,
        "group": group,
        "extra_info": extra,
        "stats": {"median": fastest * 2, "min": fastest, "rounds": 7},
    }


SAMPLE = {
    "machine_info": {
        "system": "Linux",
        "machine": "x86_64",
        "python_implementation": "CPython",
        "python_version": "3.11.7",
        "memory_gib": 24,
        "cpu": {"count": 2, "brand_raw": "Test CPU"},
    },
    "datetime": "2026-01-02T03:04:05.000000+00:00",
    "benchmarks": [
        bench("bench_slow", "loop", 2e-3, "Python <loop>"),
        bench("bench_fast", "loop", 5e-4, "Rust & friends"),
        bench("bench_other", "other", 3e-6),
    ],
}


def test_rows_relative_to_first_of_group():
    rows = load_rows(SAMPLE)
    assert [row.label for row in rows] == [
        "Python <loop>",
        "Rust & friends",
        "bench_other",
    ]
    assert [row.relative for row in rows] == [1.0, 0.25, 1.0]
    assert rows[1].minimum == 5e-4
    assert rows[1].median == 1e-3
    assert rows[1].rounds == 7


def test_rows_selected_and_ordered_by_groups():
    rows = load_rows(SAMPLE, ["other", "loop"])
    assert [row.group for row in rows] == ["other", "loop", "loop"]


def test_unknown_group_and_bad_document():
    with pytest.raises(BenchDataError, match="nope"):
        load_rows(SAMPLE, ["nope"])
    with pytest.raises(BenchDataError, match="benchmarks"):
        load_rows({"machine_info": {}})


def test_zero_baseline_is_not_a_division_error():
    rows = load_rows({"benchmarks": [bench("a", "g", 0.0), bench("b", "g", 1.0)]})
    assert math.isnan(rows[1].relative)
    assert format_relative(rows[1].relative) == "n/a"


@pytest.mark.parametrize(
    ("seconds", "text"),
    [(2.5, "2.5 s"), (0.0123, "12.3 ms"), (4.56e-5, "45.6 µs"), (7.1e-8, "71 ns")],
)
def test_format_seconds(seconds, text):
    assert format_seconds(seconds) == text


def test_format_relative():
    assert format_relative(0.25) == f"0.25{TIMES}"
    assert format_relative(123.4) == f"123{TIMES}"


def test_machine_line_names_machine_and_date():
    assert machine_line(SAMPLE) == (
        "Linux x86_64, Test CPU, 2 cores, 24 GiB, CPython 3.11.7, 2026-01-02"
    )


def test_svg_is_well_formed_escaped_and_proportional():
    svg = bar_chart_svg(load_rows(SAMPLE, ["loop"]), "median <time>")
    root = ET.fromstring(svg)  # raises on malformed XML or bad escaping
    ns = {"svg": "http://www.w3.org/2000/svg"}
    widths = [float(rect.get("width")) for rect in root.findall("svg:rect", ns)]
    assert widths[0] == pytest.approx(4 * widths[1])
    texts = [text.text for text in root.findall("svg:text", ns)]
    assert "Python <loop>" in texts
    assert "Rust & friends" in texts
    assert root.find("svg:title", ns).text == "median <time>"


def test_svg_label_column_fits_the_longest_label():
    short = load_rows(SAMPLE, ["loop"])
    long = [dataclasses.replace(row, label="x" * 80) for row in short]
    ns = {"svg": "http://www.w3.org/2000/svg"}

    def bar_start(svg: str) -> float:
        return float(ET.fromstring(svg).find("svg:rect", ns).get("x"))

    # 80 characters of 12px text need well over 400 units of room.
    assert bar_start(bar_chart_svg(long, "c")) > 450
    assert bar_start(bar_chart_svg(short, "c")) < bar_start(bar_chart_svg(long, "c"))


def test_svg_needs_rows():
    with pytest.raises(BenchDataError):
        bar_chart_svg([], "x")


CONF = """
extensions = ["example_include", "snippet_rule", "bench_results"]
example_include_root = "examples"
exclude_patterns = ["examples", "data"]
bench_results_dir = "data"
"""


def test_directive_renders_table_chart_and_machine(build):
    built = build(
        pages={
            "conf.py": CONF,
            "data/sample.json": json.dumps(SAMPLE),
            "index.rst": """
                Page
                ====

                .. bench-table:: sample.json
                   :groups: loop
                   :caption: Loop or batch
            """,
        }
    )
    assert built.warnings == ""
    html = built.html()
    assert '<table class="bench-table' in html
    assert "Loop or batch" in html
    assert "Python &lt;loop&gt;" in html
    assert f"0.25{TIMES}" in html
    assert "bench_other" not in html
    assert '<svg xmlns="http://www.w3.org/2000/svg" class="bench-chart"' in html
    assert "Linux x86_64, Test CPU, 2 cores, 24 GiB, CPython 3.11.7, 2026-01-02" in html


@pytest.mark.parametrize(
    ("argument", "options", "message"),
    [
        ("missing.json", "", "no such benchmark results file"),
        ("sample.json", ":groups: nope", "no benchmarks in group(s): nope"),
        ("../conf.py", "", "no such benchmark results file"),
    ],
)
def test_directive_warns_on_bad_input(build, argument, options, message):
    built = build(
        pages={
            "conf.py": CONF,
            "data/sample.json": json.dumps(SAMPLE),
            "index.rst": f"""
                Page
                ====

                .. bench-table:: {argument}
                   {options}
            """,
        }
    )
    assert message in built.warnings
