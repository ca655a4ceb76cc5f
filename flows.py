"""Prefect flows over the pipeline stages: the only module that imports Prefect.

`ingest` is `pipeline.run.run()` with its stages wrapped in tasks: discover (find listing pages and
fetch PDFs, retried) → identify → extract (one task per document, on threads or a Dask cluster) →
build → publish. The order of a run is written only in run(). Caching of extraction is the
pipeline's own (SHA-256 + extractor version, pipeline.state), so it works the same with or without
Prefect; Prefect adds task names and logs in the UI, retries, Dask and schedules. Three ways in:

- `run_ingest()` (`kompass run --prefect`): one flow run in this process;
- `serve_ingest()` (`kompass serve`): a deployment with a cron schedule, served by this process,
  which starts a flow run (in a child process) whenever one is due or triggered;
- `deploy_ingest()` (`kompass deploy --pool`): a deployment on a process work pool, run by
  `prefect worker start` wherever kompass is installed.

Flow parameters are JSON values (sources, the RunOptions object, dask_address): a deployment
stores them and the UI edits them. The progress callback of `kompass run` is not a parameter; it
travels in a context variable.

On a Dask cluster (`dask_address`) only the per-document tasks run on the workers; discovery,
fetching, building and publishing stay in the flow's process. The workers must therefore
- see raw_dir and the cache folder at the same absolute paths (one machine, or a shared
  filesystem): a task ships the document's path, not its bytes;
- be allowed to start child processes: every document is extracted in a child process with a
  time and memory limit (pipeline.workers.run_isolated), and Python refuses children to daemonic
  processes, which is what a Dask nanny starts by default. Start the workers with
  `DASK_DISTRIBUTED__WORKER__DAEMON=False dask worker tcp://…` (or `dask worker --no-nanny`);
  on a daemonic worker the task fails at once with a message saying so;
- reach the Prefect API the flow uses (PREFECT_API_URL), since task runs report their states:
  without one, each worker would start a private server, so a Dask run without PREFECT_API_URL
  is refused (NoPrefectServer).
"""

import logging
import os

os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("DO_NOT_TRACK", "1")
#: Without a server, a flow run starts a temporary one and gives it 20 s by default: on two busy cores
#: that timed out (`kompass run --prefect` failed with "Timed out … ephemeral Prefect API server").
os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "120")

import socket  # noqa: E402
from contextlib import contextmanager  # noqa: E402
from contextvars import ContextVar  # noqa: E402
from dataclasses import replace  # noqa: E402
from functools import partial  # noqa: E402
from multiprocessing import current_process  # noqa: E402
from pathlib import Path  # noqa: E402
from uuid import UUID  # noqa: E402

from prefect import flow, get_run_logger, task, unmapped  # noqa: E402
from prefect.cache_policies import NO_CACHE  # noqa: E402
from prefect.futures import as_completed  # noqa: E402
from prefect.task_runners import ThreadPoolTaskRunner  # noqa: E402

from pipeline.errors import UsageError  # noqa: E402
from pipeline.options import DEFAULT_CRON, DEFAULT_TIMEZONE, RunOptions  # noqa: E402
from pipeline.process import DocumentResult, extractor_version  # noqa: E402
from pipeline.run import (
    OnDone,
    RunSummary,
    Stages,
    Unique,
    build_tables,
    discover,
    extract_one,  # noqa: E402
    identify,
    largest_first,
    publish,
    run,
)

FLOW_NAME = "kompass-ingest"
#: Each request already retries 5xx answers and timeouts with backoff (pipeline.fetch), and a URL that
#: still fails is recorded, not raised; so this retries discovery only after an unexpected error.
DISCOVER_RETRIES = 1
#: One run at a time per deployment (served or on a pool): two runs would write the same dataset folder,
#: and the second would stop at its lock (pipeline.write.output_lock).
SERVE_LIMIT = 1
#: The flow's default options, those of `kompass run` without options (never modified: run() only reads them).
DEFAULT_OPTIONS = RunOptions()

