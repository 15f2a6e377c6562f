"""The benchmark's memory measure: the process tree's resident memory, each process counted once."""

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
    _, peak = bench.timed([sys.executable, "-c", PARENT], tmp_path)
    assert 300 <= peak < 400


def test_a_process_tree_counts_every_process_that_lives_on(tmp_path):
    child = "x = bytearray(200 * 2**20); x[::4096] = b'1' * len(x[::4096]); import time; time.sleep(1)"
    parent = (f"import subprocess, sys\nx = bytearray(100 * 2**20)\nx[::4096] = b'1' * len(x[::4096])\n"
              f"subprocess.run([sys.executable, '-c', {child!r}])\n")
    _, peak = bench.timed([sys.executable, "-c", parent], tmp_path)
    assert peak >= 300
