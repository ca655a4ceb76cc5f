"""The reportlab writer draws pages as an author's tool would: a landscape section that runs over a
page goes on in landscape (Word's section), and the portrait text after it is back on portrait pages."""

from __future__ import annotations

import pdfplumber

from tests.factory.catalogue import area_labels, col
from tests.factory.pdf import write_pdf
from tests.factory.spec import Evaluation, Landscape, Para, ReportSpec, ScoreTable, TableBlock, kommun


def wide_table(n: int, ev: Evaluation) -> ScoreTable:
    values = {a: 40.0 + a + n for a in range(1, 9)}
    columns = [col(f"Kolumn {n}.{k}", ev, values) for k in range(6)]
    return ScoreTable(f"Tabell {n} Bred jämförelse nummer {n}", area_labels("2010"), columns, label_width_cm=7.0)


def test_a_landscape_section_that_runs_over_a_page_stays_landscape(tmp_path):
    ev = Evaluation(kommun("Sala"), 2013, has_report=True)
    tables = [wide_table(n, ev) for n in range(1, 6)]  # five tables: more than one landscape page holds
    spec = ReportSpec(
        name="landscape-overflow",
        producer="reportlab",
        kind="report",
        forms=[],
        body=[
            Para("Inledande text på ett stående uppslag."),
            Landscape([TableBlock(t) for t in tables]),
            Para("Avslutande text efter det liggande avsnittet."),
        ],
        evaluation=ev,
    )
    path = write_pdf(spec, tmp_path / "landscape.pdf")
    with pdfplumber.open(path) as pdf:
        pages = [(p.width > p.height, p.extract_text(), p.extract_words(), p.width) for p in pdf.pages]
    caption_pages = [i for i, (_, text, _, _) in enumerate(pages) for t in tables if t.caption in text]
    assert len(set(caption_pages)) >= 2, "the tables must run over more than one page for this test"
    assert all(pages[i][0] for i in caption_pages)  # every page of the section is landscape
    assert not pages[0][0] and not pages[-1][0]  # the text before and after is portrait
    assert "Avslutande text" in pages[-1][1]
    for _, _, words, width in pages:  # nothing drawn past a page's right edge
        assert all(w["x1"] <= width for w in words)
