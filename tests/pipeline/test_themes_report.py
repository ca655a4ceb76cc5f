"""The themes report over a small dataset written to tmp_path."""

from __future__ import annotations

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from pipeline.themes_report import recurring_counts, summarize_themes, theme_counts, themes_table


def finding(evaluation_id, kind, text, themes, recurring_id, area=1):
    return {
        "evaluation_id": evaluation_id,
        "kind": kind,
        "area": area,
        "text": text,
        "themes": themes,
        "recurring_id": recurring_id,
    }


@pytest.fixture
def dataset(tmp_path):
    rows = [
        finding("tyreso-2010", "improvement", "Utveckla brukarundersökningarna", ["brukarfokus"], "r-bruk"),
        finding("tranas-2013", "improvement", "Utveckla brukarundersökningar", ["brukarfokus"], "r-bruk"),
        finding("gotland-2017", "improvement", "Utveckla brukarundersökningar", ["brukarfokus"], "r-bruk"),
        finding("gotland-2017", "improvement", "Inför servicedeklarationer", ["brukarfokus"], "r-serv"),
        finding(
            "tyreso-2010",
            "improvement",
            "Mät telefontillgängligheten och rapportera till nämnd",
            ["bemotande", "uppfoljning"],
            "r-tel",
        ),
        finding("tranas-2013", "improvement", "Oklart", [], "r-okl"),
        finding("tyreso-2010", "strength", "Tydlig vision", ["mal_styrning"], "r-vis"),
        finding("tranas-2013", "strength", "Tydlig vision", ["mal_styrning"], "r-vis"),
        finding("okand-2020", "strength", "Låg sjukfrånvaro", ["arbetsmiljo"], "r-sjuk"),
    ]
    schema = pa.schema(
        [
            ("evaluation_id", pa.string()),
            ("kind", pa.string()),
            ("area", pa.int8()),
            ("text", pa.string()),
            ("themes", pa.list_(pa.string())),
            ("recurring_id", pa.string()),
        ]
    )
    pq.write_table(pa.Table.from_pylist(rows, schema=schema), tmp_path / "findings.parquet")
    evaluations = pd.DataFrame(
        {
            "evaluation_id": ["tyreso-2010", "tranas-2013", "gotland-2017"],
            "year": pd.array([2010, 2013, 2017], dtype="int16"),
            "framework": ["2010", "2010", "2016"],
        }
    )
    evaluations.to_parquet(tmp_path / "evaluations.parquet")
    return tmp_path


def test_overall_report_separates_kinds_and_counts(dataset):
    text = summarize_themes(dataset)
    assert "9 findings, 4 evaluations" in text
    improvements, strengths = text.split("Styrkor (strengths)")
    assert "Förbättringsområden (improvements): 6 items in 3 evaluations" in improvements
    assert "brukarfokus (Brukarundersökningar, synpunkter och valfrihet)" in improvements
    assert "1 items without a theme" in improvements
    assert "mal_styrning" not in improvements and "mal_styrning" in strengths
    # the stock recommendation: 3 evaluations, example is the most frequent wording
    line = next(l for l in improvements.splitlines() if "r-bruk" in l)
    assert "3 ev." in line and '"Utveckla brukarundersökningar"' in line
    assert "r-serv" not in text  # one evaluation only: not recurring
    assert "r-vis" in strengths


def test_report_by_year_and_framework(dataset):
    by_year = summarize_themes(dataset, "year")
    assert [l for l in by_year.splitlines() if l.startswith("year ")] == [
        "year 2010",
        "year 2013",
        "year 2017",
        "year unknown",
    ]
    by_framework = summarize_themes(dataset, by="framework")
    sections = [l for l in by_framework.splitlines() if l.startswith("framework ")]
    assert sections == ["framework 2010", "framework 2016", "framework unknown"]
    part_2010 = by_framework.split("framework 2016")[0]
    assert "r-bruk" in part_2010 and "r-vis" in part_2010


def test_invalid_grouping_is_refused(dataset):
    with pytest.raises(ValueError):
        summarize_themes(dataset, "area")


def test_missing_evaluations_file_groups_as_unknown(dataset):
    (dataset / "evaluations.parquet").unlink()
    assert "year unknown" in summarize_themes(dataset, "year")


def test_counting_helpers():
    frame = pd.DataFrame(
        [
            finding("a", "improvement", "x", ["etik", "information"], "r1"),
            finding("b", "improvement", "x", ["etik"], "r1"),
            finding("b", "improvement", "y", [], "r2"),
        ]
    )
    counts = theme_counts(frame)
    assert counts.iloc[0].to_dict() == {"theme": "etik", "findings": 2, "evaluations": 2, "share": pytest.approx(2 / 3)}
    recurring = recurring_counts(frame)
    assert recurring["recurring_id"].tolist() == ["r1"] and recurring["example"].tolist() == ["x"]


def test_themes_table():
    table = themes_table()
    assert list(table.columns) == ["id", "label", "description"]
    assert len(table) == 20 and table["id"].is_unique
    assert table.set_index("id").loc["etik", "label"] == "Etik och motverkande av korruption"
