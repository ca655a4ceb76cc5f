"""A small dataset with known answers, written as the pipeline writes one (to_table + write_dataset).

Four organisations, six evaluations: Tyresö evaluated in 2010 and 2015 (its 2015 report quotes a
2006 evaluation and prints national averages), Ljusdal 2010 with a total that is not the sum of its
areas, Hässelby-Vällingby 2010 (a city district, area 8 not assessed) and a corrupt file. Tests of
`kompass sql`, `show`, `report`, `themes --persistence` and the data dictionary assert against it.
"""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

from extractors.frameworks import area_name
from pipeline.findings_enrich import themes_rows
from pipeline.write import to_table, write_dataset

TYRESO_2010 = [50, 55, 60, 45, 52, 58, 40, 48]  # total 408
TYRESO_2015 = [63.5, 70, 58, 66, 61, 72, 55, 60]  # total 505.5
AVERAGE_2015 = [60, 62, 55, 58, 57, 63, 50, 54]  # printed national averages, total 459
LJUSDAL_2010 = [40, 45, 50, 35, 42, 48, 30, 38]  # areas sum to 328, printed total 330
HV_2010 = [55, 60, 50, 45, 50, 52, 48, None]  # area 8 not assessed, total 360 of 700

DOCS = {
    "t10": ("a" * 64, "Tyreso_2010.pdf", "data/raw/Tyreso_2010.pdf"),
    "t15": ("b" * 64, "Kompassen_Tyreso_2015.pdf", "https://www.tyreso.example/kompassen/Kompassen_Tyreso_2015.pdf"),
    "l10": ("c" * 64, "ljusdal-2010.pdf", "data/raw/ljusdal-2010.pdf"),
    "h10": ("d" * 64, "hasselby-vallingby-2010.pdf", "data/raw/hasselby-vallingby-2010.pdf"),
    "bad": ("e" * 64, "trasig.pdf", "data/raw/trasig.pdf"),
}
PROCESSED_AT = datetime(2026, 12, 1, 6, 0, tzinfo=timezone.utc)

#: (evaluation, document, area, kind, position, text, themes, recurring_id, page)
FINDINGS = [
    (
        "tyreso-2010",
        "t10",
        3,
        "improvement",
        1,
        "Utveckla uppföljningen av nämndernas mål",
        ["uppfoljning", "mal_styrning"],
        "r-upp",
        12,
    ),
    (
        "tyreso-2010",
        "t10",
        1,
        "improvement",
        1,
        "Inför medborgarpaneler inför större beslut",
        ["medborgardialog"],
        "r-med1",
        8,
    ),
    (
        "tyreso-2010",
        "t10",
        6,
        "strength",
        1,
        "Systematiskt arbete med kompetensförsörjning",
        ["kompetens"],
        "r-komp",
        14,
    ),
    (
        "tyreso-2015",
        "t15",
        3,
        "improvement",
        1,
        "Utveckla uppföljningen av nämndernas mål och resultat",
        ["uppfoljning"],
        "r-upp",
        11,
    ),
    (
        "tyreso-2015",
        "t15",
        1,
        "improvement",
        1,
        "Använd medborgarpaneler inför större beslut",
        ["medborgardialog"],
        "r-med3",
        9,
    ),
    ("tyreso-2015", "t15", 5, "improvement", 1, "Inför fler e-tjänster för invånarna", ["digitalisering"], "r-dig", 13),
    (
        "tyreso-2015",
        "t15",
        1,
        "strength",
        1,
        "Öppna och välbesökta medborgardialoger",
        ["medborgardialog"],
        "r-med2",
        7,
    ),
    (
        "ljusdal-2010",
        "l10",
        3,
        "improvement",
        1,
        "Utveckla uppföljningen av nämndernas mål",
        ["uppfoljning", "mal_styrning"],
        "r-upp",
        10,
    ),
    (
        "ljusdal-2010",
        "l10",
        6,
        "improvement",
        1,
        "Ta fram en plan för kompetensförsörjning",
        ["kompetens"],
        "r-komp2",
        15,
    ),
    (
        "hasselby-vallingby-2010",
        "h10",
        2,
        "strength",
        1,
        "Hög tillgänglighet per telefon och e-post",
        ["bemotande"],
        "r-bem",
        6,
    ),
]


