"""benchmarks.baseline: another revision's kompass, run from its own files with this virtualenv."""

from __future__ import annotations

import subprocess
import sys

import pytest

from benchmarks.baseline import baseline_command, entry_point, export_revision


def test_a_revision_is_exported_and_its_own_kompass_runs(tmp_path):
    tree = export_revision("HEAD", tmp_path / "tree")
    assert entry_point(tree) == ("cli", "main")
    command, env = baseline_command(tree, sys.executable)
    probe = command[:2] + [command[2].replace("sys.exit(main())", "print(sys.modules['cli'].__file__)")]
    out = subprocess.run(probe, cwd=tree, env=env, capture_output=True, text=True, check=True).stdout
    assert out.strip() == str(tree / "cli" / "__init__.py")  # its files, not the working tree's
    done = subprocess.run([*command, "--help"], cwd=tree, env=env, capture_output=True, text=True)
    assert done.returncode == 0 and "Usage: " in done.stdout


def test_a_revision_git_does_not_know_is_named(tmp_path):
    with pytest.raises(SystemExit, match="--baseline no-such-revision: git cannot export it"):
        export_revision("no-such-revision", tmp_path / "tree")


def test_a_tree_without_a_kompass_script_is_refused(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "other"\n')
    with pytest.raises(SystemExit, match="declares no `kompass` script"):
        entry_point(tmp_path)
