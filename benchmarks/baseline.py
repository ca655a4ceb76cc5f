"""A previous kompass measured in the same benchmark run (`make bench BASELINE=<git revision>`).

Machines are shared and noisy, and the naive pass is one process while kompass uses every core, so
a ratio measured last week on another machine says little about a change. Measured one after the
other in one run, on the same corpus and with the same workers, `cold / baseline cold` says whether
a change made kompass faster or slower.

The revision's files are exported with `git archive` into a scratch folder (the working tree and
the repository are not touched), and its `kompass` entry point (from its pyproject.toml) runs with
this virtualenv's Python and libraries: its own code, today's dependencies. PYTHONPATH puts its
files first, so its worker processes import its code too.
"""

from __future__ import annotations

import io
import os
import subprocess
import tarfile
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def export_revision(revision: str, dest: Path) -> Path:
    """The files of `revision` (anything `git rev-parse` takes) in `dest`; SystemExit naming the
    problem when git cannot give them."""
    archive = subprocess.run(["git", "archive", "--format=tar", revision], cwd=ROOT, capture_output=True)
    if archive.returncode != 0:
        raise SystemExit(f"--baseline {revision}: git cannot export it: {archive.stderr.decode().strip()}")
    dest.mkdir(parents=True, exist_ok=True)
    with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
        tar.extractall(dest, filter="data")
    return dest


def entry_point(tree: Path) -> tuple[str, str]:
    """(module, function) of the `kompass` console script declared in the tree's pyproject.toml."""
    scripts = tomllib.loads((tree / "pyproject.toml").read_text()).get("project", {}).get("scripts", {})
    if "kompass" not in scripts:
        raise SystemExit(f"{tree}: its pyproject.toml declares no `kompass` script")
    module, _, function = scripts["kompass"].partition(":")
    return module, function


def baseline_command(tree: Path, python: str) -> tuple[list[str], dict[str, str]]:
    """The argv prefix (before `run …`) and environment that run the tree's `kompass`."""
    module, function = entry_point(tree)
    code = f"import sys; from {module} import {function} as main; sys.exit(main())"
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(tree), os.environ.get("PYTHONPATH")])))
    return [python, "-c", code], env