def document(
    key: str,
    kind: str | None,
    framework: str | None,
    evaluation_ids: list[str],
    n_pages: int | None,
    status: str = "extracted",
    error_code: str | None = None,
    error: str | None = None,
) -> dict:
    document_id, file_name, source = DOCS[key]
    return {
        "document_id": document_id,
        "file_name": file_name,
        "source": source,
        "duplicates": [],
        "size_bytes": 100_000 + len(key),
        "n_pages": n_pages,
        "status": status,
        "kind": kind,
        "framework": framework,
        "error_code": error_code,
        "error": error,
        "text_source": "pdf" if status != "failed" else None,
        "evaluation_ids": evaluation_ids,
        "extractor_version": "0.1.0+test",
        "processed_at": PROCESSED_AT,
        "classification_reason": None if status == "failed" else "result table",
        "stored_path": source if source.startswith("data/") else f"data/raw/{document_id[:16]}-{file_name}",
    }


def evaluation(
    eid: str,
    organisation: str,
    municipality: str,
    code: str,
    org_type: str,
    year: int,
    framework: str,
    total: float | None,
    scale: str,
    max_total: float | None,
    doc: str | None,
    status: str = "ok",
    evaluators: list[str] | None = None,
    old_total: float | None = None,
) -> dict:
    return {
        "evaluation_id": eid,
        "organisation": organisation,
        "municipality": municipality,
        "municipality_code": code,
        "org_type": org_type,
        "country": "SE",
        "year": year,
        "framework": framework,
        "evaluators": evaluators,
        "total_score": total,
        "total_scale": scale,
        "max_total": max_total,
        "total_score_old_scale": old_total,
        "has_report": doc is not None,
        "document_ids": [DOCS[doc][0]] if doc else [],
        "status": status,
    }


def areas(eid: str, framework: str, values: list, doc: str, page: int) -> list[dict]:
    return [
        {
            "evaluation_id": eid,
            "framework": framework,
            "area": a,
            "area_name": area_name(framework, a),
            "area_label": f"{a}. {area_name(framework, a)}",
            "scale": "new",
            "score": None if v is None else float(v),
            "max_score": 100.0,
            "assessed": v is not None,
            "n_observations": 1,
            "conflict": False,
            "document_id": DOCS[doc][0],
            "page": page,
        }
        for a, v in enumerate(values, start=1)
    ]


def observations(
    eid: str,
    values: list,
    total: float | None,
    doc: str,
    page: int,
    role: str = "primary",
    scale: str = "new",
    table: str | None = "Tabell 1 Resultat",
) -> list[dict]:
    rows = [
        {
            "evaluation_id": eid,
            "area": a,
            "scale": scale,
            "value": None if v is None else float(v),
            "role": role,
            "document_id": DOCS[doc][0],
            "page": page,
            "table": table,
            "area_label": None,
            "strategy": "result_table",
        }
        for a, v in enumerate(values, start=1)
    ]
    if total is not None:
        rows.append(
            {
                "evaluation_id": eid,
                "area": None,
                "scale": scale,
                "value": float(total),
                "role": role,
                "document_id": DOCS[doc][0],
                "page": page,
                "table": table,
                "area_label": None,
                "strategy": "result_table",
            }
        )
    return rows


