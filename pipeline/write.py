"""Write the dataset: Parquet tables and datapackage.json into a folder beside the target, then swap.

A run killed mid-write (kill -9, full disk, exception) leaves the previous dataset as it was: the
new folder is complete before it replaces the old one in a single rename (Linux renameat2
RENAME_EXCHANGE; elsewhere two renames, recovered on the next run). A lock file beside the folder
keeps two runs from writing the same folder at once.

The swap replaces whatever the output folder held, so `check_out_dir` first makes sure it is a
folder kompass made (its MARKER file, or exactly the files an older kompass wrote), or empty, or
new, and that it is neither an input nor the working directory (README: Safety).
"""

from __future__ import annotations

import ctypes
import dataclasses
import errno
import fcntl
import json
import os
import shutil
import time
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Iterator

import pyarrow as pa
import pyarrow.parquet as pq

from .datapackage import datapackage
from .errors import EnvironmentProblem, UsageError, os_reason
from .schema import TABLES

if TYPE_CHECKING:
    from .reconcile import Dataset

RENAME_EXCHANGE = 2
#: Left in every dataset folder kompass writes: the folder is kompass's to replace.
MARKER = ".kompass-dataset"
MARKER_TEXT = "This folder was written by kompass; `kompass run` replaces it whole.\n"
#: What a dataset folder written before the marker held: only these files may be replaced unmarked.
LEGACY_FILES = {f"{name}.parquet" for name in TABLES} | {"datapackage.json"}


class LockedError(EnvironmentProblem):
    """Another run holds the output folder's lock."""


def check_out_dir(out_dir: str | Path, inputs: list[Path]) -> Path:
    """The folder to write (a symlink resolved to its target), or UsageError when replacing it
    could destroy something kompass did not make. Touches nothing.

    Refused: a file; the working directory or a folder above it; an input, a folder holding an
    input, or a folder inside one (the dataset would be read back as input); a non-empty folder
    that kompass did not write (no MARKER and not exactly a pre-marker dataset: LEGACY_FILES with
    its datapackage.json naming the kommunkompassen package).
    """
    given = Path(out_dir)
    out = given.resolve()
    shown = f"--out {given}" + (f" (→ {out})" if given.is_symlink() else "")
    if out.exists() and not out.is_dir():
        raise UsageError(
            f"{shown} is a file, not a folder: kompass writes the dataset as a folder and will not replace a file"
        )
    cwd = Path.cwd().resolve()
    if out == cwd or out in cwd.parents:
        raise UsageError(
            f"{shown} is the current directory or a folder above it: kompass replaces the output "
            "folder whole; name a folder of its own, e.g. data/processed"
        )
    for source in inputs:
        source = Path(source).resolve()
        if out == source or out in source.parents or source in out.parents:
            what = "is" if out == source else "contains" if out in source.parents else "lies inside"
            raise UsageError(
                f"{shown} {what} the input {source}: kompass replaces the output folder whole and "
                "never writes over, around or into its inputs; name a folder of its own"
            )
    if out.is_dir() and not is_kompass_folder(out):
        raise UsageError(
            f"{shown} is a folder that kompass did not write (no {MARKER} in it) and it is not "
            "empty: kompass replaces the output folder whole, so it will not take it; name a new "
            "or empty folder"
        )
    return out


def resolved(out_dir: str | Path) -> Path:
    """The folder a dataset is written to: a symlink's target, else the path as given."""
    path = Path(out_dir)
    return path.resolve() if path.is_symlink() else path


def is_kompass_folder(folder: Path) -> bool:
    """Empty, marked by kompass, or exactly what an older kompass wrote (LEGACY_FILES only, and a
    datapackage.json of the kommunkompassen package)."""
    try:
        names = {entry.name: entry for entry in folder.iterdir()}
    except OSError:
        return False
    if not names or (folder / MARKER).is_file():
        return True
    if "datapackage.json" not in names or not set(names) <= LEGACY_FILES:
        return False
    if not all(entry.is_file() and not entry.is_symlink() for entry in names.values()):
        return False
    try:
        package = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return isinstance(package, dict) and package.get("name") == "kommunkompassen"


def to_table(name: str, rows: list[dict]) -> pa.Table:
    schema = TABLES[name]
    columns = {f.name: [r.get(f.name) for r in rows] for f in schema}
    return pa.Table.from_pydict(columns, schema=schema)


