"""Input discovery and fetching, against a threaded HTTP server on 127.0.0.1 that each test starts.

Nothing here reaches beyond this machine: other hosts in listing pages are never requested
(that is one of the things tested), and proxies are switched off for the test process.
"""

from __future__ import annotations

import hashlib
import json
import os
import socket
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Callable
from urllib.parse import unquote

import pytest
from hypothesis import given, settings, strategies as st

from pipeline.fetch import (
    HASH_PREFIX_CHARS,
    MAX_NAME_CHARS,
    STATE_FILE_NAME,
    content_disposition_filename,
    download_name,
    sanitise_filename,
)
from pipeline.sources import (
    FetchFailure,
    FetchSettings,
    Input,
    collect_inputs,
    listing_links,
    load_sources_toml,
    read_source_entries,
    sha256_file,
)

PROJECT_ROOT = Path(__file__).resolve().parents[2]
FAST = FetchSettings(retries=2, backoff_s=0.001, timeout_s=2.0)


def pdf_bytes(label: str) -> bytes:
    return f"%PDF-1.4\n% kompass test document {label}\n%%EOF\n".encode()


# --- the local site -------------------------------------------------------------------------


@dataclass
class Reply:
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    #: send only this many body bytes, then drop the connection (after a full Content-Length)
    cut_after: int | None = None
    delay_s: float = 0.0
    #: omit Content-Length and stream this many bytes of body (close-delimited)
    stream_bytes: int | None = None


@dataclass
class Seen:
    path: str
    headers: dict[str, str]
    status: int


class Site:
    """Routes path -> Reply (or a callable giving one); answers conditional GETs; logs requests."""

    def __init__(self) -> None:
        self.routes: dict[str, Reply | Callable[[], Reply]] = {}
        self.log: list[Seen] = []
        self.lock = threading.Lock()
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
                site.answer(self)

            def log_message(self, *args) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
        self.thread.start()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def pdf(self, path: str, body: bytes, **headers: str) -> None:
        self.routes[path] = Reply(body=body, headers={"Content-Type": "application/pdf", **headers})

    def page(self, path: str, hrefs: list[str]) -> None:
        links = "\n".join(f'<li><a href="{h}">link {i}</a></li>' for i, h in enumerate(hrefs))
        html = f"<!doctype html><html><head><title>Kommunkompassen</title></head><body><ul>{links}</ul></body></html>"
        self.routes[path] = Reply(body=html.encode(), headers={"Content-Type": "text/html; charset=utf-8"})

    def requests_for(self, path: str) -> list[Seen]:
        with self.lock:
            return [seen for seen in self.log if seen.path == path]

    def statuses(self, path: str) -> list[int]:
        return [seen.status for seen in self.requests_for(path)]

    def answer(self, handler: BaseHTTPRequestHandler) -> None:
        path = unquote(handler.path)
        route = self.routes.get(path)
        reply = route() if callable(route) else route or Reply(404, b"not found", {"Content-Type": "text/plain"})
        if reply.status == 200 and not_modified(handler.headers, reply.headers):
            reply = Reply(304, b"", {k: v for k, v in reply.headers.items() if k in ("ETag", "Last-Modified")})
        with self.lock:
            self.log.append(Seen(path, dict(handler.headers.items()), reply.status))
        try:
            time.sleep(reply.delay_s)
            handler.send_response(reply.status)
            for name, value in reply.headers.items():
                handler.send_header(name, value)
            if reply.stream_bytes is None:
                handler.send_header("Content-Length", str(len(reply.body)))
            handler.end_headers()
            if reply.stream_bytes is not None:
                block = b"x" * 65536
                for _ in range(0, reply.stream_bytes, len(block)):
                    handler.wfile.write(block)
            elif reply.cut_after is not None:
                handler.wfile.write(reply.body[: reply.cut_after])
                handler.wfile.flush()
                handler.close_connection = True
                handler.connection.shutdown(socket.SHUT_RDWR)
            else:
                handler.wfile.write(reply.body)
        except (BrokenPipeError, ConnectionResetError, OSError):
            pass  # the client gave up (timeout, size limit): that is the point of those tests

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def not_modified(request_headers, reply_headers: dict[str, str]) -> bool:
    etag, modified = reply_headers.get("ETag"), reply_headers.get("Last-Modified")
    if etag and request_headers.get("If-None-Match") == etag:
        return True
    return bool(modified and request_headers.get("If-Modified-Since") == modified)


