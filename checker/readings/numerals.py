"""Chinese and full-width numerals, as they appear in heading markers, years, dates and counts.

One reader of Chinese numerals for the whole package: heading ordinals (十二、), months and days
(三月十五日), counts (二十三个, 两万人, 十几次), and one reading of years digit by digit (二〇二四).
"""

from __future__ import annotations

# 几 is a digit of unknown value: 十几 reads 10 (an approximate figure says so itself).
_DIGITS = {"〇": 0, "○": 0, "零": 0, "O": 0, "Ｏ": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
           "六": 6, "七": 7, "八": 8, "九": 9, "几": 0}
_ZEROS = frozenset("〇○零OＯ")
_SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
_FULLWIDTH = str.maketrans("０１２３４５６７８９", "0123456789")

from ..model import YEAR_MAX, YEAR_MIN  # the years a report can be about or refer to (one place)


def to_halfwidth_digits(text: str) -> str:
    return text.translate(_FULLWIDTH)


def chinese_to_int(text: str) -> int | None:
    """一 → 1, 十 → 10, 十二 → 12, 二十三 → 23, 一百零五 → 105, 两万 → 20000, 三亿 → 300000000;
    Arabic digits (full-width too) as they are; None when it is not a numeral.

    Two digits in a row (二〇二三, 八五, 二三) are a year or a name, not a number: None (read a
    year with :func:`chinese_digits_to_int`).
    """
    if not text:
        return None
    if text.isdigit():
        return int(to_halfwidth_digits(text))
    total = section = number = 0
    previous_digit = False
    for ch in text:
        if ch in _DIGITS:
            if previous_digit:
                return None
            number = _DIGITS[ch]
            previous_digit = ch not in _ZEROS
        elif ch in _SMALL_UNITS:
            section += (number or 1) * _SMALL_UNITS[ch]
            number = 0
            previous_digit = False
        elif ch == "万":
            total += (section + number or 1) * 10**4
            section = number = 0
            previous_digit = False
        elif ch == "亿":
            total = (total + section + number or 1) * 10**8
            section = number = 0
            previous_digit = False
        else:
            return None
    return total + section + number


def chinese_digits_to_int(text: str) -> int | None:
    """Digit by digit, as years are written: 二〇二四 → 2024."""
    out = 0
    for ch in text:
        if ch in _DIGITS and ch != "几":
            out = out * 10 + _DIGITS[ch]
        elif ch.isdigit():
            out = out * 10 + int(to_halfwidth_digits(ch))
        else:
            return None
    return out
