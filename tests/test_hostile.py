"""Hostile files and process faults (issue "Hostile files and process faults"): one test (or a
few) per way in which a hostile tester got through, each reproducing it.

Files that cost memory or time are checked by the real command line in a child process under
a 1 GB address-space cap and a time limit (:func:`tests.hostile.run_capped`): before the fix
each of them either ran out of memory, ran over the limit, or was read wrongly; after it each
ends with exit 2, a Chinese message naming the problem, and no traceback.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from checker.rules.examples import MINI
from checker.engine import check_file

from tests.hostile import (
    Capped,
    comment_flood_docx,
    deep_html,
    doctype_after_blanks_docx,
    mini_docx,
    numbered_docx,
    numbering_xml,
    run_capped,
)

from tests.test_bad_input import FORMATS, run  # the same formats and CLI runner (``work``: tests/conftest.py)


def assert_refused(done, *words: str) -> None:
    """Exit 2, the words in the message, no traceback, no 「内部错误」."""
    if isinstance(done, Capped):
        code, output = done.code, done.stdout + done.stderr
    else:  # a CliRunner result
        code, output = done.exit_code, done.output
    assert code == 2, output
    assert "Traceback" not in output and "内部错误" not in output, output
    for word in words:
        assert word in output, (word, output)


def error_of(path: Path) -> tuple[str, str]:
    result = check_file(str(path))
    assert result.error is not None, result.findings
    return result.error.code, result.error.message


# --- 1. Word numbering labels ------------------------------------------------------------------
@pytest.mark.parametrize("numbering, paragraphs, words", [
    (numbering_xml(200_000_000, "upperLetter", "%1" * 9), 30, ("起始值 200000000",)),
    (numbering_xml(1, "decimal", "x" * 100_000), 2000, ("格式文字长 100000",)),
    (numbering_xml(32767, "upperLetter", "%1" * 9), 30, ("标签超过",)),
], ids=["huge-start", "long-level-text", "long-label"])
def test_numbering_labels_are_bounded(work: Path, numbering: str, paragraphs: int, words: tuple[str, ...]) -> None:
    """A 38 KB .docx used to take 14 GB (a start of 200,000,000 in letters, nine times over)
    or run for minutes (a 100,000-character level text on 2,000 paragraphs)."""
    (work / "bomb.docx").write_bytes(numbered_docx(numbering, paragraphs))
    done = run_capped("check", "bomb.docx", cwd=work)
    assert_refused(done, "bomb.docx", "自动编号", *words)
    assert done.seconds < 20
    assert error_of(work / "bomb.docx")[0] == "too-complex"


def test_real_numbering_is_still_read(work: Path) -> None:
    """The bounds are far from what Word writes: start 32767, letters, a level text of %1."""
    (work / "ok.docx").write_bytes(numbered_docx(numbering_xml(32767, "decimal", "%1."), 3))
    result = check_file(str(work / "ok.docx"))
    assert result.error is None
    labels = [p.prefix for p in result.report.source.paragraphs if p.prefix]
    assert labels == ["32767.", "32768.", "32769."]


# --- 2. the DOCTYPE pre-scan ---------------------------------------------------------------------
def test_unterminated_comments_are_scanned_in_linear_time(work: Path) -> None:
    """Twenty 9.9 MB members of an unterminated ``<!--`` (a 233 KB file) used to cost 18 s."""
    (work / "flood.docx").write_bytes(comment_flood_docx())
    assert (work / "flood.docx").stat().st_size < 400_000
    done = run_capped("check", "flood.docx", cwd=work)
    assert_refused(done, "flood.docx", "注释")
    assert done.seconds < 10
    assert error_of(work / "flood.docx")[0] == "unsafe-xml"


@pytest.mark.slow
def test_one_huge_member_of_comment(work: Path) -> None:
    """One 190 MB member (582 s and 1 GB before): the guard reads only its first 64 KB."""
    (work / "huge.docx").write_bytes(comment_flood_docx(members=1, size=190_000_000, noisy=True))
    assert (work / "huge.docx").stat().st_size < 20 * 1024 * 1024
    done = run_capped("check", "huge.docx", cwd=work)
    assert_refused(done, "huge.docx", "注释")
    assert done.seconds < 10


@pytest.mark.parametrize("blanks", [b" " * 600, b"\r\n" * 5000, "\ufeff".encode() + b"\t" * 3000],
                         ids=["spaces", "newlines", "bom-tabs"])
def test_doctype_behind_blanks_and_comments_is_refused(work: Path, blanks: bytes) -> None:
    """≥ 512 bytes of white space before the DTD used to skip the guard."""
    (work / "dtd.docx").write_bytes(doctype_after_blanks_docx(blanks))
    code, message = error_of(work / "dtd.docx")
    assert code == "unsafe-xml" and "DOCTYPE" in message and "word/document.xml" in message


def test_a_long_comment_before_the_root_is_still_read(work: Path) -> None:
    """A prolog of a few KB (a generator's licence comment) is within the bound."""
    from tests.hostile import rezip
    import io
    import zipfile

    with zipfile.ZipFile(io.BytesIO(mini_docx())) as zf:
        body = zf.read("word/document.xml")
    at = body.index(b"<w:document")
    commented = body[:at] + b"<!-- " + b"licence " * 1000 + b"-->\n" + body[at:]
    (work / "ok.docx").write_bytes(rezip(mini_docx(), {"word/document.xml": commented}))
    assert check_file(str(work / "ok.docx")).error is None


# --- 3. -o onto things that are not regular files ------------------------------------------------
def _special_outputs(work: Path) -> list[tuple[str, str]]:
    made = []
    os.mkfifo(work / "fifo.json")
    made.append(("fifo.json", "命名管道"))
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(work / "sock.json"))
    made.append(("sock.json", "套接字"))
    (work / "target.json").write_text("keep", encoding="utf-8")
    os.symlink("target.json", work / "link.json")
    made.append(("link.json", "符号链接"))
    (work / "dir.json").mkdir()
    made.append(("dir.json", "目录"))
    try:
        os.mknod(work / "null.json", 0o666 | stat.S_IFCHR, os.makedev(1, 3))
        made.append(("null.json", "字符设备"))
    except (PermissionError, OSError):
        pass  # not root: no device node to try
    return made