@pytest.fixture(autouse=True)
def no_proxies(monkeypatch):
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def site():
    site = Site()
    yield site
    site.close()


@pytest.fixture
def raw_dir(tmp_path) -> Path:
    return tmp_path / "raw"


def by_code(failures: list[FetchFailure]) -> dict[str, str]:
    return {failure.url: failure.code for failure in failures}


def visible_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if not p.name.startswith("."))


# --- listing pages ---------------------------------------------------------------------------


def test_listing_follows_relative_absolute_and_content_type_links(site, raw_dir):
    site.pdf("/reports/ljusdal-analys.pdf", pdf_bytes("ljusdal"))
    site.pdf("/files/Tyresö Återkoppling 2015.pdf", pdf_bytes("tyreso"))
    site.pdf("/download/42", pdf_bytes("no suffix"))  # known only by Content-Type
    site.page("/about", [])
    site.page(
        "/reports/",
        [
            "ljusdal-analys.pdf",
            "/files/Tyresö Återkoppling 2015.pdf",
            site.url("/download/42"),
            "/about",
            "#top",
            "logo.png",
        ],
    )

    inputs, failures = collect_inputs([site.url("/reports/")], raw_dir, FAST)

    assert failures == []
    assert [i.source for i in inputs] == [
        site.url("/reports/ljusdal-analys.pdf"),
        site.url("/files/Tyres%C3%B6%20%C3%85terkoppling%202015.pdf"),
        site.url("/download/42"),
    ]
    assert [i.path.read_bytes() for i in inputs] == [pdf_bytes("ljusdal"), pdf_bytes("tyreso"), pdf_bytes("no suffix")]
    for i in inputs:
        assert i.path.parent == raw_dir
        assert i.path.name.startswith(sha256_file(i.path)[:HASH_PREFIX_CHARS] + "-")
    assert inputs[0].path.name.endswith("-ljusdal-analys.pdf")
    assert inputs[1].path.name.endswith("-tyreso-aterkoppling-2015.pdf")
    assert site.statuses("/about") == [200]  # probed, not a PDF, silently not an input
    assert "kompass" in site.requests_for("/reports/")[0].headers["User-Agent"]


def test_listing_ignores_other_hosts_and_contact_links(site, raw_dir):
    site.pdf("/mirror/a.pdf", pdf_bytes("a"))
    site.page(
        "/reports/",
        [
            "http://other.invalid/x.pdf",
            f"http://localhost:{site.port}/mirror/a.pdf",
            "mailto:kommunen@example.se",
            "tel:+46101234567",
        ],
    )

    inputs, failures = collect_inputs([site.url("/reports/")], raw_dir, FAST)

    assert inputs == [] and failures == []
    assert site.requests_for("/mirror/a.pdf") == []  # "localhost" is another host name


def test_broken_link_is_a_failure_with_its_url_and_not_retried(site, raw_dir):
    site.routes["/gone.pdf"] = Reply(410, b"gone")
    site.page("/reports/", ["missing.pdf", "/gone.pdf"])

    inputs, failures = collect_inputs([site.url("/reports/")], raw_dir, FAST)

    assert inputs == []
    assert failures[0] == FetchFailure(site.url("/reports/missing.pdf"), "http_404", failures[0].detail, 404)
    assert by_code(failures)[site.url("/gone.pdf")] == "http_410"
    assert len(site.requests_for("/reports/missing.pdf")) == 1
    assert len(site.requests_for("/gone.pdf")) == 1


def test_server_error_is_retried_then_succeeds(site, raw_dir):
    replies = iter([Reply(500, b"oops"), Reply(body=pdf_bytes("flaky"), headers={"Content-Type": "application/pdf"})])
    site.routes["/flaky.pdf"] = lambda: next(replies)
    site.page("/reports/", ["/flaky.pdf"])

    inputs, failures = collect_inputs([site.url("/reports/")], raw_dir, FAST)

    assert failures == []
    assert [i.path.read_bytes() for i in inputs] == [pdf_bytes("flaky")]
    assert site.statuses("/flaky.pdf") == [500, 200]


def test_server_error_that_persists_fails_after_the_retries(site, raw_dir):
    site.routes["/down.pdf"] = Reply(503, b"busy")

    inputs, failures = collect_inputs([site.url("/down.pdf")], raw_dir, FAST)

    assert inputs == []
    assert [(f.code, f.status) for f in failures] == [("http_503", 503)]
    assert len(site.requests_for("/down.pdf")) == FAST.retries + 1


