"""kompass under a real `prefect server start`, driven as its users drive it: the Prefect CLI, a process
work pool with `prefect worker start`, and the dashboard in headless Chromium.

One server for the whole module (127.0.0.1, a free port, its own PREFECT_HOME, no analytics). On it:
`kompass serve` with a cron and `kompass deploy --pool` with a worker, each triggered by `prefect
deployment run --watch` and checked by the dataset it wrote; then the listing commands a user types
next, and the deployment and flow run pages. Every process started here runs in a process group of
its own and is stopped with it; the last check is that no process of this module outlives it.
"""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pyarrow.parquet as pq
import pytest

from tests.chromium import Chromium, chromium_path

pytestmark = [pytest.mark.slow, pytest.mark.prefect_server]

PDFS = Path(__file__).parent / "pdfs"
MEMO = "memo-lerum-2015-pm.pdf"
TRANAS = "report-tranas-2017-history.pdf"
POOL = "kompass-pool"
CRON = "0 6 * * 1"
#: `prefect server start` migrates its SQLite database and starts its services first: ~25 s alone on
#: two cores, over a minute while other tests run.
SERVER_STARTUP_TIMEOUT_S = 180
#: A flow run starts a fresh interpreter that imports Prefect and the pipeline, then extracts a document.
RUN_TIMEOUT_S = 300
#: The only console errors the Prefect 3.9 dashboard makes on its own, neither kompass's nor a broken page:
#: the server has no /favicon.ico, and the flow run page asks for a state icon named "undefined".
MISSING_ICONS = ("/favicon.ico", "/ico/undefined.svg")
#: Seconds a command may take to stop after Ctrl-C (SIGINT) or SIGTERM before it is killed.
STOP_TIMEOUT_S = 30
PROXY_VARIABLES = ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy")
BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Server:
    """A `prefect server start` and the environment every command of the test runs in."""

    home: Path
    port: int
    env: dict[str, str]
    groups: list[subprocess.Popen] = field(default_factory=list)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, *command: str, log: Path) -> subprocess.Popen:
        """A long-running command in a process group of its own, output to log."""
        with open(log, "wb") as out:
            process = subprocess.Popen(
                list(command), env=self.env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
            )
        self.groups.append(process)
        return process

    def command(self, *command: str, timeout: float = 120) -> subprocess.CompletedProcess:
        done = subprocess.run(list(command), env=self.env, capture_output=True, text=True, timeout=timeout)
        assert done.returncode == 0, f"{' '.join(command)} exited {done.returncode}:\n{done.stdout}\n{done.stderr}"
        return done

    def prefect(self, *args: str, timeout: float = 120) -> str:
        return self.command(str(BIN / "prefect"), *args, timeout=timeout).stdout

    def kompass(self, *args: str, timeout: float = 120) -> str:
        return self.command(str(BIN / "kompass"), *args, timeout=timeout).stdout

    def api(self, path: str) -> httpx.Response:
        return httpx.get(f"{self.url}/api{path}", timeout=30)

    def stop(self, process: subprocess.Popen, first: signal.Signals = signal.SIGTERM) -> bool:
        """Stop a started command with its whole process group, as Ctrl-C or a service manager would:
        whatever it started goes too. False when it had to be killed."""
        try:
            os.killpg(process.pid, first)
            process.wait(STOP_TIMEOUT_S)
            return True
        except subprocess.TimeoutExpired:
            pass
        except ProcessLookupError:
            return True
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        process.wait()
        return False


