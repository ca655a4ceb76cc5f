"""Headless Chromium driven over the DevTools protocol: open a page, wait for text, collect console errors.

No selenium or playwright: Debian's /usr/bin/chromium with --remote-debugging-port, and the
`websockets` client Prefect already installs. Used by tests/test_prefect_server.py to look at the
Prefect dashboard as a person would.
"""

from __future__ import annotations

import base64
import json
import os
import re
import shutil
import signal
import subprocess
import tempfile
import time
from pathlib import Path

import httpx

#: Flags for a quiet, isolated browser: no sandbox (root in a container), no GPU, and no traffic of
#: its own (updates, sync, field trials), so that only the page under test talks to the network.
QUIET_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
)
#: ... and the DevTools endpoint this module drives it through.
FLAGS = (
    *QUIET_FLAGS,
    "--remote-debugging-port=0",
    "--remote-debugging-address=127.0.0.1",
    "--window-size=1400,1000",
)
#: Chromium writes its DevTools address to stderr within a few seconds; two busy cores need more.
STARTUP_TIMEOUT_S = 60


def chromium_path() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


class Chromium:
    """One browser with a fresh profile; `open(url)` gives a Page. Use as a context manager."""

    def __init__(self) -> None:
        self.profile = tempfile.mkdtemp(prefix="kompass-chromium-")
        self.process = subprocess.Popen(
            [chromium_path(), *FLAGS, f"--user-data-dir={self.profile}", "about:blank"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            start_new_session=True,
        )
        self.http = self._devtools_address()

    def _devtools_address(self) -> str:
        deadline = time.monotonic() + STARTUP_TIMEOUT_S
        while time.monotonic() < deadline:
            line = self.process.stderr.readline()
            match = re.search(r"DevTools listening on ws://([\d.:]+)/", line)
            if match:
                return f"http://{match.group(1)}"
            if not line and self.process.poll() is not None:
                break
        self.close()
        raise RuntimeError("chromium did not report a DevTools address")

    def open(self, url: str) -> Page:
        """A new tab at url, listening for errors before the page starts loading."""
        target = httpx.put(f"{self.http}/json/new?about:blank", timeout=30).json()
        page = Page(target["webSocketDebuggerUrl"])
        page.call("Page.navigate", url=url)
        return page

    def close(self) -> None:
        """Stop the browser with its whole process group (zygote, renderers, utilities)."""
        try:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(15)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()
        except ProcessLookupError:
            pass
        finally:
            shutil.rmtree(self.profile, ignore_errors=True)

    def __enter__(self) -> Chromium:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


class Page:
    """A tab: its console errors and uncaught exceptions are collected from the moment it is opened."""

    def __init__(self, websocket_url: str) -> None:
        from websockets.sync.client import connect

        self.socket = connect(websocket_url, max_size=None, open_timeout=30)
        self.next_id = 0
        self.errors: list[str] = []
        for domain in ("Runtime", "Log", "Page"):
            self.call(f"{domain}.enable")

    def call(self, method: str, **params) -> dict:
        self.next_id += 1
        self.socket.send(json.dumps({"id": self.next_id, "method": method, "params": params}))
        while True:
            message = json.loads(self.socket.recv(timeout=60))
            if message.get("id") == self.next_id:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message.get("result", {})
            self._event(message)

    def _event(self, message: dict) -> None:
        method, params = message.get("method"), message.get("params", {})
        if method == "Runtime.exceptionThrown":
            details = params["exceptionDetails"]
            self.errors.append(f"exception: {details.get('exception', {}).get('description') or details['text']}")
        elif method == "Runtime.consoleAPICalled" and params["type"] in ("error", "assert"):
            self.errors.append(
                "console.error: " + " ".join(str(a.get("value", a.get("description", ""))) for a in params["args"])
            )
        elif method == "Log.entryAdded" and params["entry"]["level"] == "error":
            entry = params["entry"]
            self.errors.append(f"{entry['source']}: {entry['text']} {entry.get('url', '')}".strip())

    def text(self) -> str:
        return self.call(
            "Runtime.evaluate", expression="document.body ? document.body.innerText : ''", returnByValue=True
        )["result"].get("value", "")

    def wait_for_text(self, *expected: str, timeout_s: float = 60) -> str:
        """The page's visible text once it holds every expected string; AssertionError with what it
        showed instead after timeout_s."""
        deadline = time.monotonic() + timeout_s
        while True:
            text = self.text()
            if all(e in text for e in expected) or time.monotonic() > deadline:
                break
            time.sleep(0.5)
        missing = [e for e in expected if e not in text]
        assert not missing, f"{missing} not on the page; it shows:\n{text[:3000]}"
        return text

    def click_text(self, label: str) -> None:
        """Click the innermost element whose visible text is `label` (a link, button or tab)."""
        found = self.call(
            "Runtime.evaluate",
            returnByValue=True,
            expression=(
                "(() => { const all = [...document.querySelectorAll('body *')]"
                f".filter(e => e.innerText && e.innerText.trim() === {json.dumps(label)});"
                " const inner = all.filter(e => !all.some(o => o !== e && e.contains(o)));"
                " if (inner.length) inner[0].click(); return inner.length; })()"
            ),
        )
        assert found["result"].get("value"), f"nothing to click labelled {label!r}"

    def screenshot(self, path: Path) -> Path:
        path.write_bytes(base64.b64decode(self.call("Page.captureScreenshot", format="png")["data"]))
        return path

    def close(self) -> None:
        self.socket.close()
