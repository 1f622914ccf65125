from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
DATA = ROOT / "tests" / "data"  # the suite's data files, from any test folder


def rules_of(result) -> list[str]:
    return [f.rule for f in result.findings]


def findings_of(result, rule: str) -> list:
    return [f for f in result.findings if f.rule == rule]


@pytest.fixture
def work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A working directory of its own (no configuration file above it), with one good draft.
    (Modules that need another working directory define their own ``work``.)"""
    from checker.rules.examples import MINI

    (tmp_path / ".git").mkdir()
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("CI", raising=False)
    (tmp_path / "good.txt").write_text(MINI, encoding="utf-8")
    return tmp_path


@pytest.fixture
def corpus_dir() -> Path:
    if not CORPUS.is_dir():
        pytest.skip("../shared/corpus is not present")
    return CORPUS


def load_json(text: str) -> dict:
    return json.loads(text)


def assert_spans_inside(result) -> None:
    """Every finding's span, and every paragraph, lies inside the source document."""
    if result.report is None:
        assert result.error is not None and not result.findings
        return
    lines = result.report.source.lines
    for f in result.findings:
        assert 1 <= f.line <= max(1, len(lines)), f
        assert f.line <= f.end_line <= max(1, len(lines)), f
        assert 1 <= f.column <= (len(lines[f.line - 1]) if lines else 0) + 1, (f, lines[f.line - 1: f.line])
        assert 1 <= f.end_column <= (len(lines[f.end_line - 1]) if lines else 0) + 1, f
        if f.line == f.end_line:
            assert f.column <= f.end_column, f
    for p in result.report.source.paragraphs:
        assert 1 <= p.line <= max(1, len(lines))


def require_tools(*names: str) -> dict[str, str]:
    """The paths of the named programs (chromium, chromedriver, soffice, pdftotext …).

    A test that drives a real part users meet skips on a developer's machine that lacks it, but
    fails in CI (``CI=true``): there ``.ci/install-system`` must have installed it.
    """
    found: dict[str, str] = {}
    missing: list[str] = []
    for name in names:
        candidates = {"chromium": ("chromium", "chromium-browser", "google-chrome")}.get(name, (name,))
        path = next((p for p in map(shutil.which, candidates) if p), None)
        if path is None:
            missing.append(name)
        else:
            found[name] = path
    if missing:
        message = f"{'、'.join(missing)} not installed (run .ci/install-system)"
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail(message)
        pytest.skip(message)
    return found


def pytest_configure(config) -> None:
    """FZCHECK_GOLDEN_RECORD=1: record every draft the suite checks (tests/golden)."""
    if os.environ.get("FZCHECK_GOLDEN_RECORD"):
        from checker import engine
        from tests.golden import Recorder

        Recorder().install(engine)
