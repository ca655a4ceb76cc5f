"""The data dictionary docs/dataset.md, generated from the schema source with example queries.

`python -m pipeline.dictionary` rewrites docs/dataset.md; tests/pipeline/test_dictionary.py fails
when the committed file differs from what this renders, and runs every example query.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from .datapackage import table_schema_type
from .schema import SCHEMA, Column, Table

ROOT = Path(__file__).resolve().parents[1]
DOC = ROOT / "docs" / "dataset.md"

#: Three questions per table and the SQL that answers them (`kompass sql`; the views are those of pipeline.sql).
EXAMPLE_QUERIES: dict[str, list[tuple[str, str]]] = {
    "documents": [
        (
            "Documents that could not be read, and why",
            "SELECT file_name, error_code, error FROM documents WHERE status = 'failed' ORDER BY file_name",
        ),
        (
            "Documents per kind and framework",
            "SELECT kind, framework, count(*) AS n FROM documents WHERE status = 'extracted' "
            "GROUP BY kind, framework ORDER BY kind, framework",
        ),
        (
            "Which evaluations each document reports on",
            "SELECT file_name, unnest(evaluation_ids) AS evaluation_id FROM documents "
            "ORDER BY file_name, evaluation_id",
        ),
    ],
    "evaluations": [
        (
            "Totals over the years of one municipality (SCB code 0138, Tyresö)",
            "SELECT year, organisation, total_score, max_total, total_scale FROM evaluations "
            "WHERE municipality_code = '0138' ORDER BY year",
        ),
        (
            "Evaluations per year, and how many have a report of their own",
            "SELECT year, count(*) AS evaluations, count(*) FILTER (WHERE has_report) AS with_report "
            "FROM evaluations GROUP BY year ORDER BY year",
        ),
        (
            "Highest new-scale totals as a share of the possible total",
            "SELECT organisation, year, total_score, max_total, round(100 * total_score / max_total, 1) AS percent "
            "FROM evaluations WHERE total_scale = 'new' AND total_score IS NOT NULL "
            "ORDER BY percent DESC, organisation LIMIT 10",
        ),
    ],
    "area_scores": [
        (
            "Mean score per area in the 2010 framework (new scale)",
            "SELECT area, area_name, round(avg(score), 1) AS mean, count(score) AS n FROM area_scores "
            "WHERE scale = 'new' AND framework = '2010' GROUP BY area, area_name ORDER BY area",
        ),
        (
            "Areas that were not assessed",
            "SELECT evaluation_id, area, area_name FROM area_scores WHERE NOT assessed ORDER BY evaluation_id, area",
        ),
        (
            "Where each score of one evaluation was read",
            "SELECT a.area, a.score, d.file_name, a.page FROM area_scores a JOIN documents d USING (document_id) "
            "WHERE a.evaluation_id = 'tyreso-2015' AND a.scale = 'new' ORDER BY a.area",
        ),
    ],
    "score_observations": [
        (
            "Earlier totals quoted by later reports",
            "SELECT o.evaluation_id, o.scale, o.value AS total, d.file_name, o.page FROM score_observations o "
            "JOIN documents d USING (document_id) WHERE o.role = 'history' AND o.area IS NULL "
            "ORDER BY o.evaluation_id",
        ),
        (
            "National averages printed beside an evaluation",
            "SELECT evaluation_id, area, value FROM score_observations WHERE role = 'average' "
            "ORDER BY evaluation_id, area",
        ),
        (
            "How many printed values back each evaluation, by role",
            "SELECT evaluation_id, role, count(*) AS n FROM score_observations GROUP BY evaluation_id, role "
            "ORDER BY evaluation_id, role",
        ),
    ],
    "findings": [
        (
            "Most frequent themes of improvement items",
            "SELECT theme, count(*) AS findings, count(DISTINCT evaluation_id) AS evaluations "
            "FROM (SELECT evaluation_id, unnest(themes) AS theme FROM findings WHERE kind = 'improvement') "
            "GROUP BY theme ORDER BY findings DESC, theme",
        ),
        (
            "Wordings that recur in more than one evaluation",
            "SELECT recurring_id, count(DISTINCT evaluation_id) AS evaluations, min(text) AS example FROM findings "
            "GROUP BY recurring_id HAVING count(DISTINCT evaluation_id) > 1 ORDER BY evaluations DESC, recurring_id",
        ),
        (
            "The improvement items of one evaluation, with their pages",
            "SELECT area, position, text, page FROM findings WHERE evaluation_id = 'tyreso-2015' "
            "AND kind = 'improvement' ORDER BY area, position",
        ),
    ],
    "checks": [
        (
            "Checks by code and severity",
            "SELECT code, severity, count(*) AS n FROM checks GROUP BY code, severity ORDER BY n DESC, code",
        ),
        (
            "Evaluations with a warning or an error, and why",
            "SELECT evaluation_id, code, detail FROM checks WHERE evaluation_id IS NOT NULL AND severity <> 'info' "
            "ORDER BY evaluation_id, code",
        ),
        (
            "Checks about a document, with its file name",
            "SELECT d.file_name, c.code, c.severity FROM checks c JOIN documents d USING (document_id) "
            "ORDER BY d.file_name, c.code",
        ),
    ],
    "themes": [
        ("The taxonomy", "SELECT id, label FROM themes ORDER BY id"),
        (
            "Themes no finding carries",
            "SELECT count(*) AS unused FROM themes WHERE id NOT IN (SELECT unnest(themes) FROM findings)",
        ),
        (
            "Improvement items per theme label",
            "SELECT t.label, count(ft.finding_id) AS improvements FROM themes t "
            "LEFT JOIN findings_themes ft ON ft.theme = t.id AND ft.kind = 'improvement' "
            "GROUP BY t.label ORDER BY improvements DESC, t.label LIMIT 5",
        ),
    ],
}

VIEW_DOCS = [
    (
        "scores_wide",
        "One row per evaluation × scale: `evaluation_id, organisation, municipality_code, year, "
        "framework, scale, area_1 … area_8, total, max_total, status`. `total` is the total printed on that scale "
        "(`evaluations.total_score` on the evaluation's own scale, `total_score_old_scale` on the old one); "
        "`max_total` is `evaluations.max_total` on the own scale, else 100 per assessed area. Evaluations known only "
        "by a quoted total have a row with empty areas.",
    ),
    (
        "findings_themes",
        "One row per finding × theme: `finding_id, evaluation_id, organisation, "
        "municipality_code, year, framework, kind, area, theme, rank` (1 = best), `score` (the classifier's), "
        "`recurring_id, text, document_id, page`. Findings without a theme have no row.",
    ),
    ("latest", "The columns of `evaluations`, one row per organisation: its most recent evaluation."),
]


def example_text(column: Column) -> str:
    return (
        f"`{json.dumps(column.example, ensure_ascii=False)}`"
        if not isinstance(column.example, str)
        else f"`{column.example}`"
    )


def escape(text: str) -> str:
    return text.replace("|", "\\|")


def table_section(table: Table) -> list[str]:
    lines = [f"## {table.name}", "", table.description, ""]
    if table.primary_key:
        lines.append(f"Primary key: `{', '.join(table.primary_key)}`.")
    for fk in table.foreign_keys:
        lines.append(
            f"Foreign key: `{', '.join(fk.columns)}` → `{fk.table}.{', '.join(fk.reference)}` "
            f"(null allowed where the column is nullable)."
        )
    lines += ["", "| column | type | meaning | unit | null when | example |", "|---|---|---|---|---|---|"]
    for c in table.columns:
        values = f" Values: {', '.join(f'`{v}`' for v in c.values)}." if c.values else ""
        lines.append(
            f"| `{c.name}` | {table_schema_type(c.type)} (`{c.type}`) | {escape(c.description)}{values} | "
            f"{c.unit or ''} | {escape(c.nulls) if c.nulls else 'never'} | {escape(example_text(c))} |"
        )
    lines += ["", "Example queries:", ""]
    for title, sql in EXAMPLE_QUERIES[table.name]:
        lines += [f"- {title}:", "", "  ```", f'  kompass sql "{sql}"', "  ```", ""]
    return lines


def render_dictionary() -> str:
    lines = [
        "# The kompass dataset: data dictionary",
        "",
        "<!-- Generated by `python -m pipeline.dictionary` from pipeline/schema.py; do not edit by hand. -->",
        "",
        "A dataset folder (default `data/processed/`) holds one Parquet file per table below and "
        "`datapackage.json`, a Frictionless data package with the same fields, descriptions and keys "
        "(`frictionless validate data/processed/datapackage.json`). Scores are in points as printed: "
        "0–100 per area, 0–800 in total (less where areas were not assessed); a score that was not assessed is "
        "null, never 0. Every value read from a PDF carries its `document_id` and 1-based `page`.",
        "",
        "Query any table with `kompass sql` (DuckDB; every table is a view under its own name), or read it with "
        'pandas: `pd.read_parquet("data/processed/evaluations.parquet")`. Besides the tables, `kompass sql` '
        "has these views:",
        "",
    ]
    for name, text in VIEW_DOCS:
        lines.append(f"- `{name}`: {text}")
    lines.append("")
    for table in SCHEMA:
        lines += table_section(table)
    return "\n".join(lines).rstrip() + "\n"


def main() -> None:
    DOC.parent.mkdir(parents=True, exist_ok=True)
    DOC.write_text(render_dictionary(), encoding="utf-8")
    print(f"wrote {DOC.relative_to(ROOT)}", file=sys.stderr)


if __name__ == "__main__":
    main()
