"""Which spreadsheet encodings a file that is not UTF-8 is in, for its refusal (``data.read_table``): the Excel
encodings that decode the whole file into text of their script, each named with whose CSV it is.

The encodings overlap. A Western file's accented letter followed by an ASCII letter (Latin-1 ``Umsätze``: ``Ums``,
``E4 74``, ``ze``) is a valid GBK (and often Shift-JIS) character, so ``Umsätze`` decodes whole as ``Ums鋞ze``; and
GBK's bytes read as Windows-1252 are mostly accented capitals (``日期`` as ``ÈÕÆÚ``). What tells them apart: Western
text read as Western is letters (and a few signs), its accented letters lone inside ASCII words; read as East Asian,
its characters stand inside ASCII words, where real Chinese, Japanese or Korean text is written in runs between
separators, digits and spaces. Every encoding that stays plausible is named (the reader knows the language), but
cp949 alone where its reading is all common Hangul (``OWN_SCRIPT``), and Windows-1252 first where its reading is
Western text's lone accented letters and signs (€ £ – „“ °: ``_western``), after Windows-1254 where that reading
shows Turkish letters (Satýþ: ``TURKISH``); this module imports nothing of rnncast.
"""

from __future__ import annotations

import re
import unicodedata

# The East Asian Excel encodings, each with whose CSV it is and the letters of its script; they overlap (Shift-JIS
# bytes decode as cp949's rare syllables, GBK's as Hangul), so every one that decodes a file whole and shows its
# letters is named.
EAST_ASIAN = (("cp949", "Korean Excel's CSV, also called EUC-KR", "[\uac00-\ud7a3]"),
              ("shift_jis", "Japanese Excel's CSV", "[\u3040-\u30ff\u4e00-\u9fff]"),
              ("gb18030", "Chinese Excel's CSV, also called GBK", "[\u4e00-\u9fff]"),
              ("big5", "Taiwan's and Hong Kong's Excel CSV, traditional Chinese", "[\u4e00-\u9fff]"))
# The characters each writes most, as its code table places them: KS X 1001's 2350 Hangul syllables (cp949's others
# and its Hanja are rare in Korean text), JIS level 1's kanji and the kana, GB2312's level 1 (its 3755 commonest
# hanzi), Big5's commoner 5401 characters. A Chinese file read as cp949 gives Hanja and rare syllables (日期 as 휑퍅,
# 销售额 as 饋簡띨), a Big5 one read as GBK kana and rare hanzi (日期 as ら戳): the reading whose characters are the
# commonest is named first.
COMMON = {"cp949": lambda code: 0xB0A1 <= code <= 0xC8FE and code & 0xFF >= 0xA1,
          "shift_jis": lambda code: 0x829F <= code <= 0x8396 or 0x889F <= code <= 0x9872,
          "gb18030": lambda code: 0xB0A1 <= code <= 0xD7F9 and code & 0xFF >= 0xA1,
          "big5": lambda code: 0xA440 <= code <= 0xC67E}
# A script one encoding alone reads, which settles it where a file's every letter beyond ASCII is of it: a Korean
# file read as GBK or Big5 is as common hanzi as Chinese (날짜 as 朝楼, Hangul's rows are GB2312's commonest), but a
# Chinese file read as cp949 mixes Hangul with Hanja (日期,销售额 as 휑퍅,饋簡띨), and a Japanese one gives cp949's rare
# syllables (日付 as 볷븊): never all of KS X 1001's Hangul (``COMMON``).
OWN_SCRIPT = {"cp949": "HANGUL SYLLABLE"}
# The European ones: Windows-1252 (Western: German, French, Spanish...) first, the one Excel writes most, then
# Windows-1250 (Central European: Polish, Czech, Hungarian...), named beside it where the two read the file apart.
EUROPEAN = (("cp1252", "Western Excel's CSV, also called Windows-1252 or Latin-1"),
            ("cp1250", "Central European Excel's CSV, also called Windows-1250"))
