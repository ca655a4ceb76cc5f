"""Document results → the dataset's rows: evaluations, resolved area scores, observations, checks.

Every printed number stays in score_observations. area_scores resolves them with one rule: the
evaluation's own report wins (its first result table), quotes in other reports (history, peer)
only fill in where no own value exists. Disagreements are flagged (`conflict`) and explained in
checks, never averaged or corrected.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections import defaultdict
from datetime import datetime
from dataclasses import dataclass, field

from extractors.frameworks import AREA_MAXIMUM, TOTAL_MAXIMUM, area_name, framework_for_year, scale_for_year
from extractors.organisations import Organisation, evaluation_id
from extractors.records import Check, Finding, ScoreObservation

from .process import DocumentResult

ROLE_RANK = {"primary": 0, "history": 1, "peer": 2}
STRATEGY_RANK = {"ruled_table": 0, "result_table": 0, "transposed_table": 0, "slides": 1, "headings": 2, "prose": 3}
#: Strategies that read whole tables: their columns are checked against their printed totals.
TABLE_STRATEGIES = {"ruled_table", "result_table", "transposed_table"}
KIND_RANK = {"report": 0, "slides": 1}
SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}


@dataclass
class Placed:
    """An observation with the document it came from and the evaluation it belongs to."""

    obs: ScoreObservation
    evaluation_id: str
    document_id: str
    doc_kind: str
    own_document: bool  # read from a document of this evaluation's own


@dataclass
class EvaluationDraft:
    evaluation_id: str
    organisation: Organisation
    year: int
    framework: str | None = None
    evaluators: list[str] = field(default_factory=list)
    document_ids: list[str] = field(default_factory=list)


@dataclass
class Dataset:
    documents: list[dict]
    evaluations: list[dict]
    area_scores: list[dict]
    score_observations: list[dict]
    findings: list[dict]
    checks: list[Check]


def own_evaluation_id(result: DocumentResult) -> str | None:
    meta = result.metadata
    if result.status != "extracted" or meta is None or meta.organisation is None or meta.year is None:
        return None
    return evaluation_id(meta.organisation, meta.year)


def finding_id(evaluation: str, kind: str, area: int | None, text: str) -> str:
    return hashlib.sha256(f"{evaluation}|{kind}|{area}|{text}".encode()).hexdigest()[:20]


def placed_check(check: Check, evaluation: str | None, document_id: str | None) -> Check:
    """A document's check tied to its evaluation (unless it names one) and to the document."""
    return dataclasses.replace(check, evaluation_id=check.evaluation_id or evaluation, document_id=document_id)


def fmt(value: float | None) -> str:
    if value is None:
        return "not assessed"
    return f"{value:g}".replace(".", ",")


def build_dataset(
    results: list[DocumentResult], duplicates: dict[str, list[str]], extra_checks: list[Check] | None = None
) -> Dataset:
    """All tables from the per-document results (in a stable order, whatever order they came in)."""
    results = sorted(results, key=lambda r: (r.source, r.document_id))
    drafts: dict[str, EvaluationDraft] = {}
    placed: list[Placed] = []
    checks: list[Check] = list(extra_checks or [])
    findings: dict[str, dict] = {}
    documents: list[dict] = []

    def draft(org: Organisation, year: int) -> EvaluationDraft:
        eid = evaluation_id(org, year)
        if eid not in drafts:
            drafts[eid] = EvaluationDraft(eid, org, year)
        return drafts[eid]

    for r in sorted(results, key=lambda r: KIND_RANK.get(r.kind or "", 9)):
        own = own_evaluation_id(r)
        if own:
            d = draft(r.metadata.organisation, r.metadata.year)
            d.framework = d.framework or r.framework
            d.evaluators += [e for e in r.metadata.evaluators if e not in d.evaluators]
            d.document_ids.append(r.document_id)
        for c in r.checks:
            checks.append(placed_check(c, own, r.document_id))
        if r.status == "failed":
            checks.append(
                Check(f"document_{r.error_code}", "error", f"{r.file_name}: {r.error}", document_id=r.document_id)
            )
        for o in r.observations:
            if o.year is None:
                continue
            eid = draft(o.organisation, o.year).evaluation_id
            placed.append(Placed(o, eid, r.document_id, r.kind or "", eid == own))
        for f in r.findings:
            if own is None:
                continue
            row = finding_row(f, own, r.document_id)
            findings.setdefault(row["finding_id"], row)
        checks += nothing_found_checks(r, own)

    for r in results:
        documents.append(document_row(r, duplicates.get(r.document_id, []), evaluations_of(r, placed)))

    area_rows, totals = resolve_scores(placed, drafts, checks)
    checks += table_sum_checks(placed)
    evaluation_rows = [
        evaluation_row(d, area_rows, totals) for d in sorted(drafts.values(), key=lambda d: d.evaluation_id)
    ]
    set_status(evaluation_rows, checks)
    observations = [observation_row(p) for p in placed]
    return Dataset(documents, evaluation_rows, area_rows, observations, list(findings.values()), checks)


