"""Every example module, as installed by tools/build_examples.py, is checked:

* its type stub matches the module (mypy's stubtest), and maturin installed
  the stub, with a ``py.typed`` marker in its package;
* its wheel is tagged abi3 for the crate's floor and passes abi3audit at
  that floor: the wheels are the ones tools/build_examples.py built once
  and installed into the environment of every supported CPython, so each
  of them checks the files that all of them load;
* no bad input makes a public function or constructor panic or crash:
  hypothesis calls each with wrong types, None, empty and huge values,
  non-UTF-8 bytes, lone surrogates and integers at the edges of Rust's
  integer types, and each call returns or raises an ``Exception``.  A
  ``PanicException`` (a ``BaseException``) fails the test unless the page
  documents that panic.  The pages' sessions and each crate's own tests check
  which exception and which result; this test checks that nothing escapes.

Where a crate keeps its stub, and where maturin installs it, depends on the
crate's layout (pure Rust or mixed Rust/Python): ``examples_model.crates``
says.  A crate without a stub fails.
"""

from __future__ import annotations

import dataclasses
import doctest
import importlib
import importlib.util
import inspect
import json
import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from examples_model.crates import BindingCrate, workspace_binding_crates

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"


CRATES = {crate.module: crate for crate in workspace_binding_crates(EXAMPLES)}


def installed_package(module: str) -> Path:
    spec = importlib.util.find_spec(module)
    if spec is None or not spec.submodule_search_locations:
        pytest.fail(
            f"{module} is not installed as a package; build it with "
            "`python -m tools.build_examples` (nox -s tests does)"
        )
    return Path(next(iter(spec.submodule_search_locations)))


def run_stubtest(
    crates: list[BindingCrate], folder: Path
) -> subprocess.CompletedProcess[str]:
    """mypy's stubtest over these crates' packages, in one mypy run.

    The stubs come from the source tree (MYPYPATH comes first), so messages
    name them.  In the mixed layout, the package's Python code is checked
    too, and the compiled module as one of its submodules.  ``folder`` is
    the working folder, where mypy writes its cache.
    """
    (folder / "mypy.ini").write_text("[mypy]\n")
    # maturin installs the library as <module>/<module>.abi3.so, imported by
    # the package's __init__.py: its names are the package's, which the stub
    # covers.  stubtest skips it when its name is private (_name_rs), and
    # must be told to when it is public (first_module).
    allowlist = folder / "allowlist"
    allowlist.write_text(
        "".join(
            f"{crate.module}\\.{crate.module}\n"
            for crate in crates
            if crate.python_source is None and not crate.module.startswith("_")
        )
    )
    roots = dict.fromkeys(str(crate.stub_root) for crate in crates)
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy.stubtest",
            *(crate.package for crate in crates),
            "--mypy-config-file",
            str(folder / "mypy.ini"),
            "--allowlist",
            str(allowlist),
            # Generated above, so never stale; one package alone uses only
            # its own entry.
            "--ignore-unused-allowlist",
        ],
        capture_output=True,
        text=True,
        check=False,
        cwd=folder,
        env={**os.environ, "MYPYPATH": os.pathsep.join(roots)},
    )


def shown_path(path: Path) -> str:
    return str(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)


def stubtest_failures(
    result: subprocess.CompletedProcess[str], crate: BindingCrate
) -> str | None:
    """What ``result`` reports about ``crate``'s package, or None if nothing.

    stubtest prints one block per error, starting ``error: <name> ...``.
    A block about another package belongs to that package's test; anything
    else (a stub mypy cannot read, a crash) fails every package.
    """
    if result.returncode == 0:
        return None
    blocks = [block.strip() for block in result.stdout.split("\n\n")]
    errors = [block for block in blocks if block.startswith("error: ")]
    packages = {crate.package for crate in CRATES.values()}

    def about(block: str) -> str | None:
        name = block.removeprefix("error: ").split(maxsplit=1)[0]
        return name.split(".")[0] if name.split(".")[0] in packages else None

    mine = [block for block in errors if about(block) == crate.package]
    unowned = [block for block in errors if about(block) is None]
    if mine or unowned or not errors:
        printed = "\n".join(
            text.strip() for text in (result.stderr, result.stdout) if text.strip()
        )
        shown = "\n\n".join(mine + unowned) or printed or "(it printed nothing)"
        # The run's own options (its working folder holds them), for one package.
        options = result.args[result.args.index("--mypy-config-file") :]
        alone = " ".join(
            [
                f"MYPYPATH={shown_path(crate.stub_root)}",
                shown_path(Path(sys.executable)),
                "-m mypy.stubtest",
                crate.package,
                *options,
            ]
        )
        return f"one run checked every example; this one alone: {alone}\n{shown}"
    return None


