"""The built site in a real browser: tabs, copy buttons, search, layout.

Every test also fails if the page logs a console error, a request fails, or
anything is requested from outside the site (see ``open_page``).
"""

from __future__ import annotations

import doctest
import re
from pathlib import Path

import pytest

from examples_model.regions import ExampleFile

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
DESKTOP = {"viewport": {"width": 1280, "height": 860}}
PHONE = {
    "viewport": {"width": 390, "height": 844},
    "device_scale_factor": 2,
    "is_mobile": True,
    "has_touch": True,
}
TABS = ("Rust", "Python", "Output")


def pages_with_tab_sets(site: Path) -> list[tuple[int, str]]:
    """(number of Rust/Python/Output tab sets, page) for every page, most first."""
    found = []
    for path in site.glob("*.html"):
        count = len(re.findall(r'role="tablist"', path.read_text(encoding="utf-8")))
        rust = path.read_text(encoding="utf-8").count(">Rust</button>")
        if rust:
            found.append((min(count, rust), path.name))
    return sorted(found, reverse=True)


def selected(page, label: str) -> list[bool]:
    """For each tab set offering ``label``: is that tab the selected one?"""
    return page.eval_on_selector_all(
        ".sphinx-tabs-tab.group-tab",
        """(tabs, label) => tabs
            .filter((tab) => tab.textContent.trim() === label)
            .map((tab) => tab.getAttribute("aria-selected") === "true")""",
        label,
    )


def tab(page, label: str, index: int = 0):
    return page.locator(".sphinx-tabs-tab.group-tab", has_text=label).nth(index)


def panel_selector(page, label: str, index: int = 0) -> str:
    """The panel of a tab; sphinx-tabs ids contain "=", so no "#id"."""
    return f'[id="{tab(page, label, index).get_attribute("aria-controls")}"]'


def test_group_tabs_switch_sync_and_persist_across_pages(open_page, site_url, site_dir):
    pages = pages_with_tab_sets(site_dir)
    assert len(pages) >= 2, f"need two pages with example tabs, found {pages}"
    (sets, first), (_, second) = pages[0], pages[1]
    page = open_page(**DESKTOP)
    page.goto(site_url + first)
    assert all(selected(page, "Rust")), "Rust is the default tab"

    tab(page, "Python").click()
    panel = page.locator(panel_selector(page, "Python"))
    assert panel.is_visible()
    assert panel.inner_text().strip(), "the Python tab shows code"
    # Every tab set on the page follows the choice.
    assert selected(page, "Python") == [True] * sets

    page.goto(site_url + second)
    assert all(selected(page, "Python")), "the choice persists on the next page"
    tab(page, "Output").click()
    page.goto(site_url + first)
    assert selected(page, "Output") == [True] * sets


def test_build_tool_choice_does_not_forget_the_language_choice(
    open_page, site_url, site_dir
):
    pages = sorted(
        path.name
        for path in site_dir.glob("*.html")
        if ">maturin</button>" in path.read_text(encoding="utf-8")
    )
    assert len(pages) >= 2, f"need two pages with build-tool tabs, found {pages}"
    with_code = pages_with_tab_sets(site_dir)[0][1]
    page = open_page(**DESKTOP)
    page.goto(site_url + with_code)
    tab(page, "Output").click()
    page.goto(site_url + pages[0])
    tab(page, "setuptools-rust").click()
    page.goto(site_url + with_code)
    assert all(selected(page, "Output"))
    for other in pages:
        page.goto(site_url + other)
        assert selected(page, "setuptools-rust"), f"{other}: no build-tool tabs"
        assert all(selected(page, "setuptools-rust")), f"{other} forgot the tool"


def copied(page, block) -> str:
    block.hover()
    block.locator("button.copybtn").click()
    return page.evaluate("navigator.clipboard.readText()")


def test_copy_button_copies_code_without_prompts_or_output(
    open_page, site_url, site_dir
):
    page = open_page(**DESKTOP)
    page.goto(site_url + "module-template.html")
    session = ExampleFile.read(EXAMPLES / "module-template" / "session.pycon")
    transcript = session.text("use")
    typed = "".join(e.source for e in doctest.DocTestParser().get_examples(transcript))

    tab(page, "Output").click()
    output_panel = panel_selector(page, "Output")
    block = page.locator(f"{output_panel} div.highlight").first
    assert ">>> " in block.inner_text(), "the Output tab shows the session"
    text = copied(page, block)
    assert text.rstrip("\n") == typed.rstrip("\n")
    assert ">>>" not in text
    assert "((1, 4, 2), '1.4.2')" not in text  # an output line

    tab(page, "Rust").click()
    rust_panel = panel_selector(page, "Rust")
    rust = ExampleFile.read(EXAMPLES / "module-template" / "src" / "lib.rs")
    block = page.locator(f"{rust_panel} div.highlight").first
    assert copied(page, block).rstrip("\n") == rust.text("module").rstrip("\n")


def test_search_finds_a_function_name(open_page, site_url, site_dir):
    page = open_page(**DESKTOP)
    page.goto(site_url + "search.html?q=most_common")
    hits = page.locator("#search-results ul.search li a")
    hits.first.wait_for(timeout=10_000)
    assert any(
        "project-structure" in href
        for href in hits.evaluate_all(
            "(links) => links.map((a) => a.getAttribute('href'))"
        )
    )


def test_caption_links_to_the_example_file(open_page, site_url, site_dir):
    page = open_page(**DESKTOP)
    page.goto(site_url + "module-template.html")
    link = page.locator("a.example-source-link", has_text="src/lib.rs").first
    link.click()
    page.wait_for_load_state()
    assert page.url.endswith("_examples/module-template/src/lib.rs.html#L-5")
    assert page.locator("#L-5").count() == 1
    assert "#[pyo3::pymodule]" in page.locator(".example-source").inner_text()
    page.locator("a", has_text="Plain text").click()
    raw = (EXAMPLES / "module-template" / "src" / "lib.rs").read_text()
    assert page.locator("body").inner_text().strip() == raw.strip()


@pytest.mark.parametrize(
    ("name", "options"),
    [("desktop", DESKTOP), ("phone", PHONE), ("dark", DESKTOP)],
)
def test_screenshots_and_layout(open_page, site_url, screenshots_dir, name, options):
    pages = ["module-template", "project-structure"]
    page = open_page(**options, color_scheme="dark" if name == "dark" else "light")
    for stem in pages:
        page.goto(site_url + stem + ".html")
        # Nothing may widen the page: code scrolls inside its own block.
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - window.innerWidth"
        )
        assert overflow <= 0, f"{stem}.html is {overflow}px wider than the screen"
        page.screenshot(path=screenshots_dir / f"{stem}-{name}.png")
        tabs = page.locator(".sphinx-tabs").first
        tabs.evaluate(
            """(element) => {
                element.scrollIntoView({block: "start", behavior: "instant"});
                window.scrollBy({top: -120, behavior: "instant"});
            }"""
        )
        page.screenshot(path=screenshots_dir / f"{stem}-{name}-tabs.png")
