"""Adding a rule is one new module plus its data cases, no other file edited (issue 10).

The test copies the package, the data and the rule cases to a temporary tree, writes a rule
module into the copy's ``checker/rules/`` and a case file beside the others, and runs the copy:
the rule is listed by ``fzcheck rules``, explained by ``fzcheck explain``, written into the
generated ``docs/rules.md``, reported in the JSON output of ``fzcheck check`` and its cases pass.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent

NEW_RULE = '''"""A rule that lives in a module of its own: no exclamation marks in a report."""

from __future__ import annotations

import re

from .declare import hit_at, rule
from .examples import MINI, variant

_EXCLAIM = re.compile("[！!]+")


@rule(
    id="exclamation-mark",
    family="text",
    severity="info",
    summary="报告里用了感叹号",
    rationale="年度报告是陈述性公文，语气平实，不用感叹号。",
    source="GB/T 15834-2011《标点符号用法》；公文写作规范",
    bad=variant("覆盖县乡村三级。", "覆盖县乡村三级！"),
    good=MINI,
)
def exclamation_mark(report, template):
    for i, p in enumerate(report.source.paragraphs):
        for m in _EXCLAIM.finditer(p.text):
            yield hit_at(i, f"这里用了感叹号「{m.group(0)}」。", "改用句号。", start=m.start(), end=m.end(), mark=m.group(0))
'''

NEW_CASES = """rule: exclamation-mark
cases:
  - name: an exclamation mark after a result
    base: mini
    replace: [["覆盖县乡村三级。", "覆盖县乡村三级！"]]
    fires: [{rule: exclamation-mark, severity: info, data: {mark: ！}}]
  - name: two of them, half-width
    base: clean
    replace: [["全年新增网上可办事项126项", "全年新增网上可办事项126项!!"]]
    fires: [{rule: exclamation-mark, data: {mark: "!!"}}]
  - name: the clean draft
    base: clean
"""

# Run in the copy: the CLI's commands in-process (typer's runner) and the case runner.
DRIVER = """
import json, sys
from typer.testing import CliRunner
from checker.cli import app
from checker import docgen
from tests.rules.cases import CASES, load, problems

out = {"module": __import__("checker").__file__}
runner = CliRunner()
out["rules"] = runner.invoke(app, ["rules"]).output
explained = runner.invoke(app, ["explain", "exclamation-mark"])
out["explain"] = [explained.exit_code, explained.output]
out["docgen"] = docgen.main([])
out["cases"] = [problems(case) for case in load(CASES / "exclamation-mark.yaml")]
json.dump(out, sys.stdout, ensure_ascii=False)
"""


def _copy_tree(to: Path) -> None:
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for name in ("checker", "templates", "grammars"):
        shutil.copytree(ROOT / name, to / name, ignore=ignore)
    (to / "docs").mkdir()
    shutil.copy(ROOT / "docs" / "rules.md", to / "docs" / "rules.md")
    (to / "tests").mkdir()
    for name in ("__init__.py", "drafts.py"):
        shutil.copy(ROOT / "tests" / name, to / "tests" / name)
    shutil.copytree(ROOT / "tests" / "rules", to / "tests" / "rules", ignore=ignore)


def _run(tree: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(tree), "PYTHONDONTWRITEBYTECODE": "1"}
    return subprocess.run([sys.executable, *args], cwd=tree, env=env, capture_output=True, text=True, encoding="utf-8", timeout=120)


def test_a_rule_in_one_new_module_is_listed_explained_documented_and_reported(tmp_path: Path) -> None:
    tree = tmp_path / "tree"
    _copy_tree(tree)
    old_docs = (tree / "docs" / "rules.md").read_text(encoding="utf-8")
    (tree / "checker" / "rules" / "exclamation.py").write_text(NEW_RULE, encoding="utf-8")
    (tree / "tests" / "rules" / "cases" / "exclamation-mark.yaml").write_text(NEW_CASES, encoding="utf-8")

    driven = _run(tree, "-c", DRIVER)
    assert driven.returncode == 0, driven.stderr
    out = json.loads(driven.stdout)
    assert out["module"].startswith(str(tree))  # the copy ran, not this checkout
    listed = [line.split()[0] for line in out["rules"].splitlines() if line.strip()]
    assert listed[-1] == "exclamation-mark"  # a module without ORDER comes after the families
    assert "directive-unknown" in listed and len(listed) == len(set(listed))
    code, explained = out["explain"]
    assert code == 0 and "年度报告是陈述性公文" in explained and "覆盖县乡村三级！" in explained
    assert out["docgen"] == 0
    docs = (tree / "docs" / "rules.md").read_text(encoding="utf-8")
    assert "## exclamation-mark" in docs and "## exclamation-mark" not in old_docs
    assert "| [`exclamation-mark`](#exclamation-mark) | 文字 | 提示 | 报告里用了感叹号 |" in docs
    assert out["cases"] == [[], [], []]  # its data cases pass in the one runner

    draft = tree / "draft.txt"
    draft.write_text((ROOT / "examples" / "liuxi-2023-draft.txt").read_text(encoding="utf-8") + "全县上下干劲十足！\n", encoding="utf-8")
    checked = _run(tree, "-m", "checker", "check", "--format", "json", str(draft))
    assert checked.returncode in (0, 1), checked.stderr
    (result,) = json.loads(checked.stdout)["results"]
    found = [f for f in result["findings"] if f["rule"] == "exclamation-mark"]
    assert found and found[-1]["severity"] == "info" and found[-1]["data"] == {"mark": "！"}
