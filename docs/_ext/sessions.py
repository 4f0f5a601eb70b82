"""Run a ``.pycon`` session against the built modules, once per interpreter.

A session is a transcript that a page shows.  It is run as a doctest with the
interpreter of the running environment, in the session's own folder (so a
session can use the files next to it, as a reader would in their project).
It must use the example modules that the environment holds: one imported
from the source tree instead (an example's Python package found through the
session's folder, say, which holds no compiled module or a stale one) fails
the session.

The pages show the output of the reference interpreter (``reference-python``
in ``pyproject.toml``).  Where another supported interpreter legitimately
prints something else, ``session.versions.toml`` beside the session records
what it prints, per example::

    [[difference]]
    line = 58                   # the line of the example's ``>>>`` prompt
    source = "point.z = 0"      # its first source line, so a move is caught
    python = ["3.11", "3.12"]
    output = '''
    Traceback (most recent call last):
      ...
    AttributeError: 'Point' object has no attribute 'z'
    '''

On those interpreters the recorded output is expected instead; everywhere
else the transcript's own.  A difference that no longer matches its example,
names an unsupported version, or repeats the reference output is an error.

Results are cached by content (see ``cache_key``): the session's text, its
recorded differences, the files of its example folder, the wheels installed
in the environment from the crates of that folder (or below it), the
interpreter, and this runner.  A session that imports a module of another
folder's crate fails, since its key would not follow that crate.  The docs
build and pytest share the cache, so within one run each session runs once
per interpreter.  Only passing results are kept: a failure runs again, since
its cause may lie outside the key (a tool missing from the environment, say).

Run as a module in the session's folder, it runs that session and prints its
result as JSON (runner_command() and runner_environment() say how)::

    cd examples/classes
    PYTHONPATH=../../docs/_ext:../.. python -m sessions session.pycon

With ``--cached``, it gives each session named to run(), which keeps each
passing result in the cache (the examples build does so for the sessions
whose crates it has installed while it waits for Cargo to build the
others)::

    PYTHONPATH=docs/_ext:. python -m sessions --cached examples/classes/session.pycon

This module imports nothing from Sphinx or pytest.
"""

from __future__ import annotations

import doctest
import json
import os
import subprocess
import sys
import tomllib
import traceback
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from pathlib import Path

from examples_model import crates, files
from examples_model.files import BUILD_OUTPUT

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
PYPROJECT = ROOT / "pyproject.toml"
# Both runners use these: the build and pytest cannot disagree on a session.
OPTIONFLAGS = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE | doctest.FAIL_FAST
VERSIONS_FILE = "session.versions.toml"


def guide_config() -> dict:
    return tomllib.loads(PYPROJECT.read_text())["tool"]["guide"]


def supported_pythons() -> list[str]:
    """The CPython versions every session and example test runs on."""
    return list(guide_config()["pythons"])


def reference_python() -> str:
    """The version whose output the pages show."""
    return guide_config()["reference-python"]


def running_python() -> str:
    return "{}.{}".format(*sys.version_info[:2])


class SessionError(Exception):
    """A recorded difference that cannot be applied, located at a line."""

    def __init__(self, path: Path, line: int, message: str) -> None:
        super().__init__(f"{path}:{line}: {message}")
        self.path = path
        self.line = line


@dataclass(frozen=True)
class Difference:
    """What some interpreters print for one example instead of the reference."""

    line: int
    source: str
    pythons: tuple[str, ...]
    output: str
    defined_at: int  # line of the [[difference]] entry, for messages


@dataclass
class Result:
    """One run of one session on one interpreter."""

    session: str
    python: str
    passed: bool
    line: int | None = None  # the failing example's prompt line
    report: str = ""
    cached: bool = False
    applied: list[int] = field(default_factory=list)  # lines with differences

    def to_json(self) -> str:
        return json.dumps(asdict(self))


def versions_path(session: Path) -> Path:
    return session.with_name(VERSIONS_FILE)


def read_differences(session: Path) -> list[Difference]:
    path = versions_path(session)
    if not path.is_file():
        return []
    text = path.read_text(encoding="utf-8")
    try:
        entries = tomllib.loads(text).get("difference", [])
    except tomllib.TOMLDecodeError as error:
        raise SessionError(path, error.lineno or 1, str(error)) from None
    starts = [
        n for n, line in enumerate(text.splitlines(), 1) if line == "[[difference]]"
    ]
    supported = supported_pythons()
    reference = reference_python()
    found = []
    for index, entry in enumerate(entries):
        at = starts[index] if index < len(starts) else 1
        missing = {"line", "source", "python", "output"} - set(entry)
        if missing:
            raise SessionError(
                path, at, f"difference lacks {', '.join(sorted(missing))}"
            )
        for version in entry["python"]:
            if version not in supported or version == reference:
                raise SessionError(
                    path,
                    at,
                    f"python {version!r} is not a supported version other than the "
                    f"reference {reference} (supported: {', '.join(supported)})",
                )
        found.append(
            Difference(
                line=entry["line"],
                source=entry["source"],
                pythons=tuple(entry["python"]),
                output=entry["output"].lstrip("\n"),
                defined_at=at,
            )
        )
    return found


