"""fzcheck serve through the ASGI test client: the API's answers, and every bad input refused or
answered clearly (empty, too large, zip bomb, binary, ../ names, markup in the report, many
uploads at once, a check over the time limit)."""

from __future__ import annotations

import asyncio
import io
import json
import re
import subprocess
import sys
import warnings
import zipfile
from pathlib import Path

import pytest

pytest.importorskip("starlette")
pytest.importorskip("httpx")

import httpx  # noqa: E402

with warnings.catch_warnings():  # recent starlette would rather have httpx2 under its test client
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient  # noqa: E402

from checker.engine import Options  # noqa: E402
from checker.render import BINARY  # noqa: E402
from checker.rules import registry  # noqa: E402
from checker.template import builtin_names  # noqa: E402
from checker.serve import ServeConfig, is_loopback  # noqa: E402
from checker.serve.app import create_app, safe_name  # noqa: E402
from checker.serve.cache import Entry, ResultCache  # noqa: E402

from tests.drafts import RENDER_DRAFT, build  # noqa: E402
from tests.hostile import docx_of as docx_bytes  # noqa: E402

CHINESE = re.compile(r"[\u4e00-\u9fff]")
MB = 1024 * 1024
DRAFT = RENDER_DRAFT.replace("评查行政执法案卷180卷", "评查行政执法案卷XX卷，截至10月办结").replace("全年新增", "今年新增")
MARKUP_DRAFT = DRAFT.replace(
    "一是行政执法规范化水平", "<script>alert(1)</script>{{7*7}}<img src=x onerror=alert(2)>“一是行政执法规范化水平XX件"
)


def html_bytes(text: str) -> bytes:
    body = "".join(f"<p>{line}</p>" for line in text.splitlines())
    return f"<html><head><meta charset='utf-8'><title>报告</title></head><body>{body}</body></html>".encode()


def cli_json(tmp_path: Path, files: dict[str, bytes], *args: str) -> str:
    """What ``fzcheck check --format json`` prints for these files (named as given)."""
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    done = subprocess.run(
        [sys.executable, "-m", "checker", "check", *files, "--format", "json", *args],
        cwd=tmp_path, capture_output=True, text=True, encoding="utf-8",
    )
    assert done.returncode in (0, 1, 2), done.stderr
    return done.stdout


def assert_refused(response: httpx.Response, status: int, code: str) -> str:
    assert response.status_code == status, response.text
    body = response.json()
    assert body["error"]["code"] == code
    message = body["error"]["message"]
    assert CHINESE.search(message), message
    return message


@pytest.fixture(scope="module")
def client():
    app = create_app(ServeConfig(workers=2, timeout=60))
    with TestClient(app, base_url="http://127.0.0.1") as c:
        c.app_state = app.state
        yield c


def post(client, files: list[tuple[str, bytes]], **fields: str) -> httpx.Response:
    return client.post("/api/check", files=[("file", (n, d)) for n, d in files], data=fields)


# --- the API's answers ---------------------------------------------------------------------
def test_check_answers_exactly_the_cli_json(client, tmp_path):
    files = {
        "草稿.txt": DRAFT.encode("utf-8"),
        "草稿-gbk.md": build().encode("gb18030"),
        "草稿.docx": docx_bytes(DRAFT),
        "网页.html": html_bytes(DRAFT),
    }
    response = post(client, list(files.items()))
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/json")
    assert response.text == cli_json(tmp_path, files)
    results = response.json()["results"]
    assert [r["path"] for r in results] == list(files)
    assert {f["rule"] for f in results[0]["findings"]} >= {"placeholder", "period-partial", "time-relative"}


def test_options_change_the_check_as_on_the_command_line(client, tmp_path):
    files = {"d.txt": DRAFT.encode()}
    response = post(client, list(files.items()), template="department", year="2023", date="2024-04-20")
    assert response.status_code == 200
    options = ("--template", "department", "--year", "2023", "--date", "2024-04-20")
    assert response.text == cli_json(tmp_path, files, *options)
    assert response.json()["results"][0]["template"] == "department"


