"""Bad input: every kind of file the tool cannot (wholly) read ends with a Chinese message that
names the file and the problem, exit code 2 for that file, no traceback; the other files of
the batch are still checked and reported; the input is never touched. And output files are
written whole or not at all, never over an input.
"""

from __future__ import annotations

import io
import json
import os
import random
import stat
import time
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from checker import engine
from checker.rules.examples import MINI
from checker.cli import app
from checker.api import check_file, expand_paths

from .hostile import mini_docx, rezip

FORMATS = ("text", "json", "sarif", "html", "markdown", "github")


# --- helpers ---------------------------------------------------------------------------------
def run(*args: str):
    return CliRunner().invoke(app, list(args))


def snapshot(*paths: Path) -> dict:
    """Bytes and modification time of files (the target of a link is not followed)."""
    out = {}
    for p in paths:
        st = os.lstat(p)
        out[p] = (p.read_bytes() if p.is_file() and not p.is_symlink() else None, st.st_mtime_ns, st.st_mode)
    return out


def check_batch(bad: Path, code: str, *words: str, extra: tuple[str, ...] = ()) -> dict:
    """Check ``bad`` beside the good draft, in every format: exit 2, a message naming the file
    and the problem, the good draft still reported, the bad file untouched. Returns the JSON."""
    before = snapshot(bad) if os.path.lexists(bad) else {}
    args = ("--jobs", "1", *extra, str(bad), "good.txt")
    text = run("check", *args)
    assert text.exit_code == 2, text.output
    assert "Traceback" not in text.output
    assert str(bad) in text.output and "good.txt" in text.output
    for word in words:
        assert word in text.output, (word, text.output)
    data = json.loads(run("check", "-f", "json", *args).stdout)
    bad_result, good_result = data["results"]
    assert bad_result["path"] == str(bad)
    assert bad_result["error"]["code"] == code, bad_result["error"]
    assert str(bad) in bad_result["error"]["message"]
    for word in words:
        assert word in bad_result["error"]["message"]
    assert good_result["error"] is None and good_result["report"]["title"]
    for fmt in ("sarif", "html", "markdown", "github"):
        result = run("check", "-f", fmt, *args)
        assert result.exit_code == 2, (fmt, result.output)
        assert "Traceback" not in result.output
    if before:
        assert snapshot(bad) == before
    return data


# --- empty, binary, undecodable --------------------------------------------------------------
@pytest.mark.parametrize("name, content", [
    ("empty.txt", b""), ("blank.md", b" \n\r\n\t\n"), ("empty.docx", b""), ("empty.html", b""),
], ids=["txt", "md", "docx", "html"])
def test_empty_file(work: Path, name: str, content: bytes) -> None:
    bad = work / name
    bad.write_bytes(content)
    check_batch(Path(name), "empty", "文件是空的")


@pytest.mark.parametrize("content", [
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8,  # an image renamed
    random.Random(7).randbytes(4000).replace(b"\x00", b"\x01"),  # noise without a NUL byte
], ids=["image", "noise"])
def test_binary_file_named_txt(work: Path, content: bytes) -> None:
    (work / "picture.txt").write_bytes(content)
    check_batch(Path("picture.txt"), "binary", "二进制")