#: `kompass run`'s progress callback, called in the flow's process as each document finishes. Only
#: module-level functions may touch it: Dask pickles the flow's function by value with the task
#: context, globals included, and a ContextVar cannot be pickled.
_on_done: ContextVar[OnDone | None] = ContextVar("kompass_on_done", default=None)


def progress_callback() -> OnDone | None:
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
            "by default: start them with DASK_DISTRIBUTED__WORKER__DAEMON=False (or `dask worker --no-nanny`)"
        )
    if not unique.path.is_file():
        raise WorkerSetupError(
            f"{unique.path} was found by discovery but is not readable on {host}: on a Dask cluster, workers "
            "must see raw_dir and the cache folder at the same absolute paths as the flow (one machine, or a "
            "shared filesystem)"
        )
    here = extractor_version()
    if here != version:
        raise WorkerSetupError(
            f"the extractor code on {host} is version {here}, the flow's is {version}: install the same kompass "
            "on the Dask workers as where the flow runs (and restart the workers after an upgrade)"
        )


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
        logger.info(
            "%s: %s %s, %d scores, %d findings",
            unique.path.name,
            result.status,
            result.kind,
            len(result.observations),
            len(result.findings),
        )
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


def extract_tasks(
    uniques: list[Unique], options: RunOptions, version: str, on_done: OnDone | None, dask_address: str | None = None
) -> list[tuple[DocumentResult, bool]]:
    """The extract stage as one `extract-<file>` task per document, largest first: `options.workers` at a
    time on threads of this process, or on the Dask cluster at dask_address. Tasks get absolute paths,
    since a Dask worker has its own working directory; results come back in the order of `uniques`."""
    shipped = [replace(u, path=u.path.absolute()) for u in largest_first(uniques)]
    done = {}
    with task_runner(options.workers, dask_address) as runner:
        futures = runner.map(
            extract_task, {"unique": shipped, "options": unmapped(options.absolute()), "version": unmapped(version)}
        )
        for future in as_completed(futures):
            result, reused = future.result()
            done[result.document_id] = (result, reused)
            if on_done:
                on_done(result)
    return [done[u.document_id] for u in uniques]


@contextmanager
def pipeline_logs_to_the_flow_run():
    """pipeline's own log lines ("nothing changed …", warnings) shown with the flow run, as Prefect does for
    the loggers named in PREFECT_LOGGING_EXTRA_LOGGERS (a setting read once, when Prefect starts)."""
    logger = logging.getLogger("pipeline")
    handlers = [h for h in logging.getLogger("prefect.extra").handlers if h not in logger.handlers]
    level = logger.level
    logger.setLevel(logging.INFO)
    for handler in handlers:
        logger.addHandler(handler)
    try:
        yield
    finally:
        for handler in handlers:
            logger.removeHandler(handler)
        logger.setLevel(level)


@flow(name=FLOW_NAME, log_prints=True)
def ingest(sources: list[str], options: RunOptions = DEFAULT_OPTIONS, dask_address: str | None = None) -> RunSummary:
    """Find, fetch and extract new reports and rebuild the dataset in options.out_dir.

    sources: folders, PDF files, http(s) URLs of PDFs or of listing pages, sources.toml files.
    options: as `kompass run`'s options (pipeline.options.RunOptions). Unchanged documents (same
    SHA-256, same extractor version) reuse their cached result.
    dask_address: run the extract tasks on this Dask scheduler (tcp://host:8786) instead of threads here.
    """
    stages = Stages(
        discover=discover_task,
        identify=identify_task,
        build=build_task,
        publish=publish_task,
        extract=partial(extract_tasks, dask_address=dask_address),
    )
    with pipeline_logs_to_the_flow_run():
        summary = run(sources, options, progress_callback(), stages)
    get_run_logger().info(summary.line())
    return summary


class NoPrefectServer(UsageError):
    """Dask workers would each start a private Prefect server (orphaned when the worker stops), and
    their task states would never reach the flow's: a Dask run needs a server both can reach."""


