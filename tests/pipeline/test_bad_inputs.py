"""A crawl's worth of bad input through a whole run: every file accounted for, the good data complete."""

from __future__ import annotations

import shutil
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from hypothesis import given, settings, strategies as st
from reportlab.pdfgen import canvas

from extractors.metadata import read_names
from extractors.organisations import resolve_organisation
from extractors.scores.table_rows import read_row
from pipeline.reader.tesseract import tesseract_status
from pipeline.run import RunOptions, run
from tests.extractors.synthetic import document

PDFS = Path(__file__).resolve().parents[1] / "pdfs"
GOOD = PDFS / "report-tranas-2017-history.pdf"


def encrypted_pdf(path: Path) -> None:
    c = canvas.Canvas(str(path), encrypt="hemligt")
    c.drawString(72, 720, "Kommunkompassen – Analys av Tranås kommun")
    c.save()


@pytest.fixture(scope="module")
def dataset(tmp_path_factory):
    raw = tmp_path_factory.mktemp("raw")
    shutil.copy(GOOD, raw / "tranas.pdf")
    shutil.copy(GOOD, raw / "tranas-igen.pdf")  # same bytes, another name
    data = GOOD.read_bytes()
    (raw / "halv-nedladdning.pdf").write_bytes(data[: len(data) * 6 // 10])
    (raw / "tom.pdf").write_bytes(b"")
    (raw / "fel.pdf").write_text("<!DOCTYPE html><html><head><title>404 – Sidan hittades inte</title></head></html>")
    encrypted_pdf(raw / "krypterad.pdf")
    shutil.copy(PDFS / "slides-tyreso-2015-feedback.pdf", raw / "lang.pdf")  # 32 pages > max_pages below
    if tesseract_status() is None:
        shutil.copy(PDFS / "report-ostersund-2008-scan.pdf", raw / "skannad.pdf")
    out = tmp_path_factory.mktemp("out") / "processed"
    summary = run([str(raw)], RunOptions(out_dir=out, max_pages=25, workers=2, use_cache=False))
    docs = {Path(d["source"]).name: d for d in pq.read_table(out / "documents.parquet").to_pylist()}
    return summary, docs, out


@pytest.mark.parametrize(
    "name, code, words",
    [
        ("halv-nedladdning.pdf", "corrupt", "truncated"),
        ("tom.pdf", "empty", "0 bytes"),
        ("fel.pdf", "not_pdf", "HTML page"),
        ("krypterad.pdf", "encrypted", "password"),
        ("lang.pdf", "too_large", "32 pages"),
    ],
)
def test_each_bad_input_is_a_failed_row_with_code_and_reason(dataset, name, code, words):
    row = dataset[1][name]
    assert (row["status"], row["error_code"]) == ("failed", code)
    assert words in row["error"]
    assert row["document_id"] and row["size_bytes"] >= 0


def test_duplicates_are_one_document(dataset):
    summary, docs, _ = dataset
    row = docs.get("tranas.pdf") or docs["tranas-igen.pdf"]
    assert row["status"] == "extracted" and len(row["duplicates"]) == 1
    assert summary.duplicates == 1


def test_good_reports_are_complete_despite_the_bad_ones(dataset):
    out = dataset[2]
    scores = pq.read_table(out / "area_scores.parquet").to_pylist()
    assert len([s for s in scores if s["evaluation_id"] == "tranas-2017" and s["score"] is not None]) == 8


@pytest.mark.skipif(tesseract_status() is not None, reason=f"OCR unavailable: {tesseract_status()}")
def test_a_scanned_report_is_read_through_ocr(dataset):
    row = dataset[1]["skannad.pdf"]
    assert (row["status"], row["text_source"]) == ("extracted", "ocr")


def test_every_input_file_is_accounted_for(dataset):
    summary, docs, _ = dataset
    files = 8 if tesseract_status() is None else 7
    assert summary.documents + summary.duplicates == files == len(docs) + 1


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=60))
def test_name_and_organisation_parsers_never_crash(text):
    read_names(text)
    resolve_organisation(text)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.text(alphabet="0123456789,.()%–-* pabcdefghijklmnopqrstuvwxyzåäö", max_size=12), max_size=8))
def test_score_row_parser_never_crashes(tokens):
    doc = document([[(t, 72 + 40 * i) for i, t in enumerate(tokens) if t.strip()] or "x"])
    for line in doc.pages[0].lines:
        read_row(line, "2010")