def sample_tables() -> dict:
    documents = [
        document("t10", "report", "2010", ["tyreso-2010"], 20),
        document("t15", "report", "2010", ["tyreso-2006", "tyreso-2010", "tyreso-2015"], 24),
        document("l10", "report", "2010", ["ljusdal-2010"], 21),
        document("h10", "report", "2010", ["hasselby-vallingby-2010"], 18),
        document("bad", None, None, [], None, "failed", "corrupt", "the PDF's cross-reference table is broken"),
    ]
    evaluations = [
        evaluation(
            "hasselby-vallingby-2010",
            "Hässelby-Vällingby stadsdelsområde",
            "Stockholm",
            "0180",
            "stadsdel",
            2010,
            "2010",
            360.0,
            "new",
            700.0,
            "h10",
            evaluators=["Eva Lindqvist"],
        ),
        evaluation(
            "ljusdal-2010",
            "Ljusdals kommun",
            "Ljusdal",
            "2161",
            "kommun",
            2010,
            "2010",
            330.0,
            "new",
            800.0,
            "l10",
            "warning",
            ["Karin Sjöberg", "Per Holmgren"],
            old_total=300.0,
        ),
        evaluation("tyreso-2006", "Tyresö kommun", "Tyresö", "0138", "kommun", 2006, "2003", 380.0, "old", None, None),
        evaluation(
            "tyreso-2010",
            "Tyresö kommun",
            "Tyresö",
            "0138",
            "kommun",
            2010,
            "2010",
            408.0,
            "new",
            800.0,
            "t10",
            evaluators=["Johan Ekström"],
        ),
        evaluation(
            "tyreso-2015",
            "Tyresö kommun",
            "Tyresö",
            "0138",
            "kommun",
            2015,
            "2010",
            505.5,
            "new",
            800.0,
            "t15",
            evaluators=["Maria Nordin", "Anders Hallberg"],
        ),
    ]
    area_scores = (
        areas("hasselby-vallingby-2010", "2010", HV_2010, "h10", 5)
        + areas("ljusdal-2010", "2010", LJUSDAL_2010, "l10", 4)
        + areas("tyreso-2010", "2010", TYRESO_2010, "t10", 4)
        + areas("tyreso-2015", "2010", TYRESO_2015, "t15", 4)
    )
    score_observations = (
        observations("hasselby-vallingby-2010", HV_2010, 360, "h10", 5)
        + observations("ljusdal-2010", LJUSDAL_2010, 330, "l10", 4)
        + observations("tyreso-2010", TYRESO_2010, 408, "t10", 4)
        + observations("tyreso-2015", TYRESO_2015, 505.5, "t15", 4)
        + observations("tyreso-2015", AVERAGE_2015, None, "t15", 4, role="average")
        + observations("tyreso-2010", [], 408, "t15", 5, role="history", table=None)
        + observations("tyreso-2006", [], 380, "t15", 5, role="history", scale="old", table=None)
    )
    findings = [
        {
            "finding_id": f"f{i:02d}",
            "evaluation_id": eid,
            "document_id": DOCS[doc][0],
            "page": page,
            "area": area,
            "kind": kind,
            "position": position,
            "text": text,
            "themes": themes,
            "theme_scores": {t: round(0.9 - 0.2 * k, 2) for k, t in enumerate(themes)},
            "recurring_id": rid,
            "heading": "Styrkor" if kind == "strength" else "Förbättringsområden",
        }
        for i, (eid, doc, area, kind, position, text, themes, rid, page) in enumerate(FINDINGS, start=1)
    ]
    checks = [
        {
            "evaluation_id": "ljusdal-2010",
            "document_id": DOCS["l10"][0],
            "code": "sum_mismatch",
            "severity": "warning",
            "detail": "Tabell 1 p. 4: primary column ljusdal-2010 (new) total 330 but its areas sum to 328",
            "page": 4,
        },
        {
            "evaluation_id": None,
            "document_id": DOCS["bad"][0],
            "code": "document_corrupt",
            "severity": "error",
            "detail": "trasig.pdf: the PDF's cross-reference table is broken",
            "page": None,
        },
    ]
    rows = {
        "documents": documents,
        "evaluations": evaluations,
        "area_scores": area_scores,
        "score_observations": score_observations,
        "findings": findings,
        "checks": checks,
        "themes": themes_rows(),
    }
    return {name: to_table(name, table_rows) for name, table_rows in rows.items()}


def write_sample_dataset(out_dir: Path) -> Path:
    write_dataset(sample_tables(), out_dir)
    return out_dir
