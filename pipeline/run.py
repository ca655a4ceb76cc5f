"""A run as a short, fixed list of stages: discover → identify → extract → build → validate → write.

`run()` is the one sequence. By default it chains the plain stage functions, extracting documents
on a thread pool whose threads each drive an isolated child process; flows.py hands it the same
stages wrapped in Prefect tasks (`Stages`).
"""
from __future__ import annotations

import dataclasses
import hashlib
import json
import logging
import threading
from collections import Counter
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

import pyarrow as pa

from .fetch import FetchFailure
from .options import RunOptions
from .process import DocumentResult, extractor_version, process_document
from .reconcile import Dataset, build_dataset
from .sources import Input, collect_inputs, sha256_file
from .state import code_digest
from .validate import contract_violations
from .write import output_lock, to_table, write_dataset

log = logging.getLogger(__name__)

#: What extraction calls as each document finishes (the progress bar of `kompass run`).
OnDone = Callable[[DocumentResult], None]


@dataclass(frozen=True)
class Unique:
    """One distinct input by content: the first copy seen, and where the others were."""

    document_id: str
    path: Path
    source: str
    duplicates: tuple[str, ...] = ()


class DatasetViolation(RuntimeError):
    """The built tables break the contract: a kompass bug; the previous dataset is kept."""


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

    def line(self) -> str:
        checks = ", ".join(f"{self.checks.get(s, 0)} {s}" for s in ("error", "warning", "info"))
        failed = f" ({', '.join(f'{n} {c}' for c, n in sorted(self.failed_codes.items()))})" if self.failed_codes else ""
        return (f"{self.documents} documents: {self.extracted} extracted, {self.not_reports} not reports, "
                f"{self.failed} failed{failed}, {self.duplicates} duplicates, {self.reused} reused unchanged; "
                f"{self.evaluations} evaluations, {self.findings} findings; checks: {checks}"
                + (f"; {self.fetch_failures} URLs failed" if self.fetch_failures else ""))


def discover(sources: list[str], options: RunOptions) -> tuple[list[Input], list[FetchFailure]]:
    """Stage 1: folders, files, URLs and listing pages → local files (downloads into raw_dir)."""
    return collect_inputs([str(s) for s in sources], Path(options.raw_dir), options.fetch)


def identify(inputs: list[Input]) -> list[Unique]:
    """Stage 2: one Unique per distinct content (SHA-256); other copies are its duplicates."""
    first: dict[str, Input] = {}
    others: dict[str, list[str]] = {}
    for item in inputs:
        digest = sha256_file(item.path)
        if digest in first:
            if item.source != first[digest].source:
                others[digest].append(item.source)
        else:
            first[digest], others[digest] = item, []
    return [Unique(d, i.path, i.source, tuple(others[d])) for d, i in first.items()]


def extract_one(unique: Unique, options: RunOptions, version: str) -> tuple[DocumentResult, bool]:
    """Stage 3 for one document: the cached result when content and extractor are unchanged."""
    cache = options.cache
    if options.use_cache:
        cached = cache.get(unique.document_id, version)
        if cached is not None:
            cached.file_name, cached.source = unique.path.name, unique.source
            return cached, True
    result = process_document(unique.path, unique.document_id, unique.source, options.limits, version,
                              triage=options.triage)
    cache.put(result)
    return result, False


def extract_all(uniques: list[Unique], options: RunOptions, version: str,
                on_done: OnDone | None = None) -> list[tuple[DocumentResult, bool]]:
    """Stage 3: every document, `workers` at a time (each in its own child process), largest file
    first (`largest_first`); results in the order of `uniques`."""
    with ThreadPoolExecutor(max_workers=max(1, options.workers)) as pool:
        futures = {id(u): pool.submit(extract_one, u, options, version) for u in largest_first(uniques)}
        for future in as_completed(futures.values()):
            if on_done:
                on_done(future.result()[0])
        return [futures[id(u)].result() for u in uniques]


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


def fetch_failure_checks(failures: Iterable[FetchFailure]) -> list[dict]:
    return [{"evaluation_id": None, "document_id": None, "check": f"fetch_{f.code}", "severity": "warning",
             "detail": f"{f.url}: {f.detail}", "page": None} for f in failures]


