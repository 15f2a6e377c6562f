"""`make bench`: how fast the build is and how it grows, measured in one run on this machine.

Measured, each as a separate `oerkit build` process timed from outside (wall time, and peak memory of the
whole process tree: the build, its MkDocs process and its pandoc processes, summed):
- full build from clean of a copy of the project (validation, the site in every language, every export);
- a bare `mkdocs build` of the same generated Markdown pages with the same configuration (theme, i18n,
  search): the floor for the site, and the ratio full / bare;
- a no-op rebuild (nothing changed) and a rebuild after editing one module page, each five times (the
  median counts: this machine's speed varies from run to run);
- synthetic curricula (benchmarks/synthetic.py) of 50, 100 and 200 modules x 4 languages, built from clean:
  wall time and peak memory;
- output sizes: the largest SCORM package without media, the median EPUB, the learner tools' gzipped script;
- the machine's speed at the start, around the edits and at the end (speed_probe): a fixed piece of work
  whose time shows whether the machine was in a slow phase.

Writes benchmarks/latest.json and benchmarks/latest.md. `--scales 20,40` measures other sizes (for a quick
check of the harness); `--no-scale` skips the synthetic curricula.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
from pathlib import Path
from typing import NamedTuple

REPO = Path(__file__).resolve().parents[1]


def _sibling(name: str):
    """A module of this folder, loaded from its file: another `synthetic` module (the tests have one) may be
    imported already under the same name."""
    import importlib.util
    spec = importlib.util.spec_from_file_location(f"oerkit_benchmarks_{name}", Path(__file__).with_name(f"{name}.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


_synthetic = _sibling("synthetic")
copy_project, make_curriculum = _synthetic.copy_project, _synthetic.make_curriculum

PYTHON = sys.executable
REPEATS = 5  # timings of the no-op and the one-page rebuild: the median is reported, and every run
GOALS = {"ratio_full_vs_mkdocs": 1.5, "noop_rebuild_s": 1.0, "one_module_rebuild_s": 3.0,
         "scale_200_modules_s": 300.0, "scale_200_peak_rss_mb": 1536.0}


def machine() -> str:
    mem = ""
    try:
        kb = int(next(line for line in open("/proc/meminfo") if line.startswith("MemTotal")).split()[1])
        mem = f", {kb / 1024 / 1024:.0f} GiB"
    except (OSError, StopIteration, ValueError):
        pass
    model = ""
    try:
        model = next(line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    return f"{platform.machine()} {model}, {os.cpu_count()} cores{mem}, Python {platform.python_version()}".strip()


def tree_rss_kb(root_pid: int, earlier: set[int] | None = None) -> tuple[int, set[int]]:
    """Resident memory of a process and all its descendants, summed (from /proc), and the pids counted.

    A child that has the command line of its parent and was not there at the `earlier` sample is left out:
    it is the parent between fork and exec (Python starts pandoc, git and cp that way, thousands of times in
    a large build), and its resident memory is the parent's own, counted once already. Such a window lasts
    far less than the 0.1 s between samples; a child that lives on (a worker of a process pool) is counted
    from the next sample on."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    cmdline: dict[int, bytes] = {}
    page_kb = os.sysconf("SC_PAGE_SIZE") // 1024
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                stat = f.read()
            with open(f"/proc/{entry}/statm") as f:
                rss[int(entry)] = int(f.read().split()[1]) * page_kb
            with open(f"/proc/{entry}/cmdline", "rb") as f:
                cmdline[int(entry)] = f.read()
        except (OSError, ValueError, IndexError):
            continue
        parent = int(stat[stat.rindex(")") + 2:].split()[1])
        children.setdefault(parent, []).append(int(entry))
    total, counted, todo = 0, set(), [(root_pid, None)]
    while todo:
        pid, parent = todo.pop()
        if parent is None or earlier is None or pid in earlier or cmdline.get(pid) != cmdline.get(parent):
            total += rss.get(pid, 0)
        counted.add(pid)
        todo += [(child, pid) for child in children.get(pid, [])]
    return total, counted


class Run(NamedTuple):
    wall_s: float
    peak_mb: float  # resident memory of the process tree at its largest; 0 when not sampled
    cpu_s: float  # CPU time (user and system) of the process tree: the build, MkDocs, pandoc, workers


