"""Download documents over HTTP into raw_dir: politely, resumably, and never outside raw_dir.

Redirects are followed by hand rather than by httpx so that every hop's scheme is checked, a
loop ends as one FetchFailure code, and conditional headers go only to the URL that issued the
validators. Every problem with a URL comes back as a FetchFailure value for the pipeline to
record; nothing here raises for a bad server.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import tempfile
import time
import unicodedata
from contextlib import contextmanager
from dataclasses import dataclass
from email.message import Message
from pathlib import Path
from typing import Callable, Iterator, Literal
from urllib.parse import unquote, urlsplit

import httpx

from pipeline.fetch_state import STATE_FILE_NAME, FetchState, StoredFetch

log = logging.getLogger(__name__)

USER_AGENT = "kompass/0.1 (collects published Kommunkompassen evaluation reports; python-httpx)"

#: Reports are 1–20 MB; 200 MB stops a misconfigured server from filling the disk.
DEFAULT_MAX_BYTES = 200 * 1024 * 1024
#: A municipal listing page is well under 1 MB; anything bigger is not a page we should parse.
MAX_LISTING_BYTES = 10 * 1024 * 1024
#: 64 bits of the SHA-256: no collisions in any corpus we will see, short enough to read in `ls`.
HASH_PREFIX_CHARS = 16
#: Keeps "<hash>-<name>" far below the 255-byte file-name limit of ext4, APFS and NTFS.
MAX_NAME_CHARS = 80
ALLOWED_SCHEMES = ("http", "https")
PDF_MAGIC = b"%PDF-"
PDF_MEDIA_TYPES = {"application/pdf", "application/x-pdf"}
HTML_MEDIA_TYPES = {"text/html", "application/xhtml+xml"}
#: Swedish letters fold as in evaluation_id slugs (SCHEMA.md); other accents are stripped by NFKD.
SWEDISH_FOLD = str.maketrans({"å": "a", "ä": "a", "ö": "o", "Å": "a", "Ä": "a", "Ö": "o"})

#: What to do with the response: "any" = a source URL (HTML is a listing page to read),
#: "pdf" = a link that should be a PDF (HTML is a failure), "maybe_pdf" = a listing link whose
#: path does not say; kept only when the response shows it is a PDF.
Expect = Literal["any", "pdf", "maybe_pdf"]


#: Total time one URL may take, all attempts, redirects and the body together: a server that drips
#: a byte every few seconds never trips a per-read timeout. A 20 MB report needs ~3 min at 1 Mbit/s.
DEFAULT_DEADLINE_S = 300.0


@dataclass(frozen=True)
class FetchSettings:
    """Limits for one collection run; tests shrink backoff_s and timeout_s.

    timeout_s bounds each connect and read; deadline_s the whole of one URL (every attempt and
    redirect, and the body), after which it is a `timeout` failure (`kompass run --fetch-timeout`).
    """

    retries: int = 3
    backoff_s: float = 0.5
    timeout_s: float = 30.0
    max_bytes: int = DEFAULT_MAX_BYTES
    max_redirects: int = 5
    user_agent: str = USER_AGENT
    deadline_s: float = DEFAULT_DEADLINE_S

    def __post_init__(self) -> None:
        if self.retries < 0 or self.max_redirects < 0:
            raise ValueError("retries and max_redirects must be >= 0")
        if self.backoff_s < 0 or self.timeout_s <= 0 or self.max_bytes <= 0 or self.deadline_s <= 0:
            raise ValueError("backoff_s must be >= 0, timeout_s, deadline_s and max_bytes > 0")

    @classmethod
    def with_deadline(cls, deadline_s: float) -> FetchSettings:
        """The defaults with a total deadline per URL; no single read may wait longer than it either."""
        return cls(deadline_s=deadline_s, timeout_s=min(cls.timeout_s, deadline_s))


@dataclass(frozen=True)
class FetchFailure:
    """A URL that gave no document; the pipeline records it, nothing raises.

    code: http_<status> (http_404, http_500 …), http_error (no HTTP answer: refused, reset,
    truncated), timeout, too_large, bad_scheme, bad_url, too_many_redirects, not_pdf_link
    (a PDF was expected, an HTML page came back), not_found (a local path that does not exist).
    """

    url: str
    code: str
    detail: str
    status: int | None = None


@dataclass(frozen=True)
class Download:
    """A document now on disk under raw_dir; reused when its bytes were already there."""

    url: str
    final_url: str
    path: Path
    reused: bool


@dataclass(frozen=True)
class HtmlPage:
    """A page that answered a source URL with HTML: read it for links."""

    url: str
    final_url: str
    text: str


def sha256_file(path: str | Path) -> str:
    """Hex SHA-256 of a file's bytes, read in chunks: the document_id of SCHEMA.md.

    The one place kompass computes document ids; downloads are named by it too, so a file's
    name prefix and its document_id always agree.
    """
    with open(path, "rb") as f:
        return hashlib.file_digest(f, "sha256").hexdigest()


def sanitise_filename(name: str) -> str:
    """A file name safe to join to raw_dir, readable, never empty, at most MAX_NAME_CHARS.

    Names come from servers (URL paths, Content-Disposition), so anything may arrive: separators,
    "..", NUL, drive letters, thousands of characters. Only the last path component survives,
    folded to lower-case ASCII [a-z0-9._-] and never starting with a dot (no hidden files, no "..").
    """
    last = re.split(r"[/\\]", name)[-1]
    folded = unicodedata.normalize("NFKD", last.translate(SWEDISH_FOLD))
    ascii_name = folded.encode("ascii", "ignore").decode("ascii").lower()
    safe = re.sub(r"[^a-z0-9._-]+", "-", ascii_name)
    safe = re.sub(r"\.{2,}", ".", re.sub(r"-{2,}", "-", safe)).strip("._-")
    stem, dot, suffix = safe.rpartition(".")
    if not dot or not re.fullmatch(r"[a-z0-9]{1,8}", suffix) or not stem:
        stem, suffix = safe, ""
    suffix = f".{suffix}" if suffix else ""
    stem = stem[: MAX_NAME_CHARS - len(suffix)].strip("._-") or "document"
    return stem + suffix


def download_name(digest: str, original: str) -> str:
    """'<sha256 prefix>-<sanitised original>', with .pdf added when the original has no suffix."""
    name = sanitise_filename(original)
    if "." not in name:
        name += ".pdf"
    return f"{digest[:HASH_PREFIX_CHARS]}-{name}"


def content_disposition_filename(value: str | None) -> str | None:
    """The filename (RFC 6266, including filename*=UTF-8''…) a Content-Disposition header names."""
    if not value:
        return None
    message = Message()
    try:
        message["content-disposition"] = value
        return message.get_filename() or None
    except Exception:  # a malformed header names nothing; the URL path is used instead
        return None


def url_filename(url: str) -> str:
    """Last path segment of a URL, percent-decoded ("" for a bare host)."""
    return unquote(urlsplit(url).path.rsplit("/", 1)[-1])


def origin(url: str) -> str:
    """ "host:port" of a URL, the port spelled out (80, 443): what "the same host" compares."""
    parts = urlsplit(url)
    try:
        port = parts.port
    except ValueError:  # a port that is not a number: no origin it could share
        return ""
    default = {"http": 80, "https": 443}.get(parts.scheme.lower(), 0)
    return f"{(parts.hostname or '').lower()}:{port or default}"


def url_path_is_pdf(url: str) -> bool:
    return urlsplit(url).path.lower().endswith(".pdf")


def check_url(url: str) -> FetchFailure | None:
    """A failure for a URL we must not request: a scheme other than http(s), or no host."""
    try:
        parts = urlsplit(url)
    except ValueError as exc:
        return FetchFailure(url, "bad_url", f"unparseable URL: {exc}")
    if parts.scheme.lower() not in ALLOWED_SCHEMES:
        what = f"scheme {parts.scheme!r}" if parts.scheme else "a URL without scheme"
        return FetchFailure(url, "bad_scheme", f"{what} is not fetched: only http and https")
    if not parts.hostname:
        return FetchFailure(url, "bad_url", "URL has no host")
    return None


class _Retry(Exception):
    """A failure worth another attempt (5xx, timeout, connection trouble)."""

    def __init__(self, failure: FetchFailure):
        self.failure = failure


class _Stop(Exception):
    """A failure that another attempt would repeat (4xx, too large, bad scheme, loop)."""

    def __init__(self, failure: FetchFailure):
        self.failure = failure


class Fetcher:
    """One HTTP client, one state file, one raw_dir for a collection run. Use as a context manager."""

    def __init__(self, raw_dir: Path, settings: FetchSettings | None = None):
        self.raw_dir = Path(raw_dir)
        self.settings = settings or FetchSettings()
        self.raw_dir.mkdir(parents=True, exist_ok=True)
        self.state = FetchState(self.raw_dir / STATE_FILE_NAME)
        self._deadline = float("inf")
        self.client = httpx.Client(
            timeout=self.settings.timeout_s, follow_redirects=False, headers={"User-Agent": self.settings.user_agent}
        )

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    def close(self) -> None:
        self.client.close()

    def fetch(self, url: str, expect: Expect = "any") -> Download | HtmlPage | FetchFailure | None:
        """Fetch url with retries within deadline_s; None only for a "maybe_pdf" link that is not a PDF."""
        failure = check_url(url)
        if failure is not None:
            return failure
        if expect == "any" and url_path_is_pdf(url):
            expect = "pdf"  # HTML at a .pdf URL is a soft 404, not a listing to crawl
        self._deadline = time.monotonic() + self.settings.deadline_s
        return self._with_retries(lambda: self._attempt(url, expect))

    def _with_retries(
        self, attempt: Callable[[], Download | HtmlPage | None]
    ) -> Download | HtmlPage | FetchFailure | None:
        """attempt() again after 5xx, timeouts and connection trouble, waiting backoff_s·2ⁿ, while the
        deadline allows."""
        for n in range(self.settings.retries + 1):
            try:
                return attempt()
            except _Stop as stop:
                return stop.failure
            except _Retry as retry:
                failure = retry.failure
                delay = self.settings.backoff_s * 2**n
                if n < self.settings.retries and time.monotonic() + delay < self._deadline:
                    log.info("retrying %s in %.2fs after %s", failure.url, delay, failure.code)
                    time.sleep(delay)
                elif n < self.settings.retries:
                    break
        return failure

    def _remaining(self, url: str) -> float:
        """Seconds left of this URL's deadline; a `timeout` failure when none are."""
        left = self._deadline - time.monotonic()
        if left <= 0:
            raise _Stop(
                FetchFailure(
                    url,
                    "timeout",
                    f"not complete within {self.settings.deadline_s:g} s (--fetch-timeout): the server is too slow",
                )
            )
        return left

    def _attempt(self, url: str, expect: Expect) -> Download | HtmlPage | None:
        stored = self.state.reusable(url, self.raw_dir)
        try:
            with self._open(url, stored) as (response, final_url):
                return self._read(url, final_url, response, expect, stored)
        except httpx.TimeoutException as exc:
            self._remaining(url)
            raise _Retry(
                FetchFailure(url, "timeout", f"no answer within {self.settings.timeout_s:g} s ({type(exc).__name__})")
            ) from exc
        except httpx.TransportError as exc:
            raise _Retry(FetchFailure(url, "http_error", f"{type(exc).__name__}: {exc}")) from exc
        except httpx.InvalidURL as exc:
            raise _Stop(FetchFailure(url, "bad_url", str(exc))) from exc
        except httpx.HTTPError as exc:
            raise _Stop(FetchFailure(url, "http_error", f"{type(exc).__name__}: {exc}")) from exc

    @contextmanager
    def _open(self, url: str, stored: StoredFetch | None) -> Iterator[tuple[httpx.Response, str]]:
        """The streamed response at the end of the redirect chain, and that URL."""
        current = url
        for _ in range(self.settings.max_redirects + 1):
            failure = check_url(current)
            if failure is not None:
                raise _Stop(FetchFailure(url, failure.code, f"redirected to {current}: {failure.detail}"))
            headers = stored.conditional_headers() if stored and stored.final_url == current else {}
            wait = min(self.settings.timeout_s, self._remaining(url))
            request = self.client.build_request("GET", current, headers=headers, timeout=httpx.Timeout(wait))
            response = self.client.send(request, stream=True)
            location = response.headers.get("location") if response.is_redirect else None
            if location is None:
                try:
                    yield response, current
                finally:
                    response.close()
                return
            response.close()
            current = str(httpx.URL(current).join(location))
        raise _Stop(
            FetchFailure(
                url, "too_many_redirects", f"more than {self.settings.max_redirects} redirects (last: {current})"
            )
        )

    def _read(
        self, url: str, final_url: str, response: httpx.Response, expect: Expect, stored: StoredFetch | None
    ) -> Download | HtmlPage | None:
        status = response.status_code
        if status == 304 and stored is not None:
            self._remember(url, final_url, response, stored.file, stored.sha256)
            return Download(url, final_url, self.raw_dir / stored.file, reused=True)
        if status >= 500:
            raise _Retry(FetchFailure(url, f"http_{status}", f"server error {status} {response.reason_phrase}", status))
        if not 200 <= status < 300:
            raise _Stop(FetchFailure(url, f"http_{status}", f"HTTP {status} {response.reason_phrase}", status))
        limit = self.settings.max_bytes
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > limit:
            raise _Stop(FetchFailure(url, "too_large", f"Content-Length {declared} exceeds {limit} bytes", status))

        chunks = self._within_deadline(url, response.iter_bytes())
        first = next(chunks, b"")
        media_type = response.headers.get("content-type", "").split(";")[0].strip().lower()
        disposition_name = content_disposition_filename(response.headers.get("content-disposition"))
        has_magic = first.startswith(PDF_MAGIC)
        is_html = not has_magic and (media_type in HTML_MEDIA_TYPES or (not media_type and looks_like_html(first)))
        if expect == "any" and is_html:
            return HtmlPage(url, final_url, read_html(response, first, chunks, url))
        if expect == "pdf" and is_html:
            raise _Stop(FetchFailure(url, "not_pdf_link", f"expected a PDF, got {media_type} from {final_url}", status))
        if expect == "maybe_pdf" and not (
            has_magic or media_type in PDF_MEDIA_TYPES or (disposition_name or "").lower().endswith(".pdf")
        ):
            return None
        original = disposition_name or url_filename(final_url) or url_filename(url) or urlsplit(url).hostname or ""
        return self._save(url, final_url, response, first, chunks, original)

    def _within_deadline(self, url: str, chunks: Iterator[bytes]) -> Iterator[bytes]:
        """The body's chunks as they arrive, stopping with `timeout` once the URL's deadline passes."""
        for chunk in chunks:
            self._remaining(url)
            yield chunk

    def _save(
        self, url: str, final_url: str, response: httpx.Response, first: bytes, chunks: Iterator[bytes], original: str
    ) -> Download:
        """Stream the body to a hidden temp file, then rename it to its content-hash name.

        The temp file is removed on any error or interrupt, so a final name always holds a
        complete body. Bytes already in raw_dir under any name are reused, not stored twice.
        """
        limit = self.settings.max_bytes
        fd, tmp_name = tempfile.mkstemp(dir=self.raw_dir, prefix=".download-", suffix=".part")
        tmp = Path(tmp_name)
        try:
            with os.fdopen(fd, "wb") as f:
                size = 0
                for chunk in _prepend(first, chunks):
                    size += len(chunk)
                    if size > limit:
                        raise _Stop(FetchFailure(url, "too_large", f"body exceeds {limit} bytes", response.status_code))
                    f.write(chunk)
                f.flush()
                os.fsync(f.fileno())
            digest = sha256_file(tmp)
            existing = self._existing_copy(digest)
            if existing is not None:
                tmp.unlink()
                path, reused = existing, True
            else:
                path, reused = self.raw_dir / download_name(digest, original), False
                os.replace(tmp, path)
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
        self._remember(url, final_url, response, path.name, digest)
        log.info("%s %s -> %s", "reused" if reused else "downloaded", url, path.name)
        return Download(url, final_url, path, reused)

    def _existing_copy(self, digest: str) -> Path | None:
        for candidate in sorted(self.raw_dir.glob(f"{digest[:HASH_PREFIX_CHARS]}-*")):
            if candidate.is_file() and sha256_file(candidate) == digest:
                return candidate
        return None

    def _remember(self, url: str, final_url: str, response: httpx.Response, file: str, digest: str) -> None:
        etag = response.headers.get("etag")
        last_modified = response.headers.get("last-modified")
        previous = self.state.urls.get(url)
        if response.status_code == 304 and previous is not None:  # a 304 may leave out unchanged validators
            etag, last_modified = etag or previous.etag, last_modified or previous.last_modified
        self.state.remember(
            url, StoredFetch(file=file, sha256=digest, final_url=final_url, etag=etag, last_modified=last_modified)
        )


def looks_like_html(head: bytes) -> bool:
    """For responses without a Content-Type: does the body open like an HTML page?"""
    start = head[:512].lstrip().lower()
    return start.startswith((b"<!doctype html", b"<html"))


def _prepend(first: bytes, rest: Iterator[bytes]) -> Iterator[bytes]:
    if first:
        yield first
    yield from rest


def read_html(response: httpx.Response, first: bytes, rest: Iterator[bytes], url: str) -> str:
    """The page's text, decoded by its declared charset, else UTF-8, else Windows-1252."""
    body = bytearray(first)
    for chunk in rest:
        body += chunk
        if len(body) > MAX_LISTING_BYTES:
            raise _Stop(
                FetchFailure(url, "too_large", f"listing page exceeds {MAX_LISTING_BYTES} bytes", response.status_code)
            )
    charset = response.charset_encoding
    if charset:
        try:
            return bytes(body).decode(charset, errors="replace")
        except LookupError:
            pass
    try:
        return bytes(body).decode("utf-8")
    except UnicodeDecodeError:
        return bytes(body).decode("cp1252", errors="replace")