def test_output_refuses_what_is_not_a_regular_file(work: Path) -> None:
    """A character device, a FIFO, a socket or a symlink used to become a regular file."""
    for name, why in _special_outputs(work):
        before = os.lstat(work / name)
        result = run("check", "good.txt", "-f", "json", "-o", name)
        assert_refused(result, name, why, "拒绝写入")
        after = os.lstat(work / name)
        assert stat.S_IFMT(after.st_mode) == stat.S_IFMT(before.st_mode), name
        assert (after.st_ino, after.st_dev) == (before.st_ino, before.st_dev), name
    assert (work / "target.json").read_text(encoding="utf-8") == "keep"
    assert not [p for p in os.listdir(work) if p.endswith(".tmp")]


def test_output_mode_kept_or_from_the_umask(work: Path) -> None:
    (work / "old.json").write_text("{}", encoding="utf-8")
    os.chmod(work / "old.json", 0o604)
    old_umask = os.umask(0o027)
    try:
        assert run("check", "good.txt", "-f", "json", "-o", "old.json").exit_code == 0
        assert run("check", "good.txt", "-f", "json", "-o", "new.json").exit_code == 0
    finally:
        os.umask(old_umask)
    assert stat.S_IMODE(os.stat(work / "old.json").st_mode) == 0o604
    assert stat.S_IMODE(os.stat(work / "new.json").st_mode) == 0o640
    assert json.loads((work / "new.json").read_text(encoding="utf-8"))["summary"]["files"] == 1


