"""A run as a short, fixed list of stages: prepare → discover → identify → extract → validate each
document → build → validate the dataset → write.

`run()` is the one sequence. By default it chains the plain stage functions, extracting documents
on a thread pool whose threads each drive an isolated child process; flows.py hands it the same
stages wrapped in Prefect tasks (`Stages`).

Never destroy what the user gave (README: Safety): `prepare` refuses sources that do not exist
and an output folder kompass did not make before anything is touched; a run that found nothing
keeps the previous dataset; every input is a row, also one that cannot be read; one document whose
records break the contract is `failed` (`internal_error`) instead of stopping the run; Ctrl-C and
SIGTERM cancel the queued documents and kill the busy workers at once.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import logging
import os
import threading
from collections import Counter
from concurrent.futures import FIRST_COMPLETED, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable, Iterable

import pyarrow as pa

from extractors.records import Check

from . import workers
from .errors import DatasetViolation, EnvironmentProblem, UsageError
from .fetch import FetchFailure
from .options import RunOptions
from .process import DocumentResult, extractor_version, process_document, published_name
from .reconcile import Dataset, build_dataset
from .sources import Input, check_sources, collect_inputs, printable, sha256_file
from .state import code_digest
from .validate import contract_violations, document_violations
from .write import check_out_dir, dataset_tables, output_lock, write_dataset

log = logging.getLogger(__name__)

#: How often the main thread wakes while documents are extracted. A signal (Ctrl-C, SIGTERM) that the
#: kernel hands to another thread is only acted on when the main thread runs again: waiting for the
#: next document to finish instead took 47 s on 12 scans.
SIGNAL_POLL_S = 0.2

#: What extraction calls as each document finishes (the progress bar of `kompass run`).
OnDone = Callable[[DocumentResult], None]


@dataclass(frozen=True)
class Unique:
    """One distinct input by content: the first copy seen, and where the others were."""

    document_id: str
    path: Path
    source: str
    duplicates: tuple[str, ...] = ()
    problem: str | None = None  # why it is not read (sources.Input.problem, or hashing failed)

    @property
    def file_name(self) -> str:
        """The name as published (a URL's last segment, else the file's name): any bytes a name holds,
        shown as text (undecodable bytes as \\xNN)."""
        return printable(published_name(self.source))

    @property
    def stored_path(self) -> str:
        """Where kompass read the bytes, as text."""
        return printable(str(self.path))


@dataclass
class RunSummary:
    documents: int = 0
    extracted: int = 0
    not_reports: int = 0
    failed: int = 0
    duplicates: int = 0
    reused: int = 0
    evaluations: int = 0
    findings: int = 0
    fetch_failures: int = 0
    checks: dict[str, int] = field(default_factory=dict)
    failed_codes: dict[str, int] = field(default_factory=dict)
    out_dir: str = ""
    damaged_cache: int = 0  # cache entries found damaged and re-extracted

    def line(self) -> str:
        checks = ", ".join(f"{self.checks.get(s, 0)} {s}" for s in ("error", "warning", "info"))
        failed = (
            f" ({', '.join(f'{n} {c}' for c, n in sorted(self.failed_codes.items()))})" if self.failed_codes else ""
        )
        return (
            f"{self.documents} documents: {self.extracted} extracted, {self.not_reports} not reports, "
            f"{self.failed} failed{failed}, {self.duplicates} duplicates, {self.reused} reused unchanged; "
            f"{self.evaluations} evaluations, {self.findings} findings; checks: {checks}"
            + (f"; {self.fetch_failures} URLs failed" if self.fetch_failures else "")
            + (f"; {self.damaged_cache} damaged cache entries re-extracted" if self.damaged_cache else "")
        )


def prepare(sources: list[str], options: RunOptions) -> Path:
    """Stage 0, before anything is touched: every local source exists (sources.toml files parse),
    and the output folder is kompass's to replace (write.check_out_dir); the folder to write, a
    symlink resolved to its target. Raises UsageError."""
    local = check_sources([str(s) for s in sources])
    return check_out_dir(options.out_dir, local + [Path(options.raw_dir), options.cache_root])


def refuse_empty(
    inputs: list[Input], failures: list[FetchFailure], sources: list[str], out: Path, options: RunOptions
) -> None:
    """A run that found no input at all keeps the previous dataset unless options.allow_empty."""
    if inputs or options.allow_empty:
        return
    kept = f"the dataset in {out} is left as it is" if out.is_dir() and any(out.iterdir()) else "nothing was written"
    kept += " (--allow-empty writes an empty dataset)"
    if failures:
        first = failures[0]
        raise EnvironmentProblem(
            f"no document could be fetched ({len(failures)} URLs failed; first {first.url}: {first.detail}); {kept}"
        )
    raise UsageError(f"found no input in {', '.join(map(str, sources))}; {kept}")


def discover(sources: list[str], options: RunOptions) -> tuple[list[Input], list[FetchFailure]]:
    """Stage 1: folders, files, URLs and listing pages → local files (downloads into raw_dir)."""
    return collect_inputs([str(s) for s in sources], Path(options.raw_dir), options.fetch)


def identify(inputs: list[Input]) -> list[Unique]:
    """Stage 2: one Unique per distinct content (SHA-256); other copies are its duplicates.

    An input that cannot be read (its `problem`, or hashing it fails: vanished, access denied) has
    no content to hash: its id is the SHA-256 of "unreadable:" and its path, one row per path.
    """
    first: dict[str, Input] = {}
    others: dict[str, list[str]] = {}
    problems: dict[str, str] = {}
    for item in inputs:
        problem = item.problem
        if problem is None:
            try:
                digest = sha256_file(item.path)
            except OSError as e:
                problem = f"could not be read: {e.strerror or type(e).__name__}"
        if problem is not None:
            digest = hashlib.sha256(b"unreadable:" + os.fsencode(item.source)).hexdigest()
            problems[digest] = problem
        if digest in first:
            if item.source != first[digest].source:
                others[digest].append(printable(item.source))
        else:
            first[digest], others[digest] = item, []
    return [Unique(d, i.path, printable(i.source), tuple(others[d]), problems.get(d)) for d, i in first.items()]


def extract_one(unique: Unique, options: RunOptions, version: str) -> tuple[DocumentResult, bool]:
    """Stage 3 for one document: the cached result when content and extractor are unchanged."""
    if unique.problem is not None:
        return unreadable_result(unique, version), False
    cache = options.cache
    if options.use_cache:
        cached = cache.get(unique.document_id, version)
        if cached is not None:
            cached.file_name, cached.source, cached.stored_path = unique.file_name, unique.source, unique.stored_path
            return cached, True
    result = process_document(
        unique.path, unique.document_id, unique.source, options.limits, version, triage=options.triage
    )
    result.file_name, result.source, result.stored_path = unique.file_name, unique.source, unique.stored_path
    result.error = printable(result.error) if result.error else result.error
    cache.put(result)
    return result, False


def unreadable_result(unique: Unique, version: str) -> DocumentResult:
    """The `failed` row of an input kompass did not read, saying why (never what it contains)."""
    return DocumentResult(
        unique.document_id,
        unique.file_name,
        unique.source,
        0,
        version,
        datetime.now(timezone.utc).isoformat(),
        status="failed",
        error_code="unreadable",
        error=unique.problem,
        stored_path=unique.stored_path,
    )


def extract_all(
    uniques: list[Unique], options: RunOptions, version: str, on_done: OnDone | None = None
) -> list[tuple[DocumentResult, bool]]:
    """Stage 3: every document, `workers` at a time (each in its own child process), largest file
    first (`largest_first`); results in the order of `uniques`.

    On Ctrl-C, SIGTERM or any error the queued documents are cancelled and the busy workers killed
    at once (workers.cancel_running), and the exception goes on: nothing is published."""
    workers.resume()
    pool = ThreadPoolExecutor(max_workers=max(1, options.workers))
    try:
        futures = {id(u): pool.submit(extract_one, u, options, version) for u in largest_first(uniques)}
        pending = set(futures.values())
        while pending:
            done, pending = wait(pending, timeout=SIGNAL_POLL_S, return_when=FIRST_COMPLETED)
            for future in done:
                if on_done:
                    on_done(future.result()[0])
        return [futures[id(u)].result() for u in uniques]
    except BaseException:
        pool.shutdown(wait=False, cancel_futures=True)
        workers.cancel_running()
        raise
    finally:
        pool.shutdown(wait=True)


def validate_documents(results: list[DocumentResult]) -> list[DocumentResult]:
    """Part of stage 4: each document's records against the contract, on their own. A document that breaks
    it becomes `failed` with `internal_error` and the violation (a kompass bug, shown as a check
    like every failed document), so one bad record cannot keep the others from being published."""
    return [checked_result(r) for r in results]


def checked_result(result: DocumentResult) -> DocumentResult:
    if result.status == "failed":
        return result
    violations = document_violations(result)
    if not violations:
        return result
    log.warning("%s: its records break the contract, recorded as failed: %s", result.file_name, violations[0])
    more = f" (and {len(violations) - 1} more)" if len(violations) > 1 else ""
    return DocumentResult(
        result.document_id,
        result.file_name,
        result.source,
        result.size_bytes,
        result.extractor_version,
        result.processed_at,
        status="failed",
        kind=result.kind,
        n_pages=result.n_pages,
        text_source=result.text_source,
        error_code="internal_error",
        error=f"kompass read records from it that break the dataset contract: {violations[0]}"
        f"{more}; please report this as a bug",
        stored_path=result.stored_path,
    )


def largest_first(uniques: list[Unique]) -> list[Unique]:
    """Scans and long reports take longest and their size shows it: started first, they do not hold
    up the end of a run while the other workers sit idle."""

    def size(u: Unique) -> int:
        try:
            return u.path.stat().st_size
        except OSError:
            return 0

    return sorted(uniques, key=size, reverse=True)


def load_theme_model_in_background() -> threading.Thread:
    """Import spaCy and load the theme classifier (~2 s) on a thread while the workers extract:
    otherwise the build stage starts with it, on one core, after the last document."""

    def load() -> None:
        from .findings_enrich import theme_model

        theme_model()

    thread = threading.Thread(target=load, name="kompass-theme-model", daemon=True)
    thread.start()
    return thread


def fetch_failure_checks(failures: Iterable[FetchFailure]) -> list[Check]:
    return [Check(f"fetch_{f.code}", "warning", f"{f.url}: {f.detail}") for f in failures]


def build_tables(
    results: list[DocumentResult], uniques: list[Unique], failures: list[FetchFailure]
) -> dict[str, pa.Table]:
    """Stage 4: each document checked on its own (validate_documents), then reconcile, enrich
    findings with themes, and type every table."""
    from .findings_enrich import enrich_findings, themes_rows  # spaCy: imported only when tables are built

    results = validate_documents(results)

    dataset: Dataset = build_dataset(
        results, {u.document_id: list(u.duplicates) for u in uniques}, fetch_failure_checks(failures)
    )
    findings = enrich_findings(dataset.findings, {e["evaluation_id"]: e["framework"] for e in dataset.evaluations})
    return dataset_tables(dataset, findings, themes_rows())


def publish(tables: dict[str, pa.Table], out_dir: Path) -> None:
    """Stages 5 and 6: refuse a dataset that breaks the contract, else swap it in whole."""
    violations = contract_violations(tables)
    if violations:
        raise DatasetViolation(
            "the built dataset breaks the contract (kept the previous one):\n  " + "\n  ".join(violations[:20])
        )
    write_dataset(tables, out_dir)


def summarise(
    tables: dict[str, pa.Table],
    uniques: list[Unique],
    reused: int,
    failures: list[FetchFailure],
    out_dir: Path,
    damaged_cache: int = 0,
) -> RunSummary:
    docs = tables["documents"].to_pylist()
    status = Counter(d["status"] for d in docs)
    return RunSummary(
        documents=len(docs),
        extracted=status["extracted"],
        not_reports=status["not_report"],
        failed=status["failed"],
        duplicates=sum(len(u.duplicates) for u in uniques),
        reused=reused,
        evaluations=tables["evaluations"].num_rows,
        findings=tables["findings"].num_rows,
        fetch_failures=len(failures),
        checks=dict(Counter(c["severity"] for c in tables["checks"].to_pylist())),
        failed_codes=dict(Counter(d["error_code"] for d in docs if d["status"] == "failed")),
        out_dir=str(out_dir),
        damaged_cache=damaged_cache,
    )


def run_signature(uniques: list[Unique], failures: list[FetchFailure], version: str) -> str:
    """What a dataset is built from: the code, and each input's content, name, sources and the
    URLs that failed. Two runs with the same signature build the same tables."""
    parts = [
        code_digest(),
        version,
        sorted((u.document_id, u.file_name, u.source, u.duplicates) for u in uniques),
        sorted((f.url, f.code, f.detail) for f in failures),
    ]
    return hashlib.sha256(json.dumps(parts, default=list).encode()).hexdigest()


def unchanged_summary(
    uniques: list[Unique], failures: list[FetchFailure], version: str, options: RunOptions
) -> tuple[str, RunSummary | None]:
    """The signature, and the last summary when the output folder already holds exactly this
    dataset and every document's result is cached (a result that is not, e.g. a timeout, is retried)."""
    signature = run_signature(uniques, failures, version)
    if not options.use_cache or not all(options.cache.path(u.document_id, version).is_file() for u in uniques):
        return signature, None
    stored = options.published.summary_if_unchanged(signature)
    if stored is None:
        return signature, None
    try:
        return signature, RunSummary(
            **{**stored, "reused": len(uniques), "out_dir": str(options.out_dir), "damaged_cache": 0}
        )
    except TypeError:  # a record of another layout: rebuild
        return signature, None


