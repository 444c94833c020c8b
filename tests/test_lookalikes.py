"""A name the header writes with other characters that look the same (``lookalikes.py``): in another Unicode form,
twice in two forms, or with spaces around it, each named with what to do."""

from __future__ import annotations

import pytest


def test_a_name_that_differs_from_a_column_by_spaces_names_them_and_where_to_remove_them():
    from rnncast.lookalikes import spaced_name

    assert spaced_name("promo", ["ds", " promo"], "the model's column", True, False) == (
        "column ' promo' has a leading space (the model's column is 'promo'): remove it from the file's header")
    assert spaced_name("y", ["y  "], "the column named", False, True) == (
        "column 'y  ' has 2 trailing spaces (the column named is 'y'): remove them from the column's name, or name the "
        "column as written ('y  '; on the command line inside double quotes, '\"y  \"', which a flag's list of names "
        "keeps as written)")
    assert "leading whitespace ('\\t')" in spaced_name("y", ["\ty"], "the column named", True, True)
    assert spaced_name("y", ["y", "x"], "the column named", True, True) is None


def test_unicode_form_names_which_side_is_decomposed():
    import unicodedata

    from rnncast.lookalikes import unicode_form

    nfd = unicodedata.normalize("NFD", "매출")
    assert "the header writes" in unicode_form("매출", ["날짜", nfd]) and "(NFD" in unicode_form("매출", [nfd])
    assert "the name given is written in decomposed" in unicode_form(nfd, ["매출"])
    assert unicode_form("매출", ["매출", "날짜"]) == "" and unicode_form("sales", ["date"]) == ""


def test_a_name_another_unicode_form_of_which_the_header_holds_is_refused_in_the_callers_words():
    import unicodedata

    from rnncast.errors import RnncastError
    from rnncast.lookalikes import refuse_other_form

    nfd = unicodedata.normalize("NFD", "매출")
    said = lambda name: f"series column {name!r} not found"  # noqa: E731
    with pytest.raises(RnncastError, match=r"^series column '매출' not found: the header writes .+ in decomposed "
                                           r"Unicode \(NFD, as macOS writes names\), the model's column in composed"):
        refuse_other_form(["날짜", "매출"], ["날짜", nfd], said)
    refuse_other_form(["매출"], ["매출", nfd], said)  # there as written: not refused
    refuse_other_form(["sales"], ["date"], said)  # missing in every form: the caller's plain refusal follows


def test_a_unicode_form_is_named_in_ids_words_or_in_a_headers():
    import unicodedata

    from rnncast.lookalikes import form_name

    nfd, mixed = unicodedata.normalize("NFD", "Süd"), "Cafe\u0301 Süd"
    assert form_name("Süd") == "composed form (NFC)" and form_name("Süd", True) == "composed form (NFC)"
    assert form_name(nfd) == "decomposed form (NFD, as macOS writes names)"
    assert form_name(nfd, True) == "decomposed Unicode (NFD, as macOS writes names)"
    assert (form_name(mixed), form_name(mixed, True)) == ("another form", "another Unicode form")


CAFE_NFC, CAFE_NFD = "Caf\u00e9", "Cafe\u0301"
MIXED = "Cr\u00e8me bru\u0302l\u00e9e"  # è and é composed, û decomposed: neither NFC nor NFD


def test_the_unicode_advice_is_right_for_each_side_s_form_mixed_ones_too():
    """A header in a mixed form: 'Crème brûlée' with some letters composed, some not, was said to be the header's
    "otherwise", the fix unicodedata.normalize('NFC', name), which does not give the header's text; a name in the
    mixed form against a decomposed header was called composed (decision 687). Each side's form is named as it is;
    a header not in composed form is told to be saved so, a composed one to be named as written."""
    import unicodedata

    from rnncast.lookalikes import unicode_form

    nfc, nfd = (unicodedata.normalize(f, "Crème brûlée") for f in ("NFC", "NFD"))
    for name in (nfc, nfd):
        said = unicode_form(name, ["date", MIXED])
        assert said.startswith(f": the header writes {MIXED!r} in another Unicode form, the name given in ")
        assert "save the header in composed form (NFC;" in said and "normalize('NFC', name)" not in said
    assert "the name given in another Unicode form;" in unicode_form(MIXED, ["date", nfd])  # not "composed form (NFC)"
    assert unicode_form(MIXED, ["date", nfc]).startswith(": the name given is written in another Unicode form, the "
                                                         f"header's {nfc!r} otherwise")  # NFC gives the header's
    assert unicode_form(CAFE_NFD, ["date", CAFE_NFC]).endswith("give it as the header writes it "
                                                               "(unicodedata.normalize('NFC', name))")


def test_a_header_writing_a_name_in_two_forms_is_said_so_and_no_form_is_advised():
    """A header of 'Café' composed (column 2) and 'Café' decomposed (column 3): a name in either form silently took
    the column it matched, the other "not used: Café", and a third form was told to save the header in composed form,
    which would hold 'Café' twice (decision 687). Each name is refused naming both columns and the one it took."""
    from rnncast.errors import RnncastError
    from rnncast.lookalikes import refuse_look_alike, unicode_form

    header = ["date", CAFE_NFC, CAFE_NFD, "Thé"]
    for name, column in ((CAFE_NFC, 2), (CAFE_NFD, 3)):
        with pytest.raises(RnncastError, match=(
                rf"^column {name!r} is not told apart: the header writes {name!r} 2 times, column 2 in composed form "
                rf"\(NFC\) and column 3 in decomposed Unicode \(NFD, as macOS writes names\); the one taken is column "
                rf"{column}; they look the same but are other characters, so which is meant cannot be told: rename all "
                r"but one of them in the header so that no two names look alike$")):
            refuse_look_alike(["date", name], header)
    refuse_look_alike(["date", "Thé"], header)  # a name written once: taken
    said = unicode_form(MIXED, ["date", unicodedata_form("NFC", MIXED), unicodedata_form("NFD", MIXED)])
    assert "2 times" in said and "the name given is in another Unicode form;" in said and "save the header" not in said


def unicodedata_form(form: str, text: str) -> str:
    import unicodedata

    return unicodedata.normalize(form, text)