def test_etag_makes_the_second_run_conditional_and_reuses_the_file(site, raw_dir):
    site.pdf("/a.pdf", pdf_bytes("a"), ETag='"v1"')
    site.pdf("/b.pdf", pdf_bytes("b"), **{"Last-Modified": "Wed, 21 Oct 2015 07:28:00 GMT"})
    site.page("/reports/", ["/a.pdf", "/b.pdf"])

    first, _ = collect_inputs([site.url("/reports/")], raw_dir, FAST)
    mtimes = {i.path: i.path.stat().st_mtime_ns for i in first}
    second, failures = collect_inputs([site.url("/reports/")], raw_dir, FAST)

    assert failures == [] and second == first
    assert site.requests_for("/a.pdf")[1].headers["If-None-Match"] == '"v1"'
    assert site.requests_for("/b.pdf")[1].headers["If-Modified-Since"] == "Wed, 21 Oct 2015 07:28:00 GMT"
    assert site.statuses("/a.pdf") == [200, 304] and site.statuses("/b.pdf") == [200, 304]
    assert {i.path: i.path.stat().st_mtime_ns for i in second} == mtimes
    assert "If-None-Match" not in site.requests_for("/a.pdf")[0].headers


def test_state_file_records_validators_per_url(site, raw_dir):
    site.pdf("/a.pdf", pdf_bytes("a"), ETag='"v1"')

    (only,), _ = collect_inputs([site.url("/a.pdf")], raw_dir, FAST)

    state = json.loads((raw_dir / STATE_FILE_NAME).read_text())
    entry = state["urls"][site.url("/a.pdf")]
    assert state["version"] == 1
    assert entry["etag"] == '"v1"' and entry["last_modified"] is None
    assert entry["file"] == only.path.name and entry["sha256"] == sha256_file(only.path)
    assert entry["final_url"] == site.url("/a.pdf") and entry["fetched_at"]


def test_deleted_file_is_fetched_again_without_conditions(site, raw_dir):
    site.pdf("/a.pdf", pdf_bytes("a"), ETag='"v1"')
    (first,), _ = collect_inputs([site.url("/a.pdf")], raw_dir, FAST)
    first.path.unlink()

    (second,), failures = collect_inputs([site.url("/a.pdf")], raw_dir, FAST)

    assert failures == [] and second.path.read_bytes() == pdf_bytes("a")
    assert "If-None-Match" not in site.requests_for("/a.pdf")[1].headers


def test_unreadable_state_file_means_fetching_again(site, raw_dir):
    site.pdf("/a.pdf", pdf_bytes("a"), ETag='"v1"')
    raw_dir.mkdir()
    (raw_dir / STATE_FILE_NAME).write_text("{not json")

    (only,), failures = collect_inputs([site.url("/a.pdf")], raw_dir, FAST)

    assert failures == [] and only.path.read_bytes() == pdf_bytes("a")
    assert json.loads((raw_dir / STATE_FILE_NAME).read_text())["urls"]


def test_content_disposition_traversal_stays_in_raw_dir(site, raw_dir):
    site.pdf("/download?id=7", pdf_bytes("cd"), **{"Content-Disposition": 'attachment; filename="../../etc/passwd"'})
    site.pdf("/abs.pdf", pdf_bytes("abs"), **{"Content-Disposition": 'attachment; filename="/tmp/evil\\..\\x.pdf"'})
    site.page("/reports/", ["/download?id=7", "/abs.pdf"])

    inputs, failures = collect_inputs([site.url("/reports/")], raw_dir, FAST)

    assert failures == [] and len(inputs) == 2
    for i in inputs:
        assert i.path.resolve().parent == raw_dir.resolve()
    assert inputs[0].path.name.endswith("-passwd.pdf")
    assert inputs[1].path.name.endswith("-x.pdf")
    assert [p.name for p in visible_files(raw_dir)] == sorted(i.path.name for i in inputs)


def test_content_disposition_filename_star_is_decoded():
    header = "attachment; filename*=UTF-8''Kommunkompassen%20Analys%20V%C3%A4xj%C3%B6.pdf"
    assert content_disposition_filename(header) == "Kommunkompassen Analys Växjö.pdf"
    assert sanitise_filename(content_disposition_filename(header)) == "kommunkompassen-analys-vaxjo.pdf"
    assert content_disposition_filename("inline") is None
    assert content_disposition_filename(None) is None


