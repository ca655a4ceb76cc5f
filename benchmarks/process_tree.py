"""The memory and CPU time of a process and all its descendants, sampled from /proc (benchmarks.bench).

Forked workers share pages, so the summed resident set sizes overstate a little; the largest single
process is kept too.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

#: How often the memory of a measured process tree is sampled.
SAMPLE_S = 0.1


def process_tree(root: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            stat = Path(entry.path, "stat").read_text()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        children.setdefault(ppid, []).append(int(entry.name))
    tree, todo = [], [root]
    while todo:
        pid = todo.pop()
        tree.append(pid)
        todo.extend(children.get(pid, []))
    return tree


def cpu_seconds(pid: int) -> float | None:
    """User + system CPU time a process has used so far (its own, not its children's)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return None


def rss_bytes(pid: int) -> int:
    try:
        return int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, IndexError, ValueError):
        return 0


class MemorySampler(threading.Thread):
    """Peak summed RSS of a process and its descendants, of its largest single process, and the CPU
    time the tree used (each process's last sample: up to SAMPLE_S of a short-lived one is missed)."""

    def __init__(self, pid: int):
        super().__init__(daemon=True)
        self.pid, self.peak_tree, self.peak_single = pid, 0, 0
        self.cpu: dict[int, float] = {}
        self.stopped = threading.Event()

    def run(self) -> None:
        while not self.stopped.is_set():
            tree = process_tree(self.pid)
            sizes = [rss_bytes(pid) for pid in tree]
            self.peak_tree = max(self.peak_tree, sum(sizes))
            self.peak_single = max(self.peak_single, max(sizes, default=0))
            for pid in tree:
                used = cpu_seconds(pid)
                if used is not None:
                    self.cpu[pid] = max(self.cpu.get(pid, 0.0), used)
            self.stopped.wait(SAMPLE_S)
