"""The Prefect flows end to end: a municipal website on 127.0.0.1 → `ingest` → the dataset, run twice;
the same run on a Dask LocalCluster; a Dask run without a server refused; options declared once.

Flow runs go to one prefect_test_harness per session (tests/conftest.py); nothing leaves 127.0.0.1.
Deployments against a real `prefect server start` are in tests/test_prefect_server.py.
The website has a listing page linking good reports (the committed fixtures in tests/pdfs), the
same report again under a second URL, a broken link (404) and a link that answers 500, then 200.
Logic without Prefect machinery is tested through `.fn()`.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import subprocess
import sys
import threading
from dataclasses import dataclass, fields
from datetime import datetime, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

import flows
from cli import cli
from pipeline.options import RunOptions
from pipeline.run import RunSummary, Unique

PDFS = Path(__file__).parent / "pdfs"
#: Small fixtures that extract in about a second each (two cores, shared).
TRANAS = "report-tranas-2017-history.pdf"
VASTERAS = "report-vasteras-2021-2020-framework.pdf"
BERGEN = "report-bergen-2012-norwegian.pdf"
TYRESO = "slides-tyreso-2015-feedback.pdf"
MEMO = "memo-lerum-2015-pm.pdf"
LISTING = "/kommunkompassen/"
PROXY_VARIABLES = ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy")


@functools.cache
def fixture_bytes(name: str) -> bytes:
    """Read once per session: the report factory may rewrite tests/pdfs while tests run."""
    return (PDFS / name).read_bytes()


class Site:
    """A municipal website on 127.0.0.1: path → replies given in turn (the last repeats); logs requests."""

    def __init__(self) -> None:
        self.routes: dict[str, list[tuple[int, str, bytes]]] = {}
        self.log: list[tuple[str, int]] = []
        self.lock = threading.Lock()
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
                status, content_type, body = site.reply(self.path)
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        self.thread.start()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}{path}"

    def pdf(self, path: str, fixture: str, errors: tuple[int, ...] = ()) -> None:
        self.routes[path] = [(status, "text/plain", b"server error") for status in errors] + [
            (200, "application/pdf", fixture_bytes(fixture))
        ]

    def listing(self, path: str, hrefs: list[str]) -> None:
        links = "".join(f'<li><a href="{href}">{href.rsplit("/", 1)[-1]}</a></li>' for href in hrefs)
        html = (
            f"<!doctype html><html><head><title>Kommunkompassen</title></head>"
            f"<body><h1>Kommunkompassen</h1><ul>{links}</ul></body></html>"
        )
        self.routes[path] = [(200, "text/html; charset=utf-8", html.encode())]

    def reply(self, path: str) -> tuple[int, str, bytes]:
        with self.lock:
            replies = self.routes.get(path, [(404, "text/plain", b"not found")])
            status, content_type, body = replies.pop(0) if len(replies) > 1 else replies[0]
            self.log.append((path, status))
        return status, content_type, body

    def statuses(self, path: str) -> list[int]:
        with self.lock:
            return [status for seen, status in self.log if seen == path]

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@dataclass
class Runs:
    """Two runs of the routine a week apart, into one dataset folder."""

    site: Site
    root: Path
    first: RunSummary
    first_tables: dict[str, pa.Table]
    first_done: list
    first_statuses: dict[str, list[int]]
    second_started: datetime
    second: RunSummary
    second_tables: dict[str, pa.Table]


def read_dataset(folder: Path) -> dict[str, pa.Table]:
    return {path.stem: pq.read_table(path) for path in sorted(folder.glob("*.parquet"))}


def by_source(table: pa.Table) -> dict[str, dict]:
    return {row["source"]: row for row in table.to_pylist()}


def sha256(fixture: str) -> str:
    return hashlib.sha256(fixture_bytes(fixture)).hexdigest()


def options(root: Path, **more) -> RunOptions:
    return RunOptions(out_dir=root / "out", raw_dir=root / "raw", workers=2, **more)


@pytest.fixture(scope="module")
def site():
    with pytest.MonkeyPatch.context() as patch:
        for name in PROXY_VARIABLES:
            patch.delenv(name, raising=False)
        site = Site()
        yield site
        site.close()


@pytest.fixture(scope="module")
def runs(prefect_harness, site, tmp_path_factory) -> Runs:
    root = tmp_path_factory.mktemp("local")
    site.pdf("/filer/tranas-2017.pdf", TRANAS)
    site.pdf("/arkiv/kommunkompass-tranas.pdf", TRANAS)
    site.pdf("/filer/vasteras-2021.pdf", VASTERAS)
    site.pdf("/filer/bergen-2012.pdf", BERGEN, errors=(500,))
    site.listing(
        LISTING,
        [
            "/filer/tranas-2017.pdf",
            "/arkiv/kommunkompass-tranas.pdf",
            "/filer/vasteras-2021.pdf",
            "/filer/saknas.pdf",
            "/filer/bergen-2012.pdf",
        ],
    )
    done: list = []
    # Called the way `kompass run` calls it: the progress callback is not a flow parameter.
    first = flows.run_ingest([site.url(LISTING)], options(root), on_done=done.append)
    first_tables = read_dataset(root / "out")
    first_statuses = {path: site.statuses(path) for path in ("/filer/bergen-2012.pdf", "/filer/saknas.pdf")}

    # A week later: one more report is published, and Västerås's report moved to a new address.
    site.pdf("/filer/tyreso-2015.pdf", TYRESO)
    site.pdf("/nytt/vasteras-utvardering.pdf", VASTERAS)
    site.listing(
        LISTING,
        [
            "/filer/tranas-2017.pdf",
            "/arkiv/kommunkompass-tranas.pdf",
            "/nytt/vasteras-utvardering.pdf",
            "/filer/saknas.pdf",
            "/filer/bergen-2012.pdf",
            "/filer/tyreso-2015.pdf",
        ],
    )
    second_started = datetime.now(timezone.utc)
    second = flows.run_ingest([site.url(LISTING)], options(root))
    return Runs(
        site, root, first, first_tables, done, first_statuses, second_started, second, read_dataset(root / "out")
    )


# --- the scheduled routine, run twice ---------------------------------------------------------


def test_first_run_builds_the_dataset_and_records_the_broken_link(runs):
    site, summary = runs.site, runs.first
    assert (summary.documents, summary.extracted, summary.failed) == (3, 3, 0)
    assert (summary.duplicates, summary.fetch_failures, summary.reused) == (1, 1, 0)
    assert len(runs.first_done) == 3  # on_done saw every document

    documents = by_source(runs.first_tables["documents"])
    assert set(documents) == {
        site.url("/filer/tranas-2017.pdf"),
        site.url("/filer/vasteras-2021.pdf"),
        site.url("/filer/bergen-2012.pdf"),
    }
    assert all(d["status"] == "extracted" and d["evaluation_ids"] for d in documents.values())

    fetch_checks = [c for c in runs.first_tables["checks"].to_pylist() if c["code"].startswith("fetch_")]
    assert [(c["code"], c["severity"], c["document_id"]) for c in fetch_checks] == [("fetch_http_404", "warning", None)]
    assert fetch_checks[0]["detail"].startswith(site.url("/filer/saknas.pdf"))
    # The 500 was retried within the run and the report came through; the 404 was not retried.
    assert runs.first_statuses == {"/filer/bergen-2012.pdf": [500, 200], "/filer/saknas.pdf": [404]}


def test_the_same_report_under_another_url_is_one_document(runs):
    site = runs.site
    first = by_source(runs.first_tables["documents"])
    tranas = first[site.url("/filer/tranas-2017.pdf")]
    assert tranas["document_id"] == sha256(TRANAS)
    assert tranas["duplicates"] == [site.url("/arkiv/kommunkompass-tranas.pdf")]

    # Published again under a new address a week later: recognised by content, not processed again.
    second = by_source(runs.second_tables["documents"])
    moved = second[site.url("/nytt/vasteras-utvardering.pdf")]
    before = first[site.url("/filer/vasteras-2021.pdf")]
    assert moved["document_id"] == before["document_id"] == sha256(VASTERAS)
    assert moved["processed_at"] == before["processed_at"]


def test_second_run_processes_exactly_the_new_report(runs):
    site, summary = runs.site, runs.second
    assert (summary.documents, summary.reused, summary.failed, summary.fetch_failures) == (4, 3, 0, 1)
    documents = runs.second_tables["documents"].to_pylist()
    processed = [d["source"] for d in documents if d["processed_at"] >= runs.second_started]
    assert processed == [site.url("/filer/tyreso-2015.pdf")]
    assert {d["document_id"] for d in runs.first_tables["documents"].to_pylist()} < {
        d["document_id"] for d in documents
    }


# --- scale-out ------------------------------------------------------------------------------------


def test_dask_local_cluster_gives_the_same_dataset(runs, tmp_path):
    """Worker processes, as on a cluster; non-daemonic, since each document runs in a child process.

    The Dask run shares raw_dir with the local runs (a download's file name depends on the URL that
    first delivered its bytes) but starts with an empty result cache, so every document is extracted
    on the cluster.
    """
    import dask
    from distributed import LocalCluster

    with dask.config.set({"distributed.worker.daemon": False}):
        with LocalCluster(
            n_workers=1,
            threads_per_worker=2,
            processes=True,
            host="127.0.0.1",
            dashboard_address=None,
            local_directory=str(tmp_path / "dask"),
        ) as cluster:
            summary = flows.run_ingest(
                [runs.site.url(LISTING)],
                RunOptions(
                    out_dir=tmp_path / "out", raw_dir=runs.root / "raw", workers=2, cache_dir=tmp_path / "cache"
                ),
                dask_address=cluster.scheduler_address,
            )
    assert (summary.documents, summary.reused) == (4, 0)  # every document was extracted on the cluster

    def comparable(tables: dict[str, pa.Table]) -> dict[str, pa.Table]:
        return {
            name: t.drop_columns(["processed_at"]) if "processed_at" in t.column_names else t
            for name, t in tables.items()
        }

    local, on_dask = comparable(runs.second_tables), comparable(read_dataset(tmp_path / "out"))
    assert sorted(on_dask) == sorted(local)
    for name in local:
        assert on_dask[name].to_pylist() == local[name].to_pylist(), f"{name}.parquet differs (local, then Dask)"
        assert on_dask[name].equals(local[name]), f"{name}.parquet: same rows, different types"


@pytest.mark.parametrize("problem", ["daemonic", "missing", "other_code"])
def test_a_worker_that_cannot_extract_fails_the_task_saying_what_to_change(problem, tmp_path, monkeypatch):
    pdf = tmp_path / "report.pdf"
    if problem != "missing":
        pdf.write_bytes(fixture_bytes(MEMO))
    version = flows.extractor_version() if problem != "other_code" else "0.0.1+0123456789"
    if problem == "daemonic":

        class DaskWorkerProcess:  # what a Dask nanny starts unless told otherwise
            name, daemon = "Dask Worker process (from Nanny)", True

        monkeypatch.setattr(flows, "current_process", DaskWorkerProcess)
    expected = {
        "daemonic": "DASK_DISTRIBUTED__WORKER__DAEMON=False",
        "missing": "shared filesystem",
        "other_code": "install the same kompass",
    }[problem]
    with pytest.raises(flows.WorkerSetupError, match=expected):
        flows.extract_task.fn(Unique("0" * 64, pdf, str(pdf)), RunOptions(out_dir=tmp_path / "out"), version)


def test_a_dask_run_without_a_prefect_server_is_refused_in_one_line(tmp_path):
    """Each Dask worker would start a private Prefect server (a uvicorn left running after the worker
    stops) and the task states would never reach the flow's: refused before anything starts."""
    env = {key: value for key, value in os.environ.items() if key not in PROXY_VARIABLES + ("PREFECT_API_URL",)}
    env.update(PREFECT_HOME=str(tmp_path / "prefect-home"), PREFECT_SERVER_ANALYTICS_ENABLED="false")
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / MEMO).write_bytes(fixture_bytes(MEMO))
    for command in ("run", "serve"):
        refused = subprocess.run(
            kompass_command()
            + [command, str(raw), "--out", str(tmp_path / "out"), "--dask-address", "tcp://127.0.0.1:9"],
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert refused.returncode == 2, refused.stderr
        assert refused.stderr.strip().splitlines()[-1] == (
            "error: --dask-address needs a Prefect server the Dask workers can reach: start `prefect server start` "
            "and set PREFECT_API_URL (docs/orchestration.md)"
        )
        assert "Traceback" not in refused.stderr
    assert not (tmp_path / "out").exists() and not list((tmp_path / "prefect-home").glob("*.db"))


def kompass_command() -> list[str]:
    kompass = Path(sys.executable).with_name("kompass")
    return [str(kompass)] if kompass.exists() else [sys.executable, "-m", "cli"]


# --- one declaration of the options ------------------------------------------------------------


def test_every_run_option_is_a_command_line_option_and_part_of_the_flow_parameter():
    names = [f.name for f in fields(RunOptions)]
    for command in ("run", "serve", "deploy"):
        assert set(names) <= {p.name for p in cli.commands[command].params}, command
    schema = flows.ingest.parameters.model_dump()
    assert list(schema["definitions"]["RunOptions"]["properties"]) == names
    assert set(schema["properties"]) == {"sources", "options", "dask_address"}


def test_command_line_options_become_run_options(monkeypatch):
    seen = {}
    monkeypatch.setattr(
        "pipeline.run.run",
        lambda sources, options, on_done: seen.update(options=options) or RunSummary(out_dir=str(options.out_dir)),
    )
    result = CliRunner().invoke(
        cli,
        [
            "run",
            "in",
            "--out",
            "o",
            "--raw",
            "r",
            "--workers",
            "3",
            "--timeout",
            "9.5",
            "--memory-mb",
            "700",
            "--max-pages",
            "12",
            "--max-mb",
            "1.5",
            "--cache-dir",
            "c",
            "--lock-wait",
            "2",
            "--no-cache",
            "--no-triage",
            "-q",
        ],
        env={"PREFECT_API_URL": ""},
    )
    assert result.exit_code == 0, result.output
    assert seen["options"] == RunOptions(
        out_dir=Path("o"),
        raw_dir=Path("r"),
        workers=3,
        timeout_s=9.5,
        memory_mb=700,
        max_pages=12,
        max_mb=1.5,
        cache_dir=Path("c"),
        lock_wait_s=2.0,
        use_cache=False,
        triage=False,
    )
    assert seen["options"].limits.max_bytes == int(1.5 * 2**20)
    defaults = CliRunner().invoke(cli, ["run", "in", "-q"], env={"PREFECT_API_URL": ""})
    assert defaults.exit_code == 0, defaults.output
    assert seen["options"] == RunOptions()
    bad = CliRunner().invoke(cli, ["run", "in", "--timeout", "0"])
    assert bad.exit_code == 2 and "timeout_s must be positive" in bad.output


# --- schedules ------------------------------------------------------------------------------------


def test_flow_parameters_are_json_for_deployments():
    properties = flows.ingest.parameters.model_dump()["properties"]
    assert "on_done" not in properties
    parameters = flows.deployment_parameters(
        ["sources.toml", "https://www.example-kommun.se/kk/", "data/raw"], RunOptions(workers=2, use_cache=False)
    )
    assert json.loads(json.dumps(parameters)) == parameters
    assert parameters["sources"][1] == "https://www.example-kommun.se/kk/"
    assert all(
        Path(p).is_absolute()
        for p in (
            parameters["sources"][0],
            parameters["sources"][2],
            parameters["options"]["out_dir"],
            parameters["options"]["raw_dir"],
            parameters["options"]["cache_dir"],
        )
    )
    assert (parameters["options"]["workers"], parameters["options"]["use_cache"]) == (2, False)
    assert RunOptions(**parameters["options"]) == RunOptions(workers=2, use_cache=False).absolute()