def parse(session: Path) -> doctest.DocTest:
    text = session.read_text(encoding="utf-8")
    return doctest.DocTestParser().get_doctest(text, {}, session.name, str(session), 0)


def apply_differences(
    test: doctest.DocTest, session: Path, differences: list[Difference], python: str
) -> list[int]:
    """Expect each recorded output on the interpreters it names; return the lines."""
    by_line = {example.lineno + 1: example for example in test.examples}
    versions = versions_path(session)
    applied = []
    for difference in differences:
        example = by_line.get(difference.line)
        if example is None:
            raise SessionError(
                versions,
                difference.defined_at,
                f"{session.name} has no example at line {difference.line}",
            )
        first = example.source.splitlines()[0]
        if first != difference.source:
            raise SessionError(
                versions,
                difference.defined_at,
                f"the example at {session.name}:{difference.line} is now "
                f"{first!r}, not {difference.source!r}: move the entry with it",
            )
        if normalized(difference.output) == normalized(example.want):
            raise SessionError(
                versions,
                difference.defined_at,
                "the recorded output is the reference output: delete the entry",
            )
        if python not in difference.pythons:
            continue
        prompt = "\n".join(
            ("... " if n else ">>> ") + line
            for n, line in enumerate(example.source.rstrip("\n").splitlines())
        )
        [replacement] = doctest.DocTestParser().get_examples(
            f"{prompt}\n{difference.output}"
        )
        example.want = replacement.want
        example.exc_msg = replacement.exc_msg
        applied.append(difference.line)
    return applied


def normalized(output: str) -> str:
    return " ".join(output.split())


class Runner(doctest.DocTestRunner):
    """doctest's runner, reporting the session's own traceback only."""

    failed: doctest.Example | None = None

    def report_failure(self, out, test, example, got) -> None:
        self.failed = self.failed or example
        super().report_failure(out, test, example, without_doctest_frames(got))

    def report_unexpected_exception(self, out, test, example, exc_info) -> None:
        self.failed = self.failed or example
        exc_type, exc, tb = exc_info
        frames = [
            frame
            for frame in traceback.extract_tb(tb)
            if Path(frame.filename).name != "doctest.py"
        ]
        text = "Traceback (most recent call last):\n"
        text += "".join(traceback.format_list(frames))
        text += "".join(traceback.format_exception_only(exc_type, exc))
        out(
            self._failure_header(test, example)
            + "Exception raised:\n"
            + doctest._indent(text)
        )


def without_doctest_frames(got: str) -> str:
    """A printed traceback without the frames of doctest's own machinery."""
    kept: list[str] = []
    dropping = False
    for line in got.splitlines(keepends=True):
        if line.startswith('  File "'):
            dropping = Path(line.split('"')[1]).name == "doctest.py"
        elif not line.startswith("    "):
            dropping = False
        if not dropping:
            kept.append(line)
    return "".join(kept)


def imported_from_the_tree(
    examples: Path = EXAMPLES, binding: list[crates.BindingCrate] | None = None
) -> list[str]:
    """Example modules loaded in this process from the source tree.

    The environment installs each example from its wheel, so an example's
    package whose file or folder lies under examples/ was found through
    ``sys.path`` instead, and shadows the built one.  A module made from
    source text (``PyModule::from_code``) names a file that is not on disk,
    relative to the working folder; it shadows nothing.
    """
    if binding is None:
        binding = crates.workspace_binding_crates(examples)
    packages = {crate.package for crate in binding}
    found = []
    for name, module in sorted(sys.modules.items()):
        if name.split(".")[0] not in packages:
            continue
        locations = [getattr(module, "__file__", None)]
        locations += list(getattr(module, "__path__", []))
        for location in filter(None, locations):
            path = Path(location)
            if path.exists() and path.resolve().is_relative_to(examples.resolve()):
                found.append(f"{name} from {location}")
                break
    return found


def run_here(session: Path) -> Result:
    """Run the session in this process, in its folder; return the result."""
    session = session.resolve()
    python = running_python()
    test = parse(session)
    applied = apply_differences(test, session, read_differences(session), python)
    lines: list[str] = []
    runner = Runner(optionflags=OPTIONFLAGS, verbose=False)
    previous = Path.cwd()
    os.chdir(session.parent)
    try:
        runner.run(test, out=lines.append, clear_globs=True)
    finally:
        os.chdir(previous)
    report = "".join(lines).strip()
    line = None if runner.failed is None else runner.failed.lineno + 1
    problems = import_problems(session)
    report = "\n".join(filter(None, [report, *problems]))
    if line in applied:
        report += (
            f"\n(the expected output on Python {python} is recorded in "
            f"{versions_path(session)})"
        )
    return Result(
        session=str(session),
        python=python,
        passed=not runner.failures and not problems,
        line=line,
        report=report,
        applied=applied,
    )


