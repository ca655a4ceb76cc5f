"""Prefect flows over the pipeline stages: the only module that imports Prefect.

`ingest` is discover (find listing pages and fetch PDFs) → identify → extract (one task per
document, mapped) → build → publish. Caching of extraction is the pipeline's own (SHA-256 +
extractor version, pipeline.state), so it works the same with or without Prefect; Prefect adds
concurrency (threads that each drive an isolated child process, or a Dask cluster), task names and
logs in the UI, and schedules. Two ways in:

- `run_ingest()` (`kompass run`): one flow run in this process;
- `serve_ingest()` (`kompass serve`): a deployment with a cron schedule, served by this process,
  which starts a flow run (in a child process) whenever one is due or triggered.

Flow parameters are plain JSON values: a deployment stores them and the UI edits them. The
progress callback of `kompass run` is not a parameter; it travels in a context variable.

On a Dask cluster (`dask_address`) only the per-document tasks run on the workers; discovery,
fetching, building and publishing stay in the flow's process. The workers must therefore
- see raw_dir and the cache folder at the same absolute paths (one machine, or a shared
  filesystem): a task ships the document's path, not its bytes;
- be allowed to start child processes: every document is extracted in a child process with a
  time and memory limit (pipeline.workers.run_isolated), and Python refuses children to daemonic
  processes, which is what a Dask nanny starts by default. Start the workers with
  `DASK_DISTRIBUTED__WORKER__DAEMON=False dask worker tcp://…` (or `dask worker --no-nanny`);
  on a daemonic worker the task fails at once with a message saying so;
- reach the Prefect API the flow uses (PREFECT_API_URL), since task runs report their states.
"""
from __future__ import annotations

import logging
import os

os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("DO_NOT_TRACK", "1")

import socket  # noqa: E402
from contextvars import ContextVar  # noqa: E402
from dataclasses import asdict, replace  # noqa: E402
from multiprocessing import current_process  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Callable  # noqa: E402

from prefect import Flow, flow, get_run_logger, task, unmapped  # noqa: E402
from prefect.cache_policies import NO_CACHE  # noqa: E402
from prefect.futures import as_completed  # noqa: E402
from prefect.task_runners import ThreadPoolTaskRunner  # noqa: E402

from pipeline.documents import Limits  # noqa: E402
from pipeline.process import DocumentResult, extractor_version  # noqa: E402
from pipeline.run import (RunOptions, RunSummary, Unique, build_tables, discover, extract_one,  # noqa: E402
                          identify, largest_first, options_from, publish, summarise,
                          unchanged_summary)
from pipeline.write import output_lock  # noqa: E402

log = logging.getLogger(__name__)

FLOW_NAME = "kompass-ingest"
#: Each request already retries 5xx answers and timeouts with backoff (pipeline.fetch), and a URL that
#: still fails is recorded, not raised; so this retries discovery only after an unexpected error.
DISCOVER_RETRIES = 1
#: One run at a time per served deployment: two runs would write the same dataset folder, and the
#: second would stop at its lock (pipeline.write.output_lock).
SERVE_LIMIT = 1
DEFAULT_CRON = "0 6 * * 1"
#: Schedules are read in this zone (reports are published on Swedish office days).
DEFAULT_TIMEZONE = "Europe/Stockholm"

#: `kompass run`'s progress callback, called in the flow's process as each document finishes. Only
#: module-level functions may touch it: Dask pickles the flow's function by value with the task
#: context, globals included, and a ContextVar cannot be pickled.
_on_done: ContextVar[Callable[[DocumentResult], None] | None] = ContextVar("kompass_on_done", default=None)


def progress_callback() -> Callable[[DocumentResult], None] | None:
    """The on_done callback run_ingest was given, if any."""
    return _on_done.get()


class WorkerSetupError(RuntimeError):
    """The process running a document task cannot extract documents (a Dask worker set up wrongly)."""


