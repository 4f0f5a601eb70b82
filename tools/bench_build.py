"""Measure how fast authors get feedback from ``nox -s docs``.

Run it through nox (``nox -s bench-build``) or directly::

    python -m tools.bench_build [--nox "python -m nox"] [--output FILE]

It works on a throwaway copy of the project (the files git knows about,
committed or not), so it never edits your files nor touches your
``examples/target`` or ``.nox``.  In that copy, with a fresh nox environment
folder and a fresh Cargo target folder, it times the steps below; it does
so three times (``--runs``), each time in a new copy, and judges each step
by its median run:

* a cold ``nox -s docs`` (environment created, PyO3 and every example
  compiled, every page read);
* a no-op ``nox -s docs`` straight after;
* ``nox -s docs`` after ``touch`` of one example's ``src/lib.rs`` (same
  content, newer time), after a real change to it (a comment appended), and
  after reverting that change;
* ``nox -s docs`` after a real change to one page;
* for comparison, a plain ``cargo build`` of the workspace (dev profile,
  fresh target; one invocation per feature group, as the examples build
  groups the crates) and a plain
  ``sphinx-build`` of the pages into a fresh folder.

Every run's output is saved with a time stamp per line next to the JSON, so
the time spent creating the environment, building the examples and running
Sphinx is split out.  Each step also counts the PyO3 libraries that Cargo
wrote during it in any target folder (``deps/libpyo3-*.rlib``, one per
build of PyO3): the build's quiet lane and a page's session build without
printing Cargo's lines.  Each
step records its wall time, which the targets judge, and the CPU time of
everything it ran with the load average before it: when other work shares
the machine, the wall time grows and the CPU time barely moves.  The JSON
also names the machine and the tool versions.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import resource
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tools import build_examples

ROOT = Path(__file__).resolve().parent.parent
# Targets for a 2-core machine (see README.rst, "Build performance").
NOOP_LIMIT = 10.0
CHANGE_LIMIT = 20.0
COLD_RATIO_LIMIT = 1.3
# nox announces each command it runs; these mark the phases of `docs`.
EXAMPLES_START = re.compile(r"^nox > python -m tools\.build_examples")
SPHINX_START = re.compile(r"^nox > sphinx-build ")


def project_files(root: Path) -> list[str]:
    """Files git tracks or would track: the project without build output."""
    out = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"],
        cwd=root,
        check=True,
        capture_output=True,
    ).stdout
    return [name for name in out.decode().split("\0") if name]


def copy_project(root: Path, dest: Path) -> None:
    for name in project_files(root):
        source = root / name
        if source.is_file():
            target = dest / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)


def pyo3_builds(targets: list[Path], since: float) -> int:
    """PyO3 libraries Cargo wrote into these target folders since then."""
    return sum(
        1
        for target in targets
        for library in target.rglob("deps/libpyo3-*.rlib")
        if library.stat().st_mtime >= since
    )


def run(
    command: list[str], cwd: Path, env: dict[str, str], log: Path, targets: list[Path]
) -> dict:
    """Run a command, save its output with time stamps, return the timings."""
    load = os.getloadavg()[0]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    started_at = time.time()  # a library written before it is not this step's
    marks: dict[str, float] = {}
    with (
        log.open("w") as sink,
        subprocess.Popen(
            command,
            cwd=cwd,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            errors="replace",
        ) as process,
    ):
        assert process.stdout is not None
        for line in process.stdout:
            now = time.perf_counter() - started
            sink.write(f"{now:8.2f} {line}")
            if EXAMPLES_START.match(line):
                marks.setdefault("examples", now)
            if SPHINX_START.match(line):
                marks.setdefault("sphinx", now)
        returncode = process.wait()
    seconds = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    result = {
        "command": shlex.join(command),
        "seconds": round(seconds, 2),
        # CPU time of the command and everything it ran: unlike the wall
        # time, it barely moves when other work loads the machine.
        "cpu_seconds": round(cpu, 2),
        "load_average_before": round(load, 2),
        "returncode": returncode,
        "pyo3_builds": pyo3_builds(targets, started_at),
        "log": str(log),
    }
    if "examples" in marks and "sphinx" in marks:
        result["phases"] = {
            "environment": round(marks["examples"], 2),
            "examples": round(marks["sphinx"] - marks["examples"], 2),
            "sphinx": round(seconds - marks["sphinx"], 2),
        }
    return result


def first_line(command: list[str], env: dict[str, str] | None = None) -> str:
    try:
        out = subprocess.run(
            command, check=True, capture_output=True, text=True, env=env
        ).stdout
    except (OSError, subprocess.CalledProcessError) as error:
        return f"unavailable ({error})"
    return out.strip().splitlines()[0] if out.strip() else ""


def machine() -> dict:
    info = {
        "cores": os.cpu_count(),
        "platform": platform.platform(),
        "machine": platform.machine(),
    }
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                info["cpu"] = line.split(":", 1)[1].strip()
                break
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                info["memory_gib"] = round(int(line.split()[1]) / 2**20, 1)
        for line in Path("/etc/os-release").read_text().splitlines():
            if line.startswith("PRETTY_NAME="):
                info["os"] = line.split("=", 1)[1].strip('"')
    except OSError:
        pass  # not Linux: the platform string still names the system
    return info


def tool_versions(env_bin: Path) -> dict:
    python = str(env_bin / "python")
    return {
        "rustc": first_line(["rustc", "--version"]),
        "cargo": first_line(["cargo", "--version"]),
        "python": first_line([python, "--version"]),
        "maturin": first_line([str(env_bin / "maturin"), "--version"]),
        "sphinx": first_line(
            [python, "-c", "import sphinx; print('sphinx', sphinx.__version__)"]
        ),
        "uv": first_line([str(env_bin / "uv"), "--version"]),
    }


def page_of(project: Path, topic: str) -> Path:
    for suffix in (".rst", ".md"):
        page = project / "docs" / f"{topic}{suffix}"
        if page.is_file():
            return page
    raise SystemExit(f"error: no page docs/{topic}.rst or .md")


def comment_for(page: Path) -> str:
    return "\n% a real change\n" if page.suffix == ".md" else "\n.. a real change\n"


def table(results: dict, figures: dict) -> str:
    rows = [
        (
            *("step", "wall s", "runs", "cpu s", "load"),
            *("env", "examples", "sphinx", "pyo3", "rc"),
        )
    ]
    for name, step in results.items():
        phases = step.get("phases", {})
        rows.append(
            (
                name,
                f"{step['seconds']:.1f}",
                "-".join(f"{t:.1f}" for t in sorted(step["every_run_seconds"])),
                f"{step['cpu_seconds']:.1f}",
                f"{step['load_average_before']:.1f}",
                *(
                    f"{phases[p]:.1f}" if p in phases else "-"
                    for p in ("environment", "examples", "sphinx")
                ),
                str(step["pyo3_builds"]),
                str(step["returncode"]),
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = [
        "  ".join(
            cell.ljust(width) if i == 0 else cell.rjust(width)
            for i, (cell, width) in enumerate(zip(row, widths, strict=True))
        )
        for row in rows
    ]
    lines.insert(1, "  ".join("-" * width for width in widths))
    lines.append("")
    for name, figure in figures.items():
        verdict = "ok" if figure["ok"] else "MISSED"
        lines.append(
            f"{verdict:6} {name}: {figure['value']} (target {figure['target']})"
        )
    return "\n".join(lines)


def one_run(args: argparse.Namespace, logs: Path) -> tuple[dict, dict]:
    """Every step once, in a scratch copy of its own: the steps' timings."""
    scratch = Path(tempfile.mkdtemp(prefix="bench-build-"))
    project = scratch / "project"
    logs.mkdir(parents=True)
    envdir = scratch / "nox"
    env = {
        **os.environ,
        "GUIDE_BUILD_DIR": str(scratch / "build"),
        "GUIDE_CARGO_TARGET_DIR": str(scratch / "target"),
        # Line by line output, so that each line's time stamp is true.
        "PYTHONUNBUFFERED": "1",
    }
    env.pop("CARGO_TARGET_DIR", None)
    nox_docs = [*shlex.split(args.nox), "--envdir", str(envdir), "-s", "docs"]
    print(f"scratch copy: {project}", flush=True)
    copy_project(ROOT, project)
    lib_rs = project / "examples" / args.topic / "src" / "lib.rs"
    page = page_of(project, args.topic)
    original = lib_rs.read_bytes()

    results: dict[str, dict] = {}

    def step(name: str, command: list[str], step_env: dict[str, str] = env) -> None:
        print(f"-- {name}: {shlex.join(command)}", flush=True)
        # Wherever a build of this copy may compile PyO3.
        targets = [scratch / "target", scratch / "target-plain"]
        targets.append(project / "examples" / "target")
        results[name] = run(command, project, step_env, logs / f"{name}.log", targets)
        print(f"   {results[name]['seconds']:.1f} s", flush=True)

    try:
        step("cold docs", nox_docs)
        step("no-op docs", nox_docs)
        stat = lib_rs.stat()
        os.utime(lib_rs, (stat.st_atime, stat.st_mtime + 2))
        step("touch lib.rs", nox_docs)
        lib_rs.write_bytes(original + b"\n// a real change\n")
        step("edit lib.rs", nox_docs)
        lib_rs.write_bytes(original)
        step("revert lib.rs", nox_docs)
        page.write_text(page.read_text() + comment_for(page))
        step("edit page", nox_docs)

        env_bin = next(envdir.glob("docs*/bin"))
        plain_env = {**env, "CARGO_TARGET_DIR": str(scratch / "target-plain")}
        # One invocation per feature group: Cargo would unify their features.
        metadata = build_examples.cargo_metadata()
        command = " && ".join(
            shlex.join(
                ["cargo", "build", "--manifest-path", "examples/Cargo.toml"]
                + [arg for name in group for arg in ("-p", name)]
            )
            for group in build_examples.feature_groups(metadata)
        )
        step("plain cargo build", ["bash", "-c", command], plain_env)
        # Sphinx runs each page's session, so it needs the built modules: use
        # the docs environment, where the cold build installed them.
        sphinx_env = {**env, "PATH": f"{env_bin}{os.pathsep}{env['PATH']}"}
        jobs = os.environ.get("SPHINX_JOBS", "auto")
        step(
            "plain sphinx-build",
            [
                str(env_bin / "sphinx-build"),
                *("-b", "html", "-c", ".", "-W", "--keep-going", "-n", "-j", jobs),
                "docs",
                str(scratch / "plain-html"),
            ],
            sphinx_env,
        )
        versions = tool_versions(env_bin)
    finally:
        if not args.keep:
            shutil.rmtree(scratch, ignore_errors=True)
    return results, versions


