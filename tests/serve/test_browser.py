"""fzcheck serve in a real browser: Debian's chromium, headless, driven by Selenium.

The test starts ``fzcheck serve`` on a free loopback port, uploads a .docx and a .txt draft
through the page's own file input, and checks what an officer sees: the findings listed are
those of ``fzcheck check --format json`` for the same files, clicking one brings its place in
the text into view, and the download buttons give the sheet and the JSON. Set
``FZCHECK_SCREENSHOT=path.png`` to keep the screenshot of the page with results.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
import urllib.request
import zipfile

import pytest

from tests.conftest import require_tools
from tests.serve.test_app import DRAFT, MARKUP_DRAFT, cli_json, docx_bytes

pytest.importorskip("selenium")
pytest.importorskip("starlette")

pytestmark = pytest.mark.slow

RANK = {"error": 3, "warning": 2, "info": 1}
CHROMIUM_FLAGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-dev-shm-usage", "--window-size=1366,768",
)


def long_docx_draft() -> str:
    """The draft with its measures long enough that the last findings start out of view."""
    extra = "\n".join(
        f"（{n}）持续推进第{n}项重点工作，完善配套制度，组织开展专项检查，确保各项任务落到实处。" for n in range(4, 40)
    )
    text = DRAFT.replace("二、2023年度推进法治政府建设存在的不足和原因", extra + "\n二、2023年度推进法治政府建设存在的不足和原因")
    return text.replace("三是加强行政复议和应诉工作", "三是加强行政复议和应诉工作，XX月底前完成")


@pytest.fixture
def server(tmp_path):
    """``fzcheck serve`` on a free loopback port; stopped at the end."""
    process = subprocess.Popen(
        [sys.executable, "-m", "checker", "serve", "--host", "127.0.0.1", "--port", "0", "--jobs", "2"],
        cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8",
    )
    url = None
    deadline = time.monotonic() + 120
    try:
        while url is None and time.monotonic() < deadline:
            line = process.stdout.readline()
            if not line:
                break
            m = re.search(r"http://127\.0\.0\.1:\d+/", line)
            if m and "已启动" in line:
                url = m.group(0)
        assert url, f"server did not start: {process.stderr.read() if process.poll() is not None else ''}"
        yield url
    finally:
        process.terminate()
        try:
            out, err = process.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            out, err = process.communicate()
    assert process.returncode == 0, err
    assert "已停止" in out and "Traceback" not in err


@pytest.fixture
def browser(tmp_path):
    tools = require_tools("chromium", "chromedriver")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = tools["chromium"]
    for flag in CHROMIUM_FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={tmp_path / 'profile'}")
    downloads = tmp_path / "downloads"
    downloads.mkdir()
    options.add_experimental_option("prefs", {
        "download.default_directory": str(downloads), "download.prompt_for_download": False,
    })
    driver = webdriver.Chrome(service=Service(executable_path=tools["chromedriver"]), options=options)
    driver.downloads = downloads
    try:
        yield driver
    finally:
        driver.quit()


def fetch(url: str) -> bytes:
    assert url.startswith("http://127.0.0.1:")
    with urllib.request.urlopen(url, timeout=60) as response:
        return response.read()


def listed_findings(driver) -> list[dict]:
    return driver.execute_script("""
        return Array.from(document.querySelectorAll('#findings li.finding')).map(function (li) {
          return {rule: li.dataset.rule, severity: li.dataset.severity, line: +li.dataset.line,
                  column: +li.dataset.column, end_line: +li.dataset.endLine, end_column: +li.dataset.endColumn,
                  message: li.querySelector('.msg').textContent, n: +li.dataset.n};
        });""")


def key(f: dict) -> tuple:
    return (f["rule"], f["severity"], f["line"], f["column"], f["end_line"], f["end_column"], f["message"])


IN_VIEW = """
    var n = arguments[0], mark = null;
    document.querySelectorAll('#text [data-starts]').forEach(function (m) {
      if (!mark && m.dataset.starts.split(' ').indexOf(String(n)) >= 0) mark = m; });
    var r = mark.getBoundingClientRect(), pane = document.getElementById('text').getBoundingClientRect();
    return r.top >= pane.top && r.bottom <= pane.bottom && r.top >= 0 && r.bottom <= window.innerHeight;"""


def test_page_checks_uploads_as_the_command_line_does(server, browser, tmp_path):
    from selenium.common.exceptions import NoAlertPresentException
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as EC
    from selenium.webdriver.support.ui import WebDriverWait

    files = {
        "青山县2023年报告.docx": docx_bytes(long_docx_draft()),
        '" onmouseover="alert(4)"><img src=x onerror=alert(3)>草稿.txt': MARKUP_DRAFT.encode(),
    }
    uploads = tmp_path / "uploads"
    uploads.mkdir()
    for name, data in files.items():
        (uploads / name).write_bytes(data)
    cli_dir = tmp_path / "cli"
    cli_dir.mkdir()
    expected_text = cli_json(cli_dir, files)
    expected = json.loads(expected_text)["results"]

    browser.get(server)
    wait = WebDriverWait(browser, 120)
    wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "#template option"))
    browser.execute_script("""
        var dt = new DataTransfer();
        dt.items.add(new File(["青山县2023年法治政府建设年度报告"], "拖入的草稿.txt", {type: "text/plain"}));
        document.getElementById('drop').dispatchEvent(new DragEvent('drop', {dataTransfer: dt, bubbles: true}));""")
    assert browser.find_element(By.ID, "chosen").text.startswith("拖入的草稿.txt")  # drag and drop
    assert browser.find_element(By.ID, "go").is_enabled()
    browser.find_element(By.ID, "files").send_keys("\n".join(str(uploads / n) for n in files))
    browser.find_element(By.ID, "go").click()
    wait.until(EC.text_to_be_present_in_element((By.ID, "status"), "检查完成"))
    rows = browser.find_elements(By.CSS_SELECTOR, "#batch-rows tr")
    assert [r.find_element(By.CSS_SELECTOR, ".path").text for r in rows] == list(files)
    with pytest.raises(NoAlertPresentException):  # <script>alert(1)</script> in a report never runs
        browser.switch_to.alert  # noqa: B018

    for i, (row, result) in enumerate(zip(rows, expected)):
        row.click()
        wait.until(lambda d: d.find_element(By.CSS_SELECTOR, "#report .meta").text.startswith(result["path"]))
        shown = listed_findings(browser)
        assert sorted(map(key, shown)) == sorted(map(key, result["findings"]))
        assert [RANK[f["severity"]] for f in shown] == sorted((RANK[f["severity"]] for f in shown), reverse=True)
        verdict = browser.find_element(By.CSS_SELECTOR, "#report .verdict-word").text
        assert verdict == ("结论：有错误" if any(f["severity"] == "error" for f in result["findings"]) else verdict)
        counts = [c.text for c in row.find_elements(By.CSS_SELECTOR, "td.num")][1:]
        severities = [f["severity"] for f in result["findings"]]
        assert counts == [str(severities.count(s)) for s in ("error", "warning", "info")]

    # the .txt with markup: shown as text, never run
    text = browser.execute_script("return document.getElementById('text').textContent")
    assert "<script>alert(1)</script>{{7*7}}<img src=x onerror=alert(2)>" in text
    assert not browser.find_elements(By.CSS_SELECTOR, "img, #report script, [onmouseover], [onerror]")

    # the .docx: clicking its last finding brings the highlight into view
    rows[0].click()
    wait.until(lambda d: d.find_element(By.CSS_SELECTOR, "#report .meta").text.startswith(expected[0]["path"]))
    shown = listed_findings(browser)
    last = max(shown, key=lambda f: (f["line"], f["column"]))
    assert last["line"] > 40
    browser.execute_script("document.getElementById('text').scrollTop = 0; window.scrollTo(0, 0);")
    assert not browser.execute_script(IN_VIEW, last["n"])
    item = browser.find_element(By.CSS_SELECTOR, f'#findings li[data-n="{last["n"]}"]')
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", item)
    item.click()
    wait.until(lambda d: d.execute_script(IN_VIEW, last["n"]))
    assert "active" in item.get_attribute("class")

    # usable at 1366×768: text and findings side by side, nothing wider than the window
    layout = browser.execute_script("""
        var t = document.getElementById('text').getBoundingClientRect(),
            f = document.getElementById('findings').getBoundingClientRect();
        return [t.width, f.width, f.left >= t.right, document.documentElement.scrollWidth <= window.innerWidth];""")
    assert layout[0] > 500 and layout[1] > 350 and layout[2] and layout[3], layout
    # the screenshot: the report's verdict and checklists on top, its first error selected
    first = shown[0]
    browser.find_element(By.CSS_SELECTOR, f'#findings li[data-n="{first["n"]}"]').click()
    wait.until(lambda d: d.execute_script(IN_VIEW.replace("window.innerHeight", "1e9"), first["n"]))
    browser.execute_script("window.scrollTo(0, document.getElementById('report').offsetTop - 4)")
    shot = os.environ.get("FZCHECK_SCREENSHOT")
    browser.save_screenshot(shot or str(tmp_path / "serve.png"))

    # printable: the browser's print of the page holds the verdict, the checklists and the
    # findings, not the upload form
    import base64

    from selenium.webdriver.common.print_page_options import PrintOptions

    pdf = tmp_path / "page.pdf"
    pdf.write_bytes(base64.b64decode(browser.print_page(PrintOptions())))
    tools = require_tools("pdftotext")
    printed = subprocess.run([tools["pdftotext"], str(pdf), "-"], capture_output=True, text=True).stdout
    assert "结论：有错误" in printed and "五个部分" in printed and "问题清单" in printed
    assert "拖到这里" not in printed and "开始检查" not in printed
    assert shown[0]["message"][:12] in printed.replace("\n", "")

    # downloads: the sheet of this file, the JSON of both
    sheet_link = browser.find_element(By.CSS_SELECTOR, '#report .tools a[data-format="html"]')
    sheet = fetch(sheet_link.get_attribute("href")).decode("utf-8")
    assert sheet.startswith("<!DOCTYPE html>") and "法治政府建设年度报告修改意见单" in sheet
    assert expected[0]["path"] in sheet and expected[1]["path"] not in sheet
    for f in expected[0]["findings"]:
        assert f["rule"] in sheet
    json_link = browser.find_element(By.CSS_SELECTOR, '#batch-downloads a[data-format="json"]')
    assert fetch(json_link.get_attribute("href")).decode("utf-8") == expected_text
    json_link.click()  # the browser's own download
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and not [p for p in browser.downloads.iterdir() if p.suffix == ".json"]:
        time.sleep(0.2)
    saved = [p for p in browser.downloads.iterdir() if p.suffix == ".json"]
    assert saved and json.loads(saved[0].read_text(encoding="utf-8")) == json.loads(expected_text)
    from checker.render import BINARY

    for fmt in BINARY:  # the annotated .docx and the workbook, once their renderers exist
        link = browser.find_element(By.CSS_SELECTOR, f'#report .tools a[data-format="{fmt}"]')
        data = fetch(link.get_attribute("href"))
        if fmt in ("docx", "xlsx"):
            assert zipfile.is_zipfile(__import__("io").BytesIO(data))
        else:
            assert data
