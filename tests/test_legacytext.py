"""The encodings a file that is not UTF-8 is said to be in: the likely one first, the overlapping ones named where the
bytes cannot tell them apart, and a Western word misread as Chinese (Ums鋞ze) never offered alone."""

from __future__ import annotations

import pytest

from rnncast.legacytext import legacy

WESTERN = "cp1252 (Western Excel's CSV, also called Windows-1252 or Latin-1)"
CENTRAL = "cp1250 (Central European Excel's CSV, also called Windows-1250)"


@pytest.mark.parametrize("text", ["date,Umsätze,Température,région\n2024-01-01,1,2,Zürich\n",  # a tester's file
                                  "Datum;Größe;Straße\n2024-01-01;1;Köln\n",
                                  "date,vente,état\n2024-01-01,1,Élevés\n"])
def test_a_western_file_that_decodes_whole_as_gbk_is_named_western_only(text):
    """Latin-1 'Umsätze' decodes whole as GBK 'Ums鋞ze' (E4 74 is a GBK character): the file was said to be Chinese
    Excel's CSV alone, and following the advice gave mojibake."""
    raw = text.encode("cp1252")
    raw.decode("gb18030")  # the overlap this is about
    assert legacy(raw) == [WESTERN]


@pytest.mark.parametrize("text", ["date,ventes,ville\n2024-01-01,1,Besançon à côté\n",
                                  "fecha,año,señal,región\n2024-01-01,1,2,Cádiz\n"])
def test_a_western_file_that_reads_as_central_european_too_names_both_western_first(text):
    assert legacy(text.encode("cp1252")) == [WESTERN, CENTRAL]


def test_a_polish_file_is_central_european_where_western_would_read_signs_amid_its_words():
    assert legacy("data,Sprzedaż,Wartość,miasto\n2024-01-01,1,2,Łódź\n".encode("cp1250")) == [CENTRAL]


@pytest.mark.parametrize("text, encoding, name", [("日期,销售额,城市\n2024-01-01,1,北京\n", "gb18030", "gb18030"),
                                                  ("date,GDP增长,city\n2024-01-01,1,上海\n", "gb18030", "gb18030"),
                                                  ("日付,売上,店舗\n2024-01-01,1,東京\n", "shift_jis", "shift_jis"),
                                                  ("日期,銷售額,城市\n2024-01-01,1,臺北\n", "big5", "big5"),
                                                  ("date,store,sales\n2024-01-01,대구점,1\n", "cp949", "cp949")])
def test_east_asian_text_is_named_in_its_own_encoding_and_never_western(text, encoding, name):
    found = legacy(text.encode(encoding))
    assert any(f.startswith(f"{name} (") for f in found)
    assert WESTERN not in found and CENTRAL not in found


@pytest.mark.parametrize("header, encoding", [("日期,销售额,平均气温", "gb18030"), ("date,销售额,气温", "gb18030"),
                                             ("日期,銷售額,平均氣溫", "big5"), ("日期,銷售額,氣溫,城市", "big5"),
                                             ("날짜,매출액,평균기온", "cp949"), ("날짜,매출,기온,지점", "cp949"),
                                             ("日付,売上高,気温,店舗", "shift_jis")])
def test_of_the_east_asian_readings_the_one_in_the_file_s_language_is_named_first(header, encoding):
    """A GBK file (日期,销售额,平均气温) was said to be "cp949 (Korean ...) or gb18030 (Chinese ...)": read as cp949 it is
    Hanja and rare syllables (휑퍅,饋簡띨), where read as GBK every character is of GB2312's commonest."""
    found = legacy(f"{header}\n2024-01-01,1,2\n".encode(encoding))
    assert found[0].startswith(f"{encoding} (") and (len(found) > 1) != (encoding == "cp949") or encoding == "shift_jis"


@pytest.mark.parametrize("text", ["날짜,매출\n2023-01-01,1005\n", "날짜,지점,매출\n2023-01-01,강남점,1005\n",
                                  "date,store,sales\n2024-01-01,대구점,1\n", "날짜,y\n2023-01-01,0\n",
                                  "date,y\n2023. 1. 1. 오전 12:00:00,50.19\n2023. 1. 1. 오후 1:00:00,5\n"])
