"""Regenerate the fixture PDFs and their answer keys; or write a benchmark corpus.

    python -m tests.factory.build                  # tests/pdfs/*.pdf + *.key.json, sample into data/raw/
    python -m tests.factory.build --only report-ljusdal-2010-two-scales
    python -m tests.factory.build --bench /tmp/bench --count 80

Every page number in a key is *found*, not assumed: after conversion each table caption, score
line, section heading and finding is located in the PDF's text layer, in document order, and the
build fails if one is missing, ambiguous, or if a table's cells are not on its page. Tables of
contents print the located pages, so a document is re-rendered until its TOC is right.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import pdfplumber
import pypdfium2

from tests.factory import catalogue
from tests.factory.convert import office_to_pdf
from tests.factory.spec import (
    ROOT,
    Bullets,
    Columns,
    FindingList,
    Heading,
    Landscape,
    PageBreak,
    Para,
    ReportSpec,
    Slide,
    SummaryBox,
    TableBlock,
    Toc,
)

PDF_DIR = ROOT / "tests" / "pdfs"
RAW_DIR = ROOT / "data" / "raw"
#: Characters of a finding (after normalisation) used to find it: long enough to be unique.
NEEDLE_CHARS = 60
SHORT_NEEDLE_CHARS = 35
MAX_RENDERS = 24

#: The sample corpus copied to data/raw: reports of several eras, slides, a memo, a policy, a scan.
SAMPLE = [
    "report-kalmar-2006-old-scale",
    "report-ljusdal-2010-two-scales",
    "report-tranas-2017-history",
    "report-vasteras-2021-2020-framework",
    "slides-tyreso-2015-feedback",
    "memo-lerum-2015-pm",
    "other-nacka-2019-personalpolicy",
    "report-ostersund-2008-scan",
]


class BuildError(RuntimeError):
    pass


_STRIP = re.compile(r"[\s\-\u00ad\u2010\u2011\u2022\uf0b7\u0002\ufffe]")


def norm(text: str) -> str:
    """Compare text regardless of line wraps, hyphenation, bullets and case."""
    text = text.replace("\ufb01", "fi").replace("\ufb02", "fl").replace("\ufb00", "ff")
    return _STRIP.sub("", text).lower()


@dataclass
class PageText:
    number: int
    doc: "PdfText"
    raw: str  # PDFium's text: fast, good enough to find things
    _flat: str | None = None
    _halves: list[str] | None = None

    @property
    def flat(self) -> str:
        if self._flat is None:
            self._flat = norm(self.raw)
        return self._flat

    def halves(self) -> list[str]:
        """Left and right half read separately (pdfplumber): two-column pages interleave otherwise."""
        if self._halves is None:
            p = self.doc.plumber.pages[self.number - 1]
            w, h = p.width, p.height
            self._halves = [
                norm(p.crop((0, 0, w / 2, h)).extract_text() or ""),
                norm(p.crop((w / 2, 0, w, h)).extract_text() or ""),
            ]
        return self._halves

    def has(self, needle: str) -> bool:
        return needle in self.flat or any(needle in h for h in self.halves())

    @property
    def text(self) -> str:
        """pdfplumber's text, as the tests and most extractors read it."""
        return self.doc.plumber.pages[self.number - 1].extract_text() or ""

    @property
    def lines(self) -> list[str]:
        return [ln.strip() for ln in self.text.split("\n")]


class PdfText:
    def __init__(self, path: Path):
        self.path = path
        self._plumber = None
        pdf = pypdfium2.PdfDocument(str(path))
        try:
            texts = []
            for i in range(len(pdf)):
                page = pdf[i]
                tp = page.get_textpage()
                texts.append(tp.get_text_range())
                tp.close()
                page.close()
        finally:
            pdf.close()
        self.pages = [PageText(i, self, t) for i, t in enumerate(texts, 1)]

    @property
    def plumber(self):
        if self._plumber is None:
            self._plumber = pdfplumber.open(str(self.path))
        return self._plumber

    def close(self) -> None:
        if self._plumber is not None:
            self._plumber.close()

    def count(self, needle: str) -> int:
        n = sum(p.flat.count(needle) for p in self.pages)
        if n == 0:  # only two-column pages hide a needle from the full-width text
            n = sum(max(h.count(needle) for h in p.halves()) for p in self.pages)
        return n

    def find(self, needle: str, lb: int, exact: int | None = None) -> int | None:
        if exact is not None:
            return exact if self.pages[exact - 1].has(needle) else None
        for p in self.pages[lb - 1 :]:
            if needle in p.flat:
                return p.number
        for p in self.pages[lb - 1 :]:
            if any(needle in h for h in p.halves()):
                return p.number
        return None


