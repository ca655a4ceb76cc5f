"""Run a call in a worker process under a wall-clock timeout and a memory cap (`run_isolated`).

Reading a PDF (pipeline.reader.document.open_document) turns every bad input into a `DocumentError`,
but a pathological file can still make a parser spin or eat memory. `run_isolated` runs such a call
in a child process, so it costs one `timeout` or `too_large` row instead of the whole run:

    doc = run_isolated(open_document, path, limits,
                       timeout_s=limits.timeout_s, memory_mb=limits.memory_mb)

Worker processes are reused between calls (a fresh process per call would re-import the caller's
`__main__`, 1.2 s for a Prefect entry point), and start with the reader's libraries loaded.
"""
from __future__ import annotations

import logging
import multiprocessing
import os
import pickle
import signal
import threading
from typing import Any, Callable

# The forkserver imports this module once (PRELOAD), so workers start with the reader's PDF and OCR
# libraries loaded: these two import all of them.
from pipeline.reader import ocr, triage  # noqa: F401
from pipeline.reader.limits import DocumentError


# --------------------------------------------------------------------------- isolation
# run_isolated hands each call to a worker process. Workers are reused: a fresh process per call
# would re-import the parent's __main__ every time (multiprocessing does that for every child; a
# `kompass` or Prefect entry point drags in the whole pipeline), while a reused worker pays its
# start-up once. A worker is retired after any failure that may have left it in a bad state
# (timeout, crash, MemoryError, unexpected exception) and after MAX_CALLS_PER_WORKER calls.

#: Modules the forkserver imports once, so each new worker starts with the PDF libraries loaded.
PRELOAD = ["pipeline.documents"]
#: Calls one worker serves before it is replaced: bounds heap growth and leaks in native code.
MAX_CALLS_PER_WORKER = 25
#: Idle workers kept for reuse; concurrent callers (Prefect threads) start more, the surplus exits.
MAX_IDLE_WORKERS = max(2, os.cpu_count() or 2)

#: Environment defaults in workers. Tesseract's OpenMP threads fight each other when documents
#: run in parallel (one page of tests/pipeline's scan: 0.54 s with threads, 0.36 s without, 2 cores)
#: and each thread's malloc arena counts against the RLIMIT_AS cap.
WORKER_ENV = {"OMP_THREAD_LIMIT": "1"}

#: Tells an idle worker to exit.
STOP = b"stop"

_idle_workers: list["Worker"] = []
_idle_lock = threading.Lock()


def _forget_workers() -> None:
    """In a forked child the parent's workers are not ours: start afresh."""
    global _idle_lock
    _idle_workers.clear()
    _idle_lock = threading.Lock()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_forget_workers)


def isolation_context() -> multiprocessing.context.BaseContext:
    """forkserver where available (workers fork from a clean, single-threaded server process that
    has the PDF libraries imported: safe beside Prefect's threads, and cheap), else spawn."""
    if "forkserver" in multiprocessing.get_all_start_methods():
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(PRELOAD)   # no effect once the server runs; harmless
        return ctx
    return multiprocessing.get_context("spawn")


class Worker:
    """One child process running one call at a time, in its own session (see worker_main)."""

    def __init__(self) -> None:
        ctx = isolation_context()
        self.conn, child_conn = ctx.Pipe(duplex=True)
        self.proc = ctx.Process(target=worker_main, args=(child_conn,), daemon=True,
                                name="kompass-isolated")
        self.proc.start()
        child_conn.close()
        self.calls = 0

    def stop(self) -> None:
        """Kill the worker and its process group (tesseract runs as its child)."""
        proc = self.proc
        if proc.exitcode is None and proc.pid is not None:
            try:
                if os.getpgid(proc.pid) == proc.pid:
                    os.killpg(proc.pid, signal.SIGKILL)
                else:
                    proc.kill()
            except (ProcessLookupError, PermissionError):
                pass
        proc.join(5)
        self.conn.close()


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


