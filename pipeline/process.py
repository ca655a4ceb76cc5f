"""One document → its records. A bad input becomes a status and an error code, never an exception.

The heavy work (parsing, OCR, extraction) runs in a child process with a wall-clock timeout and a
memory cap (pipeline.workers.run_isolated), so a PDF that makes the parser spin or balloon costs
one `timeout` / `too_large` row and the run goes on.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from dataclasses import dataclass, field
from datetime import datetime, timezone
from importlib import resources
from pathlib import Path
from typing import Iterable
from urllib.parse import unquote, urlsplit

from extractors.classify import classify_document
from extractors.findings import extract_findings
from extractors.metadata import extract_metadata
from extractors.organisations import Organisation, unresolved_org
from extractors.records import Check, Finding, Metadata, ScoreObservation
from extractors.scores import extract_scores

from .ocr_lists import reread_merged_lists
from .reader.document import open_document
from .reader.limits import DocumentError, Limits
from .worker_process import one_line
from .workers import run_isolated

PACKAGE_VERSION = "0.1.0"
#: Extractor files applied at build time over the whole dataset, not per document.
BUILD_STAGE_FILES = {"themes.py", "recurring.py", "themes.csv", "themes_model"}


def extractor_version() -> str:
    """Package version plus a digest of the extractor code and reference data.

    Any change to what per-document extraction does changes the version, so cached results are
    never reused across code changes by accident. Themes and recurring ids are not part of it: they
    are computed over all findings at every build (pipeline.findings_enrich).
    """
    root = Path(str(resources.files("extractors")))
    files = [
        path
        for path in root.rglob("*")
        if path.suffix in {".py", ".csv", ".json"} and not BUILD_STAGE_FILES.intersection(path.parts)
    ]
    return f"{PACKAGE_VERSION}+{files_digest(root, files)[:10]}"


def files_digest(root: Path, paths: Iterable[Path]) -> str:
    """SHA-256 over the files' paths (relative to root) and contents, in path order; folders and
    __pycache__ are left out."""
    digest = hashlib.sha256()
    for path in sorted(paths):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(path.relative_to(root).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


@dataclass
class DocumentResult:
    """Everything one document yields; picklable and JSON-serialisable for the cache."""

    document_id: str
    file_name: str
    source: str
    size_bytes: int
    extractor_version: str
    processed_at: str
    status: str = "failed"
    kind: str | None = None
    framework: str | None = None
    n_pages: int | None = None
    error_code: str | None = None
    error: str | None = None
    text_source: str | None = None
    reason: str | None = None
    metadata: Metadata | None = None
    observations: list[ScoreObservation] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    checks: list[Check] = field(default_factory=list)
    stored_path: str | None = None  # where the bytes are: the local file, or the download in raw_dir

    def to_json(self) -> str:
        return json.dumps(dataclasses.asdict(self), ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> "DocumentResult":
        data = json.loads(text)
        meta = data.pop("metadata")
        if meta is not None:
            org = meta.pop("organisation")
            meta = Metadata(organisation=Organisation(**org) if org else None, **meta)
        observations = [
            ScoreObservation(**{**o, "organisation": Organisation(**o["organisation"])})
            for o in data.pop("observations")
        ]
        findings = [Finding(**f) for f in data.pop("findings")]
        checks = [Check(**c) for c in data.pop("checks")]
        return cls(**data, metadata=meta, observations=observations, findings=findings, checks=checks)


def published_name(source: str) -> str:
    """The name a document was published under: a URL's last path segment, or the local file's name.

    Downloads are stored under a content-hash name ('90385472e1304152-x.pdf'); readers know the
    report by the name on the municipality's site. A URL without a path segment gives its host.
    """
    if "://" in source:
        url = urlsplit(source)
        segment = unquote(url.path.rstrip("/").rsplit("/", 1)[-1])
        return segment or url.hostname or source
    return Path(source).name


def extract_document(path: str, limits: Limits, triage: bool = True, source: str = "") -> dict:
    """Open and extract one PDF (runs in the child process); raises DocumentError for bad input.

    With triage, pages that need no pdfplumber parse are read through PDFium (pipeline.reader.triage); the
    result is the same as with every page parsed by pdfplumber.
    """
    try:
        doc = open_document(path, limits, triage=triage)
    except OSError as e:  # vanished, access denied, an I/O error: the file, not kompass
        raise DocumentError("unreadable", f"the file could not be read: {e.strerror or type(e).__name__}") from e
    cls = classify_document(doc)
    out: dict = {
        "kind": cls.kind,
        "framework": cls.framework,
        "n_pages": doc.n_pages,
        "text_source": doc.text_source,
        "reason": cls.reason,
    }
    if cls.kind in ("other", "memo"):
        out.update(status="not_report", framework=None)
        return out
    try:
        return {**out, **extract_records(doc, cls, path, source)}
    except Exception as e:  # a bug of ours: the file opened fine, so say so rather than blame the file
        raise DocumentError(
            "internal_error",
            f"kompass failed while extracting ({type(e).__name__}: "
            f"{one_line(e)}); the PDF itself opened fine: please report "
            "this as a bug",
            type(e).__name__,
        ) from e


def extract_records(doc, cls, path: str, source: str = "") -> dict:
    """Metadata, score observations, findings and checks of a Kommunkompassen document.

    An organisation no cue names is an error (the evaluation's status says so), not a warning: its
    findings and scores would otherwise sit under an id made from the file name unnoticed.
    """
    meta = extract_metadata(doc, cls.country, source)
    checks: list[Check] = []
    if meta.organisation is None:
        printed = meta.organisation_printed or doc.info.get("Title") or Path(path).stem
        meta.organisation = unresolved_org(printed, cls.country)
        checks.append(
            Check(
                "municipality_unresolved",
                "error",
                f"organisation not resolved to a municipality from any cue (title, cover date, "
                f"headers, results, file name, URL); kept as {printed!r}",
                meta.page,
            )
        )
    if meta.year is None:
        checks.append(Check("year_unknown", "error", "no evaluation year found on the cover pages", meta.page))
    observations = extract_scores(doc, cls.framework, meta.organisation, meta.year, cls.kind, checks)
    findings, finding_checks = extract_findings(doc, cls.framework, cls.kind)
    if doc.text_source == "ocr":  # items a misread bullet merged: their bands read a second time
        reread = reread_merged_lists(path, doc, findings, cls.framework, cls.kind)
        if reread is not None:
            _, findings, finding_checks = reread
    return {
        "status": "extracted",
        "metadata": meta,
        "observations": observations,
        "findings": findings,
        "checks": checks + finding_checks,
    }


def process_document(
    path: str | Path,
    document_id: str,
    source: str,
    limits: Limits | None = None,
    version: str | None = None,
    isolate: bool = True,
    triage: bool = True,
) -> DocumentResult:
    """Process one file into a DocumentResult; failures are recorded in it, never raised.

    `triage` only changes how fast it goes (pipeline.reader.triage), never the result.
    """
    limits = limits or Limits()
    path = Path(path)
    result = DocumentResult(
        document_id,
        published_name(source),
        source,
        0,
        version or extractor_version(),
        datetime.now(timezone.utc).isoformat(),
        stored_path=str(path),
    )
    try:
        result.size_bytes = path.stat().st_size
    except OSError as e:  # it vanished since it was found
        result.status, result.error_code = "failed", "unreadable"
        result.error = f"the file could not be read: {e.strerror or type(e).__name__}"
        return result
    try:
        if isolate:
            fields = run_isolated(
                extract_document,
                str(path),
                limits,
                triage,
                source,
                timeout_s=limits.timeout_s,
                memory_mb=limits.memory_mb,
            )
        else:
            fields = extract_document(str(path), limits, triage, source)
    except DocumentError as e:
        result.status, result.error_code, result.error = "failed", e.code, e.message
        return result
    for name, value in fields.items():
        setattr(result, name, value)
    return result
