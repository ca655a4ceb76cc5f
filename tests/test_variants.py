"""The layout-variant sample (tests/pdfs/variants), extracted and compared with its keys exactly.

Each variant is a short report whose score tables were drawn under seeded layout parameters
(tests/factory/variants.py); the test id names them, so a failing class of layouts shows in the
ids. Every field counts: document, own metadata, every printed score with its role and page, the
evaluation rows, the resolved area scores, the sum and conflict checks, the findings; anything
extracted beyond the key fails as well. `python -m tests.factory.exactness` prints the same
comparison as a table per parameter value.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.factory.exactness import compare, extract, problems
from tests.factory.variants import SAMPLE_COUNT, SAMPLE_SEED, variant_specs

VARIANTS = Path(__file__).parent / "pdfs" / "variants"
KEYS = {
    p.name.removesuffix(".key.json"): json.loads(p.read_text(encoding="utf-8"))
    for p in sorted(VARIANTS.glob("*.key.json"))
}

#: Short names for the test ids: 'v007-peer-docx-hdr:left-num:right-hrules-cap4-hl2-numbers-flow-sans10-halves-na:0*)'.
ID_PARTS = (
    "form",
    "producer",
    "group_header",
    "header_align",
    "number_align",
    "borders",
    "caption_lines",
    "header_lines",
    "label_width",
    "placement",
    "font",
    "font_size",
    "decimals",
    "not_assessed",
    "na_note",
    "scale_order",
    "history_count",
    "history_order",
    "average_position",
    "peer_count",
    "own_position",
    "peer_error",
)


def variant_id(name: str) -> str:
    layout = KEYS[name]["layout"]
    short = {
        "header_align": "hdr:",
        "number_align": "num:",
        "caption_lines": "cap",
        "header_lines": "hl",
        "not_assessed": "na:",
        "na_note": "note:",
        "history_count": "hist",
        "history_order": "",
        "average_position": "avg:",
        "peer_count": "peers",
        "own_position": "own:",
        "peer_error": "err:",
        "scale_order": "",
        "group_header": "group:",
    }
    parts = [f"v{name.split('-')[1]}"]
    for k in ID_PARTS:
        if k in layout:
            if k == "font_size":
                parts[-1] += str(layout[k])
            else:
                parts.append(f"{short.get(k, '')}{layout[k]}")
    return "-".join(parts).replace(" ", "").replace("–", "dash")


def test_the_sample_is_there():
    assert len(KEYS) >= 60, "the committed variant sample (make variants-sample) is missing or short"
    forms = {k["layout"]["form"] for k in KEYS.values()}
    assert forms == {"one-scale", "two-scales", "history", "average", "peer", "inline-average"}


def test_the_sample_is_what_the_generator_draws():
    """A change to variants.py that is not followed by `make variants-sample` leaves a stale sample."""
    drawn = {s.name: s for s in variant_specs(SAMPLE_COUNT, SAMPLE_SEED)}
    assert set(drawn) == set(KEYS)
    for name, key in KEYS.items():
        assert drawn[name].layout == key["layout"], name
        assert sorted(drawn[name].forms) == sorted(key["forms"]), name


@pytest.mark.parametrize("name", [pytest.param(n, id=variant_id(n)) for n in KEYS])
def test_variant_is_extracted_exactly(name):
    key = KEYS[name]
    assert problems(compare(key, *extract(VARIANTS / key["file"]))) == []
