"""Batch runs: a process pool gives exactly the serial results, in the input order; progress
is reported per file; the summary table closes a batch's text output."""

from __future__ import annotations

import importlib
import json
import pickle
from pathlib import Path


import pytest
from typer.testing import CliRunner

from checker import batch
from checker.rules.examples import MINI, variant
from checker.cli import app
from checker.api import Options, check_paths

cli = importlib.import_module("checker.cli.app")  # the module (the name checker.cli.app is the Typer app)

VARIANTS = {
    "a_clean.txt": MINI,
    "b_no_plan.md": variant("四、2024年推进法治政府建设的主要安排", "四、关于有关工作"),
    "c_relative.txt": variant("全年新增网上可办事项", "今年新增网上可办事项"),
    "d_placeholder.txt": variant("受理21件", "受理XX件"),
    "e_not_a_report.txt": "今天天气很好。\n",
    "f_binary.txt": "\x00\x01\x02 binary",
    "g_early.txt": variant("2024年3月15日", "2023年12月1日"),
}


@pytest.fixture
def drafts(tmp_path: Path) -> Path:
    folder = tmp_path / "drafts"
    (folder / "sub").mkdir(parents=True)
    for name, text in VARIANTS.items():
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "sub" / "h_nested.txt").write_text(variant("柳溪县人民政府\n", ""), encoding="utf-8")
    return folder


def test_parallel_equals_serial(drafts: Path) -> None:
    serial = check_paths([str(drafts)], Options(), jobs=1)
    parallel = check_paths([str(drafts)], Options(), jobs=2)
    assert parallel == serial
    assert [Path(r.path).name for r in serial] == sorted(VARIANTS) + ["h_nested.txt"]
    assert {f.rule for r in serial for f in r.findings} >= {"section-missing", "time-relative", "placeholder"}
    assert any(r.error for r in serial)


def test_cli_jobs_1_and_2_give_the_same_output(drafts: Path) -> None:
    outputs = {}
    for jobs in ("1", "2"):
        result = CliRunner().invoke(app, ["check", "-f", "json", "--jobs", jobs, str(drafts)])
        assert result.exit_code == 2  # the binary file could not be checked
        data = json.loads(result.stdout)
        data.pop("checked_at", None)
        outputs[jobs] = data
    assert outputs["1"]["results"] == outputs["2"]["results"]
    assert outputs["1"]["summary"] == outputs["2"]["summary"]


def test_results_pickle(drafts: Path) -> None:
    for result in check_paths([str(drafts)], Options(), jobs=1):
        assert pickle.loads(pickle.dumps(result)) == result


def test_progress_once_per_file(drafts: Path) -> None:
    for jobs in (1, 2):
        seen: list[str] = []
        results = check_paths([str(drafts)], Options(), progress=lambda r: seen.append(r.path), jobs=jobs)
        assert sorted(seen) == sorted(r.path for r in results)


def test_pool_that_cannot_start_falls_back_to_serial(drafts: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    expected = check_paths([str(drafts)], Options(), jobs=1)

    def no_pool(*args, **kwargs):
        raise OSError("no semaphores here")

    import concurrent.futures

    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", no_pool)  # batch imports it when it has workers
    seen: list[str] = []
    assert check_paths([str(drafts)], Options(), progress=lambda r: seen.append(r.path), jobs=4) == expected
    assert len(seen) == len(expected)


def test_a_defect_on_one_file_does_not_stop_the_batch(drafts: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real = batch.check_file

    def flaky(path: str, options: Options):
        if path.endswith("c_relative.txt"):
            raise RuntimeError("boom")
        return real(path, options)

    monkeypatch.setattr(batch, "check_file", flaky)
    results = check_paths([str(drafts)], Options(), jobs=1)
    broken = [r for r in results if r.error and r.error.code == "internal-error"]
    assert [Path(r.path).name for r in broken] == ["c_relative.txt"]
    assert "内部错误" in broken[0].error.message
    assert len(results) == len(VARIANTS) + 1


def test_summary_table_only_for_batches(drafts: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(drafts)  # short paths: each row of the table on one line
    many = CliRunner().invoke(app, ["check", "--jobs", "2", "."])
    assert "汇总" in many.stdout
    tail = many.stdout[many.stdout.index("汇总"):]
    for name in VARIANTS:
        if name != "e_not_a_report.txt":  # found in a directory and not like a report: skipped
            assert name in tail
    assert "e_not_a_report.txt" not in tail and "另有 1 个文件不像法治政府建设年度报告，已跳过" in tail
    assert "已跳过：" in many.stderr and "e_not_a_report.txt 不像法治政府建设年度报告" in many.stderr
    rows = {line.split()[0].rsplit("/", 1)[-1]: line.split()[-1] for line in tail.splitlines() if ".txt" in line or ".md" in line}
    assert set(rows) == set(VARIANTS) - {"e_not_a_report.txt"} | {"h_nested.txt"}
    assert rows["a_clean.txt"] == "有警告" and rows["d_placeholder.txt"] == "有错误"
    assert rows["f_binary.txt"] == "无法检查" and rows["c_relative.txt"] == "有警告"
    assert "未通过" not in tail and "通过" not in tail
    one = CliRunner().invoke(app, ["check", str(drafts / "a_clean.txt")])
    assert "汇总" not in one.stdout
    as_json = CliRunner().invoke(app, ["check", "-f", "json", str(drafts)])
    json.loads(as_json.stdout)  # the table never spoils machine-readable output


def test_summary_table_counts(drafts: Path) -> None:
    results = check_paths([str(drafts)], Options(), jobs=1)
    table = batch.summary_table(results, "error")
    total_line = next(line for line in table.splitlines() if "共" in line)
    errors = sum(1 for r in results for f in r.findings if f.severity == "error")
    assert f"共 {len(results)} 个文件" in total_line
    assert str(errors) in total_line.split()


def test_progress_bar_only_at_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    class Tty:
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr(cli.sys, "stderr", Tty())
    monkeypatch.delenv("CI", raising=False)
    assert cli.progress_wanted()
    monkeypatch.setenv("CI", "true")
    assert not cli.progress_wanted()
    monkeypatch.setenv("CI", "false")
    assert cli.progress_wanted()
    monkeypatch.setattr(cli.sys, "stderr", object())  # a pipe without isatty
    assert not cli.progress_wanted()


def test_progress_bar_runs_and_leaves_stdout_alone(drafts: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """With a terminal on stderr the bar is drawn there; stdout is the same as without it."""
    plain = CliRunner().invoke(app, ["check", "-f", "json", "--jobs", "2", str(drafts)]).stdout
    monkeypatch.setattr(cli, "progress_wanted", lambda: True)
    with_bar = CliRunner().invoke(app, ["check", "-f", "json", "--jobs", "2", str(drafts)])
    assert with_bar.exit_code == 2
    assert json.loads(with_bar.stdout)["results"] == json.loads(plain)["results"]
