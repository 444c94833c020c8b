"""A file named as CSV that is no UTF-8 CSV text, refused in one line saying what it is: Parquet or compressed by its
first bytes (``misnamed``: renamed so, rnncast reads it), UTF-16 text or binary (``nul_bytes``, where
``sheetcsv.wide`` finds NUL bytes in its first line), or text in another encoding (``not_utf8``: where its first
byte that is no UTF-8 is, and the encodings the whole file decodes in, ``legacytext``). ``data.read_table`` asks.
"""

from __future__ import annotations

from pathlib import Path

from rnncast import zipped
from rnncast.legacytext import legacy
from rnncast.sheetcsv import binary


def not_utf8(path: Path, compression: str | None, name: str, err: UnicodeDecodeError | None = None) -> str | None:
    """The refusal of a file (unzipped or decompressed; a zip archive's one data file) that is no UTF-8, as ``name``:
    where its first bytes that are no UTF-8 are (the byte counted from 1 within its line, the line from 1), and the
    encodings the whole file decodes in (``legacy``); None where it all decodes (``err``: pandas' error, whose byte
    counts from the start of its buffer, not of the file, named where the whole file decodes after all). For a refusal
    only: it reads the whole file."""
    with binary(path, compression, zipped.data_file(path) if compression == ".zip" else None) as f:
        raw = f.read()
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as bad:
        byte, line, found = bad.start - raw.rfind(b"\n", 0, bad.start), raw.count(b"\n", 0, bad.start) + 1, legacy(raw)
        given = repr(found[0].split()[0]) if len(found) == 1 else "the one it is in"
        reads = (f"; it decodes whole as {' or as '.join(found)}: save it as 'CSV UTF-8' (or hand rnncast "
                 f"pandas.read_csv(path, encoding={given}))" if found else "; save it as UTF-8 CSV")
        return f"{name} is not UTF-8 text ({bad.reason} at byte {byte} of line {line}){reads}"
    return f"{name} is not UTF-8 text ({err.reason} at byte {err.start}); save it as UTF-8 CSV" if err else None


MAGIC = ((b"PAR1", "a Parquet file", ".parquet"), (b"\x1f\x8b", "a gzip-compressed file", "{name}.gz"),
         (b"BZh", "a bzip2-compressed file", "{name}.bz2"), (b"\xfd7zXZ\x00", "an xz-compressed file", "{name}.xz"),
         (b"PK\x03\x04", "a zip archive", "{name}.zip"))  # what a file's first bytes say it is, and its name so


def misnamed(path: Path) -> str | None:
    """The refusal of a file named as text (``.csv``) whose first bytes say it is Parquet or compressed (``MAGIC``),
    else None: read as text it was "not UTF-8" or "holds NUL bytes", never what it is. rnncast reads those kinds by
    their names; the refusal gives the name to give it."""
    with open(path, "rb") as f:
        head = f.read(8)
    for magic, what, renamed in MAGIC:
        if head.startswith(magic):
            name = path.stem + ".parquet" if renamed == ".parquet" else renamed.format(name=path.name)
            return (f"{path} is {what} (its first bytes say so), named as text: rnncast reads a file by its name's "
                    f"ending; rename it {name}")
    return None


def nul_bytes(name: str, first: bytes) -> str:
    """The refusal of the file ``name`` whose first line holds NUL bytes (``first``: its first bytes, unzipped):
    UTF-16 text where it begins with UTF-16's byte-order mark or its first characters are ASCII written in two bytes
    each (Excel's "Unicode Text", PowerShell's Out-File, pandas' encoding='utf-16'), UTF-32 so in four (its mark
    first: FF FE 00 00 begins as UTF-16's FF FE), else no text."""
    head = first[:64] if len(first) % 2 == 0 else first[:min(64, len(first) - 1)]
    halves = (head[0::2], head[1::2])
    ascii16 = len(head) >= 4 and any(not h.strip(b"\x00") and o.isascii() and b"\x00" not in o
                                     for h, o in (halves, halves[::-1]))  # one byte of each pair NUL, the other ASCII
    quads = [first[:len(first[:64]) // 4 * 4][i::4] for i in range(4)]  # UTF-32's BOM begins as UTF-16 LE's: FF FE
    if first.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")) or len(quads[0]) >= 2 and \
            sum(not q.strip(b"\x00") for q in quads) == 3 and all(q.isascii() for q in quads):  # ASCII in 4 bytes each
        return (f"{name} is UTF-32 text, which rnncast does not read; save it as UTF-8 CSV (pandas: to_csv without "
                "encoding=)")
    if not first.startswith((b"\xff\xfe", b"\xfe\xff")) and (order := _unmarked_utf16(first)) is not None:
        return (f"{name} looks like UTF-16 {order} text without a byte-order mark (its ASCII characters are two bytes, "
                f"one a NUL), which rnncast does not read; save it as UTF-8 CSV (Excel: Save As 'CSV UTF-8'; pandas: "
                f"pd.read_csv(path, encoding='utf-16-{order.lower()}'), then to_csv without encoding=)")  # decision 1715
    if first.startswith((b"\xff\xfe", b"\xfe\xff")) or ascii16:
        return (f"{name} is UTF-16 text, which rnncast does not read; save it as UTF-8 CSV (Excel: Save As "
                "'CSV UTF-8'; pandas: to_csv without encoding=)")
    return (f"{name} holds NUL bytes in its first line: it is not CSV text (a binary file?); save it as UTF-8 "
            "CSV, or give a Parquet file")


def _unmarked_utf16(first: bytes) -> str | None:
    """"LE" or "BE" where ``first`` (a file's first bytes) reads as UTF-16 of that byte order without its mark: NULs
    on one side of its byte pairs alone (an ASCII character's high byte: ',' is 2C 00 in LE, Hangul's 날 A0 B0), two
    at least, and its text decoded so printable, holding a line end; else None ('da\\x00te,y' is no text)."""
    head = first[:1024][:len(first[:1024]) // 2 * 2]
    for order, nul in (("LE", 1), ("BE", 0)):
        pairs = [head[i:i + 2] for i in range(0, len(head), 2)]
        if any(p[1 - nul] == 0 for p in pairs) or sum(p[nul] == 0 for p in pairs) < 2:
            continue
        try:
            text = head.decode(f"utf-16-{order.lower()}")
        except UnicodeDecodeError:
            continue
        if "\n" in text and all(c.isprintable() or c in "\t\r\n" for c in text):
            return order
    return None
