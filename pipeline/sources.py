"""Turn the sources a user names (folders, files, URLs, listing pages, sources.toml) into local files.

There is no central list of Kommunkompassen reports: they sit on municipal pages beside other
documents. So a source may be a page to read for PDF links, and everything that goes wrong
(a broken link, a loop, a huge file) becomes a FetchFailure to record, never an exception.
Bad *files* (an HTML page saved as .pdf) are passed on as inputs: the pipeline records those, and
so are inputs kompass will not read (a FIFO, a device, a dangling or looping link, a link out of
the input folder): each is an Input with a `problem`, a `failed` row in the dataset. Sources that
do not exist, and malformed sources.toml files, are usage errors (`check_sources`), before any
work starts.
"""

from __future__ import annotations

import errno
import logging
import os
import re
import stat
import tomllib
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Literal
from urllib.parse import urldefrag, urljoin, urlsplit

import httpx

from pipeline.fetch import (
    ALLOWED_SCHEMES,
    Download,
    Expect,
    Fetcher,
    FetchFailure,
    FetchSettings,
    HtmlPage,
    origin,
    sha256_file,
    url_path_is_pdf,
)
from pipeline.errors import UsageError

__all__ = [
    "Input",
    "FetchFailure",
    "FetchSettings",
    "SourceEntry",
    "check_sources",
    "collect_inputs",
    "load_sources_toml",
    "read_source_entries",
    "listing_links",
    "sha256_file",
]

log = logging.getLogger(__name__)

#: Contact links name people, not documents: skipping them is not losing a report.
CONTACT_SCHEMES = {"mailto", "tel", "sms"}
#: Link targets that cannot be a PDF report; probing them would only cost the site requests.
NOT_PDF_EXTENSIONS = {
    ".jpg",
    ".jpeg",
    ".png",
    ".gif",
    ".svg",
    ".webp",
    ".ico",
    ".css",
    ".js",
    ".doc",
    ".docx",
    ".xls",
    ".xlsx",
    ".ppt",
    ".pptx",
    ".zip",
    ".mp3",
    ".mp4",
    ".txt",
    ".csv",
    ".xml",
    ".rss",
    ".ics",
    ".vcf",
}
#: A source string with a scheme of two or more letters is a URL ("C:" alone is a drive).
URL_PATTERN = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]+:")


@dataclass(frozen=True)
class Input:
    """A local file to process and where it came from: its path, or the URL it was fetched from.

    `problem` says why kompass will not read it (a FIFO, a link out of the input folder…): it
    becomes a `failed` row with that reason, and its bytes are never opened.
    """

    path: Path
    source: str
    problem: str | None = None


@dataclass(frozen=True)
class SourceEntry:
    """One entry of a sources.toml: a listing page to read for PDF links, or one report."""

    url: str
    kind: Literal["listing", "report"]
    name: str | None = None


@dataclass(frozen=True)
class ListingLink:
    """A link on a listing page: "pdf" by its path, "maybe_pdf" until its Content-Type says,
    or "bad_scheme" (not http/https) to be recorded as a failure."""

    url: str
    kind: Literal["pdf", "maybe_pdf", "bad_scheme"]


def load_sources_toml(path: str | Path) -> list[str]:
    """The URLs a sources.toml lists: every [[listing]] first, then every [[report]].

    Format (see the sources.toml at the project root)::

        [[listing]]                     # a page whose <a href> links to reports (same host only)
        url = "https://www.example-kommun.se/kommunkompassen/"
        name = "Example kommun"         # optional, for people reading the file

        [[report]]                      # one PDF, wherever it is hosted
        url = "https://www.example.se/files/kommunkompassen-analys-2019.pdf"

    A malformed file raises ValueError naming the file: that is a config error, not a failed URL.
    """
    return [entry.url for entry in read_source_entries(path)]


def read_source_entries(path: str | Path) -> list[SourceEntry]:
    """The entries of a sources.toml with their kind; see load_sources_toml for the format."""
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ValueError(f"{path}: not valid TOML: {exc}") from exc
    except UnicodeDecodeError as exc:
        raise ValueError(f"{path}: not UTF-8 text (byte {exc.start}); save it as UTF-8") from exc
    except OSError as exc:
        raise ValueError(f"{path}: cannot be read: {exc.strerror or exc}") from exc
    unknown = set(data) - {"listing", "report"}
    if unknown:
        raise ValueError(f"{path}: unknown tables {sorted(unknown)}; expected [[listing]] and [[report]]")
    entries = []
    for kind in ("listing", "report"):
        tables = data.get(kind, [])
        if not isinstance(tables, list):
            raise ValueError(f"{path}: write [[{kind}]] (an array of tables), not [{kind}]")
        for i, table in enumerate(tables, start=1):
            url = table.get("url")
            if not isinstance(url, str) or not url.strip():
                raise ValueError(f'{path}: [[{kind}]] number {i} needs url = "https://…"')
            extra = set(table) - {"url", "name"}
            if extra:
                raise ValueError(f"{path}: [[{kind}]] number {i} has unknown keys {sorted(extra)}")
            name = table.get("name")
            if name is not None and not isinstance(name, str):
                raise ValueError(f"{path}: [[{kind}]] number {i}: name must be a string")
            entries.append(SourceEntry(url.strip(), kind, name))
    return entries


