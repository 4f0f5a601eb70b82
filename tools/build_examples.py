"""Build every example binding crate and install it into the running Python.

Run it with the environment's interpreter (nox does)::

    python -m tools.build_examples [--release] [CRATE_DIR ...]

Each binding crate (a workspace member with a ``pyproject.toml``) is built
into a wheel, kept in a wheelhouse under the build folder, and installed from
there with ``uv pip install`` (one for all, or one per lane, see below).  The
wheelhouse is keyed by
the crate's inputs: the crate's files, the files of the local crates it
depends on, the workspace manifest and lock file, the profile and the maturin
version.  An ``abi3`` wheel fits every later interpreter, so the
environments of all supported Pythons install the very same file; a crate
that is not abi3 gets a wheel per interpreter, because no existing wheel's
tags match the next one.

Building goes by feature group: crates that Cargo compiles alike together
and alone.  In each group, maturin first builds one crate that needs
building, which compiles PyO3 for the group and, for an abi3 group, writes
maturin's PyO3 configuration file.  The rest of an abi3 group is then
compiled by one ``cargo build`` on all cores, given that file and
PYO3_BUILD_EXTENSION_MODULE as maturin gives them, and maturin packs each
crate into its wheel, two at a time, finding it fresh.  Otherwise (a group
that is not abi3, or a failed ``cargo build``) maturin builds the rest one
after the other, which names each crate that fails.

The groups go in two lanes that build at the same time, each with a Cargo
target folder of its own (see lanes()): the largest group in the
workspace's ``target/``, the others one after the other in
``target/other-feature-groups/``.  cargo_targets() says which folder holds
each crate's build; the archive tests and clippy use it, so they find PyO3
compiled.  (The one session that runs ``maturin develop`` builds a crate of
the main group, in the folder nox gives it: the workspace's.)  When one lane
is done while the other still
builds, its wheels are installed, and what the docs build would do first
runs in the background until the build ends (see Warming): the sessions
whose crates are installed, then the offered archives, each through the
cache that the docs build reads.

A crate is skipped when a stamp in the environment shows that it was
installed from exactly the current inputs.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import json
import os
import re
import signal
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from itertools import repeat
from pathlib import Path

from examples_model.crates import content_cache, content_key, is_binding_crate, keep
from examples_model.files import BUILD_OUTPUT, example_files, extensions_environment
from examples_model.pages import offered_archives, shown_on

ROOT = Path(__file__).resolve().parent.parent
WORKSPACE = ROOT / "examples"
# Built wheels, by crate and inputs; GUIDE_BUILD_DIR moves it with the site.
WHEELHOUSE = Path(os.environ.get("GUIDE_BUILD_DIR", ROOT / "build")) / "wheels"
# Folders and files that never affect what maturin builds.
IGNORED_DIRS = BUILD_OUTPUT | {"tests"}
# This environment's maturin, installing into this environment.
MATURIN = [sys.executable, "-m", "maturin"]
UV_PIP = [sys.executable, "-m", "uv", "pip"]
IGNORED_SUFFIXES = frozenset({".pycon", ".md", ".pyc", ".json"})


def cargo_metadata() -> dict:
    out = subprocess.run(
        ["cargo", "metadata", "--no-deps", "--format-version", "1", "--offline"],
        cwd=WORKSPACE,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return json.loads(out)


def check_membership(metadata: dict) -> list[str]:
    """Every crate folder under examples/ must be a workspace member."""
    members = {Path(p["manifest_path"]).resolve() for p in metadata["packages"]}
    problems = []
    for manifest in sorted(WORKSPACE.rglob("Cargo.toml")):
        relative = manifest.relative_to(WORKSPACE)
        if manifest.parent == WORKSPACE or IGNORED_DIRS.intersection(relative.parts):
            continue
        if manifest.resolve() not in members:
            problems.append(
                f"error: examples/{relative} is not a member of the workspace: "
                "add its folder to `members` in examples/Cargo.toml"
            )
    return problems


def package_folders(metadata: dict) -> dict[str, Path]:
    """Each workspace member's package name, with its folder, resolved."""
    return {
        package["name"]: Path(package["manifest_path"]).parent.resolve()
        for package in metadata["packages"]
    }


