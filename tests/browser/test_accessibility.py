"""Every reader, in a real browser: axe-core, the keyboard, and chart contrast.

axe-core (bundled by axe-playwright-python) checks every page of the built
site against the WCAG 2.1 A and AA rules, in light and in dark mode, and
for what scrolls sideways at phone width; a serious or critical violation
fails.  Inside code blocks, the contrast of the text is checked by this
file's own code_contrast(), element by element, instead of by axe's colour
rules, which take several times longer over thousands of highlighted
tokens; axe's other rules still run on code blocks in light mode.  The
keyboard must reach and switch the code tabs, with its focus visible.
axe has no rule for the contrast of graphics, so the benchmark charts' SVG
colours are checked here: text at least 4.5:1 and bars at least
3:1 against the page behind them.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe

DESKTOP = {"viewport": {"width": 1280, "height": 860}}
PHONE = {  # as in test_site.py
    "viewport": {"width": 390, "height": 844},
    "device_scale_factor": 2,
    "is_mobile": True,
    "has_touch": True,
}
SCHEMES = ("light", "dark")
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# Code blocks: their text's contrast is checked by code_contrast() below.
CODE = "div.highlight pre"


@dataclass(frozen=True)
class AxeRun:
    """One axe-core run: which rules, and whether code blocks are left out."""

    rules: dict
    without_code: bool = False

    def options(self) -> dict:
        return {**self.rules, "resultTypes": ["violations"]}

    def context(self) -> dict | None:
        return {"exclude": [[CODE]]} if self.without_code else None

    def violations(self, page) -> dict:
        """Run axe-core in the page, which AXE_SCRIPT loaded with it."""
        return page.evaluate(
            "([context, options]) => axe.run(context ?? document, options)",
            [self.context(), self.options()],
        )


def only(*rules: str) -> dict:
    return {"runOnly": {"type": "rule", "values": list(rules)}}


@dataclass(frozen=True)
class Audit:
    """A browser context, the axe runs in it, and whether code text is checked."""

    context: dict
    runs: tuple[AxeRun, ...]
    code_text: bool


# The rules about colour.  Inside code blocks, code_contrast() checks the
# text, and the only links are line numbers (code_links() checks that), not
# links in running text: link-in-text-block took 5 s there on a long listing.
COLOUR_RULES = AxeRun(only("color-contrast", "link-in-text-block"), without_code=True)

# The markup is the same in every mode: dark mode changes colours, so it runs
# the WCAG rules about colour; the phone's width changes what scrolls sideways.
AUDITS = {
    "light mode": Audit(
        {**DESKTOP, "color_scheme": "light"},
        (
            AxeRun(
                {
                    "runOnly": {"type": "tag", "values": WCAG_TAGS},
                    "rules": {
                        rule: {"enabled": False}
                        for rule in COLOUR_RULES.rules["runOnly"]["values"]
                    },
                }
            ),
            COLOUR_RULES,
        ),
        code_text=True,
    ),
    "dark mode": Audit(
        {**DESKTOP, "color_scheme": "dark"},
        (COLOUR_RULES,),
        code_text=True,
    ),
    "phone width": Audit(
        {**PHONE, "color_scheme": "light"},
        (AxeRun(only("scrollable-region-focusable")),),
        code_text=False,
    ),
}
BLOCKING = ("serious", "critical")
SHOWN_FAILURES = 30
# Enough presses of Tab to get past the sidebar to the first code tabs.
MAX_TABS = 200
TEXT_CONTRAST = 4.5  # WCAG 1.4.3, normal-size text
GRAPHICS_CONTRAST = 3.0  # WCAG 1.4.11, graphical objects


def site_pages(site: Path) -> list[str]:
    """Every HTML page of the site, relative to it, e.g. '_examples/a/b.rs.html'."""
    return sorted(
        path.relative_to(site).as_posix()
        for path in site.rglob("*.html")
        if path.relative_to(site).parts[0] != "_static"
    )


def selector(target: list) -> str:
    """axe's target: a CSS selector, or a list of them into shadow DOM or frames."""
    return " >> ".join(selector(t) if isinstance(t, list) else t for t in target)


@dataclass(frozen=True)
class Finding:
    """One element with a serious or critical violation on one page."""

    page: str
    rule: str
    impact: str
    help: str
    help_url: str
    selector: str
    why: str