def test_redirects_are_followed_up_to_the_limit(site, raw_dir):
    site.pdf("/final/Analys.pdf", pdf_bytes("moved"))
    site.routes["/old.pdf"] = Reply(301, headers={"Location": "/final/Analys.pdf"})
    site.routes["/loop-a.pdf"] = Reply(302, headers={"Location": "/loop-b.pdf"})
    site.routes["/loop-b.pdf"] = Reply(302, headers={"Location": site.url("/loop-a.pdf")})
    site.routes["/to-ftp.pdf"] = Reply(302, headers={"Location": "ftp://127.0.0.1/x.pdf"})
    site.page("/reports/", ["/old.pdf", "/loop-a.pdf", "/to-ftp.pdf"])

    inputs, failures = collect_inputs([site.url("/reports/")], raw_dir, FAST)

    assert [(i.source, i.path.name.split("-", 1)[1]) for i in inputs] == [(site.url("/old.pdf"), "analys.pdf")]
    assert by_code(failures) == {site.url("/loop-a.pdf"): "too_many_redirects", site.url("/to-ftp.pdf"): "bad_scheme"}
    hops = len(site.requests_for("/loop-a.pdf")) + len(site.requests_for("/loop-b.pdf"))
    assert hops == FAST.max_redirects + 1  # not retried: a loop stays a loop


def test_oversize_responses_are_too_large_and_leave_nothing(site, raw_dir):
    small = FetchSettings(retries=1, backoff_s=0.001, timeout_s=2.0, max_bytes=100_000)
    site.pdf("/declared.pdf", b"%PDF-" + b"0" * 200_000)
    site.routes["/streamed.pdf"] = Reply(headers={"Content-Type": "application/pdf"}, stream_bytes=1_000_000)
    site.page("/reports/", ["/declared.pdf", "/streamed.pdf"])

    inputs, failures = collect_inputs([site.url("/reports/")], raw_dir, small)

    assert inputs == []
    assert by_code(failures) == {site.url("/declared.pdf"): "too_large", site.url("/streamed.pdf"): "too_large"}
    assert "Content-Length" in failures[0].detail and "body exceeds" in failures[1].detail
    assert len(site.requests_for("/streamed.pdf")) == 1
    assert [p.name for p in raw_dir.iterdir()] == []  # no temp or state file left behind


def test_non_http_links_are_recorded_as_bad_scheme(site, raw_dir):
    site.page("/reports/", ["ftp://127.0.0.1/report.pdf", "file:///etc/passwd", "javascript:void(0)"])

    inputs, failures = collect_inputs([site.url("/reports/")], raw_dir, FAST)

    assert inputs == []
    assert by_code(failures) == {
        "ftp://127.0.0.1/report.pdf": "bad_scheme",
        "file:///etc/passwd": "bad_scheme",
        "javascript:void(0)": "bad_scheme",
    }
    assert all(f.status is None for f in failures)


def test_non_http_source_is_bad_scheme(raw_dir):
    inputs, failures = collect_inputs(["ftp://example.invalid/a.pdf"], raw_dir, FAST)
    assert inputs == [] and [f.code for f in failures] == ["bad_scheme"]


def test_same_pdf_under_two_urls_is_one_file(site, raw_dir):
    site.pdf("/2019/analys.pdf", pdf_bytes("same"))
    site.pdf("/arkiv/kopia-av-analys.pdf", pdf_bytes("same"))
    site.page("/reports/", ["/2019/analys.pdf", "/arkiv/kopia-av-analys.pdf"])

    inputs, failures = collect_inputs([site.url("/reports/")], raw_dir, FAST)

    assert failures == []
    assert [i.source for i in inputs] == [site.url("/2019/analys.pdf"), site.url("/arkiv/kopia-av-analys.pdf")]
    assert inputs[0].path == inputs[1].path
    assert visible_files(raw_dir) == [inputs[0].path]


def test_second_run_downloads_only_the_newly_published_report(site, raw_dir):
    for name in ("a", "b", "c"):
        site.pdf(f"/reports/{name}.pdf", pdf_bytes(name), ETag=f'"{name}-1"')
    site.page("/reports/", ["a.pdf", "b.pdf", "c.pdf"])
    first, _ = collect_inputs([site.url("/reports/")], raw_dir, FAST)

    site.pdf("/reports/d.pdf", pdf_bytes("d"), ETag='"d-1"')
    site.page("/reports/", ["a.pdf", "b.pdf", "c.pdf", "d.pdf"])
    second, failures = collect_inputs([site.url("/reports/")], raw_dir, FAST)

    assert failures == [] and second[:3] == first and len(second) == 4
    assert {name: site.statuses(f"/reports/{name}.pdf")[-1] for name in "abcd"} == {
        "a": 304,
        "b": 304,
        "c": 304,
        "d": 200,
    }
    assert len(visible_files(raw_dir)) == 4