def test_bad_options_are_refused(client):
    files = [("d.txt", DRAFT.encode())]
    assert "年度" in assert_refused(post(client, files, year="二〇二三"), 400, "bad-option")
    assert "成文日期" in assert_refused(post(client, files, date="2024-02-30"), 400, "bad-option")
    assert_refused(post(client, files, template="../../etc/passwd"), 400, "bad-option")
    not_multipart = client.post("/api/check", content=b"{}", headers={"content-type": "application/json"})
    assert_refused(not_multipart, 415, "not-multipart")
    assert_refused(post(client, [("报告.pdf", b"%PDF-1.4 ...")]), 415, "unsupported")
    assert_refused(post(client, [("d.txt", b"x")] * 21), 413, "too-many-files")
    assert_refused(post(client, [("d.txt", b"x")] * 40), 413, "too-many-files")
    assert_refused(client.post("/api/check", files=[("file", ("", b""))]), 400, "no-file")  # no file chosen
    for broken in (b"garbage", b'--zz\r\nContent-Disposition: form-data; filename="a.txt"\r\n\r\nx\r\n--zz--\r\n'):
        answer = client.post("/api/check", content=broken, headers={"content-type": "multipart/form-data; boundary=zz"})
        assert answer.status_code == 400 and CHINESE.search(answer.json()["error"]["message"]), answer.text


def test_rules_lists_every_rule(client):
    rules = client.get("/api/rules").json()["rules"]
    assert [r["id"] for r in rules] == list(registry())
    assert all(CHINESE.search(r["summary"]) for r in rules)


def test_result_view_and_downloads(client):
    response = post(client, [("a.txt", DRAFT.encode()), ("b.docx", docx_bytes(build()))])
    key = response.headers["x-fzcheck-result"]
    view = client.get(f"/api/result/{key}").json()
    expected = response.json()["results"]
    assert [f["path"] for f in view["files"]] == ["a.txt", "b.docx"]
    for f, r in zip(view["files"], expected):
        shown = sorted((x["rule"], x["line"], x["column"], x["message"]) for x in f["findings"])
        assert shown == sorted((x["rule"], x["line"], x["column"], x["message"]) for x in r["findings"])
        ranks = [{"error": 3, "warning": 2, "info": 1}[x["severity"]] for x in f["findings"]]
        assert ranks == sorted(ranks, reverse=True)  # errors first
        assert [s["title"] for s in f["sections"]][:4] and len(f["sections"]) == 5
        assert f["indicators"] and {x["status"] for x in f["indicators"]} <= {"data", "no-data", "missing"}
    assert view["files"][0]["verdict"] == "有错误"
    assert view["files"][1]["verdict"] in ("无错误", "有警告")
    assert view["files"][0]["lines"] == DRAFT.splitlines()
    assert [d["format"] for d in view["downloads"]] == ["html", "json", *BINARY]

    sheet = client.get(f"/api/result/{key}/download/html")
    assert sheet.status_code == 200 and sheet.headers["content-type"].startswith("text/html")
    assert "attachment" in sheet.headers["content-disposition"]
    assert "script-src" not in sheet.headers["content-security-policy"]
    assert "修改意见单" in sheet.text and "a.txt" in sheet.text and "b.docx" in sheet.text
    one = client.get(f"/api/result/{key}/download/html?file=2")
    assert "b.docx" in one.text and "a.txt" not in one.text
    data = client.get(f"/api/result/{key}/download/json")
    assert data.text == response.text
    for fmt in BINARY:  # the annotated .docx and the workbook, once their renderers exist
        got = client.get(f"/api/result/{key}/download/{fmt}?file=2")
        assert got.status_code == 200 and got.content
    assert_refused(client.get(f"/api/result/{key}/download/exe"), 404, "unknown-format")
    assert_refused(client.get(f"/api/result/{key}/download/html?file=9"), 400, "bad-option")
    assert_refused(client.get("/api/result/nonexistent"), 404, "expired")


