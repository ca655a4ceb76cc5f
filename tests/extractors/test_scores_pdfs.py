"""Score tables in the layouts that failed on real reports, drawn as PDFs by the tests themselves.

reportlab draws tables with header and number alignment set apart, full grids, horizontal rules
only or no rules, and captions of several lines; a Word table converted by LibreOffice gives the
peer table with wrapped organisation headers. Each PDF is read as a run reads it (open_document with
triage, so the grids come from pipeline.reader.grids) and its scores compared exactly.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from extractors.organisations import resolve_organisation
from extractors.records import Check, Metadata
from extractors.scores import extract_scores
from pipeline.reader.document import open_document
from pipeline.process import DocumentResult
from pipeline.reconcile import build_dataset
from tests.extractors.test_scores import LABELS_2010, rows_of

TYRESO = resolve_organisation("Tyresö kommun")
HV = resolve_organisation("Hässelby-Vällingby stadsdelsområde")
BORDERS = ("grid", "rules", "none")
CAPTION = (
    "I tabellen nedan redovisas kommunens poäng per huvudområde i årets utvärdering och i den förra "
    "utvärderingen. Poängen anges på den nuvarande skalan för båda åren så att de går att jämföra. "
    "Område 8 bedömdes på samma sätt som tidigare år, och de högsta värdena per område är markerade. "
    "Siffrorna bygger på intervjuer och dokumentstudier under besöket i kommunen våren 2014. "
    "En närmare beskrivning av varje område finns i avsnitten som följer efter tabellen."
)


def table_pdf(
    path: Path,
    header: list[str],
    body: list[list[str]],
    borders: str = "grid",
    header_align: str = "LEFT",
    number_align: str = "RIGHT",
    caption: str | None = None,
    widths: tuple[float, ...] = (230, 110, 110),
    font: str = "Helvetica",
    size: float = 10,
) -> Path:
    """One page: a caption paragraph, then the table with the given rules and alignments."""
    data = [header] + body
    style = [
        ("FONT", (0, 0), (-1, -1), font, size),
        ("ALIGN", (1, 0), (-1, 0), header_align),
        ("ALIGN", (1, 1), (-1, -1), number_align),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ]
    if borders == "grid":
        style.append(("GRID", (0, 0), (-1, -1), 0.5, colors.black))
    elif borders == "rules":
        style.append(("LINEBELOW", (0, 0), (-1, -1), 0.5, colors.black))
    story = [Paragraph(caption, getSampleStyleSheet()["BodyText"]), Spacer(1, 6)] if caption else []
    story.append(Table(data, colWidths=list(widths[: len(header)]), style=TableStyle(style)))
    SimpleDocTemplate(str(path), pagesize=A4).build(story)
    return path


def area_body(values: list[tuple[str, ...]], total: tuple[str, ...] | None = None) -> list[list[str]]:
    body = [[f"{i}. {label}", *vs] for i, (label, vs) in enumerate(zip(LABELS_2010, values), start=1)]
    return body + ([["Totalt", *total]] if total else [])


def read_scores(path: Path, org=TYRESO, year=2014, framework="2010"):
    doc = open_document(path, triage=True)
    checks: list[Check] = []
    return extract_scores(doc, framework, org, year, "report", checks), checks, doc


@pytest.mark.parametrize("borders", BORDERS)
def test_left_aligned_headers_over_right_aligned_numbers(tmp_path, borders):
    values = [(f"{40 + i}", f"{60 + i}") for i in range(1, 9)]
    path = table_pdf(
        tmp_path / "t.pdf", ["Område", "Tyresö 2010", "Tyresö 2014"], area_body(values, ("364", "524")), borders
    )
    obs, checks, doc = read_scores(path)
    got = rows_of(obs)
    for i in range(1, 9):
        assert ("tyreso", 2010, i, "new", 40.0 + i, "history") in got
        assert ("tyreso", 2014, i, "new", 60.0 + i, "primary") in got
    assert ("tyreso", 2014, 0, "new", 524.0, "primary") in got and len(obs) == 18 and checks == []
    assert {o.strategy for o in obs} == {"ruled_table" if borders == "grid" else "result_table"}
    assert bool(doc.pages[0].grids) == (borders == "grid")


@pytest.mark.parametrize("borders", BORDERS)
@pytest.mark.parametrize("average_first", [False, True])
def test_own_year_beside_an_average_in_either_order(tmp_path, borders, average_first):
    values = [(f"{60 + i}", f"{50 + i},5") for i in range(1, 9)]
    header = ["Tyresö 2014", "Genomsnitt"]
    if average_first:
        header, values = header[::-1], [v[::-1] for v in values]
    path = table_pdf(
        tmp_path / "t.pdf", ["Område", *header], area_body(values), borders, header_align="LEFT", number_align="RIGHT"
    )
    obs, checks, _ = read_scores(path)
    got = rows_of(obs)
    for i in range(1, 9):
        assert ("tyreso", 2014, i, "new", 60.0 + i, "primary") in got
        assert ("tyreso", 2014, i, "new", 50.5 + i, "average") in got
    assert len(obs) == 16 and checks == []


@pytest.mark.parametrize("borders", BORDERS)
def test_two_scales_in_swapped_positions(tmp_path, borders):
    values = [(f"{30 + i}", f"{50 + i},5") for i in range(1, 9)]
    path = table_pdf(
        tmp_path / "t.pdf",
        ["Område", "Äldre poängskala", "Nuvarande poängskala"],
        area_body(values, ("276", "444")),
        borders,
        header_align="CENTER",
        number_align="LEFT",
    )
    obs, checks, _ = read_scores(path, year=2010)
    got = rows_of(obs)
    assert ("tyreso", 2010, 3, "new", 53.5, "primary") in got and ("tyreso", 2010, 3, "old", 33.0, "primary") in got
    assert ("tyreso", 2010, 0, "new", 444.0, "primary") in got and ("tyreso", 2010, 0, "old", 276.0, "primary") in got
    assert len(obs) == 18 and checks == []


@pytest.mark.parametrize("borders", BORDERS)
def test_history_newest_first_with_two_line_headers(tmp_path, borders):
    values = [(f"{60 + i}", f"{50 + i}", f"{40 + i}") for i in range(1, 9)]
    path = table_pdf(
        tmp_path / "t.pdf",
        ["Område", "Tyresö\n2014", "Tyresö\n2010", "Tyresö\n2006"],
        area_body(values),
        borders,
        widths=(230, 80, 80, 80),
    )
    obs, checks, _ = read_scores(path)
    got = rows_of(obs)
    assert ("tyreso", 2014, 5, "new", 65.0, "primary") in got
    assert ("tyreso", 2010, 5, "new", 55.0, "history") in got
    assert ("tyreso", 2006, 5, "old", 45.0, "history") in got
    assert len(obs) == 24 and checks == []


@pytest.mark.parametrize("borders", BORDERS)
def test_a_five_line_caption_is_not_a_header(tmp_path, borders):
    values = [(f"{40 + i}", f"{60 + i}") for i in range(1, 9)]
    path = table_pdf(
        tmp_path / "t.pdf", ["Område", "Tyresö 2010", "Tyresö 2014"], area_body(values), borders, caption=CAPTION
    )
    obs, checks, doc = read_scores(path)
    assert len([l for l in doc.pages[0].lines if l.top < 140]) >= 4  # the caption wraps
    got = rows_of(obs)
    assert ("tyreso", 2010, 7, "new", 47.0, "history") in got and ("tyreso", 2014, 7, "new", 67.0, "primary") in got
    assert len(obs) == 16 and checks == [] and {o.organisation.slug for o in obs} == {"tyreso"}


def word_table_pdf(tmp_path: Path, header: list[list[str]], body: list[list[str]], note: str) -> Path:
    """A Word document (python-docx, "Table Grid") converted by LibreOffice, as districts made them."""
    from docx import Document as Docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    docx = Docx()
    docx.add_paragraph("Tabell 2 Hässelby-Vällingby jämfört med andra stadsdelar")
    table = docx.add_table(rows=len(body) + 1, cols=len(header))
    table.style = "Table Grid"
    for c, lines in enumerate(header):
        cell = table.rows[0].cells[c]
        cell.paragraphs[0].text = lines[0]
        for extra in lines[1:]:
            cell.add_paragraph(extra)
    for r, row in enumerate(body, start=1):
        for c, text in enumerate(row):
            paragraph = table.rows[r].cells[c].paragraphs[0]
            paragraph.text = text
            paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT if c else WD_ALIGN_PARAGRAPH.LEFT
    docx.add_paragraph(note)
    source = tmp_path / "peers.docx"
    docx.save(str(source))
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{tmp_path}/profile",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    return tmp_path / "peers.pdf"


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_peer_table_from_word_gives_peers_sum_and_conflict_checks(tmp_path):
    header = [
        ["Område"],
        ["Hässelby-", "Vällingby", "2010"],
        ["Bromma", "(Stockholms stad)", "2006"],
        ["Spånga-", "Tensta", "2008"],
        ["Kungsholmen", "2009"],
    ]
    values = [
        ("71,5", "64", "58", "62"),
        ("55", "52", "49", "60,5"),
        ("60", "58", "57", "59"),
        ("48", "45", "50", "52"),
        ("52", "47", "44", "51"),
        ("57", "55", "52", "56"),
        ("46", "40", "43", "49"),
        ("0 *)", "0 *)", "0 *)", "–"),
    ]
    body = [[str(i), *v] for i, v in enumerate(values, start=1)] + [["Totalt", "389,5", "365", "353", "389,5"]]
    path = word_table_pdf(tmp_path, header, body, "*) Område 8 poängbedöms inte vid stadsdelsutvärderingar")
    obs, checks, doc = read_scores(path, org=HV, year=2010)
    header_row = doc.pages[0].grids[0].rows[0]
    assert len(header_row) == 5 and header_row[0].text == "Område"  # one cell per column, wrapped lines kept
    firsts_lasts = [(c.lines[0], c.lines[-1]) for c in header_row[1:4]]
    assert firsts_lasts == [("Hässelby-", "2010"), ("Bromma", "2006"), ("Spånga-", "2008")]
    assert header_row[4].lines[-1] == "2009"
    assert all(len(c.lines) >= 2 for c in header_row[1:])
    assert doc.pages[0].segments and all(s.orientation in "hv" for s in doc.pages[0].segments)
    assert open_document(path).pages[0].grids == doc.pages[0].grids  # the same without triage
    got = rows_of(obs)
    assert ("hasselby-vallingby", 2010, 1, "new", 71.5, "primary") in got
    assert ("bromma", 2006, 1, "old", 64.0, "peer") in got
    assert ("spanga-tensta", 2008, 2, "old", 49.0, "peer") in got
    assert ("kungsholmen", 2009, 2, "old", 60.5, "peer") in got
    assert ("kungsholmen", 2009, 8, "old", None, "peer") in got
    assert ("bromma", 2006, 0, "old", 365.0, "peer") in got
    assert len(obs) == 36 and checks == [] and {o.strategy for o in obs} == {"ruled_table"}

    # the report's own table says 70 for area 1; Bromma's areas sum to 361, not the printed 365
    own = [
        o.__class__(**{**o.__dict__, "value": 70.0, "table": "Tabell 1", "page": 1})
        for o in obs
        if o.role == "primary" and o.area == 1
    ]
    result = DocumentResult(
        "d1",
        "peers.pdf",
        "peers.pdf",
        1,
        "v",
        "2026-01-01T00:00:00+00:00",
        status="extracted",
        kind="report",
        framework="2010",
        metadata=Metadata(HV, "Hässelby-Vällingby", "SE", 2010),
        observations=own + obs,
        checks=checks,
    )
    data = build_dataset([result], {})
    found = {(c.code, c.evaluation_id) for c in data.checks}
    assert ("sum_mismatch", "bromma-2006") in found
    assert ("conflicting_values", "hasselby-vallingby-2010") in found
    peers = {e["evaluation_id"]: e for e in data.evaluations}
    assert peers["bromma-2006"]["has_report"] is False and peers["kungsholmen-2009"]["total_score"] == 389.5


@pytest.mark.parametrize("borders", BORDERS)
def test_peer_table_with_numbered_rows_under_any_rules(tmp_path, borders):
    header = ["Område", "Hässelby-\nVällingby\n2010", "Bromma\n(Stockholms stad)\n2006", "Spånga-\nTensta\n2008"]
    values = (
        [("71,5", "64", "58")]
        + [(f"{50 + i}", f"{45 + i}", f"{40 + i},5") for i in range(2, 8)]
        + [("0 *)", "0 *)", "–")]
    )
    body = [[str(i), *v] for i, v in enumerate(values, start=1)] + [["Totalt", "405,5", "364", "331"]]
    path = table_pdf(
        tmp_path / "t.pdf", header, body, borders, header_align="LEFT", number_align="RIGHT", widths=(70, 110, 110, 110)
    )
    obs, checks, _ = read_scores(path, org=HV, year=2010)
    got = rows_of(obs)
    assert ("hasselby-vallingby", 2010, 1, "new", 71.5, "primary") in got
    assert ("hasselby-vallingby", 2010, 8, "new", None, "primary") in got
    assert ("bromma", 2006, 4, "old", 49.0, "peer") in got
    assert ("spanga-tensta", 2008, 7, "old", 47.5, "peer") in got
    assert ("spanga-tensta", 2008, 8, "old", None, "peer") in got
    assert ("bromma", 2006, 0, "old", 364.0, "peer") in got
    assert len(obs) == 27 and checks == []
