"""The dataset contract (SCHEMA.md) as data: the single source of every table, column, type and meaning.

The Parquet schemas (`TABLES`), the value sets and keys `validate.py` checks, `datapackage.json`
(`pipeline.datapackage`) and the data dictionary `docs/dataset.md` are all generated from `SCHEMA`,
so a column added here is typed, validated and documented in one edit.
"""

from __future__ import annotations

from dataclasses import dataclass

import pyarrow as pa

from .reader.limits import ERROR_CODES

STRING_LIST = pa.list_(pa.string())

FRAMEWORKS = ("2002", "2003", "2010", "2016", "2020", "no")
SCALES = ("new", "old")


@dataclass(frozen=True)
class Column:
    """One column: its Arrow type and what a reader needs to use it without reading the code."""

    name: str
    type: pa.DataType
    description: str
    example: object
    nulls: str | None = None  # when the column is null; None: never null
    unit: str | None = None
    values: tuple[str, ...] | None = None  # the documented value set, checked before writing


@dataclass(frozen=True)
class ForeignKey:
    columns: tuple[str, ...]
    table: str
    reference: tuple[str, ...]


@dataclass(frozen=True)
class Table:
    name: str
    description: str
    columns: tuple[Column, ...]
    primary_key: tuple[str, ...] = ()
    foreign_keys: tuple[ForeignKey, ...] = ()

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)


def _evaluation_fk() -> ForeignKey:
    return ForeignKey(("evaluation_id",), "evaluations", ("evaluation_id",))


def _document_fk() -> ForeignKey:
    return ForeignKey(("document_id",), "documents", ("document_id",))


DOCUMENT_ID = "9f2c4e0b7a1d3c5e8f6a2b4d0c1e3f5a7b9d2c4e6f8a0b1c3d5e7f9a2b4c6d8e"