def dataset_tables(dataset: Dataset, findings: list[dict], themes: list[dict]) -> dict[str, pa.Table]:
    """Every table of a reconciled dataset, typed: `findings` are the dataset's findings with their
    themes and recurring ids, `themes` the taxonomy's rows; check records become rows."""
    return {
        "documents": to_table("documents", dataset.documents),
        "evaluations": to_table("evaluations", dataset.evaluations),
        "area_scores": to_table("area_scores", dataset.area_scores),
        "score_observations": to_table("score_observations", dataset.score_observations),
        "findings": to_table("findings", findings),
        "checks": to_table("checks", [dataclasses.asdict(c) for c in dataset.checks]),
        "themes": to_table("themes", themes),
    }


def _exchange(a: Path, b: Path) -> bool:
    """Atomically swap two paths (Linux renameat2); False where the call is unavailable."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd = -100
    if renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), RENAME_EXCHANGE) == 0:
        return True
    if ctypes.get_errno() in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP):
        return False
    raise OSError(ctypes.get_errno(), os.strerror(ctypes.get_errno()), str(a))


def recover(out_dir: Path) -> None:
    """Finish a swap a crash interrupted: a lone '<out>.old' is the last complete dataset."""
    old = out_dir.with_name(out_dir.name + ".old")
    if old.exists() and not out_dir.exists():
        old.rename(out_dir)
    elif old.exists():
        shutil.rmtree(old, ignore_errors=True)
    for stale in out_dir.parent.glob(f".{out_dir.name}.tmp-*"):
        shutil.rmtree(stale, ignore_errors=True)


def write_dataset(tables: dict[str, pa.Table], out_dir: Path) -> None:
    """Write every table into a fresh folder and swap it in whole. A full disk or a folder that
    cannot be written is EnvironmentProblem; the previous dataset is kept either way. A symlinked
    out_dir is written at its target: the swap would otherwise replace the link by a folder."""
    out_dir = resolved(out_dir)
    try:
        _write_and_swap(tables, out_dir)
    except OSError as e:
        raise EnvironmentProblem(
            f"could not write the dataset to {out_dir}: {os_reason(e)} (the previous dataset is kept)"
        ) from e


def _write_and_swap(tables: dict[str, pa.Table], out_dir: Path) -> None:
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    recover(out_dir)
    tmp = out_dir.with_name(f".{out_dir.name}.tmp-{os.getpid()}")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir()
    try:
        for name, table in tables.items():
            pq.write_table(table, tmp / f"{name}.parquet")
        (tmp / "datapackage.json").write_text(
            json.dumps(datapackage(tables), indent=2, ensure_ascii=False), encoding="utf-8"
        )
        (tmp / MARKER).write_text(MARKER_TEXT, encoding="utf-8")
        for f in tmp.iterdir():
            with open(f, "rb") as fh:
                os.fsync(fh.fileno())
        if not out_dir.exists():
            tmp.rename(out_dir)
        elif _exchange(tmp, out_dir):
            shutil.rmtree(tmp)
        else:
            old = out_dir.with_name(out_dir.name + ".old")
            out_dir.rename(old)
            tmp.rename(out_dir)
            shutil.rmtree(old)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


@contextmanager
def output_lock(out_dir: Path, wait_s: float = 0.0) -> Iterator[None]:
    """Hold '<out>.lock' for a whole run; wait up to wait_s, then refuse with the holder's pid. The
    lock is taken beside the folder that is written: a symlink's target."""
    out_dir = resolved(out_dir)
    path = out_dir.with_name(out_dir.name + ".lock")
    try:
        out_dir.parent.mkdir(parents=True, exist_ok=True)
        fh = open(path, "a+")
    except OSError as e:
        raise EnvironmentProblem(f"cannot take the lock {path}: {os_reason(e)}") from e
    deadline = time.monotonic() + wait_s
    while True:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
            break
        except BlockingIOError:
            if time.monotonic() >= deadline:
                fh.seek(0)
                holder = fh.read().strip() or "unknown"
                fh.close()
                raise LockedError(
                    f"another kompass run (pid {holder}) is writing {out_dir}; "
                    f"wait for it to finish or use --lock-wait SECONDS"
                ) from None
            time.sleep(0.2)
    try:
        fh.seek(0)
        fh.truncate()
        fh.write(str(os.getpid()))
        fh.flush()
        yield
    finally:
        fh.seek(0)
        fh.truncate()
        fcntl.flock(fh, fcntl.LOCK_UN)
        fh.close()
