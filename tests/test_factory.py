"""Acceptance tests of the report factory's committed output (tests/pdfs/*.pdf + *.key.json).

These check the answer keys against the PDFs they describe: a key that is malformed, or that
puts a finding or a score on a page where it is not printed, would make every extractor test
built on it wrong. Regenerate with `python -m tests.factory.build` (see tests/factory/README.md).
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from pathlib import Path

import pdfplumber
import pytest

from tests.factory import catalogue
from tests.factory.build import RAW_DIR, SAMPLE, norm
from tests.factory.spec import (
    CHECK_CODES,
    FINDING_KINDS,
    FORMS,
    FRAMEWORKS,
    KINDS,
    ORG_TYPES,
    PRODUCERS,
    ROLES,
    SCALES,
    STATUSES,
    fmt_number,
)

PDF_DIR = Path(__file__).parent / "pdfs"
KEY_FILES = sorted(PDF_DIR.glob("*.key.json"))
NAMES = [p.name[: -len(".key.json")] for p in KEY_FILES]

TOP = {"file", "producer", "forms", "document", "evaluations", "observations", "area_scores", "findings", "checks"}
DOCUMENT = {"kind", "framework", "status", "error_code", "text_source"}
EVALUATION = {
    "evaluation_id",
    "organisation",
    "municipality",
    "municipality_code",
    "org_type",
    "country",
    "year",
    "framework",
    "evaluators",
    "total_score",
    "total_scale",
    "max_total",
    "total_score_old_scale",
    "has_report",
}
OBSERVATION = {"evaluation_id", "area", "scale", "value", "role", "page", "table"}
AREA_SCORE = {"evaluation_id", "area", "scale", "score", "assessed"}
FINDING = {"area", "kind", "position", "text", "page"}
CHECK = {"code", "evaluation_id"}
EVALUATION_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*-(\d{4})$")
FILE_NAME = re.compile(r"^(report|slides|memo|other)-[a-z0-9-]+-(\d{4})-[a-z0-9-]+\.pdf$")
BULLETS = "•–-o\uf0b7·*"
#: Forms only the benchmark generator produces (no committed fixture needs them).
BENCH_ONLY_FORMS = {"framework-2002", "filler-prose"}

_KEYS: dict[str, dict] = {}
_TEXT: dict[str, list] = {}


def key(name: str) -> dict:
    if name not in _KEYS:
        _KEYS[name] = json.loads((PDF_DIR / f"{name}.key.json").read_text(encoding="utf-8"))
    return _KEYS[name]


def pages(name: str) -> list[tuple[str, list[str]]]:
    """Per page: normalised full text and normalised left/right halves (for two-column pages)."""
    if name not in _TEXT:
        out = []
        with pdfplumber.open(str(PDF_DIR / f"{name}.pdf")) as pdf:
            for p in pdf.pages:
                w, h = p.width, p.height
                out.append(
                    (
                        norm(p.extract_text() or ""),
                        [
                            norm(p.crop((0, 0, w / 2, h)).extract_text() or ""),
                            norm(p.crop((w / 2, 0, w, h)).extract_text() or ""),
                        ],
                    )
                )
        _TEXT[name] = out
    return _TEXT[name]


def on_page(name: str, page: int, text: str) -> bool:
    full, halves = pages(name)[page - 1]
    needle = norm(text)
    return needle in full or any(needle in h for h in halves)


def n_pages(name: str) -> int:
    with pdfplumber.open(str(PDF_DIR / f"{name}.pdf")) as pdf:
        return len(pdf.pages)


def text_fixtures() -> list[str]:
    return [n for n in NAMES if key(n)["producer"] != "scan"]


# ---------------------------------------------------------------------------------------------


def test_every_catalogue_fixture_is_committed():
    assert sorted(NAMES) == sorted(catalogue.FIXTURES), "run python -m tests.factory.build"
    for name in NAMES:
        assert (PDF_DIR / f"{name}.pdf").exists()
    assert not [p for p in PDF_DIR.glob("*.pdf") if p.name[:-4] not in NAMES], "PDF without a key"


@pytest.mark.parametrize("name", NAMES)
def test_key_is_well_formed(name):
    k = key(name)
    assert set(k) == TOP
    assert k["file"] == f"{name}.pdf" and FILE_NAME.match(k["file"])
    assert k["producer"] in PRODUCERS
    assert k["forms"] and set(k["forms"]) <= set(FORMS)
    d = k["document"]
    assert set(d) == DOCUMENT
    assert d["kind"] in KINDS and k["file"].startswith(d["kind"] + "-")
    assert d["framework"] is None or d["framework"] in FRAMEWORKS
    assert d["status"] in STATUSES
    assert d["error_code"] is None or isinstance(d["error_code"], str)
    assert d["text_source"] == ("ocr" if k["producer"] == "scan" else "pdf")
    npages = n_pages(name)

    evs = k["evaluations"]
    ids = [e["evaluation_id"] for e in evs]
    assert len(ids) == len(set(ids)), "evaluation ids must be unique"
    if d["kind"] in ("report", "slides") and d["status"] == "extracted":
        assert evs and evs[0]["has_report"] is True and d["framework"] == evs[0]["framework"]
    else:
        assert evs == [] and k["observations"] == [] and k["findings"] == []
    for i, e in enumerate(evs):
        assert set(e) == EVALUATION
        m = EVALUATION_ID.match(e["evaluation_id"])
        assert m and int(m.group(2)) == e["year"] and isinstance(e["year"], int)
        assert e["org_type"] in ORG_TYPES and e["country"] in ("SE", "NO")
        if e["country"] == "SE":
            assert re.fullmatch(r"\d{4}", e["municipality_code"] or "")
        else:
            assert e["municipality_code"] is None and e["organisation"].endswith(" kommune")
        assert e["framework"] in FRAMEWORKS
        assert e["total_scale"] == ("old" if e["year"] < 2010 else "new")
        for f in ("total_score", "max_total", "total_score_old_scale"):
            assert e[f] is None or isinstance(e[f], float)
        assert e["has_report"] is (i == 0)
        if i == 0:
            assert e["evaluators"] and all(
                isinstance(n, str) and n == n.strip() and not n.isupper() for n in e["evaluators"]
            )
            assert e["max_total"] in (700.0, 800.0)
        else:
            assert e["evaluators"] is None
        if e["total_score_old_scale"] is not None:
            assert 2010 <= e["year"] <= 2011

    years = {e["evaluation_id"]: e["year"] for e in evs}
    for o in k["observations"]:
        assert set(o) == OBSERVATION
        assert o["evaluation_id"] in years
        assert o["area"] is None or o["area"] in range(1, 9)
        assert o["scale"] in SCALES and o["role"] in ROLES
        if years[o["evaluation_id"]] < 2010:
            assert o["scale"] == "old"
        elif o["scale"] == "old":
            assert years[o["evaluation_id"]] <= 2011
        assert o["value"] is None or isinstance(o["value"], float)
        assert isinstance(o["page"], int) and 1 <= o["page"] <= npages
        assert o["table"] is None or isinstance(o["table"], str)
        if o["role"] in ("primary", "average"):
            assert o["evaluation_id"] == ids[0]
        if o["role"] == "history":
            assert o["evaluation_id"].rsplit("-", 1)[0] == ids[0].rsplit("-", 1)[0]
    for a in k["area_scores"]:
        assert set(a) == AREA_SCORE
        assert a["evaluation_id"] in years and a["area"] in range(1, 9) and a["scale"] in SCALES
        assert a["assessed"] is (a["score"] is not None)
        assert a["score"] is None or isinstance(a["score"], float)
    positions = defaultdict(list)
    for f in k["findings"]:
        assert set(f) == FINDING
        assert f["kind"] in FINDING_KINDS
        assert f["area"] is None or f["area"] in range(1, 9)
        assert isinstance(f["page"], int) and 1 <= f["page"] <= npages
        t = f["text"]
        assert t == t.strip() and "  " not in t and "\n" not in t and "\u00ad" not in t
        assert t[0] not in BULLETS, "bullet glyph left in finding text"
        positions[(f["area"], f["kind"])].append(f["position"])
    for pos in positions.values():
        assert pos == list(range(1, len(pos) + 1))
    for c in k["checks"]:
        assert set(c) == CHECK and c["code"] in CHECK_CODES
        assert c["evaluation_id"] is None or c["evaluation_id"] in years


@pytest.mark.parametrize("name", text_fixtures())
def test_text_layer_matches_key(name):
    k = key(name)
    doc = pages(name)
    assert all(full for full, _ in doc[1:]), "every page past the cover has text"
    if k["evaluations"]:
        org = k["evaluations"][0]["organisation"]
        assert any(norm(org) in full for full, _ in doc), f"{org} not in the text layer"
    for f in k["findings"]:
        first = " ".join(f["text"].split()[:3])
        assert on_page(name, f["page"], first), f"{first!r} not on page {f['page']}"
    for o in k["observations"]:
        if o["value"] is not None:
            assert on_page(name, o["page"], fmt_number(o["value"])), f"{o} not printed on its page"
        if o["table"] is not None:
            assert on_page(name, o["page"], o["table"]), f"table {o['table']!r} not on page {o['page']}"


@pytest.mark.parametrize("name", NAMES)
def test_totals_are_sums_unless_the_key_expects_a_check(name):
    k = key(name)
    flagged = {c["evaluation_id"] for c in k["checks"] if c["code"] == "sum_mismatch"}
    columns = defaultdict(dict)
    for o in k["observations"]:
        columns[(o["evaluation_id"], o["role"], o["scale"], o["page"], o["table"])][o["area"]] = o["value"]
    checked = 0
    for (ev, _role, scale, page, _table), vals in columns.items():
        if None not in vals or set(vals) - {None} != set(range(1, 9)):
            continue  # a total alone (slides, history line) or a partial printing
        total = vals[None]
        area_sum = sum(v for a, v in vals.items() if a is not None and v is not None)
        if ev in flagged:
            continue
        assert total == area_sum, f"{ev} {scale} on page {page}: total {total} != sum {area_sum}"
        checked += 1
    for ev in flagged:
        sums = [
            (vals[None], sum(v for a, v in vals.items() if a is not None and v is not None))
            for (e, *_), vals in columns.items()
            if e == ev and None in vals and len(vals) == 9
        ]
        assert any(t != s for t, s in sums), f"{ev} is flagged sum_mismatch but every printed total adds up"
    for e in k["evaluations"]:
        if e["total_score"] is not None:
            printed = [
                o["value"]
                for o in k["observations"]
                if o["evaluation_id"] == e["evaluation_id"]
                and o["area"] is None
                and o["scale"] == e["total_scale"]
                and o["role"] != "average"
            ]
            assert e["total_score"] in printed


@pytest.mark.parametrize("name", NAMES)
def test_area_scores_come_from_printed_values(name):
    k = key(name)
    conflicted = {c["evaluation_id"] for c in k["checks"] if c["code"] == "conflicting_values"}
    printed = defaultdict(list)
    for o in k["observations"]:
        if o["area"] is not None and o["role"] != "average":
            printed[(o["evaluation_id"], o["area"], o["scale"])].append(o["value"])
    for a in k["area_scores"]:
        values = printed[(a["evaluation_id"], a["area"], a["scale"])]
        assert values and a["score"] == values[0], a
        if len(set(values)) > 1:
            assert a["evaluation_id"] in conflicted, f"{a} has conflicting printed values but no check"
    assert set(printed) == {(a["evaluation_id"], a["area"], a["scale"]) for a in k["area_scores"]}


@pytest.mark.parametrize("name", [n for n in NAMES if key(n)["producer"] == "scan"])
def test_scan_has_no_text_layer(name):
    with pdfplumber.open(str(PDF_DIR / f"{name}.pdf")) as pdf:
        assert len(pdf.pages) >= 5
        assert not any(p.chars for p in pdf.pages)
        assert all(p.images for p in pdf.pages)
    assert key(name)["document"]["text_source"] == "ocr"
    assert (PDF_DIR / f"{name}.pdf").stat().st_size < 1_600_000


def test_fixtures_cover_every_form():
    used = {f for n in NAMES for f in key(n)["forms"]}
    assert set(FORMS) - BENCH_ONLY_FORMS <= used, f"forms without a fixture: {set(FORMS) - BENCH_ONLY_FORMS - used}"


def test_expected_checks_are_present():
    checks = {(c["code"], c["evaluation_id"]) for n in NAMES for c in key(n)["checks"]}
    assert ("sum_mismatch", "kista-2008") in checks
    assert ("conflicting_values", "haninge-2012") in checks


def test_keys_match_the_catalogue():
    """The committed keys are what the catalogue describes today (pages aside): rebuild after edits."""

    def strip(k):
        k = json.loads(json.dumps(k))
        for section in ("observations", "findings"):
            for row in k[section]:
                row["page"] = None
        return k

    for name, fn in catalogue.FIXTURES.items():
        assert strip(fn().to_key()) == strip(key(name)), f"{name}: catalogue changed, rerun the build"


def test_sample_corpus_is_a_copy_of_fixtures():
    for name in SAMPLE:
        raw = RAW_DIR / f"{name}.pdf"
        assert raw.exists(), f"{raw} missing: run python -m tests.factory.build"
        assert raw.read_bytes() == (PDF_DIR / f"{name}.pdf").read_bytes()
