"""What has been processed: one JSON result per (extractor version, document_id).

Unchanged inputs (same bytes, same extractor code) are never opened again: their cached result is
carried into the new dataset. A new extractor version starts a fresh folder, so stale results are
never mixed in; `kompass run --no-cache` ignores the cache for one run. `PublishedRun` remembers
what each output folder was built from, so an unchanged re-run does not even rebuild the tables.
"""
from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from .process import DocumentResult, files_digest

#: Failures that may not recur (a busy machine can time out): never served from the cache.
TRANSIENT_ERRORS = {"timeout"}


class ResultCache:
    def __init__(self, root: str | Path):
        self.root = Path(root)

    def path(self, document_id: str, version: str) -> Path:
        return self.root / version / f"{document_id}.json"

    def get(self, document_id: str, version: str) -> DocumentResult | None:
        path = self.path(document_id, version)
        try:
            return DocumentResult.from_json(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return None
        except (ValueError, TypeError, KeyError):   # a damaged cache entry is recomputed, not trusted
            return None

    def put(self, result: DocumentResult) -> None:
        if result.error_code in TRANSIENT_ERRORS:
            return
        path = self.path(result.document_id, result.extractor_version)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".tmp-{os.getpid()}")
        tmp.write_text(result.to_json(), encoding="utf-8")
        tmp.replace(path)


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
        if record.get("signature") != signature or record.get("files") != folder_state(self.out_dir):
            return None
        return record.get("summary")

    def record(self, signature: str, summary: dict) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_suffix(f".tmp-{os.getpid()}")
        tmp.write_text(json.dumps({"signature": signature, "files": folder_state(self.out_dir),
                                   "summary": summary}), encoding="utf-8")
        tmp.replace(self.path)


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
