"""Names in a page's prose must exist in the code the page shows.

A paragraph that says ``count_primes_attached`` claims that there is such a
function.  When the function is renamed in the example, its session and its
tests, the sentence goes on naming something that no longer exists.  This
extension fails the build there, with the page and the line.

Which literals are names
    Every inline literal of a page's own text is read (````x```` in reST,
    `` `x` `` in MyST; not the literals a directive generates from an example,
    which carry ``example_path``).  It is checked if it is *shaped like a
    name*: parts of letters, digits and ``_`` joined by ``.`` or ``::``,
    optionally followed by ``()`` or ``!`` (``scale_all``, ``Ticker.tick()``,
    ``PyBytes::new``, ``create_exception!``).  Anything else is code, a type,
    a command, a path or a value (``&[u8]``, ``#[pyclass]``, ``nox -s docs``,
    ``[Errno 2]``) and is not checked; nor is a file name, a dotted name whose
    last part is one of ``FILE_SUFFIXES`` (``hashing.py``, ``Cargo.toml``).

Where a name may come from
    Each part of the name must be one of:

    1. a name in a file the page includes (``example``, ``example-tabs``,
       ``example-tree``, ``try-example``; the whole file, not only the
       regions shown; for a folder, its tree and its ``Cargo.toml``), or in
       a file included by a page that it links to with ``:doc:``, since the
       link sends the reader to where the name is shown.  A literal that
       starts or ends with ``_`` may also be the end or the start of such a
       name: a suffix or prefix (``_rs``, ``set_``);
    2. a Python name: a keyword, a builtin or an attribute of one
       (``__init__``, ``append``) or a standard library module.  A dotted name
       that starts with a standard library module or a builtin is looked up
       whole, by importing that module (``os.fspath``, ``object.__init__``);
    3. a name in the code of the crates the examples build with: every
       package that ``cargo metadata`` resolves for ``prose_names_manifest``
       (the examples' workspace), read from Cargo's registry: the Rust code
       with comments removed, and the code spans of the Markdown (PyO3's
       guide and changelog).  This covers PyO3 and the parts of Rust's
       standard library that it and the other crates use (``Arc``,
       ``PathBuf``), at exactly the versions in ``Cargo.lock``.

    A name from code that this project does not build, such as the source
    material's own functions, NumPy's or Tokio's, or an older release of a
    dependency, is written with the ``foreign`` role (``:foreign:`read_file```).
    It looks like a literal and is not looked up, but a name that the rule
    above finds must not be written so: it is a plain literal, so that the
    check covers it.

What this cannot catch: a renamed function whose old name is still found
elsewhere, such as a common word that PyO3 or Python also use (``parse``,
``count``).  Distinctive names, which most example functions have, are
caught.

The check runs once all pages are read, on every build (``env-updated``),
so a failure stays until it is fixed.  It is cheap: the names of the
registry's crates are cached in the doctree folder, keyed by ``Cargo.lock``,
so ``cargo metadata`` runs only when the lock file changes.  The pure logic
sits above the ``Sphinx glue`` line.
"""

from __future__ import annotations

import builtins
import contextlib
import functools
import hashlib
import importlib
import json
import keyword
import re
import subprocess
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from docutils import nodes
from example_include import PageCollector, examples_root, shown_blocks, tree_lines
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.environment import BuildEnvironment
from sphinx.util import docname_join, logging
from sphinx.util.docutils import SphinxRole

logger = logging.getLogger(__name__)

NAME = re.compile(r"[A-Za-z_]\w*(?:(?:\.|::)[A-Za-z_]\w*)*(?:\(\)|!)?", re.ASCII)
IDENTIFIER = re.compile(r"[A-Za-z_]\w*", re.ASCII)
PART_SEPARATOR = re.compile(r"\.|::")
# The suffixes of the files the pages name: a dotted literal ending in one is
# a file name, not a name in code.
FILE_SUFFIXES = frozenset(
    {"py", "pyi", "pycon", "rs", "toml", "lock", "md", "rst", "json", "txt"}
    | {"so", "whl", "typed", "cfg", "yaml", "yml", "html"}
)
RUST_COMMENT = re.compile(r"//[^\n]*|/\*.*?\*/", re.DOTALL)
# A fenced block's code (not its info string), or a code span.
MARKDOWN_CODE = re.compile(r"```[^\n]*\n(.*?)```|`([^`\n]+)`", re.DOTALL)
FOREIGN_CLASS = "foreign-name"


