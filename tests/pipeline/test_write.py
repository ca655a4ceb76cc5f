"""Crash safety of the dataset folder: atomic swap, recovery, and one writer at a time."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from pipeline.validate import read_dataset
from pipeline.write import LockedError, output_lock, recover, to_table, write_dataset

ROOT = Path(__file__).resolve().parents[2]


def tables(n: int) -> dict:
    rows = [
        {
            "evaluation_id": f"x-{2000 + i}",
            "document_id": None,
            "code": "demo",
            "severity": "info",
            "detail": "d" * 50,
            "page": 1,
        }
        for i in range(n)
    ]
    return {"checks": to_table("checks", rows)}


def test_write_replaces_the_folder_whole(tmp_path):
    out = tmp_path / "processed"
    write_dataset(tables(3), out)
    write_dataset(tables(5), out)
    assert pq.read_table(out / "checks.parquet").num_rows == 5
    assert sorted(p.name for p in tmp_path.iterdir()) == ["processed"]
    assert (out / "datapackage.json").exists()


def child(script: str, *args: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(script), *args],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def wait_for(path: Path, proc: subprocess.Popen, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while not path.exists():
        if proc.poll() is not None:
            raise AssertionError(f"child ended early: {proc.stderr.read()}")
        assert time.monotonic() < deadline, "child never reached the point"
        time.sleep(0.05)


PAUSE_IN_WRITE = """
    import sys, time
    from pathlib import Path
    import pyarrow.parquet as pq
    from pipeline import write
    from tests.pipeline.test_write import tables
    real = pq.write_table
    def slow_write(table, where, **kw):
        real(table, where, **kw)
        Path(sys.argv[2]).touch()      # one file written: now kill me
        time.sleep(60)
    write.pq.write_table = slow_write
    write.write_dataset(tables(7), Path(sys.argv[1]))
"""


def test_a_run_killed_mid_write_leaves_the_previous_dataset(tmp_path):
    out = tmp_path / "processed"
    write_dataset(tables(3), out)
    proc = child(PAUSE_IN_WRITE, str(out), str(tmp_path / "ready"))
    wait_for(tmp_path / "ready", proc)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert read_dataset(out)["checks"].num_rows == 3  # untouched and readable
    assert any(p.name.startswith(".processed.tmp-") for p in tmp_path.iterdir())
    write_dataset(tables(4), out)  # the next run cleans up
    assert sorted(p.name for p in tmp_path.iterdir()) == ["processed", "ready"]
    assert read_dataset(out)["checks"].num_rows == 4


def test_recover_restores_a_swap_cut_between_its_renames(tmp_path):
    out = tmp_path / "processed"
    write_dataset(tables(2), out)
    out.rename(tmp_path / "processed.old")
    recover(out)
    assert read_dataset(out)["checks"].num_rows == 2


HOLD_LOCK = """
    import sys, time
    from pathlib import Path
    from pipeline.write import output_lock, write_dataset
    from tests.pipeline.test_write import tables
    with output_lock(Path(sys.argv[1])):
        Path(sys.argv[2]).touch()
        time.sleep(float(sys.argv[3]))
        write_dataset(tables(9), Path(sys.argv[1]))
"""


def test_a_second_run_refuses_while_one_writes(tmp_path):
    out = tmp_path / "processed"
    proc = child(HOLD_LOCK, str(out), str(tmp_path / "locked"), "30")
    try:
        wait_for(tmp_path / "locked", proc)
        with pytest.raises(LockedError, match=rf"another kompass run \(pid {proc.pid}\) is writing"):
            with output_lock(out, wait_s=0.3):
                pass
    finally:
        proc.kill()
        proc.wait()


def test_a_second_run_waits_and_then_writes_after_the_first(tmp_path):
    out = tmp_path / "processed"
    proc = child(HOLD_LOCK, str(out), str(tmp_path / "locked"), "1.5")
    wait_for(tmp_path / "locked", proc)
    with output_lock(out, wait_s=60):
        assert read_dataset(out)["checks"].num_rows == 9  # the first run finished first
        write_dataset(tables(1), out)
    proc.wait()
    assert proc.returncode == 0
    assert read_dataset(out)["checks"].num_rows == 1


def test_a_symlinked_folder_is_written_at_its_target_and_locked_there(tmp_path):
    target = tmp_path / "elsewhere" / "dataset"
    target.parent.mkdir()
    link = tmp_path / "processed"
    link.symlink_to(target)
    with output_lock(link):
        write_dataset(tables(2), link)
        write_dataset(tables(3), link)
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert read_dataset(target)["checks"].num_rows == 3
    assert (tmp_path / "elsewhere" / "dataset.lock").exists() and not (tmp_path / "processed.lock").exists()
