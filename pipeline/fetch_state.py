"""The fetch state file: what raw_dir/.fetch-state.json remembers per URL (the saved file, its hash,
ETag and Last-Modified), so a re-run asks the server "changed?" and reuses what it already has."""

from __future__ import annotations

import json
import logging
import os
import tempfile
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from pathlib import Path

log = logging.getLogger(__name__)

STATE_FILE_NAME = ".fetch-state.json"
STATE_VERSION = 1


@dataclass
class StoredFetch:
    """What the state file remembers about one URL."""

    file: str
    sha256: str
    final_url: str
    etag: str | None = None
    last_modified: str | None = None
    fetched_at: str = field(default_factory=lambda: datetime.now(timezone.utc).isoformat(timespec="seconds"))

    def conditional_headers(self) -> dict[str, str]:
        headers = {}
        if self.etag:
            headers["If-None-Match"] = self.etag
        if self.last_modified:
            headers["If-Modified-Since"] = self.last_modified
        return headers


class FetchState:
    """ETag / Last-Modified and the saved file per URL, kept in raw_dir/.fetch-state.json.

    Format: {"version": 1, "urls": {url: {"file", "sha256", "final_url", "etag",
    "last_modified", "fetched_at"}}}; written to a temp file and renamed after every change,
    so an interrupted run keeps what it already fetched and never leaves half a JSON file.
    """

    def __init__(self, path: Path):
        self.path = path
        self.urls: dict[str, StoredFetch] = self._load()

    def _load(self) -> dict[str, StoredFetch]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            return {url: StoredFetch(**entry) for url, entry in data["urls"].items()}
        except FileNotFoundError:
            return {}
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            log.warning("ignoring unreadable fetch state %s (%s): every URL is fetched again", self.path, exc)
            return {}

    def reusable(self, url: str, raw_dir: Path) -> StoredFetch | None:
        """The stored fetch of url when its file is still in raw_dir, so a 304 can reuse it."""
        stored = self.urls.get(url)
        if stored is None or not is_plain_file_name(stored.file):
            return None
        return stored if (raw_dir / stored.file).is_file() else None

    def remember(self, url: str, stored: StoredFetch) -> None:
        self.urls[url] = stored
        self.save()

    def save(self) -> None:
        data = {"version": STATE_VERSION, "urls": {url: asdict(stored) for url, stored in sorted(self.urls.items())}}
        write_atomically(self.path, json.dumps(data, indent=1, ensure_ascii=False).encode("utf-8"))


def is_plain_file_name(name: str) -> bool:
    """A non-hidden name without directories: guards file names read back from the state file."""
    return bool(name) and name == Path(name).name and not name.startswith(".") and "\\" not in name


def write_atomically(path: Path, data: bytes) -> None:
    """Write to a hidden temp file beside path, then rename over it."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".part")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
