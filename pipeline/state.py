"""What has been processed: one JSON result per (extractor version, document_id).

Unchanged inputs (same bytes, same extractor code) are never opened again: their cached result is
carried into the new dataset. A new extractor version starts a fresh folder, so stale results are
never mixed in; `kompass run --no-cache` ignores the cache for one run.
"""
from __future__ import annotations

import os
from pathlib import Path

from .process import DocumentResult

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
