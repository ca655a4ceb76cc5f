"""RunOptions: every setting of a run, declared once.

`kompass run`, `serve` and `deploy` make one command-line option per field from its metadata (the
flag and its help), `pipeline.run.run()` reads the fields, and the Prefect flow takes a RunOptions
as its `options` parameter (a deployment stores it as a JSON object, the UI edits it). A new setting
is one more field here, with its flag and help; nothing else spells the list. The CLI imports this
module to build its options, so it imports only what the defaults need.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .reader.limits import Limits

if TYPE_CHECKING:
    from .fetch import FetchSettings
    from .state import PublishedRun, ResultCache

DEFAULT_OUT = Path("data/processed")
DEFAULT_RAW = Path("data/raw")
#: --workers above this is a typo, not a machine: each worker is a process with the PDF libraries loaded.
MAX_WORKERS = 64
#: A deployment's schedule unless told otherwise (`kompass serve`, `kompass deploy`): Mondays 06:00 ...
DEFAULT_CRON = "0 6 * * 1"
#: ... read in this zone (reports are published on Swedish office days).
DEFAULT_TIMEZONE = "Europe/Stockholm"


def option(default: Any, flag: str, help: str, **click_settings: Any) -> Any:
    """A RunOptions field that is also a command-line option: `flag`, `help`, and extra click settings.

    A boolean whose default is True and whose flag starts with `--no-` is switched off by the flag.
    """
    return field(default=default, metadata={"flag": flag, "help": help, **click_settings})


@dataclass
class RunOptions:
    out_dir: Path = option(DEFAULT_OUT, "--out", "Dataset folder to (re)write.")
    raw_dir: Path = option(DEFAULT_RAW, "--raw", "Where downloaded PDFs are stored.")
    workers: int = option(
        os.cpu_count() or 1,
        "--workers",
        "Documents processed at once (each in its own child process).",
        min=1,
        max=MAX_WORKERS,
    )
    timeout_s: float = option(
        Limits.timeout_s, "--timeout", "Seconds one document may take before it is recorded as `timeout`."
    )
    memory_mb: int = option(Limits.memory_mb, "--memory-mb", "Memory cap per document process.")
    max_pages: int = option(Limits.max_pages, "--max-pages", "More pages is `too_large`.")
    max_mb: float = option(Limits.max_bytes / 2**20, "--max-mb", "Bigger files are `too_large`.")
    cache_dir: Path | None = option(
        None, "--cache-dir", "Per-document result cache [default: <out>/../.kompass-cache]."
    )
    lock_wait_s: float = option(
        0.0, "--lock-wait", "Seconds to wait for another run writing the same folder, then refuse."
    )
    use_cache: bool = option(True, "--no-cache", "Re-extract every document, even unchanged ones.")
    triage: bool = option(
        True,
        "--no-triage",
        "pdfplumber reads every page (slower; the same dataset as with "
        "triage, where PDFium reads the pages without scores).",
    )
    allow_empty: bool = option(
        False,
        "--allow-empty",
        "Write an empty dataset when no input is found (else the previous dataset is kept and the run exits 2).",
    )
    fetch_timeout_s: float | None = option(
        None,
        "--fetch-timeout",
        "Seconds one download may take in all, every attempt and redirect included [default: 300].",
        min=0,
        min_open=True,
    )

    def __post_init__(self) -> None:
        """Folders as Paths whatever the caller gave (the CLI and a deployment's JSON give strings), and the
        limits checked now rather than when the first document is opened."""
        self.out_dir, self.raw_dir = Path(self.out_dir), Path(self.raw_dir)
        self.cache_dir = Path(self.cache_dir) if self.cache_dir else None
        self.limits  # noqa: B018 (Limits raises ValueError for a value that is not positive)

    @property
    def limits(self) -> Limits:
        return Limits(
            max_bytes=int(self.max_mb * 2**20),
            max_pages=self.max_pages,
            timeout_s=self.timeout_s,
            memory_mb=self.memory_mb,
        )

    @property
    def fetch(self) -> FetchSettings:
        from .fetch import FetchSettings

        return FetchSettings() if self.fetch_timeout_s is None else FetchSettings.with_deadline(self.fetch_timeout_s)

    @property
    def cache_root(self) -> Path:
        return Path(self.cache_dir or Path(self.out_dir).parent / ".kompass-cache")

    @property
    def cache(self) -> ResultCache:
        from .state import ResultCache

        return ResultCache(self.cache_root)

    @property
    def published(self) -> PublishedRun:
        from .state import PublishedRun

        return PublishedRun(self.cache_root, self.out_dir)

    def absolute(self) -> RunOptions:
        """The same options with absolute folders: for a deployment or a Dask worker, which start elsewhere."""
        return replace(
            self, out_dir=self.out_dir.absolute(), raw_dir=self.raw_dir.absolute(), cache_dir=self.cache_root.absolute()
        )

    def to_json(self) -> dict[str, Any]:
        """The fields as JSON values (folders as strings): a deployment's stored parameter."""
        return {f.name: str(v) if isinstance(v := getattr(self, f.name), Path) else v for f in fields(self)}
