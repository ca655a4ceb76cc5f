"""The worker pool: limits, reuse, and nothing outliving or left behind by a call."""

from __future__ import annotations

import logging
import os
import subprocess
import time
from pathlib import Path

import pytest

from pipeline.reader.limits import DocumentError
from pipeline.workers import run_isolated

# ----------------------------------------------------------------------------- isolation
# Functions run in the child must be importable top-level functions.


def spin() -> None:
    while True:
        pass


def allocate(mb: int) -> int:
    return len(bytearray(mb * 2**20))


def fail(message: str) -> None:
    raise ValueError(message)


def refuse() -> None:
    raise DocumentError("not_pdf", "the file looks like a test")


def crash() -> None:
    import ctypes

    ctypes.string_at(0)


def spin_with_grandchild(pid_file: str) -> None:
    proc = subprocess.Popen(["sleep", "60"])
    Path(pid_file).write_text(str(proc.pid))
    spin()


def is_gone(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split(") ", 1)[1][0]
    except (FileNotFoundError, ProcessLookupError):
        return True
    return state in "ZX"  # a zombie waiting for a reaper is gone too


def test_run_isolated_returns_the_result():
    assert run_isolated(allocate, 1, timeout_s=30, memory_mb=3072) == 2**20


def test_spinning_child_times_out_and_is_killed(tmp_path):
    pid_file = tmp_path / "pid"
    start = time.monotonic()
    with pytest.raises(DocumentError) as info:
        run_isolated(spin_with_grandchild, str(pid_file), timeout_s=1.0, memory_mb=3072)
    elapsed = time.monotonic() - start
    assert info.value.code == "timeout" and "1 s" in info.value.message
    assert elapsed < 5, elapsed
    grandchild = int(pid_file.read_text())
    deadline = time.monotonic() + 2
    while not is_gone(grandchild) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert is_gone(grandchild), "the child's subprocess outlived the timeout"


def test_memory_cap_is_too_large():
    with pytest.raises(DocumentError) as info:
        run_isolated(allocate, 8192, timeout_s=30, memory_mb=1024)
    assert info.value.code == "too_large"
    assert "memory cap of 1024 MB" in info.value.message and info.value.cause == "MemoryError"


def test_child_exception_comes_back_as_internal_error_with_its_type_and_one_line():
    with pytest.raises(DocumentError) as info:
        run_isolated(fail, "xref stream\nends early", timeout_s=30, memory_mb=3072)
    assert info.value.code == "internal_error" and info.value.cause == "ValueError"
    assert info.value.message == ("kompass failed (ValueError: xref stream ends early); please report this as a bug")


def test_child_document_error_comes_back_unchanged():
    with pytest.raises(DocumentError) as info:
        run_isolated(refuse, timeout_s=30, memory_mb=3072)
    assert (info.value.code, info.value.message, info.value.cause) == ("not_pdf", "the file looks like a test", None)


def test_child_crash_is_corrupt():
    with pytest.raises(DocumentError) as info:
        run_isolated(crash, timeout_s=30, memory_mb=3072)
    assert info.value.code == "corrupt" and info.value.cause == "SIGSEGV"
    assert "crashed" in info.value.message


# ----------------------------------------------------------------------------- workers


def worker_state() -> tuple[int, int, str | None]:
    import resource

    return os.getpid(), resource.getrlimit(resource.RLIMIT_AS)[0] // 2**20, os.environ.get("OMP_THREAD_LIMIT")


def warn(message: str) -> str:
    logging.getLogger("pdfminer.pdfpage").warning("page %s: %s", 3, message)
    return "done"


def test_workers_are_reused_with_a_fresh_memory_cap_per_call():
    pid, cap, omp = run_isolated(worker_state, timeout_s=30, memory_mb=1500)
    assert (cap, omp) == (1500, "1") and pid != os.getpid()
    assert run_isolated(worker_state, timeout_s=30, memory_mb=2500) == (pid, 2500, "1")


def test_a_worker_is_retired_after_a_failure():
    pid = run_isolated(worker_state, timeout_s=30, memory_mb=3072)[0]
    with pytest.raises(DocumentError):
        run_isolated(fail, "boom", timeout_s=30, memory_mb=3072)
    assert pid not in {run_isolated(worker_state, timeout_s=30, memory_mb=3072)[0] for _ in range(3)}


def test_concurrent_calls_get_their_own_workers():
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(2) as pool:
        results = list(pool.map(lambda _: run_isolated(allocate, 1, timeout_s=30, memory_mb=3072), range(6)))
    assert results == [2**20] * 6


def test_worker_warnings_are_logged_in_the_caller(caplog):
    with caplog.at_level(logging.WARNING):
        assert run_isolated(warn, "Invalid MediaBox", timeout_s=30, memory_mb=3072) == "done"
    assert [(r.name, r.getMessage()) for r in caplog.records] == [("pdfminer.pdfpage", "page 3: Invalid MediaBox")]


def test_unpicklable_function_is_the_callers_bug():
    with pytest.raises(Exception, match="pickle|lambda"):
        run_isolated(lambda: 1, timeout_s=30, memory_mb=3072)
    assert run_isolated(allocate, 1, timeout_s=30, memory_mb=3072) == 2**20


def test_an_idle_worker_killed_from_outside_is_replaced():
    import signal

    pid = run_isolated(worker_state, timeout_s=30, memory_mb=3072)[0]
    os.kill(pid, signal.SIGKILL)
    time.sleep(0.1)
    assert run_isolated(allocate, 1, timeout_s=30, memory_mb=3072) == 2**20