def test_interrupted_download_leaves_no_partial_file(site, raw_dir):
    site.routes["/cut.pdf"] = Reply(
        body=pdf_bytes("cut") * 100, headers={"Content-Type": "application/pdf"}, cut_after=50
    )

    inputs, failures = collect_inputs([site.url("/cut.pdf")], raw_dir, FAST)

    assert inputs == [] and [f.code for f in failures] == ["http_error"]
    assert len(site.requests_for("/cut.pdf")) == FAST.retries + 1
    assert list(raw_dir.iterdir()) == []


def test_slow_server_is_a_timeout(site, raw_dir):
    site.routes["/slow.pdf"] = Reply(body=pdf_bytes("slow"), headers={"Content-Type": "application/pdf"}, delay_s=1.0)
    quick = FetchSettings(retries=1, backoff_s=0.001, timeout_s=0.2)

    inputs, failures = collect_inputs([site.url("/slow.pdf")], raw_dir, quick)

    assert inputs == [] and [(f.code, f.status) for f in failures] == [("timeout", None)]
    assert len(site.requests_for("/slow.pdf")) == 2


def test_refused_connection_is_http_error_after_retries(raw_dir):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        closed_port = s.getsockname()[1]
    inputs, failures = collect_inputs([f"http://127.0.0.1:{closed_port}/a.pdf"], raw_dir, FAST)
    assert inputs == [] and [f.code for f in failures] == ["http_error"]


def test_pdf_link_answering_with_html_is_not_pdf_link(site, raw_dir):
    site.page("/soft-404.pdf", [])
    site.page("/reports/", ["/soft-404.pdf"])

    inputs, failures = collect_inputs([site.url("/reports/")], raw_dir, FAST)

    assert inputs == [] and by_code(failures) == {site.url("/soft-404.pdf"): "not_pdf_link"}


def test_a_pdf_url_as_source_is_downloaded(site, raw_dir):
    site.routes["/rapport"] = Reply(body=pdf_bytes("direct"), headers={"Content-Type": "application/octet-stream"})

    inputs, failures = collect_inputs([site.url("/rapport")], raw_dir, FAST)

    assert failures == [] and [i.source for i in inputs] == [site.url("/rapport")]
    assert inputs[0].path.name.endswith("-rapport.pdf")


def test_listing_links_are_resolved_against_base_href():
    html = (
        '<html><head><base href="https://kommun.se/dokument/"></head><body>'
        '<a href="analys.pdf">x</a><a href="analys.pdf#page=2">dup</a><a href="/nyheter">n</a>'
        '<a href="https://annan.se/a.pdf">other</a><a href="data:text/plain,hi">d</a></body></html>'
    )
    links = listing_links(html, "https://kommun.se/kompassen", {"kommun.se:443"})
    assert [(link.url, link.kind) for link in links] == [
        ("https://kommun.se/dokument/analys.pdf", "pdf"),
        ("https://kommun.se/nyheter", "maybe_pdf"),
        ("data:text/plain,hi", "bad_scheme"),
    ]


# --- local sources and sources.toml ---------------------------------------------------------


def test_folder_source_is_recursive_sorted_and_skips_hidden(tmp_path):
    folder = tmp_path / "in"
    (folder / "2010" / "b").mkdir(parents=True)
    (folder / ".cache").mkdir()
    files = {
        "z.pdf": b"%PDF-z",
        "2010/b/a.pdf": b"%PDF-a",
        "2010/error-page.pdf": b"<html>404</html>",
        "notes.txt": b"x",
        ".hidden.pdf": b"%PDF-h",
        ".cache/c.pdf": b"%PDF-c",
    }
    for name, data in files.items():
        (folder / name).write_bytes(data)

    inputs, failures = collect_inputs([str(folder)], tmp_path / "raw", FAST)

    assert failures == []
    assert [i.path.relative_to(folder).as_posix() for i in inputs] == [
        "2010/b/a.pdf",
        "2010/error-page.pdf",
        "notes.txt",
        "z.pdf",
    ]
    assert all(i.source == str(i.path) for i in inputs)
    assert not (tmp_path / "raw").exists()  # no URL, no raw_dir, no network