def blocking_findings(response: dict, page_name: str) -> list[Finding]:
    findings = []
    for violation in response["violations"]:
        for node in violation["nodes"]:
            impact = node.get("impact") or violation.get("impact") or ""
            if impact not in BLOCKING:
                continue
            checks = node.get("any", []) + node.get("all", []) + node.get("none", [])
            findings.append(
                Finding(
                    page=page_name,
                    rule=violation["id"],
                    impact=impact,
                    help=violation["help"],
                    help_url=violation.get("helpUrl", ""),
                    selector=selector(node["target"]),
                    why="; ".join(check["message"] for check in checks),
                )
            )
    return findings


def report(findings: list[Finding], audit: str) -> str:
    """Each rule with its counts, then the elements, one a line, page first."""
    lines = [
        f"axe-core found {len(findings)} serious or critical WCAG 2.1 A/AA "
        f"violations in {audit}:"
    ]
    by_rule = Counter((f.rule, f.impact, f.help, f.help_url) for f in findings)
    for (rule, impact, summary, url), count in by_rule.items():
        pages = len({f.page for f in findings if f.rule == rule})
        lines.append(f"{rule} ({impact}): {summary}; {count} elements on {pages} pages")
        lines.append(f"    {url}")
    for finding in findings[:SHOWN_FAILURES]:
        lines.append(f"{finding.page}: {finding.rule} at {finding.selector}")
        lines.append(f"    {finding.why}")
    if len(findings) > SHOWN_FAILURES:
        lines.append(f"... and {len(findings) - SHOWN_FAILURES} more elements")
    return "\n".join(lines)


# Hidden tab panels (Python, Output) would escape axe: show them all.
SHOW_ALL_PANELS = """() => document
    .querySelectorAll(".sphinx-tabs-panel[hidden]")
    .forEach((panel) => panel.removeAttribute("hidden"))"""


# The pages of each audit are split into shards, so that the test runners'
# processes (pytest-xdist) share the work.
SHARDS = 8
# axe-core as axe-playwright-python bundles it.  It is loaded with every page
# (an init script), not injected again before each run: 153 s instead of
# 177 s for the three audits of every page in one process.
AXE_SCRIPT = Axe().axe_script


@pytest.mark.parametrize("shard", range(SHARDS))
@pytest.mark.parametrize("audit", AUDITS)
def test_every_page_passes_axe(open_page, site_url, site_dir, audit, shard):
    every_page = site_pages(site_dir)
    assert len(every_page) > 10, (
        f"expected the whole site in {site_dir}, found {every_page}"
    )
    pages = every_page[shard::SHARDS]
    chosen = AUDITS[audit]
    page = open_page(**chosen.context)
    page.add_init_script(AXE_SCRIPT)
    findings, low_contrast, code_link_problems = [], [], []
    for name in pages:
        page.goto(site_url + name)
        page.evaluate(SHOW_ALL_PANELS)
        for run in chosen.runs:
            findings += blocking_findings(run.violations(page), name)
        if chosen.code_text:
            low_contrast += code_contrast(page, name)
            code_link_problems += code_links(page, name)
    problems = code_link_problems[:SHOWN_FAILURES]
    if findings:
        problems.append(report(findings, audit))
    if low_contrast:
        problems.append(f"code text below WCAG contrast in {audit}:")
        problems += low_contrast[:SHOWN_FAILURES]
    if problems:
        pytest.fail("\n".join(problems), pytrace=False)


# An image without a text alternative, faint text, and a scrolling box that
# the keyboard cannot reach: something for every axe run above to find.
BREAK_THE_PAGE = """() => {
    const main = document.querySelector("main") || document.body;
    main.insertAdjacentHTML("afterbegin", `
        <img src="_static/file.png">
        <p style="color: #8a8a8a; background: #949494">faint text</p>
        <div style="overflow: scroll; height: 2em">
            <p>${"long ".repeat(400)}</p>
        </div>`);
}"""


