"""Serve the built site on 127.0.0.1 and drive Debian's Chromium over it.

The site is read from ``$GUIDE_BUILD_DIR/html`` (``build/html`` by default):
``nox -s tests`` builds it first.  Chromium is Debian's package
(``apt-get install chromium``), driven by the playwright release built for
its version; a missing browser or site is an error, never a skip.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest

ROOT = Path(__file__).resolve().parents[2]
BUILD_DIR = Path(os.environ.get("GUIDE_BUILD_DIR", ROOT / "build"))
SITE = BUILD_DIR / "html"
SCREENSHOTS = BUILD_DIR / "screenshots"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

# nox -s tests sets this to 0 when it has not built the site for this run.
if os.environ.get("GUIDE_BROWSER_TESTS") == "0":
    collect_ignore_glob = ["test_*.py"]


def chromium_path() -> str:
    found = os.environ.get("GUIDE_CHROMIUM") or shutil.which("chromium")
    if not found:
        pytest.fail(
            "the browser tests need Debian's Chromium: run "
            "`apt-get update && apt-get install -y chromium` (as root), or set "
            "GUIDE_CHROMIUM to a Chromium 156 executable",
            pytrace=False,
        )
    return found


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    # Example sources are shown as text, whatever the system's MIME table says.
    extensions_map = {  # noqa: RUF012 (the base class defines it as a dict)
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".rs": "text/plain; charset=utf-8",
        ".pycon": "text/plain; charset=utf-8",
        ".toml": "text/plain; charset=utf-8",
        ".pyi": "text/plain; charset=utf-8",
        ".js": "text/javascript",
    }

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="session")
def site_dir() -> Path:
    return SITE


@pytest.fixture(scope="session")
def screenshots_dir() -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS


@pytest.fixture(scope="session")
def site_url() -> Iterator[str]:
    if not (SITE / "index.html").is_file():
        pytest.fail(
            f"no built site in {SITE}: run `nox -s tests` (it builds the site "
            "first) or `nox -s docs`",
            pytrace=False,
        )
    handler = functools.partial(QuietHandler, directory=str(SITE))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


# Per module, not per session: Playwright's sync API leaves its event loop
# set as running in the thread, and asyncio.run() refuses to start under it,
# so a test process must be rid of it before it runs the async examples.
@pytest.fixture(scope="module")
def browser():
    executable = chromium_path()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=executable, args=CHROMIUM_ARGS, headless=True
        )
        yield browser
        browser.close()


@dataclass
class Traffic:
    """What a page did that it should not: each list must stay empty."""

    origin: str
    console_errors: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    outside: list[str] = field(default_factory=list)

    def problems(self) -> list[str]:
        return (
            [f"console: {m}" for m in self.console_errors]
            + [f"failed request: {u}" for u in self.failed]
            + [f"request outside the site: {u}" for u in self.outside]
        )


@pytest.fixture
def open_page(browser, site_url):
    """open_page(**context_options) -> a new page; its traffic is checked after."""
    contexts = []
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(site_url))
    traffic = Traffic(origin)

    def watch(page) -> None:
        page.on(
            "console",
            lambda m: m.type == "error" and traffic.console_errors.append(m.text),
        )
        page.on("pageerror", lambda e: traffic.console_errors.append(str(e)))
        page.on("requestfailed", lambda r: traffic.failed.append(r.url))
        page.on(
            "response",
            lambda r: r.status >= 400 and traffic.failed.append(f"{r.status} {r.url}"),
        )

    def route(route) -> None:
        url = route.request.url
        if url.startswith(origin + "/") or url.startswith("data:"):
            route.continue_()
        else:
            traffic.outside.append(url)
            route.abort()

    def make(**options):
        context = browser.new_context(**options)
        context.grant_permissions(["clipboard-read", "clipboard-write"], origin=origin)
        context.route("**/*", route)
        contexts.append(context)
        page = context.new_page()
        watch(page)
        return page

    yield make
    for context in contexts:
        context.close()
    assert traffic.problems() == []
