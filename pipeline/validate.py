"""The dataset contract as code: what a reader may rely on, checked before anything is written.

Checks about the *reports* (sums, conflicts) are data and go to checks.parquet. These are checks
about *our output* (value sets, keys, references, null-not-zero, clean text): a violation is a bug
in kompass, so the run refuses to replace the previous dataset with a broken one.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from .schema import KEYS, SCHEMA, TABLES, VALUE_SETS

PATTERNS = {
    "document_id": re.compile(r"[0-9a-f]{64}"),
    "evaluation_id": re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*-\d{4}"),
    "municipality_code": re.compile(r"\d{4}"),
}
DIRTY_TEXT = re.compile(r"^[\u2022\u25aa\u25cf\u25e6\u25a0\u2013\u2014\uf0b7\uf0a7\uf076\uf0d8*-]\s*|^o\s|\n|\uf0b7")


def contract_violations(tables: dict[str, pa.Table]) -> list[str]:
    """Every way the tables break the contract, as readable lines; empty when they conform.

    A table that is missing, lacks a column or has a column of another type is reported as such
    and its rows are not looked at further (every later check assumes the contract's columns).
    """
    out, rows = shape_violations(tables)
    return out + value_violations(rows) + reference_violations(rows) + consistency_violations(rows)


def shape_violations(tables: dict[str, pa.Table]) -> tuple[list[str], dict[str, list[dict]]]:
    """Missing tables and columns, columns of another type, nulls where the contract allows none; and the
    rows of every table whose columns are the contract's, for the checks that follow."""
    out: list[str] = []
    rows: dict[str, list[dict]] = {}
    for name, schema in TABLES.items():
        if name not in tables:
            out.append(f"{name}: table missing")
            continue
        broken = False
        for field in schema:
            if field.name not in tables[name].schema.names:
                out.append(f"{name}.{field.name}: column missing")
                broken = True
            elif not tables[name].schema.field(field.name).type.equals(field.type):
                out.append(f"{name}.{field.name}: type {tables[name].schema.field(field.name).type}, want {field.type}")
                broken = True
        if not broken:
            rows[name] = tables[name].to_pylist()
    for table in SCHEMA:
        for column in table.columns:
            if column.nulls is None and has_nulls(tables.get(table.name), column.name):
                out.append(f"{table.name}.{column.name}: null values in a column documented as never null")
    return out, rows


def value_violations(rows: dict[str, list[dict]]) -> list[str]:
    """Values outside their value set or pattern; areas outside 1–8; pages and positions below 1."""
    out: list[str] = []
    for (name, column), allowed in VALUE_SETS.items():
        for v in {r[column] for r in rows.get(name, [])} - allowed - {None}:
            out.append(f"{name}.{column}: value {v!r} not in {sorted(allowed)}")
    for name, table_rows in rows.items():
        for column, pattern in PATTERNS.items():
            for r in table_rows:
                if r.get(column) is not None and not pattern.fullmatch(str(r[column])):
                    out.append(f"{name}.{column}: {r[column]!r} is not of the form {pattern.pattern}")
        for r in table_rows:
            if r.get("area") is not None and not 1 <= r["area"] <= 8:
                out.append(f"{name}: area {r['area']} outside 1–8")
            for column in ("page", "position"):
                if r.get(column) is not None and r[column] < 1:
                    out.append(f"{name}: {column} {r[column]} < 1")
    return out


def reference_violations(rows: dict[str, list[dict]]) -> list[str]:
    """Duplicate keys, and evaluation or document ids that no row of their own table has."""
    out: list[str] = []
    for name, key in KEYS.items():
        seen = set()
        for r in rows.get(name, []):
            k = tuple(r[c] for c in key)
            if k in seen:
                out.append(f"{name}: duplicate key {dict(zip(key, k))}")
            seen.add(k)
    evaluations = {r["evaluation_id"] for r in rows.get("evaluations", [])}
    documents = {r["document_id"] for r in rows.get("documents", [])}
    for name in ("area_scores", "findings", "score_observations", "checks"):
        for r in rows.get(name, []):
            if r.get("evaluation_id") is not None and r["evaluation_id"] not in evaluations:
                out.append(f"{name}: evaluation_id {r['evaluation_id']!r} has no evaluations row")
            if r.get("document_id") is not None and r["document_id"] not in documents:
                out.append(f"{name}: document_id {r['document_id'][:12]}… has no documents row")
    return out


def consistency_violations(rows: dict[str, list[dict]]) -> list[str]:
    """Rows that contradict each other or themselves: a status against its error code or its checks,
    a score for an area not assessed, a conflict without a check, a finding's text not clean."""
    out: list[str] = []
    for r in rows.get("documents", []):
        if (r["status"] == "failed") != (r["error_code"] is not None):
            out.append(f"documents: {r['file_name']!r} status {r['status']} with error_code {r['error_code']}")
    for r in rows.get("area_scores", []):
        if r["assessed"] is False and r["score"] is not None:
            out.append(f"area_scores: {r['evaluation_id']} area {r['area']} not assessed but scored {r['score']}")
    rank = {"info": 0, "warning": 1, "error": 2}
    worst: dict[str, int] = {}
    for c in rows.get("checks", []):
        if c["evaluation_id"]:
            worst[c["evaluation_id"]] = max(worst.get(c["evaluation_id"], 0), rank.get(c["severity"], 0))
    for r in rows.get("evaluations", []):
        want = ["ok", "warning", "error"][worst.get(r["evaluation_id"], 0)]
        if r["status"] != want:
            out.append(f"evaluations: {r['evaluation_id']} status {r['status']}, worst check says {want}")
    flagged = {c["evaluation_id"] for c in rows.get("checks", []) if c["severity"] != "info"}
    for r in rows.get("area_scores", []):
        if r["conflict"] and r["evaluation_id"] not in flagged:
            out.append(f"area_scores: {r['evaluation_id']} area {r['area']} conflict without a check")
    for r in rows.get("findings", []):
        if not r["text"] or r["text"] != r["text"].strip() or DIRTY_TEXT.search(r["text"]):
            out.append(f"findings: {r['finding_id']} text not clean: {(r['text'] or '')[:50]!r}")
    return out


def document_violations(result) -> list[str]:
    """How one document's records, built into tables on their own, break the contract: what the
    final check would reject this document for, found before it can take the whole run down."""
    from .reconcile import build_dataset
    from .worker_process import one_line
    from .write import dataset_tables

    try:
        dataset = build_dataset([result], {}, [])
        # Themes and recurring ids are given to all findings of the dataset at once, later (build_tables):
        # here they are empty, as for a finding without a theme.
        findings = [{**f, "themes": [], "theme_scores": [], "recurring_id": None} for f in dataset.findings]
        tables = dataset_tables(dataset, findings, [])
    except Exception as e:  # records of a shape the tables cannot take
        return [f"its records do not fit the tables ({type(e).__name__}: {one_line(e)})"]
    return contract_violations(tables)


def has_nulls(table: pa.Table | None, column: str) -> bool:
    return table is not None and column in table.column_names and table.column(column).null_count > 0


def read_dataset(data_dir: str | Path) -> dict[str, pa.Table]:
    data_dir = Path(data_dir)
    return {
        name: pq.read_table(data_dir / f"{name}.parquet") for name in TABLES if (data_dir / f"{name}.parquet").exists()
    }


def check_dataset(data_dir: str | Path) -> tuple[dict[str, pa.Table], list[str]]:
    """The readable tables of a dataset folder and every violation, for `kompass check`: a table
    file that is missing, damaged or truncated and a missing or unreadable datapackage.json are
    violations like any other, never an exception."""
    data_dir = Path(data_dir)
    tables: dict[str, pa.Table] = {}
    problems: list[str] = []
    for name in TABLES:
        path = data_dir / f"{name}.parquet"
        try:
            tables[name] = pq.read_table(path)
        except FileNotFoundError:
            problems.append(f"{name}: {path.name} missing")
        except (OSError, pa.ArrowException) as e:
            problems.append(f"{name}: {path.name} cannot be read (damaged or truncated: {type(e).__name__})")
    problems += datapackage_violations(data_dir, tables)
    violations = [v for v in contract_violations(tables) if not v.endswith(": table missing")]
    return tables, problems + violations


def datapackage_violations(data_dir: Path, tables: dict[str, pa.Table]) -> list[str]:
    """datapackage.json exists, parses, and lists every table of the contract."""
    path = data_dir / "datapackage.json"
    try:
        package = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return ["datapackage.json missing"]
    except (OSError, UnicodeDecodeError, ValueError) as e:
        return [f"datapackage.json cannot be read ({type(e).__name__})"]
    resources = package.get("resources") if isinstance(package, dict) else None
    if not isinstance(resources, list):
        return ["datapackage.json: no list of resources"]
    listed = {r.get("name") for r in resources if isinstance(r, dict)}
    return [f"datapackage.json: table {name} not listed" for name in TABLES if name not in listed]