@pytest.fixture(scope="session")
def stubtest(tmp_path_factory: pytest.TempPathFactory):
    """One stubtest run over every example package: one mypy start, not 32."""
    return run_stubtest(list(CRATES.values()), tmp_path_factory.mktemp("mypy"))


@pytest.mark.parametrize("module", sorted(CRATES))
def test_stub_matches_module(module: str, stubtest) -> None:
    crate = CRATES[module]
    relative = crate.stub.relative_to(ROOT)
    assert crate.stub.is_file(), f"{module}: no type stub; write {relative}"
    failures = stubtest_failures(stubtest, crate)
    if failures:
        pytest.fail(
            f"{relative}: does not match the built module {module}\n{failures}",
            pytrace=False,
        )


def test_stubtest_names_the_module_whose_stub_is_wrong(tmp_path: Path) -> None:
    """A stub that names a function the module lacks fails that module alone."""
    crate = CRATES["_classes_rs"]
    copy = tmp_path / "stubs"
    copy.mkdir()
    wrong = copy / crate.stub.name
    wrong.write_text(crate.stub.read_text() + "\ndef not_in_the_module() -> int: ...\n")
    broken = dataclasses.replace(crate, folder=copy)
    other = CRATES["_paths_rs"]
    result = run_stubtest([broken, other], tmp_path)
    failures = stubtest_failures(result, broken)
    assert failures is not None, "stubtest accepted a stub with an extra function"
    assert "_classes_rs.not_in_the_module" in failures, failures
    assert stubtest_failures(result, other) is None, "a good stub failed too"


@pytest.mark.parametrize("module", sorted(CRATES))
def test_stub_is_installed(module: str) -> None:
    crate = CRATES[module]
    site = installed_package(crate.package).parent
    installed = site.joinpath(crate.installed_stub)
    stub = crate.stub.relative_to(ROOT)
    assert installed.is_file(), f"maturin did not install {stub} as {installed}"
    assert installed.read_text() == crate.stub.read_text(), f"{installed} is stale"
    marker = site.joinpath(crate.installed_typed_marker)
    assert marker.is_file(), f"no {marker}"


# Panics that a page shows on purpose, in its session: what a panic looks
# like from Python (error-handling), unwrap() as a pitfall (pitfalls), what
# the profile's panic strategy decides (shipping), and a bug to catch in a
# debugger (profiling).
DOCUMENTED_PANICS = {
    "_error_handling_rs.line_unchecked",
    "_pitfalls_rs.read_text_unwrap",
    "_profiling_rs.closest_unchecked",
    "_shipping_rs.panic_on_purpose",
}

# Integers: small ones, and ones outside every 64-bit type, which must be an
# OverflowError.  In-range giants (2**63 - 1) are semantic edge cases, left
# to each crate's tests: as a size or a count they ask for real work.
BAD_INTS = [0, 1, -1, 255, 256, -129, 2**64, -(2**63) - 1, 10**100]
IMMUTABLE = [
    None,
    "",
    "\udcff",  # a lone surrogate: not encodable as UTF-8
    "x" * 1_000_000,
    b"",
    b"\xff\xfe not UTF-8",
    bytes(1_000_000),
    (),
    object(),
    float("nan"),
    float("inf"),
    -0.0,
    True,
    *BAD_INTS,
]
# Containers are made anew for each call, since a function may change them.
MUTABLE = [
    list,
    lambda: [0] * 10_000,
    dict,
    lambda: {"": None},
    lambda: bytearray(b"\x80"),
    lambda: memoryview(bytearray(b"abc")),
]
BAD_VALUES = st.one_of(
    st.sampled_from(IMMUTABLE),
    st.sampled_from(MUTABLE).map(lambda make: make()),
    st.text(max_size=20),
    st.binary(max_size=20),
)


def public_callables(module: str) -> list[tuple[str, object]]:
    try:
        loaded = importlib.import_module(module)
    except ImportError:
        return [(module, None)]  # the test says how to build it
    names = getattr(loaded, "__all__", None) or [
        name for name in dir(loaded) if not name.startswith("_")
    ]
    found = []
    for name in names:
        value = getattr(loaded, name)
        if inspect.isclass(value) and issubclass(value, BaseException):
            continue  # exception types: constructing one proves nothing
        if callable(value) and not inspect.ismodule(value):
            found.append((f"{module}.{name}", value))
    return found


CALLABLES = [entry for module in sorted(CRATES) for entry in public_callables(module)]


