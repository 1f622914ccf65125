"""personal-info on team-written drafts: real personal numbers found and masked everywhere; codes,
文号, amounts, dates and switchboard numbers left alone."""

from __future__ import annotations

import datetime as dt
import json
import zipfile

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from checker.rules.privacy import _PROVINCES, id_check_digit, is_bank_card, is_id_number, luhn_ok, redact
from checker.cli import app
from checker.engine import check_text
from checker.render import BINARY, FORMATS

from tests.conftest import findings_of
from tests.drafts import CLEAN

ID = "420106198503120011"  # made up, valid check digit
ID_BAD_CHECK = "420106198503120012"
MOBILE = "13912345678"
CARD = "6222021234567890128"  # Luhn-valid
ANCHOR = "清理证明事项43项，公布涉企收费目录清单。"


def draft(extra: str) -> str:
    assert CLEAN.count(ANCHOR) == 1
    return CLEAN.replace(ANCHOR, ANCHOR + extra)


def personal(extra: str) -> list:
    return findings_of(check_text(draft(extra)), "personal-info")


def test_the_numbers_of_the_tests_are_what_they_claim():
    assert id_check_digit(ID[:17]) == ID[17] and is_id_number(ID)
    assert not is_id_number(ID_BAD_CHECK)
    assert luhn_ok(CARD) and is_bank_card(CARD) and not is_bank_card(CARD[:-1] + "9")


def test_valid_id_number_is_an_error_and_masked():
    (f,) = personal(f"办事群众张某（身份证号{ID}）反映的问题已办结。")
    assert f.severity == "error" and f.data == {"kind": "id", "masked": "4201**********0011"}
    for field in (f.message, f.suggestion, json.dumps(f.data, ensure_ascii=False)):
        assert ID not in field
    assert "4201**********0011" in f.message


def test_id_with_x_check_digit():
    number = next(ID[:14] + f"{n:03d}" for n in range(1000) if id_check_digit(ID[:14] + f"{n:03d}") == "X") + "X"
    (f,) = personal(f"身份证号{number}。")
    assert f.data["masked"].endswith("X") and number not in f.message


@pytest.mark.parametrize("extra", [
    f"身份证号{ID_BAD_CHECK}。",  # check digit wrong: not an ID number
    "统一社会信用代码91420106MA4K2X1234。",
    f"统一社会信用代码：{ID}。",  # an all-digit code that happens to pass the ID check
    f"项目总投资{ID}元。",  # an amount with 18 digits
    f"发放补贴资金{ID[:-1]}.5元。",
    "印发《青山县人民政府关于推行证明事项告知承诺制的通知》（青政发〔2023〕12号）。",
    "2023年3月15日、20230315、2023-03-15召开推进会。",
    "值班电话：0710-3221234。",  # an office switchboard
    "服务热线12345，投诉电话12315。",
    f"编号2{MOBILE}0、案号（2023）鄂0602行初{MOBILE[:4]}号。",
    f"账户余额{CARD}元。",
])
def test_traps_are_not_personal_information(extra):
    assert personal(extra) == []


def test_mobile_is_a_warning_unless_part_of_a_longer_number():
    (f,) = personal(f"群众可拨打{MOBILE}咨询。")
    assert (f.severity, f.data["kind"], f.data["masked"]) == ("warning", "mobile", "139****5678")
    assert MOBILE not in f.message + f.suggestion
    assert personal(f"登记编号9{MOBILE}7。") == []
    (grouped,) = personal("手机139-1234-5678。")
    assert grouped.data["masked"] == "139****5678"


def test_bank_card_passing_luhn_is_a_warning():
    (f,) = personal(f"补助资金打入卡号{CARD}。")
    assert (f.severity, f.data["kind"]) == ("warning", "bank_card") and CARD not in f.message
    (spaced,) = personal("卡号6222 0212 3456 7890 128。")
    assert spaced.data["kind"] == "bank_card"
    assert personal(f"补助资金打入卡号{CARD[:-1]}9。") == []


