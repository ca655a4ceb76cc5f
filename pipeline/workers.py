"""The worker pool: run one call in a child process under a wall-clock timeout and a memory cap.

A pathological file costs one `timeout` or `too_large` row instead of the whole run:

    doc = run_isolated(open_document, path, limits, timeout_s=limits.timeout_s, memory_mb=limits.memory_mb)

Workers are reused: a fresh process per call would re-import the parent's __main__ every time
(multiprocessing does that for every child; a `kompass` or Prefect entry point drags in the whole
pipeline), while a reused worker pays its start-up once. A worker is retired after any failure that
may have left it in a bad state (timeout, crash, MemoryError, unexpected exception) and after
MAX_CALLS_PER_WORKER calls.

Nothing outlives the parent, and nothing is left behind:
- every call gets a scratch folder (TMPDIR and `tempfile.tempdir` in the worker) below one folder
  per parent process; the parent removes the call's folder when the call ends however it ends
  (a timeout kills the worker's process group, so the worker's own cleanup never runs), and the
  whole folder at exit; folders of parents that died without cleaning are swept by the next one;
- a worker dies with its parent: a parent-death signal (Linux prctl) and a watchdog thread that
  sees the parent's end of a pipe close; either removes the call's scratch folder and kills the
  worker's process group (tesseract with it);
- `cancel_running()` (Ctrl-C, SIGTERM) kills the busy workers at once: their callers get
  `Cancelled`, and later calls too until `resume()`.
"""

from __future__ import annotations

import atexit
import logging
import multiprocessing
import os
import pickle
import re
import shutil
import signal
import tempfile
import threading
import time
from pathlib import Path
from typing import Any, Callable

from pipeline.reader.limits import DocumentError, memory_cap_message

from .worker_process import STOP, worker_main

log = logging.getLogger(__name__)

#: Modules the forkserver imports once, so each new worker starts with the PDF libraries loaded.
PRELOAD = ["pipeline.reader.document", "pipeline.workers"]
#: Calls one worker serves before it is replaced: bounds heap growth and leaks in native code.
MAX_CALLS_PER_WORKER = 25
#: Idle workers kept for reuse; concurrent callers (Prefect threads) start more, the surplus exits.
MAX_IDLE_WORKERS = max(2, os.cpu_count() or 2)

#: How often a caller waiting for its worker looks whether the run was cancelled (Ctrl-C, SIGTERM).
CANCEL_POLL_S = 0.25
#: Scratch folders are named "kompass-<parent pid>-…" so a later run can tell a dead parent's.
SCRATCH_PREFIX = "kompass-"
SCRATCH_NAME = re.compile(r"kompass-(\d+)-\w+")

_idle_workers: list["Worker"] = []
_busy_workers: set["Worker"] = set()
_idle_lock = threading.Lock()
_cancelled = threading.Event()
_scratch_root: Path | None = None


class Cancelled(Exception):
    """The call was cancelled (Ctrl-C, SIGTERM): no result, and nothing to record about the document."""


def _forget_workers() -> None:
    """In a forked child the parent's workers and scratch folder are not ours: start afresh."""
    global _idle_lock, _scratch_root
    _idle_workers.clear()
    _busy_workers.clear()
    _idle_lock = threading.Lock()
    _scratch_root = None


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_forget_workers)


def isolation_context() -> multiprocessing.context.BaseContext:
    """forkserver where available (workers fork from a clean, single-threaded server process that
    has the PDF libraries imported: safe beside Prefect's threads, and cheap), else spawn."""
    if "forkserver" in multiprocessing.get_all_start_methods():
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(PRELOAD)  # no effect once the server runs; harmless
        return ctx
    return multiprocessing.get_context("spawn")


# --------------------------------------------------------------------------- scratch folders


def scratch_root() -> Path:
    """This process's scratch folder for worker temp files, made on first use, removed at exit."""
    global _scratch_root
    with _idle_lock:
        if _scratch_root is None or not _scratch_root.is_dir():
            sweep_stale_scratch()
            _scratch_root = Path(tempfile.mkdtemp(prefix=f"{SCRATCH_PREFIX}{os.getpid()}-"))
            atexit.register(shutil.rmtree, _scratch_root, True)
        return _scratch_root


