"""What has been processed: one JSON result per (extractor version, document_id).

Unchanged inputs (same bytes, same extractor code) are never opened again: their cached result is
carried into the new dataset. A new extractor version starts a fresh folder, so stale results are
never mixed in; `kompass run --no-cache` ignores the cache for one run. `PublishedRun` remembers
what each output folder was built from, so an unchanged re-run does not even rebuild the tables.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import logging
import os
import shutil
import threading
from pathlib import Path

from .errors import os_reason
from .process import DocumentResult, files_digest

log = logging.getLogger(__name__)

#: Failures that may not recur (a busy machine can time out, a file can become readable): never
#: served from the cache.
TRANSIENT_ERRORS = {"timeout", "unreadable"}
#: Version of the cache entry layout: {"format", "document_id", "extractor_version", "sha256", "result"}.
CACHE_FORMAT = 2


class ResultCache:
    """One JSON file per (extractor version, document_id), named by the id alone (never by the
    input's file name). An entry is trusted only when it is intact: the layout, the id and version
    it is filed under, and the SHA-256 of its result all match; anything else is re-extracted."""

    def __init__(self, root: str | Path):
        self.root = Path(root)

    def path(self, document_id: str, version: str) -> Path:
        return self.root / version / f"{document_id}.json"

    def get(self, document_id: str, version: str) -> DocumentResult | None:
        """The cached result, or None when there is none or it is damaged."""
        return self.read(document_id, version)[0]

    def read(self, document_id: str, version: str) -> tuple[DocumentResult | None, str | None]:
        """(result, None) for an intact entry; (None, None) when there is none; (None, why) when damaged."""
        path = self.path(document_id, version)
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return None, None
        except (OSError, UnicodeDecodeError) as e:
            return None, f"unreadable ({type(e).__name__})"
        try:
            entry = json.loads(text)
        except ValueError:
            return None, "not JSON"
        if isinstance(entry, dict) and "format" not in entry and "status" in entry:
            return None, None  # a result as kompass cached it before CACHE_FORMAT: re-extracted, not damaged
        if (
            not isinstance(entry, dict)
            or entry.get("format") != CACHE_FORMAT
            or not isinstance(entry.get("result"), dict)
        ):
            return None, "not a kompass cache entry of this format"
        if (entry.get("document_id"), entry.get("extractor_version")) != (document_id, version):
            return None, "filed under another document or version"
        if entry.get("sha256") != result_digest(entry["result"]):
            return None, "its content was changed after it was written"
        try:
            result = DocumentResult.from_json(json.dumps(entry["result"]))
        except (ValueError, TypeError, KeyError, AttributeError) as e:
            return None, f"does not fit the result layout ({type(e).__name__})"
        if (result.document_id, result.extractor_version) != (document_id, version):
            return None, "holds another document's result"
        return result, None

    def discard_damaged(self, document_ids: list[str], version: str) -> int:
        """Remove every damaged entry among these documents' (they are re-extracted); how many."""
        damaged = 0
        for document_id in document_ids:
            result, why = self.read(document_id, version)
            if why is not None:
                log.warning("cache entry of document %s… %s: re-extracting it", document_id[:12], why)
                remove(self.path(document_id, version))
                damaged += 1
        return damaged

    def put(self, result: DocumentResult) -> None:
        """Store a result; a cache that cannot be written (full disk) costs a warning, not the run."""
        if result.error_code in TRANSIENT_ERRORS:
            return
        path = self.path(result.document_id, result.extractor_version)
        data = dataclasses.asdict(result)
        entry = {
            "format": CACHE_FORMAT,
            "document_id": result.document_id,
            "extractor_version": result.extractor_version,
            "sha256": result_digest(data),
            "result": data,
        }
        tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}-{threading.get_ident()}")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp.write_text(json.dumps(entry), encoding="ascii")
            if path.is_dir() and not path.is_symlink():
                shutil.rmtree(path)
            tmp.replace(path)
        except OSError as e:
            tmp.unlink(missing_ok=True)
            log.warning(
                "could not cache the result of document %s… (%s): it is extracted again next run",
                result.document_id[:12],
                os_reason(e),
            )


def result_digest(result: dict) -> str:
    """SHA-256 of a result in canonical JSON: how an entry shows it is the one kompass wrote."""
    return hashlib.sha256(json.dumps(result, sort_keys=True).encode("ascii")).hexdigest()


def remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        path.unlink(missing_ok=True)


class PublishedRun:
    """What the dataset in an output folder was last built from, so that a run over exactly the
    same inputs with the same code does not rebuild and rewrite it (a re-run then costs hashing the
    inputs). The record is trusted only while the folder's files are the ones written then."""

    def __init__(self, cache_root: str | Path, out_dir: str | Path):
        self.out_dir = Path(out_dir)
        key = hashlib.sha256(str(self.out_dir.resolve()).encode()).hexdigest()[:16]
        self.path = Path(cache_root) / "published" / f"{key}.json"

    def summary_if_unchanged(self, signature: str) -> dict | None:
        """The stored run summary when the folder holds the dataset built from `signature`."""
        try:
            record = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if not isinstance(record, dict) or not isinstance(record.get("summary"), dict):
            return None
        if record.get("signature") != signature or record.get("files") != folder_state(self.out_dir):
            return None
        return record["summary"]

    def record(self, signature: str, summary: dict) -> None:
        """Remember the run; when that cannot be written, the next run rebuilds (a warning, not an error)."""
        tmp = self.path.with_suffix(f".tmp-{os.getpid()}")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            tmp.write_text(
                json.dumps({"signature": signature, "files": folder_state(self.out_dir), "summary": summary}),
                encoding="utf-8",
            )
            tmp.replace(self.path)
        except OSError as e:
            tmp.unlink(missing_ok=True)
            log.warning(
                "could not record the run in %s (%s): the next run rebuilds the dataset", self.path, os_reason(e)
            )


def folder_state(folder: Path) -> dict[str, list[int]]:
    """Name → [size, mtime_ns] of every file in the folder (empty when it is missing)."""
    state: dict[str, list[int]] = {}
    try:
        for f in sorted(folder.iterdir()):
            if f.is_file():
                stat = f.stat()
                state[f.name] = [stat.st_size, stat.st_mtime_ns]
    except OSError:
        return {}
    return state


def code_digest() -> str:
    """A digest of everything that turns results into tables (pipeline and extractors code, reference
    data, the themes model): a change rebuilds the dataset even when no document changed."""
    root = Path(__file__).resolve().parent.parent
    return files_digest(root, [path for package in ("pipeline", "extractors") for path in (root / package).rglob("*")])