def check_worker(unique: Unique, version: str) -> None:
    """Fail a document task at once, saying what to change, where extraction cannot work as it should.

    Without this, a daemonic Dask worker ends every task with multiprocessing's bare "daemonic
    processes are not allowed to have children", a worker on another machine without the file
    looks like a bug in kompass, and a worker with other extractor code would file its results
    in the cache under the flow's extractor version.
    """
    process = current_process()
    host = socket.gethostname()
    if process.daemon:
        raise WorkerSetupError(
            f"{process.name} on {host} is a daemonic process, which may not start the child process each "
            "document is extracted in (pipeline.workers.run_isolated); a Dask nanny starts daemonic workers "
            "by default: start them with DASK_DISTRIBUTED__WORKER__DAEMON=False (or `dask worker --no-nanny`)")
    if not unique.path.is_file():
        raise WorkerSetupError(
            f"{unique.path} was found by discovery but is not readable on {host}: on a Dask cluster, workers "
            "must see raw_dir and the cache folder at the same absolute paths as the flow (one machine, or a "
            "shared filesystem)")
    here = extractor_version()
    if here != version:
        raise WorkerSetupError(
            f"the extractor code on {host} is version {here}, the flow's is {version}: install the same kompass "
            "on the Dask workers as where the flow runs (and restart the workers after an upgrade)")


@task(name="discover", retries=DISCOVER_RETRIES, retry_delay_seconds=10, cache_policy=NO_CACHE)
def discover_task(sources: list[str], options: RunOptions):
    inputs, failures = discover(sources, options)
    logger = get_run_logger()
    logger.info("found %d input files, %d URLs failed", len(inputs), len(failures))
    for f in failures:
        logger.warning("could not fetch %s: %s", f.url, f.detail)
    return inputs, failures


@task(name="identify", cache_policy=NO_CACHE)
def identify_task(inputs) -> list[Unique]:
    uniques = identify(inputs)
    logger = get_run_logger()
    logger.info("%d distinct documents in %d inputs", len(uniques), len(inputs))
    for u in uniques:
        for copy in u.duplicates:
            logger.info("%s is the same document as %s", copy, u.source)
    return uniques


@task(name="extract", task_run_name="extract-{unique.path.name}", cache_policy=NO_CACHE)
def extract_task(unique: Unique, options: RunOptions, version: str) -> tuple[DocumentResult, bool]:
    check_worker(unique, version)
    result, reused = extract_one(unique, options, version)
    logger = get_run_logger()
    if reused:
        logger.info("%s unchanged since last run: reused", unique.path.name)
    elif result.status == "failed":
        logger.warning("%s failed (%s): %s", unique.path.name, result.error_code, result.error)
    else:
        logger.info("%s: %s %s, %d scores, %d findings", unique.path.name, result.status, result.kind,
                    len(result.observations), len(result.findings))
    return result, reused


@task(name="build-dataset", cache_policy=NO_CACHE)
def build_task(results, uniques, failures):
    return build_tables(results, uniques, failures)


@task(name="publish", cache_policy=NO_CACHE)
def publish_task(tables, out_dir: Path) -> None:
    publish(tables, out_dir)


def task_runner(workers: int, dask_address: str | None):
    if dask_address:
        from prefect_dask import DaskTaskRunner
        return DaskTaskRunner(address=dask_address)
    return ThreadPoolTaskRunner(max_workers=max(1, workers))


def absolute(options: RunOptions) -> RunOptions:
    """The options with absolute folders, as shipped to tasks: a Dask worker has its own working directory."""
    return replace(options, out_dir=Path(options.out_dir).absolute(), raw_dir=Path(options.raw_dir).absolute(),
                   cache_dir=Path(options.cache.root).absolute())


@flow(name=FLOW_NAME, log_prints=True)
def ingest(sources: list[str], out_dir: str = "data/processed", raw_dir: str = "data/raw",
           workers: int = os.cpu_count() or 1, use_cache: bool = True, timeout_s: float = Limits.timeout_s,
           memory_mb: int = Limits.memory_mb, max_pages: int = Limits.max_pages,
           max_mb: float = Limits.max_bytes / 2**20, lock_wait_s: float = 0.0,
           cache_dir: str | None = None, triage: bool = True) -> RunSummary:
    """Find, fetch and extract new reports and rebuild the dataset in out_dir.

    sources: folders, PDF files, http(s) URLs of PDFs or of listing pages, sources.toml files.
    Unchanged documents (same SHA-256, same extractor version) reuse their cached result.
    triage: pdfplumber only for the pages that matter, PDFium for the rest (pipeline.triage); same result.
    """
    options = options_from(out_dir, raw_dir, workers, use_cache, timeout_s, memory_mb, max_pages, max_mb,
                           lock_wait_s, cache_dir, triage)
    on_done = progress_callback()
    with output_lock(options.out_dir, options.lock_wait_s):
        inputs, failures = discover_task(sources, options)
        uniques = identify_task(inputs)
        version = extractor_version()
        signature, unchanged = unchanged_summary(uniques, failures, version, options)
        if unchanged is not None:
            get_run_logger().info("nothing changed since the dataset in %s was written: left as it is", out_dir)
            return unchanged
        shipped = [replace(u, path=u.path.absolute()) for u in largest_first(uniques)]
        futures = extract_task.map(shipped, unmapped(absolute(options)), unmapped(version))
        done = {}
        for future in as_completed(futures):
            result, reused = future.result()
            done[result.document_id] = (result, reused)
            if on_done:
                on_done(result)
        ordered = [done[u.document_id] for u in uniques]
        tables = build_task([r for r, _ in ordered], uniques, failures)
        publish_task(tables, options.out_dir)
        summary = summarise(tables, uniques, sum(reused for _, reused in ordered), failures, options.out_dir)
        options.published.record(signature, asdict(summary))
        get_run_logger().info(summary.line())
        return summary