def processes_with(marker: str) -> list[str]:
    """Command lines of live processes whose environment holds marker (this module's PREFECT_HOME)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        try:
            if marker.encode() in (entry / "environ").read_bytes():
                found.append((entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace"))
        except OSError:
            pass
    return found


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    if not (BIN / "prefect").exists() or not (BIN / "kompass").exists():
        pytest.skip("the prefect and kompass commands are not installed next to this Python (make setup)")
    root = tmp_path_factory.mktemp("prefect-server")
    port = free_port()
    env = {
        key: value for key, value in os.environ.items() if key not in PROXY_VARIABLES and not key.startswith("PREFECT_")
    }
    env.update(
        PREFECT_HOME=str(root / "home"),
        PREFECT_SERVER_ANALYTICS_ENABLED="false",
        DO_NOT_TRACK="1",
        # the dashboard is served with the API address it calls: from these two, not from --port
        PREFECT_SERVER_API_HOST="127.0.0.1",
        PREFECT_SERVER_API_PORT=str(port),
        PREFECT_API_URL=f"http://127.0.0.1:{port}/api",
        PREFECT_RUNNER_POLL_FREQUENCY="1",
        PREFECT_WORKER_QUERY_SECONDS="1",
        COLUMNS="250",
        NO_COLOR="1",
    )
    (root / "home").mkdir()
    server = Server(root / "home", port, env)
    process = server.start(str(BIN / "prefect"), "server", "start", log=root / "server.log")
    deadline = time.monotonic() + SERVER_STARTUP_TIMEOUT_S
    while True:
        try:
            if server.api("/health").status_code == 200:
                break
        except httpx.HTTPError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            server.stop(process)
            pytest.fail("prefect server start did not answer:\n" + (root / "server.log").read_text()[-3000:])
        time.sleep(1)
    try:
        yield server
    finally:
        killed = [
            " ".join(started.args[:3])
            for started in reversed(server.groups)
            if not server.stop(started, signal.SIGINT if started is not process else signal.SIGTERM)
        ]
        left = processes_with(str(root / "home"))
        assert not left, f"processes left running: {left}"
        assert not killed, f"did not stop within {STOP_TIMEOUT_S} s of Ctrl-C/SIGTERM, killed: {killed}"


def inbox(root: Path, *fixtures: str) -> Path:
    folder = root / "inbox"
    folder.mkdir(parents=True)
    for name in fixtures:
        (folder / name).write_bytes((PDFS / name).read_bytes())
    return folder


def wait_for_deployment(server: Server, name: str, process: subprocess.Popen, log: Path) -> dict:
    deadline = time.monotonic() + RUN_TIMEOUT_S
    while True:
        answer = server.api(f"/deployments/name/{name}")
        if answer.status_code == 200:
            return answer.json()
        if process.poll() is not None or time.monotonic() > deadline:
            pytest.fail(f"{name} was not registered:\n" + log.read_text(errors="replace")[-3000:])
        time.sleep(1)


def run_deployment(server: Server, name: str, log: Path) -> dict:
    """`prefect deployment run NAME --watch`, as a user starts a run and waits for it; the flow run."""
    done = subprocess.run(
        [str(BIN / "prefect"), "deployment", "run", name, "--watch", "--watch-timeout", str(RUN_TIMEOUT_S)],
        env=server.env,
        capture_output=True,
        text=True,
        timeout=RUN_TIMEOUT_S + 60,
    )
    flow_run_id = re.search(r"UUID: ([0-9a-f-]{36})", done.stdout)
    assert done.returncode == 0 and flow_run_id, (
        f"{done.stdout}\n{done.stderr}\n" + log.read_text(errors="replace")[-3000:]
    )
    return server.api(f"/flow_runs/{flow_run_id.group(1)}").json()


def task_run_names(server: Server, flow_run_id: str) -> set[str]:
    answer = httpx.post(
        f"{server.url}/api/task_runs/filter",
        timeout=30,
        json={"flow_runs": {"id": {"any_": [flow_run_id]}}, "limit": 50},
    )
    return {run["name"] for run in answer.json()}


def stage_names(names: set[str]) -> set[str]:
    """Task run names without Prefect's numeric suffix (discover-0c1 → discover)."""
    return {name if name.startswith("extract-") else name.rsplit("-", 1)[0] for name in names}


@dataclass
class Ran:
    deployment: dict
    flow_run: dict
    out: Path


@pytest.fixture(scope="module")
def served(server, tmp_path_factory) -> Ran:
    """`kompass serve` with a cron, then a run asked for with the Prefect CLI."""
    root = tmp_path_factory.mktemp("served")
    log = root / "serve.log"
    serving = server.start(
        str(BIN / "kompass"),
        "serve",
        str(inbox(root, MEMO)),
        "--name",
        "trial",
        "--cron",
        CRON,
        "--workers",
        "1",
        "--out",
        str(root / "out"),
        "--raw",
        str(root / "raw"),
        log=log,
    )
    deployment = wait_for_deployment(server, "kompass-ingest/trial", serving, log)
    return Ran(deployment, run_deployment(server, "kompass-ingest/trial", log), root / "out")