def finding_needles(typed: str) -> list[str]:
    """The item's start, longest first: an item that wraps over a page break has only its first
    line or two before the running footer, so a shorter needle is tried when the long one is absent."""
    first = norm(typed.split("\n")[0])
    return [first[:n] for n in range(NEEDLE_CHARS, SHORT_NEEDLE_CHARS - 1, -5)]


# ---------------------------------------------------------------------------------------------
# Locating everything the key needs a page for


@dataclass
class Locator:
    spec: ReportSpec
    doc: PdfText
    problems: list[str] = field(default_factory=list)
    cur: int = 1  # page of the last located block
    lb: int = 1  # lower bound for the next block
    exact: int | None = None

    def _find(self, what: str, text: str) -> int | None:
        needle = norm(text)
        page = self.doc.find(needle, max(self.lb, 1), self.exact)
        if page is None:
            where = f"slide {self.exact}" if self.exact else f"page {self.lb} or later"
            self.problems.append(f"{what} {text!r} not found on {where}")
            return None
        self.cur = page
        self.lb = page
        return page

    def run(self) -> None:
        self.blocks(self.spec.body)

    def blocks(self, blocks) -> None:
        for b in blocks:
            self.block(b)

    def block(self, b) -> None:
        if isinstance(b, Slide):
            self.exact = b.page
            self.lb = self.cur = b.page
            self._find("slide title", b.title)
            self.blocks(b.blocks)
            self.blocks(b.side)
            self.exact = None
        elif isinstance(b, PageBreak):
            self.lb = self.cur + 1
        elif isinstance(b, Landscape):  # pages of their own
            self.lb = self.cur + 1
            self.blocks(b.blocks)
            self.lb = self.cur + 1
        elif isinstance(b, Heading):
            if b.page_break:
                self.lb = self.cur + 1
            page = self._find("heading", b.text)
            b.page = page
            if b.score is not None:
                b.score.page = page
        elif isinstance(b, Para):
            if b.score is not None:
                b.score.page = self._find("score text", b.text)
        elif isinstance(b, Toc):
            self._find("table of contents", b.title)
            for e in b.entries:
                if e.score is not None:
                    e.score.page = self._find("TOC score line", e.text)
        elif isinstance(b, TableBlock):
            self.table(b)
        elif isinstance(b, SummaryBox):
            for fl in b.lists:
                self.findings(fl)
        elif isinstance(b, Bullets):
            if b.findings is not None:
                self.findings(b.findings)
        elif isinstance(b, Columns):
            start_lb, start_cur = self.lb, self.cur
            self.blocks(b.left)
            end = self.cur
            self.lb, self.cur = start_lb, start_cur
            self.blocks(b.right)
            self.cur = max(self.cur, end)
            self.lb = self.cur

    def table(self, b: TableBlock) -> None:
        t = b.table
        page = self._find("table", t.anchor)
        if page is None:
            return
        # labels wrap inside their cells (values land between the lines): check them word by word
        cells = [norm(w) for x in [*t.labels.values(), t.total_label or ""] for w in x.split()]
        cells += [norm(c.cell_text(a)) for c in t.columns for a in [*t.labels, None] if c.cell_text(a)]

        def complete(p: int) -> bool:
            return p <= len(self.doc.pages) and all(self.doc.pages[p - 1].has(x) for x in cells if x)

        if t.split and not complete(page):
            self.split_rows(t, page)
            return
        if not complete(page):
            if t.caption is None and complete(page + 1):  # heading at a page foot, table on the next
                page = page + 1
                self.cur = self.lb = page
            else:
                missing = [x for x in cells if x and not self.doc.pages[page - 1].has(x)]
                self.problems.append(f"table {t.anchor!r} is not complete on page {page} (missing {missing[:5]})")
        t.page = page

    def split_rows(self, t, page: int) -> None:
        """A table broken over a page (header repeated): each row's page from its label and cells."""
        t.page = page
        rows = {**t.labels, None: t.total_label or ""}
        for area, label in rows.items():
            if area is None and t.total_label is None:
                continue
            # the label's opening ('3. Tydlighet', 'TOTALT') and every cell of the row
            needles = [norm(" ".join(label.split()[:2]))] + [norm(c.cell_text(area)) for c in t.columns]
            on = [
                p
                for p in (page, page + 1)
                if p <= len(self.doc.pages) and all(self.doc.pages[p - 1].has(x) for x in needles if x)
            ]
            if not on:
                self.problems.append(f"row {label!r} of table {t.anchor!r} not found on page {page} or {page + 1}")
                continue
            t.row_pages[area] = on[0]
        self.cur = self.lb = max(t.row_pages.values(), default=page)

    def findings(self, fl: FindingList) -> None:
        for f in fl.items:
            needles = finding_needles(f.typed)
            needle = next(
                (nd for nd in needles if self.doc.count(nd) == 1),
                next((nd for nd in needles if self.doc.count(nd)), needles[0]),
            )
            n = self.doc.count(needle)
            if n != 1:
                self.problems.append(f"finding {f.text[:50]!r} occurs {n} times in the document (must be unique)")
            page = self.doc.find(needle, self.lb, self.exact)
            if page is None:
                self.problems.append(f"finding {f.text[:50]!r} not found from page {self.lb}")
                continue
            f.page = page
            self.cur = self.lb = page