def sweep_stale_scratch(tmp: str | None = None) -> None:
    """Remove scratch folders whose parent process is gone (killed before it could clean up)."""
    folder = Path(tmp or tempfile.gettempdir())
    try:
        entries = list(folder.iterdir())
    except OSError:
        return
    for entry in entries:
        match = SCRATCH_NAME.fullmatch(entry.name)
        if not match or int(match.group(1)) == os.getpid() or pid_alive(int(match.group(1))):
            continue
        try:
            ours = entry.is_dir() and not entry.is_symlink() and entry.stat().st_uid == os.getuid()
        except OSError:
            continue
        if ours:  # a shared /tmp: only this user's folders
            shutil.rmtree(entry, ignore_errors=True)


def pid_alive(pid: int) -> bool:
    """Whether a process with this pid exists (a zombie counts as gone)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(") ", 1)[1][0] not in "ZX"
    except (OSError, IndexError):
        return True


# --------------------------------------------------------------------------- the parent's side


class Worker:
    """One child process running one call at a time, in its own session (see worker_main)."""

    def __init__(self) -> None:
        ctx = isolation_context()
        self.conn, child_conn = ctx.Pipe(duplex=True)
        alive_r, self.alive = ctx.Pipe(duplex=False)  # closes when this process dies: the watchdog's cue
        self.proc = ctx.Process(target=worker_main, args=(child_conn, alive_r), daemon=True, name="kompass-isolated")
        self.proc.start()
        child_conn.close()
        alive_r.close()
        self.calls = 0
        self.cancelled = False

    def kill(self) -> None:
        """Kill the worker and its process group (tesseract runs as its child). The connection stays
        open: a thread waiting on it sees the worker's end close (closing it under a waiting select()
        would leave that thread asleep until its timeout)."""
        proc = self.proc
        if proc.exitcode is None and proc.pid is not None:
            try:
                if os.getpgid(proc.pid) == proc.pid:
                    os.killpg(proc.pid, signal.SIGKILL)
                else:
                    proc.kill()
            except (ProcessLookupError, PermissionError):
                pass

    def stop(self) -> None:
        """Kill the worker and its process group, and close its connections."""
        self.kill()
        self.proc.join(5)
        self.conn.close()
        self.alive.close()


def take_worker() -> Worker:
    with _idle_lock:
        while _idle_workers:
            worker = _idle_workers.pop()
            if worker.proc.is_alive():
                return worker
            worker.stop()
    return Worker()


def release_worker(worker: Worker) -> None:
    if worker.calls < MAX_CALLS_PER_WORKER and worker.proc.is_alive():
        with _idle_lock:
            if len(_idle_workers) < MAX_IDLE_WORKERS:
                _idle_workers.append(worker)
                return
    try:
        worker.conn.send_bytes(STOP)
    except OSError:
        pass
    worker.conn.close()
    worker.alive.close()


def cancel_running() -> None:
    """Stop every busy worker now (Ctrl-C, SIGTERM): their callers and any later caller get
    Cancelled until resume(). Idle workers are stopped too: nothing runs on after the parent."""
    _cancelled.set()
    with _idle_lock:
        busy = list(_busy_workers)
        idle = list(_idle_workers)
        _idle_workers.clear()
    for worker in busy:
        worker.cancelled = True
        worker.kill()  # its caller's thread wakes, sees cancelled, and stops it
    for worker in idle:
        worker.stop()


def resume() -> None:
    """Accept calls again after cancel_running()."""
    _cancelled.clear()


def run_isolated(fn: Callable[..., Any], /, *args: Any, timeout_s: float, memory_mb: int, **kwargs: Any) -> Any:
    """fn(*args, **kwargs) in a worker process; its (picklable) result, or a DocumentError.

    fn must be a picklable top-level function. The worker runs under an address-space cap of
    memory_mb (RLIMIT_AS, set for each call) in its own session, so a kill also takes tesseract.
    Outcomes:
    - a result → returned; a DocumentError raised by fn → raised here as is (`cause` None);
    - wall clock over timeout_s → the worker's process group is killed → DocumentError `timeout`;
    - MemoryError, or the worker killed by SIGKILL (the OOM killer) or aborting (SIGABRT/SIGILL/
      SIGTRAP: what native code does when an allocation fails under the cap) → `too_large`;
    - any other exception → `internal_error` (a kompass bug: the exception type and a one-line
      cause); another crash (SIGSEGV) → `corrupt` (the PDF library crashed on the file);
    - cancel_running() → Cancelled.
    `cause` names the exception or signal in the last cases. The signal mapping is a heuristic:
    native code that aborts for another reason also reads as the memory cap, and the message says
    so. An unpicklable fn or argument raises here, as pickle does (a caller's bug).

    Workers are reused (fn's module-level state persists between calls in one worker) and retired
    after a failure or MAX_CALLS_PER_WORKER calls; thread-safe, one worker per concurrent call.
    """
    if _cancelled.is_set():
        raise Cancelled("cancelled before it started")
    call_dir = Path(tempfile.mkdtemp(prefix="call-", dir=scratch_root()))
    try:
        return _call(pickle.dumps((fn, args, kwargs, memory_mb, str(call_dir))), timeout_s, memory_mb)
    finally:
        shutil.rmtree(call_dir, ignore_errors=True)


def _call(task: bytes, timeout_s: float, memory_mb: int) -> Any:
    worker = take_worker()
    with _idle_lock:
        _busy_workers.add(worker)
    if _cancelled.is_set():  # cancel_running() came between the caller's check and this worker
        worker.cancelled = True
    try:
        try:
            worker.conn.send_bytes(task)
        except OSError:  # an idle worker died (killed from outside): use a fresh one
            with _idle_lock:
                _busy_workers.discard(worker)
            worker.stop()
            worker = Worker()
            with _idle_lock:
                _busy_workers.add(worker)
            worker.conn.send_bytes(task)
        outcome = _await(worker, timeout_s)
    finally:
        with _idle_lock:
            _busy_workers.discard(worker)
    if worker.cancelled or _cancelled.is_set():
        worker.stop()
        raise Cancelled("cancelled while it ran")
    healthy = outcome is not None and (outcome[0] == "ok" or outcome[3] is None)
    if healthy:
        worker.calls += 1
        release_worker(worker)
    else:
        worker.stop()
    if outcome is None:
        raise child_death(worker.proc.exitcode, memory_mb)
    if outcome[0] == "ok":
        return outcome[1]
    raise DocumentError(*outcome[1:])


def _await(worker: Worker, timeout_s: float) -> tuple | None:
    """The call's outcome; None when the worker died without one or the call was cancelled;
    DocumentError `timeout`. Waits in short slices so a cancellation is seen at once."""
    deadline = time.monotonic() + timeout_s
    ready = False
    while not ready:
        if worker.cancelled or _cancelled.is_set():
            return None
        left = deadline - time.monotonic()
        if left <= 0:
            break
        try:
            ready = worker.conn.poll(min(left, CANCEL_POLL_S))
        except (EOFError, OSError):
            return None
    if not ready:
        worker.stop()
        raise DocumentError(
            "timeout",
            f"gave up after {timeout_s:g} s (Limits.timeout_s): the file "
            "makes the reader (or OCR) spin; raise the limit if it is just long",
        )
    try:
        outcome, records = worker.conn.recv()
    except (EOFError, OSError):
        return None
    for record in records:
        logger = logging.getLogger(record.name)
        if logger.isEnabledFor(record.levelno):
            logger.handle(record)
    return outcome


def child_death(exitcode: int | None, memory_mb: int) -> DocumentError:
    """The DocumentError for a worker that ended without sending an outcome."""
    if exitcode is not None and exitcode < 0:
        sig = signal.Signals(-exitcode)
        if sig == signal.SIGKILL:
            return DocumentError(
                "too_large",
                f"the worker was killed (SIGKILL), most likely by the kernel's "
                f"out-of-memory killer: {memory_cap_message(memory_mb)}",
                sig.name,
            )
        if sig in (signal.SIGABRT, signal.SIGILL, signal.SIGTRAP):
            return DocumentError(
                "too_large",
                f"the worker aborted ({sig.name}), which native code does when "
                f"an allocation fails: most likely {memory_cap_message(memory_mb)} "
                "(if memory was plentiful, the PDF library crashed on a damaged file)",
                sig.name,
            )
        return DocumentError(
            "corrupt", f"the PDF library crashed ({sig.name}) on this file: it is damaged or hostile", sig.name
        )
    return DocumentError(
        "internal_error", f"the worker exited (status {exitcode}) without a result", f"exit {exitcode}"
    )
