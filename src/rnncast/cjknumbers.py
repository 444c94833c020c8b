"""Numbers as Chinese, Japanese and Korean exports write them, named where they are not read (``numbertext.hint``).

A multiplier after the number (``1.2万``: 12000, ``3.5亿``: 350000000, ``1,234百万円``: 1234000000 yen) is no unit:
the refusal gives the whole number (decision 1466, as decision 450 does for ``0.61M``), never the number as written,
which would be 10^4 or 10^8 times too small. A yen, yuan or won amount (``¥12,013``, ``￥1,004``, ``1,004円``,
``12.50元``, ``₩1,234``, ``1,234원``) is named as money and the number to write is given without its thousands commas
(12013): these currencies write commas only between thousands (yen and won have no decimals), so ``12,013`` is no
decimal comma, and as written it would be refused as one that may be (decision 1467). Full-width digits and marks
(``１２，０１３``, as Japanese input methods type them) are named with what NFKC makes of them (decision 1468).

None of these is read as a number: a file is read as it is written, and these say what to write.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal

# multipliers written after a number: Chinese (simplified, traditional), Japanese and Korean, longest first
MULTIPLIERS = {"百万": 6, "千万": 7, "千": 3, "万": 4, "萬": 4, "만": 4, "亿": 8, "億": 8, "억": 8, "兆": 12, "조": 12}
POWERS = {3: "thousand", 4: "ten thousand", 6: "million", 7: "ten million", 8: "hundred million", 12: "trillion"}
CURRENCIES = {"¥": "yen or yuan", "￥": "yen or yuan", "₩": "won", "￦": "won", "円": "yen", "元": "yuan",
              "圓": "yuan", "圆": "yuan", "块": "yuan", "원": "won", "JPY": "yen", "CNY": "yuan", "RMB": "yuan",
              "KRW": "won"}  # the currencies written with CJK signs or words, whose commas only group thousands
COMMAS = re.compile(r"[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?")  # 12,013  1,234.50: thousands commas, a decimal point
PLAIN = re.compile(r"[+-]?\d+(?:\.\d+)?")  # 12013  12.50
WIDE = re.compile(r"[\uff01-\uff5e\u3000]")  # full-width forms (０-９, ，．－＋％, ideographic space)


def _plain(number: str) -> str | None:
    """``number`` as CJK exports write it (thousands commas, a decimal point) written without its commas; None where
    it is written otherwise (``12,50``: a decimal comma these exports do not write)."""
    if COMMAS.fullmatch(number):
        return number.replace(",", "")
    return number if PLAIN.fullmatch(number) else None


def beside(value, before: str, number: str, after: str, scaled) -> str:
    """The clause naming ``value`` (``before`` ``number`` ``after``, as ``numbertext._beside`` splits it) where it is a
    number with a CJK multiplier after it (a currency sign before it, or a currency word after the multiplier, allowed:
    ``¥1.2万``, ``1.2万元``) or an amount of yen, yuan or won (``CURRENCIES``); "" otherwise. ``scaled(number, power)``
    writes a ``number`` with a decimal comma times 10 ** power in full, both readings where
    it could be thousands (``1,2万``); CJK exports write decimals with a point (``1.200万``: 12000). Raises nothing."""
    plain = _plain(number)  # None: a decimal comma (1,2万), scaled in both readings where it could be thousands
    multiplier = next((m for m in MULTIPLIERS if after.startswith(m)), None)
    if multiplier is not None:
        rest = after[len(multiplier):].strip()  # 元, 円; kg, 人: a currency or a unit after the multiplier
        if (rest and (before or not all(c.isalpha() or c in "/." for c in rest))) or (before and not _money(before)):
            return ""
        power = MULTIPLIERS[multiplier]  # 1.200万: 12000, its point a decimal point, as CJK never group by points
        whole = format(Decimal(plain).scaleb(power).normalize(), "f") if plain else scaled(number, power)  # (decision 1532)
        told = (f"has the currency {before or rest!r} and the multiplier" if before or rest in CURRENCIES else
                f"has the unit {rest!r} and the multiplier" if rest else "is written with the multiplier")
        return (f"; {value!r} {told} {multiplier!r} ({POWERS[MULTIPLIERS[multiplier]]}); write the whole "
                f"number{' alone' if before or rest else ''} ({whole})")
    sign = before or after
    if (before and after) or sign not in CURRENCIES or plain is None:
        return ""
    commas = ", without thousands commas" if "," in number else ""
    return f"; {value!r} has the currency {sign!r} ({CURRENCIES[sign]}); write the number alone{commas} ({plain})"


def currency_sign(text: str) -> bool:
    """Whether ``text`` holds a currency sign (a character of Unicode's category Sc: ``$``, ``€``, ``¥``, ``₩``); a
    code or word (``USD``, ``円``) is none. The one test of a sign that ``numbertext`` and this module make."""
    return any(unicodedata.category(c) == "Sc" for c in text)


def _money(text: str) -> bool:
    return text in CURRENCIES or currency_sign(text)


def wide(value, name) -> str:
    """The clause naming ``value`` (text, in column ``name``) where it writes a number with full-width digits or marks
    (``１２，０１３``): what NFKC makes of it and the number to write (``12013``); "" where it has none, or is no number
    once made narrow. Raises nothing."""
    if not isinstance(value, str) or not WIDE.search(value):
        return ""
    narrow = unicodedata.normalize("NFKC", value).strip()
    marks = "".join(sorted(set(WIDE.findall(value)) - {"\u3000"}))
    if not marks or not any(c.isdigit() for c in narrow):
        return ""
    pandas = f", e.g. with pandas: df[{name!r}].str.normalize('NFKC')" if name is not None else ""
    told = f"; {value!r} is written in full-width characters ({marks}), which rnncast does not read as a number"
    parts = re.fullmatch(r"(\D*?)\s*([+-]?\d[\d,.]*)\s*(\D*)", narrow)  # ￥１，００４: NFKC's '¥1,004' holds a sign
    sign = (parts[1] + parts[3]).strip() if parts else ""
    if parts is None or (plain := _plain(parts[2])) is None or (sign and sign not in CURRENCIES):
        return f"{told}; write it with 0-9 ({narrow!r} as NFKC makes it{pandas})"
    commas = ".str.replace(',', '')" if pandas and not sign else ""
    alone = f", no {sign!r}" if sign else ""
    return f"{told}; write it as {plain} (0-9, no thousands commas{alone}){pandas}{commas}"