@pytest.mark.parametrize("audit", AUDITS)
def test_every_axe_run_reports_a_broken_page(open_page, site_url, audit):
    """axe-core, loaded with the page, does run, and finds what is wrong."""
    chosen = AUDITS[audit]
    page = open_page(**chosen.context)
    page.add_init_script(AXE_SCRIPT)
    page.goto(site_url + "index.html")
    for run in chosen.runs:
        assert blocking_findings(run.violations(page), "index.html") == [], (
            f"index.html passes {audit} as built"
        )
    page.evaluate(BREAK_THE_PAGE)
    for run in chosen.runs:
        found = {f.rule for f in blocking_findings(run.violations(page), "x")}
        assert found, f"{audit}: axe found nothing with {run.options()}"
        assert found <= {"image-alt", "color-contrast", "scrollable-region-focusable"}


# --- The text of code blocks -------------------------------------------------

# Every element of a code block that holds text itself, with its colour, the
# background colours from it up to <html>, and its opacity with its
# ancestors'.  Elements that look alike are reported once per page.
CODE_TEXT = """(code) => {
    const seen = new Map();
    for (const pre of document.querySelectorAll(code)) {
        for (const element of [pre, ...pre.querySelectorAll("*")]) {
            const holdsText = Array.from(element.childNodes).some(
                (node) => node.nodeType === Node.TEXT_NODE && node.textContent.trim());
            if (!holdsText || !element.getClientRects().length) continue;
            const backgrounds = [];
            let opacity = 1;
            for (let e = element; e; e = e.parentElement) {
                const style = getComputedStyle(e);
                backgrounds.push(style.backgroundColor);
                opacity *= parseFloat(style.opacity);
            }
            const color = getComputedStyle(element).color;
            const key = [color, opacity, ...backgrounds].join("|");
            if (!seen.has(key)) {
                const classes = Array.from(element.classList).map((c) => "." + c);
                seen.set(key, {
                    element: element.tagName.toLowerCase() + classes.join(""),
                    text: element.textContent.trim().slice(0, 30),
                    color, backgrounds, opacity,
                });
            }
        }
    }
    return Array.from(seen.values());
}"""


def code_contrast(page, name: str) -> list[str]:
    """Code text on this page below 4.5:1 against what is behind it."""
    failures = []
    for found in page.evaluate(CODE_TEXT, CODE):
        behind = composite(found["backgrounds"])
        *rgb_text, alpha = parse_color(found["color"])
        text = composite(
            [f"rgba({', '.join(map(str, rgb_text))}, {alpha * found['opacity']})"],
            behind,
        )
        ratio = contrast(text, behind)
        if ratio < TEXT_CONTRAST:
            failures.append(
                f"{name}: {found['element']} ({found['text']!r}) "
                f"{found['color']} on {rgb(behind)} is {ratio:.2f}:1, "
                f"needs {TEXT_CONTRAST:g}:1"
            )
    return failures


# Links inside code blocks other than the line numbers' own anchors.
OTHER_CODE_LINKS = """(code) => Array.from(document.querySelectorAll(code + " a"))
    .filter((a) => !/^L-\\d+$/.test(a.id) && !/^#L-\\d+$/.test(a.getAttribute("href")))
    .map((a) => a.outerHTML.slice(0, 80))"""


def code_links(page, name: str) -> list[str]:
    """Links in code blocks that axe's link-in-text-block would not see."""
    return [
        f"{name}: a link inside a code block, which the colour rules leave out: "
        f"{link} (only line numbers may link there)"
        for link in page.evaluate(OTHER_CODE_LINKS, CODE)
    ]


def test_code_links_sees_a_link_in_code(open_page, site_url):
    page = open_page(**DESKTOP)
    page.goto(site_url + "_examples/Cargo.toml.html")
    assert page.locator(f"{CODE} a[href^='#L-']").count(), "no line number links"
    assert code_links(page, "Cargo.toml") == [], "the page passes as built"
    page.evaluate(
        """(code) => document.querySelector(code)
            .insertAdjacentHTML("beforeend", '<a href="index.html">home</a>')""",
        CODE,
    )
    assert any("index.html" in problem for problem in code_links(page, "x"))


