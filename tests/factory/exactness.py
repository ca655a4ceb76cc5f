"""How exactly an extraction matches a key, field by field, and that tabulated per layout parameter value.

A *field* is one thing the key says the report prints: a document property, a metadata field of the
own evaluation, one score observation, one field of an evaluation row, one resolved area score, one
expected check, one finding. Everything the extraction adds that the key does not have (an invented
observation, evaluation, check or finding) is a field too, and never exact. A variant is fully
exact when all its fields are. `table()` prints, per layout parameter value, fields exact / fields and
variants fully exact, so a layout the extractors do not handle shows as a row.

    python -m tests.factory.exactness tests/pdfs/variants      # extract and print the table
"""

from __future__ import annotations

import json
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

from pipeline.fetch import sha256_file
from pipeline.process import DocumentResult, process_document
from pipeline.reconcile import Dataset, build_dataset
from tests.answer_keys import (
    EVALUATION_FIELDS,
    expected_findings,
    expected_metadata,
    expected_observations,
    observed,
    observed_findings,
    own_metadata,
)

#: Checks the keys name (the others, e.g. about missing findings, are not part of a variant's answer).
SCORE_CHECKS = ("sum_mismatch", "conflicting_values", "score_out_of_range")
DOCUMENT_FIELDS = ("kind", "framework", "status", "error_code", "text_source")


@dataclass(frozen=True)
class Field:
    what: str  # document | metadata | observation | evaluation | area_score | check | finding
    detail: str
    exact: bool


def extract(pdf: Path) -> tuple[DocumentResult, Dataset]:
    """The document's result and the dataset built from it alone (no other document resolves anything)."""
    result = process_document(pdf, sha256_file(pdf), str(pdf), isolate=False)
    return result, build_dataset([result], {result.document_id: []})


def _multiset(what: str, want: Counter, got: Counter) -> list[Field]:
    common = want & got
    out = [Field(what, f"{what} {o}", True) for o in sorted(common.elements(), key=str)]
    out += [Field(what, f"missing {what} {o}", False) for o in sorted((want - got).elements(), key=str)]
    out += [Field(what, f"invented {what} {o}", False) for o in sorted((got - want).elements(), key=str)]
    return out


def compare(key: dict, result: DocumentResult, dataset: Dataset) -> list[Field]:
    """Every field of the key, exact or not, and everything extracted that the key does not have."""
    out: list[Field] = []
    got_doc = {k: getattr(result, k) for k in DOCUMENT_FIELDS}
    for k in DOCUMENT_FIELDS:
        want = key["document"].get(k)
        out.append(Field("document", f"document.{k}: got {got_doc[k]!r}, want {want!r}", got_doc[k] == want))
    want_meta, got_meta = expected_metadata(key), own_metadata(result)
    for k, want in (want_meta or {}).items():
        got = None if got_meta is None else got_meta.get(k)
        out.append(Field("metadata", f"metadata.{k}: got {got!r}, want {want!r}", got == want))
    out += _multiset("observation", expected_observations(key), observed(result))
    evaluations = {r["evaluation_id"]: r for r in dataset.evaluations}
    for want in key["evaluations"]:
        row = evaluations.get(want["evaluation_id"], {})
        fields = EVALUATION_FIELDS + (("evaluators",) if want.get("has_report") else ())
        for f in fields:
            out.append(
                Field(
                    "evaluation",
                    f"evaluation {want['evaluation_id']}.{f}: got {row.get(f)!r}, want {want[f]!r}",
                    bool(row) and row.get(f) == want[f],
                )
            )
    known = {e["evaluation_id"] for e in key["evaluations"]}
    for eid, row in evaluations.items():
        if eid not in known:
            out.append(Field("evaluation", f"invented evaluation {eid} ({row.get('organisation')!r})", False))
    areas = {(r["evaluation_id"], r["area"], r["scale"]): r for r in dataset.area_scores}
    for want in key["area_scores"]:
        row = areas.get((want["evaluation_id"], want["area"], want["scale"]))
        got = None if row is None else (row["score"], row["assessed"])
        out.append(
            Field(
                "area_score",
                f"area score {want['evaluation_id']} {want['area']} {want['scale']}: "
                f"got {got}, want {(want['score'], want['assessed'])}",
                got == (want["score"], want["assessed"]),
            )
        )
    raised = Counter({(c.code, c.evaluation_id) for c in dataset.checks if c.code in SCORE_CHECKS})
    expected = Counter({(c["code"], c["evaluation_id"]) for c in key["checks"]})
    out += _multiset("check", expected, raised)
    out += _multiset("finding", Counter(expected_findings(key)), Counter(observed_findings(result)))
    return out


def problems(fields: list[Field]) -> list[str]:
    return [f.detail for f in fields if not f.exact]


def table(rows: list[tuple[dict, list[Field]]]) -> str:
    """Markdown table: per layout parameter value, fields exact / fields and variants fully exact."""
    stats: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    for layout, fields in rows:
        exact, total = sum(f.exact for f in fields), len(fields)
        for k, v in [("all", ""), *sorted(layout.items())]:
            s = stats[(k, str(v))]
            s[0] += exact
            s[1] += total
            s[2] += exact == total
            s[3] += 1
    lines = ["| parameter | value | fields exact / fields | variants fully exact |", "|---|---|---|---|"]
    for (k, v), (exact, total, full, n) in sorted(stats.items(), key=lambda kv: (kv[0][0] != "all", kv[0])):
        lines.append(f"| {k} | {v} | {exact} / {total} ({100 * exact / max(total, 1):.0f} %) | {full} / {n} |")
    return "\n".join(lines)


def by_kind(rows: list[tuple[dict, list[Field]]]) -> str:
    """Fields exact per kind of field (observation, metadata ...) over all variants."""
    stats: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for _, fields in rows:
        for f in fields:
            stats[f.what][0] += f.exact
            stats[f.what][1] += 1
    return "\n".join(f"{k:12} {e} / {t}" for k, (e, t) in sorted(stats.items()))


def measure_folder(folder: Path, log=print) -> str:
    """Extract every variant in folder and tabulate exactness per layout parameter value."""
    rows = []
    keys = sorted(folder.glob("*.key.json"))
    for i, path in enumerate(keys, 1):
        key = json.loads(path.read_text(encoding="utf-8"))
        fields = compare(key, *extract(folder / key["file"]))
        rows.append((key.get("layout", {}), fields))
        bad = problems(fields)
        log(f"[{i}/{len(keys)}] {key['file']}: {len(fields) - len(bad)} / {len(fields)} exact")
    return f"{len(rows)} variants in {folder}\n\n{by_kind(rows)}\n\n{table(rows)}"


if __name__ == "__main__":
    import os

    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    print(measure_folder(Path(sys.argv[1] if len(sys.argv) > 1 else "tests/pdfs/variants")))
