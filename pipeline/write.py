"""Write the dataset: Parquet tables and datapackage.json into a folder beside the target, then swap.

A run killed mid-write (kill -9, full disk, exception) leaves the previous dataset as it was: the
new folder is complete before it replaces the old one in a single rename (Linux renameat2
RENAME_EXCHANGE; elsewhere two renames, recovered on the next run). A lock file beside the folder
keeps two runs from writing the same folder at once.
"""
from __future__ import annotations

import ctypes
import errno
import fcntl
import json
import os
import shutil
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import pyarrow as pa
import pyarrow.parquet as pq

from .datapackage import datapackage
from .schema import TABLES

RENAME_EXCHANGE = 2


class LockedError(RuntimeError):
    """Another run holds the output folder's lock."""


def to_table(name: str, rows: list[dict]) -> pa.Table:
    schema = TABLES[name]
    columns = {f.name: [r.get(f.name) for r in rows] for f in schema}
    return pa.Table.from_pydict(columns, schema=schema)


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
    """Write every table into a fresh folder and swap it in whole."""
    out_dir = Path(out_dir)
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    recover(out_dir)
    tmp = out_dir.with_name(f".{out_dir.name}.tmp-{os.getpid()}")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir()
    try:
        for name, table in tables.items():
            pq.write_table(table, tmp / f"{name}.parquet")
        (tmp / "datapackage.json").write_text(json.dumps(datapackage(tables), indent=2, ensure_ascii=False),
                                              encoding="utf-8")
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
    """Hold '<out>.lock' for a whole run; wait up to wait_s, then refuse with the holder's pid."""
    out_dir = Path(out_dir)
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    path = out_dir.with_name(out_dir.name + ".lock")
    fh = open(path, "a+")
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
                raise LockedError(f"another kompass run (pid {holder}) is writing {out_dir}; "
                                  f"wait for it to finish or use --lock-wait SECONDS") from None
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
