"""The built wheel carries the grammars and templates: install it in a fresh venv, run it elsewhere."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import venv

import pytest

from .conftest import ROOT


@pytest.mark.slow
def test_wheel_installs_and_runs_outside_the_repository(tmp_path):
    dist = tmp_path / "dist"
    build = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(dist), str(ROOT)],
        capture_output=True, text=True,
    )
    assert build.returncode == 0, build.stderr
    (wheel,) = dist.glob("fzcheck-*.whl")

    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    bindir = env_dir / ("Scripts" if os.name == "nt" else "bin")
    install = subprocess.run(
        [str(bindir / "python"), "-m", "pip", "install", "-q", "--disable-pip-version-check", str(wheel)],
        capture_output=True, text=True,
    )
    assert install.returncode == 0, install.stderr

    work = tmp_path / "elsewhere"
    work.mkdir()
    shutil.copy(ROOT / "examples" / "liuxi-2023-draft.txt", work / "draft.txt")
    clean_env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    run = subprocess.run(
        [str(bindir / "fzcheck"), "check", "--format", "json", "draft.txt"],
        cwd=work, capture_output=True, text=True, env=clean_env,
    )
    assert run.returncode == 1, run.stderr  # the sample draft has errors
    doc = json.loads(run.stdout)
    (result,) = doc["results"]
    assert result["report"]["year"] == 2023
    assert any("measures" in s["keys"] for s in result["report"]["sections"])
    assert "section-missing" in {f["rule"] for f in result["findings"]}
    where = subprocess.run(
        [str(bindir / "python"), "-c", "import checker, sys; print(checker.__file__)"],
        cwd=work, capture_output=True, text=True, env=clean_env,
    )
    assert str(env_dir) in where.stdout  # the installed copy, not the checkout
    templates = subprocess.run([str(bindir / "fzcheck"), "templates"], cwd=work, capture_output=True, text=True, env=clean_env)
    assert templates.returncode == 0 and "annual" in templates.stdout
    for fmt in ("docx", "xlsx"):  # the binary formats and their dependencies (python-docx, openpyxl)
        made = subprocess.run([str(bindir / "fzcheck"), "check", "draft.txt", "--format", fmt, "-o", f"out.{fmt}"],
                              cwd=work, capture_output=True, text=True, env=clean_env)
        assert made.returncode == 1 and (work / f"out.{fmt}").stat().st_size > 0, made.stderr