def finding_row(f: Finding, evaluation: str, document_id: str) -> dict:
    """A findings row: the finding of the document's own evaluation, with its stable id."""
    return {
        "finding_id": finding_id(evaluation, f.kind, f.area, f.text),
        "evaluation_id": evaluation,
        "document_id": document_id,
        "page": f.page,
        "area": f.area,
        "kind": f.kind,
        "position": f.position,
        "text": f.text,
        "heading": f.heading,
    }


def observation_row(p: Placed) -> dict:
    """A score_observations row: one printed score, placed on its evaluation."""
    return {
        "evaluation_id": p.evaluation_id,
        "area": p.obs.area,
        "scale": p.obs.scale,
        "value": p.obs.value,
        "role": p.obs.role,
        "document_id": p.document_id,
        "page": p.obs.page,
        "table": p.obs.table,
        "area_label": p.obs.label,
        "strategy": p.obs.strategy,
    }


def nothing_found_checks(r: DocumentResult, own: str | None) -> list[Check]:
    """Warnings for an evaluation's own document that gave no findings (a report) or no score."""
    checks = []
    if own and r.kind == "report" and not r.findings:
        checks.append(
            Check(
                "no_findings",
                "warning",
                f"{r.file_name}: no Styrkor/Förbättringsområden items found",
                evaluation_id=own,
                document_id=r.document_id,
            )
        )
    if own and not r.observations:
        checks.append(
            Check(
                "no_scores",
                "warning",
                f"{r.file_name}: no score printed or none found",
                evaluation_id=own,
                document_id=r.document_id,
            )
        )
    return checks


def set_status(evaluation_rows: list[dict], checks: list[Check]) -> None:
    """Each evaluation's status: the most severe check that names it (ok when none does)."""
    worst: dict[str, int] = defaultdict(int)
    for c in checks:
        if c.evaluation_id:
            worst[c.evaluation_id] = max(worst[c.evaluation_id], SEVERITY_RANK[c.severity])
    for row in evaluation_rows:
        row["status"] = ["ok", "warning", "error"][worst.get(row["evaluation_id"], 0)]


def evaluations_of(result: DocumentResult, placed: list[Placed]) -> list[str]:
    own = own_evaluation_id(result)
    ids = [own] if own else []
    ids += [p.evaluation_id for p in placed if p.document_id == result.document_id and p.evaluation_id not in ids]
    return list(dict.fromkeys(ids))


def document_row(r: DocumentResult, duplicates: list[str], evaluation_ids: list[str]) -> dict:
    return {
        "document_id": r.document_id,
        "file_name": r.file_name,
        "source": r.source,
        "duplicates": duplicates,
        "size_bytes": r.size_bytes,
        "n_pages": r.n_pages,
        "status": r.status,
        "kind": r.kind if r.status != "failed" else None,
        "framework": r.framework,
        "error_code": r.error_code,
        "error": r.error,
        "text_source": r.text_source,
        "evaluation_ids": evaluation_ids,
        "extractor_version": r.extractor_version,
        "processed_at": datetime.fromisoformat(r.processed_at),
        "classification_reason": r.reason,
        "stored_path": r.stored_path,
    }


def preference(p: Placed) -> tuple:
    """Sort key: own document first, then role, then reports before slides, result tables first, page."""
    return (
        not p.own_document,
        ROLE_RANK.get(p.obs.role, 9),
        KIND_RANK.get(p.doc_kind, 9),
        STRATEGY_RANK.get(p.obs.strategy, 9),
        p.obs.page,
    )


