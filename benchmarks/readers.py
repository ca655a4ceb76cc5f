"""How fast the reader commands are on a large dataset: `kompass sql` and `kompass report`.

    python -m benchmarks.readers                     # 2,000 evaluations, then time the commands
    python -m benchmarks.readers --evaluations 500 --keep /tmp/synthetic

The dataset is made from the report factory's numbers, not from PDFs: `bench_specs` describes
reports as data (scores, earlier and peer results, findings, deliberate errors), and each spec's
answer key becomes rows, as the pipeline would have written them, until the dataset has the
wanted number of evaluations. Findings get their themes and recurring ids from the shipped
classifier (pipeline.findings_enrich), documents a synthetic id and URL. The result passes the
contract validation. Each command is timed as a whole process (what a user waits for).
"""

from __future__ import annotations

import argparse
import hashlib
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

from extractors.frameworks import area_name
from pipeline.findings_enrich import enrich_findings, themes_rows
from pipeline.reconcile import finding_id
from pipeline.validate import contract_violations
from pipeline.write import to_table, write_dataset
from tests.factory.catalogue import bench_specs

#: Page given to a score or a finding whose page only a built PDF would tell.
RESULT_PAGE = 4
FINDINGS_PAGE = 8
#: Specs described per round while the dataset has fewer evaluations than asked for.
BATCH = 200
SEED = 2024
PROCESSED_AT = datetime(2026, 12, 1, tzinfo=timezone.utc)
QUERIES = {
    "scores_wide, top 10 by total": "SELECT organisation, year, total FROM scores_wide WHERE scale = 'new' "
    "ORDER BY total DESC LIMIT 10",
    "improvement themes by framework": "SELECT framework, theme, count(*) AS n FROM findings_themes "
    "WHERE kind = 'improvement' GROUP BY ALL ORDER BY framework, n DESC",
}


def synthetic_tables(evaluations: int, seed: int = SEED) -> dict:
    """Dataset tables with at least `evaluations` evaluations (the last spec's quoted ones included)."""
    count = BATCH
    while True:
        specs = bench_specs(count, seed)
        seen = list(dict.fromkeys(e["evaluation_id"] for s in specs for e in s.to_key()["evaluations"]))
        if len(seen) >= evaluations or count > 20 * evaluations:
            break
        count += BATCH
    rows = rows_from_specs(specs, set(seen[:evaluations]))
    rows["findings"] = enrich_findings(rows["findings"])
    rows["themes"] = themes_rows()
    return {name: to_table(name, table_rows) for name, table_rows in rows.items()}


def rows_from_specs(specs: list, keep: set[str] | None = None) -> dict[str, list[dict]]:
    """The answer keys as dataset rows: the first spec that names an evaluation or a score wins."""
    documents, evaluations, areas, observations, findings, checks = [], {}, {}, [], {}, []
    for spec in specs:
        key = spec.to_key()
        doc = hashlib.sha256(key["file"].encode()).hexdigest()
        own = spec.evaluation.evaluation_id if spec.evaluation and key["document"]["status"] == "extracted" else None
        ids = [e["evaluation_id"] for e in key["evaluations"] if keep is None or e["evaluation_id"] in keep]
        add_evaluations(evaluations, key["evaluations"], ids, doc)
        for a in key["area_scores"]:
            if a["evaluation_id"] in ids:
                areas.setdefault((a["evaluation_id"], a["area"], a["scale"]), {**a, "document_id": doc})
        observations += [
            {**o, "document_id": doc, "page": o["page"] or RESULT_PAGE, "strategy": "result_table"}
            for o in key["observations"]
            if o["evaluation_id"] in ids
        ]
        if own in ids:
            for row in finding_rows(key["findings"], own, doc):
                findings.setdefault(row["finding_id"], row)
        checks += check_rows(key, ids, doc)
        if not ids and key["document"]["kind"] in ("report", "slides"):
            continue  # reports only on evaluations beyond the count
        documents.append(document_row(key, ids, doc))
    for c in checks:
        evaluations[c["evaluation_id"]]["status"] = "warning"
    complete_area_scores(areas, evaluations)
    return {
        "documents": documents,
        "evaluations": sorted(evaluations.values(), key=lambda e: e["evaluation_id"]),
        "area_scores": [areas[k] for k in sorted(areas)],
        "score_observations": observations,
        "findings": list(findings.values()),
        "checks": checks,
    }