def check_sources(sources: list[str]) -> list[Path]:
    """The local paths among the sources (for --out checks); UsageError for a source that does not
    exist or a sources.toml that does not parse, so a typo stops the run before anything is written."""
    local = []
    for source in sources:
        path = Path(source)
        if URL_PATTERN.match(source) and not path.exists():
            continue
        if not path.exists() and not path.is_symlink():
            raise UsageError(f"source {source!r} does not exist (no such file, folder or URL); nothing was written")
        if path.is_file() and path.suffix.lower() == ".toml":
            try:
                read_source_entries(path)
            except ValueError as e:
                raise UsageError(f"{e}; nothing was written") from e
        local.append(path)
    return local


def collect_inputs(
    sources: list[str], raw_dir: Path, settings: FetchSettings | None = None
) -> tuple[list[Input], list[FetchFailure]]:
    """Every local file the sources name, downloading URLs into raw_dir, plus what failed.

    A source is a folder (every regular non-hidden file below it, sorted), a file, a
    sources.toml, an http(s) URL of a PDF, or of an HTML page whose same-host links to PDFs are
    followed one level deep. Order follows the sources, then the folder's sorted paths or the
    page's link order; a path or URL met twice is kept once. The same bytes under two URLs give
    two Inputs with one path, which the pipeline records as duplicates of one document.
    Only a malformed sources.toml raises (ValueError): that is a config error, not a bad URL.
    """
    collector = _Collector(Path(raw_dir), settings or FetchSettings())
    try:
        for source in sources:
            collector.add_source(str(source))
    finally:
        collector.close()
    return collector.inputs, collector.failures


def listing_links(html: str, page_url: str, origins: set[str]) -> list[ListingLink]:
    """The links of a listing page worth fetching or reporting, in page order, each once.

    Links are resolved against <base href> or the page URL. Links to other origins (`fetch.origin`:
    host and port; another port is another server), to the page
    itself, contact links (mailto:) and links to images or office files are left out; links with
    another scheme (ftp:, file:, javascript:) are kept as "bad_scheme" so they get recorded.
    """
    parser = _LinkParser()
    parser.feed(html)
    parser.close()
    base = urljoin(page_url, parser.base_href) if parser.base_href else page_url
    page = normalise_url(urldefrag(page_url).url)
    links: list[ListingLink] = []
    seen: set[str] = set()
    for href in parser.hrefs:
        href = href.strip()
        if not href or href.startswith("#"):
            continue
        url = urldefrag(urljoin(base, href)).url
        scheme = urlsplit(url).scheme.lower()
        if scheme in ALLOWED_SCHEMES:
            url = normalise_url(url)
        if url in seen or url == page or scheme in CONTACT_SCHEMES:
            continue
        seen.add(url)
        path = urlsplit(url).path
        if scheme not in ALLOWED_SCHEMES:
            links.append(ListingLink(url, "bad_scheme"))
        elif origin(url) not in origins:
            log.debug("skipping %s: not on %s", url, sorted(origins))
        elif url_path_is_pdf(url):
            links.append(ListingLink(url, "pdf"))
        elif os.path.splitext(path)[1].lower() not in NOT_PDF_EXTENSIONS:
            links.append(ListingLink(url, "maybe_pdf"))
    return links


def normalise_url(url: str) -> str:
    """The percent-encoded form of a link ("a b ö.pdf" → "a%20b%20%C3%B6.pdf"), as a browser sends it.

    Pages write the same link both ways; one spelling keeps sources and duplicates comparable.
    An unparseable link is returned as written, for the fetcher to report as bad_url.
    """
    try:
        return str(httpx.URL(url))
    except httpx.InvalidURL:
        return url


def folder_files(folder: Path) -> list[Input]:
    """Every non-hidden entry below folder that is not a folder, sorted by relative path: regular
    files plain, anything else with its `problem` (see input_problem).

    Hidden files and folders (.fetch-state.json, .download-*.part, .git) are left out; symlinked
    folders are not entered, so a link loop cannot hang discovery.
    """
    found = []
    root = Path(folder).resolve()
    for top, dirs, files in os.walk(folder):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in dirs:  # a link to a folder out of the tree is worth a word; one within is seen anyway
            path = Path(top) / name
            if path.is_symlink() and not within(path.resolve(), root):
                found.append(
                    Input(path, str(path), "a symbolic link to a folder outside the input folder: not followed")
                )
        for name in files:
            if not name.startswith("."):
                path = Path(top) / name
                found.append(Input(path, str(path), input_problem(path, root)))
    return sorted(found, key=lambda i: i.path.relative_to(folder).as_posix())


