"""The benchmark's measures of a process tree: its resident memory, each process counted once, and its CPU time."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

_spec = importlib.util.spec_from_file_location("oerkit_benchmarks_bench",
                                               Path(__file__).resolve().parents[1] / "benchmarks" / "bench.py")
bench = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(bench)

# a 300 MB process that starts short-lived children the slow way (fork, a pause, then exec), so that the
# sampler sees many of them between fork and exec, when they are copies of the parent
PARENT = ("import subprocess, time\n"
          "x = bytearray(300 * 2**20)\n"
          "x[::4096] = b'1' * len(x[::4096])\n"
          "for _ in range(60):\n"
          "    subprocess.run(['true'], preexec_fn=lambda: time.sleep(0.02))\n")


def test_a_child_between_fork_and_exec_is_not_counted_as_more_memory(tmp_path):
    peak = bench.timed([sys.executable, "-c", PARENT], tmp_path).peak_mb
    assert 300 <= peak < 400


def test_a_process_tree_counts_every_process_that_lives_on(tmp_path):
    child = "x = bytearray(200 * 2**20); x[::4096] = b'1' * len(x[::4096]); import time; time.sleep(1)"
    parent = (f"import subprocess, sys\nx = bytearray(100 * 2**20)\nx[::4096] = b'1' * len(x[::4096])\n"
              f"subprocess.run([sys.executable, '-c', {child!r}])\n")
    peak = bench.timed([sys.executable, "-c", parent], tmp_path).peak_mb
    assert peak >= 300


def test_the_cpu_time_of_a_tree_counts_its_grandchildren(tmp_path):
    """The full build's CPU time is mostly its children's (MkDocs) and grandchildren's (pandoc under nice):
    a process that only waits for a grandchild busy for about 0.6 s of CPU is measured at about 0.6 s."""
    busy = "import time\nend = time.process_time() + 0.6\nwhile time.process_time() < end: pass\n"
    child = f"import subprocess, sys; subprocess.run([sys.executable, '-c', {busy!r}])"
    run = bench.timed([sys.executable, "-c", f"import subprocess, sys; subprocess.run([sys.executable, '-c', {child!r}])"],
                      tmp_path, memory=False)
    assert 0.6 <= run.cpu_s < run.wall_s + 0.5 and run.peak_mb == 0