def resolve_scores(placed: list[Placed], drafts: dict[str, EvaluationDraft], checks: list[Check]):
    """area_scores rows and resolved totals {(evaluation_id, scale): (value, n_not_assessed)}."""
    groups: dict[tuple, list[Placed]] = defaultdict(list)
    for p in placed:
        if p.obs.role != "average":
            groups[(p.evaluation_id, p.obs.area, p.obs.scale)].append(p)
    area_rows: list[dict] = []
    totals: dict[tuple, float | None] = {}
    for (eid, area, scale), group in sorted(groups.items(), key=lambda kv: (kv[0][0], kv[0][1] or 0, kv[0][2])):
        group.sort(key=preference)
        conflict = len({p.obs.value for p in group}) > 1
        if conflict:
            checks.append(conflict_check(group))
        value = group[0].obs.value
        limit = AREA_MAXIMUM if area is not None else TOTAL_MAXIMUM
        if value is not None and not 0 <= value <= limit:
            checks.append(out_of_range_check(group[0], limit))
            value = None
            if area is None:
                continue
        if area is None:
            totals[(eid, scale)] = value
            continue
        area_rows.append(area_row(group, value, conflict, evaluation_framework(drafts[eid])))
    missing_area_checks(area_rows, drafts, placed, checks)
    return area_rows, totals


def conflict_check(group: list[Placed]) -> Check:
    """The printings of one area score (or total) that disagree, and the one kept (the first, by preference)."""
    chosen = group[0]
    area, scale = chosen.obs.area, chosen.obs.scale
    where = "; ".join(
        f"{fmt(p.obs.value)} ({p.obs.role}, p. {p.obs.page}{', ' + p.obs.table if p.obs.table else ''})" for p in group
    )
    what = f"area {area}" if area is not None else "total"
    return Check(
        "conflicting_values",
        "warning",
        f"{what} ({scale} scale) printed as {where}; kept {fmt(chosen.obs.value)} from the report's own result table",
        chosen.obs.page,
        chosen.evaluation_id,
        chosen.document_id,
    )


def out_of_range_check(chosen: Placed, limit: float) -> Check:
    """The kept score is outside 0..limit: an error, and the score is left out."""
    area, scale = chosen.obs.area, chosen.obs.scale
    return Check(
        "score_out_of_range",
        "error",
        f"{'area ' + str(area) if area else 'total'} ({scale}) = {fmt(chosen.obs.value)} "
        f"outside 0–{limit:g}; left out of the resolved scores",
        chosen.obs.page,
        chosen.evaluation_id,
        chosen.document_id,
    )


def area_row(group: list[Placed], score: float | None, conflict: bool, framework: str | None) -> dict:
    """An area_scores row from the printings of one area score, the kept one first."""
    chosen = group[0]
    area = chosen.obs.area
    return {
        "evaluation_id": chosen.evaluation_id,
        "framework": framework,
        "area": area,
        "area_name": area_name(framework, area) if framework else None,
        "area_label": chosen.obs.label,
        "scale": chosen.obs.scale,
        "score": score,
        "max_score": AREA_MAXIMUM,
        "assessed": chosen.obs.value is not None,
        "n_observations": len(group),
        "conflict": conflict,
        "document_id": chosen.document_id,
        "page": chosen.obs.page,
    }


def missing_area_checks(
    area_rows: list[dict], drafts: dict[str, EvaluationDraft], placed: list[Placed], checks: list[Check]
) -> None:
    """An evaluation with some area scores on a scale but not all eight."""
    seen: dict[tuple, set[int]] = defaultdict(set)
    for row in area_rows:
        seen[(row["evaluation_id"], row["scale"])].add(row["area"])
    for (eid, scale), areas in sorted(seen.items()):
        missing = sorted(set(range(1, 9)) - areas)
        if missing:
            checks.append(
                Check(
                    "missing_area",
                    "warning",
                    f"no {scale}-scale score found for area(s) "
                    f"{', '.join(map(str, missing))} (found {len(areas)} of 8)",
                    evaluation_id=eid,
                )
            )