def name_parts(text: str) -> list[str] | None:
    """The parts of a name-shaped literal, or None if it is not a name."""
    if not NAME.fullmatch(text):
        return None
    parts = PART_SEPARATOR.split(text.removesuffix("()").removesuffix("!"))
    if len(parts) > 1 and parts[-1] in FILE_SUFFIXES:
        return None
    return parts


def identifiers(text: str) -> set[str]:
    return set(IDENTIFIER.findall(text))


def rust_code_names(source: str) -> set[str]:
    """The identifiers of Rust code, comments left out."""
    return identifiers(RUST_COMMENT.sub(" ", source))


def markdown_code_names(text: str) -> set[str]:
    """The identifiers inside Markdown code spans and fenced blocks."""
    return identifiers(
        "\n".join(block + span for block, span in MARKDOWN_CODE.findall(text))
    )


@functools.cache
def builtin_attributes() -> frozenset[str]:
    found: set[str] = set()
    for name in dir(builtins):
        found.update(dir(getattr(builtins, name)))
    return frozenset(found)


def python_name(part: str) -> bool:
    """A keyword, builtin, attribute of a builtin or standard library module."""
    return (
        keyword.iskeyword(part)
        or keyword.issoftkeyword(part)
        or hasattr(builtins, part)
        or part in sys.stdlib_module_names
        or part in builtin_attributes()
    )


@functools.cache
def python_resolves(parts: tuple[str, ...]) -> bool:
    """Whether a dotted name is a builtin's or standard module's attribute.

    Only a standard library module is imported, and only the one the name
    starts with (or its submodules, such as ``importlib.metadata``).
    """
    head = parts[0]
    if hasattr(builtins, head):
        found: object = getattr(builtins, head)
    elif head in sys.stdlib_module_names:
        try:
            found = importlib.import_module(head)
        except ImportError:  # a module this platform lacks
            return False
    else:
        return False
    for index, part in enumerate(parts[1:], start=2):
        if hasattr(found, part):
            found = getattr(found, part)
            continue
        try:
            found = importlib.import_module(".".join(parts[:index]))
        except ImportError:  # not a submodule either
            return False
    return True


@dataclass(frozen=True)
class Known:
    """Where the parts of a name may come from, for one page."""

    page: frozenset[str]  # the names in its files and its linked pages' files
    crates: frozenset[str]  # the names in the code of the examples' crates

    def source(self, parts: list[str]) -> str | None:
        """Where a whole name is known from, or None if some part is not."""
        if len(parts) > 1 and python_resolves(tuple(parts)):
            return "Python"
        sources = [self.part_source(part) for part in parts]
        if None in sources:
            if len(parts) == 1 and self.is_affix(parts[0]):
                return "the page's examples"
            return None
        return ", ".join(dict.fromkeys(s for s in sources if s))

    def is_affix(self, text: str) -> bool:
        """``_rs`` or ``set_``: the end or start of a name the page shows."""
        if text.startswith("_"):
            return any(name.endswith(text) and name != text for name in self.page)
        if text.endswith("_"):
            return any(name.startswith(text) and name != text for name in self.page)
        return False

    def part_source(self, part: str) -> str | None:
        if part in self.page:
            return "the page's examples"
        if python_name(part):
            return "Python"
        if part in self.crates:
            return "the examples' crates"
        return None

    def unknown(self, parts: list[str]) -> list[str]:
        if self.source(parts) is not None:
            return []
        return [part for part in parts if self.part_source(part) is None]


# --- the crates the examples build with -------------------------------------


class CratesError(Exception):
    pass