def test_a_korean_file_all_in_hangul_is_named_cp949_alone(text):
    """날짜,매출 in cp949 was told "cp949 (Korean ...) or as gb18030 (...) or as big5 (...)": read as GBK it is 朝楼,概免,
    common hanzi that say nothing; a Chinese or Japanese file read as cp949 is never all common Hangul. A header's 날짜
    alone, or 오전/오후 alone, was named cp1250 too: łŻÂĄ, żŔŔü, letters in runs of no European word (t30t5)."""
    assert legacy(text.encode("cp949")) == ["cp949 (Korean Excel's CSV, also called EUC-KR)"]
    for other, encoding in (("日期,销售额\n2024-01-01,1\n", "gb18030"), ("日付,売上高,店舗\n2024-01-01,1,2\n", "shift_jis")):
        assert len(legacy(other.encode(encoding))) > 1


def test_bytes_no_spreadsheet_encoding_reads_as_text_name_none():
    assert legacy(b"date,y\n2024-01-01,\x81\x8d\x90\n") == []


@pytest.mark.parametrize("text, encoding", [("Дата,Продажи,Температура\n2024-01-01,102.04,20.0\n", "cp1251"),  # a tester's
                                            ("дата;выручка;город\n2024-01-01;1;Омск\n", "cp1251"),
                                            ("date,sales,ГОРОД\n2024-01-01,1,2\n", "cp1251"),
                                            ("التاريخ,المبيعات,الحرارة\n2024-01-01,1,2\n", "cp1256"),
                                            ("date,سعر,مدينة\n2024-01-01,1,2\n", "cp1256")])
def test_russian_and_arabic_excel_files_are_named_in_their_own_encoding_not_western(text, encoding):
    """A Windows-1251 file was told "cp1252 ... or cp1250", and following it gave Äàòà,Ïðîäàæè: Latin-1 letters in runs
    of their own, where Western text's accented letters stand lone inside ASCII words."""
    found = legacy(text.encode(encoding))
    assert found[0].startswith(f"{encoding} (") and WESTERN not in found and CENTRAL not in found
    assert len(found) == 1 or text.startswith("date,sales,ГОРОД")  # capitals alone read as Arabic too: both named


def test_a_western_file_is_not_named_cyrillic_though_its_bytes_decode_as_windows_1251():
    raw = "Datum,Umsätze,Größe\n2024-01-01,1,2\n".encode("cp1252")
    assert raw.decode("cp1251") == "Datum,Umsдtze,GrцЯe\n2024-01-01,1,2\n"  # the overlap: Cyrillic amid ASCII words
    assert legacy(raw) == [WESTERN]


@pytest.mark.parametrize("text", ["Datum;Umsatz €\n01.01.2022;1,5\n", "Datum;Umsätze €\n01.01.2022;1,5\n",
                                  "Date;Prix (€);Température\n2022-01-01;1\n", "Datum;Gewinn – Verlust\n2022-01-01;1\n",
                                  "Datum;Umsatz\n01.01.2022;„1,5“\n", "Datum;Preis £\n2022-01-01;1\n",
                                  "Datum;Temp °C\n2022-01-01;1\n", "Datum;Temp °C;Größe\n2022-01-01;1;2\n"])
def test_a_western_file_with_euro_pound_dashes_or_degrees_is_named_western_first(text):
    """German Excel's 'Datum;Umsatz €' was said to be "cp1251 (Russian ...) or cp1256 (Arabic ...)": € (80) is Ђ as
    Windows-1251, a lone letter of no word, and – „ “ read as themselves in both, no letter at all; 'Temp °C' put big5,
    cp949 and gb18030 ahead (B0 43 is an East Asian character), and 'Preis £' was said cp1250 alone (Ł) (t30t6)."""
    found = legacy(text.encode("cp1252"))
    assert found[0] == WESTERN and not any(f.startswith(("cp1251", "cp1256")) for f in found)


@pytest.mark.parametrize("text", ["Tarih;Satış Miktarı;Sıcaklık\n01.01.2026;1500,0;9,5\n", "İl;Değer\nİstanbul;1\n"])
def test_a_turkish_file_is_named_windows_1254_first_not_western_alone(text):
    """t34t3: tr_8859_9.csv was named cp1252 or cp1250, whose readings give Satýþ and Ýstanbul (decision 1711)."""
    found = legacy(text.encode("iso-8859-9"))
    assert found[0] == "cp1254 (Turkish Excel's CSV, also called Windows-1254 or ISO-8859-9)"
    assert found[1].startswith("cp1252 ") and text.encode("iso-8859-9").decode("cp1254") == text


def test_a_western_file_without_turkish_letters_is_not_named_turkish():
    found = legacy("Umsätze;Température;Año\n".encode("cp1252"))
    assert found[0] == WESTERN and not any(f.startswith("cp1254") for f in found)