def test_undecodable_bytes_in_the_middle(work: Path) -> None:
    """What can be decoded is checked; the notes say which lines lost bytes, in every format;
    the file exits 2 because part of it could not be read."""
    lines = MINI.encode("utf-8").splitlines(keepends=True)
    pasted = "这一段是从另一个文件用GBK编码粘贴进来的文字。".encode("gbk") + b"\n"
    damaged = b"".join(lines[:6]) + pasted + b"".join(lines[6:])  # the pasted text is line 7
    bad = work / "damaged.txt"
    bad.write_bytes(damaged)
    before = snapshot(bad)

    text = run("check", "--jobs", "1", "damaged.txt", "good.txt")
    assert text.exit_code == 2, text.output
    assert "读取提示" in text.output and "无法按 UTF-8 解码" in text.output and "第 7 行" in text.output
    assert "部分无法读取" in text.output  # the batch summary says so too

    data = json.loads(run("check", "-f", "json", "--jobs", "1", "damaged.txt", "good.txt").stdout)
    damaged_result, good_result = data["results"]
    assert damaged_result["error"] is None  # read in part, and checked
    assert damaged_result["report"]["title"] == "柳溪县2023年法治政府建设年度报告"
    assert [s["keys"] for s in damaged_result["report"]["sections"]][0] == ["measures"]
    (note,) = damaged_result["notes"]
    assert "damaged.txt" in note and "第 7 行" in note
    assert good_result["notes"] == [] and good_result["error"] is None

    for fmt in ("sarif", "html", "markdown", "github"):
        result = run("check", "-f", fmt, "--jobs", "1", "damaged.txt", "good.txt")
        assert result.exit_code == 2, fmt
        assert "第 7 行" in result.stdout, fmt
    sarif = json.loads(run("check", "-f", "sarif", "damaged.txt").stdout)
    invocation = sarif["runs"][0]["invocations"][0]
    assert invocation["executionSuccessful"] is False
    assert invocation["toolExecutionNotifications"][0]["descriptor"]["id"] == "reader-note"
    # with a machine format on stdout, the person at the terminal still hears about it
    assert "第 7 行" in run("check", "-f", "json", "-o", "out.json", "damaged.txt").stderr
    assert snapshot(bad) == before


def test_a_few_stray_bytes_keep_utf8(work: Path) -> None:
    """A UTF-8 draft with one corrupt byte is not taken for another encoding."""
    (work / "stray.txt").write_bytes(MINI.encode("utf-8").replace("深化".encode(), b"\xff\xfe", 1))
    result = json.loads(run("check", "-f", "json", "stray.txt").stdout)["results"][0]
    assert result["report"]["title"] == "柳溪县2023年法治政府建设年度报告"
    assert "第 4 行" in result["notes"][0]


# --- broken .docx ----------------------------------------------------------------------------
def test_docx_that_is_not_a_zip(work: Path) -> None:
    (work / "plain.docx").write_bytes(MINI.encode("utf-8"))
    check_batch(Path("plain.docx"), "bad-docx", "不是有效的 .docx")