def check_requirements(spec: ReportSpec, doc: PdfText, final: Path) -> list[str]:
    problems = []
    lines = [ln for p in doc.pages for ln in p.lines]
    for r in spec.requirements:
        if r.kind == "line_endswith":
            ok = any(ln.endswith(r.arg) for ln in lines)
        elif r.kind == "line_equals":
            ok = any(ln == r.arg for ln in lines)
        elif r.kind == "line_startswith":
            ok = any(ln.startswith(r.arg) for ln in lines)
        elif r.kind == "list_spans_pages":
            pages = {f.page for f in r.arg.items}
            ok = len(pages) > 1 and None not in pages
        elif r.kind == "text_on_page":
            ok = norm(r.arg) in doc.pages[r.page - 1].flat if r.page <= len(doc.pages) else False
        elif r.kind == "pages":
            ok = len(doc.pages) == r.arg if isinstance(r.arg, int) else r.arg[0] <= len(doc.pages) <= r.arg[1]
        elif r.kind == "no_text":
            with pdfplumber.open(str(final)) as pdf:
                ok = not any(p.chars for p in pdf.pages)
        elif r.kind == "table_split":
            ok = (
                len(set(r.arg.row_pages.values())) == 2
                and min(list(r.arg.row_pages.values()).count(p) for p in set(r.arg.row_pages.values())) >= 2
            )
        elif r.kind == "max_bytes":
            ok = final.stat().st_size <= r.arg
        else:
            raise BuildError(f"unknown requirement {r.kind}")
        if not ok:
            problems.append(
                f"requirement {r.kind}({r.arg if not isinstance(r.arg, FindingList) else 'list'}) failed: {r.why}"
            )
    return problems


# ---------------------------------------------------------------------------------------------
# Rendering


def _toc_entries(spec: ReportSpec):
    return [e for b in spec.walk() if isinstance(b, Toc) for e in b.entries if e.target is not None]


def _guess_pages(spec: ReportSpec) -> None:
    """First guess for TOC page numbers: one page per forced break (corrected after conversion)."""
    page = 1
    for b in spec.walk():
        if isinstance(b, PageBreak) or (isinstance(b, Heading) and b.page_break):
            page += 1
        if isinstance(b, Heading) and b.page is None:
            b.page = page


def _number_slides(spec: ReportSpec) -> None:
    for i, b in enumerate((b for b in spec.body if isinstance(b, Slide)), 1):
        b.page = i


def render(spec: ReportSpec, work: Path) -> Path:
    from tests.factory.docx import write_docx
    from tests.factory.pdf import write_pdf
    from tests.factory.pptx import write_pptx

    if spec.producer in ("docx", "scan"):
        return write_docx(spec, work / f"{spec.name}.docx")
    if spec.producer == "pptx":
        return write_pptx(spec, work / f"{spec.name}.pptx")
    if spec.producer == "reportlab":
        return write_pdf(spec, work / f"{spec.name}.pdf")
    raise BuildError(f"unknown producer {spec.producer}")


