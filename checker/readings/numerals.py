"""Chinese and full-width numerals, as they appear in heading markers, years and counts."""

from __future__ import annotations

_DIGITS = {"〇": 0, "○": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
           "六": 6, "七": 7, "八": 8, "九": 9}
_FULLWIDTH = str.maketrans("０１２３４５６７８９", "0123456789")


def to_halfwidth_digits(text: str) -> str:
    return text.translate(_FULLWIDTH)


def chinese_to_int(text: str) -> int | None:
    """一 → 1, 十 → 10, 十二 → 12, 二十三 → 23, 一百零五 → 105; None when it is not a numeral."""
    if not text:
        return None
    if text.isdigit():
        return int(to_halfwidth_digits(text))
    total, current = 0, 0
    for ch in text:
        if ch in _DIGITS:
            current = _DIGITS[ch]
        elif ch == "十":
            total += (current or 1) * 10
            current = 0
        elif ch == "百":
            total += (current or 1) * 100
            current = 0
        else:
            return None
    return total + current


def chinese_digits_to_int(text: str) -> int | None:
    """Digit by digit, as years are written: 二〇二四 → 2024."""
    out = 0
    for ch in text:
        if ch in _DIGITS:
            out = out * 10 + _DIGITS[ch]
        elif ch.isdigit():
            out = out * 10 + int(to_halfwidth_digits(ch))
        else:
            return None
    return out