# --- 4. file names that are not UTF-8 ------------------------------------------------------------
def test_file_name_not_utf8_in_every_format(work: Path) -> None:
    """GBK bytes in a name used to crash every format with -o, and SARIF even on stdout."""
    raw = "报告".encode("gbk") + b".txt"  # b'\xb1\xa8\xb8\xe6.txt'
    (work / "in").mkdir()
    with open(os.path.join(os.fsencode(work / "in"), raw), "w", encoding="utf-8") as fh:
        fh.write(MINI)
    shown = r"\xb1\xa8\xb8\xe6.txt"
    for fmt in FORMATS:
        to_file = run("check", "-f", fmt, "-o", f"out.{fmt}", "in")
        assert to_file.exit_code == 0, (fmt, to_file.output)
        written = (work / f"out.{fmt}").read_text(encoding="utf-8")
        if fmt == "sarif":
            uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                    for r in json.loads(written)["runs"][0]["results"]}
            assert "in/%B1%A8%B8%E6.txt" in uris
        elif fmt == "json":
            assert "in/" + shown in [r["path"] for r in json.loads(written)["results"]]
        else:  # Markdown escapes the backslash and the dot, HTML nothing of it
            assert r"\xb1\xa8\xb8\xe6" in written.replace("\\\\", "\\"), fmt
    for fmt in ("sarif", "json", "text"):  # a real stdout, which cannot carry surrogates
        to_stdout = run_capped("check", "-f", fmt, "in", "good.txt", cwd=work)
        assert to_stdout.code == 0 and "Traceback" not in to_stdout.stderr, (fmt, to_stdout.stderr)
        assert ("%B1%A8" if fmt == "sarif" else "xb1") in to_stdout.stdout, fmt
    assert shown in to_stdout.stdout.split("汇总")[1]  # the summary table


# --- 5. output: in a configuration file ----------------------------------------------------------
@pytest.mark.parametrize("value", ["../escape.json", "~/.bashrc", "{work}/escape.json", "sub/../../escape.json",
                                   "out/escape.json"])
def test_config_output_must_stay_in_its_tree(work: Path, value: str) -> None:
    (work / "proj").mkdir()
    os.symlink(work, work / "proj" / "out")  # a directory link out of the tree
    value = value.format(work=work)
    (work / "proj" / ".fzcheck.yaml").write_text(f"output: '{value}'\n", encoding="utf-8")
    (work / "proj" / "good.txt").write_text(MINI, encoding="utf-8")
    os.chdir(work / "proj")
    for args in (("check", "good.txt"), ("check", "--print-config")):
        result = run(*args)
        assert_refused(result, "output", "配置文件所在目录之外")
    assert not (work / "escape.json").exists()


def test_config_output_inside_its_tree_is_used_and_shown(work: Path) -> None:
    (work / "proj" / "reports").mkdir(parents=True)
    (work / "proj" / ".fzcheck.yaml").write_text("output: reports/out.txt\n", encoding="utf-8")
    (work / "proj" / "good.txt").write_text(MINI, encoding="utf-8")
    os.chdir(work / "proj")
    shown = run("check", "--print-config")
    assert shown.exit_code == 0
    assert any("output" in line and "reports/out.txt" in line and "配置文件" in line for line in shown.output.splitlines())
    assert run("check", "good.txt").exit_code == 0
    assert "good.txt" in (work / "proj" / "reports" / "out.txt").read_text(encoding="utf-8")


# --- 6. and 14. configuration and template files as data ------------------------------------------
def _alias_bomb(top: str) -> str:
    lines = ['a: &a ["笑", "笑", "笑", "笑", "笑", "笑", "笑", "笑", "笑"]']
    for i in range(1, 10):
        prev, cur = chr(96 + i), chr(97 + i)
        lines.append(f"{cur}: &{cur} [{', '.join(['*' + prev] * 9)}]")
    return "\n".join(lines) + f"\n{top}: *j\n"


@pytest.mark.parametrize("where", ["config", "template"])
def test_yaml_alias_bomb_is_refused(work: Path, where: str) -> None:
    """A billion laughs in YAML used to hang fzcheck (its error message expanded it)."""
    if where == "config":
        (work / ".fzcheck.yaml").write_text(_alias_bomb("exclude"), encoding="utf-8")
        done = run_capped("check", "good.txt", cwd=work, timeout=30)
    else:
        (work / "t.yaml").write_text("extends: annual\n" + _alias_bomb("description"), encoding="utf-8")
        done = run_capped("check", "-t", "t.yaml", "good.txt", cwd=work, timeout=30)
    assert_refused(done, "别名")
    assert done.seconds < 10