def test_code_contrast_sees_faint_code_text(open_page, site_url):
    """The check that stands in for axe's inside code blocks does fail."""
    page = open_page(**DESKTOP, color_scheme="dark")
    page.goto(site_url + "_examples/Cargo.toml.html")
    assert code_contrast(page, "Cargo.toml") == [], "the page passes as built"
    page.add_style_tag(content="div.highlight pre .c1 { color: #3a3a3a !important; }")
    failures = code_contrast(page, "Cargo.toml")
    assert failures, "a comment colour near the dark background went unnoticed"
    assert all("span.c1" in failure for failure in failures), failures
    page.add_style_tag(content=".highlight .linenos { opacity: 0.3; }")
    assert any("span.linenos" in failure for failure in code_contrast(page, "x"))


# --- The keyboard -----------------------------------------------------------

FOCUSED = """() => {
    const element = document.activeElement;
    const style = getComputedStyle(element);
    const panel = element.closest('[role="tabpanel"]');
    return {
        tag: element.tagName.toLowerCase(),
        id: element.id,
        role: element.getAttribute("role"),
        label: element.textContent.trim().slice(0, 40),
        panelOf: panel ? panel.getAttribute("aria-labelledby") : null,
        outline: style.outlineStyle === "none" || parseFloat(style.outlineWidth) <= 0
            ? "none" : `${style.outlineStyle} ${style.outlineWidth}`,
        shadow: style.boxShadow,
    };
}"""


def focused(page) -> dict:
    return page.evaluate(FOCUSED)


def assert_focus_visible(element: dict) -> None:
    assert element["outline"] != "none" or element["shadow"] != "none", (
        f"the focused <{element['tag']}> {element['label']!r} has no visible "
        "focus: no outline and no box-shadow"
    )


def tab_set(tab_id: str) -> str:
    """sphinx-tabs ids are 'tab-<set>-<name>': the set's number."""
    return tab_id.split("-")[1]


def test_keyboard_moves_between_code_tabs_with_visible_focus(open_page, site_url):
    page = open_page(**DESKTOP)
    page.goto(site_url + "module-template.html")
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        if focused(page)["role"] == "tab":
            break
    else:
        pytest.fail(f"{MAX_TABS} presses of Tab never reached a code tab")
    first = focused(page)
    assert first["label"] == "Rust", "Tab lands on the selected tab first"
    assert_focus_visible(first)

    steps = [
        ("ArrowRight", "Python"),
        ("ArrowRight", "Output"),
        ("ArrowRight", "Rust"),  # wraps around
        ("ArrowLeft", "Output"),
        ("ArrowLeft", "Python"),
    ]
    for key, label in steps:
        page.keyboard.press(key)
        now = focused(page)
        assert (now["role"], now["label"]) == ("tab", label), f"after {key}"
        assert tab_set(now["id"]) == tab_set(first["id"]), "focus left the tab set"
        assert_focus_visible(now)

    page.keyboard.press("Enter")
    python = page.locator(f'[id="{focused(page)["id"]}"]')
    assert python.get_attribute("aria-selected") == "true", "Enter selects the tab"
    page.keyboard.press("ArrowRight")
    page.keyboard.press("Space")
    output = focused(page)
    assert page.locator(f'[id="{output["id"]}"]').get_attribute("aria-selected") == (
        "true"
    ), "Space selects the tab"
    panel = page.locator(f'[aria-labelledby="{output["id"]}"]')
    assert panel.is_visible()

    # Tab goes on into the chosen panel, past its caption's link, and into
    # its code, which may scroll sideways.
    page.keyboard.press("Tab")
    inside = focused(page)
    assert (inside["role"], inside["panelOf"]) == ("tabpanel", output["id"])
    assert_focus_visible(inside)
    for _ in range(3):
        page.keyboard.press("Tab")
        inside = focused(page)
        assert inside["panelOf"] == output["id"], "Tab left the panel before its code"
        assert_focus_visible(inside)
        if inside["tag"] == "pre":
            break
    else:
        pytest.fail("Tab does not reach the code in the panel")


# --- Contrast of the benchmark charts ---------------------------------------

COLOR = re.compile(
    r"rgba?\(([\d.]+),?\s*([\d.]+),?\s*([\d.]+)(?:\s*[,/]\s*([\d.]+))?\)"
)

