from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"


def rules_of(result) -> list[str]:
    return [f.rule for f in result.findings]


def findings_of(result, rule: str) -> list:
    return [f for f in result.findings if f.rule == rule]


@pytest.fixture
def corpus_dir() -> Path:
    if not CORPUS.is_dir():
        pytest.skip("../shared/corpus is not present")
    return CORPUS


def load_json(text: str) -> dict:
    return json.loads(text)