DEEP_YAML = "exclude: " + "[" * 5000 + "]" * 5000 + "\n"
DEEP_TOML = "[tool.fzcheck]\nexclude = " + "[" * 5000 + "]" * 5000 + "\n"


@pytest.mark.parametrize("name, content", [
    (".fzcheck.yaml", DEEP_YAML),
    (".fzcheck.yaml", "rules: " + "{a: " * 5000 + "1" + "}" * 5000 + "\n"),
    ("pyproject.toml", DEEP_TOML),
    (".fzcheck.yaml", "format: [text]\n"),
    (".fzcheck.yaml", "fail-on: {error: 1}\n"),
    (".fzcheck.yaml", "rules: {placeholder: [error]}\n"),
    (".fzcheck.yaml", "rules: {placeholder: {a: 1}}\n"),
    (".fzcheck.yaml", "jobs: [2]\n"),
    (".fzcheck.yaml", "jobs: 100000\n"),
    (".fzcheck.yaml", "template: [annual]\n"),
    (".fzcheck.yaml", "max-size: .nan\n"),
    (".fzcheck.yaml", "year: 99999999999999999999999\n"),
], ids=["deep-yaml", "deep-yaml-map", "deep-toml", "format-list", "fail-on-map", "severity-list",
        "severity-map", "jobs-list", "jobs-huge", "template-list", "max-size-nan", "year-huge"])
def test_bad_config_gives_a_message(work: Path, name: str, content: str) -> None:
    (work / name).write_text(content, encoding="utf-8")
    assert_refused(run("check", "good.txt"), "配置文件")


TEMPLATE_FAULTS = {
    "deep": "description: " + "[" * 5000 + "]" * 5000,
    "severity-list": "severities: {placeholder: [error]}",
    "severity-map": "severities: {placeholder: {x: 1}}",
    "section-key-list": "sections: [{key: [measures], title: x, regulation: y}]",
    "missing-severity-list": "sections: [{key: measures, missing_severity: [error]}]",
    "indicator-key-map": "indicators: [{key: {a: 1}, topic: x, patterns: [a]}]",
    "phrases-list": "phrases: [a, b]",
    "phrases-nested": "phrases: {placeholder: [[a]]}",
    "deadline-list": "deadlines: {publish: [03-31]}",
    "name-list": "name: [x]",
}


@pytest.mark.parametrize("fault", list(TEMPLATE_FAULTS))
def test_bad_template_gives_a_message(work: Path, fault: str) -> None:
    (work / "t.yaml").write_text("extends: annual\n" + TEMPLATE_FAULTS[fault] + "\n", encoding="utf-8")
    assert_refused(run("check", "-t", "t.yaml", "good.txt"), "模板")


# --- 7. HTML nested deeper than 255 levels --------------------------------------------------------
def test_deep_html_is_read_whole(work: Path) -> None:
    """300 levels used to be cut at 255: the article vanished and sections were 'missing'."""
    (work / "deep.html").write_bytes(deep_html(300))
    result = check_file(str(work / "deep.html"))
    assert result.error is None
    assert "section-missing" not in [f.rule for f in result.findings]
    texts = [p.text for p in result.report.source.paragraphs]
    assert texts[0] == MINI.splitlines()[0] and texts[-1] == MINI.splitlines()[-1]


def test_html_deeper_than_the_bound_is_refused(work: Path) -> None:
    (work / "deeper.html").write_bytes(deep_html(5000))
    done = run_capped("check", "deeper.html", cwd=work)
    assert_refused(done, "deeper.html", "嵌套超过")
    assert error_of(work / "deeper.html")[0] == "too-complex"


# --- 8. signals ---------------------------------------------------------------------------------
def _batch(work: Path, count: int = 160) -> None:
    (work / "batch").mkdir()
    for i in range(count):
        (work / "batch" / f"r{i:03d}.txt").write_text(MINI * 30, encoding="utf-8")