# Windows-1254 (Turkish; ISO-8859-9 differs from it in no letter) is Windows-1252 but for six letters: its ğ ı ş Ğ İ Ş
# are Windows-1252's ð ý þ Ð Ý Þ, letters of Icelandic alone, so a Western reading with one inside a word (Satýþ, Ýl)
# is Turkish, named first (decision 1711); Windows-1252 still after it, for an Icelandic file.
TURKISH = ("cp1254", "Turkish Excel's CSV, also called Windows-1254 or ISO-8859-9")
TURKISH_IN_WESTERN = re.compile(r"(?<=[^\W\d_])[ðýþÐÝÞ]|[ðýþÐÝÞ](?=[^\W\d_])")
SIGNS = set("€£¥°§²³½¼¾«»„“”‘’–—…©®×÷±\u00a0")  # the signs a European file may hold besides letters
# The one-byte Excel encodings of other alphabets, each with whose CSV it is and its letters. Their bytes read as
# Windows-1252 are Latin-1 letters too (Russian's Продажи as Ïðîäàæè, Arabic's التاريخ as ÇáÊÇÑíÎ), but in runs of
# their own, where a Western word's accented letters stand lone inside ASCII words (``_inside_words``); so a file
# whose letters beyond ASCII stand in runs is named in these, and the European readings only where none reads it.
ALPHABETS = (("cp1251", "Russian and Cyrillic Excel's CSV, also called Windows-1251", "[\u0400-\u04ff]"),
             ("cp1256", "Arabic Excel's CSV, also called Windows-1256", "[\u0621-\u064a]"))
ALPHABET_SIGNS = set("،؛؟ـ") | set(chr(c) for c in range(0x064B, 0x0653))  # Arabic's comma... and its vowel marks

_BY_WORD = re.compile(r"(?<=[A-Za-z])[^\x00-\x7f]|[^\x00-\x7f](?=[A-Za-z])")  # one beside an ASCII letter


def _decoded(raw: bytes, encoding: str) -> str | None:
    try:
        return raw.decode(encoding)
    except UnicodeDecodeError:
        return None


def _latin(c: str) -> bool:
    return "\u00c0" <= c <= "\u017f" and c.isalpha()  # Latin-1's letters and Latin Extended-A's (ą ł ő Œ Š Ž)


def _european(text: str) -> bool:
    """Whether ``text``'s characters beyond ASCII are all Latin letters or the signs a European file holds."""
    return all(_latin(c) or c in SIGNS for c in set(text) if not c.isascii())


def _word_letters(text: str) -> int:
    """How many of ``text``'s Latin letters beyond ASCII stand beside another letter: in a word, where a sign one
    encoding reads as a letter stands apart (Preis £, Ł as Windows-1250) and counts for neither."""
    return sum(1 for i, c in enumerate(text) if _latin(c) and (text[i - 1:i].isalpha() or text[i + 1:i + 2].isalpha()))


def _western(text: str) -> bool:
    """Whether ``text``'s letters beyond ASCII each stand beside an ASCII letter (Umsätze, Température), the rest signs
    (€ £ ° – „“): Western text as Western Excel writes it, where another script read as Windows-1252 is letters in
    runs of their own (ÈÕÆÚ)."""
    return all(_BY_WORD.search(text, max(i - 1, 0), i + 2) for i, c in enumerate(text) if _latin(c))


def _inside_words(text: str) -> bool:
    """Whether most of ``text``'s characters beyond ASCII stand beside an ASCII letter (``Ums鋞ze``): Western words
    misread, where East Asian text stands in runs of its own between separators, digits and spaces."""
    wide = sum(1 for c in text if not c.isascii())
    return wide > 0 and 2 * len(_BY_WORD.findall(text)) > wide