def binding_crates(metadata: dict) -> dict[Path, list[Path]]:
    """Each binding crate's folder, with the folders of its local dependencies."""
    folders = package_folders(metadata)
    local_deps = {
        package["name"]: [d["name"] for d in package["dependencies"] if d.get("path")]
        for package in metadata["packages"]
    }

    def closure(name: str) -> list[Path]:
        seen, todo = [], [name]
        while todo:
            current = todo.pop()
            if folders[current] not in seen:
                seen.append(folders[current])
                todo.extend(local_deps[current])
        return seen

    return {
        folders[name]: closure(name)
        for name in sorted(folders)
        if is_binding_crate(folders[name])
    }


def resolved_features(workspace: Path, package: str) -> dict[str, frozenset[str]]:
    """Each dependency of a member, with the features Cargo gives it alone."""
    out = subprocess.run(
        [
            *("cargo", "tree", "--offline", "-p", package, "-e", "normal,build"),
            *("--prefix", "none", "--format", "{p}|{f}"),
        ],
        cwd=workspace,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    found: dict[str, set[str]] = {}
    for line in out.splitlines():
        name, _, features = line.removesuffix(" (*)").partition("|")
        found.setdefault(name, set()).add(features)
    return {name: frozenset(features) for name, features in found.items()}


def feature_groups(metadata: dict) -> list[list[str]]:
    """Workspace members that Cargo compiles the same way together and alone.

    Cargo unifies a dependency's features across one invocation.  A member
    joins a group when every dependency it shares with the group gets the
    same features in both: then one ``cargo build`` of the group leaves
    exactly the artifacts that building each member alone (as maturin does)
    would.  A crate that asks PyO3 for more (another abi3 floor) or pulls a
    dependency that does (numpy turns on a feature of pyo3-build-config) is
    in another group.

    The answer is cached by content: every manifest of the workspace, the
    lock file, Cargo's version and this module, which is what Cargo's
    offline resolution and the grouping read (the workspace has no
    ``.cargo/config.toml`` that could change the resolution).
    """
    workspace = Path(metadata["workspace_root"])
    cargo = subprocess.run(
        ["cargo", "--version"],
        cwd=workspace,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    manifests = [workspace / "Cargo.toml", workspace / "Cargo.lock"]
    manifests += [Path(package["manifest_path"]) for package in metadata["packages"]]
    key = content_key(
        [Path(__file__).read_bytes(), cargo.encode()], manifests, workspace
    )
    cached = content_cache("feature-groups") / f"{key}.json"
    if cached.is_file():
        return json.loads(cached.read_text())
    names = [package["name"] for package in metadata["packages"]]
    with ThreadPoolExecutor(os.cpu_count()) as pool:
        resolutions = pool.map(resolved_features, repeat(workspace), names)
    groups: list[tuple[dict[str, frozenset[str]], list[str]]] = []
    for name, mine in zip(names, resolutions, strict=True):
        for resolution, members in groups:
            shared = mine.keys() & resolution.keys()
            if all(mine[dep] == resolution[dep] for dep in shared):
                resolution.update(mine)
                members.append(name)
                break
        else:
            groups.append((dict(mine), [name]))
    found = sorted((members for _, members in groups), key=len, reverse=True)
    keep(cached, json.dumps(found))
    return found


@dataclass(frozen=True)
class Lane:
    """Feature groups built one after the other in one Cargo target folder."""

    target: Path
    groups: list[list[str]]


def lanes(metadata: dict, groups: list[list[str]]) -> list[Lane]:
    """The largest feature group in the workspace's target folder, and the
    other groups, one after the other, in a target folder of their own.

    Cargo locks a target folder while it builds, so the two lanes need a
    folder each to build at the same time: then both cores stay busy while
    one of them compiles PyO3's crates, one after the other.  Their own
    folder also keeps maturin's PyO3 configuration of the other groups (a
    lower abi3 floor, say, written to the same file name) from replacing the
    main group's, which would make Cargo compile the main group's PyO3 again.
    """
    target = Path(metadata["target_directory"])
    main, *others = groups
    found = [Lane(target, [main])]
    if others:
        found.append(Lane(target / "other-feature-groups", others))
    return found


def cargo_targets(metadata: dict) -> dict[Path, Path]:
    """Each workspace member's folder, resolved, with its lane's target folder."""
    folders = package_folders(metadata)
    return {
        folders[name]: lane.target
        for lane in lanes(metadata, feature_groups(metadata))
        for group in lane.groups
        for name in group
    }


def input_files(folder: Path) -> list[Path]:
    files = []
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder).parts
        if IGNORED_DIRS.intersection(relative[:-1]) or not path.is_file():
            continue
        # A nested crate (its own Cargo.toml) is its own input, not ours.
        if any(
            (folder.joinpath(*relative[:i]) / "Cargo.toml").is_file()
            for i in range(1, len(relative))
        ):
            continue
        if path.suffix not in IGNORED_SUFFIXES:
            files.append(path)
    return files


def fingerprint(folders: list[Path], release: bool, maturin_version: str) -> str:
    shared = [WORKSPACE / "Cargo.toml", WORKSPACE / "Cargo.lock"]
    files = shared + [f for folder in folders for f in input_files(folder)]
    return content_key(
        [f"release={release} maturin={maturin_version}".encode()], files, ROOT
    )


def example_name(crate: Path) -> str:
    """How the build names a crate: its folder, from the project's root."""
    return f"examples/{crate.relative_to(WORKSPACE).as_posix()}"


def crate_key(crate: Path) -> str:
    return crate.relative_to(WORKSPACE).as_posix().replace("/", "__")


def stamp_path(crate: Path) -> Path:
    return Path(sys.prefix) / "example-stamps" / f"{crate_key(crate)}.json"


def installed_wheel(crate: Path) -> dict | None:
    """What the stamp says was installed for a crate: fingerprint and wheel."""
    stamp = stamp_path(crate)
    try:
        return json.loads(stamp.read_text())
    except (OSError, ValueError):
        return None


def compatible_wheel(folder: Path) -> Path | None:
    """A wheel in folder that the running interpreter can install."""
    from packaging.tags import sys_tags
    from packaging.utils import parse_wheel_filename

    supported = list(sys_tags())
    best = None
    for wheel in folder.glob("*.whl"):
        tags = parse_wheel_filename(wheel.name)[3]
        rank = min(
            (supported.index(tag) for tag in tags if tag in supported), default=None
        )
        if rank is not None and (best is None or rank < best[0]):
            best = (rank, wheel)
    return None if best is None else best[1]


def sha256_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def this_environment() -> dict[str, str]:
    """This process's environment, for maturin and uv: they install here."""
    return {**os.environ, "VIRTUAL_ENV": sys.prefix}


def run_echoing(command: list[str], env: dict[str, str]) -> tuple[int, str]:
    """Run a command, echoing its output as it comes, and return it too."""
    with subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env
    ) as process:
        assert process.stdout is not None
        lines = []
        for line in process.stdout:
            print(line, end="", flush=True)
            lines.append(line)
    return process.returncode, "".join(lines)