def timed(command: list[str], cwd: Path, memory: bool = True) -> Run:
    """Run a command; return its wall seconds, the peak resident memory in MB of the process tree (the build,
    its MkDocs process and its pandoc processes together, sampled ten times a second in another thread; 0
    when `memory` is false, for short runs whose time the sampling itself would lengthen) and the CPU time
    of the whole tree (each process's time reaches its parent when it ends, and this one's here)."""
    # as on an author's machine, Python keeps the compiled modules (a shell may have switched that off)
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    proc = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=env)
    peak = [0]
    stderr: list[str] = []
    reader = threading.Thread(target=lambda: stderr.append(proc.stderr.read()), daemon=True)
    reader.start()

    def sample() -> None:
        earlier: set[int] = set()
        while proc.poll() is None:
            total, earlier = tree_rss_kb(proc.pid, earlier)
            peak[0] = max(peak[0], total)
            time.sleep(0.1)

    sampler = threading.Thread(target=sample, daemon=True)
    if memory:
        sampler.start()
    proc.wait()
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    reader.join()
    if memory:
        sampler.join()
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed:\n{''.join(stderr)[-3000:]}")
    return Run(round(wall, 2), round(peak[0] / 1024, 1), round(cpu, 2))


def speed_probe() -> float:
    """Seconds this machine takes for a fixed piece of work (Python bytecode and hashing, about 0.5 s here).
    Its speed changes by up to half from one minute to the next: the probe, taken at several points of the
    run, tells a slow phase of the machine from a slower build."""
    import hashlib
    started = time.perf_counter()
    total = 0
    for i in range(3_000_000):
        total += i * i % 7
    block = b"x" * 10_000_000
    for _ in range(5):
        hashlib.sha256(block).digest()
    return round(time.perf_counter() - started, 3)


def oerkit(project: Path, *args: str) -> list[str]:
    return [PYTHON, "-m", "oerkit.cli", "--root", str(project), "build", *args]


def sizes(site: Path) -> dict:
    out = {}
    script = site / "assets" / "oerkit" / "learner.js"
    out["tools_js_bytes"] = script.stat().st_size
    out["tools_js_gzip_kb"] = round(len(gzip.compress(script.read_bytes(), 9, mtime=0)) / 1024, 1)
    out["site_html_pages"] = sum(1 for _ in site.rglob("*.html"))
    scorm = sorted((site / "downloads").glob("scorm/*.zip"))

    def without_media(path: Path) -> int:
        with zipfile.ZipFile(path) as zf:
            return sum(i.compress_size for i in zf.infolist() if not i.filename.startswith("media/")) + 22

    out["scorm_packages"] = len(scorm)
    out["scorm_max_kb_excl_media"] = round(max(without_media(p) for p in scorm) / 1024, 1)
    out["scorm_max_kb"] = round(max(p.stat().st_size for p in scorm) / 1024, 1)
    epubs = sorted(p.stat().st_size for p in (site / "downloads").glob("epub/*.epub"))
    out["epubs"] = len(epubs)
    out["epub_median_kb"] = round(statistics.median(epubs) / 1024, 1)
    return out


