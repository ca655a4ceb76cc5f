"""Every factory fixture in tests/pdfs, extracted and built into a dataset, against its answer key.

The fixtures cover each printed form and trap of DOMAIN.md (see each key's "forms"); the keys are
written by the report factory from the same spec that rendered the PDF (tests/factory).
"""

from __future__ import annotations

from collections import Counter

import pytest

from pipeline.reader.tesseract import tesseract_status
from pipeline.run import RunOptions, build_tables, extract_all, identify
from pipeline.sources import Input
from pipeline.process import extractor_version
from pipeline.validate import contract_violations
from tests.answer_keys import (
    EVALUATION_FIELDS,
    PDFS,
    expected_findings,
    expected_metadata,
    expected_observations,
    keys,
    load_key,
    observed,
    observed_findings,
    own_metadata,
)

KEYS = {p.name.removesuffix(".key.json"): load_key(p) for p in keys()}
NEEDS_OCR = {name for name, key in KEYS.items() if key["document"].get("text_source") == "ocr"}


def params() -> list:
    skip_ocr = pytest.mark.skipif(tesseract_status() is not None, reason=f"OCR unavailable: {tesseract_status()}")
    return [pytest.param(name, marks=[skip_ocr] if name in NEEDS_OCR else [], id=name) for name in KEYS]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """All fixtures extracted once (in isolated workers, as a run does) and built into tables."""
    names = [n for n in KEYS if n not in NEEDS_OCR or tesseract_status() is None]
    inputs = [Input(PDFS / KEYS[n]["file"], str(PDFS / KEYS[n]["file"])) for n in names]
    uniques = identify(inputs)
    options = RunOptions(out_dir=tmp_path_factory.mktemp("out") / "processed", use_cache=False, workers=2)
    results = [r for r, _ in extract_all(uniques, options, extractor_version())]
    by_file = {r.file_name: r for r in results}
    return {n: by_file[KEYS[n]["file"]] for n in names}, build_tables(results, uniques, [])


@pytest.mark.parametrize("name", params())
def test_document_kind_framework_and_status(corpus, name):
    result = corpus[0][name]
    want = KEYS[name]["document"]
    got = {
        "kind": result.kind,
        "framework": result.framework,
        "status": result.status,
        "error_code": result.error_code,
        "text_source": result.text_source,
    }
    assert got == {k: want.get(k) for k in got}


@pytest.mark.parametrize("name", params())
def test_organisation_year_and_evaluators(corpus, name):
    assert own_metadata(corpus[0][name]) == expected_metadata(KEYS[name])


@pytest.mark.parametrize("name", params())
def test_every_printed_score_is_observed_exactly(corpus, name):
    got, want = observed(corpus[0][name]), expected_observations(KEYS[name])
    assert sorted((got - want).elements(), key=str) == []  # nothing invented
    assert sorted((want - got).elements(), key=str) == []  # nothing missed


@pytest.mark.parametrize("name", params())
def test_findings_are_the_printed_lists(corpus, name):
    assert observed_findings(corpus[0][name]) == expected_findings(KEYS[name])


def rows_by(table, *key):
    return {tuple(r[k] for k in key): r for r in table.to_pylist()}


def test_resolved_area_scores_match_the_keys(corpus):
    got = rows_by(corpus[1]["area_scores"], "evaluation_id", "area", "scale")
    for name, key in KEYS.items():
        if name not in corpus[0]:
            continue
        for want in key["area_scores"]:
            row = got.get((want["evaluation_id"], want["area"], want["scale"]))
            assert row is not None, f"{name}: no area_scores row for {want}"
            assert (row["score"], row["assessed"]) == (want["score"], want["assessed"]), name


def test_evaluations_match_the_keys(corpus):
    got = rows_by(corpus[1]["evaluations"], "evaluation_id")
    for name, key in KEYS.items():
        if name not in corpus[0]:
            continue
        for want in key["evaluations"]:
            row = got[(want["evaluation_id"],)]
            fields = EVALUATION_FIELDS + (("evaluators",) if want.get("has_report") else ())
            assert {f: row[f] for f in fields} == {f: want[f] for f in fields}, name


def test_inconsistent_reports_get_their_checks_and_no_others(corpus):
    raised = Counter(
        (c["code"], c["evaluation_id"])
        for c in corpus[1]["checks"].to_pylist()
        if c["code"] in ("sum_mismatch", "conflicting_values", "score_out_of_range")
    )
    expected = Counter((c["code"], c["evaluation_id"]) for n, k in KEYS.items() if n in corpus[0] for c in k["checks"])
    assert set(raised) == set(expected)


def test_conflicts_are_flagged_not_fixed(corpus):
    conflicts = [r for r in corpus[1]["area_scores"].to_pylist() if r["conflict"]]
    assert conflicts, "the fixtures include a report whose two tables disagree"
    for row in conflicts:
        observations = [
            o
            for o in corpus[1]["score_observations"].to_pylist()
            if (o["evaluation_id"], o["area"], o["scale"]) == (row["evaluation_id"], row["area"], row["scale"])
            and o["role"] != "average"
        ]
        assert len({o["value"] for o in observations}) > 1
        assert row["n_observations"] == len(observations)


def test_not_assessed_is_null_never_zero(corpus):
    rows = corpus[1]["area_scores"].to_pylist()
    unassessed = [r for r in rows if not r["assessed"]]
    assert unassessed and all(r["score"] is None for r in unassessed)
    assert all(r["area"] == 8 for r in unassessed)


def test_the_built_dataset_keeps_the_contract(corpus):
    assert contract_violations(corpus[1]) == []