@dataclass(frozen=True)
class Stages:
    """The stage functions `run()` chains. flows.py passes the same functions wrapped in Prefect tasks
    (task names and logs in the UI, retries, a Dask cluster for extraction), so the order of a run is
    written only in `run()`."""

    discover: Callable[[list[str], RunOptions], tuple[list[Input], list[FetchFailure]]] = discover
    identify: Callable[[list[Input]], list[Unique]] = identify
    extract: Callable[[list[Unique], RunOptions, str, OnDone | None], list[tuple[DocumentResult, bool]]] = extract_all
    build: Callable[[list[DocumentResult], list[Unique], list[FetchFailure]], dict[str, pa.Table]] = build_tables
    publish: Callable[[dict[str, pa.Table], Path], None] = publish


def run(
    sources: list[str], options: RunOptions | None = None, on_done: OnDone | None = None, stages: Stages = Stages()
) -> RunSummary:
    """Process the sources into options.out_dir and return the summary.

    When nothing changed since the dataset there was written (same inputs, same code), it is left
    as it is and the run ends after hashing the inputs. Raises UsageError (nothing touched),
    EnvironmentProblem or DatasetViolation (the previous dataset kept).
    """
    options = options or RunOptions()
    out = prepare(sources, options)
    with output_lock(out, options.lock_wait_s):
        inputs, failures = stages.discover(sources, options)
        refuse_empty(inputs, failures, sources, out, options)
        uniques = stages.identify(inputs)
        version = extractor_version()
        signature, summary = unchanged_summary(uniques, failures, version, options)
        if summary is not None:
            log.info("nothing changed since the dataset in %s was written: left as it is", options.out_dir)
            return summary
        damaged = (
            options.cache.discard_damaged([u.document_id for u in uniques if u.problem is None], version)
            if options.use_cache
            else 0
        )
        theme_model_loaded = load_theme_model_in_background()
        done = stages.extract(uniques, options, version, on_done)
        theme_model_loaded.join()
        tables = stages.build([r for r, _ in done], uniques, failures)
        stages.publish(tables, out)
        summary = summarise(tables, uniques, sum(reused for _, reused in done), failures, options.out_dir, damaged)
        options.published.record(signature, dataclasses.asdict(summary))
        return summary