def printable(text: str) -> str:
    """A path or name as valid text: bytes that are not UTF-8 (kept by Python as surrogates) are
    shown as \\xNN, so any name can go into the cache, the logs and Parquet."""
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        try:
            raw = text.encode("utf-8", "surrogateescape")
        except UnicodeEncodeError:
            return text.encode("utf-8", "backslashreplace").decode("utf-8")
        return raw.decode("utf-8", "backslashreplace")


def within(path: Path, root: Path) -> bool:
    return path == root or root in path.parents


def input_problem(path: Path, root: Path | None = None) -> str | None:
    """Why kompass will not read this path, or None for a regular file it may read.

    A symbolic link whose target lies outside `root` (the folder the user named) is not followed:
    `passwd.pdf -> /etc/passwd` must not put a system file into the dataset. Never opens the file.
    """
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        if path.is_symlink():
            return "a dangling symbolic link (its target does not exist): not followed"
        return "vanished before it could be read"
    except OSError as e:
        if e.errno == errno.ELOOP:
            return "a symbolic link loop: not followed"
        return f"could not be examined: {e.strerror or type(e).__name__}"
    if root is not None and path.is_symlink() and not within(path.resolve(), root):
        return "a symbolic link to a file outside the input folder: not followed"
    if stat.S_ISREG(mode):
        return None
    kinds = {
        stat.S_ISFIFO: "a FIFO (named pipe)",
        stat.S_ISCHR: "a character device",
        stat.S_ISBLK: "a block device",
        stat.S_ISSOCK: "a socket",
        stat.S_ISDIR: "a folder",
    }
    kind = next((name for test, name in kinds.items() if test(mode)), "not a regular file")
    return f"{kind}, not a regular file: not read"


class _LinkParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.hrefs: list[str] = []
        self.base_href: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        href = dict(attrs).get("href")
        if href is None:
            return
        if tag == "a":
            self.hrefs.append(href)
        elif tag == "base" and self.base_href is None:
            self.base_href = href


class _Collector:
    """Accumulates inputs and failures over all sources of one run; opens HTTP only if needed."""

    def __init__(self, raw_dir: Path, settings: FetchSettings):
        self.raw_dir = raw_dir
        self.settings = settings
        self.inputs: list[Input] = []
        self.failures: list[FetchFailure] = []
        self._seen: set[str] = set()
        self._fetcher: Fetcher | None = None

    def close(self) -> None:
        if self._fetcher is not None:
            self._fetcher.close()

    def add_source(self, source: str) -> None:
        path = Path(source)
        if URL_PATTERN.match(source) and not path.exists():
            self.add_url(source, "any")
        elif path.is_dir():
            for item in folder_files(path):
                self.add_file(item)
        elif path.is_file() and path.suffix.lower() == ".toml":
            for entry in read_source_entries(path):
                self.add_url(entry.url, "any" if entry.kind == "listing" else "pdf")
        elif path.exists() or path.is_symlink():  # named on the command line: a link is followed
            self.add_file(Input(path, str(path), input_problem(path)))
        else:
            self.failures.append(FetchFailure(source, "not_found", "no such file, folder or URL"))

    def add_file(self, item: Input) -> None:
        if self._first_time(str(item.path)):
            self.inputs.append(item)

    def add_url(self, url: str, expect: Expect) -> None:
        if not self._first_time(url):
            return
        result = self._get_fetcher().fetch(url, expect)
        if isinstance(result, HtmlPage):  # only for expect="any": listings are read one level deep
            self.add_listing(result)
        elif isinstance(result, Download):
            self.inputs.append(Input(result.path, url))
        elif isinstance(result, FetchFailure):
            self.failures.append(result)

    def add_listing(self, page: HtmlPage) -> None:
        origins = {origin(u) for u in (page.url, page.final_url)}
        for link in listing_links(page.text, page.final_url, origins):
            if link.kind != "bad_scheme":
                self.add_url(link.url, link.kind)
            elif self._first_time(link.url):
                self.failures.append(
                    FetchFailure(link.url, "bad_scheme", f"linked from {page.url}; only http and https are fetched")
                )

    def _first_time(self, key: str) -> bool:
        if key in self._seen:
            return False
        self._seen.add(key)
        return True

    def _get_fetcher(self) -> Fetcher:
        if self._fetcher is None:
            self._fetcher = Fetcher(self.raw_dir, self.settings)
        return self._fetcher
