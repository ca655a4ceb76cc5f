"""`kompass sql`: views, formats, query sources and one-line errors, on the sample dataset."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli import cli
from pipeline.sql import QueryError, format_result, read_query, run_query
from tests.datasets import AVERAGE_2015, TYRESO_2015, write_sample_dataset


@pytest.fixture(scope="module")
def data(tmp_path_factory) -> Path:
    return write_sample_dataset(tmp_path_factory.mktemp("sql") / "processed")


def kompass_sql(data: Path, *args: str, input: str | None = None):
    return CliRunner().invoke(cli, ["sql", *args, "--data", str(data)], input=input)


def test_every_table_is_a_view_under_its_own_name(data):
    _, rows = run_query(data, "SELECT table_name FROM information_schema.tables ORDER BY table_name")
    assert [r[0] for r in rows] == [
        "area_scores",
        "checks",
        "documents",
        "evaluations",
        "findings",
        "findings_themes",
        "latest",
        "score_observations",
        "scores_wide",
        "themes",
    ]
    _, rows = run_query(data, "SELECT code, severity FROM checks ORDER BY code")
    assert rows == [("document_corrupt", "error"), ("sum_mismatch", "warning")]


def test_scores_wide_has_one_row_per_evaluation_and_scale(data):
    columns, rows = run_query(data, "SELECT * FROM scores_wide ORDER BY evaluation_id, scale")
    assert columns == [
        "evaluation_id",
        "organisation",
        "municipality_code",
        "year",
        "framework",
        "scale",
        *[f"area_{n}" for n in range(1, 9)],
        "total",
        "max_total",
        "status",
    ]
    by_key = {(r[0], r[5]): r for r in rows}
    assert list(by_key) == [
        ("hasselby-vallingby-2010", "new"),
        ("ljusdal-2010", "new"),
        ("ljusdal-2010", "old"),
        ("tyreso-2006", "old"),
        ("tyreso-2010", "new"),
        ("tyreso-2015", "new"),
    ]
    assert by_key[("tyreso-2015", "new")] == (
        "tyreso-2015",
        "Tyresö kommun",
        "0138",
        2015,
        "2010",
        "new",
        *TYRESO_2015,
        505.5,
        800.0,
        "ok",
    )
    # a district without area 8: null there, max 700; a quoted evaluation: only its total
    assert by_key[("hasselby-vallingby-2010", "new")][6:] == (55, 60, 50, 45, 50, 52, 48, None, 360.0, 700.0, "ok")
    assert by_key[("tyreso-2006", "old")][6:] == (None,) * 8 + (380.0, None, "ok")
    # 2010 reports print an old-scale total too
    assert by_key[("ljusdal-2010", "old")][14:] == (300.0, None, "warning")


def test_findings_themes_has_one_row_per_finding_and_theme(data):
    _, rows = run_query(
        data,
        "SELECT finding_id, year, kind, theme, rank, score FROM findings_themes "
        "WHERE evaluation_id IN ('tyreso-2010', 'ljusdal-2010') ORDER BY finding_id, rank",
    )
    assert rows == [
        ("f01", 2010, "improvement", "uppfoljning", 1, 0.9),
        ("f01", 2010, "improvement", "mal_styrning", 2, 0.7),
        ("f02", 2010, "improvement", "medborgardialog", 1, 0.9),
        ("f03", 2010, "strength", "kompetens", 1, 0.9),
        ("f08", 2010, "improvement", "uppfoljning", 1, 0.9),
        ("f08", 2010, "improvement", "mal_styrning", 2, 0.7),
        ("f09", 2010, "improvement", "kompetens", 1, 0.9),
    ]


def test_latest_is_each_organisations_most_recent_evaluation(data):
    _, rows = run_query(data, "SELECT organisation, evaluation_id, total_score FROM latest ORDER BY organisation")
    assert rows == [
        ("Hässelby-Vällingby stadsdelsområde", "hasselby-vallingby-2010", 360.0),
        ("Ljusdals kommun", "ljusdal-2010", 330.0),
        ("Tyresö kommun", "tyreso-2015", 505.5),
    ]


def test_table_format_aligns_and_counts(data):
    result = kompass_sql(
        data, "SELECT evaluation_id, year, total_score FROM evaluations WHERE municipality_code = '0138' ORDER BY year"
    )
    assert result.exit_code == 0, result.output
    assert result.output == (
        "evaluation_id  year  total_score\n"
        "-------------  ----  -----------\n"
        "tyreso-2006    2006          380\n"
        "tyreso-2010    2010          408\n"
        "tyreso-2015    2015        505.5\n"
        "(3 rows)\n"
    )


def test_csv_and_json_formats_keep_values_exact(data):
    sql = (
        "SELECT area, score, assessed FROM area_scores WHERE evaluation_id = 'hasselby-vallingby-2010' "
        "AND area >= 7 ORDER BY area"
    )
    result = kompass_sql(data, sql, "--format", "csv")
    assert list(csv.reader(io.StringIO(result.output))) == [
        ["area", "score", "assessed"],
        ["7", "48", "true"],
        ["8", "", "false"],
    ]
    result = kompass_sql(data, sql, "--format", "json")
    assert json.loads(result.output) == [
        {"area": 7, "score": 48.0, "assessed": True},
        {"area": 8, "score": None, "assessed": False},
    ]
    result = kompass_sql(data, "SELECT themes, theme_scores FROM findings WHERE finding_id = 'f01'", "--format", "json")
    assert json.loads(result.output) == [
        {"themes": ["uppfoljning", "mal_styrning"], "theme_scores": {"uppfoljning": 0.9, "mal_styrning": 0.7}}
    ]


def test_query_from_stdin_and_from_a_sql_file_to_an_out_file(data, tmp_path):
    sql = "SELECT area, value FROM score_observations WHERE role = 'average' ORDER BY area"
    result = kompass_sql(data, "-", "--format", "csv", input=sql)
    assert result.output.splitlines() == ["area,value"] + [f"{a},{v}" for a, v in enumerate(AVERAGE_2015, 1)]
    query = tmp_path / "averages.sql"
    query.write_text(sql + ";\n", encoding="utf-8")
    out = tmp_path / "averages.csv"
    result = kompass_sql(data, str(query), "--format", "csv", "--out", str(out))
    assert result.exit_code == 0 and result.output == f"wrote {out} (8 rows)\n"
    assert out.read_text(encoding="utf-8").splitlines()[1:3] == ["1,60", "2,62"]


@pytest.mark.parametrize(
    "query, message",
    [
        ("SELEC 1", 'Error: Parser Error: syntax error at or near "SELEC"\n'),
        ('SELECT "check" FROM checks', 'Error: Binder Error: Referenced column "check" not found in FROM clause!\n'),
        ("missing.sql", "Error: no such SQL file: missing.sql\n"),
        ("  ", "Error: empty query\n"),
    ],
)
def test_errors_are_one_clear_line(data, query, message):
    result = kompass_sql(data, query)
    assert result.exit_code == 1
    assert result.output == message


def test_a_folder_without_a_dataset_is_one_line(tmp_path):
    result = CliRunner().invoke(cli, ["sql", "SELECT 1", "--data", str(tmp_path)])
    assert result.exit_code == 1
    assert result.output.startswith(f"Error: no dataset in {tmp_path}: none of documents, evaluations")
    assert result.output.count("\n") == 1


def test_several_statements_give_the_last_result_and_formats_are_checked(data):
    assert run_query(
        data, "CREATE VIEW few AS SELECT * FROM evaluations WHERE year < 2010; SELECT evaluation_id FROM few"
    ) == (["evaluation_id"], [("tyreso-2006",)])
    with pytest.raises(QueryError, match="format must be one of"):
        format_result(["a"], [(1,)], "xml")


def test_read_query_passes_text_through():
    assert read_query("SELECT 1") == "SELECT 1"