def add_evaluations(evaluations: dict[str, dict], keyed: list[dict], ids: list[str], doc: str) -> None:
    """The key's kept evaluations (`ids`) into `evaluations`: a new one, or one known so far only
    without its report (the document that has the report wins)."""
    for e in keyed:
        known = evaluations.get(e["evaluation_id"])
        if e["evaluation_id"] in ids and (known is None or (e["has_report"] and not known["has_report"])):
            evaluations[e["evaluation_id"]] = {
                **e,
                "evaluators": e["evaluators"] or None,
                "document_ids": [doc] if e["has_report"] else [],
                "status": "ok",
            }


def finding_rows(keyed: list[dict], evaluation_id: str, doc: str) -> list[dict]:
    """The key's findings of its own evaluation, with their ids, pages and list headings."""
    rows = []
    for f in keyed:
        fid = finding_id(evaluation_id, f["kind"], f["area"], f["text"])
        heading = "Styrkor" if f["kind"] == "strength" else "Förbättringsområden"
        rows.append(
            {
                **f,
                "finding_id": fid,
                "evaluation_id": evaluation_id,
                "document_id": doc,
                "page": f["page"] or FINDINGS_PAGE,
                "heading": heading,
            }
        )
    return rows


def check_rows(key: dict, ids: list[str], doc: str) -> list[dict]:
    """The key's deliberate errors on the kept evaluations, as warnings."""
    return [
        {
            "evaluation_id": c["evaluation_id"],
            "document_id": doc,
            "code": c["code"],
            "severity": "warning",
            "detail": f"{c['code']} in {key['file']} (synthetic)",
            "page": RESULT_PAGE,
        }
        for c in key["checks"]
        if c["evaluation_id"] in ids
    ]


def document_row(key: dict, ids: list[str], doc: str) -> dict:
    """The documents row of one spec, with a synthetic source, size and stored path."""
    return {
        "document_id": doc,
        "file_name": key["file"],
        "source": f"https://kompass.example/{key['file']}",
        "duplicates": [],
        "size_bytes": 100_000,
        "n_pages": 20,
        **key["document"],
        "evaluation_ids": ids,
        "extractor_version": "synthetic",
        "processed_at": PROCESSED_AT,
        "stored_path": f"data/raw/{doc[:16]}-{key['file']}",
    }


def complete_area_scores(areas: dict[tuple, dict], evaluations: dict[str, dict]) -> None:
    """The columns an area score takes from its evaluation (framework, area name) and the reconciler."""
    frameworks = {e["evaluation_id"]: e["framework"] for e in evaluations.values()}
    for (eid, area, _scale), a in areas.items():
        a.update(
            framework=frameworks[eid],
            area_name=area_name(frameworks[eid], area),
            area_label=None,
            max_score=100.0,
            n_observations=1,
            conflict=False,
            page=RESULT_PAGE,
        )


def timed(argv: list[str]) -> tuple[float, str]:
    started = time.perf_counter()
    done = subprocess.run(argv, capture_output=True, text=True, check=True)
    return time.perf_counter() - started, done.stdout


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--evaluations", type=int, default=2000)
    parser.add_argument("--keep", type=Path, default=None, help="Build here and keep it (default: a temp folder).")
    args = parser.parse_args()
    root = args.keep or Path(tempfile.mkdtemp(prefix="kompass-readers-"))
    kompass = str(Path(sys.executable).with_name("kompass"))
    try:
        started = time.perf_counter()
        tables = synthetic_tables(args.evaluations)
        violations = contract_violations(tables)
        if violations:
            sys.exit("the synthetic dataset breaks the contract:\n" + "\n".join(violations[:20]))
        write_dataset(tables, root / "processed")
        sizes = ", ".join(f"{name} {t.num_rows}" for name, t in tables.items())
        print(f"dataset in {time.perf_counter() - started:.1f} s: {sizes}")
        for label, sql in QUERIES.items():
            seconds, _ = timed([kompass, "sql", sql, "--data", str(root / "processed")])
            print(f"kompass sql ({label}): {seconds:.2f} s")
        seconds, out = timed([kompass, "report", "--data", str(root / "processed"), "--out", str(root / "site")])
        print(f"kompass report: {seconds:.1f} s ({out.strip()})")
        site_mb = sum(p.stat().st_size for p in (root / "site").rglob("*") if p.is_file()) / 2**20
        print(f"site: {site_mb:.1f} MB")
    finally:
        if args.keep is None:
            shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
