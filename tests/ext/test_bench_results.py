"""The bench-table directive and its pure logic, on a small sample results file."""

from __future__ import annotations

import dataclasses
import json
import math
import textwrap
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from bench_model import (
    SOURCE_HASH_KEY,
    TIMES,
    BenchDataError,
    Figure,
    bar_chart_svg,
    benchmark_functions,
    commit_line,
    figure_text,
    format_ratio,
    format_relative,
    format_seconds,
    load_rows,
    machine_line,
    measured_at,
    parse_figure,
    source_problems,
)

ROOT = Path(__file__).resolve().parents[2]

# The benchmarks behind SAMPLE, as examples/sample/benches/bench_sample.py.
BENCHES = textwrap.dedent(
    '''
    """Benchmarks of the sample page."""

    import pytest

    LIST = [1, 2, 3]


    @pytest.mark.benchmark(group="loop")
    def bench_slow(benchmark):
        """Python <loop>"""
        benchmark(sum, LIST)


    @pytest.mark.benchmark(group="loop")
    def bench_fast(benchmark):
        """Rust & friends"""
        benchmark(len, LIST)


    @pytest.mark.benchmark(group="other")
    def bench_other(benchmark):
        benchmark(min, LIST)


    def helper():
        return LIST
    '''
).lstrip()
HASHES = {name: f.source_hash for name, f in benchmark_functions(BENCHES).items()}


def bench(name, group, fastest, label=None, **recorded):
    extra = {"label": label, **recorded} if label else dict(recorded)
    if name in HASHES:
        extra[SOURCE_HASH_KEY] = HASHES[name]
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
    "commit_info": {"id": "0123456789abcdef0123456789abcdef01234567", "dirty": False},
    "datetime": "2026-01-02T03:04:05.000000+00:00",
    "benchmarks": [
        bench("bench_slow", "loop", 2e-3, "Python <loop>", library_bytes=573_264),
        bench("bench_fast", "loop", 5e-4, "Rust & friends", library_bytes=365_416),
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


def test_commit_line_names_the_measured_commit():
    assert commit_line(SAMPLE) == "commit 0123456789ab"
    dirty = {"commit_info": {"id": "f" * 40, "dirty": True}}
    assert commit_line(dirty) == "commit ffffffffffff with uncommitted changes"


@pytest.mark.parametrize(
    ("commit_info", "message"),
    [
        (None, "no commit recorded"),
        # What pytest-benchmark writes outside a git checkout.
        ({"id": "unversioned", "dirty": False}, "no commit recorded"),
        ({"id": "0123456789ab", "dirty": False}, "no commit recorded"),
        ({"id": "f" * 40}, "not recorded whether the tree had uncommitted changes"),
        ({"id": "f" * 40, "dirty": "no"}, "not recorded whether the tree"),
    ],
)
def test_results_must_record_commit_and_cleanliness(commit_info, message):
    document = {**SAMPLE, "commit_info": commit_info}
    with pytest.raises(BenchDataError, match=message):
        measured_at(document)
    with pytest.raises(BenchDataError, match=message):
        commit_line(document)


def test_measured_at():
    assert measured_at(SAMPLE) == ("0123456789abcdef0123456789abcdef01234567", False)


@pytest.mark.parametrize(
    ("text", "figure"),
    [
        ("sample/bench_fast", Figure("sample", "bench_fast")),
        (
            "sample/bench_slow / bench_fast",
            Figure("sample", "bench_slow", "/", "bench_fast"),
        ),
        (
            "my-page/bench_slow  -  bench_fast",
            Figure("my-page", "bench_slow", "-", "bench_fast"),
        ),
        (
            "sample/bench_slow[library_bytes] / bench_fast",
            Figure("sample", "bench_slow", "/", "bench_fast", "library_bytes"),
        ),
        (
            "sample/bench_slow / bench_fast of 2",
            Figure("sample", "bench_slow", "/", "bench_fast", limit=2.0),
        ),
        (
            "sample/bench_slow / bench_fast of 4.5",
            Figure("sample", "bench_slow", "/", "bench_fast", limit=4.5),
        ),
    ],
)
def test_parse_figure(text, figure):
    assert parse_figure(text) == figure


@pytest.mark.parametrize(
    "text",
    [
        "bench_fast",
        "sample/bench_slow/bench_fast",
        "sample/a * b",
        "sample/",
        "sample/bench_slow / bench_fast[library_bytes]",
        "sample/bench_slow[]",
        "sample/bench_slow - bench_fast of 2",
        "sample/bench_slow of 2",
        "sample/bench_slow / bench_fast of two",
    ],
)
def test_parse_figure_rejects_other_text(text):
    with pytest.raises(BenchDataError, match="is not 'page/benchmark'"):
        parse_figure(text)


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("sample/bench_fast", "500 µs"),
        ("sample/bench_slow / bench_fast", f"4.0{TIMES}"),
        ("sample/bench_slow - bench_fast", "1.5 ms"),
        ("sample/bench_fast[library_bytes]", "357 KiB"),
        ("sample/bench_slow[library_bytes] / bench_fast", f"1.6{TIMES}"),
        ("sample/bench_slow[library_bytes] - bench_fast", "203 KiB"),
        ("sample/bench_slow / bench_fast of 5", "80%"),
        ("sample/bench_slow / bench_fast of 4", "100%"),
    ],
)
def test_figure_text_from_fastest_rounds(text, shown):
    assert figure_text(parse_figure(text), load_rows(SAMPLE)) == shown


