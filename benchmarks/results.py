"""The markdown `make bench` prints and writes to benchmarks/RESULTS.md: what was measured, the
ratios against their targets, and how (corpus, triage, machine)."""

from __future__ import annotations

#: The cold-run target of issue 13 (it was 0.5 in issue 6).
COLD_TARGET = 0.35
#: The unchanged re-run target of issue 17 (it was 0.05 in issue 6).
RERUN_TARGET = 0.03


def fmt_mb(mb: float) -> str:
    return f"{mb:,.0f} MB"


def report(m: dict, r: dict, identical: list[str], corpus: dict) -> str:
    """RESULTS.md's figures: the measurements, their ratios against the targets, notes, the machine."""
    return "\n".join(
        measurement_table(m, r) + [""] + ratio_table(r) + [""] + notes(r, identical, corpus) + [""] + machine_note(m)
    )


def measurement_table(m: dict, r: dict) -> list[str]:
    """One row per measured run: time, pages per second, CPU and peak memory of its process tree."""
    naive, cold, rerun, full = r["naive"], r["cold"], r["rerun"], r["cold_no_triage"]
    pages = naive["pages"]

    def row(label: str, res: dict, n_pages: int | None, seconds: float | None = None) -> tuple:
        seconds = res["seconds"] if seconds is None else seconds
        return (
            label,
            f"{seconds:.1f} s",
            f"{n_pages / seconds:.1f} pages/s" if n_pages else "",
            f"{res['cpu_s']:.0f} s",
            fmt_mb(res["peak_tree_mb"]),
        )

    rows = [
        row("naive pdfplumber (extract_text + extract_tables, 1 process)", naive, pages),
        row(f"`kompass run`, cold ({m['workers']} workers)", cold, pages),
        row("`kompass run`, unchanged re-run", rerun, None),
        row(f"`kompass run --no-triage`, cold ({m['workers']} workers)", full, pages),
    ]
    if "baseline" in r:
        rows.append(
            row(f"`kompass run` of {r['baseline']['revision']}, cold ({m['workers']} workers)", r["baseline"], pages)
        )
    if "flow_rerun" in r:
        rows.append(
            row("`kompass run --prefect`, unchanged re-run (Prefect flow, temporary API server)", r["flow_rerun"], None)
        )
    if "cold_text" in r:
        t = r["cold_text"]
        rows.append(row(f"`kompass run`, cold, text-layer documents only ({t['documents']} docs)", t, t["pages"]))
    out = [
        "| measurement | time | throughput | CPU (process tree) | peak memory (process tree) |",
        "|---|---:|---:|---:|---:|",
    ]
    return out + [f"| {a} | {b} | {c} | {d} | {e} |" for a, b, c, d, e in rows]


def ratio_table(r: dict) -> list[str]:
    """The ratios between the runs, the cold and re-run ones against their targets."""
    naive, cold, rerun, full = r["naive"], r["cold"], r["rerun"], r["cold_no_triage"]
    cold_ratio, rerun_ratio = cold["seconds"] / naive["seconds"], rerun["seconds"] / cold["seconds"]
    out = [
        "| ratio | value | target |",
        "|---|---:|---:|",
        f"| cold / naive | {cold_ratio:.2f} | ≤ {COLD_TARGET} {'✓' if cold_ratio <= COLD_TARGET else '✗'} |",
        f"| re-run / cold | {rerun_ratio:.3f} | ≤ {RERUN_TARGET} {'✓' if rerun_ratio <= RERUN_TARGET else '✗'} |",
        f"| cold --no-triage / naive | {full['seconds'] / naive['seconds']:.2f} | |",
        f"| cold triage / cold --no-triage | {cold['seconds'] / full['seconds']:.2f} | |",
    ]
    out.append(f"| CPU time: cold / naive | {cold['cpu_s'] / naive['cpu_s']:.2f} | |")
    if "baseline" in r:
        base = r["baseline"]
        out.append(f"| cold / cold of {base['revision']} | {cold['seconds'] / base['seconds']:.2f} | |")
        out.append(f"| CPU time: cold / cold of {base['revision']} | {cold['cpu_s'] / base['cpu_s']:.2f} | |")
    if "cold_text" in r:
        t = r["cold_text"]
        out.append(f"| cold / naive, text-layer documents only | {t['seconds'] / t['naive_s']:.2f} | |")
        out.append(
            f"| CPU time: cold / naive, text-layer documents only | "
            f"{t['cpu_s'] / (naive['cpu_s'] * t['naive_s'] / naive['seconds']):.2f} | |"
        )
    if "flow_rerun" in r:
        out.append(f"| `kompass run --prefect` re-run / cold | {r['flow_rerun']['seconds'] / cold['seconds']:.3f} | |")
    return out


def notes(r: dict, identical: list[str], corpus: dict) -> list[str]:
    """The corpus, triage's share of the pages, whether triage changed the dataset, how it was measured."""
    naive, cold, stats = r["naive"], r["cold"], r["triage"]
    return [
        f"- corpus: {corpus['documents']} documents, {naive['pages']} pages ({corpus['scans']} scanned documents, "
        f"{corpus['scan_pages']} pages, which the naive pass reads nothing from and the pipeline OCRs); "
        f"`tests.factory.build --bench --count {corpus['count']} --seed {corpus['seed']}`",
        f"- triage gave pdfplumber {stats['plumber']} of {stats['pages']} pages "
        f"({stats['plumber'] / max(stats['pages'], 1):.0%}), PDFium the rest; {stats['unreadable']} page(s) PDFium "
        f"could not vouch for; {stats['fallbacks']} document(s) where the two readings differed on a page both "
        "read, and pdfplumber read every page",
        "- datasets with and without triage: "
        + (
            "identical (every Parquet table, processed_at left out)"
            if not identical
            else "DIFFERENT: " + "; ".join(identical)
        ),
        *(
            [f"- {r['baseline']['revision']}: its own code (`git archive`), run with this virtualenv's libraries"]
            if "baseline" in r
            else []
        ),
        f"- peak memory of the largest single process: cold {fmt_mb(cold['peak_single_mb'])}, "
        f"naive {fmt_mb(naive['peak_single_mb'])}",
        "- `kompass run` times are the wall time of the whole process (start-up and imports included), the "
        "naive time the loop inside its process; CPU is user + system time of the process and its descendants "
        "from /proc, memory the summed resident set sizes (forked workers share pages, so the sum overstates)",
    ]


def machine_note(m: dict) -> list[str]:
    return [
        f"Machine: {m['cpu']}, {m['cores']} cores ({m['usable_cores']} usable), {m['ram_gb']} GB RAM, "
        f"{m['os']}, Python {m['python']}, pdfplumber {m['pdfplumber']}, pypdfium2 {m['pypdfium2']}; "
        f"load average {m['load_before']} before, {m['load_after']} after (other work on the machine counts).",
        f"Measured {m['date']} in {m['total_s'] / 60:.1f} min by `python -m benchmarks.bench`.",
    ]
