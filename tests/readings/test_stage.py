"""The readings stage: each part of a report read once, whatever the number of rules that read it,
at offsets that map back to the paragraph; one reader of Chinese numerals."""

from __future__ import annotations

import pickle
from collections import Counter

import pytest

from checker import engine
from checker.engine import Options, check_text, compact_result
from checker.readings import coverage as coverage_module
from checker.readings import figures as figures_module
from checker.readings import report as report_module
from checker.readings.numerals import chinese_digits_to_int, chinese_to_int
from checker.readings.report import Readings, readings_of
from checker.template import load_template

from tests.conftest import ROOT, rules_of

EXAMPLE = (ROOT / "examples" / "liuxi-2023-draft.txt").read_text(encoding="utf-8")


def _counting(monkeypatch: pytest.MonkeyPatch, module, name: str) -> Counter:
    """Replace ``module.name`` by a wrapper that counts its calls by first argument."""
    calls: Counter = Counter()
    original = getattr(module, name)

    def counted(*args, **kwargs):
        calls[args[0] if args and isinstance(args[0], str) else id(args[0]) if args else None] += 1
        return original(*args, **kwargs)

    monkeypatch.setattr(module, name, counted)
    return calls


def test_each_text_has_its_figures_read_once_by_all_the_rules(monkeypatch):
    calls = _counting(monkeypatch, figures_module, "find_figures")
    check_text(EXAMPLE)
    # this sentence is read by percent-range (%), count-inconsistent (收到, 受理) and ratio-mismatch (率)
    shared = "全年收到行政复议申请23件，受理21件，审结20件，直接纠错4件，直接纠错率17.4%。"
    assert calls[shared] == 1
    assert len(calls) >= 4
    assert max(calls.values()) == 1, [t for t, n in calls.items() if n > 1][:3]


def test_figure_rules_find_the_same_with_the_figures_read_once():
    """The rules read the figures the readings hold: the same objects, not a new reading."""
    result = check_text(EXAMPLE)
    readings = result.report.readings
    sentence = next(s for i in range(len(result.report.source.paragraphs)) for s in readings.sentences(i)
                    if "调解成功率" in s.text)
    assert readings.figures(sentence) is readings.figures(sentence)
    assert [f.text for f in readings.figures(sentence)][-1] == "98.3%"
    assert "ratio-mismatch" in rules_of(result)


def test_each_paragraph_has_its_dates_read_once(monkeypatch):
    calls = _counting(monkeypatch, report_module, "find_dates")
    check_text(EXAMPLE)
    assert len(calls) > 5
    assert max(calls.values()) == 1


def test_coverage_is_computed_once_per_report_and_shared_with_the_page_checklist(monkeypatch):
    calls = _counting(monkeypatch, report_module, "coverage_of")
    from checker.serve.work import indicator_checklist

    template = load_template("annual")
    result = engine.check_source(engine.check_text(EXAMPLE).report.source, Options(), template)
    rows = indicator_checklist(result, template)
    assert sum(calls.values()) == 2  # once for check_text's report, once for check_source's
    assert {row["status"] for row in rows} <= {"data", "no-data", "missing"} and rows


def test_sentence_offsets_map_to_their_paragraph_and_figure_offsets_to_their_sentence():
    result = check_text(EXAMPLE)
    report, readings = result.report, result.report.readings
    seen = 0
    for i, p in enumerate(report.source.paragraphs):
        previous_end = 0
        for s in readings.sentences(i):
            assert s.paragraph == i
            assert p.text[s.start:s.end] == s.text
            line, column = p.source_place(s.start)  # and back to the file: the sentence stands there
            assert report.source.lines[line - 1][column - 1:].startswith(s.text)
            assert s.start >= previous_end
            previous_end = s.end
            for f in readings.figures(s):
                assert s.text[f.start:f.end] == f.text
                seen += 1
    assert seen > 10


def test_clauses_say_what_each_figure_counts():
    result = check_text("××县2023年法治政府建设年度报告\n全年收到行政复议申请23件，受理21件，直接纠错率为17.4%。\n")
    readings = result.report.readings
    i = next(k for k, p in enumerate(result.report.source.paragraphs) if "复议" in p.text)
    (sentence,) = readings.sentences(i)
    assert readings.clauses(sentence) == ("全年收到行政复议申请", "受理", "直接纠错率为")


def test_cited_titles_with_their_places():
    text = "××县2023年法治政府建设年度报告\n贯彻《法治政府建设实施纲要（2021－2025年）》，学习《行政复议法》。\n"
    result = check_text(text)
    i = next(k for k, p in enumerate(result.report.source.paragraphs) if "纲要" in p.text)
    paragraph = result.report.source.paragraphs[i].text
    titles = result.report.readings.titles(i)
    assert [t.name for t in titles] == ["法治政府建设实施纲要（2021－2025年）", "行政复议法"]
    assert all(paragraph[t.start:t.end] == f"《{t.name}》" for t in titles)


def test_topics_each_paragraph_reports_on_leave_out_cited_titles():
    text = ("××县2023年法治政府建设年度报告\n一、主要举措和成效\n全年收到行政复议申请23件。\n"
            "组织学习《中华人民共和国行政复议法》。\n")
    result = check_text(text)
    readings = result.report.readings
    paragraphs = result.report.source.paragraphs
    reports = next(k for k, p in enumerate(paragraphs) if "申请" in p.text)
    cites = next(k for k, p in enumerate(paragraphs) if "学习" in p.text)
    assert "admin_reconsideration" in {key for key, _, _ in readings.topics(reports)}
    assert "admin_reconsideration" not in {key for key, _, _ in readings.topics(cites)}
    assert readings.coverage["admin_reconsideration"].with_data