def test_contact_line_is_info_and_its_switchboard_masked():
    (f,) = personal("（联系人：王某某，电话：0710-3221234）")
    assert (f.severity, f.data["kind"]) == ("info", "contact")
    assert "0710-3221234" not in f.message


def test_contact_line_with_a_mobile_gives_one_finding():
    (f,) = personal(f"联系人：王某某，手机：{MOBILE}")
    assert f.data["kind"] == "mobile"


def test_redact_keeps_columns():
    line = f"身份证号{ID}，手机{MOBILE}，卡号6222 0212 3456 7890 128，代码91420106MA4K2X1234"
    masked = redact(line)
    assert len(masked) == len(line)
    assert ID not in masked and MOBILE not in masked and "6222 0212 3456 7890 128" not in masked
    assert "91420106MA4K2X1234" in masked  # not personal: left as written


@pytest.mark.parametrize("fmt", FORMATS)
def test_no_output_format_repeats_the_number(fmt, tmp_path):
    path = tmp_path / "draft.txt"
    path.write_text(draft(f"联系人：王某某，身份证号{ID}，手机{MOBILE}。"), encoding="utf-8")
    if fmt in BINARY:  # what fzcheck writes itself: the workbook's cells, the Word copy's comments
        out = tmp_path / f"out.{fmt}"
        result = CliRunner().invoke(app, ["check", "-f", fmt, "-o", str(out), str(path)])
        with zipfile.ZipFile(out) as z:
            parts = [n for n in z.namelist() if n.startswith(("xl/worksheets/", "xl/sharedStrings", "word/comments"))]
            shown = "".join(z.read(n).decode("utf-8") for n in parts)
        assert parts
    else:
        result = CliRunner().invoke(app, ["check", "-f", fmt, str(path)])
        shown = result.stdout
    assert result.exit_code == 1, result.output
    assert "personal-info" in shown
    assert ID not in shown and MOBILE not in shown


def test_a_contact_office_is_not_a_person():
    assert personal("联系人：县司法局办公室，电话：0710-3221234。") == []


def test_an_id_must_open_with_a_province_code():
    number = "99" + ID[2:17]
    assert not is_id_number(number + id_check_digit(number))


# --- properties ------------------------------------------------------------------------------
ids = st.builds(
    lambda region, rest, born, seq: region + rest + born.strftime("%Y%m%d") + f"{seq:03d}",
    st.sampled_from(sorted(_PROVINCES)), st.from_regex(r"\d{4}", fullmatch=True),
    st.dates(min_value=dt.date(1920, 1, 1), max_value=dt.date(2020, 12, 31)),
    st.integers(0, 999),
).map(lambda first17: first17 + id_check_digit(first17))


@settings(max_examples=40, deadline=None)
@given(ids, st.sampled_from(["身份证号", "身份证号码：", "（", "，"]))
def test_any_valid_id_is_found_and_never_shown(number, before):
    found = personal(f"{before}{number}。")
    assert [(f.data["kind"], f.severity) for f in found] == [("id", "error")]
    (f,) = found
    assert number not in f.message + f.suggestion + repr(f.data)
    assert f.data["masked"][:4] == number[:4] and f.data["masked"][-4:] == number[-4:]


@settings(max_examples=40, deadline=None)
@given(ids, st.sampled_from(["元", "万元", "件", "人次", ".5元", "%"]))
def test_an_id_shaped_amount_or_count_is_not_personal(number, unit):
    assert personal(f"全年共计{number}{unit}。") == []


@settings(max_examples=40, deadline=None)
@given(st.from_regex(r"1[3-9]\d{9}", fullmatch=True), st.sampled_from(["", "手机", "电话：", "（"]))
def test_any_mobile_is_found_and_masked(mobile, before):
    (f,) = personal(f"{before}{mobile}。")
    assert f.data == {"kind": "mobile", "masked": mobile[:3] + "****" + mobile[-4:]}
