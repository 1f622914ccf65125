"""--format xlsx: the reviewer's workbook agrees with the JSON output, file by file and finding by finding."""

from __future__ import annotations

import datetime as dt
import io
import json
import shutil
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from checker.cli import app
from checker.api import Options, check_paths
from checker.render import RenderContext, render_bytes
from checker.template import load_template

from tests.conftest import ROOT
from tests.drafts import CLEAN

EXAMPLE = ROOT / "examples" / "liuxi-2023-draft.txt"
CTX = RenderContext(version="0.1.0", checked_at=dt.datetime(2024, 3, 20, 9, 30))
SEVERITY_CN = {"error": "错误", "warning": "警告", "info": "提示"}


def run(*args: str):
    return CliRunner().invoke(app, list(args))


def conclusion_from_json(result: dict) -> str:
    """The 结论 as the issue defines it, worked out here from the JSON record alone."""
    if result["error"] is not None:
        return "无法检查"
    required = {s.key for s in load_template(result["template"]).sections if s.required}
    findings = result["findings"]
    if any(f["rule"] == "duty-evidence-missing" or (f["rule"] == "section-missing" and f["data"]["section"] in required)
           for f in findings):
        return "需补充内容后复核"
    if any(f["severity"] in ("error", "warning") for f in findings):
        return "修改后发布"
    return "可以发布"


def sheet_rows(ws) -> list[dict]:
    rows = list(ws.iter_rows(values_only=True))
    return [dict(zip(rows[0], row)) for row in rows[1:]]


def assert_workbook_matches_json(workbook: Path, doc: dict) -> None:
    wb = openpyxl.load_workbook(workbook)
    assert wb.sheetnames == ["汇总", "问题清单"]
    summary, findings = sheet_rows(wb["汇总"]), sheet_rows(wb["问题清单"])
    results = doc["results"]
    assert [r["文件"] for r in summary] == [r["path"] for r in results]
    expected_findings = []
    for row, result in zip(summary, results):
        assert row["结论"] == conclusion_from_json(result), result["path"]
        if result["error"]:
            assert row["检查结果"] == "无法检查" and row["主要问题（前三条）"] == result["error"]["message"]
            expected_findings.append((result["path"], None, "无法检查", result["error"]["message"]))
            continue
        counts = {s: sum(f["severity"] == s for f in result["findings"]) for s in SEVERITY_CN}
        assert (row["错误"], row["警告"], row["提示"]) == (counts["error"], counts["warning"], counts["info"])
        report = result["report"]
        assert row["报告主体"] == report["subject"] and row["年度"] == report["year"]
        if report["date"]:
            y, m, d = (int(x) for x in report["date"].split("-"))
            assert row["成文日期"] == f"{y}年{m}月{d}日"
        else:
            assert row["成文日期"] is None
        missing = {f["data"]["section"] for f in result["findings"] if f["rule"] == "section-missing"}
        for key, column in (("first_responsibility", "第一责任人职责"), ("measures", "举措和成效")):
            assert (row[column] == "缺失") == (key in missing), (result["path"], key)
        assert row["其他情况"] in ("已有", "无标题", "非必需")
        expected_findings += [(result["path"], f["rule"], SEVERITY_CN[f["severity"]], f["message"])
                              for f in result["findings"]]
    got = [(r["文件"], r["规则编号"], r["级别"], r["问题"]) for r in findings]
    assert got == expected_findings
    assert all(r["处理情况"] is None for r in findings)  # left for the drafter
    for ws in wb:
        assert ws.freeze_panes == "A2"
        assert ws.auto_filter.ref == f"A1:{ws.cell(1, ws.max_column).column_letter}{ws.max_row}"
        for cell in ws[1]:  # every header fits its column: an 汉字 counts two units
            assert ws.column_dimensions[cell.column_letter].width >= 2 * len(cell.value)


def check_both(tmp_path: Path, *paths: str) -> tuple[Path, dict]:
    workbook = tmp_path / "台账.xlsx"
    r = run("check", *paths, "--format", "xlsx", "-o", str(workbook))
    j = run("check", *paths, "--format", "json")
    assert r.exit_code == j.exit_code, r.output
    return workbook, json.loads(j.stdout)


def broken(tmp_path: Path) -> Path:
    path = tmp_path / "损坏的报告.docx"
    path.write_bytes(b"PK\x03\x04 this is not a whole zip file")
    return path


def test_workbook_of_the_corpus_and_a_broken_file_agrees_with_json(tmp_path, corpus_dir):
    workbook, doc = check_both(tmp_path, str(corpus_dir), str(broken(tmp_path)))
    assert len(doc["results"]) == 6 and doc["results"][-1]["error"]["code"] == "bad-docx"
    assert_workbook_matches_json(workbook, doc)
    conclusions = [r["结论"] for r in sheet_rows(openpyxl.load_workbook(workbook)["汇总"])]
    # 枣阳市、丹江口市、攸县 have no first-responsibility section (SPEC §6)
    assert conclusions[0] == conclusions[3] == conclusions[4] == "需补充内容后复核"
    assert conclusions[-1] == "无法检查"


def test_workbook_of_team_drafts_agrees_with_json(tmp_path):
    clean = tmp_path / "clean.txt"
    clean.write_text(CLEAN, encoding="utf-8")
    shutil.copy(EXAMPLE, tmp_path / "example.txt")
    workbook, doc = check_both(tmp_path, str(tmp_path / "example.txt"), str(clean), str(broken(tmp_path)))
    assert_workbook_matches_json(workbook, doc)
    rows = sheet_rows(openpyxl.load_workbook(workbook)["汇总"])
    assert [r["结论"] for r in rows] == ["需补充内容后复核", "可以发布", "无法检查"]  # the example lacks 第一责任人
    assert rows[0]["主要问题（前三条）"].startswith("1. 【错误】") and rows[0]["主要问题（前三条）"].count("\n") == 2


def test_workbook_content_is_deterministic():
    results = check_paths([str(EXAMPLE)], Options())
    books = [openpyxl.load_workbook(io.BytesIO(render_bytes(results, "xlsx", CTX))) for _ in range(2)]
    values = [[list(ws.iter_rows(values_only=True)) for ws in wb] for wb in books]
    assert values[0] == values[1]
    assert books[0].properties.created == dt.datetime(2024, 3, 20, 9, 30)


def test_cli_wants_an_xlsx_file(tmp_path):
    r = run("check", str(EXAMPLE), "--format", "xlsx", "-o", str(tmp_path / "x.csv"))
    assert r.exit_code == 2 and ".xlsx 结尾" in r.output
    assert not (tmp_path / "x.csv").exists()


@pytest.mark.parametrize("name", ["000_bed4011144ca3846.txt"])
def test_the_quoted_sentence_holds_the_flagged_words(corpus_dir, name):
    results = check_paths([str(corpus_dir / name)], Options())
    wb = openpyxl.load_workbook(io.BytesIO(render_bytes(results, "xlsx", CTX)))
    lines = results[0].report.source.lines
    for row, f in zip(sheet_rows(wb["问题清单"]), results[0].findings):
        flagged = lines[f.line - 1][f.column - 1:f.end_column - 1].strip() if f.line == f.end_line else ""
        if flagged and len(flagged) < 40:
            assert flagged in (row["原文"] or ""), (f, row["原文"])