def test_a_recorded_number_is_compared_like_a_time():
    figure = parse_figure("sample/bench_fast[library_bytes] / bench_slow")
    with pytest.raises(BenchDataError, match=r"\(357 KiB\) is now smaller than"):
        figure_text(figure, load_rows(SAMPLE))
    missing = parse_figure("sample/bench_other[library_bytes]")
    with pytest.raises(BenchDataError, match="recorded no number 'library_bytes'"):
        figure_text(missing, load_rows(SAMPLE))


def test_a_figure_whose_order_was_reversed_fails():
    for operator in "/-":
        figure = parse_figure(f"sample/bench_fast {operator} bench_slow")
        reversed_order = r"bench_fast \(500 µs\) is now faster than bench_slow"
        with pytest.raises(BenchDataError, match=reversed_order):
            figure_text(figure, load_rows(SAMPLE))


def test_a_share_beyond_its_limit_fails():
    figure = parse_figure("sample/bench_slow / bench_fast of 2")
    with pytest.raises(BenchDataError, match=f"ratio 4.0{TIMES} is beyond its limit 2"):
        figure_text(figure, load_rows(SAMPLE))


def test_a_figure_of_an_unknown_benchmark_fails():
    with pytest.raises(BenchDataError, match="no row for benchmark 'bench_gone'"):
        figure_text(parse_figure("sample/bench_gone"), load_rows(SAMPLE))


def test_format_ratio():
    assert format_ratio(93.4) == f"93{TIMES}"
    assert format_ratio(4.26) == f"4.3{TIMES}"
    assert format_ratio(1.04) == f"1.0{TIMES}"


def test_benchmark_functions_are_found_without_importing():
    functions = benchmark_functions(BENCHES)
    assert list(functions) == ["bench_slow", "bench_fast", "bench_other"]
    slow = functions["bench_slow"]
    assert slow.group == "loop"
    assert BENCHES.splitlines()[slow.line - 1] == '@pytest.mark.benchmark(group="loop")'
    assert functions["bench_other"].group == "other"


@pytest.mark.parametrize(
    ("old", "new", "changed"),
    [
        ("benchmark(sum, LIST)", "benchmark(max, LIST)", {"bench_slow"}),
        ('"""Rust & friends"""', '"""Rust and friends"""', {"bench_fast"}),
        ('group="other"', 'group="others"', {"bench_other"}),
        ("LIST = [1, 2, 3]", "LIST = [1, 2]", set()),
        ("return LIST", "return list(LIST)", set()),
    ],
)
def test_hash_covers_the_function_only(old, new, changed):
    assert old in BENCHES
    after = benchmark_functions(BENCHES.replace(old, new))
    assert {n for n, f in after.items() if f.source_hash != HASHES[n]} == changed


def sources(text=BENCHES):
    path = "examples/sample/benches/bench_sample.py"
    return {name: (path, f) for name, f in benchmark_functions(text).items()}


def test_rows_that_match_their_benchmarks_have_no_problems():
    assert source_problems(load_rows(SAMPLE), sources(), None) == []
    assert source_problems(load_rows(SAMPLE, ["loop"]), sources(), ["loop"]) == []


def test_row_without_benchmark_and_benchmark_without_row():
    renamed = BENCHES.replace("def bench_fast", "def bench_quick")
    problems = source_problems(load_rows(SAMPLE, ["loop"]), sources(renamed), ["loop"])
    assert [(p.kind, p.name) for p in problems] == [
        ("orphan", "bench_fast"),
        ("missing", "bench_quick"),
    ]
    assert "row 'bench_fast' (group 'loop') has no benchmark" in problems[0].message
    assert "bench_sample.py:14" in problems[1].message