def crate_folders(manifest: Path) -> list[tuple[str, Path]]:
    """(library name, source folder) of every non-workspace package resolved."""
    try:
        result = subprocess.run(
            [
                "cargo",
                "metadata",
                "--format-version",
                "1",
                "--frozen",
                "--manifest-path",
                str(manifest),
            ],
            capture_output=True,
            text=True,
            check=False,
        )
    except OSError as error:
        raise CratesError(f"cannot run cargo metadata: {error}") from None
    if result.returncode != 0:
        raise CratesError(
            f"cargo metadata --frozen --manifest-path {manifest} failed:\n"
            f"{result.stderr.strip()}"
        )
    metadata = json.loads(result.stdout)
    members = set(metadata["workspace_members"])
    return sorted(
        (package["name"].replace("-", "_"), Path(package["manifest_path"]).parent)
        for package in metadata["packages"]
        if package["id"] not in members
    )


def crate_names(folder: Path) -> set[str]:
    """The names in one crate's code: ``src/`` and ``build.rs``, and its Markdown."""
    found: set[str] = set()
    for path in [*folder.glob("src/**/*.rs"), *folder.glob("build.rs")]:
        found |= rust_code_names(path.read_text(encoding="utf-8", errors="replace"))
    for path in folder.rglob("*.md"):
        found |= markdown_code_names(path.read_text(encoding="utf-8", errors="replace"))
    return found


def load_crate_names(manifest: Path, cache: Path) -> frozenset[str]:
    """Every crate's names, from the cache while ``Cargo.lock`` is unchanged."""
    lock = manifest.with_name("Cargo.lock")
    try:
        key = hashlib.sha256(manifest.read_bytes() + lock.read_bytes()).hexdigest()
    except OSError as error:
        raise CratesError(f"cannot read the examples' lock file: {error}") from None
    try:
        cached = json.loads(cache.read_text(encoding="utf-8"))
        if cached["key"] == key:
            return frozenset(cached["names"])
    except (OSError, ValueError, KeyError, TypeError):
        pass
    names: set[str] = set()
    for library, folder in crate_folders(manifest):
        names.add(library)
        names |= crate_names(folder)
    cache.parent.mkdir(parents=True, exist_ok=True)
    cache.write_text(json.dumps({"key": key, "names": sorted(names)}), "utf-8")
    return frozenset(names)


# --- where a literal is -----------------------------------------------------


def literal_lines(lines: list[str], literals: Iterable[tuple[str, int]]) -> list[int]:
    """The line of each literal, given the first line of the block it is in.

    Docutils and MyST give an inline literal the line of its paragraph (or
    term, or cell) at best.  Each literal is looked for from there on, and an
    occurrence is not given to two literals.
    """
    taken: set[tuple[int, int]] = set()
    found = []
    for text, start in literals:
        line = start
        for number in range(max(start, 1), len(lines) + 1):
            column = lines[number - 1].find(text)
            while column != -1 and (number, column) in taken:
                column = lines[number - 1].find(text, column + 1)
            if column != -1:
                taken.add((number, column))
                line = number
                break
        found.append(line)
    return found


# --- Sphinx glue -------------------------------------------------------------


@dataclass(frozen=True)
class Literal:
    text: str
    line: int
    foreign: bool


def page_data(env: BuildEnvironment) -> dict[str, dict[str, Any]]:
    """docname -> {"literals": [Literal], "links": [docname]}."""
    return ProseNamesCollector.of(env)


def block_line(node: nodes.Node) -> int:
    while node is not None:
        if node.line:
            return node.line
        node = node.parent
    return 0


class ForeignRole(SphinxRole):
    """A name from code outside this project: shown as a literal, not looked up."""

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        node = nodes.literal(self.rawtext, self.text, classes=[FOREIGN_CLASS])
        if name_parts(self.text) is None:
            message = self.inliner.reporter.warning(
                f":foreign:`{self.text}` is not a name: write it as a plain literal",
                line=self.lineno,
            )
            return [node], [message]
        return [node], []