def build_tables(results: list[DocumentResult], uniques: list[Unique],
                 failures: list[FetchFailure]) -> dict[str, pa.Table]:
    """Stage 4: reconcile, enrich findings with themes, and type every table."""
    from .findings_enrich import enrich_findings, themes_rows   # spaCy: imported only when tables are built

    dataset: Dataset = build_dataset(results, {u.document_id: list(u.duplicates) for u in uniques},
                                     fetch_failure_checks(failures))
    findings = enrich_findings(dataset.findings)
    return {
        "documents": to_table("documents", dataset.documents),
        "evaluations": to_table("evaluations", dataset.evaluations),
        "area_scores": to_table("area_scores", dataset.area_scores),
        "score_observations": to_table("score_observations", dataset.score_observations),
        "findings": to_table("findings", findings),
        "checks": to_table("checks", dataset.checks),
        "themes": to_table("themes", themes_rows()),
    }


def publish(tables: dict[str, pa.Table], out_dir: Path) -> None:
    """Stages 5 and 6: refuse a dataset that breaks the contract, else swap it in whole."""
    violations = contract_violations(tables)
    if violations:
        raise DatasetViolation("the built dataset breaks the contract (kept the previous one):\n  "
                               + "\n  ".join(violations[:20]))
    write_dataset(tables, out_dir)


def summarise(tables: dict[str, pa.Table], uniques: list[Unique], reused: int, failures: list[FetchFailure],
              out_dir: Path) -> RunSummary:
    docs = tables["documents"].to_pylist()
    status = Counter(d["status"] for d in docs)
    return RunSummary(
        documents=len(docs), extracted=status["extracted"], not_reports=status["not_report"],
        failed=status["failed"], duplicates=sum(len(u.duplicates) for u in uniques), reused=reused,
        evaluations=tables["evaluations"].num_rows, findings=tables["findings"].num_rows,
        fetch_failures=len(failures),
        checks=dict(Counter(c["severity"] for c in tables["checks"].to_pylist())),
        failed_codes=dict(Counter(d["error_code"] for d in docs if d["status"] == "failed")),
        out_dir=str(out_dir))


def run_signature(uniques: list[Unique], failures: list[FetchFailure], version: str) -> str:
    """What a dataset is built from: the code, and each input's content, name, sources and the
    URLs that failed. Two runs with the same signature build the same tables."""
    parts = [code_digest(), version, sorted((u.document_id, u.path.name, u.source, u.duplicates) for u in uniques),
             sorted((f.url, f.code, f.detail) for f in failures)]
    return hashlib.sha256(json.dumps(parts, default=list).encode()).hexdigest()


def unchanged_summary(uniques: list[Unique], failures: list[FetchFailure], version: str,
                      options: RunOptions) -> tuple[str, RunSummary | None]:
    """The signature, and the last summary when the output folder already holds exactly this
    dataset and every document's result is cached (a result that is not, e.g. a timeout, is retried)."""
    signature = run_signature(uniques, failures, version)
    if not options.use_cache or not all(options.cache.path(u.document_id, version).is_file() for u in uniques):
        return signature, None
    stored = options.published.summary_if_unchanged(signature)
    if stored is None:
        return signature, None
    return signature, RunSummary(**{**stored, "reused": len(uniques), "out_dir": str(options.out_dir)})


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


def run(sources: list[str], options: RunOptions | None = None, on_done: OnDone | None = None,
        stages: Stages = Stages()) -> RunSummary:
    """Process the sources into options.out_dir and return the summary.

    When nothing changed since the dataset there was written (same inputs, same code), it is left
    as it is and the run ends after hashing the inputs.
    """
    options = options or RunOptions()
    with output_lock(options.out_dir, options.lock_wait_s):
        inputs, failures = stages.discover(sources, options)
        uniques = stages.identify(inputs)
        version = extractor_version()
        signature, summary = unchanged_summary(uniques, failures, version, options)
        if summary is not None:
            log.info("nothing changed since the dataset in %s was written: left as it is", options.out_dir)
            return summary
        theme_model_loaded = load_theme_model_in_background()
        done = stages.extract(uniques, options, version, on_done)
        theme_model_loaded.join()
        results = [r for r, _ in done]
        tables = stages.build(results, uniques, failures)
        stages.publish(tables, options.out_dir)
        summary = summarise(tables, uniques, sum(reused for _, reused in done), failures, options.out_dir)
        options.published.record(signature, dataclasses.asdict(summary))
        return summary
