"""`kompass sql`: SQL over a dataset folder with DuckDB, in process, without loading anything first.

Every table is a view over its Parquet file under its own name, so a query reads only the columns
and row groups it needs. Three views answer what most questions start with: `scores_wide` (one row
per evaluation × scale, areas as columns), `findings_themes` (one row per finding × theme) and
`latest` (each organisation's most recent evaluation).
"""

from __future__ import annotations

import csv
import io
import json
import math
import sys
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import duckdb

from .schema import SCHEMA

FORMATS = ("table", "csv", "json")
#: Widest cell the table format prints before cutting it with "…" (findings' texts run to 400 characters).
MAX_CELL = 80

AREAS = range(1, 9)

VIEWS = {
    "scores_wide": f"""
        WITH scales AS (
            SELECT evaluation_id, scale FROM area_scores
            UNION SELECT evaluation_id, total_scale FROM evaluations WHERE total_score IS NOT NULL
            UNION SELECT evaluation_id, 'old' FROM evaluations WHERE total_score_old_scale IS NOT NULL
        ), wide AS (
            SELECT s.evaluation_id, s.scale,
                   {", ".join(f"max(a.score) FILTER (WHERE a.area = {n}) AS area_{n}" for n in AREAS)},
                   count(a.area) FILTER (WHERE a.assessed) AS assessed_areas
            FROM scales s LEFT JOIN area_scores a USING (evaluation_id, scale)
            GROUP BY s.evaluation_id, s.scale
        )
        SELECT e.evaluation_id, e.organisation, e.municipality_code, e.year, e.framework, w.scale,
               {", ".join(f"w.area_{n}" for n in AREAS)},
               CASE WHEN w.scale = e.total_scale THEN e.total_score
                    WHEN w.scale = 'old' THEN e.total_score_old_scale END AS total,
               CASE WHEN w.scale = e.total_scale AND e.max_total IS NOT NULL THEN e.max_total
                    WHEN w.assessed_areas > 0 THEN 100.0 * w.assessed_areas END AS max_total,
               e.status
        FROM wide w JOIN evaluations e USING (evaluation_id)
    """,
    "findings_themes": """
        SELECT f.finding_id, f.evaluation_id, e.organisation, e.municipality_code, e.year, e.framework,
               f.kind, f.area, t.theme, t.rank, f.theme_scores[t.theme] AS score, f.recurring_id, f.text,
               f.document_id, f.page
        FROM findings f
        JOIN (SELECT finding_id, unnest(themes) AS theme, generate_subscripts(themes, 1) AS rank FROM findings) t
          USING (finding_id)
        LEFT JOIN evaluations e USING (evaluation_id)
    """,
    "latest": """
        SELECT * FROM evaluations
        QUALIFY row_number() OVER (PARTITION BY organisation ORDER BY year DESC) = 1
    """,
}
VIEW_NEEDS = {
    "scores_wide": {"evaluations", "area_scores"},
    "findings_themes": {"findings", "evaluations"},
    "latest": {"evaluations"},
}


class QueryError(Exception):
    """A query or a dataset folder kompass cannot use; the message is one line for the user."""


def connect(data_dir: str | Path, materialize: bool = False) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB with a view per Parquet table of `data_dir` and the derived views.

    With `materialize` the tables are read into memory once (for many small queries, as the HTML
    report makes); otherwise every query reads the Parquet files it needs.
    """
    data_dir = Path(data_dir)
    present = {t.name for t in SCHEMA if (data_dir / f"{t.name}.parquet").is_file()}
    if not present:
        raise QueryError(f"no dataset in {data_dir}: none of {', '.join(t.name for t in SCHEMA)} (.parquet) found")
    con = duckdb.connect()
    for name in sorted(present):
        path = str(data_dir / f"{name}.parquet").replace("'", "''")
        con.execute(f"CREATE {'TABLE' if materialize else 'VIEW'} {name} AS SELECT * FROM read_parquet('{path}')")
    for name, sql in VIEWS.items():
        if VIEW_NEEDS[name] <= present:
            con.execute(f"CREATE VIEW {name} AS {sql}")
    return con


def table_names(con: duckdb.DuckDBPyConnection) -> set[str]:
    """The tables and views of a connection (a dataset folder may lack some tables)."""
    return {name for (name,) in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}


def read_query(query: str) -> str:
    """The SQL text: QUERY itself, stdin for '-', or the contents of a .sql file."""
    if query == "-":
        return sys.stdin.read()
    if query.lower().endswith(".sql"):
        path = Path(query)
        if not path.is_file():
            raise QueryError(f"no such SQL file: {query}")
        return path.read_text(encoding="utf-8")
    return query


def run_query(data_dir: str | Path, sql: str) -> tuple[list[str], list[tuple]]:
    """Column names and rows of the query's result (the last statement's, when there are several)."""
    if not sql.strip():
        raise QueryError("empty query")
    con = connect(data_dir)
    try:
        cursor = con.execute(sql)
        return [d[0] for d in cursor.description], cursor.fetchall()
    except duckdb.Error as e:
        raise QueryError(one_line(str(e))) from None
    finally:
        con.close()


def one_line(message: str) -> str:
    """DuckDB's first line ('Parser Error: syntax error at or near "SELEC"'), without its caret drawing."""
    lines = [line.strip() for line in message.splitlines() if line.strip()]
    return lines[0] if lines else "query failed"


def plain(value):
    """A JSON-ready value: lists and maps kept as such, numbers exact, dates ISO."""
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    return value


def cell_text(value, null: str) -> str:
    value = plain(value)
    if value is None:
        return null
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def format_table(columns: list[str], rows: list[tuple]) -> str:
    """Aligned columns, numbers to the right, then a row count."""
    cells = [[cut(cell_text(v, "null")) for v in row] for row in rows]
    widths = [max([len(c)] + [len(r[i]) for r in cells]) for i, c in enumerate(columns)]
    numeric = [
        all(
            isinstance(row[i], (int, float, Decimal)) and not isinstance(row[i], bool)
            for row in rows
            if row[i] is not None
        )
        and any(row[i] is not None for row in rows)
        for i in range(len(columns))
    ]

    def line(values: list[str]) -> str:
        return "  ".join(v.rjust(w) if num else v.ljust(w) for v, w, num in zip(values, widths, numeric)).rstrip()

    out = [line(columns), "  ".join("-" * w for w in widths)] + [line(r) for r in cells]
    out.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(out)


def cut(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= MAX_CELL else text[: MAX_CELL - 1] + "…"


def format_csv(columns: list[str], rows: list[tuple]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows([cell_text(v, "") for v in row] for row in rows)
    return buffer.getvalue()


def format_json(columns: list[str], rows: list[tuple]) -> str:
    return json.dumps([dict(zip(columns, (plain(v) for v in row))) for row in rows], ensure_ascii=False, indent=2)


def format_result(columns: list[str], rows: list[tuple], fmt: str = "table") -> str:
    if fmt not in FORMATS:
        raise QueryError(f"format must be one of {', '.join(FORMATS)}, not {fmt!r}")
    return {"table": format_table, "csv": format_csv, "json": format_json}[fmt](columns, rows)
