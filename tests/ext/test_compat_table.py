"""The compatibility page is made from the recorded results, not typed."""

from __future__ import annotations

import json

CONF_COMPAT = """
extensions = ["myst_parser", "example_include", "snippet_rule", "compat_table"]
example_include_root = "examples"
exclude_patterns = ["examples", "results"]
compat_results_dir = "results"
"""
PAGE = "Compatibility\n=============\n\n.. compatibility-table::\n"


def record(python: str, session: str, passed: int, sha: str = "a" * 64) -> str:
    return json.dumps(
        {
            "python": python,
            "implementation": "cpython",
            "run": f"nox -s tests-{python[:4]}",
            "commit": "0123456789abcdef",
            "clean": True,
            "date": "2026-11-30T00:00:00+00:00",
            "examples": {
                "demo": {"session": session, "tests": {"passed": passed}},
            },
            "wheels": {
                "examples/demo": {
                    "wheel": "demo_py-0.1.0-cp311-abi3-linux_x86_64.whl",
                    "sha256": sha,
                }
            },
        }
    )


def pages(*results: tuple[str, str]) -> dict[str, str]:
    return {
        "conf.py": CONF_COMPAT,
        "index.rst": PAGE,
        **{f"results/{name}": text for name, text in results},
    }


def test_a_changed_result_changes_the_page(build):
    before = build(pages(("3.12.json", record("3.12.1", "passed", 7))))
    assert before.warnings == ""
    html = before.html()
    assert "CPython 3.12.1" in html
    assert "session passed; 7 passed" in html
    assert "nox -s tests-3.12, at commit 0123456789ab" in html

    after = build(pages(("3.12.json", record("3.12.1", "failed", 6))))
    html = after.html()
    assert "session passed" not in html
    assert "session failed; 6 passed" in html
    assert 'class="failed"' in html


def test_only_interpreters_that_ran_get_a_column(build):
    built = build(pages(("3.13.json", record("3.13.0", "passed", 1))))
    html = built.html()
    assert "CPython 3.13.0" in html
    assert "CPython 3.12" not in html


def test_the_same_abi3_wheel_must_be_the_same_file(build):
    built = build(
        pages(
            ("3.12.json", record("3.12.1", "passed", 1, sha="a" * 64)),
            ("3.13.json", record("3.13.0", "passed", 1, sha="b" * 64)),
        )
    )
    assert "index.rst:4" in built.warnings
    assert "demo_py-0.1.0-cp311-abi3-linux_x86_64.whl differs between" in (
        built.warnings
    )