def maturin_abi3_config(target: Path) -> Path | None:
    """The PyO3 configuration maturin wrote for this interpreter's abi3 builds.

    maturin writes it into the target folder (``maturin/pyo3-config-<target
    triple>-<X.Y>-abi3.txt``) and hands it to Cargo as PYO3_CONFIG_FILE,
    with PYO3_BUILD_EXTENSION_MODULE set.  PyO3's build script tracks both,
    so compile_together() gives Cargo the same two, and Cargo finds its
    work fresh when maturin packs the crates.  None if there is no single
    such file: then maturin compiles each crate itself.
    """
    version = f"{sys.version_info.major}.{sys.version_info.minor}"
    found = sorted((target / "maturin").glob(f"pyo3-config-*-{version}-abi3.txt"))
    return found[0] if len(found) == 1 else None


def compile_together(
    members: list[str], target: Path, release: bool, echo: bool = True
) -> bool:
    """One ``cargo build`` of these members of one abi3 feature group: all cores.

    Cargo's progress goes to stderr if echo; its messages (JSON) are left to
    maturin: Cargo replays a fresh crate's warnings to it, and it builds a
    failing crate alone, which shows the errors once, with the crate's name.
    """
    config = maturin_abi3_config(target)
    if config is None:
        print(
            "no single PyO3 configuration of maturin's found: building each crate alone"
        )
        return False
    print(f"compiling together: {' '.join(members)}", flush=True)
    command = ["cargo", "build", "--lib", "--message-format=json"]
    command += [arg for name in members for arg in ("-p", name)]
    if release:
        command.append("--release")
    env = {
        **os.environ,
        "CARGO_TARGET_DIR": str(target),
        "PYO3_CONFIG_FILE": str(config),
        "PYO3_BUILD_EXTENSION_MODULE": "1",
    }
    result = subprocess.run(
        command,
        cwd=WORKSPACE,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=None if echo else subprocess.DEVNULL,
        check=False,
    )
    if result.returncode != 0:
        print("compiling together failed: building each crate alone")
    return result.returncode == 0


