"""The worker's side of the pool (pipeline.workers): the loop a worker process runs.

A worker runs in its own session and dies with its parent (a parent-death signal and a watchdog on
the parent's pipe, either removing the call's scratch folder and killing the process group). Per
call it points its temp files at the call's scratch folder, caps its address space, runs the call
and sends back the outcome with the call's warnings, to be re-logged in the caller's process.
"""

from __future__ import annotations

import ctypes
import logging
import os
import pickle
import shutil
import signal
import sys
import tempfile
import threading

from pipeline.reader.limits import DocumentError, memory_cap_message

#: Environment defaults in workers. Tesseract's OpenMP threads fight each other when documents
#: run in parallel (one page of tests/pipeline's scan: 0.54 s with threads, 0.36 s without, 2 cores)
#: and each thread's malloc arena counts against the RLIMIT_AS cap.
WORKER_ENV = {"OMP_THREAD_LIMIT": "1"}

#: Tells an idle worker to exit.
STOP = b"stop"
#: linux/prctl.h: deliver a signal to this process when its parent dies.
PR_SET_PDEATHSIG = 1

#: Warnings (pdfminer's, ours) a worker passes back per call, re-logged in the caller's process.
MAX_FORWARDED_RECORDS = 50

_call_dir: str | None = None


def worker_main(conn, alive) -> None:
    """Worker side: own session, dies with the parent; per call: scratch folder, memory cap, run,
    send ("ok", result) or ("error", code, message, cause)."""
    try:
        os.setsid()
    except OSError:
        pass
    die_with_parent(alive)
    for name, value in WORKER_ENV.items():
        os.environ.setdefault(name, value)
    collector = LogCollector()
    logging.getLogger().addHandler(collector)
    while True:
        try:
            task = conn.recv_bytes()
        except (EOFError, OSError):
            return
        if task == STOP:
            return
        try:
            fn, args, kwargs, memory_mb, call_dir = pickle.loads(task)
        except Exception as e:  # fn's module does not import here
            conn.send(
                (
                    (
                        "error",
                        "internal_error",
                        f"the worker cannot load the call ({type(e).__name__}: {e})",
                        type(e).__name__,
                    ),
                    [],
                )
            )
            continue
        use_scratch(call_dir)
        cap_memory(memory_mb)
        collector.records = []
        outcome = run_call(fn, args, kwargs, memory_mb)
        del task, fn, args, kwargs
        try:
            conn.send((outcome, collector.records))
        except MemoryError:
            conn.send((("error", "too_large", memory_cap_message(memory_mb), "MemoryError"), []))
        except Exception as e:
            conn.send(
                (
                    (
                        "error",
                        "internal_error",
                        f"the result could not be sent back ({type(e).__name__}: {one_line(e)})",
                        type(e).__name__,
                    ),
                    [],
                )
            )
        del outcome


def use_scratch(call_dir: str) -> None:
    """Temp files of this call (tesseract's images, ours) go below the folder the parent removes."""
    global _call_dir
    _call_dir = call_dir
    os.environ["TMPDIR"] = call_dir
    tempfile.tempdir = call_dir


def die_with_parent(alive) -> None:
    """Parent-death signal (Linux) and a watchdog thread on the parent's pipe: both end in die()."""
    signal.signal(signal.SIGTERM, lambda *_: die())
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0)
        except (OSError, AttributeError):
            pass

    def watch() -> None:
        try:
            alive.recv_bytes()  # the parent never writes: this returns only when its end closes
        except (EOFError, OSError):
            pass
        die()

    threading.Thread(target=watch, name="kompass-watchdog", daemon=True).start()


def die() -> None:
    """Remove this call's scratch folder and kill the whole process group (tesseract too)."""
    if _call_dir:
        shutil.rmtree(_call_dir, ignore_errors=True)
    try:
        os.killpg(os.getpid(), signal.SIGKILL)
    except OSError:
        pass
    os._exit(1)


class LogCollector(logging.Handler):
    """Keeps a call's log records (WARNING and up), made picklable, to re-log in the caller."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        if len(self.records) >= MAX_FORWARDED_RECORDS:
            return
        record.msg, record.args = record.getMessage(), None
        if record.exc_info:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
            record.exc_info = None
        self.records.append(record)


def run_call(fn, args, kwargs, memory_mb: int) -> tuple:
    try:
        return ("ok", fn(*args, **kwargs))
    except DocumentError as e:
        return ("error", e.code, e.message, e.cause)
    except MemoryError:
        return ("error", "too_large", memory_cap_message(memory_mb), "MemoryError")
    except BaseException as e:
        return (
            "error",
            "internal_error",
            f"kompass failed ({type(e).__name__}: {one_line(e)}); please report this as a bug",
            type(e).__name__,
        )


def one_line(error: BaseException, limit: int = 200) -> str:
    """The exception's message on one line, at most `limit` characters."""
    text = " ".join(str(error).split()) or "no message"
    return text if len(text) <= limit else text[: limit - 1] + "…"


def cap_memory(memory_mb: int) -> None:
    """Set this process's soft address-space limit (can go up again, to the hard limit)."""
    try:
        import resource
    except ImportError:  # not on this platform: run uncapped
        return
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    cap = memory_mb * 2**20
    if hard != resource.RLIM_INFINITY:
        cap = min(cap, hard)
    resource.setrlimit(resource.RLIMIT_AS, (cap, hard))
