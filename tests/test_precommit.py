"""The pre-commit hook: `pre-commit try-repo` on this repository's hook fails on a faulty draft
and passes once the draft is fixed.

pre-commit installs the hook repository (fzcheck and its dependencies) into a fresh virtual
environment, so this test needs the package index and takes about half a minute. The hook
repository is a committed copy of the files the package is built from, because try-repo reads
a git repository and the working tree here holds other people's uncommitted work.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from checker.rules.examples import MINI, variant

ROOT = Path(__file__).resolve().parent.parent
PACKAGE_FILES = ("pyproject.toml", "README.md", ".pre-commit-hooks.yaml")
PACKAGE_DIRS = ("checker", "grammars", "templates")

pytestmark = pytest.mark.skipif(
    importlib.util.find_spec("pre_commit") is None, reason="pre-commit is not installed (pip install pre-commit)"
)

FAULTY = variant(
    "四、2024年推进法治政府建设的主要安排\n"
    "一是深入学习贯彻习近平法治思想；二是推进严格规范公正文明执法，开展执法案卷评查；三是加强行政复议和应诉工作，提升行政机关负责人出庭应诉质量。\n",
    "",
)


def git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, env=_env())


def _env(**extra: str) -> dict[str, str]:
    # no PYTHONPATH: the hook must run the fzcheck installed in pre-commit's environment
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "PRE_COMMIT", "PYTHONPATH"))}
    env.update(
        GIT_AUTHOR_NAME="fzcheck test", GIT_AUTHOR_EMAIL="test@example.invalid",
        GIT_COMMITTER_NAME="fzcheck test", GIT_COMMITTER_EMAIL="test@example.invalid",
        GIT_CONFIG_GLOBAL=os.devnull, GIT_CONFIG_NOSYSTEM="1",
    )
    env.update(extra)
    return env


def hook_repository(target: Path) -> Path:
    """A git repository holding what pip needs to build fzcheck, and the hook definition."""
    target.mkdir()
    for name in PACKAGE_FILES:
        shutil.copy2(ROOT / name, target / name)
    for name in PACKAGE_DIRS:
        shutil.copytree(ROOT / name, target / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    git(target, "init", "-q")
    git(target, "add", "-A")
    git(target, "commit", "-q", "-m", "fzcheck hook under test")
    return target


def try_repo(project: Path, hooks: Path, home: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", "try-repo", str(hooks), "fzcheck", "--files", "draft.txt"],
        cwd=project, capture_output=True, text=True, timeout=900,
        env=_env(PRE_COMMIT_HOME=str(home), CI="true"),
    )


@pytest.mark.slow
def test_hook_fails_on_a_faulty_draft_and_passes_when_fixed(tmp_path: Path) -> None:
    hooks = hook_repository(tmp_path / "hooks")
    project = tmp_path / "project"
    project.mkdir()
    git(project, "init", "-q")
    draft = project / "draft.txt"
    draft.write_text(FAULTY, encoding="utf-8")
    git(project, "add", "draft.txt")

    failed = try_repo(project, hooks, tmp_path / "pre-commit-home")
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert "section-missing" in failed.stdout
    assert "Failed" in failed.stdout

    draft.write_text(MINI, encoding="utf-8")
    git(project, "add", "draft.txt")
    passed = try_repo(project, hooks, tmp_path / "pre-commit-home")
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "Passed" in passed.stdout


def test_hook_definition() -> None:
    import yaml

    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hook["id"] == "fzcheck"
    assert hook["entry"] == "fzcheck check --skip-non-reports"
    assert hook["language"] == "python"
    assert hook["pass_filenames"] is True
    import re

    pattern = re.compile(hook["files"])
    for name in ("a.docx", "b/c.txt", "d.md", "e.html", "f.htm"):
        assert pattern.search(name), name
    for name in ("a.doc", "b.py", "c.mdx", "d.txt.bak"):
        assert not pattern.search(name), name


# --- the README's snippet, as a user would follow it -------------------------------------------
def readme_snippet() -> dict:
    """The .pre-commit-config.yaml the README tells users to write."""
    import re

    import yaml

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("### pre-commit"):]
    block = re.search(r"```yaml\n(.*?)```", section, re.S).group(1)
    return yaml.safe_load(block)


def head_commit() -> str | None:
    try:
        out = subprocess.run(["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=True)
    except (OSError, subprocess.CalledProcessError):
        return None
    return out.stdout.strip()


def test_readme_snippet_names_the_hook_and_asks_for_a_real_revision() -> None:
    config = readme_snippet()
    (repo,) = config["repos"]
    assert [h["id"] for h in repo["hooks"]] == ["fzcheck"]
    assert repo["rev"] != "v0.1.0"  # no such tag exists
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "git rev-parse HEAD" in readme


README_OF_A_REPORTS_REPOSITORY = """# 柳溪县法治政府建设年度报告草稿库

本仓库存放柳溪县人民政府2024年度法治政府建设年度报告的各版草稿，由县司法局法治督察科维护。

## 使用方法

提交前会自动运行 fzcheck 检查草稿。
"""


@pytest.mark.slow
def test_readme_snippet_in_a_fresh_repository(tmp_path: Path) -> None:
    """The README's snippet with this repository's HEAD as rev: a commit of a README, a
    requirements.txt and a faulty draft fails on the draft alone, and passes once it is fixed."""
    import yaml

    rev = head_commit()
    if rev is None:
        pytest.skip("this checkout is not a git repository")
    config = readme_snippet()
    config["repos"][0]["repo"] = str(ROOT)  # the local clone instead of the address
    config["repos"][0]["rev"] = rev
    project = tmp_path / "project"
    project.mkdir()
    git(project, "init", "-q")
    (project / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    (project / "README.md").write_text(README_OF_A_REPORTS_REPOSITORY, encoding="utf-8")
    (project / "requirements.txt").write_text("pre-commit>=3.7\nopenpyxl>=3.1\n", encoding="utf-8")
    draft = project / "柳溪县2024年度报告.txt"
    draft.write_text(FAULTY, encoding="utf-8")
    env = _env(PRE_COMMIT_HOME=str(tmp_path / "pre-commit-home"), CI="true")
    subprocess.run([sys.executable, "-m", "pre_commit", "install"], cwd=project, env=env, check=True, capture_output=True)
    git(project, "add", "-A")

    def commit() -> subprocess.CompletedProcess:
        return subprocess.run(
            ["git", "commit", "-q", "-m", "draft"], cwd=project, env=env, capture_output=True, text=True, timeout=900
        )

    failed = commit()
    out = failed.stdout + failed.stderr
    assert failed.returncode != 0, out
    assert "柳溪县2024年度报告.txt" in out and "[section-missing]" in out, out
    assert "README.md:" not in out and "requirements.txt:" not in out, out  # no finding on the other files
    assert "已跳过：README.md" in out and "已跳过：requirements.txt" in out, out
    assert "不是法治政府建设年度报告" not in out and "无法检查" not in out, out

    draft.write_text(MINI, encoding="utf-8")
    git(project, "add", "-A")
    passed = commit()
    assert passed.returncode == 0, passed.stdout + passed.stderr
    log = subprocess.run(["git", "log", "--oneline"], cwd=project, capture_output=True, text=True, env=env).stdout
    assert len(log.splitlines()) == 1