def test_a_benchmark_of_a_group_not_shown_needs_no_row():
    added = BENCHES + '\n\n@pytest.mark.benchmark(group="new")\ndef bench_new(b): ...\n'
    assert source_problems(load_rows(SAMPLE, ["loop"]), sources(added), ["loop"]) == []
    [problem] = source_problems(load_rows(SAMPLE), sources(added), None)
    assert (problem.kind, problem.name) == ("missing", "bench_new")


def test_changed_benchmark_and_row_without_hash_are_stale():
    changed = BENCHES.replace("benchmark(sum, LIST)", "benchmark(max, LIST)")
    [problem] = source_problems(load_rows(SAMPLE), sources(changed), None)
    assert (problem.kind, problem.name) == ("stale", "bench_slow")
    assert "measured with other code than" in problem.message
    unhashed = json.loads(json.dumps(SAMPLE))
    del unhashed["benchmarks"][2]["extra_info"][SOURCE_HASH_KEY]
    [problem] = source_problems(load_rows(unhashed), sources(), None)
    assert (problem.kind, problem.name) == ("stale", "bench_other")
    assert "records no hash" in problem.message


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
        },
        examples={"sample/benches/bench_sample.py": BENCHES},
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
    assert "at commit 0123456789ab (results file: sample.json)" in html


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
        },
        examples={"sample/benches/bench_sample.py": BENCHES},
    )
    assert message in built.warnings
    assert "index.rst:4: WARNING" in built.warnings, built.warnings


@pytest.mark.parametrize(
    ("old", "new", "messages"),
    [
        (
            "def bench_fast",
            "def bench_quick",
            [
                "index.rst:4: WARNING: data/sample.json: row 'bench_fast' (group "
                "'loop') has no benchmark: no function bench_fast is defined any "
                "more; run `nox -s bench -- sample` [bench.orphan]",
                "index.rst:4: WARNING: data/sample.json: no row for benchmark "
                "'bench_quick' (group 'loop', "
                "examples/sample/benches/bench_sample.py:14); run `nox -s bench -- "
                "sample` [bench.missing]",
            ],
        ),
        (
            "benchmark(sum, LIST)",
            "benchmark(max, LIST)",
            [
                "index.rst:4: WARNING: data/sample.json: row 'bench_slow' was "
                "measured with other code than "
                "examples/sample/benches/bench_sample.py:8 has now; run `nox -s "
                "bench -- sample` [bench.stale]"
            ],
        ),
    ],
)
def test_directive_warns_when_rows_outlive_their_benchmarks(
    build, monkeypatch, tmp_path, old, new, messages
):
    (tmp_path / "project").mkdir()
    monkeypatch.chdir(tmp_path / "project")  # paths are named relative to it
    built = build(
        pages={
            "conf.py": CONF,
            "data/sample.json": json.dumps(SAMPLE),
            "index.rst": """
                Page
                ====

                .. bench-table:: sample.json
                   :groups: loop
            """,
        },
        examples={"sample/benches/bench_sample.py": BENCHES.replace(old, new)},
    )
    warnings = built.warnings.replace(" to measure the benchmarks as they are", "")
    for message in messages:
        assert message in warnings
    assert "index.rst:4: WARNING" in warnings, warnings
    assert '<table class="bench-table' not in built.html(), "stale figures shown"


def test_directive_warns_without_benchmarks(build):
    built = build(
        pages={
            "conf.py": CONF,
            "data/sample.json": json.dumps(SAMPLE),
            "index.rst": ".. bench-table:: sample.json\n",
        }
    )
    assert "no benchmarks for it in" in built.warnings
    assert "index.rst:1: WARNING" in built.warnings, built.warnings
    assert "sample/benches/bench_sample.py" not in built.warnings


def test_directive_refuses_results_without_a_commit(build):
    unversioned = {**SAMPLE, "commit_info": {"id": "unversioned", "dirty": False}}
    built = build(
        pages={
            "conf.py": CONF,
            "data/sample.json": json.dumps(unversioned),
            "index.rst": ".. bench-table:: sample.json\n   :groups: loop\n",
        },
        examples={"sample/benches/bench_sample.py": BENCHES},
    )
    assert "no commit recorded (commit_info.id is 'unversioned')" in built.warnings
    assert "index.rst:1: WARNING" in built.warnings, built.warnings
    assert '<table class="bench-table' not in built.html()