def table_sum_checks(placed: list[Placed]) -> list[Check]:
    """Within each printed table, a column's total must equal the sum of its assessed areas; a table
    broken over a page is one table (`table_columns`)."""
    out = []
    for (doc, page, table, eid, scale, role), group in table_columns(placed):
        total = [p.obs.value for p in group if p.obs.area is None]
        areas = {p.obs.area: p.obs.value for p in group if p.obs.area is not None}
        if len(total) != 1 or total[0] is None or len(areas) < 8:
            continue
        printed = sum(v for v in areas.values() if v is not None)
        if abs(printed - total[0]) > 0.01:
            out.append(
                Check(
                    "sum_mismatch",
                    "warning",
                    f"{table or 'table'} p. {page}: {role} column {eid} ({scale}) "
                    f"total {fmt(total[0])} but its areas sum to {fmt(printed)}",
                    page,
                    eid,
                    doc,
                )
            )
    return out


def table_columns(placed: list[Placed]) -> list[tuple[tuple, list[Placed]]]:
    """Each printed table column's observations, keyed (document, page, caption, evaluation, scale,
    role) of its first part. A column without a total whose areas go on, none repeated, at the top
    of the next page's part of the same column is one column broken over a page (a Word table the
    page break cut between rows); its key is its first part's."""
    parts: dict[tuple, list[Placed]] = defaultdict(list)
    for p in placed:
        if p.obs.role != "average" and p.obs.strategy in TABLE_STRATEGIES:
            parts[(p.document_id, p.obs.page, p.obs.table, p.evaluation_id, p.obs.scale, p.obs.role)].append(p)
    ordered = sorted(parts.items(), key=lambda kv: str(kv[0]))
    joined: list[tuple[tuple, list[Placed]]] = []
    for key, group in sorted(ordered, key=lambda kv: (kv[0][0], kv[0][3:], kv[0][1])):
        if joined and continues(joined[-1], key, group):
            joined[-1][1].extend(group)
        else:
            joined.append((key, list(group)))
    return sorted(joined, key=lambda kv: str(kv[0]))


def continues(before: tuple[tuple, list[Placed]], key: tuple, group: list[Placed]) -> bool:
    """Whether a column part goes on from the part before it: same document, evaluation, scale and
    role, on the page after the last one it covers, no total before it and no area printed twice."""
    (doc, _, _, eid, scale, role), previous = before
    last_page = max(p.obs.page for p in previous)
    areas = {p.obs.area for p in previous}
    return (
        (doc, eid, scale, role) == (key[0], *key[3:])
        and key[1] == last_page + 1
        and None not in areas
        and not areas & {p.obs.area for p in group if p.obs.area is not None}
        and min((p.obs.area for p in group if p.obs.area is not None), default=9) > max(a for a in areas if a)
    )


def evaluation_framework(d: EvaluationDraft) -> str | None:
    """The framework of the evaluation's own document; for a quoted one, the version in use that year."""
    if d.framework:
        return d.framework
    return "no" if d.organisation.country == "NO" else framework_for_year(d.year)


def evaluation_row(d: EvaluationDraft, area_rows: list[dict], totals: dict) -> dict:
    own_scale = scale_for_year(d.year)
    framework = evaluation_framework(d)
    own_rows = [r for r in area_rows if r["evaluation_id"] == d.evaluation_id and r["scale"] == own_scale]
    unassessed = sum(1 for r in own_rows if not r["assessed"])
    return {
        "evaluation_id": d.evaluation_id,
        "organisation": d.organisation.name,
        "municipality": d.organisation.municipality,
        "municipality_code": d.organisation.municipality_code,
        "org_type": d.organisation.org_type,
        "country": d.organisation.country,
        "year": d.year,
        "framework": framework,
        "evaluators": d.evaluators,
        "total_score": totals.get((d.evaluation_id, own_scale)),
        "total_scale": own_scale,
        "max_total": 800.0 - 100.0 * unassessed if own_rows else None,  # unknown without area scores
        "total_score_old_scale": totals.get((d.evaluation_id, "old")) if own_scale == "new" else None,
        "has_report": bool(d.document_ids),
        "document_ids": d.document_ids,
        "status": "ok",
    }
