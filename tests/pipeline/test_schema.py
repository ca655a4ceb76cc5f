"""One schema source: Parquet types, datapackage.json (Frictionless) and docs/dataset.md agree with it."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from frictionless import Package, validate

from pipeline.datapackage import datapackage, table_schema_type
from pipeline.dictionary import DOC, EXAMPLE_QUERIES, render_dictionary
from pipeline.schema import SCHEMA, TABLES
from pipeline.sql import run_query
from pipeline.validate import contract_violations, read_dataset
from pipeline.write import to_table, write_dataset
from tests.datasets import sample_tables, write_sample_dataset

ARRAY_OR_OBJECT = {
    (t.name, c.name) for t in SCHEMA for c in t.columns if table_schema_type(c.type) in ("array", "object")
}


@pytest.fixture(scope="module")
def sample(tmp_path_factory) -> Path:
    return write_sample_dataset(tmp_path_factory.mktemp("schema") / "processed")


def test_every_example_has_its_columns_type_and_value_set():
    for table in SCHEMA:
        for column in table.columns:
            example = column.example
            if pa.types.is_timestamp(column.type):
                assert pa.scalar(example).type == pa.string()  # ISO text in the docs
                continue
            stored = pa.array([example], type=column.type).to_pylist()[0]
            assert (dict(stored) if pa.types.is_map(column.type) else stored) == example, f"{table.name}.{column.name}"
            if column.values:
                assert example in column.values


def test_no_column_is_an_sql_reserved_word():
    reserved = {
        k
        for (k,) in duckdb.sql(
            "SELECT keyword_name FROM duckdb_keywords() WHERE keyword_category = 'reserved'"
        ).fetchall()
    }
    assert "check" in reserved
    names = {c.name for t in SCHEMA for c in t.columns} | {t.name for t in SCHEMA}
    # score_observations.table is reserved too, but SCHEMA.md names it so: it needs quoting ("table") until
    # the contract renames it (reported to the integrator, not renamed here).
    assert names & reserved == {"table"}
    assert "code" in TABLES["checks"].names and "check" not in TABLES["checks"].names


def test_datapackage_types_descriptions_and_keys():
    package = datapackage({name: to_table(name, []) for name in TABLES})
    findings = next(r for r in package["resources"] if r["name"] == "findings")
    types = {f["name"]: f["type"] for f in findings["schema"]["fields"]}
    assert types == {
        "finding_id": "string",
        "evaluation_id": "string",
        "document_id": "string",
        "page": "integer",
        "area": "integer",
        "kind": "string",
        "position": "integer",
        "text": "string",
        "themes": "array",
        "theme_scores": "object",
        "recurring_id": "string",
        "heading": "string",
    }
    assert findings["schema"]["primaryKey"] == ["finding_id"]
    assert findings["schema"]["foreignKeys"] == [
        {"fields": ["evaluation_id"], "reference": {"resource": "evaluations", "fields": ["evaluation_id"]}},
        {"fields": ["document_id"], "reference": {"resource": "documents", "fields": ["document_id"]}},
    ]
    area = next(f for f in findings["schema"]["fields"] if f["name"] == "area")
    assert area["description"] == (
        "Area of the summary it sits in (framework numbering). Null when the list is not tied to an area."
    )
    assert area["missingValues"] == ["", "nan"]
    kind = next(f for f in findings["schema"]["fields"] if f["name"] == "kind")
    assert kind["constraints"] == {"enum": ["strength", "improvement"], "required": True}
    processed = next(f for r in package["resources"] for f in r["schema"]["fields"] if f["name"] == "processed_at")
    assert processed["type"] == "datetime"
    assert all(f["description"] for r in package["resources"] for f in r["schema"]["fields"])


def test_frictionless_loads_and_validates_the_written_package(sample):
    descriptor = json.loads((sample / "datapackage.json").read_text(encoding="utf-8"))
    assert [r["name"] for r in descriptor["resources"]] == [t.name for t in SCHEMA]
    assert Package.validate_descriptor(str(sample / "datapackage.json")).valid
    report = validate(str(sample / "datapackage.json"))
    assert report.stats["tasks"] == len(SCHEMA)
    # frictionless reads Parquet through pandas: list cells arrive as numpy arrays and maps as lists of
    # pairs, which its array/object types refuse; test_list_columns checks those columns instead.
    unread = {(task.name, e.field_name, e.type) for task in report.tasks for e in task.errors}
    assert {(name, field) for name, field, _ in unread} <= ARRAY_OR_OBJECT
    assert {kind for _, _, kind in unread} == {"type-error"}
    assert report.stats["errors"] == sum(len(t.errors) for t in report.tasks)


def test_frictionless_finds_a_broken_foreign_key(tmp_path):
    tables = sample_tables()
    rows = tables["findings"].to_pylist()
    rows[0]["evaluation_id"] = "nowhere-2011"
    tables["findings"] = to_table("findings", rows)
    write_dataset(tables, tmp_path / "processed")
    report = validate(str(tmp_path / "processed" / "datapackage.json"))
    errors = [(t.name, e.type) for t in report.tasks for e in t.errors if e.type != "type-error"]
    assert errors == [("findings", "foreign-key")]


def test_list_columns(sample):
    """The array and object columns frictionless cannot read: element types and references."""
    tables = {name: pq.read_table(sample / f"{name}.parquet") for name in TABLES}
    for name, column in ARRAY_OR_OBJECT:
        assert tables[name].schema.field(column).type.equals(TABLES[name].field(column).type)
    evaluations = set(tables["evaluations"].column("evaluation_id").to_pylist())
    documents = set(tables["documents"].column("document_id").to_pylist())
    themes = set(tables["themes"].column("id").to_pylist())
    for row in tables["documents"].to_pylist():
        assert set(row["evaluation_ids"]) <= evaluations and row["document_id"] not in row["duplicates"]
    for row in tables["evaluations"].to_pylist():
        assert set(row["document_ids"]) <= documents
        assert row["evaluators"] is None or all(isinstance(n, str) and n.strip() == n for n in row["evaluators"])
    for row in tables["findings"].to_pylist():
        scores = dict(row["theme_scores"])
        assert set(row["themes"]) <= themes and set(scores) <= themes
        assert all(0 <= s <= 1 for s in scores.values())
        assert set(row["themes"]) <= set(scores)


def test_validation_refuses_nulls_in_a_never_null_column():
    tables = sample_tables()
    rows = tables["findings"].to_pylist()
    rows[0]["kind"] = None
    tables["findings"] = to_table("findings", rows)
    assert contract_violations(tables) == ["findings.kind: null values in a column documented as never null"]
    assert contract_violations(sample_tables()) == []


def test_committed_data_dictionary_is_the_generated_one():
    text = render_dictionary()
    assert DOC.read_text(encoding="utf-8") == text, "run `python -m pipeline.dictionary`"
    for table in SCHEMA:
        assert f"## {table.name}\n" in text
        for column in table.columns:
            assert f"| `{column.name}` |" in text
    assert text.count('kompass sql "') == 3 * len(SCHEMA)


#: What each example query of docs/dataset.md returns on tests/datasets.py (first rows where long).
EXPECTED = {
    "documents": [
        [("trasig.pdf", "corrupt", "the PDF's cross-reference table is broken")],
        [("report", "2010", 4)],
        [
            ("Kompassen_Tyreso_2015.pdf", "tyreso-2006"),
            ("Kompassen_Tyreso_2015.pdf", "tyreso-2010"),
            ("Kompassen_Tyreso_2015.pdf", "tyreso-2015"),
            ("Tyreso_2010.pdf", "tyreso-2010"),
            ("hasselby-vallingby-2010.pdf", "hasselby-vallingby-2010"),
            ("ljusdal-2010.pdf", "ljusdal-2010"),
        ],
    ],
    "evaluations": [
        [
            (2006, "Tyresö kommun", 380.0, None, "old"),
            (2010, "Tyresö kommun", 408.0, 800.0, "new"),
            (2015, "Tyresö kommun", 505.5, 800.0, "new"),
        ],
        [(2006, 1, 0), (2010, 3, 3), (2015, 1, 1)],
        [
            ("Tyresö kommun", 2015, 505.5, 800.0, 63.2),
            ("Hässelby-Vällingby stadsdelsområde", 2010, 360.0, 700.0, 51.4),
            ("Tyresö kommun", 2010, 408.0, 800.0, 51.0),
            ("Ljusdals kommun", 2010, 330.0, 800.0, 41.3),
        ],
    ],
    "area_scores": [
        [(1, "Offentlighet och demokrati", 52.1, 4), (2, "Tillgänglighet och brukarorientering", 57.5, 4)],
        [("hasselby-vallingby-2010", 8, "Kommunen som samhällsbyggare")],
        [(1, 63.5, "Kompassen_Tyreso_2015.pdf", 4), (2, 70.0, "Kompassen_Tyreso_2015.pdf", 4)],
    ],
    "score_observations": [
        [
            ("tyreso-2006", "old", 380.0, "Kompassen_Tyreso_2015.pdf", 5),
            ("tyreso-2010", "new", 408.0, "Kompassen_Tyreso_2015.pdf", 5),
        ],
        [("tyreso-2015", 1, 60.0), ("tyreso-2015", 2, 62.0)],
        [
            ("hasselby-vallingby-2010", "primary", 9),
            ("ljusdal-2010", "primary", 9),
            ("tyreso-2006", "history", 1),
            ("tyreso-2010", "history", 1),
            ("tyreso-2010", "primary", 9),
            ("tyreso-2015", "average", 8),
            ("tyreso-2015", "primary", 9),
        ],
    ],
    "findings": [
        [
            ("uppfoljning", 3, 3),
            ("mal_styrning", 2, 2),
            ("medborgardialog", 2, 2),
            ("digitalisering", 1, 1),
            ("kompetens", 1, 1),
        ],
        [("r-upp", 3, "Utveckla uppföljningen av nämndernas mål")],
        [
            (1, 1, "Använd medborgarpaneler inför större beslut", 9),
            (3, 1, "Utveckla uppföljningen av nämndernas mål och resultat", 11),
            (5, 1, "Inför fler e-tjänster för invånarna", 13),
        ],
    ],
    "checks": [
        [("document_corrupt", "error", 1), ("sum_mismatch", "warning", 1)],
        [
            (
                "ljusdal-2010",
                "sum_mismatch",
                "Tabell 1 p. 4: primary column ljusdal-2010 (new) total 330 but its areas sum to 328",
            )
        ],
        [("ljusdal-2010.pdf", "sum_mismatch", "warning"), ("trasig.pdf", "document_corrupt", "error")],
    ],
    "themes": [
        [("arbetsmiljo", "Arbetsmiljö och hälsa"), ("bemotande", "Bemötande och tillgänglighet")],
        [(14,)],
        [("Uppföljning, rapportering och intern kontroll", 3), ("Medborgardialog och delaktighet", 2)],
    ],
}


@pytest.mark.parametrize("table", [t.name for t in SCHEMA])
def test_example_queries_answer_on_the_sample_dataset(sample, table):
    assert len(EXAMPLE_QUERIES[table]) == 3
    for (title, sql), expected in zip(EXAMPLE_QUERIES[table], EXPECTED[table]):
        _, rows = run_query(sample, sql)
        assert rows[: len(expected)] == expected, title


def test_read_dataset_sees_the_sample(sample):
    assert {name: t.num_rows for name, t in read_dataset(sample).items()} == {
        "documents": 5,
        "evaluations": 5,
        "area_scores": 32,
        "score_observations": 46,
        "findings": 10,
        "checks": 2,
        "themes": 20,
    }
