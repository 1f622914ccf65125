"""Personal information in a report meant for publication: ID card, mobile and bank card numbers,
contact lines (《中华人民共和国政府信息公开条例》第十五条).

A number is only taken for a person's when it is one: an 18-digit string must carry a valid
GB 11643 check digit and a real birth date, a card number must pass the Luhn check, and neither
may be part of a longer run of digits or letters (统一社会信用代码, 文号, account codes), follow a
code's name (「统一社会信用代码：」) or be followed by a unit (an amount, a count). A finding
never repeats the number: message, suggestion and data carry it masked (4201**********123X).
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from typing import Iterator

from ..model import Report
from .declare import Hit, hit_at, rule
from ..template import Template
from .examples import variant

ORDER = 60  # where this family's rules stand in the list (fzcheck rules, docs/rules.md)

SOURCE = (
    "《中华人民共和国政府信息公开条例》第十五条（涉及商业秘密、个人隐私等公开会对第三方合法权益造成损害的政府信息，行政机关不得公开）；"
    "GB 11643-1999《公民身份号码》（校验码）"
)

# Digit runs, with the single spaces or hyphens that group a card or phone number (6222 0212 …).
# The look-arounds keep a run whole: no digit, Latin letter or 〔 before or after it.
_RUN = re.compile(r"(?<![0-9A-Za-z０-９])\d(?:[ \-]?\d){10,22}[Xx]?(?![0-9A-Za-z０-９])")
_MOBILE = re.compile(r"1[3-9]\d{9}")
_SWITCHBOARD = re.compile(r"0\d{2,3}-?\d{7,8}")
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"


def id_check_digit(first17: str) -> str:
    """The GB 11643 check character of the first 17 digits (ISO 7064 MOD 11-2)."""
    return _ID_CHECK[sum(int(d) * w for d, w in zip(first17, _ID_WEIGHTS)) % 11]


# The provinces' codes that open every 公民身份号码 (GB/T 2260): 11 北京 … 65 新疆, 71 台湾, 81–83.
_PROVINCES = frozenset(
    "11 12 13 14 15 21 22 23 31 32 33 34 35 36 37 41 42 43 44 45 46 50 51 52 53 54 61 62 63 64 65 71 81 82 83".split()
)


def is_id_number(number: str) -> bool:
    """An 18-character 公民身份号码: region code, a real birth date, sequence, a valid check digit."""
    if len(number) != 18 or not number[:17].isdigit() or number[:2] not in _PROVINCES:
        return False
    try:
        born = dt.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return False
    if not 1900 <= born.year <= 2099:
        return False
    return id_check_digit(number[:17]) == number[17].upper()


def luhn_ok(number: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(number)):
        d = int(ch)
        if i % 2:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


# Issuer prefixes of the cards used in China (银联 62, Visa 4, Mastercard 5, JCB/AmEx 3, old domestic 9).
_CARD_PREFIX = re.compile(r"(62|4|5[1-5]|3[4-8]|9)")


def is_bank_card(number: str) -> bool:
    return 16 <= len(number) <= 19 and number.isdigit() and bool(_CARD_PREFIX.match(number)) and luhn_ok(number)


def mask(number: str, keep_head: int, keep_tail: int = 4) -> str:
    """The number with its middle digits replaced by * (what a finding may show)."""
    hidden = len(number) - keep_head - keep_tail
    return number[:keep_head] + "*" * max(hidden, 0) + number[len(number) - keep_tail:]


def privacy_patterns(template: Template) -> tuple[re.Pattern | None, re.Pattern | None, re.Pattern | None]:
    info = template.personal_info
    return info.code_context, info.amount_after, info.contact_line


def _is_code_or_amount(text: str, start: int, end: int, code: re.Pattern | None, amount: re.Pattern | None) -> bool:
    before = text[max(0, start - 14):start]
    if code is not None and code.search(before):
        return True
    return amount is not None and amount.match(text, end) is not None


def _numbers(text: str, code: re.Pattern | None, amount: re.Pattern | None) -> Iterator[tuple[int, int, str, str]]:
    """(start, end, kind, masked) of every personal number in one paragraph."""
    for m in _RUN.finditer(text):
        raw = m.group(0)
        digits = re.sub(r"[ \-]", "", raw)
        if _is_code_or_amount(text, m.start(), m.end(), code, amount):
            continue
        grouped = raw != digits
        if len(digits) == 18 and not grouped and is_id_number(digits):
            yield m.start(), m.end(), "id", mask(digits.upper(), 4)
        elif digits.isdigit() and is_bank_card(digits):
            yield m.start(), m.end(), "bank_card", mask(digits, 4)
        else:
            plus86 = len(digits) == 13 and digits.startswith("86") and text[max(0, m.start() - 1):m.start()] == "+"
            mobile = digits[2:] if plus86 else digits
            if _MOBILE.fullmatch(mobile) and re.fullmatch(r"(86[ \-]?)?\d{3}[ \-]?\d{4}[ \-]?\d{4}", raw):
                yield m.start(), m.end(), "mobile", mask(mobile, 3)


def redact(text: str, template: Template | None = None) -> str:
    """``text`` with the middle digits of every personal number masked, each character kept in
    place (columns do not move): what an excerpt of the document may show. Without a template,
    no number is set aside as a code or an amount by the words around it."""
    code, amount, _ = privacy_patterns(template) if template is not None else (None, None, None)
    return redacted(text, code, amount)


_DIGIT = re.compile(r"\d")


@lru_cache(maxsize=256)
def redacted(text: str, code: re.Pattern | None, amount: re.Pattern | None) -> str:
    """:func:`redact` remembered: every finding on a line shows the same excerpt of it."""
    if _DIGIT.search(text) is None:
        return text
    out = text
    for start, end, kind, _masked in _numbers(text, code, amount):
        keep_head = 3 if kind == "mobile" else 4
        digits_seen = 0
        total = sum(c.isdigit() or c in "Xx" for c in text[start:end])
        piece = []
        for c in text[start:end]:
            if c.isdigit() or c in "Xx":
                digits_seen += 1
                piece.append(c if digits_seen <= keep_head or digits_seen > total - 4 else "*")
            else:
                piece.append(c)
        out = out[:start] + "".join(piece) + out[end:]
    return out


_KIND = {
    "id": ("居民身份证号码", "身份证号码属于个人信息，公开即泄露个人隐私"),
    "bank_card": ("银行卡号", "银行卡号属于个人金融信息"),
    "mobile": ("手机号码", "个人手机号码属于个人信息"),
}


_ID = "420106198503120011"  # a made-up number with a valid check digit (a test checks it)


@rule(
    id="personal-info",
    family="review",
    severity="error",
    summary="要公开的报告里有个人信息：身份证号码（错误）、手机号码和银行卡号（警告）、联系人（提示）",
    rationale="年度报告要向社会公开，涉及个人隐私的信息不得公开；身份证号码、个人手机号码、银行卡号一经发布即无法收回。"
    "统一社会信用代码、文号、金额、日期和单位办公电话不是个人信息，不报告。消息中号码的中间数字一律隐去。",
    source=SOURCE,
    bad=variant("县长出庭应诉2次。", f"县长出庭应诉2次。（联系人：王某某，身份证号{_ID}，手机13912345678）"),
    good=variant("县长出庭应诉2次。", "县长出庭应诉2次。（咨询电话：0710-3221234；统一社会信用代码11420625011012345X）"),
    case_severities={"id": "error", "bank_card": "warning", "mobile": "warning", "contact": "info"},
)
def personal_info(report: Report, template: Template) -> Iterator[Hit]:
    code, amount, contact = privacy_patterns(template)
    for i, p in enumerate(report.source.paragraphs):
        text = p.text
        found = list(_numbers(text, code, amount))
        for start, end, kind, masked in found:
            name, why = _KIND[kind]
            yield hit_at(
                i,
                f"报告中有{name}「{masked}」：{why}，要公开的报告不能含有。",
                f"删去这个{name}；确需留联系方式的，改用单位的办公电话。",
                start=start, end=end, case=kind, kind=kind, masked=masked,
            )
        if found or contact is None:
            continue  # a contact line with a personal number is reported by that number
        m = contact.search(text)
        if m:
            shown = _SWITCHBOARD.sub(lambda n: mask(n.group(0), 4, 2), text[m.start():m.start() + 40]).split("\n")[0]
            yield hit_at(
                i,
                f"报告中有联系人信息「{shown}」：公开前请确认可以公开此人的姓名和联系方式。",
                "公开稿一般不列个人联系人；确需保留的，只留单位名称和办公电话。",
                start=m.start(), end=len(text), case="contact", kind="contact", masked=shown,
            )