def test_file_source_and_missing_path(tmp_path):
    report = tmp_path / "Analys Ljusdal.pdf"
    report.write_bytes(b"%PDF-1.4 ljusdal")

    inputs, failures = collect_inputs([str(report), str(report), str(tmp_path / "nope.pdf")], tmp_path / "raw")

    assert inputs == [Input(report, str(report))]
    assert [(f.url, f.code) for f in failures] == [(str(tmp_path / "nope.pdf"), "not_found")]


def test_sha256_file_is_the_document_id(tmp_path):
    data = b"%PDF-" + bytes(range(256)) * 1000
    (tmp_path / "x.pdf").write_bytes(data)
    assert sha256_file(tmp_path / "x.pdf") == hashlib.sha256(data).hexdigest()


def test_load_sources_toml(tmp_path):
    config = tmp_path / "sources.toml"
    config.write_text(
        '[[listing]]\nurl = "https://kommun.se/kompassen/"\nname = "Kommun"\n\n'
        '[[report]]\nurl = " https://skr.se/a.pdf "\n\n[[listing]]\nurl = "https://b.se/"\n',
        encoding="utf-8",
    )
    assert load_sources_toml(config) == ["https://kommun.se/kompassen/", "https://b.se/", "https://skr.se/a.pdf"]
    assert [e.kind for e in read_source_entries(config)] == ["listing", "listing", "report"]


@pytest.mark.parametrize(
    "text, message",
    [
        ("[[listings]]\nurl = 'https://a.se/'\n", "unknown tables"),
        ("[[report]]\nname = 'no url'\n", "needs url"),
        ("[[report]]\nurl = 'https://a.se/x.pdf'\nurls = 'typo'\n", "unknown keys"),
        ("[report]\nurl = 'https://a.se/x.pdf'\n", "array of tables"),
        ("[[report]\n", "not valid TOML"),
    ],
)
def test_malformed_sources_toml_says_what_is_wrong(tmp_path, text, message):
    config = tmp_path / "sources.toml"
    config.write_text(text)
    with pytest.raises(ValueError, match=message):
        load_sources_toml(config)


def test_project_sources_toml_is_valid_and_fetches_nothing_by_default():
    assert load_sources_toml(PROJECT_ROOT / "sources.toml") == []


def test_sources_toml_as_a_source(site, tmp_path):
    site.pdf("/kompassen/analys.pdf", pdf_bytes("listed"))
    site.page("/kompassen/", ["analys.pdf"])
    site.pdf("/direct.pdf", pdf_bytes("direct"))
    site.page("/not-a-report", [])
    config = tmp_path / "sources.toml"
    config.write_text(
        f'[[listing]]\nurl = "{site.url("/kompassen/")}"\nname = "Test kommun"\n\n'
        f'[[report]]\nurl = "{site.url("/direct.pdf")}"\n\n'
        f'[[report]]\nurl = "{site.url("/not-a-report")}"\n'
    )

    inputs, failures = collect_inputs([str(config)], tmp_path / "raw", FAST)

    assert [i.source for i in inputs] == [site.url("/kompassen/analys.pdf"), site.url("/direct.pdf")]
    assert by_code(failures) == {site.url("/not-a-report"): "not_pdf_link"}


# --- the file-name sanitiser -----------------------------------------------------------------


@settings(max_examples=400, deadline=None)
@given(st.text(max_size=600))
def test_sanitised_names_never_escape_and_are_bounded(name):
    safe = sanitise_filename(name)
    assert safe and len(safe) <= MAX_NAME_CHARS
    assert not safe.startswith(".") and ".." not in safe and "/" not in safe and "\\" not in safe
    assert all(c in "abcdefghijklmnopqrstuvwxyz0123456789._-" for c in safe)
    root = Path("/srv/raw")
    assert Path(os.path.normpath(root / safe)).parent == root
    final = download_name("0" * 64, name)
    assert final.startswith("0" * HASH_PREFIX_CHARS + "-") and len(final) <= MAX_NAME_CHARS + HASH_PREFIX_CHARS + 5


@pytest.mark.parametrize(
    "name, expected",
    [
        ("../../etc/passwd", "passwd"),
        ("C:\\Users\\x\\Kommunkompassen Analys Ljusdal 2010.PDF", "kommunkompassen-analys-ljusdal-2010.pdf"),
        ("..", "document"),
        ("", "document"),
        ("a\x00b.pdf", "a-b.pdf"),
        ("Återkoppling Kommunkompass Härnösand.pdf", "aterkoppling-kommunkompass-harnosand.pdf"),
    ],
)
def test_sanitise_filename_examples(name, expected):
    assert sanitise_filename(name) == expected