FIGURES = """
Page
====

Slow takes :bench:`sample/bench_slow`, :bench:`sample/bench_slow / bench_fast`
as long as fast, or :bench:`sample/bench_slow - bench_fast` more.
The fast library is :bench:`sample/bench_fast[library_bytes]`.
"""


def test_role_renders_figures_in_prose(build):
    built = build(
        pages={
            "conf.py": CONF,
            "data/sample.json": json.dumps(SAMPLE),
            "index.rst": FIGURES,
        },
        examples={"sample/benches/bench_sample.py": BENCHES},
    )
    assert built.warnings == ""
    assert (
        'Slow takes <span class="bench-figure">2 ms</span>, '
        f'<span class="bench-figure">4.0{TIMES}</span>\nas long as fast, or '
        '<span class="bench-figure">1.5 ms</span> more.\n'
        'The fast library is <span class="bench-figure">357 KiB</span>.'
    ) in built.html()


@pytest.mark.parametrize(
    ("page", "benches", "message"),
    [
        (
            "Fast is :bench:`sample/bench_fast / bench_slow` slower.",
            BENCHES,
            "index.rst:1: WARNING: data/sample.json: bench_fast (500 µs) is now "
            "faster than bench_slow (2 ms)",
        ),
        (
            "Gone: :bench:`sample/bench_gone`.",
            BENCHES,
            "index.rst:1: WARNING: data/sample.json: no row for benchmark "
            "'bench_gone' in sample.json (benchmarks: bench_fast, bench_other, "
            "bench_slow) [bench.figure]",
        ),
        (
            "Missing: :bench:`nope/bench_fast`.",
            BENCHES,
            "index.rst:1: WARNING: data/nope.json: no such benchmark results file",
        ),
        (
            "Changed: :bench:`sample/bench_slow`.",
            BENCHES.replace("benchmark(sum, LIST)", "benchmark(max, LIST)"),
            "index.rst:1: WARNING: data/sample.json: row 'bench_slow' was measured "
            "with other code than examples/sample/benches/bench_sample.py:8 has "
            "now; run `nox -s bench -- sample` to measure the benchmarks as they "
            "are [bench.stale]",
        ),
    ],
)
def test_role_warns_where_the_figure_would_mislead(
    build, monkeypatch, tmp_path, page, benches, message
):
    (tmp_path / "project").mkdir()
    monkeypatch.chdir(tmp_path / "project")  # paths are named relative to it
    built = build(
        pages={
            "conf.py": CONF,
            "data/sample.json": json.dumps(SAMPLE),
            "index.rst": page,
        },
        examples={"sample/benches/bench_sample.py": benches},
    )
    assert message in built.warnings, built.warnings
    assert "bench-figure" not in built.html()


# Only the bench extension: the copied benchmark file's regions need no page.
FIGURE_CONF = """
extensions = ["bench_results"]
exclude_patterns = ["examples", "data"]
bench_results_dir = "data"
"""


def test_editing_a_result_changes_the_prose(build, make_app):
    """A copy of the real results file: edit one figure, and the page follows."""
    results = json.loads((ROOT / "docs/_data/bench/performance.json").read_text())
    benches = (ROOT / "examples/performance/benches/bench_performance.py").read_text()
    figure = "performance/bench_return_vec / bench_return_pybytes_new_with"
    page = f"Page\n====\n\nIt is :bench:`{figure}` faster.\n"
    built = build(
        pages={
            "conf.py": FIGURE_CONF,
            "data/performance.json": json.dumps(results),
            "index.rst": page,
        },
        examples={"performance/benches/bench_performance.py": benches},
    )
    assert built.warnings == ""
    before = figure_text(parse_figure(figure), load_rows(results))
    assert f'It is <span class="bench-figure">{before}</span> faster.' in built.html()

    rows = {bench["name"]: bench for bench in results["benchmarks"]}
    vec = rows["bench_return_vec"]["stats"]["min"]
    rows["bench_return_pybytes_new_with"]["stats"]["min"] = vec / 2.5
    copy = Path(built.app.srcdir) / "data" / "performance.json"
    copy.write_text(json.dumps(results), encoding="utf-8")
    again = make_app("html", srcdir=Path(built.app.srcdir), freshenv=False)
    again.build()
    # A second app in one process warns that Sphinx's nodes are registered.
    assert "[bench." not in again.warning.getvalue()
    assert "1 changed" in again.status.getvalue(), "the page was not read again"
    html = (Path(again.outdir) / "index.html").read_text(encoding="utf-8")
    assert f'It is <span class="bench-figure">2.5{TIMES}</span> faster.' in html
    assert before != f"2.5{TIMES}"
