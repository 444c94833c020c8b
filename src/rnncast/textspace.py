"""Python's whitespace written out, for regular expressions that pandas runs on its fast path.

pandas runs ``Series.str.contains`` and its kin on text columns with pyarrow's RE2 engine, except for patterns
RE2 reads otherwise than Python's ``re``: among them ``\\s``, which in Python matches every character
``str.isspace`` calls whitespace (the no-break spaces ``\\xa0`` and ``\\u202f`` of ``1:00\\u202fPM`` too), and then
pandas calls Python's ``re`` once per row (seconds on a million rows). ``SPACE`` is the same characters as a
character class written with the characters themselves (no ``\\s``, no ``\\u`` escape), so a pattern with it in
``\\s``'s place matches the same text on pandas' fast path.
"""

from __future__ import annotations

__all__ = ["SPACE", "WHITESPACE"]

# every character c with c.isspace() (Python's \s in a str pattern); tests/test_textspace.py checks it is all of them
WHITESPACE = ("\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008"
              "\u2009\u200a\u2028\u2029\u202f\u205f\u3000")
SPACE = f"[{WHITESPACE}]"  # for \s in a pattern: no character in it needs escaping in a class
