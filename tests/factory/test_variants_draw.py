"""What the variant generator draws for city districts: the unscored row is community building in the
report's own numbering (area 8; area 2 under the 2020 framework), every column of a table leaves that
row blank, and the footnote either names that very area or names none."""

from __future__ import annotations

import re

import pytest

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
