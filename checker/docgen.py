"""Generate docs/rules.md from the rule declarations: ``python -m checker.docgen [--check]``."""

from __future__ import annotations

import sys
from pathlib import Path

from .rules import registry

_FAMILY_CN = {"structure": "结构", "dates": "日期", "indicators": "指标", "figures": "数据", "text": "文字", "review": "发布审查"}
_SEV_CN = {"error": "错误", "warning": "警告", "info": "提示"}
DOC = Path(__file__).resolve().parent.parent / "docs" / "rules.md"


def _block(text: str) -> str:
    return "```text\n" + text.strip("\n") + "\n```"


def rules_markdown() -> str:
    rules = list(registry().values())
    out = [
        "# fzcheck 规则一览",
        "",
        "<!-- 本文件由 `python -m checker.docgen` 根据规则元数据生成，请勿手工修改。 -->",
        "",
        "级别是默认值，模板（`severities:`）或配置文件（`rules:`）可以调整或关闭。",
        "",
        "每条规则在 `checker/rules/` 的模块里声明在它的检查函数上（`@rule(...)`；短语类规则用 `phrase_rule(...)`），"
        "本文件和 `fzcheck explain` 都读这些声明；每条规则的用例见 `tests/rules/cases/〈规则〉.yaml`。",
        "",
        "| 规则 | 类别 | 默认级别 | 说明 |",
        "|---|---|---|---|",
    ]
    for r in rules:
        out.append(f"| [`{r.id}`](#{r.id}) | {_FAMILY_CN.get(r.family, r.family)} | {_SEV_CN[r.severity]} | {r.summary} |")
    for r in rules:
        out += [
            "",
            f"## {r.id}",
            "",
            f"**{r.summary}**（默认级别：{_SEV_CN[r.severity]}）",
            "",
            f"为什么：{r.rationale}",
            "",
            f"依据：{r.source}",
            "",
            "不合格示例（报告此问题）：",
            "",
            _block(r.bad),
            "",
            "合格示例：",
            "",
            _block(r.good),
        ]
    return "\n".join(out) + "\n"


def main(argv: list[str]) -> int:
    text = rules_markdown()
    if "--check" in argv:
        current = DOC.read_text(encoding="utf-8") if DOC.exists() else ""
        if current != text:
            print("docs/rules.md 已过期：运行 python -m checker.docgen 重新生成", file=sys.stderr)
            return 1
        return 0
    from .cli.output import write_file  # the one atomic writer; deferred: checker.cli loads typer and the app

    write_file(DOC, text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
