"""Reconciliation: own report wins, quotes fill in, disagreements are checks, never silent fixes."""

from datetime import datetime, timezone

from extractors.organisations import resolve_organisation
from extractors.records import Finding, Metadata, ScoreObservation
from pipeline.process import DocumentResult
from pipeline.reconcile import build_dataset

TRANAS = resolve_organisation("Tranås kommun")
NOW = datetime(2026, 1, 1, tzinfo=timezone.utc).isoformat()


def obs(year, area, value, role, page=3, strategy="result_table", table="Tabell 1", scale="new"):
    return ScoreObservation(TRANAS, year, area, scale, value, role, page, table, None, "2016", strategy)


def report(doc_id, year, observations, findings=()):
    return DocumentResult(
        doc_id * 64,
        f"tranas-{year}.pdf",
        f"raw/tranas-{year}.pdf",
        1000,
        "v",
        NOW,
        status="extracted",
        kind="report",
        framework="2016" if year > 2015 else "2010",
        n_pages=20,
        text_source="pdf",
        metadata=Metadata(TRANAS, "Tranås kommun", "SE", year, ["Anna Berg"], 1),
        observations=list(observations),
        findings=list(findings),
    )


def full(year, values, role, page):
    return [obs(year, a, v, role, page) for a, v in enumerate(values, start=1)] + [
        obs(year, None, sum(values), role, page)
    ]


V2013 = [50, 51, 52, 53, 54, 55, 56, 57]
V2017 = [60, 61, 62, 63, 64, 65, 66, 67]


def test_quoted_evaluation_gets_its_own_row_without_a_report():
    data = build_dataset([report("a", 2017, full(2013, V2013, "history", 4) + full(2017, V2017, "primary", 4))], {})
    evals = {e["evaluation_id"]: e for e in data.evaluations}
    assert evals["tranas-2013"]["has_report"] is False and evals["tranas-2013"]["total_score"] == sum(V2013)
    assert evals["tranas-2017"]["has_report"] is True and evals["tranas-2017"]["total_score"] == sum(V2017)
    assert evals["tranas-2013"]["framework"] == "2010"  # the version in use that year
    assert all(c.code != "conflicting_values" for c in data.checks)


def test_own_report_wins_over_a_later_quote_and_the_difference_is_a_check():
    quoted = list(V2013)
    quoted[2] = 49  # the 2017 report misquotes area 3
    later = report("a", 2017, full(2013, quoted, "history", 4) + full(2017, V2017, "primary", 4))
    own = report("b", 2013, full(2013, V2013, "primary", 5))
    data = build_dataset([later, own], {})
    row = next(r for r in data.area_scores if (r["evaluation_id"], r["area"]) == ("tranas-2013", 3))
    assert (row["score"], row["conflict"], row["n_observations"], row["page"]) == (52, True, 2, 5)
    conflict = next(c for c in data.checks if c.code == "conflicting_values" and "area 3" in c.detail)
    assert conflict.evaluation_id == "tranas-2013" and "52" in conflict.detail and "49" in conflict.detail
    assert next(e for e in data.evaluations if e["evaluation_id"] == "tranas-2013")["status"] == "warning"
    assert next(e for e in data.evaluations if e["evaluation_id"] == "tranas-2013")["has_report"] is True


def test_sum_mismatch_names_the_numbers():
    wrong = full(2017, V2017, "primary", 4)
    wrong[-1] = obs(2017, None, 999, "primary", 4)
    data = build_dataset([report("a", 2017, wrong)], {})
    check = next(c for c in data.checks if c.code == "sum_mismatch")
    assert "999" in check.detail and str(sum(V2017)) in check.detail


def test_missing_areas_and_out_of_range_values_are_checks_not_fixes():
    data = build_dataset([report("a", 2017, [obs(2017, 1, 160, "primary"), obs(2017, 2, 55, "primary")])], {})
    codes = {c.code for c in data.checks}
    assert {"score_out_of_range", "missing_area"} <= codes
    row = next(r for r in data.area_scores if r["area"] == 1)
    assert row["score"] is None and row["assessed"] is True  # printed, but not a possible score


def test_findings_get_stable_ids_and_one_row_per_item():
    items = [Finding("improvement", 2, 1, "Inför servicedeklarationer", 7, "Förbättringsområden")]
    first = build_dataset([report("a", 2017, full(2017, V2017, "primary", 4), items)], {})
    again = build_dataset([report("a", 2017, full(2017, V2017, "primary", 4), items)], {})
    assert [f["finding_id"] for f in first.findings] == [f["finding_id"] for f in again.findings]
    assert len(first.findings) == 1 and first.findings[0]["evaluation_id"] == "tranas-2017"


def test_a_table_broken_over_a_page_is_summed_whole():
    """Areas 1–3 end page 4 under the caption; 4–8 and the misprinted total open page 5 uncaptioned."""
    first = [obs(2017, a, V2017[a - 1], "primary", 4) for a in (1, 2, 3)]
    rest = [obs(2017, a, V2017[a - 1], "primary", 5, table=None) for a in range(4, 9)]
    wrong = build_dataset([report("a", 2017, first + rest + [obs(2017, None, 999, "primary", 5, table=None)])], {})
    checks = [c for c in wrong.checks if c.code == "sum_mismatch"]
    assert len(checks) == 1 and checks[0].page == 4 and "999" in checks[0].detail
    right = build_dataset(
        [report("a", 2017, first + rest + [obs(2017, None, sum(V2017), "primary", 5, table=None)])], {}
    )
    assert not [c for c in right.checks if c.code == "sum_mismatch"]
    repeated = [obs(2017, 3, V2017[2], "primary", 5, table=None)]  # a part that repeats an area is another table
    again = build_dataset(
        [report("a", 2017, first + repeated + rest + [obs(2017, None, 999, "primary", 5, table=None)])], {}
    )
    assert not [c for c in again.checks if c.code == "sum_mismatch"]