def run_isolated(fn: Callable[..., Any], /, *args: Any, timeout_s: float, memory_mb: int, **kwargs: Any) -> Any:
    """fn(*args, **kwargs) in a worker process; its (picklable) result, or a DocumentError.

    fn must be a picklable top-level function. The worker runs under an address-space cap of
    memory_mb (RLIMIT_AS, set for each call) in its own session, so a kill also takes tesseract.
    Outcomes:
    - a result → returned; a DocumentError raised by fn → raised here as is (`cause` None);
    - wall clock over timeout_s → the worker's process group is killed → DocumentError `timeout`;
    - MemoryError, or the worker killed by SIGKILL (the OOM killer) or aborting (SIGABRT/SIGILL/
      SIGTRAP: what native code does when an allocation fails under the cap) → `too_large`;
    - any other exception, or another crash (SIGSEGV) → `corrupt` with the exception text.
    `cause` names the exception or signal in the last two cases. The signal mapping is a
    heuristic: native code that aborts for another reason also reads as the memory cap, and the
    message says so. An unpicklable fn or argument raises here, as pickle does (a caller's bug).

    Workers are reused (fn's module-level state persists between calls in one worker) and retired
    after a failure or MAX_CALLS_PER_WORKER calls; thread-safe, one worker per concurrent call.
    """
    task = pickle.dumps((fn, args, kwargs, memory_mb))   # a caller's bug raises here, nothing started
    worker = take_worker()
    try:
        worker.conn.send_bytes(task)
    except OSError:                 # an idle worker died (killed from outside): use a fresh one
        worker.stop()
        worker = Worker()
        worker.conn.send_bytes(task)
    outcome = None
    try:
        if worker.conn.poll(timeout_s):
            try:
                outcome, records = worker.conn.recv()
            except (EOFError, OSError):
                outcome = None      # the worker died without answering
            else:
                for record in records:
                    logger = logging.getLogger(record.name)
                    if logger.isEnabledFor(record.levelno):
                        logger.handle(record)
        elif worker.proc.is_alive():
            raise DocumentError("timeout", f"gave up after {timeout_s:g} s (Limits.timeout_s): the file "
                                           "makes the reader (or OCR) spin; raise the limit if it is "
                                           "just long")
    finally:
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


def worker_main(conn) -> None:
    """Worker side: own session; per call: memory cap, run, send ("ok", result) or ("error", code, message, cause)."""
    try:
        os.setsid()
    except OSError:
        pass
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
            fn, args, kwargs, memory_mb = pickle.loads(task)
        except Exception as e:      # fn's module does not import here
            conn.send((("error", "corrupt", f"the worker cannot load the call ({type(e).__name__}: {e})",
                        type(e).__name__), []))
            continue
        cap_memory(memory_mb)
        collector.records = []
        outcome = run_call(fn, args, kwargs, memory_mb)
        del task, fn, args, kwargs
        try:
            conn.send((outcome, collector.records))
        except MemoryError:
            conn.send((("error", "too_large", memory_cap_message(memory_mb), "MemoryError"), []))
        except Exception as e:
            conn.send((("error", "corrupt", f"the result could not be sent back ({type(e).__name__}: {e})",
                        type(e).__name__), []))
        del outcome


#: Warnings (pdfminer's, ours) a worker passes back per call, re-logged in the caller's process.
MAX_FORWARDED_RECORDS = 50


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
        return ("error", "corrupt", f"{type(e).__name__}: {e}", type(e).__name__)


def cap_memory(memory_mb: int) -> None:
    """Set this process's soft address-space limit (can go up again, to the hard limit)."""
    try:
        import resource
    except ImportError:       # not on this platform: run uncapped
        return
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    cap = memory_mb * 2**20
    if hard != resource.RLIM_INFINITY:
        cap = min(cap, hard)
    resource.setrlimit(resource.RLIMIT_AS, (cap, hard))


def memory_error() -> DocumentError:
    """`too_large` for a MemoryError in this process, naming the cap when one is set."""
    try:
        import resource
        soft = resource.getrlimit(resource.RLIMIT_AS)[0]
        capped = soft != resource.RLIM_INFINITY
    except (ImportError, OSError):
        capped = False
    if capped:
        message = memory_cap_message(soft // 2**20)
    else:
        message = "ran out of memory reading the document; run it under run_isolated with a memory cap"
    return DocumentError("too_large", message, "MemoryError")


def memory_cap_message(memory_mb: int) -> str:
    return (f"ran out of memory: the memory cap of {memory_mb} MB (Limits.memory_mb) was hit; the file "
            "is too big or pathological to read within it")


def child_death(exitcode: int | None, memory_mb: int) -> DocumentError:
    """The DocumentError for a worker that ended without sending an outcome."""
    if exitcode is not None and exitcode < 0:
        sig = signal.Signals(-exitcode)
        if sig == signal.SIGKILL:
            return DocumentError("too_large", f"the worker was killed (SIGKILL), most likely by the kernel's "
                                              f"out-of-memory killer: {memory_cap_message(memory_mb)}", sig.name)
        if sig in (signal.SIGABRT, signal.SIGILL, signal.SIGTRAP):
            return DocumentError("too_large", f"the worker aborted ({sig.name}), which native code does when "
                                              f"an allocation fails: most likely {memory_cap_message(memory_mb)} "
                                              "(if memory was plentiful, the PDF library crashed on a damaged file)",
                                 sig.name)
        return DocumentError("corrupt", f"the PDF library crashed ({sig.name}) on this file: it is damaged "
                                        "or hostile", sig.name)
    return DocumentError("corrupt", f"the worker exited (status {exitcode}) without a result", f"exit {exitcode}")
