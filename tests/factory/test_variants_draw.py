"""What the variant generator draws for city districts: the unscored row is community building in the
report's own numbering (area 8; area 2 under the 2020 framework), every column of a table leaves that
row blank, and the footnote either names that very area or names none."""

from __future__ import annotations

import re

import pdfplumber
import pytest

from tests.factory.pdf import write_pdf
from tests.factory.spec import TableBlock
from tests.factory.variants import Variant

SEED = 4242
#: Enough variants to hold district variants of the 2020 framework with both kinds of footnote.
SEARCHED = 300


def district_variants(framework_is_2020: bool) -> list[Variant]:
    out = []
    for i in range(SEARCHED):
        v = Variant(i, SEED)
        if v.p["not_assessed"] != "none" and (v.ev.framework == "2020") == framework_is_2020:
            out.append(v)
    return out


@pytest.mark.parametrize(("is_2020", "area"), [(True, 2), (False, 8)])
def test_district_tables_blank_the_community_building_area_and_name_it_or_none(is_2020, area):
    variants = district_variants(is_2020)
    assert {v.p["na_note"] for v in variants} == {"names-area", "generic"}
    for v in variants:
        assert v.unscored == area
        spec = v.spec()
        tables = [b.table for b in spec.walk() if isinstance(b, TableBlock)]
        assert tables
        for t in tables:
            for c in t.columns:
                if c.evaluation.org.org_type == "stadsdel" and c.role != "average":
                    assert [a for a, x in c.values.items() if x is None] == [area], (v.name, c.header)
            named = re.findall(r"[Oo]mråde (\d)", t.footnote or "")
            assert named == ([str(area)] if v.p["na_note"] == "names-area" else []), (v.name, t.footnote)
            if v.p["na_note"] == "generic":
                assert not re.search(r"[Oo]mråde (\d|två|åtta)\b", t.note or ""), (v.name, t.note)


def test_a_table_too_tall_for_a_landscape_page_goes_portrait_whole(tmp_path):
    """Variant 0 of seed 4242 draws a landscape page for a table whose labels wrap over 22 lines in
    12 pt: it would break over two landscape pages, so it is placed on a portrait page, whole."""
    v = Variant(0, SEED)
    drawn = dict(v.p)
    spec = v.spec()
    assert (drawn["placement"], spec.layout["placement"], spec.producer) == ("landscape", "flow", "reportlab")
    table = next(b.table for b in spec.walk() if isinstance(b, TableBlock))
    path = write_pdf(spec, tmp_path / "v.pdf")
    with pdfplumber.open(path) as pdf:
        texts = [re.sub(r"\s+", " ", p.extract_text()) for p in pdf.pages]
    caption_page = next(i for i, t in enumerate(texts) if table.caption in t)
    total = f"{table.total_label} {table.columns[0].cell_text(None)}"
    assert total in texts[caption_page]