def _start_batch(work: Path, delay: float = 0.3) -> tuple[subprocess.Popen, list[int]]:
    """A two-worker batch writing -o out.json; returns once the workers are at work."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "checker", "check", "--jobs", "2", "-f", "json", "-o", "out.json", "batch"],
        cwd=work, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env={**os.environ, "CI": ""},
    )
    deadline = time.monotonic() + 20
    workers: list[int] = []
    while time.monotonic() < deadline:
        found = subprocess.run(["pgrep", "-P", str(proc.pid)], capture_output=True, text=True).stdout.split()
        if len(found) >= 2 and any(p.endswith(".tmp") for p in os.listdir(work)):
            workers = [int(p) for p in found]
            break
        time.sleep(0.05)
    assert workers, "the batch did not start its workers"
    time.sleep(delay)
    return proc, workers


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as fh:
            return fh.read().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False


def _gone_soon(pids: list[int], seconds: float = 5.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if not any(map(_alive, pids)):
            return True
        time.sleep(0.05)
    return False


SIGNALS = [(signal.SIGTERM, 143, "终止信号"), (signal.SIGINT, 130, "已中断")]


@pytest.mark.parametrize("signum, code, words", SIGNALS, ids=["SIGTERM", "SIGINT"])
def test_signal_ends_a_batch_cleanly(tmp_path: Path, signum: int, code: int, words: str) -> None:
    """SIGTERM used to leave a .out.json.*.tmp behind; Ctrl-C printed nothing."""
    _batch(tmp_path)
    _signal_and_check(tmp_path, signum, code, words)


@pytest.mark.slow
def test_signals_at_any_moment(tmp_path: Path) -> None:
    """Whenever the signal lands (in the pool's locks, while a worker writes its result), the
    batch ends within the time limit: a killed worker's half-written result once hung it."""
    _batch(tmp_path)
    for attempt in range(12):
        signum, code, words = SIGNALS[attempt % 2]
        _signal_and_check(tmp_path, signum, code, words, delay=0.05 * attempt)


def _signal_and_check(work: Path, signum: int, code: int, words: str, delay: float = 0.3) -> None:
    proc, workers = _start_batch(work, delay)
    proc.send_signal(signum)
    try:
        _, err = proc.communicate(timeout=20)
    except subprocess.TimeoutExpired:
        for pid in [proc.pid, *workers]:  # leave nothing running behind the failed test
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        proc.wait()
        raise AssertionError(f"the batch did not end after {signal.Signals(signum).name}") from None
    message = err.decode("utf-8")
    assert proc.returncode == code, message
    assert words in message and "Traceback" not in message, message
    assert len(message.strip().splitlines()) == 1, message
    assert _gone_soon(workers), "workers outlived the batch"
    assert not [p for p in os.listdir(work) if p.endswith(".tmp")]
    assert not (work / "out.json").exists()


@pytest.mark.slow
def test_workers_exit_when_the_parent_is_killed(tmp_path: Path) -> None:
    """Killing the parent used to leave its workers blocked forever."""
    _batch(tmp_path)
    proc, workers = _start_batch(tmp_path)
    proc.kill()
    proc.wait(timeout=10)
    assert _gone_soon(workers, 5.0), "orphaned workers"


# --- 11. GBK with a pasted UTF-8 paragraph --------------------------------------------------------
def test_gbk_file_with_a_utf8_paragraph(work: Path) -> None:
    lines = MINI.splitlines()
    pasted = "这一段是从网页上复制过来的文字，保存为UTF-8编码。"
    data = ("\n".join(lines[:6]) + "\n").encode("gbk") + (pasted + "\n").encode("utf-8") + \
        ("\n".join(lines[6:]) + "\n").encode("gbk")
    (work / "mixed.txt").write_bytes(data)
    result = check_file(str(work / "mixed.txt"))
    assert result.error is None
    assert pasted in [p.text for p in result.report.source.paragraphs]
    assert lines[0] == result.report.source.paragraphs[0].text
    (note,) = result.report.source.notes
    assert "第 7 行" in note and "UTF-8" in note
    done = run("check", "mixed.txt")
    assert done.exit_code == 0 and "第 7 行" in done.output  # read whole: not 「部分无法读取」


# --- 12. a user template's regular expressions ----------------------------------------------------
@pytest.mark.parametrize("pattern, why", [
    ("(X+)+$", "嵌套的重复"), ("(?:a|aa)*b", "分支"), (r"(\d)\1", "反向引用"), ("(?:(?:x*)y){2,}", "嵌套的重复"),
])
def test_template_regex_with_catastrophic_backtracking_is_refused(work: Path, pattern: str, why: str) -> None:
    (work / "t.yaml").write_text(
        f"extends: annual\nphrases:\n  placeholder: [{json.dumps(pattern)}]\n", encoding="utf-8"
    )
    (work / "xs.txt").write_text(MINI + "X" * 40 + "Y\n", encoding="utf-8")
    done = run_capped("check", "-t", "t.yaml", "xs.txt", cwd=work, timeout=30)
    assert_refused(done, "模板", "phrases.placeholder", why)
    assert done.seconds < 10


def test_template_regex_of_plain_repeats_is_accepted(work: Path) -> None:
    (work / "t.yaml").write_text(
        'extends: annual\nphrases:\n  placeholder: ["(?:待补充)+", "[XＸ]{2,}件", "(?:第[一二三]条)+"]\n', encoding="utf-8"
    )
    (work / "xs.txt").write_text(MINI + "受理XX件。\n", encoding="utf-8")
    result = run("check", "-t", "t.yaml", "-f", "json", "xs.txt")
    assert "placeholder" in [f["rule"] for f in json.loads(result.stdout)["results"][0]["findings"]]


# --- 15. terminal escapes, EPIPE, a deleted directory, --jobs, late NUL bytes -------------------
def test_escape_sequences_in_names_and_headings_are_shown_escaped(work: Path) -> None:
    name = "e\x1b[31mvil\x1b]0;owned\x07.txt"
    assert "建设存在的不足和原因" in MINI
    (work / name).write_text(MINI.replace("建设存在的不足和原因", "建设存在的不足\x1b[2J和原因"), encoding="utf-8")
    table = run("check", name, "good.txt")
    outline = run("outline", name)
    for out in (table.output, outline.output):
        assert "\x1b" not in out and "\x07" not in out
    assert r"e\x1b[31mvil\x1b]0;owned\x07.txt" in table.output  # the summary table
    assert r"e\x1b[31mvil" in outline.output and r"存在的不足\x1b[2J和原因" in outline.output


def test_summary_table_does_not_read_names_as_markup(work: Path) -> None:
    (work / "[bold]x.txt").write_text(MINI, encoding="utf-8")
    table = run("check", "[bold]x.txt", "good.txt").output.split("汇总")[1]
    assert "[bold]x.txt" in table


def test_broken_pipe_is_quiet(tmp_path: Path) -> None:
    _batch(tmp_path, 40)
    for fmt in ("text", "json"):
        done = subprocess.run(
            f"{sys.executable} -m checker check --jobs 1 -f {fmt} batch | head -n 1",
            shell=True, cwd=tmp_path, capture_output=True, text=True, executable="/bin/bash",
            env={**os.environ, "CI": ""},
        )
        assert done.stderr == "", done.stderr
        status = subprocess.run(
            f"{sys.executable} -m checker check --jobs 1 -f {fmt} batch | head -n 1 >/dev/null; echo ${{PIPESTATUS[0]}}",
            shell=True, cwd=tmp_path, capture_output=True, text=True, executable="/bin/bash",
            env={**os.environ, "CI": ""},
        )
        assert status.stdout.strip() in ("0", "141"), status


def test_deleted_current_directory(tmp_path: Path) -> None:
    gone = tmp_path / "gone"
    gone.mkdir()
    done = subprocess.run(
        f"cd {gone} && rmdir {gone} && {sys.executable} -m checker check x.txt",
        shell=True, capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(Path(__file__).parent.parent)},
    )
    assert done.returncode == 2 and "当前目录已被删除" in done.stderr and "内部错误" not in done.stderr, done.stderr


def test_jobs_has_an_upper_bound(work: Path) -> None:
    assert_refused(run("check", "--jobs", "100000", "good.txt"), "--jobs", "不超过 64")


def test_nul_byte_after_the_first_8_kb_is_binary(work: Path) -> None:
    (work / "late.txt").write_bytes(MINI.encode("utf-8") * 10 + b"\x00\x01\x02" + MINI.encode("utf-8"))
    assert len(MINI.encode("utf-8")) * 10 > 8192
    assert error_of(work / "late.txt")[0] == "binary"
