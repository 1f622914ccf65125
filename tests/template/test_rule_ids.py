"""A template that names a rule fzcheck does not have is refused the same way by every command
that loads one (check, outline, init, init --previous, grammar): a Chinese message naming the
rule and where the template names it, exit code 2, nothing written."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from checker.cli import app
from checker.init import InitError, build_skeleton
from checker.rules.examples import MINI
from checker.template import TemplateError

UNKNOWN = {
    "severities": "severities:\n  section-thn: warning\n",
    "applies": "applies:\n  section-thn: {since: 2020}\n",
}


@pytest.fixture
def work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / ".git").mkdir()
    monkeypatch.chdir(tmp_path)
    (tmp_path / "draft.txt").write_text(MINI, encoding="utf-8")
    return tmp_path


def _template(work: Path, where: str) -> str:
    # a file name of its own per case: loaded templates are cached by the path given
    name = f"bad-{where}.yaml"
    (work / name).write_text(f"extends: annual\nname: bad\n{UNKNOWN[where]}", encoding="utf-8")
    return name


COMMANDS = {
    "check": ["check", "-t", "{t}", "draft.txt"],
    "outline": ["outline", "-t", "{t}", "draft.txt"],
    "init": ["init", "-s", "柳溪县", "--year", "2024", "-t", "{t}", "-o", "out.md"],
    "init-previous": ["init", "--previous", "draft.txt", "--year", "2024", "-t", "{t}", "-o", "out.md"],
    "grammar": ["grammar", "-t", "{t}"],
}


@pytest.mark.parametrize("where", sorted(UNKNOWN))
@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_unknown_rule_id_refused_by_every_command(work: Path, command: str, where: str) -> None:
    t = _template(work, where)
    result = CliRunner().invoke(app, [arg.format(t=t) for arg in COMMANDS[command]])
    assert result.exit_code == 2, result.output
    said = result.stderr
    assert f"{where}.section-thn" in said and "没有这条规则" in said, said
    assert "Traceback" not in result.output + said
    assert not (work / "out.md").exists()


def test_a_known_rule_id_is_accepted_by_init_and_grammar(work: Path) -> None:
    """The refusal is about the unknown id, not about province files as such."""
    (work / "ok.yaml").write_text("extends: annual\nname: ok\nseverities:\n  section-thin: warning\n", encoding="utf-8")
    assert CliRunner().invoke(app, ["grammar", "-t", "ok.yaml"]).exit_code == 0
    made = CliRunner().invoke(app, ["init", "-s", "柳溪县", "--year", "2024", "-t", "ok.yaml", "-o", "out.md"])
    assert made.exit_code == 0, made.output
    assert (work / "out.md").is_file()


def test_library_init_refuses_an_unknown_rule_id(work: Path) -> None:
    with pytest.raises(TemplateError, match="section-thn"):
        build_skeleton("柳溪县", 2024, _template(work, "severities"))
    assert not issubclass(TemplateError, InitError)  # the template's own error, as check raises it