class ProseNamesCollector(PageCollector):
    """Each page's name-shaped literals and the pages it links to."""

    attribute = "prose_names"

    def process_doc(self, app: Sphinx, doctree: nodes.document) -> None:
        env = app.env
        shown = [
            literal
            for literal in doctree.findall(nodes.literal)
            if not literal.get("example_path")
            and name_parts(literal.astext()) is not None
        ]
        source = env.doc2path(env.docname)
        lines = Path(source).read_text(encoding="utf-8").splitlines()
        # A reST literal's raw source has its backticks (or role), which
        # tells it from the same word in plain text; MyST's has none.
        numbers = literal_lines(
            lines,
            (
                (literal.rawsource or literal.astext(), block_line(literal))
                for literal in shown
            ),
        )
        links = {
            docname_join(xref["refdoc"], xref["reftarget"])
            for xref in doctree.findall(addnodes.pending_xref)
            if xref.get("refdomain") == "std" and xref.get("reftype") == "doc"
        }
        self.of(env)[env.docname] = {
            "literals": [
                Literal(literal.astext(), line, FOREIGN_CLASS in literal["classes"])
                for literal, line in zip(shown, numbers, strict=True)
            ],
            "links": sorted(links),
        }


def check_names(app: Sphinx, env: BuildEnvironment) -> None:
    """Report every name in prose that no source of names knows."""
    data = page_data(env)
    if not data:
        return
    crates: frozenset[str] = frozenset()
    manifest = env.config.prose_names_manifest
    if manifest:
        cache = Path(app.doctreedir) / "prose-names-crates.json"
        try:
            crates = load_crate_names(Path(manifest), cache)
        except CratesError as error:
            logger.warning(str(error), type="prose", subtype="crates")
    root = examples_root(env)

    @functools.cache
    def names_in(path: str) -> frozenset[str]:
        """The names a page shows by including ``path`` (a file or a folder)."""
        target = root / path
        if path.endswith("/"):
            # The tree example-tree draws, and the module try-example names.
            text = "\n".join(tree_lines(target))
            target = target / "Cargo.toml"
        else:
            text = target.name
        with contextlib.suppress(OSError, UnicodeDecodeError):
            text += "\n" + target.read_text(encoding="utf-8")
        return frozenset(identifiers(text))

    def names_of(docname: str) -> set[str]:
        found: set[str] = set()
        for include in shown_blocks(env).get(docname, []):
            found |= names_in(include["path"])
        return found

    for docname, page in sorted(data.items()):
        page_names = names_of(docname)
        for linked in page["links"]:
            page_names |= names_of(linked)
        known = Known(frozenset(page_names), crates)
        for literal in page["literals"]:
            report(literal, known, docname)


def report(literal: Literal, known: Known, docname: str) -> None:
    parts = name_parts(literal.text) or []
    where = (docname, literal.line)
    if literal.foreign:
        source = known.source(parts)
        if source is not None:
            logger.warning(
                f":foreign:`{literal.text}` is a name of {source}: write it as a "
                "plain literal, so that the build checks it",
                location=where,
                type="prose",
                subtype="foreign",
            )
        return
    unknown = known.unknown(parts)
    if not unknown:
        return
    missing = "" if unknown == parts else f" ({', '.join(unknown)})"
    logger.warning(
        f"``{literal.text}``{missing} is not a name in the examples this page "
        "includes, in Python or in the examples' crates: fix the prose (was it "
        "renamed?), or show the code that defines it",
        location=where,
        type="prose",
        subtype="name",
    )


def resolve_manifest(app: Sphinx, config: Config) -> None:
    if config.prose_names_manifest:
        path = Path(app.confdir) / config.prose_names_manifest
        config.prose_names_manifest = str(path.resolve())


def setup(app: Sphinx) -> dict[str, Any]:
    app.setup_extension("example_include")
    # The workspace whose resolved crates' code names Rust things; "" for none.
    app.add_config_value(
        "prose_names_manifest", "examples/Cargo.toml", "env", types=[str]
    )
    app.connect("config-inited", resolve_manifest)
    app.add_role("foreign", ForeignRole())
    app.add_env_collector(ProseNamesCollector)
    # Emitted on every build, after all pages are read and merged: a finding
    # is reported again until it is fixed, even if no page changed.
    app.connect("env-updated", check_names)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