@pytest.mark.parametrize(
    ("name", "function"), CALLABLES, ids=[name for name, _ in CALLABLES]
)
@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(arguments=st.lists(BAD_VALUES, max_size=4))
def test_bad_input_never_panics(name, function, arguments, tmp_path, monkeypatch):
    if function is None:
        installed_package(name)  # fails, saying how to build the module
    monkeypatch.chdir(tmp_path)  # functions that take a path may create it
    try:
        function(*arguments)
    except Exception:
        pass
    except BaseException as error:
        if name in DOCUMENTED_PANICS and type(error).__name__ == "PanicException":
            return
        raise AssertionError(
            f"{name}(*{arguments!r:.200}) let {type(error).__name__} escape: "
            "bad input must raise the exception its page documents"
        ) from error


@pytest.mark.parametrize("name", sorted(DOCUMENTED_PANICS))
def test_documented_panics_are_shown_on_their_page(name):
    module, _, function = name.rpartition(".")
    session = (CRATES[module].folder / "session.pycon").read_text(encoding="utf-8")
    examples = doctest.DocTestParser().get_examples(session)
    assert any(
        f".{function}(" in example.source and "PanicException" in example.want
        for example in examples
    ), f"{name} may panic only if its session shows the PanicException"


ABI3_FEATURE = re.compile(r"abi3-py3(\d+)$")


def installed_wheels() -> dict[str, Path]:
    """examples/<crate> -> the wheel this environment installed it from."""
    stamps = sorted((Path(sys.prefix) / "example-stamps").glob("*.json"))
    found = {}
    for stamp in stamps:
        record = json.loads(stamp.read_text())
        found[record["crate"]] = Path(record["wheel"])
    return found


def pyo3_features(manifest: dict) -> list[str]:
    pyo3 = manifest.get("dependencies", {}).get("pyo3", {})
    return pyo3.get("features", []) if isinstance(pyo3, dict) else []


def floor(crate: str) -> str | None:
    """The lowest abi3-py3X feature the crate's build turns on, as "3.X".

    None for a crate built without abi3: one that names PyO3 itself, not
    through the workspace, with no abi3 feature.
    """
    workspace = tomllib.loads((EXAMPLES / "Cargo.toml").read_text())
    manifest = tomllib.loads((ROOT / crate / "Cargo.toml").read_text())
    features = pyo3_features(manifest)
    if manifest["dependencies"]["pyo3"].get("workspace"):
        features += workspace["workspace"]["dependencies"]["pyo3"]["features"]
    minors = [int(m[1]) for f in features if (m := ABI3_FEATURE.match(f))]
    return f"3.{min(minors)}" if minors else None


WHEELS = installed_wheels()
ABI3_CRATES = sorted(crate for crate in WHEELS if floor(crate))
VERSION_SPECIFIC_CRATES = sorted(crate for crate in WHEELS if not floor(crate))


def test_every_binding_crate_was_installed_from_a_wheel() -> None:
    assert "examples/binary-compatibility" in WHEELS, (
        "no wheel stamps in this environment: build the examples with "
        "`python -m tools.build_examples` (nox -s tests does)"
    )
    assert all(wheel.is_file() for wheel in WHEELS.values()), WHEELS


def test_only_the_per_version_crates_are_built_without_abi3() -> None:
    """A crate without abi3 costs a wheel per interpreter: its page says why."""
    assert VERSION_SPECIFIC_CRATES == ["examples/exceptions-further/per-version"]


@pytest.mark.parametrize("crate", VERSION_SPECIFIC_CRATES)
def test_version_specific_wheel_is_for_this_interpreter(crate: str) -> None:
    tag = f"cp{sys.version_info.major}{sys.version_info.minor}"
    assert f"-{tag}-{tag}-" in WHEELS[crate].name, WHEELS[crate].name


@pytest.mark.parametrize("crate", ABI3_CRATES)
def test_wheel_is_abi3_and_passes_abi3audit(crate: str, run_child) -> None:
    wheel = WHEELS[crate]
    minimum = floor(crate)
    assert minimum is not None
    assert f"-cp{minimum.replace('.', '')}-abi3-" in wheel.name
    audit = run_child(
        ["abi3audit", "--strict", "--report", str(wheel)],
        source=ROOT / crate / "Cargo.toml",
        what=f"abi3audit rejects the wheel {wheel.name}",
    )
    extensions = json.loads(audit.stdout)["specs"][str(wheel)]["wheel"]
    assert extensions, "the wheel holds no extension module"
    for extension in extensions:
        result = extension["result"]
        assert result["is_abi3"], extension
        assert result["non_abi3_symbols"] == [], extension
        assert result["computed"] == minimum, extension


def test_the_examples_build_installs_the_dev_profile() -> None:
    """tools/build_examples.py builds without --release, as maturin develop does."""
    built = importlib.import_module("_build_configuration_rs")
    assert built.build_profile() == "debug"
    assert built.add(1, 2) == 3