@dataclass(frozen=True)
class Build:
    """A crate to build into a wheel in its wheelhouse folder."""

    package: str
    crate: Path
    house: Path
    fingerprint: str
    target: Path

    @property
    def name(self) -> str:
        return example_name(self.crate)

    def run(self, release: bool, echo: bool = False) -> tuple[int, str]:
        """maturin build, echoing its output, or quietly and returning it."""
        env = {**this_environment(), "CARGO_TARGET_DIR": str(self.target)}
        command = [*MATURIN, "build", "--interpreter", sys.executable]
        command += ["--out", str(self.house)]
        # Not compressed: these wheels never leave this machine, and packing
        # 32 of them deflated costs the build about 3 s of CPU.
        command += ["--compression-method", "stored"]
        command += ["--manifest-path", str(self.crate / "Cargo.toml")]
        if release:
            command.append("--release")
        if echo:
            print(f"building {self.name}", flush=True)
            return run_echoing(command, env)
        done = subprocess.run(
            command, env=env, capture_output=True, text=True, check=False
        )
        if done.returncode == 0:
            print(f"built {self.name}", flush=True)
        return done.returncode, done.stdout + done.stderr


def warming_commands(sessions: list[Path]) -> list[list[str]]:
    """What the docs build does first: run the sessions (these, whose crates
    are installed) and make the offered archives, each through its cache."""
    archives = {
        folder
        for _, folders in offered_archives(ROOT / "docs").values()
        for folder in folders
    }
    return [
        [sys.executable, "-m", "sessions", "--cached", *map(str, sessions)],
        [sys.executable, "-m", "example_archives", *sorted(archives)],
    ]


class Warming:
    """Commands run in the background, one after the other, until stop().

    The examples build warms the docs build's caches this way while Cargo
    builds the rest (warming_commands()).  Sessions and archives keep what
    they make in content-keyed caches that the docs build reads: what is
    done here, the docs build finds done; what stop() cuts short, it does
    itself.  So nothing here is reported: a failing session fails there.
    """

    def __init__(self, commands: list[list[str]]) -> None:
        self.commands = commands
        self.stopped = threading.Event()
        self.lock = threading.Lock()
        self.process: subprocess.Popen | None = None
        self.thread = threading.Thread(target=self.run)
        self.thread.start()

    def run(self) -> None:
        for command in self.commands:
            with self.lock:
                if self.stopped.is_set():
                    return
                self.process = subprocess.Popen(
                    command,
                    cwd=WORKSPACE,
                    env=extensions_environment(os.environ),
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                    start_new_session=True,  # stop() ends its children too
                )
            self.process.wait()

    def stop(self) -> None:
        with self.lock:
            self.stopped.set()
            if self.process is not None and self.process.poll() is None:
                # Its group may have ended since poll(): nothing to stop.
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(self.process.pid, signal.SIGTERM)
        self.thread.join()


