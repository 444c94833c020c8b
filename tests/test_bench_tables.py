"""The benchmark's files and their splits (rnncast.bench.tables): the ETT protocol's fixed borders,
the custom protocol's 70/10/20 split of any other table, the horizons and lookback that fit, and the
table prepared for a mode (reading it: test_bench_tablefile.py). The real files skip when absent
(``shared/data``)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from rnncast.bench import tables
from rnncast.bench.tablefile import read_table
from rnncast.errors import RnncastError
from rnncast.windows import Split

LTSF_DIR = Path(__file__).resolve().parents[2] / "shared" / "data" / "LTSF"


def ltsf_file(name: str) -> Path:
    path = LTSF_DIR / name
    if not path.is_file():
        pytest.skip(f"{path} is absent")
    return path


def test_ett_split() -> None:
    assert tables.ett_split("ETTh") == Split(8640, 11520, 14400)
    assert tables.ett_split("ETTh1") == Split(8640, 11520, 14400)
    assert tables.ett_split("ETTm1") == Split(34560, 46080, 57600)
    with pytest.raises(RnncastError, match="accepted"):
        tables.ett_split("weather")


@pytest.mark.parametrize("n, expected", [
    (7588, Split(5311, 6071, 7588)),  # exchange_rate: int(0.7 n), n - int(0.2 n)
    (966, Split(676, 773, 966)),  # national_illness
    (100, Split(70, 80, 100)),
])
def test_custom_split_is_ltsf_linears(n, expected) -> None:
    assert tables.custom_split(n) == expected
    b = tables.custom_split(n)
    assert b.train_end == int(n * 0.7) and b.end - b.val_end == int(n * 0.2)


def test_custom_split_refuses_too_few_rows() -> None:
    with pytest.raises(RnncastError, match="too few"):
        tables.custom_split(4)


def test_choose_takes_the_protocol_asked_for_or_the_table_helds_and_checks_one_given(tmp_path) -> None:
    """``auto``: custom for a table that holds none of the known ones, whatever its name; a protocol given is kept
    (whether a table may run under the ETT protocol is its time column's: test_bench_ettvariant.py), another refused."""
    table = read_table(_weekly(tmp_path))
    found, chosen, split = tables.choose(table)
    assert (found.known, chosen, split) == (None, "custom", tables.custom_split(100))
    assert tables.choose(table, "custom")[1:] == ("custom", split)
    with pytest.raises(RnncastError, match="unknown protocol 'x': accepted are auto, ett, custom"):
        tables.choose(table, "x")


def test_default_horizons_follow_the_size_of_the_table() -> None:
    assert tables.default_horizons(tables.custom_split(7588)) == ((96, 192, 336, 720), 96, "")
    # ILI: only 96 of the long set fits its 97 validation rows, so the short set, with L = 36, and why
    horizons, lookback, why = tables.default_horizons(tables.custom_split(966))
    assert (horizons, lookback) == ((24, 36, 48, 60), 36)
    assert why == ("966 rows: only 96 of the long horizons 96-720 fits (the validation part holds 97 rows, fewer than "
                   "H=192), and the long set needs two, so the short horizons of ILI are used, with L=36; give "
                   "--horizons 96 to run H=96 alone (L=96)")
    assert tables.default_horizons(tables.custom_split(966), 1)[2].endswith("run H=96 alone (L=1)")  # the L given
    assert tables.default_horizons(tables.ett_split("ETTh1"), 720)[:2] == ((96, 192, 336, 720), 720)
    # 3,000 rows (300 validation rows): the long horizons that fit, and why the others are left out
    horizons, lookback, why = tables.default_horizons(tables.custom_split(3000))
    assert (horizons, lookback) == ((96, 192), 96) and "336, 720 do not fit" in why and "300 rows" in why
    with pytest.raises(RnncastError, match="pass --horizons .each at most 2. and --lookback .lookback . horizon at most 14."):
        tables.default_horizons(tables.custom_split(20))


def test_why_the_short_horizons_were_chosen_is_said_in_one_sentence() -> None:
    """A 1910-row hourly table got L=36 and 24-60 without a word, a 1920-row one L=96 and 96,192; one left out
    was said "(720 do not fit ...)"."""
    horizons, lookback, why = tables.default_horizons(tables.custom_split(1910))
    assert (horizons, lookback) == ((24, 36, 48, 60), 36) and why.startswith(
        "1910 rows: only 96 of the long horizons 96-720 fits (the validation part holds 191 rows, fewer than H=192)")
    assert tables.default_horizons(tables.custom_split(1920)) == (
        (96, 192), 96, "336, 720 do not fit: the validation part holds 192 rows, fewer than H=336")
    assert tables.default_horizons(tables.custom_split(4000))[2] == (
        "720 does not fit: the validation part holds 400 rows, fewer than H=720")
    horizons, lookback, why = tables.default_horizons(tables.custom_split(300))
    assert (horizons, lookback) == ((24,), 36) and why == (
        "300 rows: none of the long horizons 96-720 fits (the validation part holds 30 rows, fewer than H=96), so the "
        "short horizons of ILI are used, with L=36; 36, 48, 60 do not fit: the validation part holds 30 rows, fewer "
        "than H=36")


def test_lookback_for_given_horizons_leaves_room_or_names_the_flag() -> None:
    """The lookback follows the horizons, given or chosen: ILI's 24-60 given got L=96 where the same horizons chosen
    by default got 36 (and another --out folder)."""
    assert tables.default_lookback(tables.custom_split(7588), (96, 192)) == (96, "")
    ili = tables.custom_split(966)
    assert tables.default_lookback(ili, (24, 36, 48, 60)) == (36, "") == (tables.default_horizons(ili)[1], "")
    assert tables.default_lookback(tables.custom_split(500), (24,)) == (36, "")  # 350 training rows, weekly
    assert tables.default_lookback(tables.custom_split(400), (12, 30)) == (36, "")  # 280 training rows
    assert tables.default_lookback(tables.custom_split(150), (12,)) == (36, "")  # 105 training rows
    assert tables.default_lookback(Split(150, 230, 310), (70,)) == (
        36, "L=36, not 96: L + H = 166 is more than the 150 training rows")
    with pytest.raises(RnncastError, match="pass --lookback .at most 24."):
        tables.default_lookback(tables.custom_split(40), (4,))  # 28 training rows


def test_a_constant_column_is_centred_as_the_published_scaler_does(tmp_path) -> None:
    path = tmp_path / "flat.csv"
    rows = "".join(f"2020-{1 + i // 28:02d}-{1 + i % 28:02d},{5.0},{float(i)}\n" for i in range(100))
    path.write_text("date,flat,OT\n" + rows)
    data = tables.prepare_table(path, "M")
    np.testing.assert_array_equal(data.values[:, 0], 0.0)  # scale 1, centred: sklearn's StandardScaler
    assert np.isfinite(data.values).all()


def test_ett_protocol_needs_the_ett_rows(tmp_path) -> None:
    """A file named ETTh1.csv that holds another table runs under the custom protocol, as a table of its own;
    the ETT protocol asked for refuses it for its rows."""
    path = tmp_path / "ETTh1.csv"
    path.write_text("date,OT\n" + "".join(f"2020-01-{1 + i // 24:02d} {i % 24:02d}:00,{i}\n" for i in range(100)))
    data = tables.prepare_table(path, "S")
    assert (data.name, data.protocol, data.known, data.split) == ("ETTh1", "custom", None, Split(70, 80, 100))
    with pytest.raises(RnncastError, match=r"ETTh1: 100 data rows, the ETT split needs 14400 \(ETTh's borders, from "
                                           r"its time column's step of 1 hour\)"):
        tables.prepare_table(path, "S", protocol="ett")


def test_a_known_table_under_another_name_runs_as_itself(tmp_path) -> None:
    """The ETT protocol and the dataset's name follow what the file holds: ETTh1 copied as etth1.csv."""
    ett = Path(__file__).resolve().parents[2] / "shared" / "data" / "ETT" / "ETTh1.csv"
    if not ett.is_file():
        pytest.skip(f"{ett} is absent")
    (tmp_path / "etth1.csv").symlink_to(ett)
    for protocol in ("auto", "ett"):
        data = tables.prepare_table(tmp_path / "etth1.csv", "S", protocol=protocol)
        assert (data.name, data.known, data.protocol, data.split) == ("ETTh1", "ETTh1", "ett", Split(8640, 11520, 14400))
    with pytest.raises(RnncastError, match="weekly cannot run under the ETT protocol: .*, and it has no time column"):
        tables.prepare_table(_weekly(tmp_path), "S", protocol="ett")


def _weekly(tmp_path) -> Path:
    path = tmp_path / "weekly.csv"
    path.write_text("week,OT\n" + "".join(f"{i},{i % 7}\n" for i in range(100)))
    return path


@pytest.mark.parametrize("name, shape, split", [
    ("exchange_rate.csv", (7588, 8), Split(5311, 6071, 7588)),
    ("national_illness.csv", (966, 7), Split(676, 773, 966)),
])
def test_ltsf_files_under_the_custom_protocol(name, shape, split) -> None:
    data = tables.prepare_table(ltsf_file(name), "M")
    assert data.protocol == "custom" and data.split == split and data.values.shape == shape
    assert data.known == name.removesuffix(".csv")  # the released table, told by content
    assert data.target == "OT" and data.columns[-1] == "OT"
    train = data.values[: split.train_end]
    np.testing.assert_allclose(train.mean(axis=0), 0.0, atol=1e-9)  # z-scored with train rows only
    np.testing.assert_allclose(train.std(axis=0), 1.0)
    s = tables.prepare_table(ltsf_file(name), "S")
    assert s.values.shape == (shape[0], 1) and s.target_idx == (0,)


@pytest.mark.parametrize("rows, said", [(1, "1 row is too few"), (4, "4 rows are too few")])
def test_too_few_rows_say_how_many_the_split_and_its_windows_take(rows, said):
    """'1 rows are too few to split' named no number that would do."""
    with pytest.raises(RnncastError, match=f"^{said} to split 70/10/20 into train, validation and test: the split takes "
                                           r"at least 5 rows \(one in each part\), and windows more: 224 rows for ILI's "
                                           "shortest setting, L=36 and H=24"):
        tables.custom_split(rows)
    assert tables.custom_split(5) == Split(3, 4, 5) and tables.custom_split(224) == Split(156, 180, 224)
    assert tables.fits(tables.custom_split(224), 36, 24) and not tables.fits(tables.custom_split(223), 36, 24)