SCHEMA: tuple[Table, ...] = (
    Table(
        "documents",
        "One row per distinct input file (by content), with its status and error.",
        (
            Column(
                "document_id",
                pa.string(),
                "SHA-256 of the file's bytes, hex (of `unreadable:` and the path for an input that could not be read).",
                DOCUMENT_ID,
            ),
            Column(
                "file_name",
                pa.string(),
                "Name of the first copy seen, as published: the local file's name or the "
                "URL's last path segment (not the name kompass stored a download under).",
                "Kompassen_Tyreso_2015.pdf",
            ),
            Column(
                "source",
                pa.string(),
                "Path or URL of the first copy seen.",
                "https://www.example-kommun.se/kommunkompassen/Kompassen_Tyreso_2015.pdf",
            ),
            Column("duplicates", STRING_LIST, "Other paths or URLs with identical bytes.", ["data/raw/kopia.pdf"]),
            Column("size_bytes", pa.int64(), "Size of the file.", 1843200, unit="bytes"),
            Column("n_pages", pa.int32(), "Number of pages.", 24, "the file could not be opened", "pages"),
            Column(
                "status",
                pa.string(),
                "`extracted`: read as a Kommunkompassen document; `not_report`: another "
                "document; `failed`: could not be read (see error_code).",
                "extracted",
                values=("extracted", "not_report", "failed"),
            ),
            Column(
                "kind",
                pa.string(),
                "`report`, `slides` (feedback deck), `memo` (pre-visit PM, no scores) or `other`.",
                "report",
                "the document failed",
                values=("report", "slides", "memo", "other"),
            ),
            Column(
                "framework",
                pa.string(),
                "Version of the evaluation framework: `2002`, `2003` (2003–2009 wording), "
                "`2010`, `2016`, `2020`, `no` (Norwegian).",
                "2010",
                "not a report or not recognised",
                values=FRAMEWORKS,
            ),
            Column(
                "error_code",
                pa.string(),
                "Why the file failed; `internal_error` is a kompass bug met while "
                "reading it (the exception or the broken contract rule is in `error`), `unreadable` an input kompass "
                "could not or would not read (it vanished, access was denied, a FIFO, a device, a dangling or "
                "looping link, a link out of the input folder).",
                "encrypted",
                "the document did not fail",
                values=ERROR_CODES,
            ),
            Column(
                "error",
                pa.string(),
                "Human-readable reason for the failure.",
                "the PDF is password-protected",
                "the document did not fail",
            ),
            Column(
                "text_source",
                pa.string(),
                "`pdf` (text layer) or `ocr` (scanned pages read with Tesseract).",
                "pdf",
                "the document failed",
                values=("pdf", "ocr"),
            ),
            Column(
                "evaluation_ids",
                STRING_LIST,
                "Evaluations this document reports on.",
                ["tyreso-2015"],
                "never; empty when the document reports on none",
            ),
            Column(
                "extractor_version",
                pa.string(),
                "kompass version and a digest of the extraction code.",
                "0.1.0+4be2a91c03",
            ),
            Column(
                "processed_at", pa.timestamp("us", tz="UTC"), "When the document was extracted.", "2026-12-01T06:00:00Z"
            ),
            Column(
                "classification_reason",
                pa.string(),
                "Why the document got its kind (extra column).",
                "title page names Kommunkompassen and a result table",
                "the document failed",
            ),
            Column(
                "stored_path",
                pa.string(),
                "Where kompass read the bytes: the local file as given, or the file a "
                "download was stored under in the raw folder (extra column).",
                "data/raw/9f2c4e0b7a1d3c5e-Kompassen_Tyreso_2015.pdf",
            ),
        ),
        primary_key=("document_id",),
    ),
    Table(
        "evaluations",
        "One row per evaluation (organisation × year), resolved totals and status.",
        (
            Column(
                "evaluation_id",
                pa.string(),
                "`<organisation slug>-<year>`: lower case, å/ä→a, ö→o, without kommun/stad/stadsdel.",
                "tyreso-2015",
            ),
            Column("organisation", pa.string(), "Canonical name of the evaluated organisation.", "Tyresö kommun"),
            Column(
                "municipality",
                pa.string(),
                "Canonical municipality name (the city for a city district).",
                "Tyresö",
                "the organisation is not a municipality",
            ),
            Column(
                "municipality_code",
                pa.string(),
                "SCB's four-character kommunkod (the city's for a district).",
                "0138",
                "the organisation is not a Swedish municipality",
            ),
            Column(
                "org_type",
                pa.string(),
                "`kommun`, `stadsdel`, `region` or `other`.",
                "kommun",
                values=("kommun", "stadsdel", "region", "other"),
            ),
            Column("country", pa.string(), "`SE` or `NO`.", "SE", values=("SE", "NO")),
            Column(
                "year",
                pa.int16(),
                "Year of the evaluation (the visit), not of a later report quoting it.",
                2015,
                unit="year",
            ),
            Column("framework", pa.string(), "Framework version, as in documents.", "2010", values=FRAMEWORKS),
            Column(
                "evaluators",
                STRING_LIST,
                "Names of the evaluators (no titles or employers).",
                ["Karin Sjöberg", "Per Holmgren"],
                "the evaluation is only quoted by another report",
            ),
            Column(
                "total_score",
                pa.float64(),
                "Total on the evaluation's own scale (`total_scale`).",
                452.5,
                "the total is unknown",
                "points (0–800)",
            ),
            Column(
                "total_scale",
                pa.string(),
                "`new` (scoring since the 2010 revision) or `old` (before 2010).",
                "new",
                values=SCALES,
            ),
            Column(
                "max_total",
                pa.float64(),
                "Highest possible total: 800, less when areas were not assessed.",
                800.0,
                "not known (a quoted evaluation without its areas)",
                "points",
            ),
            Column(
                "total_score_old_scale",
                pa.float64(),
                "The old-scale total that 2010–2011 reports print too.",
                401.0,
                "not printed",
                "points (0–800)",
            ),
            Column("has_report", pa.bool_(), "A document of its own is in the dataset (false: only quoted).", True),
            Column(
                "document_ids",
                STRING_LIST,
                "Documents reporting on this evaluation.",
                [DOCUMENT_ID],
                "never; empty for a quoted evaluation",
            ),
            Column(
                "status",
                pa.string(),
                "`ok`, `warning` or `error`: the worst of its checks.",
                "ok",
                values=("ok", "warning", "error"),
            ),
        ),
        primary_key=("evaluation_id",),
    ),
    Table(
        "area_scores",
        "Resolved score per evaluation × area × scale; null when not assessed.",
        (
            Column("evaluation_id", pa.string(), "The evaluation.", "tyreso-2015"),
            Column(
                "framework",
                pa.string(),
                "Framework whose area numbering `area` follows.",
                "2010",
                "the framework is unknown",
                values=FRAMEWORKS,
            ),
            Column("area", pa.int8(), "Area 1–8, numbered as in that framework.", 3),
            Column(
                "area_name",
                pa.string(),
                "Canonical name of the area in that framework.",
                "Politisk styrning och kontroll",
                "the framework is unknown",
            ),
            Column(
                "area_label",
                pa.string(),
                "The area's label as printed.",
                "3. Politisk styrning och kontroll",
                "the value was read without a label",
            ),
            Column(
                "scale",
                pa.string(),
                "`new` (since the 2010 revision) or `old` (pre-2010 scoring, also the "
                "'Äldre poängskala' column of 2010–2011 reports).",
                "new",
                values=SCALES,
            ),
            Column("score", pa.float64(), "The resolved score.", 63.5, "not assessed or unreadable", "points (0–100)"),
            Column("max_score", pa.float64(), "Highest possible score of an area.", 100.0, unit="points"),
            Column("assessed", pa.bool_(), "False when the report marks the area as not assessed.", True),
            Column("n_observations", pa.int16(), "How many printed values back this row.", 2, unit="values"),
            Column("conflict", pa.bool_(), "The printed values disagree (checks says which, where).", False),
            Column(
                "document_id", pa.string(), "Document the resolved value was read from (extra column).", DOCUMENT_ID
            ),
            Column("page", pa.int32(), "1-based page of that value (extra column).", 4, unit="page"),
        ),
        primary_key=("evaluation_id", "area", "scale"),
        foreign_keys=(_evaluation_fk(), _document_fk()),
    ),
    Table(
        "score_observations",
        "Every score printed anywhere, with its document and page, before resolution.",
        (
            Column(
                "evaluation_id",
                pa.string(),
                "The evaluation the number belongs to (may differ from the report's own).",
                "tyreso-2010",
            ),
            Column("area", pa.int8(), "Area 1–8 in the framework's numbering.", 3, "the value is a total"),
            Column("scale", pa.string(), "`new` or `old`.", "new", values=SCALES),
            Column(
                "value",
                pa.float64(),
                "The number as printed.",
                58.0,
                "printed as not assessed",
                "points (0–100 per area, 0–800 total)",
            ),
            Column(
                "role",
                pa.string(),
                "`primary` (the report's own result), `history` (an earlier evaluation), "
                "`peer` (another organisation), `average` (a national average or median).",
                "history",
                values=("primary", "history", "peer", "average"),
            ),
            Column("document_id", pa.string(), "Where it was read.", DOCUMENT_ID),
            Column("page", pa.int32(), "1-based page where it was read.", 5, unit="page"),
            Column(
                "table",
                pa.string(),
                "Caption or heading of the table, as printed.",
                "Tabell 2 Resultat 2010 och 2015",
                "the value is not in a captioned table",
            ),
            Column(
                "area_label",
                pa.string(),
                "The area label as printed beside the value (extra column).",
                "Politisk styrning och kontroll",
                "no label printed (a total, a slide)",
            ),
            Column(
                "strategy",
                pa.string(),
                "Which reader found it: `ruled_table`, `result_table`, `transposed_table`, `slides`, `headings`, "
                "`prose` (extra column).",
                "result_table",
            ),
        ),
        foreign_keys=(_evaluation_fk(), _document_fk()),
    ),
    Table(
        "findings",
        "One row per Styrkor / Förbättringsområden item, with themes and recurring wording id.",
        (
            Column(
                "finding_id", pa.string(), "Stable hash of evaluation_id, kind, area and text.", "3f1a9c0e5b7d2a4c6e8f"
            ),
            Column("evaluation_id", pa.string(), "The evaluation.", "tyreso-2015"),
            Column("document_id", pa.string(), "Where the item was read.", DOCUMENT_ID),
            Column("page", pa.int32(), "1-based page where the item starts.", 12, unit="page"),
            Column(
                "area",
                pa.int8(),
                "Area of the summary it sits in (framework numbering).",
                4,
                "the list is not tied to an area",
            ),
            Column(
                "kind",
                pa.string(),
                "`strength` (Styrkor) or `improvement` (Förbättringsområden and synonyms).",
                "improvement",
                values=("strength", "improvement"),
            ),
            Column("position", pa.int16(), "1-based order within its list.", 2),
            Column(
                "text",
                pa.string(),
                "The item, wrapped lines joined, bullet removed.",
                "Utveckla uppföljningen av verksamheternas mål",
            ),
            Column(
                "themes",
                STRING_LIST,
                "Theme ids (themes.id), best first.",
                ["uppfoljning", "styrning"],
                "never; empty when no theme applies",
            ),
            Column(
                "theme_scores",
                pa.map_(pa.string(), pa.float64()),
                "Classifier score per theme id (scores ≥ 0.01).",
                {"uppfoljning": 0.93, "styrning": 0.64},
                unit="0–1",
            ),
            Column(
                "recurring_id",
                pa.string(),
                "Same id for near-identical wording across evaluations.",
                "r-5d41402abc",
                "the text has no wording to group",
            ),
            Column("heading", pa.string(), "The list's heading as printed (extra column).", "Förbättringsområden"),
        ),
        primary_key=("finding_id",),
        foreign_keys=(_evaluation_fk(), _document_fk()),
    ),
    Table(
        "checks",
        "Every validation finding; nothing is fixed silently.",
        (
            Column(
                "evaluation_id",
                pa.string(),
                "The evaluation concerned.",
                "tyreso-2015",
                "the check is about a document or a source",
            ),
            Column(
                "document_id",
                pa.string(),
                "The document concerned.",
                DOCUMENT_ID,
                "the check is about an evaluation as a whole or a source",
            ),
            Column(
                "code",
                pa.string(),
                "What was found: `sum_mismatch`, `conflicting_values`, `score_out_of_range`, "
                "`missing_area`, `municipality_unresolved`, `no_findings`, `document_<error_code>`, `fetch_<code>` …",
                "sum_mismatch",
            ),
            Column(
                "severity", pa.string(), "`info`, `warning` or `error`.", "warning", values=("info", "warning", "error")
            ),
            Column(
                "detail",
                pa.string(),
                "Human-readable, with the numbers involved.",
                "Tabell 1 p. 4: primary column tyreso-2015 (new) total 452 but its areas sum to 448",
            ),
            Column("page", pa.int32(), "1-based page concerned.", 4, "not tied to a page", "page"),
        ),
        foreign_keys=(_evaluation_fk(), _document_fk()),
    ),
    Table(
        "themes",
        "The theme taxonomy used in findings.themes (THEMES.md).",
        (
            Column("id", pa.string(), "Theme id, as in findings.themes.", "uppfoljning"),
            Column("label", pa.string(), "Short Swedish label.", "Uppföljning och utvärdering"),
            Column(
                "description",
                pa.string(),
                "What items of this theme are about.",
                "Följa upp mål, resultat och kvalitet; utvärdera och återrapportera",
            ),
        ),
        primary_key=("id",),
    ),
)

SCHEMA_BY_NAME: dict[str, Table] = {t.name: t for t in SCHEMA}

TABLES: dict[str, pa.Schema] = {t.name: pa.schema([(c.name, c.type) for c in t.columns]) for t in SCHEMA}

DESCRIPTIONS: dict[str, str] = {t.name: t.description for t in SCHEMA}

#: Documented value sets, checked before anything is written.
VALUE_SETS: dict[tuple[str, str], set[str]] = {
    (t.name, c.name): set(c.values) for t in SCHEMA for c in t.columns if c.values
}

KEYS: dict[str, list[str]] = {t.name: list(t.primary_key) for t in SCHEMA if t.primary_key}