def ready_sessions(crates: list[Path], installed: set[Path]) -> list[Path]:
    """The sessions of these crates all of whose crates are installed: the
    crates under the session's folder, by whose wheels its result is keyed."""
    ready = []
    for session in example_files(WORKSPACE):
        mine = [crate for crate in crates if crate.is_relative_to(session.parent)]
        if session.suffix == ".pycon" and mine and installed.issuperset(mine):
            ready.append(session)
    return ready


ERROR_AT = re.compile(r"^error.*\n\s*--> (?P<path>[^:\n]+):(?P<line>\d+):\d+", re.M)


def pages_showing_errors(output: str) -> list[str]:
    """For each compile error, the pages that show the broken line."""
    found = []
    for match in ERROR_AT.finditer(output):
        path = Path(match["path"])
        if not path.is_absolute():
            path = WORKSPACE / path
        line = int(match["line"])
        if not path.is_file() or not path.resolve().is_relative_to(WORKSPACE):
            continue
        pages = shown_on(ROOT / "docs", WORKSPACE, path, line)
        where = f"{path.relative_to(ROOT)}:{line}"
        shown = ", ".join(pages) if pages else "no page shows this line"
        found.append(f"error at {where} is shown on: {shown}")
    return list(dict.fromkeys(found))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--release", action="store_true", help="optimised build")
    parser.add_argument(
        "--keep-going", action="store_true", help="build the rest after a failure"
    )
    parser.add_argument(
        "--feature-groups",
        action="store_true",
        help="print the crates Cargo may build together, each group with the "
        "target folder this build uses for it, as JSON, and exit",
    )
    parser.add_argument("crates", nargs="*", type=Path, help="only these crates")
    args = parser.parse_args(argv)
    if args.feature_groups:
        metadata = cargo_metadata()
        found = [
            {"target": str(lane.target), "members": group}
            for lane in lanes(metadata, feature_groups(metadata))
            for group in lane.groups
        ]
        print(json.dumps(found))
        return 0

    maturin_version = subprocess.run(
        [*MATURIN, "--version"], check=True, capture_output=True, text=True
    ).stdout.strip()
    metadata = cargo_metadata()
    problems = check_membership(metadata)
    if problems:
        print("\n".join(problems), file=sys.stderr)
        return 1
    crates = binding_crates(metadata)
    if args.crates:
        wanted = {c.resolve() for c in args.crates}
        unknown = wanted - set(crates)
        if unknown:
            names = ", ".join(sorted(map(str, unknown)))
            parser.error(f"not an example binding crate: {names}")
        crates = {c: deps for c, deps in crates.items() if c in wanted}

    started = time.perf_counter()
    todo: dict[Path, tuple[Path, str]] = {}  # wheelhouse folder, fingerprint
    wheels: dict[Path, tuple[str, Path]] = {}
    skipped = 0
    for crate, folders in crates.items():
        expected = fingerprint(folders, args.release, maturin_version)
        stamp = installed_wheel(crate)
        if stamp is not None and stamp.get("fingerprint") == expected:
            skipped += 1
            continue
        house = WHEELHOUSE / crate_key(crate) / expected[:16]
        wheel = compatible_wheel(house) if house.is_dir() else None
        if wheel is None:
            todo[crate] = (house, expected)
        else:
            wheels[crate] = (expected, wheel)
    reused = len(wheels)

    failed: list[str] = []
    wheels_lock = threading.Lock()

    def record(build: Build, returncode: int, output: str, quiet: bool) -> bool:
        """Keep the wheel built, or report the failure (its output if quiet)."""
        wheel = compatible_wheel(build.house) if returncode == 0 else None
        # Cargo replays a fresh crate's warnings: a quiet pack shows them.
        if quiet and (wheel is None or "warning" in output):
            print(output, end="")
        if wheel is not None:
            with wheels_lock:  # the main thread reads it while lanes build
                wheels[build.crate] = (build.fingerprint, wheel)
            return True
        print(
            f"error: {build.name}/Cargo.toml failed to build; the compiler's "
            "message is above",
            file=sys.stderr,
        )
        for line in pages_showing_errors(output):
            print(line, file=sys.stderr)
        failed.append(build.name)
        return False

    stop = threading.Event()  # set by a failure, unless --keep-going

    def build_group(builds: list[Build], target: Path, echo: bool) -> None:
        """Build one feature group's crates (see the module's docstring)."""
        first, rest = builds[0], builds[1:]
        built = record(first, *first.run(args.release, echo), quiet=not echo)
        together = (
            built
            and len(rest) > 0
            and "-abi3-" in wheels[first.crate][1].name
            and compile_together(
                [build.package for build in rest], target, args.release, echo
            )
        )
        if together:
            with ThreadPoolExecutor(max_workers=2) as pool:
                packed = list(pool.map(Build.run, rest, repeat(args.release)))
            for build, result in zip(rest, packed, strict=True):
                built = record(build, *result, quiet=True) and built
        else:
            for build in rest:  # one after the other, each shown as it builds
                if stop.is_set() or not (built or args.keep_going):
                    break
                built = record(build, *build.run(args.release, echo), quiet=not echo)
        if not built and not args.keep_going:
            stop.set()

    def build_lane(lane: Lane, echo: bool) -> None:
        for group in lane.groups:
            builds = [
                Build(name, members[name], *todo[members[name]], lane.target)
                for name in group
                if members[name] in todo
            ]
            if builds and not stop.is_set():
                build_group(builds, lane.target, echo)

    installed = set(crates) - set(todo) - set(wheels)

    def install(batch: dict[Path, tuple[str, Path]]) -> bool:
        """Install these wheels with one ``uv pip install``, then stamp them."""
        if not batch:
            return True
        command = [*UV_PIP, "install", "--python", sys.executable, "--no-deps"]
        paths = [str(wheel) for _, wheel in batch.values()]
        returncode, _ = run_echoing(
            [*command, "--reinstall", "--quiet", *paths], this_environment()
        )
        if returncode != 0:
            print(f"error: could not install {', '.join(paths)}", file=sys.stderr)
            return False
        for crate, (expected, wheel) in batch.items():
            stamp_path(crate).parent.mkdir(exist_ok=True)
            stamp_path(crate).write_text(
                json.dumps(
                    {
                        "crate": example_name(crate),
                        "fingerprint": expected,
                        "wheel": str(wheel),
                        "sha256": sha256_of(wheel),
                    },
                    indent=1,
                )
            )
            installed.add(crate)
        return True

    def not_installed() -> dict[Path, tuple[str, Path]]:
        with wheels_lock:
            return {c: w for c, w in wheels.items() if c not in installed}

    if todo:
        members = package_folders(metadata)
        busy = [
            lane
            for lane in lanes(metadata, feature_groups(metadata))
            if any(members[name] in todo for group in lane.groups for name in group)
        ]
        warming = None
        try:
            with ThreadPoolExecutor(len(busy)) as pool:
                # The first busy lane shows its builds as they go; the other,
                # quiet, names each crate it built and shows what failed.
                running = [
                    pool.submit(build_lane, lane, number == 0)
                    for number, lane in enumerate(busy)
                ]
                for finished in as_completed(running):
                    error = finished.exception()
                    if error is not None:
                        stop.set()  # the other lane starts nothing more
                        raise error
                    waiting = not all(lane.done() for lane in running)
                    # A lane is done while another builds: its crates are
                    # installed now, and what the docs build would do first
                    # for them is done meanwhile (not for a release build,
                    # which no docs build reads).
                    if waiting and not (warming or failed or args.release):
                        if not install(not_installed()):
                            stop.set()
                            return 1
                        ready = ready_sessions(list(crates), installed)
                        warming = Warming(warming_commands(ready))
        finally:
            if warming is not None:
                warming.stop()
    if failed and not args.keep_going:
        return 1
    if not install(not_installed()):
        return 1

    elapsed = time.perf_counter() - started
    print(
        f"examples: {len(todo) - len(failed)} built, {reused} installed from the "
        f"wheelhouse, {skipped} up to date, {len(failed)} failed ({elapsed:.1f} s)"
    )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
