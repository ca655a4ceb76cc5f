"""`make bench`: how fast a kompass run is, against a naive pdfplumber pass over the same files.

    python -m benchmarks.bench                  # build the corpus once, then measure everything
    python -m benchmarks.bench --quick          # without the CLI run and the text-layer-only run
    python -m benchmarks.bench --baseline 2ec3e46   # and that revision's cold run beside today's

The corpus is `--count` (default 80) distinct documents from the report factory (reports as Word
and reportlab PDFs, two of them scans, slide decks, memos, policies), built once into
benchmarks/corpus/ (gitignored; needs LibreOffice) and reused while count and seed are the same.
Every measurement runs in a child process on this machine, one after the other:

- naive: pdfplumber `extract_text` and `extract_tables` on every page, one process;
- cold: `kompass run` over the corpus with a fresh cache and output folder and the default workers
  (the cores), timed as the whole process (what a user waits for);
- rerun: the same command again, nothing changed;
- cold with --no-triage (pdfplumber reads every page), and the check that both datasets are
  identical (every Parquet table, documents.processed_at left out);
- triage statistics: which reader each page got (untimed);
- `kompass run --prefect` over the unchanged corpus: the Prefect flow's fixed cost (a temporary
  API server when no PREFECT_API_URL is set);
- cold over the documents with a text layer only: the naive pass reads nothing from a scan, while
  the pipeline OCRs it, so this is the like-for-like comparison;
- with `--baseline REVISION`: that revision's cold run, right after today's (benchmarks.baseline),
  so a change is judged against the code before it on the same machine in the same minutes.

Peak memory is the sum of the resident set sizes (/proc/<pid>/statm) of the child and all its
descendants (the forkserver and the document workers), sampled every SAMPLE_S seconds; forked
workers share pages, so the sum overstates a little. The largest single process is given too.
Results are printed and written to benchmarks/RESULTS.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

from .baseline import baseline_command, export_revision
from .process_tree import MemorySampler
from .results import report

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
CORPUS = HERE / "corpus"
RESULTS = HERE / "RESULTS.md"
MARKER = ".corpus.json"


# --------------------------------------------------------------------------- corpus


def ensure_corpus(folder: Path, count: int, seed: int) -> list[Path]:
    """The corpus PDFs, built with the report factory unless already there for this count and seed."""
    marker = folder / MARKER
    wanted = {"count": count, "seed": seed}
    if marker.is_file() and json.loads(marker.read_text()) == wanted:
        pdfs = sorted(folder.glob("*.pdf"))
        if len(pdfs) >= count:
            return pdfs
    missing = [tool for tool in ("soffice", "pdftoppm") if not shutil.which(tool)]
    if missing:
        sys.exit(
            f"the benchmark corpus is not built and {' and '.join(missing)} is missing: apt-get install "
            "libreoffice-writer libreoffice-impress poppler-utils (or `make bench` as root), then run again"
        )
    if folder.exists():
        shutil.rmtree(folder)
    print(f"building the benchmark corpus ({count} documents, seed {seed}) into {folder} ...", flush=True)
    started = time.perf_counter()
    subprocess.run(
        [
            sys.executable,
            "-m",
            "tests.factory.build",
            "--bench",
            str(folder),
            "--count",
            str(count),
            "--seed",
            str(seed),
        ],
        cwd=ROOT,
        check=True,
    )
    (folder / ".gitignore").write_text("*\n")
    marker.write_text(json.dumps(wanted))
    print(f"corpus built in {time.perf_counter() - started:.0f} s", flush=True)
    return sorted(folder.glob("*.pdf"))


# --------------------------------------------------------------------------- machine


def machine() -> dict:
    cpu = next(
        (line.split(":", 1)[1].strip() for line in read_lines("/proc/cpuinfo") if line.startswith("model name")),
        platform.processor() or "unknown",
    )
    mem_kb = next((int(line.split()[1]) for line in read_lines("/proc/meminfo") if line.startswith("MemTotal")), 0)
    try:
        usable = len(os.sched_getaffinity(0))
    except AttributeError:
        usable = os.cpu_count() or 1
    from importlib.metadata import version

    return {
        "cpu": cpu,
        "cores": os.cpu_count() or 1,
        "usable_cores": usable,
        "ram_gb": round(mem_kb / 2**20, 1),
        "python": platform.python_version(),
        "os": f"{platform.system()} {platform.release()}",
        "pdfplumber": version("pdfplumber"),
        "pypdfium2": version("pypdfium2"),
        "load_before": round(os.getloadavg()[0], 2),
    }


def read_lines(path: str) -> list[str]:
    try:
        return Path(path).read_text().splitlines()
    except OSError:
        return []


# --------------------------------------------------------------------------- measuring a child


def measure(argv: list[str], label: str, cwd: Path = ROOT, env: dict[str, str] | None = None) -> dict:
    """Run a measurement child; its JSON result plus wall time and peak memory of its process tree."""
    print(f"  {label} ...", end=" ", flush=True)
    started = time.perf_counter()
    with tempfile.TemporaryFile("w+") as log:
        child = subprocess.Popen(argv, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=log, text=True)
        sampler = MemorySampler(child.pid)
        sampler.start()
        out, _ = child.communicate()
        sampler.stopped.set()
        sampler.join()
        wall = time.perf_counter() - started
        if child.returncode != 0:
            log.seek(0)
            sys.stderr.write(log.read()[-4000:])
            raise SystemExit(f"{label} failed (exit {child.returncode})")
    lines = [line for line in out.splitlines() if line.startswith("{")]
    result = json.loads(lines[-1]) if lines else {}
    result.update(
        wall_s=wall,
        peak_tree_mb=sampler.peak_tree / 2**20,
        peak_single_mb=sampler.peak_single / 2**20,
        cpu_s=sum(sampler.cpu.values()),
    )
    print(f"{result.get('seconds', wall):.1f} s", flush=True)
    return result


# --------------------------------------------------------------------------- the measured work (children)


def phase_naive(pdfs: list[Path]) -> dict:
    import pdfplumber

    pages = 0
    per_file = {}
    started = time.perf_counter()
    for path in pdfs:
        t = time.perf_counter()
        with pdfplumber.open(path) as pdf:
            for page in pdf.pages:
                page.extract_text()
                page.extract_tables()
                page.close()
                pages += 1
        per_file[path.name] = time.perf_counter() - t
    return {"seconds": time.perf_counter() - started, "pages": pages, "per_file": per_file}


def phase_triage_stats(pdfs: list[Path]) -> dict:
    """Which reader triage gave each page, exactly as a run decides it (untimed; no OCR)."""
    import pdfplumber
    import pypdfium2

    from pipeline.reader.triage import TriageReport, read_triaged_pages

    pages = plumber = unreadable = fallbacks = 0
    scans = []
    for path in pdfs:
        report = TriageReport()
        with pdfplumber.open(path) as pdf:
            fast = pypdfium2.PdfDocument(str(path))
            try:
                readings = read_triaged_pages(pdf, fast, report)
            finally:
                fast.close()
        pages += report.pages
        plumber += len(report.plumber)
        unreadable += len(report.unreadable)
        fallbacks += report.fallback
        if not any(reading.words for reading in readings):
            scans.append(path.name)
    return {"pages": pages, "plumber": plumber, "unreadable": unreadable, "fallbacks": fallbacks, "scans": scans}


def child_main(args: argparse.Namespace) -> None:
    pdfs = [Path(p) for p in json.loads(Path(args.pdfs).read_text())]
    if args.phase == "naive":
        result = phase_naive(pdfs)
    else:
        result = phase_triage_stats(pdfs)
    print(json.dumps(result), flush=True)


# --------------------------------------------------------------------------- comparing datasets


def compare_datasets(a: Path, b: Path) -> list[str]:
    """Differences between two dataset folders: every Parquet table, documents.processed_at left out."""
    import pyarrow.parquet as pq

    problems = []
    names = sorted({p.name for p in a.glob("*.parquet")} | {p.name for p in b.glob("*.parquet")})
    for name in names:
        if not (a / name).is_file() or not (b / name).is_file():
            problems.append(f"{name}: only in one dataset")
            continue
        ta, tb = pq.read_table(a / name), pq.read_table(b / name)
        drop = [c for c in ("processed_at",) if c in ta.column_names]
        ta, tb = ta.drop_columns(drop), tb.drop_columns([c for c in drop if c in tb.column_names])
        if not ta.equals(tb):
            rows_a, rows_b = ta.to_pylist(), tb.to_pylist()
            diff = [(x, y) for x, y in zip(rows_a, rows_b) if x != y]
            problems.append(
                f"{name}: {ta.num_rows} vs {tb.num_rows} rows, {len(diff)} differ"
                + (f"; first: {diff[0][0]} | {diff[0][1]}" if diff else "")
            )
    if json.loads((a / "datapackage.json").read_text()) != json.loads((b / "datapackage.json").read_text()):
        problems.append("datapackage.json differs")
    return problems


# --------------------------------------------------------------------------- main


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(prog="python -m benchmarks.bench", description=__doc__.split("\n\n")[0])
    ap.add_argument("--count", type=int, default=80, help="documents in the corpus")
    ap.add_argument("--seed", type=int, default=2024, help="seed of the corpus")
    ap.add_argument("--corpus", type=Path, default=CORPUS, help="where the corpus is built and cached")
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="documents at a time in the runs")
    ap.add_argument("--quick", action="store_true", help="skip the CLI run and the text-layer-only run")
    ap.add_argument(
        "--baseline",
        metavar="REVISION",
        help="also measure this git revision's cold run (benchmarks.baseline), e.g. the previous release",
    )
    ap.add_argument("--results", type=Path, default=RESULTS, help="markdown file to write the figures to")
    ap.add_argument("--phase", choices=["naive", "stats"], help=argparse.SUPPRESS)
    ap.add_argument("--pdfs", help=argparse.SUPPRESS)
    return ap.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.phase:
        child_main(args)
        return 0

    total_started = time.perf_counter()
    pdfs = ensure_corpus(args.corpus, args.count, args.seed)[: args.count]
    m = machine()
    m["workers"] = args.workers
    print(f"benchmark: {len(pdfs)} documents on {m['cpu']} ({m['cores']} cores), load {m['load_before']}", flush=True)
    work = Path(tempfile.mkdtemp(prefix="kompass-bench-"))
    try:
        r, identical, corpus = measure_all(args, pdfs, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    m["load_after"] = round(os.getloadavg()[0], 2)
    m["date"] = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    m["total_s"] = time.perf_counter() - total_started
    text = report(m, r, identical, corpus)
    print()
    print(text)
    args.results.write_text(
        "# Benchmark results (`make bench`)\n\nLatest figures, written by "
        "`python -m benchmarks.bench`; see benchmarks/bench.py for what each one measures.\n\n" + text + "\n"
    )
    print(f"\nwritten to {args.results}")
    return 1 if identical else 0


def measure_all(args: argparse.Namespace, pdfs: list[Path], work: Path) -> tuple[dict, list[str], dict]:
    """Every measurement, one after the other, in the scratch folder `work`: the results by name,
    the differences between the datasets with and without triage, and the corpus's figures."""
    listing = work / "pdfs.json"
    listing.write_text(json.dumps([str(p) for p in pdfs]))
    me = [sys.executable, "-m", "benchmarks.bench", "--pdfs", str(listing)]

    def run(label: str, files: list[Path], name: str, *flags: str) -> dict:
        return kompass_run(label, files, work / name, args.workers, *flags)

    r: dict = {}
    r["naive"] = measure(me + ["--phase", "naive"], "naive pdfplumber pass")
    r["cold"] = run("`kompass run`, cold", pdfs, "triage")
    if args.baseline:
        tree = export_revision(args.baseline, work / "baseline-tree")
        command, env = baseline_command(tree, sys.executable)
        label = f"`kompass run` of {args.baseline}, cold"
        r["baseline"] = kompass_run(label, pdfs, work / "baseline", args.workers, command=command, env=env, cwd=tree)
        r["baseline"]["revision"] = args.baseline
    r["rerun"] = run("`kompass run`, unchanged re-run", pdfs, "triage")
    r["cold_no_triage"] = run("`kompass run --no-triage`, cold", pdfs, "full", "--no-triage")
    identical = compare_datasets(work / "triage" / "processed", work / "full" / "processed")
    print("  datasets with and without triage: " + ("identical" if not identical else "; ".join(identical)))
    r["triage"] = measure(me + ["--phase", "stats"], "triage statistics (untimed)")
    scans = set(r["triage"]["scans"])
    if not args.quick:
        r["flow_rerun"] = run("`kompass run --prefect`, unchanged re-run", pdfs, "triage", "--prefect")
        text_pdfs = [p for p in pdfs if p.name not in scans]
        r["cold_text"] = run("`kompass run`, cold, text-layer documents only", text_pdfs, "text")
        r["cold_text"].update(
            documents=len(text_pdfs),
            pages=r["naive"]["pages"] - sum(count_pages(p) for p in pdfs if p.name in scans),
            naive_s=sum(s for name, s in r["naive"]["per_file"].items() if name not in scans),
        )
    corpus = {
        "documents": len(pdfs),
        "count": args.count,
        "seed": args.seed,
        "scans": len(scans),
        "scan_pages": sum(count_pages(p) for p in pdfs if p.name in scans),
    }
    return r, identical, corpus


def kompass_run(
    label: str,
    files: list[Path],
    folder: Path,
    workers: int,
    *flags: str,
    command: list[str] | None = None,
    env: dict[str, str] | None = None,
    cwd: Path = ROOT,
) -> dict:
    """`kompass run` as a user types it (or as `command` runs another kompass, benchmarks.baseline),
    its folders below `folder`; its time is the process's wall time, imports included."""
    kompass = Path(sys.executable).with_name("kompass")
    argv = [
        *(command or [str(kompass) if kompass.exists() else "kompass"]),
        "run",
        *map(str, files),
        "--out",
        str(folder / "processed"),
        "--raw",
        str(folder / "raw"),
        "--cache-dir",
        str(folder / "cache"),
        "--workers",
        str(workers),
        "--quiet",
        *flags,
    ]
    result = measure(argv, label, cwd, env)
    result["seconds"] = result["wall_s"]
    return result


def count_pages(path: Path) -> int:
    import pypdfium2

    pdf = pypdfium2.PdfDocument(str(path))
    try:
        return len(pdf)
    finally:
        pdf.close()


if __name__ == "__main__":
    sys.exit(main())