def median(runs: list[dict]) -> dict:
    """The run in the middle by wall time, with every run's wall time beside it."""
    middle = sorted(runs, key=lambda step: step["seconds"])[len(runs) // 2]
    return {**middle, "every_run_seconds": [step["seconds"] for step in runs]}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--nox",
        default=f"{shlex.quote(sys.executable)} -m nox",
        help="how to start nox (default: %(default)s)",
    )
    parser.add_argument(
        "--output", type=Path, default=ROOT / "build" / "bench-build.json"
    )
    parser.add_argument(
        "--topic",
        default="module-template",
        help="the example whose src/lib.rs and page are changed",
    )
    parser.add_argument(
        "--runs",
        type=int,
        default=3,
        help="times to run every step, each time in a new copy (default: 3)",
    )
    parser.add_argument("--keep", action="store_true", help="keep the scratch folders")
    args = parser.parse_args(argv)

    logs = args.output.parent / (args.output.stem + "-logs")
    shutil.rmtree(logs, ignore_errors=True)
    every_run = []
    for number in range(1, args.runs + 1):
        print(f"== run {number} of {args.runs}", flush=True)
        every_run.append(one_run(args, logs / f"run-{number}"))
    versions = every_run[-1][1]
    results = {
        name: median([steps[name] for steps, _ in every_run])
        for name in every_run[0][0]
    }

    plain = (
        results["plain cargo build"]["seconds"]
        + results["plain sphinx-build"]["seconds"]
    )
    cold = results["cold docs"]
    cold_build = cold["seconds"] - cold.get("phases", {}).get("environment", 0.0)
    changes = ("edit lib.rs", "revert lib.rs")
    slowest_change = max(results[name]["seconds"] for name in changes)
    figures = {
        "no-op docs": {
            "value": f"{results['no-op docs']['seconds']:.1f} s",
            "target": f"<= {NOOP_LIMIT:.0f} s",
            "ok": results["no-op docs"]["seconds"] <= NOOP_LIMIT,
        },
        "site updated after one lib.rs change": {
            "value": f"{slowest_change:.1f} s",
            "target": f"<= {CHANGE_LIMIT:.0f} s",
            "ok": slowest_change <= CHANGE_LIMIT,
        },
        "cold build (without environment setup) / plain sum": {
            "value": f"{cold_build / plain:.2f}",
            "target": f"<= {COLD_RATIO_LIMIT}",
            "ok": cold_build / plain <= COLD_RATIO_LIMIT,
        },
        "cold docs (with environment setup) / plain sum": {
            "value": f"{cold['seconds'] / plain:.2f}",
            "target": f"<= {COLD_RATIO_LIMIT}",
            "ok": cold["seconds"] / plain <= COLD_RATIO_LIMIT,
        },
        # Once per feature group, as in the plain build.
        "PyO3 builds in the cold build": {
            "value": str(cold["pyo3_builds"]),
            "target": str(results["plain cargo build"]["pyo3_builds"]),
            "ok": cold["pyo3_builds"] == results["plain cargo build"]["pyo3_builds"],
        },
    }
    report = {
        "machine": machine(),
        "tools": versions,
        "topic": args.topic,
        "steps": results,
        "figures": figures,
    }
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(report, indent=2) + "\n")

    m = report["machine"]
    print()
    print(
        f"machine: {m.get('cpu', m['machine'])}, {m['cores']} cores, "
        f"{m.get('memory_gib', '?')} GiB, {m.get('os', m['platform'])}"
    )
    print("tools: " + "; ".join(versions.values()))
    print(table(results, figures))
    print(f"\nresults: {args.output}\nlogs: {logs}")
    failed = sorted(
        {
            name
            for steps, _ in every_run
            for name, step in steps.items()
            if step["returncode"] != 0
        }
    )
    if failed:
        print(f"error: these steps failed: {', '.join(failed)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