def ingest_flow(workers: int, dask_address: str | None = None) -> Flow:
    """The ingest flow bound to a task runner: `workers` threads, or the Dask scheduler at dask_address."""
    return ingest.with_options(task_runner=task_runner(workers, dask_address))


def run_ingest(sources: list[str], *, workers: int = os.cpu_count() or 1, dask_address: str | None = None,
               on_done: Callable[[DocumentResult], None] | None = None, **parameters) -> RunSummary:
    """One ingest flow run in this process; on_done(result) is called as each document finishes.

    parameters are the flow's (out_dir, raw_dir, use_cache, timeout_s, …).
    """
    from prefect.settings import PREFECT_API_URL

    if dask_address and not PREFECT_API_URL.value():
        log.warning("PREFECT_API_URL is not set: every Dask worker will start a temporary Prefect server of its "
                    "own, and the document tasks will not show with this flow run; start `prefect server start` "
                    "and set PREFECT_API_URL for Dask runs (docs/orchestration.md)")
    token = _on_done.set(on_done)
    try:
        return ingest_flow(workers, dask_address)(list(sources), workers=workers, **parameters)
    finally:
        _on_done.reset(token)


def ingest_flow_for(workers: int, dask_address: str | None = None) -> Callable[..., RunSummary]:
    """`run_ingest` with its task runner chosen: `ingest_flow_for(4)(sources, out_dir=…, on_done=…)`.

    What `kompass run` calls; a `workers` parameter given to the result is the bound one.
    """
    def run_bound(sources: list[str], *, on_done: Callable[[DocumentResult], None] | None = None,
                  **parameters) -> RunSummary:
        parameters.pop("workers", None)
        return run_ingest(sources, workers=workers, dask_address=dask_address, on_done=on_done, **parameters)
    return run_bound


def deployment_parameters(sources: list[str], **parameters) -> dict:
    """Flow parameters for a deployment: local paths made absolute, since runs may start elsewhere."""
    from pipeline.sources import URL_PATTERN

    def local(path: str) -> str:
        return str(Path(path).absolute())

    out = {"sources": [s if URL_PATTERN.match(s) and not Path(s).exists() else local(s) for s in sources]}
    for name, value in parameters.items():
        out[name] = local(value) if name in ("out_dir", "raw_dir", "cache_dir") and value else value
    return out


def ingest_schedule(cron: str = DEFAULT_CRON, timezone: str = DEFAULT_TIMEZONE):
    """The deployment's schedule; ValueError for a malformed cron string or an unknown time zone."""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    from prefect.schedules import Cron
    try:
        ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(f"unknown time zone {timezone!r} (expected an IANA name like Europe/Stockholm)") from None
    return Cron(cron, timezone=timezone)


def serve_ingest(sources: list[str], *, name: str, cron: str = DEFAULT_CRON, timezone: str = DEFAULT_TIMEZONE,
                 workers: int = os.cpu_count() or 1, dask_address: str | None = None, **parameters) -> None:
    """Register the deployment `kompass-ingest/<name>` with a cron schedule and serve it (blocks).

    Talks to the Prefect server at PREFECT_API_URL (`prefect server start`); without it Prefect
    starts a temporary server for this process, whose scheduler does not run: fine to try the
    command, but nothing is scheduled and the runs are gone when it stops.
    """
    served = ingest_flow(workers, dask_address)
    served.serve(name=name, schedules=[ingest_schedule(cron, timezone)], limit=SERVE_LIMIT,
                 parameters=deployment_parameters(sources, workers=workers, **parameters),
                 description=f"Fetch new Kommunkompassen reports and update the dataset ({cron}, {timezone}).")
