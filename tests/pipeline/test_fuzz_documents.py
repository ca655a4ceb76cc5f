"""Mutation fuzzing of open_document: a damaged PDF opens or fails with a DocumentError, never worse.

A small valid reportlab PDF (compressed content, an image, two pages) is truncated, has byte
ranges deleted or inserted (shifting every xref offset after them) and bytes flipped. Hypothesis
draws a seed and the mutations come from `random.Random(seed)`, so positions are uniform over the
file (hypothesis' own numbers favour 0 and would mostly hit the header) and a failure is replayed
with `mutate_by_seed(seed)`. Derandomized and without an example database: the same 60 mutants
on every run. Each mutant is opened in a child under run_isolated, so a hang fails as `timeout`.
"""

from __future__ import annotations

import io
import random
import tempfile
from functools import lru_cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st
from PIL import Image
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas

from extractors.page import Document
from pipeline.reader.document import open_document
from pipeline.reader.limits import ERROR_CODES, DocumentError, Limits
from pipeline.workers import run_isolated

#: Per-mutant budget: a healthy open of the base PDF takes ~20 ms, OCR of a page at 72 dpi < 1 s.
TIMEOUT_S = 15.0
LIMITS = Limits(ocr_dpi=72, timeout_s=TIMEOUT_S)
#: Mutations spare the 8-byte "%PDF-1.4" header: damaging it only tests sniffing, covered below.
HEADER = 8


@lru_cache(maxsize=1)
def base_pdf() -> bytes:
    buffer = io.BytesIO()
    c = canvas.Canvas(buffer, pageCompression=1)
    c.setTitle("Kommunkompassen – Analys av Tyresö kommun")
    c.drawString(72, 760, "Sammanfattning av resultat")
    c.drawString(72, 740, "Offentlighet och demokrati 63,5")
    c.drawImage(ImageReader(Image.new("L", (16, 16), 128)), 72, 600, width=32, height=32)
    c.showPage()
    c.drawString(72, 760, "Styrkor")
    c.drawString(90, 740, "• Tydliga politiska mål")
    c.showPage()
    c.save()
    return buffer.getvalue()


def mutate(data: bytes, ops: list[tuple]) -> bytes:
    """Apply ("cut", at) / ("delete", at, n) / ("insert", at, bytes) / ("flip", at, xor) in order."""
    out = bytearray(data)
    for op, at, *arg in ops:
        at = min(at, len(out))
        if op == "cut":
            del out[at:]
        elif op == "delete":
            del out[at : at + arg[0]]
        elif op == "insert":
            out[at:at] = arg[0]
        elif op == "flip" and at < len(out):
            out[at] ^= arg[0]
    return bytes(out)


def mutations(seed: int, size: int) -> list[tuple]:
    rng = random.Random(seed)
    where = lambda: rng.randrange(HEADER, size)  # noqa: E731
    ops: list[tuple] = []
    ops += [("delete", where(), rng.randint(1, 64)) for _ in range(rng.choice([0, 0, 1, 2]))]
    ops += [("insert", where(), rng.randbytes(rng.randint(1, 32))) for _ in range(rng.choice([0, 0, 0, 1]))]
    ops += [
        ("flip", where(), rng.choice([1 << rng.randrange(8), rng.randint(1, 255)])) for _ in range(rng.randint(0, 12))
    ]
    if rng.random() < 0.35:
        ops.append(("cut", rng.randrange(HEADER, size)))
    return ops


def mutate_by_seed(seed: int) -> bytes:
    base = base_pdf()
    return mutate(base, mutations(seed, len(base)))


def check_opens_or_fails_cleanly(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "mutant.pdf"
        path.write_bytes(data)
        try:
            doc = run_isolated(open_document, path, LIMITS, timeout_s=TIMEOUT_S, memory_mb=LIMITS.memory_mb)
        except DocumentError as err:
            assert err.code in ERROR_CODES
            assert err.code != "timeout", f"open_document hung: {err.message}"
            assert err.cause is None, f"open_document let {err.cause} escape: {err.message}"
            assert len(err.message) > 20
        else:
            assert isinstance(doc, Document)
            assert doc.n_pages >= 1 and doc.text_source in ("pdf", "ocr")


@settings(max_examples=60, deadline=None, derandomize=True, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(min_value=0, max_value=2**32 - 1))
def test_mutated_pdf_opens_or_fails_cleanly(seed):
    check_opens_or_fails_cleanly(mutate_by_seed(seed))


@pytest.mark.parametrize(
    "ops",
    [
        [("cut", 0.6)],  # the classic truncated download
        [("delete", 0.5, 7)],  # every xref offset after the middle is wrong
        [("flip", 0.0, 0x20)],  # "%pDF-": the header itself damaged
        [("flip", 0.999, 0xFF)],  # "%%EOF" damaged
        [("insert", 0.3, b"\x00" * 4096)],  # a block of NULs inside an object
    ],
    ids=["truncated", "shifted-xref", "header", "eof-marker", "nul-block"],
)
def test_classic_damage_opens_or_fails_cleanly(ops):
    base = base_pdf()
    check_opens_or_fails_cleanly(mutate(base, [(op, int(at * len(base)), *arg) for op, at, *arg in ops]))


def test_base_pdf_opens():
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "base.pdf"
        path.write_bytes(base_pdf())
        doc = run_isolated(open_document, path, LIMITS, timeout_s=TIMEOUT_S, memory_mb=LIMITS.memory_mb)
    assert doc.text_source == "pdf" and "Offentlighet och demokrati 63,5" in doc.page(1).text