def test_readings_stay_in_the_process_that_read_them():
    result = check_text(EXAMPLE)
    assert result.report.readings is not None
    assert pickle.loads(pickle.dumps(result)).report.readings is None
    assert compact_result(result).report.readings is None
    # a report without readings gets new ones (and the same coverage)
    template = load_template("annual")
    bare = compact_result(check_text(EXAMPLE)).report
    assert readings_of(result.report, template) is result.report.readings
    assert isinstance(readings_of(bare, template), Readings)


def test_coverage_module_is_what_the_indicator_rules_read():
    result = check_text(EXAMPLE)
    readings = result.report.readings
    assert readings.coverage is readings.coverage
    assert [t.key for t in readings.indicators] == [
        t.key for t in coverage_module.indicators(load_template("annual"), result.report.year)
    ]


@pytest.mark.parametrize(
    ("numeral", "value"),
    [("一", 1), ("十", 10), ("十二", 12), ("二十", 20), ("二十三", 23), ("三十一", 31), ("一百零五", 105),
     ("两万", 20000), ("一千二百", 1200), ("三亿", 300000000), ("十几", 10), ("〇", 0), ("○", 0),
     ("１２", 12), ("7", 7)],
)
def test_chinese_numerals_parse(numeral, value):
    assert chinese_to_int(numeral) == value


@pytest.mark.parametrize("numeral", ["", "二〇二三", "八五", "二三", "十四五x", "法"])
def test_what_is_not_a_number_reads_none(numeral):
    assert chinese_to_int(numeral) is None


def test_years_read_digit_by_digit():
    assert chinese_digits_to_int("二〇二四") == 2024
    assert chinese_digits_to_int("二ＯＯ九") == 2009
    assert chinese_digits_to_int("二〇二x") is None


def test_one_numeral_reader_serves_figures_dates_and_headings():
    assert [f.value for f in figures_module.find_figures("培训二十三场，覆盖两万人")] == [23, 20000]
    from checker.readings.dates import find_dates

    (mention,) = find_dates("二〇二四年三月十五日")
    assert (mention.year, mention.month, mention.day) == (2024, 3, 15)
    outline = check_text("××县2023年法治政府建设年度报告\n十二、其他工作\n推进工作。\n").report
    assert [h.ordinal for h in outline.headings] == [12]


def test_rules_read_sentences_figures_and_dates_from_the_readings_only():
    """No rule module reads them itself (it would read them again, once per rule)."""
    import ast

    readers = {"find_figures", "split_sentences", "find_dates", "per_report"}
    modules = [p for folder in ("checks", "rules") for p in (ROOT / "checker" / folder).glob("*.py")]
    assert modules
    for path in modules:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                assert not readers & {a.name for a in node.names}, f"{path.name} imports {readers & {a.name for a in node.names}}"


def test_rate_and_stage_tables_are_template_data(tmp_path):
    """A template that names its own rate and chain of stages gets them checked; the built-in annual template knows neither."""
    from checker.template import load_template as load

    province = tmp_path / "province.yaml"
    province.write_text(
        "extends: annual\nname: province\nlabel: 某省\n"
        "stage_chains:\n  words: ['其中|收到|受理|审结|申请|核准']\n  chains:\n"
        "    - key: case\n      stages:\n        - {name: 收到, patterns: ['收到']}\n"
        "        - {name: 受理, patterns: ['受理']}\n        - {name: 办结, patterns: ['审结']}\n"
        "    - key: licence\n      stages:\n        - {name: 申请, patterns: ['申请']}\n"
        "        - {name: 核准, patterns: ['核准']}\n"
        "rates:\n  - {key: licence, rate: ['核准率'], numerator: ['核准'], denominator: ['申请']}\n",
        encoding="utf-8",
    )
    head = "××县2023年法治政府建设年度报告\n一、主要举措和成效\n"
    text = head + "全年许可申请20件，核准25件。\n全年许可申请40件，核准30件，核准率50%。\n"
    province_result = check_text(text, Options(template=str(province)))
    assert [f.data for f in province_result.findings if f.rule == "count-inconsistent"] == [{"whole": 20, "part": 25}]
    assert [f.data for f in province_result.findings if f.rule == "ratio-mismatch"] == [{"stated": 50, "computed": 75}]
    annual = check_text(text)
    assert not {"count-inconsistent", "ratio-mismatch"} & set(rules_of(annual))
    # merged by key (schema.MERGE): the built-in chains and rates are kept, the province's added
    built_in = load("annual")
    assert [c.key for c in load(str(province)).stage_chains.chains] == [c.key for c in built_in.stage_chains.chains] + ["licence"]
    assert [r.key for r in load(str(province)).rates] == [r.key for r in built_in.rates] + ["licence"]


def test_a_checked_result_keeps_the_coverage_not_the_readings_of_the_text(monkeypatch):
    result = check_text(EXAMPLE)
    readings = result.report.readings
    assert not readings._figures and not readings._dates and all(s is None for s in readings._sentences)
    assert "coverage" in vars(readings)  # concluded during the checks, kept
    calls = _counting(monkeypatch, report_module, "coverage_of")
    assert readings.coverage and not calls
    assert readings.sentences(0)  # read again on demand
