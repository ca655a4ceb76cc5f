"""Limits validate themselves; a DocumentError carries one of the error codes and survives pickling
(it comes back from worker processes)."""

from __future__ import annotations

import pickle

import pytest

from pipeline.reader.limits import DocumentError, Limits


def test_limits_defaults_and_validation():
    limits = Limits()
    assert (
        limits.max_bytes,
        limits.max_pages,
        limits.timeout_s,
        limits.memory_mb,
        limits.ocr_dpi,
        limits.ocr_lang,
    ) == (200 * 2**20, 400, 180.0, 3072, 300, "swe")
    with pytest.raises(ValueError, match="max_pages"):
        Limits(max_pages=0)
    with pytest.raises(ValueError, match="ocr_lang"):
        Limits(ocr_lang="swe; rm -rf /")


def test_document_error_codes_are_checked_and_it_pickles():
    with pytest.raises(ValueError):
        DocumentError("broken", "no such code")
    err = pickle.loads(pickle.dumps(DocumentError("timeout", "gave up", None)))
    assert (err.code, err.message, str(err)) == ("timeout", "gave up", "timeout: gave up")