def require_server_for_dask(dask_address: str | None) -> None:
    from prefect.settings import PREFECT_API_URL

    if dask_address and not PREFECT_API_URL.value():
        raise NoPrefectServer(
            "--dask-address needs a Prefect server the Dask workers can reach: start "
            "`prefect server start` and set PREFECT_API_URL (docs/orchestration.md)"
        )


def run_ingest(
    sources: list[str],
    options: RunOptions | None = None,
    *,
    dask_address: str | None = None,
    on_done: OnDone | None = None,
) -> RunSummary:
    """One ingest flow run in this process (`kompass run --prefect`); on_done(result) is called as each
    document finishes. NoPrefectServer for a Dask run without PREFECT_API_URL."""
    require_server_for_dask(dask_address)
    token = _on_done.set(on_done)
    try:
        return ingest(list(sources), options or RunOptions(), dask_address)
    finally:
        _on_done.reset(token)


def deployment_parameters(sources: list[str], options: RunOptions, dask_address: str | None = None) -> dict:
    """Flow parameters for a deployment as JSON: local paths made absolute, since runs start elsewhere."""
    from pipeline.sources import URL_PATTERN

    return {
        "sources": [s if URL_PATTERN.match(s) and not Path(s).exists() else str(Path(s).absolute()) for s in sources],
        "options": options.absolute().to_json(),
        "dask_address": dask_address,
    }


def ingest_schedule(cron: str = DEFAULT_CRON, timezone: str = DEFAULT_TIMEZONE):
    """The deployment's schedule; ValueError for a malformed cron string or an unknown time zone."""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    from prefect.schedules import Cron

    try:
        ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(f"unknown time zone {timezone!r} (expected an IANA name like Europe/Stockholm)") from None
    return Cron(cron, timezone=timezone)


def description(cron: str, timezone: str) -> str:
    return f"Fetch new Kommunkompassen reports and update the dataset ({cron}, {timezone})."


def serve_ingest(
    sources: list[str],
    options: RunOptions,
    *,
    name: str,
    cron: str = DEFAULT_CRON,
    timezone: str = DEFAULT_TIMEZONE,
    dask_address: str | None = None,
) -> None:
    """Register the deployment `kompass-ingest/<name>` with a cron schedule and serve it (blocks).

    Talks to the Prefect server at PREFECT_API_URL (`prefect server start`); without it Prefect
    starts a temporary server for this process, whose scheduler does not run: fine to try the
    command, but nothing is scheduled and the runs are gone when it stops.
    """
    from prefect.deployments.runner import EntrypointType

    require_server_for_dask(dask_address)
    ingest.serve(
        name=name,
        schedules=[ingest_schedule(cron, timezone)],
        limit=SERVE_LIMIT,
        parameters=deployment_parameters(sources, options, dask_address),
        description=description(cron, timezone),
        entrypoint_type=EntrypointType.MODULE_PATH,
    )


def deploy_ingest(
    sources: list[str],
    options: RunOptions,
    *,
    name: str,
    pool: str,
    cron: str = DEFAULT_CRON,
    timezone: str = DEFAULT_TIMEZONE,
    dask_address: str | None = None,
) -> UUID:
    """Register `kompass-ingest/<name>` on the work pool `pool` (returns at once): a worker of that pool
    (`prefect worker start --pool POOL`) runs it, importing `flows.ingest` from the installed kompass.

    ValueError when PREFECT_API_URL is not set or the pool does not exist.
    """
    from prefect.deployments.runner import EntrypointType
    from prefect.settings import PREFECT_API_URL

    if not PREFECT_API_URL.value():
        raise ValueError(
            "a deployment is stored on a Prefect server: start `prefect server start` and set "
            "PREFECT_API_URL (docs/orchestration.md)"
        )
    return ingest.deploy(
        name=name,
        work_pool_name=pool,
        entrypoint_type=EntrypointType.MODULE_PATH,
        schedules=[ingest_schedule(cron, timezone)],
        concurrency_limit=SERVE_LIMIT,
        parameters=deployment_parameters(sources, options, dask_address),
        description=description(cron, timezone),
        print_next_steps=False,
        ignore_warnings=True,
    )
