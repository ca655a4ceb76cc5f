"""Compare what kompass extracts from a fixture PDF with the fixture's answer key (tests/pdfs/*.key.json).

Shared by the per-fixture tests and `python -m tests.answer_keys` (a readable diff while developing).
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

from extractors.organisations import evaluation_id
from pipeline.fetch import sha256_file
from pipeline.process import DocumentResult, process_document

PDFS = Path(__file__).parent / "pdfs"


def keys() -> list[Path]:
    return sorted(PDFS.glob("*.key.json"))


def load_key(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def extract(pdf: Path) -> DocumentResult:
    return process_document(pdf, sha256_file(pdf), str(pdf), isolate=False)


def observed(result: DocumentResult) -> Counter:
    return Counter(
        (evaluation_id(o.organisation, o.year), o.area, o.scale, o.value, o.role, o.page)
        for o in result.observations
        if o.year is not None
    )


def expected_observations(key: dict) -> Counter:
    return Counter(
        (o["evaluation_id"], o["area"], o["scale"], o["value"], o["role"], o["page"]) for o in key["observations"]
    )


def observed_findings(result: DocumentResult) -> list[tuple]:
    return [(f.area, f.kind, f.position, f.text, f.page) for f in result.findings]


def expected_findings(key: dict) -> list[tuple]:
    return [(f["area"], f["kind"], f["position"], f["text"], f["page"]) for f in key["findings"]]


def own_metadata(result: DocumentResult) -> dict | None:
    meta = result.metadata
    if meta is None or meta.organisation is None:
        return None
    org = meta.organisation
    return {
        "evaluation_id": evaluation_id(org, meta.year) if meta.year else None,
        "organisation": org.name,
        "municipality": org.municipality,
        "municipality_code": org.municipality_code,
        "org_type": org.org_type,
        "country": org.country,
        "year": meta.year,
        "evaluators": meta.evaluators,
    }


#: The evaluation fields a key's evaluations are compared on (evaluators too where has_report).
EVALUATION_FIELDS = (
    "organisation",
    "municipality",
    "municipality_code",
    "org_type",
    "country",
    "year",
    "framework",
    "total_score",
    "total_scale",
    "max_total",
    "total_score_old_scale",
    "has_report",
)


def expected_metadata(key: dict) -> dict | None:
    if key["document"]["status"] != "extracted" or not key["evaluations"]:
        return None
    own = key["evaluations"][0]
    return {
        k: own[k]
        for k in (
            "evaluation_id",
            "organisation",
            "municipality",
            "municipality_code",
            "org_type",
            "country",
            "year",
            "evaluators",
        )
    }


def diff(key_path: Path) -> list[str]:
    key = load_key(key_path)
    result = extract(PDFS / key["file"])
    out = []
    doc = key["document"]
    got = {
        "kind": result.kind,
        "framework": result.framework,
        "status": result.status,
        "error_code": result.error_code,
        "text_source": result.text_source,
    }
    for k, v in doc.items():
        if got.get(k) != v:
            out.append(f"document.{k}: got {got.get(k)!r}, want {v!r}")
    if own_metadata(result) != expected_metadata(key):
        out.append(f"metadata: got {own_metadata(result)}, want {expected_metadata(key)}")
    got_obs, want_obs = observed(result), expected_observations(key)
    for o in sorted((want_obs - got_obs).elements(), key=str):
        out.append(f"missing observation {o}")
    for o in sorted((got_obs - want_obs).elements(), key=str):
        out.append(f"extra observation {o}")
    got_f, want_f = observed_findings(result), expected_findings(key)
    for f in want_f:
        if f not in got_f:
            out.append(f"missing finding {f}")
    for f in got_f:
        if f not in want_f:
            out.append(f"extra finding {f}")
    return out


if __name__ == "__main__":
    import os

    os.environ.setdefault("OMP_THREAD_LIMIT", "1")  # in-process OCR, as in the run's workers
    names = sys.argv[1:]
    for path in keys():
        if names and not any(n in path.name for n in names):
            continue
        problems = diff(path)
        print(f"{'OK ' if not problems else 'BAD'} {path.name} ({len(problems)})")
        for p in problems[:25]:
            print("    " + p)