def inputs(session: Path) -> list[Path]:
    """Every file of the session's example folder, build output excluded."""
    topic = session.resolve().parent
    return [
        file
        for file in sorted(topic.rglob("*"))
        if file.is_file()
        and not BUILD_OUTPUT.intersection(file.relative_to(topic).parts[:-1])
    ]


def installed_wheels(prefix: Path, folder: Path) -> list[str]:
    """What tools/build_examples.py installed here from the crates in folder
    (or below it): their stamps, which name each wheel and its hash."""
    found = []
    for stamp in sorted((prefix / "example-stamps").glob("*.json")):
        text = stamp.read_text()
        if (ROOT / json.loads(text)["crate"]).resolve().is_relative_to(folder):
            found.append(text)
    return found


def imported_from_elsewhere(
    session: Path,
    examples: Path = EXAMPLES,
    binding: list[crates.BindingCrate] | None = None,
) -> list[str]:
    """Example modules this process loaded from crates outside the session's
    folder: a change to them would not reach the session's cached result,
    which is keyed by the wheels of its own folder's crates.  A session
    outside the workspace (in an unpacked archive) has no such neighbours."""
    folder = session.resolve().parent
    if not folder.is_relative_to(examples.resolve()):
        return []
    if binding is None:
        binding = crates.workspace_binding_crates(examples)
    loaded = {name.split(".")[0] for name in sys.modules}
    return [
        f"{crate.package} (examples/{crate.folder.relative_to(examples.resolve())})"
        for crate in binding
        if crate.package in loaded and not crate.folder.is_relative_to(folder)
    ]


def import_problems(session: Path, examples: Path = EXAMPLES) -> list[str]:
    """What is wrong with the example modules the session imported, if anything."""
    binding = crates.workspace_binding_crates(examples)
    problems = []
    shadowing = imported_from_the_tree(examples, binding)
    if shadowing:
        problems.append(
            "the session imported example modules from the source tree, not "
            f"the built ones that the environment holds: {'; '.join(shadowing)}"
        )
    elsewhere = imported_from_elsewhere(session, examples, binding)
    if elsewhere:
        problems.append(
            "the session imports modules of crates outside its folder, which "
            f"its cached result would not follow: {'; '.join(elsewhere)}; "
            "show them in a session of their own folder"
        )
    return problems


def cache_key(session: Path) -> str:
    parts = [
        Path(__file__).read_bytes(),
        Path(crates.__file__).read_bytes(),
        PYPROJECT.read_bytes(),
        sys.version.encode(),
        sys.implementation.cache_tag.encode(),
        *(
            wheel.encode()
            for wheel in installed_wheels(Path(sys.prefix), session.parent)
        ),
    ]
    return crates.content_key(parts, inputs(session), session.parent)


def cache_dir() -> Path:
    return crates.content_cache("sessions")


def runner_command(session: Path, python: str | Path = sys.executable) -> list[str]:
    """The child that runs one session: this module, by ``python -m``.

    Started in the session's folder (its working folder), ``-m`` puts that
    folder first on the child's ``sys.path``, as ``python`` started there by
    a reader would; runner_environment() lets it find this module.
    """
    return [str(python), "-m", Path(__file__).stem, str(session)]


def runner_environment(base: Mapping[str, str] = os.environ) -> dict[str, str]:
    """``base`` (this process's environment) for runner_command()'s child:
    this module's folder and the project's (``examples_model``) on its path."""
    return files.extensions_environment(base)


def run(session: Path) -> Result:
    """The session's result on this interpreter: cached, or run in a child.

    The child is this interpreter, so the session sees exactly the modules a
    reader of this environment would import, and nothing this process loaded.
    """
    session = session.resolve()
    cached = cache_dir() / f"{cache_key(session)}.json"
    if cached.is_file():
        result = Result(**json.loads(cached.read_text()))
        result.cached = True
        return result
    child = subprocess.run(
        runner_command(session),
        capture_output=True,
        text=True,
        check=False,
        cwd=session.parent,
        env=runner_environment(),
    )
    if child.returncode not in (0, 1) or not child.stdout.strip():
        result = Result(
            session=str(session),
            python=running_python(),
            passed=False,
            report=(child.stdout + child.stderr).strip()
            or f"the session runner exited with {child.returncode}",
        )
    else:
        result = Result(**json.loads(child.stdout))
    if not result.passed:
        # A failure may come from the environment (a missing tool, say),
        # which the key does not cover: it runs again next time.
        return result
    crates.keep(cached, result.to_json())
    return result


def main(argv: list[str]) -> int:
    if argv[:1] == ["--cached"]:
        # Each session through the cache, as the docs build would run it.
        results = [run(Path(session)) for session in argv[1:]]
        return 0 if all(result.passed for result in results) else 1
    [session] = argv
    try:
        result = run_here(Path(session))
    except SessionError as error:
        result = Result(
            session=str(Path(session).resolve()),
            python=running_python(),
            passed=False,
            line=None,
            report=str(error),
        )
    print(result.to_json())
    return 0 if result.passed else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