def test_page_is_served_with_a_strict_policy(client):
    page = client.get("/")
    assert page.status_code == 200 and "法治政府建设年度报告检查" in page.text
    policy = page.headers["content-security-policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy and "default-src 'none'" in policy
    assert "http" not in policy  # no outside origin
    assert re.findall(r"<script[^>]*>", page.text) == ['<script src="/static/app.js" defer>']
    assert not re.search(r"(src|href)=\"(https?:)?//", page.text)
    script = client.get("/static/app.js")
    assert script.headers["content-type"].startswith("text/javascript")
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function"):
        assert sink not in script.text
    assert client.get("/static/").status_code == 404  # no directory listing
    assert client.get("/static/..%2Fapp.py").status_code == 404
    assert CHINESE.search(client.get("/nothing").json()["error"]["message"])


# --- bad input -----------------------------------------------------------------------------
def test_empty_upload(client):
    assert "空" in assert_refused(post(client, [("空.txt", b"")]), 400, "empty")
    assert_refused(post(client, [("空白.docx", b"  \n")]), 400, "empty")
    assert_refused(client.post("/api/check", data={"year": "2023"}, files=[("other", ("x.txt", b"x"))]), 400, "no-file")


def test_sixty_megabytes_refused_with_413(client):
    big = b"a" * (60 * MB)
    message = assert_refused(post(client, [("大.txt", big)]), 413, "request-too-large")
    assert "超过" in message and "MB" in message

    def chunks():  # no Content-Length: the body is counted as it arrives
        yield b"--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"x.txt\"\r\n\r\n"
        for _ in range(60):
            yield b"a" * MB
    refused = client.post("/api/check", content=chunks(), headers={"content-type": "multipart/form-data; boundary=b"})
    assert_refused(refused, 413, "request-too-large")
    assert "超过上限" in assert_refused(post(client, [("大.docx", b"PK" + b"0" * (21 * MB))]), 413, "too-large")
    assert post(client, [("d.txt", DRAFT.encode())]).status_code == 200


def test_zip_bomb_docx(client):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", docx_content_types())
        z.writestr("word/document.xml", b"<w:document>" + b" " * (40 * MB) + b"</w:document>")
    bomb = buffer.getvalue()
    assert len(bomb) < 2 * MB
    response = post(client, [("炸弹.docx", bomb), ("d.txt", DRAFT.encode())])
    assert response.status_code == 200
    bad, good = response.json()["results"]
    assert bad["error"]["code"] == "zip-bomb" and "压缩炸弹" in bad["error"]["message"] and bad["report"] is None
    assert good["error"] is None and good["findings"]


def docx_content_types() -> str:
    return ('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.'
            'wordprocessingml.document.main+xml"/></Types>')


def test_binary_named_txt(client):
    blob = bytes(range(256)) * 64
    message = assert_refused(post(client, [("报告.txt", blob)]), 415, "binary")
    assert "报告.txt" in message and "二进制" in message
    assert_refused(post(client, [("报告.md", b"\x7fELF\x02\x01\x01\x00" + blob)]), 415, "binary")
    # a UTF-16 text with its byte order mark is text, though it holds NUL bytes
    assert post(client, [("utf16.txt", "\ufeff".encode("utf-16-le") + DRAFT.encode("utf-16-le"))]).status_code == 200


@pytest.mark.parametrize("raw, shown", [
    ("../../etc/cron.d/报告.txt", "报告.txt"),
    ("..\\..\\Windows\\报告.txt", "报告.txt"),
    ("/abs/path/报告.txt", "报告.txt"),
    ("报\u202e告\u2066.txt", "报告.txt"),
])
def test_filename_with_a_path_is_cut_to_its_name(client, tmp_path, raw, shown):
    assert safe_name(raw, 1) == shown
    response = post(client, [(raw, DRAFT.encode())])
    assert response.status_code == 200
    assert response.json()["results"][0]["path"] == shown
    assert response.text == post(client, [(shown, DRAFT.encode())]).text  # as if uploaded under that name
    assert not (tmp_path.parent / "etc").exists()


def test_names_only_dots_or_duplicates():
    assert safe_name("报\x00告\x1b[31m.txt", 1) == "报告[31m.txt"
    assert safe_name("%22引号%22%0A.txt", 1) == "\"引号\".txt"
    assert safe_name("../..", 3) == "上传文件3"
    assert safe_name("a" * 500 + ".docx", 1).endswith(".docx") and len(safe_name("a" * 500 + ".docx", 1)) == 120


def test_markup_in_the_report_is_shown_as_text(client):
    response = post(client, [('"><img src=x onerror=alert(3)>.txt', MARKUP_DRAFT.encode())])
    assert response.status_code == 200
    key = response.headers["x-fzcheck-result"]
    view = client.get(f"/api/result/{key}").json()["files"][0]
    assert any("<script>alert(1)</script>{{7*7}}" in line for line in view["lines"])  # data, not markup
    sheet = client.get(f"/api/result/{key}/download/html").text
    assert "<script" not in sheet and "<img src=x" not in sheet
    assert "&lt;script&gt;alert(1)&lt;/script&gt;{{7*7}}" in sheet
    assert "&lt;img src=x onerror=alert(3)&gt;.txt" in sheet


# --- load and time limits --------------------------------------------------------------------
async def _concurrently(app, requests: list[list[tuple[str, bytes]]]) -> list[httpx.Response]:
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1", timeout=300) as c:
            return await asyncio.gather(*(
                c.post("/api/check", files=[("file", (n, d)) for n, d in files]) for files in requests
            ))


def test_twenty_concurrent_uploads_all_answered(tmp_path):
    app = create_app(ServeConfig(workers=2))
    drafts = [build(title=f"青山县2023年法治政府建设年度报告（第{i}稿）") + "今年以来共办结XX件。\n" for i in range(20)]
    responses = asyncio.run(_concurrently(app, [[(f"稿{i}.txt", d.encode())] for i, d in enumerate(drafts)]))
    assert [r.status_code for r in responses] == [200] * 20
    for i, r in enumerate(responses):
        result = r.json()["results"][0]
        assert result["path"] == f"稿{i}.txt" and f"第{i}稿" in result["report"]["title"]
        assert {"placeholder", "time-relative"} <= {f["rule"] for f in result["findings"]}
    assert app.state.pool.checked == 20
    assert 1 <= app.state.pool.peak <= 2  # the pool bounds the work


def test_too_many_waiting_is_503():
    app = create_app(ServeConfig(workers=1, max_pending=2))
    responses = asyncio.run(_concurrently(app, [[(f"{i}.txt", DRAFT.encode())] * 2 for i in range(4)]))
    statuses = sorted(r.status_code for r in responses)
    assert 200 in statuses and 503 in statuses, statuses
    for r in responses:
        if r.status_code == 503:
            assert_refused(r, 503, "busy")


def slow_report(lines: int = 8000) -> str:
    """A report whose thousands of distinct figures keep the checker busy for seconds."""
    rows = [
        f"（{i % 9 + 1}）第{i}项：全年收到行政复议申请{i + 23}件，受理{i + 21}件，纠错率{i % 97 + 3.5}%；"
        f"今年以来调解纠纷{i * 7 + 1}件，调解成功{i * 5}件，成功率{i * 13 % 100}%。"
        for i in range(lines)
    ]
    return "\n".join(["青山县2023年法治政府建设年度报告", "一、主要举措和成效", *rows]) + "\n"


def test_a_check_over_the_time_limit_is_answered_and_the_server_goes_on():
    app = create_app(ServeConfig(workers=1, timeout=0.3))
    with TestClient(app, base_url="http://127.0.0.1") as c:
        response = post(c, [("慢.txt", slow_report().encode()), ("快.txt", DRAFT.encode())])
        assert response.status_code == 200
        slow, quick = response.json()["results"]
        assert slow["error"]["code"] == "timeout"
        assert "超过上限 0.3 秒" in slow["error"]["message"] and slow["report"] is None
        assert quick["error"] is None and quick["findings"]  # checked by the replaced worker
        again = post(c, [("快.txt", DRAFT.encode())])
        assert again.status_code == 200 and again.json()["results"][0]["findings"] == quick["findings"]
        view = c.get(f"/api/result/{response.headers['x-fzcheck-result']}").json()["files"][0]
        assert view["verdict"] == "无法检查" and view["verdict_note"] == slow["error"]["message"]


def test_a_worker_killed_between_checks_is_replaced(client):
    pool = client.app_state.pool
    for worker in pool._workers:
        worker.process.kill()
        worker.process.join(5)
    response = post(client, [("a.txt", DRAFT.encode()), ("b.txt", DRAFT.encode())])
    assert response.status_code == 200
    assert all(r["error"] is None and r["findings"] for r in response.json()["results"])
    assert all(w.process.is_alive() for w in pool._workers)


def test_a_client_that_goes_away_frees_its_worker():
    """A cancelled request keeps its worker until the check is over, then hands it back: the
    next upload is checked, and never by a worker still busy with the old one."""
    from checker.serve.pool import WorkerPool

    async def scenario() -> tuple:
        pool = WorkerPool(1, timeout=60, max_pending=8, templates=("annual",))
        await pool.start()
        try:
            slow = asyncio.ensure_future(pool.run(("慢.txt", slow_report(3000).encode(), Options())))
            await asyncio.sleep(0.2)
            slow.cancel()
            result, _ = await asyncio.wait_for(pool.run(("快.txt", DRAFT.encode(), Options())), 120)
            return result, pool.busy, pool.peak, slow.cancelled()
        finally:
            await pool.close()

    result, busy, peak, cancelled = asyncio.run(scenario())
    assert cancelled and result.path == "快.txt" and result.error is None and result.findings
    assert busy == 0 and peak == 1


# --- parts ---------------------------------------------------------------------------------
def test_cache_is_bounded_in_count_size_and_time():
    now = [0.0]
    cache = ResultCache(max_entries=3, max_bytes=10_000, ttl=60, clock=lambda: now[0])

    def entry(size: int) -> Entry:
        return Entry([], [], {"x": b"x" * size}, {})

    keys = [cache.put(entry(100)) for _ in range(4)]
    assert cache.get(keys[0]) is None and all(cache.get(k) for k in keys[1:])
    big = cache.put(entry(9_950))
    assert cache.get(big) is not None and len(cache) == 1
    now[0] = 61
    assert cache.get(big) is None and len(cache) == 0
    assert len(set(keys)) == 4 and all(len(k) >= 20 for k in keys)


def test_loopback_hosts():
    assert is_loopback("127.0.0.1") and is_loopback("localhost") and is_loopback("::1")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.5") and not is_loopback("fzcheck.example")


def test_binding_beyond_loopback_warns(monkeypatch, capsys):
    """The warning is printed before serving; the socket is bound on loopback here, so that
    the test itself never listens on another interface."""
    import uvicorn

    import checker.serve as web

    real_bind = web.bind
    monkeypatch.setattr(web, "bind", lambda host, port: real_bind("127.0.0.1", 0))
    monkeypatch.setattr(uvicorn.Server, "run", lambda self, sockets=None: None)
    assert web.run_server(ServeConfig(options=Options()), "0.0.0.0", 8000) == 0
    err = capsys.readouterr().err
    assert "注意" in err and "同一网络中的任何人都能打开" in err and "--host 127.0.0.1" in err
    assert web.run_server(ServeConfig(), "127.0.0.1", 8000) == 0
    assert "注意" not in capsys.readouterr().err


def test_cli_stays_light_and_says_how_to_install_the_extra():
    light = subprocess.run(
        [sys.executable, "-c", "import sys, checker.cli; print(sorted(m for m in ('starlette', 'uvicorn', "
         "'python_multipart') if m in sys.modules))"],
        capture_output=True, text=True,
    )
    assert light.stdout.strip() == "[]", light.stderr
    missing = subprocess.run(
        [sys.executable, "-c", "import sys; sys.modules['starlette'] = None; from checker.cli import main; "
         "sys.argv = ['fzcheck', 'serve']; main()"],
        capture_output=True, text=True, encoding="utf-8",
    )
    assert missing.returncode == 2
    assert "pip install 'fzcheck[serve]'" in missing.stderr and "starlette" in missing.stderr
    assert "Traceback" not in missing.stderr


def test_cli_refuses_an_address_in_use_and_bad_values():
    import socket

    from typer.testing import CliRunner

    from checker.cli import app

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        done = CliRunner().invoke(app, ["serve", "--port", str(port)])
    assert done.exit_code == 2 and "端口已被占用" in done.output and "Traceback" not in done.output
    for args, said in ((["--port", "99999"], "--port"), (["--timeout", "0"], "--timeout"), (["--template", "无"], "模板")):
        done = CliRunner().invoke(app, ["serve", *args])
        assert done.exit_code == 2 and said in done.output, done.output


def test_json_of_the_response_is_the_schema(client):
    response = post(client, [("d.txt", DRAFT.encode())])
    body = json.loads(response.text)
    assert body["schema"] == "fzcheck/1" and body["summary"]["files"] == 1


def test_listening_socket_says_it_is_tcp():
    """asyncio turns Nagle's algorithm off only on sockets created as IPPROTO_TCP; with it on,
    each answer on a kept-alive connection waited ~40 ms for the client's delayed ACK."""
    import socket

    from checker.serve import bind

    sock = bind("127.0.0.1", 0)
    try:
        assert sock.proto == socket.IPPROTO_TCP and sock.getsockname()[0] == "127.0.0.1"
    finally:
        sock.close()


def test_a_configured_province_template_is_offered(tmp_path):
    province = tmp_path / "province.yaml"
    province.write_text(
        "extends: annual\nname: province\nlabel: 某省法治政府建设年度报告\nseverities:\n  time-relative: error\n",
        encoding="utf-8",
    )
    app = create_app(ServeConfig(workers=1, options=Options(template=str(province), rules={"section-order": "off"})))
    with TestClient(app, base_url="http://127.0.0.1") as c:
        offered = c.get("/api/options").json()
        assert offered["default_template"] == "province"
        assert [t["name"] for t in offered["templates"]] == [*builtin_names(), "province"]
        files = {"d.txt": DRAFT.encode()}
        default = post(c, list(files.items()))
        (tmp_path / "cfg.yaml").write_text(f"template: {province}\nrules:\n  section-order: off\n", encoding="utf-8")
        assert default.text == cli_json(tmp_path, files, "--config", "cfg.yaml")
        findings = default.json()["results"][0]["findings"]
        assert {f["severity"] for f in findings if f["rule"] == "time-relative"} == {"error"}
        annual = post(c, list(files.items()), template="annual")
        assert annual.json()["results"][0]["template"] == "annual"
        assert "section-order" not in {f["rule"] for f in annual.json()["results"][0]["findings"]}


def test_on_loopback_only_loopback_names_are_answered():
    from checker.serve.app import host_of

    assert [host_of(h) for h in ("127.0.0.1:8000", "[::1]:8000", "localhost", "evil.example:80")] == [
        "127.0.0.1", "::1", "localhost", "evil.example"]
    app = create_app(ServeConfig(workers=1, allowed_hosts=("127.0.0.1", "localhost", "::1")))
    with TestClient(app, base_url="http://127.0.0.1:8000") as c:
        assert c.get("/api/options").status_code == 200
        assert c.get("/api/options", headers={"host": "[::1]:8000"}).status_code == 200
        rebound = c.get("/api/options", headers={"host": "attacker.example:8000"})
        assert_refused(rebound, 400, "bad-host")
