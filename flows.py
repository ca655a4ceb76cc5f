"""Prefect flows over the pipeline stages: the only module that imports Prefect.

`ingest` is discover → identify → extract (one task per document, mapped) → build → publish.
Caching of extraction is the pipeline's own (SHA-256 + extractor version, pipeline.state), so it
works the same with or without Prefect; Prefect adds retries on fetching, concurrency (threads
that each drive an isolated child process, or a Dask cluster), task names in the UI and schedules.
"""
from __future__ import annotations

import os

os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("DO_NOT_TRACK", "1")

from pathlib import Path  # noqa: E402
from typing import Callable  # noqa: E402

from prefect import flow, get_run_logger, task, unmapped  # noqa: E402
from prefect.cache_policies import NO_CACHE  # noqa: E402
from prefect.futures import as_completed  # noqa: E402
from prefect.task_runners import ThreadPoolTaskRunner  # noqa: E402

from pipeline.documents import Limits  # noqa: E402
from pipeline.process import DocumentResult, extractor_version  # noqa: E402
from pipeline.run import (RunOptions, RunSummary, Unique, build_tables, discover, extract_one,  # noqa: E402
                          identify, publish, summarise)
from pipeline.write import output_lock  # noqa: E402

#: Fetching talks to municipal web servers: retry the whole discovery once more after transient trouble
#: (each request already retries 5xx and timeouts with backoff, pipeline.fetch).
DISCOVER_RETRIES = 1


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
    return identify(inputs)


@task(name="extract", task_run_name="extract-{unique.path.name}", cache_policy=NO_CACHE)
def extract_task(unique: Unique, options: RunOptions, version: str) -> tuple[DocumentResult, bool]:
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


def ingest_flow_for(workers: int, dask_address: str | None = None):
    """The ingest flow bound to a task runner (threads here, or an existing Dask cluster)."""
    return ingest.with_options(task_runner=task_runner(workers, dask_address))


@flow(name="kompass-ingest", log_prints=True)
def ingest(sources: list[str], out_dir: str = "data/processed", raw_dir: str = "data/raw",
           workers: int = os.cpu_count() or 1, use_cache: bool = True, timeout_s: float = Limits.timeout_s,
           memory_mb: int = Limits.memory_mb, max_pages: int = Limits.max_pages,
           max_mb: float = Limits.max_bytes / 2**20, lock_wait_s: float = 0.0,
           cache_dir: str | None = None, on_done: Callable[[DocumentResult], None] | None = None) -> RunSummary:
    """Find, fetch and extract new reports and rebuild the dataset in out_dir."""
    options = RunOptions(out_dir=Path(out_dir), raw_dir=Path(raw_dir), workers=workers, use_cache=use_cache,
                         limits=Limits(max_bytes=int(max_mb * 2**20), max_pages=max_pages, timeout_s=timeout_s,
                                       memory_mb=memory_mb),
                         lock_wait_s=lock_wait_s, cache_dir=Path(cache_dir) if cache_dir else None)
    with output_lock(options.out_dir, options.lock_wait_s):
        inputs, failures = discover_task(sources, options)
        uniques = identify_task(inputs)
        version = extractor_version()
        futures = extract_task.map(uniques, unmapped(options), unmapped(version))
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
        get_run_logger().info(summary.line())
        return summary