def build(specs: list[ReportSpec], outdir: Path, log=print) -> list[ReportSpec]:
    """Render, convert, locate and verify specs; write <name>.pdf and <name>.key.json to outdir."""
    from tests.factory.scan import rasterise

    outdir.mkdir(parents=True, exist_ok=True)
    names = [s.name for s in specs]
    dupes = {n for n in names if names.count(n) > 1}
    if dupes:
        raise BuildError(f"duplicate fixture names: {sorted(dupes)}")
    with tempfile.TemporaryDirectory(prefix="kompass-factory-") as tmp:
        work = Path(tmp)
        pending = list(specs)
        for attempt in range(1, MAX_RENDERS + 1):
            office = []
            printed: dict[int, int | None] = {}
            for s in pending:
                _number_slides(s)
                _guess_pages(s)
                for e in _toc_entries(s):
                    printed[id(e)] = e.target.page
                f = render(s, work)
                if f.suffix != ".pdf":
                    office.append(f)
            t0 = time.time()
            office_to_pdf(office, work)
            if office:
                log(f"  converted {len(office)} Office files in {time.time() - t0:.1f} s (pass {attempt})")
            again, failures = [], []
            for s in pending:
                src = work / f"{s.name}.pdf"
                doc = PdfText(src)
                try:
                    loc = Locator(s, doc)
                    loc.run()
                    moved = [e for e in _toc_entries(s) if e.target.page != printed[id(e)]]
                    if moved and not loc.problems:
                        again.append(s)
                        continue
                    final = outdir / s.file
                    if s.producer == "scan":
                        rasterise(src, final, seed=sum(map(ord, s.name)), **s.options.get("scan", {}))
                    else:
                        shutil.copyfile(src, final)
                    s.n_pages = len(doc.pages)
                    unmet = check_requirements(s, doc, final)
                    problems = loc.problems + unmet
                finally:
                    doc.close()
                if unmet and not loc.problems and s.options.get("retry"):
                    # a layout requirement (e.g. a list across a page break) not met: try the next variant
                    again.append(s.options["retry"]())
                    final.unlink()
                    continue
                if problems:
                    failures.append(f"{s.name}:\n    " + "\n    ".join(problems))
                    continue
                key = s.to_key()
                (outdir / f"{s.name}.key.json").write_text(
                    json.dumps(key, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
                )
                log(
                    f"  {s.file}: {s.n_pages} pages, {len(key['observations'])} scores, {len(key['findings'])} findings"
                )
            if failures:
                raise BuildError("fixtures failed verification:\n" + "\n".join(failures))
            pending = again
            if not pending:
                break
        else:
            raise BuildError(f"documents did not settle (TOC pages or layout variants) for {[s.name for s in pending]}")
    return specs


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m tests.factory.build", description=__doc__.split("\n\n")[0])
    ap.add_argument("--only", nargs="*", help="build only these fixtures (file stems)")
    ap.add_argument("--bench", type=Path, help="write a benchmark corpus into this directory instead")
    ap.add_argument("--count", type=int, default=80, help="documents in the benchmark corpus")
    ap.add_argument("--seed", type=int, default=2024, help="seed of the benchmark corpus")
    ap.add_argument("--out", type=Path, default=PDF_DIR, help="fixture directory (default tests/pdfs)")
    args = ap.parse_args(argv)
    t0 = time.time()
    if args.bench:
        specs = catalogue.bench_specs(args.count, args.seed)
        print(f"benchmark: {len(specs)} documents → {args.bench}")
        build(specs, args.bench)
        print(f"done in {time.time() - t0:.0f} s")
        return 0
    wanted = set(args.only or catalogue.FIXTURES)
    unknown = wanted - set(catalogue.FIXTURES)
    if unknown:
        ap.error(f"unknown fixtures: {sorted(unknown)}")
    specs = [fn() for name, fn in catalogue.FIXTURES.items() if name in wanted]
    for s, name in zip(specs, [n for n in catalogue.FIXTURES if n in wanted]):
        if s.name != name:
            raise BuildError(f"fixture {name} builds a spec named {s.name}")
    print(f"fixtures: {len(specs)} → {args.out}")
    build(specs, args.out)
    if not args.only:
        keep = {f"{s.name}{ext}" for s in specs for ext in (".pdf", ".key.json")}
        for f in args.out.iterdir():
            if (f.name.endswith(".key.json") or f.suffix == ".pdf") and f.name not in keep:
                f.unlink()
        if args.out == PDF_DIR:
            RAW_DIR.mkdir(parents=True, exist_ok=True)
            for name in SAMPLE:
                shutil.copyfile(PDF_DIR / f"{name}.pdf", RAW_DIR / f"{name}.pdf")
            print(f"sample corpus: {len(SAMPLE)} PDFs → {RAW_DIR}")
    print(f"done in {time.time() - t0:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