@pytest.fixture(scope="module")
def deployed(server, tmp_path_factory) -> Ran:
    """A process work pool, `kompass deploy --pool`, `prefect worker start`, and a run asked for."""
    root = tmp_path_factory.mktemp("deployed")
    log = root / "worker.log"
    server.prefect("work-pool", "create", POOL, "--type", "process")
    said = server.kompass(
        "deploy",
        str(inbox(root, TRANAS)),
        "--pool",
        POOL,
        "--name",
        "nightly",
        "--cron",
        CRON,
        "--workers",
        "1",
        "--out",
        str(root / "out"),
        "--raw",
        str(root / "raw"),
    )
    assert f"prefect worker start --pool {POOL}" in said
    deployment = server.api("/deployments/name/kompass-ingest/nightly").json()
    server.start(str(BIN / "prefect"), "worker", "start", "--pool", POOL, log=log)
    return Ran(deployment, run_deployment(server, "kompass-ingest/nightly", log), root / "out")


def test_served_deployment_runs_on_request_and_writes_the_dataset(served):
    assert [
        (s["schedule"]["cron"], s["schedule"]["timezone"], s["active"]) for s in served.deployment["schedules"]
    ] == [(CRON, "Europe/Stockholm", True)]
    assert served.deployment["parameters"]["options"]["out_dir"] == str(served.out)
    assert served.flow_run["state"]["type"] == "COMPLETED"
    documents = pq.read_table(served.out / "documents.parquet").to_pylist()
    assert [(d["file_name"], d["status"], d["kind"]) for d in documents] == [(MEMO, "not_report", "memo")]


def test_worker_deployment_runs_on_request_and_writes_the_dataset(deployed, server):
    assert deployed.deployment["work_pool_name"] == POOL
    assert deployed.deployment["entrypoint"] == "flows.ingest"
    assert [s["schedule"]["cron"] for s in deployed.deployment["schedules"]] == [CRON]
    assert deployed.flow_run["state"]["type"] == "COMPLETED"
    assert deployed.flow_run["work_pool_name"] == POOL
    documents = pq.read_table(deployed.out / "documents.parquet").to_pylist()
    assert [(d["file_name"], d["status"], d["kind"]) for d in documents] == [(TRANAS, "extracted", "report")]
    evaluations = pq.read_table(deployed.out / "evaluations.parquet").to_pylist()
    assert [(e["evaluation_id"], e["has_report"]) for e in evaluations if e["has_report"]] == [("tranas-2017", True)]
    assert stage_names(task_run_names(server, deployed.flow_run["id"])) == {
        "discover",
        "identify",
        f"extract-{TRANAS}",
        "build-dataset",
        "publish",
    }


def test_deploy_to_a_pool_that_does_not_exist_says_so(server, tmp_path):
    refused = subprocess.run(
        [str(BIN / "kompass"), "deploy", str(tmp_path), "--pool", "no-such-pool", "--out", str(tmp_path / "out")],
        env=server.env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert refused.returncode == 2
    assert refused.stderr.strip().splitlines()[-1] == (
        "Error: Could not find work pool 'no-such-pool'. Please create it before deploying this flow."
    )


def test_prefect_listing_commands_show_what_was_created(server, served, deployed):
    deployments = server.prefect("deployment", "ls")
    assert "kompass-ingest/trial" in deployments and "kompass-ingest/nightly" in deployments
    assert "kompass-ingest" in server.prefect("flow", "ls")
    flow_runs = server.prefect("flow-run", "ls")
    assert served.flow_run["name"] in flow_runs and deployed.flow_run["name"] in flow_runs
    assert "COMPLETED" in flow_runs
    assert POOL in server.prefect("work-pool", "ls")


def test_dashboard_shows_the_deployment_and_the_flow_run_with_its_tasks(server, served, tmp_path):
    if not chromium_path():
        pytest.skip("chromium is not installed (make setup installs it when run as root)")
    with Chromium() as browser:
        deployment = browser.open(f"{server.url}/deployments/deployment/{served.deployment['id']}")
        deployment.wait_for_text(
            "trial", "kompass-ingest", "At 06:00 AM, only on Monday", "flows.ingest", served.flow_run["name"]
        )
        deployment.screenshot(tmp_path / "deployment.png")
        flow_run = browser.open(f"{server.url}/runs/flow-run/{served.flow_run['id']}")
        flow_run.wait_for_text(served.flow_run["name"], "Completed", "5 Task runs", "Task Runs")
        flow_run.click_text("Task Runs")
        flow_run.wait_for_text(f"extract-{MEMO}", "discover-", "identify-", "build-dataset-", "publish-")
        flow_run.screenshot(tmp_path / "flow-run.png")
        errors = [e for e in deployment.errors + flow_run.errors if not e.endswith(MISSING_ICONS)]
    assert errors == []