def measure(scales: list[int]) -> dict:
    results: dict = {"machine": machine(), "date": time.strftime("%Y-%m-%d")}
    probes = {"start": speed_probe()}
    with tempfile.TemporaryDirectory(prefix="oerkit-bench-") as tmp:
        project = copy_project(REPO, Path(tmp) / "project")
        site = project / "site"
        print("full build from clean ...", file=sys.stderr, flush=True)
        full = timed(oerkit(project), project)
        results["full_build_s"], results["full_build_peak_rss_mb"] = full.wall_s, full.peak_mb
        results.update(sizes(site))
        print("bare mkdocs build of the same pages ...", file=sys.stderr, flush=True)
        config = project / "build" / "mkdocs.generated.yml"
        bare = timed([PYTHON, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(Path(tmp) / "bare")],
                     project)
        results["bare_mkdocs_s"] = bare.wall_s
        results["ratio_full_vs_mkdocs"] = round(results["full_build_s"] / results["bare_mkdocs_s"], 2)
        # what the machine's cores allow: the full build cannot take less than its CPU time shared by all cores
        results["full_build_cpu_s"], results["bare_mkdocs_cpu_s"] = full.cpu_s, bare.cpu_s
        results["full_build_cpu_floor_s"] = round(full.cpu_s / (os.cpu_count() or 1), 2)
        # the machine's speed varies from run to run: the rebuilds are timed several times, the median counts
        print(f"no-op rebuild, {REPEATS} times ...", file=sys.stderr, flush=True)
        runs = [timed(oerkit(project), project, memory=False).wall_s for _ in range(REPEATS)]
        results["noop_rebuild_s"], results["noop_rebuild_runs"] = statistics.median(runs), runs
        probes["before_edits"] = speed_probe()
        page = next(p for p in sorted((project / "modules").glob("T1-*/*.md")) if p.suffixes == [".md"])
        print(f"rebuild after editing {page.relative_to(project)}, {REPEATS} times ...", file=sys.stderr, flush=True)
        runs = []
        for n in range(REPEATS):
            page.write_text(page.read_text(encoding="utf-8") + f"\nOne more sentence ({n + 1}), for the benchmark.\n",
                            encoding="utf-8")
            runs.append(timed(oerkit(project), project, memory=False).wall_s)
        results["one_module_rebuild_s"], results["one_module_rebuild_runs"] = statistics.median(runs), runs
        probes["after_edits"] = speed_probe()
    points = []
    for count in scales:
        with tempfile.TemporaryDirectory(prefix=f"oerkit-bench-{count}-") as tmp:
            made = make_curriculum(REPO, Path(tmp) / "project", count)
            modules = sum(len(ids) for ids in made.values())
            print(f"synthetic curriculum: {modules} modules x 4 languages, from clean ...", file=sys.stderr, flush=True)
            run = timed(oerkit(Path(tmp) / "project", "--no-cache"), Path(tmp) / "project")
            points.append({"modules": modules, "seconds": run.wall_s, "peak_rss_mb": run.peak_mb, "cpu_s": run.cpu_s,
                           "seconds_per_module": round(run.wall_s / modules, 2)})
    probes["end"] = speed_probe()
    results["machine_speed_probe_s"] = probes
    results["scale_points"] = points
    biggest = next((p for p in points if p["modules"] == 200), None)
    if biggest:
        results["scale_200_modules_s"] = biggest["seconds"]
        results["scale_200_peak_rss_mb"] = biggest["peak_rss_mb"]
    results["goals"] = {key: {"goal": goal, "met": key in results and results[key] <= goal}
                        for key, goal in GOALS.items()}
    return results


def markdown(results: dict) -> str:
    rows = [f"| {k} | {v} |" for k, v in results.items() if k not in ("scale_points", "goals")]
    out = ["# Latest benchmark", "", f"Machine: {results['machine']}, {results['date']}.", "",
           "| measure | value |", "|---|---|", *rows, ""]
    if results.get("scale_points"):
        out += ["## Synthetic curricula (4 languages, from clean)", "",
                "| modules | seconds | s per module | peak RSS MB | CPU s |", "|---|---|---|---|---|"]
        out += [f"| {p['modules']} | {p['seconds']} | {p['seconds_per_module']} | {p['peak_rss_mb']} | {p.get('cpu_s', '-')} |"
                for p in results["scale_points"]]
        out.append("")
    out += ["## Goals of issue 10", "", "| measure | goal | measured | met |", "|---|---|---|---|"]
    out += [f"| {k} | {g['goal']} | {results.get(k, '-')} | {'yes' if g['met'] else 'no'} |"
            for k, g in results["goals"].items()]
    return "\n".join(out) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description="measure the build (see the module docstring)")
    parser.add_argument("--scales", default="50,100,200", help="synthetic curriculum sizes (default 50,100,200)")
    parser.add_argument("--no-scale", action="store_true", help="skip the synthetic curricula")
    parser.add_argument("--out", type=Path, default=REPO / "benchmarks", help="where latest.json/.md go")
    args = parser.parse_args()
    scales = [] if args.no_scale else [int(x) for x in args.scales.split(",") if x.strip()]
    try:
        results = measure(scales)
    except RuntimeError as exc:
        print(f"benchmark stopped: {exc}", file=sys.stderr)
        return 1
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "latest.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    (args.out / "latest.md").write_text(markdown(results), encoding="utf-8")
    print(markdown(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