def _alphabet(text: str, letters: str) -> bool:
    """Whether ``text``'s characters beyond ASCII are all ``letters`` (or signs), its words each in one case (Дата,
    ДАТА, дата), and one word at least of two of its letters apart from ASCII words: Arabic read as Windows-1251 is
    Cyrillic whose words change case inside (ЗбКЗСнО), Russian read as Windows-1256 Arabic amid Latin letters (ؤàٍà),
    and a Western file's € or £ read as Windows-1251 a lone Ђ or Ј, no word (Umsatz Ђ); its – „ “ ° are those signs
    as Windows-1251 and Windows-1256 too, no letter at all."""
    wide = {c for c in text if not c.isascii()}
    if not wide or not all(re.fullmatch(letters, c) or c in SIGNS or c in ALPHABET_SIGNS for c in wide):
        return False
    words = re.findall(f"{letters}+", text)
    if not re.search(f"(?<![A-Za-z]){letters}{{2,}}(?![A-Za-z])", text):
        return False
    return all(w.upper() == w.lower() or w.islower() or w.isupper() or w.istitle() for w in words)  # Arabic: no case


def _commonest(text: str, encoding: str) -> float:
    """The share of ``text``'s characters beyond ASCII that are of those ``encoding`` writes most (``COMMON``)."""
    wide = [c.encode(encoding) for c in text if not c.isascii()]
    return sum(len(b) == 2 and COMMON[encoding](int.from_bytes(b, "big")) for b in wide) / max(len(wide), 1)


def _own_script(text: str, encoding: str) -> bool:
    """Whether every letter of ``text`` beyond ASCII is of the script ``encoding`` alone reads (``OWN_SCRIPT``), and
    every character beyond ASCII of those it writes most (``COMMON``)."""
    letters = [c for c in text if not c.isascii() and c.isalpha()]
    own = OWN_SCRIPT.get(encoding)
    return (own is not None and bool(letters) and all(unicodedata.name(c, "").startswith(own) for c in letters)
            and _commonest(text, encoding) == 1)


def legacy(raw: bytes) -> list[str]:
    """The encodings ``raw`` plausibly is in, each as "cp1252 (Western Excel's CSV, ...)", the likelier first; empty
    where none decodes it whole into plausible text (of the East Asian ones, the one whose characters are the
    commonest of its code table first: ``COMMON``)."""
    european = [(name, whose, text) for name, whose in EUROPEAN
                if (text := _decoded(raw, name)) is not None and _european(text)]
    if len(european) == 2:
        if european[0][2] == european[1][2]:
            european = european[:1]  # the same text either way (German's äöüß): one name will do
        elif _word_letters(european[1][2]) > _word_letters(european[0][2]):
            european = european[1:]  # Polish ą ł ż are signs (¹ ³ ¿) as Windows-1252
    east = [(name, whose, text) for name, whose, letters in EAST_ASIAN
            if (text := _decoded(raw, name)) is not None and re.search(letters, text)]
    east.sort(key=lambda found: -_commonest(found[2], found[0]))  # a tie keeps EAST_ASIAN's order
    own = next(([found] for found in east if _own_script(found[2], found[0])), None)  # 날짜: cp949 alone
    east = own or east
    if own:  # a header's 날짜 (or 오전/오후) is cp1250's łŻÂĄ (żŔŔü): letters in runs of their own, no European word's
        european = [found for found in european if _inside_words(found[2])]
    if european:
        east = [found for found in east if not _inside_words(found[2])]  # Ums鋞ze: a Western word misread
    alphabets = [(name, whose, text) for name, whose, letters in ALPHABETS
                 if (text := _decoded(raw, name)) is not None and not _inside_words(text) and _alphabet(text, letters)]
    if alphabets:
        european = []  # Ïðîäàæè: Latin-1 letters in runs of their own are another alphabet's bytes
    found = east + alphabets + european
    if european and _western(european[0][2]):  # Temp °C: B0 43 is a Big5 character, but ° a Western file's sign
        found = european + east
    if european and (text := _decoded(raw, TURKISH[0])) is not None and _european(text) and \
            TURKISH_IN_WESTERN.search(_decoded(raw, "cp1252") or ""):  # Satýþ: Satış
        found = [(*TURKISH, text)] + found
    return [f"{name} ({whose})" for name, whose, _ in found]
