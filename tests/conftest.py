"""Fixtures shared by the whole test suite.

`prefect_harness` is one temporary Prefect server (SQLite in a temp folder, on 127.0.0.1) for the
whole session, as Prefect's testing guide recommends. It is opt-in: only tests that run flows ask for
it (`pytestmark = pytest.mark.usefixtures("prefect_harness")`), so unit tests never pay its start-up.
"""

from __future__ import annotations

import os

import pytest

# Before anything imports Prefect: no telemetry from test runs.
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("DO_NOT_TRACK", "1")
# In-process OCR (tests extract without worker processes): one OpenMP thread, as in the workers.
os.environ.setdefault("OMP_THREAD_LIMIT", "1")

#: The harness server starts in a subprocess; two busy cores can take well over Prefect's 30 s default.
HARNESS_STARTUP_TIMEOUT_S = 120


@pytest.fixture(scope="session")
def prefect_harness():
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=HARNESS_STARTUP_TIMEOUT_S):
        yield