# For each chart: its text and bars with their computed fill, and every
# background colour from the chart up to <html>, innermost first.
CHART_COLOURS = """(chart) => {
    const backgrounds = [];
    for (let element = chart.parentElement; element; element = element.parentElement) {
        backgrounds.push(getComputedStyle(element).backgroundColor);
    }
    const marks = Array.from(chart.querySelectorAll("text, rect")).map((mark) => ({
        kind: mark.tagName,
        text: mark.textContent.trim(),
        fill: getComputedStyle(mark).fill,
    }));
    return {label: chart.getAttribute("aria-label"), backgrounds, marks};
}"""


def parse_color(text: str) -> tuple[float, float, float, float]:
    """'rgb(r, g, b)' or 'rgba(r, g, b, a)', as computed styles give them."""
    match = COLOR.fullmatch(text.strip())
    if not match:
        raise ValueError(f"not an rgb() colour: {text!r}")
    red, green, blue, alpha = match.groups()
    return float(red), float(green), float(blue), float(alpha or 1)


WHITE = (255.0, 255.0, 255.0)


def composite(
    layers: list[str], canvas: tuple[float, ...] = WHITE
) -> tuple[float, ...]:
    """The colour seen through ``layers`` (innermost first) over ``canvas``."""
    seen = canvas
    for layer in reversed(layers):
        *rgb, alpha = parse_color(layer)
        seen = tuple(
            a * alpha + b * (1 - alpha) for a, b in zip(rgb, seen, strict=True)
        )
    return seen


def rgb(color: tuple[float, ...]) -> str:
    return "rgb({}, {}, {})".format(*(round(channel) for channel in color[:3]))


def relative_luminance(rgb: tuple[float, ...]) -> float:
    """WCAG 2.1's relative luminance of an sRGB colour with 0-255 channels."""

    def linear(channel: float) -> float:
        c = channel / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    red, green, blue = (linear(c) for c in rgb[:3])
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast(one: tuple[float, ...], other: tuple[float, ...]) -> float:
    lighter, darker = sorted(
        (relative_luminance(one), relative_luminance(other)), reverse=True
    )
    return (lighter + 0.05) / (darker + 0.05)


def test_contrast_formula_matches_wcag():
    black, white = (0, 0, 0), (255, 255, 255)
    assert contrast(black, white) == pytest.approx(21)
    assert contrast(white, white) == pytest.approx(1)
    assert contrast((0x77, 0x77, 0x77), white) == pytest.approx(4.48, abs=0.01)
    assert composite(["rgba(0, 0, 0, 0)", "rgb(19, 20, 22)"]) == (19, 20, 22)
    assert composite(["rgba(0, 0, 0, 0.5)"]) == (127.5, 127.5, 127.5)


@pytest.mark.parametrize("scheme", SCHEMES)
def test_benchmark_charts_have_enough_contrast(open_page, site_url, site_dir, scheme):
    pages = sorted(
        path.name
        for path in site_dir.glob("*.html")
        if 'class="bench-chart"' in path.read_text(encoding="utf-8")
    )
    assert pages, "no page shows a benchmark chart"
    page = open_page(**DESKTOP, color_scheme=scheme)
    failures = []
    for name in pages:
        page.goto(site_url + name)
        body = composite(
            [page.evaluate("getComputedStyle(document.body).backgroundColor")]
        )
        dark = relative_luminance(body) < 0.2
        assert dark == (scheme == "dark"), f"{name} is not in {scheme} mode"
        charts = page.locator("svg.bench-chart")
        assert charts.count(), f"{name}: no chart in the browser"
        for chart in charts.all():
            found = chart.evaluate(CHART_COLOURS)
            behind = composite(found["backgrounds"])
            for mark in found["marks"]:
                is_text = mark["kind"] == "text"
                needed = TEXT_CONTRAST if is_text else GRAPHICS_CONTRAST
                ratio = contrast(composite([mark["fill"]], behind), behind)
                if ratio < needed:
                    what = f"text {mark['text']!r}" if is_text else "bar"
                    failures.append(
                        f"{name}, chart {found['label']!r}: {what} {mark['fill']} "
                        f"on {rgb(behind)} is {ratio:.2f}:1, needs {needed:g}:1"
                    )
    if failures:
        unique = list(dict.fromkeys(failures))  # every bar of a chart is alike
        pytest.fail(
            f"benchmark chart colours below WCAG contrast in {scheme} mode:\n"
            + "\n".join(unique),
            pytrace=False,
        )