def test_truncated_docx(work: Path) -> None:
    data = mini_docx()
    (work / "cut.docx").write_bytes(data[: len(data) // 2])
    check_batch(Path("cut.docx"), "bad-docx", "损坏")


def test_zip_bomb_is_refused_from_the_directory(work: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A member that inflates 1000-fold is refused by the sizes the zip directory declares,
    before anything of it is decompressed."""
    data = mini_docx()
    buf = io.BytesIO(data)
    with zipfile.ZipFile(buf, "a") as zf:
        info = zipfile.ZipInfo("word/media/image1.bin")
        info.compress_type = zipfile.ZIP_DEFLATED
        with zf.open(info, "w") as member:
            for _ in range(12):
                member.write(b"\0" * (1 << 20))
    bomb = work / "bomb.docx"
    bomb.write_bytes(buf.getvalue())
    assert bomb.stat().st_size < 100_000

    opened: list[str] = []
    real_open = zipfile.ZipFile.open

    def spy(self, name, *args, **kwargs):
        opened.append(name if isinstance(name, str) else name.filename)
        return real_open(self, name, *args, **kwargs)

    monkeypatch.setattr(zipfile.ZipFile, "open", spy)
    check_batch(Path("bomb.docx"), "zip-bomb", "压缩炸弹")
    assert "word/media/image1.bin" not in opened


def test_zip_bomb_by_total_size(work: Path) -> None:
    buf = io.BytesIO(mini_docx())
    with zipfile.ZipFile(buf, "a") as zf:
        info = zipfile.ZipInfo("word/media/video.bin")
        info.compress_type = zipfile.ZIP_DEFLATED
        with zf.open(info, "w", force_zip64=True) as member:
            for _ in range(205):
                member.write(b"\0" * (1 << 20))
    (work / "huge.docx").write_bytes(buf.getvalue())
    check_batch(Path("huge.docx"), "zip-bomb", "超过上限")


BILLION_LAUGHS = b"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>
<w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>"""


@pytest.mark.parametrize("member", ["word/document.xml", "word/styles.xml"])
def test_entity_expansion_in_docx(work: Path, member: str) -> None:
    (work / "laughs.docx").write_bytes(rezip(mini_docx(), {member: BILLION_LAUGHS}))
    started = time.perf_counter()
    check_batch(Path("laughs.docx"), "unsafe-xml", "实体")
    assert time.perf_counter() - started < 30


# --- size, paths, permissions, links ---------------------------------------------------------
def test_fifty_megabyte_file(work: Path) -> None:
    big = work / "big.txt"
    with open(big, "wb") as fh:  # sparse: instant, and takes no disk
        fh.truncate(50 * 1024 * 1024)
    check_batch(Path("big.txt"), "too-large", "50.0 MB", "--max-size")
    # a higher limit lets it be read: fifty megabytes of NUL bytes are not text
    check_batch(Path("big.txt"), "binary", "二进制", extra=("--max-size", "60"))


def test_size_limit_holds_when_a_file_grows(work: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The limit bounds what is read, not only what stat() said a moment before."""
    from checker import read

    grows = work / "grows.txt"
    grows.write_text(MINI * 50, encoding="utf-8")
    real_stat = Path.stat

    def small_stat(self, *args, **kwargs):
        st = real_stat(self, *args, **kwargs)
        if self.name == "grows.txt":
            return os.stat_result((st.st_mode, st.st_ino, st.st_dev, st.st_nlink, st.st_uid, st.st_gid, 10,
                                   st.st_atime, st.st_mtime, st.st_ctime))
        return st

    monkeypatch.setattr(Path, "stat", small_stat)
    with pytest.raises(read.InputError) as info:
        read.read_source(grows, max_bytes=1000)
    assert info.value.code == "too-large"


def test_path_that_does_not_exist(work: Path) -> None:
    check_batch(Path("nosuch.txt"), "not-found", "文件不存在")


def test_special_file_named_txt(work: Path) -> None:
    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs on this system")
    os.mkfifo(work / "pipe.txt")
    check_batch(Path("pipe.txt"), "unsupported", "不是普通文件")


def test_symlink_loop_as_argument(work: Path) -> None:
    os.symlink("loop.txt", work / "loop.txt")
    check_batch(Path("loop.txt"), "symlink-loop", "符号链接形成循环")
    os.symlink("b.txt", work / "a.txt")
    os.symlink("a.txt", work / "b.txt")
    check_batch(Path("a.txt"), "symlink-loop", "符号链接形成循环")


def test_dangling_symlink(work: Path) -> None:
    os.symlink("gone.txt", work / "dangling.txt")
    check_batch(Path("dangling.txt"), "not-found", "符号链接指向的文件不存在")


def test_symlink_loops_inside_a_directory(work: Path) -> None:
    folder = work / "drafts"
    (folder / "sub").mkdir(parents=True)
    (folder / "sub" / "report.txt").write_text(MINI, encoding="utf-8")
    os.symlink("..", folder / "sub" / "up")  # a directory loop: not followed
    os.symlink(".", folder / "here")
    os.symlink("self.txt", folder / "self.txt")  # a file loop: reported
    found = expand_paths([str(folder)])
    assert found == [str(folder / "self.txt"), str(folder / "sub" / "report.txt")]
    result = run("check", "-f", "json", "--jobs", "1", str(folder))
    assert result.exit_code == 2
    by_name = {Path(r["path"]).name: r for r in json.loads(result.stdout)["results"]}
    assert by_name["self.txt"]["error"]["code"] == "symlink-loop"
    assert by_name["report.txt"]["error"] is None


def _deny(monkeypatch: pytest.MonkeyPatch, locked: Path) -> None:
    """Simulate a directory without read permission (tests often run as root, who may read all)."""
    real = os.scandir

    def scandir(path="."):
        if Path(os.fsdecode(path)).resolve() == locked.resolve():
            raise PermissionError(13, "Permission denied", os.fsdecode(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)


def test_directory_without_permission_inside_a_batch(work: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """os.walk used to pass over a directory it could not list without a word."""
    folder = work / "drafts"
    (folder / "locked").mkdir(parents=True)
    (folder / "locked" / "hidden.txt").write_text(MINI, encoding="utf-8")
    (folder / "open.txt").write_text(MINI, encoding="utf-8")
    _deny(monkeypatch, folder / "locked")
    assert expand_paths([str(folder)]) == [str(folder / "locked"), str(folder / "open.txt")]
    result = run("check", "--jobs", "1", str(folder))
    assert result.exit_code == 2
    assert "locked：没有权限读取这个目录" in result.output and "open.txt" in result.output
    data = json.loads(run("check", "-f", "json", "--jobs", "1", str(folder)).stdout)
    assert [r["error"]["code"] if r["error"] else None for r in data["results"]] == ["unreadable", None]


def test_directory_argument_without_permission(work: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    locked = work / "locked"
    locked.mkdir()
    _deny(monkeypatch, locked)
    check_batch(Path("locked"), "unreadable", "没有权限读取这个目录")


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root reads every directory")
def test_directory_without_permission_for_real(work: Path) -> None:
    locked = work / "locked"
    locked.mkdir()
    (locked / "a.txt").write_text(MINI, encoding="utf-8")
    locked.chmod(0)
    try:
        check_batch(Path("locked"), "unreadable", "没有权限")
    finally:
        locked.chmod(0o755)


# --- pathological text -----------------------------------------------------------------------
@pytest.mark.parametrize("unit", [
    "（", "X件", "扫一扫", "<!-- fzcheck-disable ", "截至10月XX件一是（1）《法", "17.4%",
    "“一网通办”覆盖率达到98.6%，受理21件，其中审结20件。",
], ids=["brackets", "placeholders", "chrome", "directives", "mixed", "rates", "prose"])
@pytest.mark.slow
def test_lines_of_a_million_characters(work: Path, unit: str) -> None:
    line = (unit * (1_000_000 // len(unit) + 1))[:1_000_000]
    lines = MINI.splitlines()
    (work / "long.txt").write_text("\n".join(lines[:4] + [line] + lines[4:]) + "\n", encoding="utf-8")
    started = time.perf_counter()
    for fmt in ("json", "text"):
        result = run("check", "-f", fmt, "--jobs", "1", "long.txt")
        assert result.exit_code in (0, 1), result.output[-500:]
    assert time.perf_counter() - started < 60  # seconds, not hours: no catastrophic backtracking
    data = json.loads(result.stdout if fmt == "json" else run("check", "-f", "json", "long.txt").stdout)
    findings = data["results"][0]["findings"]
    by_rule: dict[str, int] = {}
    for f in findings:
        by_rule[f["rule"]] = by_rule.get(f["rule"], 0) + 1
    assert max(by_rule.values(), default=0) <= engine.MAX_PER_RULE + 1
    for f in findings:  # every span inside the document
        assert 1 <= f["line"] <= len(lines) + 1
        assert f["column"] <= (1_000_001 if f["line"] == 5 else 1000)


def test_a_million_unmatched_brackets_are_listed_up_to_the_limit(work: Path) -> None:
    (work / "brackets.txt").write_text(MINI.replace("本年度", "（" * 100_000 + "本年度"), encoding="utf-8")
    data = json.loads(run("check", "-f", "json", "brackets.txt").stdout)
    brackets = [f for f in data["results"][0]["findings"] if f["rule"] == "punct-unbalanced"]
    assert len(brackets) == engine.MAX_PER_RULE + 1
    assert "不再逐一列出" in brackets[-1]["message"]
    assert all(f["data"] == {"char": "（"} for f in brackets)


@pytest.mark.slow
def test_ten_thousand_headings(work: Path) -> None:
    numerals = "一二三四五六七八九十"
    lines = MINI.splitlines()[:3]
    for i in range(10_000):
        n = i % 10
        lines.append(f"（{numerals[n]}）深化依法行政第{i}项工作" if i % 4 else f"{numerals[n]}、主要工作情况{i}")
    lines += MINI.splitlines()[-2:]
    (work / "headings.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    started = time.perf_counter()
    for fmt in FORMATS:
        result = run("check", "-f", fmt, "--jobs", "1", "headings.txt")
        assert result.exit_code in (0, 1), (fmt, result.output[-500:])
    assert time.perf_counter() - started < 120
    report = json.loads(run("check", "-f", "json", "headings.txt").stdout)["results"][0]
    assert len(report["report"]["sections"]) >= 10_000
    assert "heading-numbering" in {f["rule"] for f in report["findings"]}


# --- output files ----------------------------------------------------------------------------
def test_output_is_refused_for_an_input_however_named(work: Path) -> None:
    before = snapshot(work / "good.txt")
    os.symlink("good.txt", work / "alias.txt")
    os.link(work / "good.txt", work / "hard.txt")
    for output in ("good.txt", "./good.txt", str(work / "good.txt"), "sub/../good.txt", "alias.txt"):
        (work / "sub").mkdir(exist_ok=True)
        result = run("check", "-o", output, "good.txt")
        assert result.exit_code == 2 and "拒绝覆盖" in result.output, output
    result = run("check", "-o", "hard.txt", "good.txt")  # another name of the same file
    assert result.exit_code == 2 and "拒绝覆盖" in result.output
    assert snapshot(work / "good.txt") == before


def test_output_failing_midway_leaves_the_old_report(work: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A defect (or Ctrl-C) half-way through writing leaves the previous report as it was and
    no temporary file behind."""
    import importlib

    cli = importlib.import_module("checker.cli.app")

    report = work / "report.json"
    report.write_text("old report", encoding="utf-8")

    def broken(results, count, fmt, ctx):
        yield '{"schema": "fzcheck/1",'
        raise RuntimeError("renderer defect")

    monkeypatch.setattr(cli, "render_stream", broken)
    result = run("check", "-f", "json", "-o", "report.json", "good.txt")
    assert result.exit_code == 2 and "内部错误" in result.output
    assert report.read_text(encoding="utf-8") == "old report"
    assert sorted(p.name for p in work.iterdir()) == [".git", "good.txt", "report.json"]


def test_output_write_error_is_reported(work: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib

    cli = importlib.import_module("checker.cli.app")

    def full(results, count, fmt, ctx):
        yield "x"
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(cli, "render_stream", full)
    result = run("check", "-o", "out.txt", "good.txt")
    assert result.exit_code == 2 and "无法写入输出文件 out.txt" in result.output
    assert "Traceback" not in result.output
    assert sorted(p.name for p in work.iterdir()) == [".git", "good.txt"]


def test_output_file_permissions(work: Path) -> None:
    """A new report gets the permissions of an ordinary new file, an old one keeps its own
    (the temporary file it is written to would otherwise leave it owner-only)."""
    old_umask = os.umask(0o022)
    try:
        assert run("check", "-o", "new.txt", "good.txt").exit_code == 0
        assert stat.S_IMODE((work / "new.txt").stat().st_mode) == 0o644
        kept = work / "kept.txt"
        kept.write_text("old", encoding="utf-8")
        kept.chmod(0o640)
        assert run("check", "-o", "kept.txt", "good.txt").exit_code == 0
        assert stat.S_IMODE(kept.stat().st_mode) == 0o640
        assert "共检查 1 个文件" in kept.read_text(encoding="utf-8")
    finally:
        os.umask(old_umask)


def test_streamed_output_equals_whole_output(work: Path) -> None:
    """A batch written file by file is byte for byte what rendering the whole batch gives."""
    from checker.render import RenderContext, render, render_stream

    folder = work / "drafts"
    folder.mkdir()
    (folder / "a.txt").write_text(MINI, encoding="utf-8")
    (folder / "b.txt").write_text(MINI.replace("四、2024年", "四、2023年"), encoding="utf-8")
    (folder / "c.docx").write_bytes(b"PK\x03\x04 broken")
    (folder / "d.txt").write_bytes(MINI.encode("utf-8").replace("深化".encode(), b"\xff"))
    results = [check_file(str(p)) for p in sorted(folder.iterdir())]
    for fmt in FORMATS:
        for color in (False, True):
            ctx = RenderContext(version="t", color=color)
            for batch in (results, results[:1], results[2:3]):
                assert "".join(render_stream(iter(batch), len(batch), fmt, ctx)) == render(batch, fmt, ctx), fmt
