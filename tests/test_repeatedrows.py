"""What a refusal of a time given twice adds (``repeatedrows.py``): rows identical in every column named as such,
with how to drop them; a column proposed as the forgotten id only where, with the time, it sets every row apart."""

from __future__ import annotations

import io

import numpy as np
import pandas as pd
import pytest

from rnncast.errors import RnncastError
from rnncast.loading import load_panel


def _day(n: int = 60) -> pd.DataFrame:
    hours = pd.date_range("2024-10-01", periods=n, freq="h")
    return pd.DataFrame({"ds": hours, "load": np.arange(n, dtype=float), "holiday": (np.arange(n) % 24 < 2).astype(int)})


def test_a_file_sent_twice_is_named_so_with_how_to_drop_the_copies_not_a_flag_proposed_as_the_id():
    """A tester's re-sent file (rows repeated whole) was told "e.g. 'holiday'", a 0/1 flag; following it failed."""
    frame = _day()
    again = pd.concat([frame, frame.iloc[10:15]], ignore_index=True)
    with pytest.raises(RnncastError) as err:
        load_panel(again, target="load")
    message = str(err.value)
    assert "at row 10 and row 60" in message and "identical in every column (the file sent twice" in message
    assert "5 rows of the table repeat an earlier row whole" in message and "df.drop_duplicates()" in message
    assert "id_col" not in message and "holiday" not in message
    long = pd.concat([frame.assign(store="a"), frame.assign(store="b")], ignore_index=True)  # a long table so too
    with pytest.raises(RnncastError, match=r"in series 'b' .*identical in every column .* 1 row of the table repeats"):
        load_panel(pd.concat([long, long.iloc[[70]]], ignore_index=True), target="load", id_col="store")


def test_a_panel_read_as_one_series_with_a_few_pasted_rows_still_asks_for_its_id_column():
    """t30t9: 5 stores without id_col and 3 rows pasted again: told only "drop them ... df.drop_duplicates()" while
    the stores' rows of one time (~4 a time) remained. Both are said now: drop the copies, and name the id column."""
    frame = _day(30)
    stacked = pd.concat([frame.assign(store=s, load=frame["load"] + k) for k, s in enumerate("abcde")], ignore_index=True)
    with pytest.raises(RnncastError) as err:
        load_panel(stacked.iloc[sorted([*range(len(stacked)), 3, 40, 80])], target="load")  # pasted beside
    message = str(err.value)
    assert "3 rows of the table repeat an earlier row whole" in message and "df.drop_duplicates()" in message
    assert "120 other rows repeat a time with other values; the table was read as ONE series" in message
    assert "e.g. 'store'" in message
    with pytest.raises(RnncastError) as err:  # one series with a few pasted rows: only the copies to drop
        load_panel(frame.iloc[sorted([*range(len(frame)), 3, 4])], target="load")
    assert "other rows repeat" not in str(err.value) and "id_col" not in str(err.value)


def test_rows_alike_but_for_one_value_propose_only_a_column_that_sets_them_apart_never_a_flag():
    """Two stores stacked without id_col: 'store' proposed; a 0/1 flag, or a column alike on rows of one time (a
    region shared by both stores), is not; rows differing in a value alone (a revised reading) propose nothing."""
    frame = _day(30)
    stacked = pd.concat([frame.assign(store=s, region="north", open="yes") for s in ("a", "b")], ignore_index=True)
    with pytest.raises(RnncastError, match=r"id_col= \(--id-col\), e\.g\. 'store'$"):
        load_panel(stacked[["ds", "load", "holiday", "region", "open", "store"]], target="load")
    shared = stacked.assign(shift=np.tile(np.where(np.arange(30) % 24 < 12, "day", "night"), 2))  # alike at a time
    with pytest.raises(RnncastError, match=r"e\.g\. 'store'$"):  # text first in the table, yet alike on both rows
        load_panel(shared[["ds", "load", "shift", "store"]], target="load")
    with pytest.raises(RnncastError) as err:
        load_panel(shared[["ds", "load", "shift"]], target="load")
    assert "id_col" not in str(err.value)
    flagged = stacked.assign(store=np.repeat([0, 1], 30), open=np.repeat(["yes", "no"], 30))  # flags, though apart
    with pytest.raises(RnncastError) as err:
        load_panel(flagged.drop(columns="store"), target="load")
    assert "id_col" not in str(err.value) and "identical" not in str(err.value)
    revised = pd.concat([frame, frame.iloc[[5]].assign(load=99.0)], ignore_index=True).assign(region="north")
    with pytest.raises(RnncastError) as err:
        load_panel(revised, target="load")
    assert str(err.value).endswith("each time step of a series must appear once; the two rows differ only in 'load' "
                                   "(5.0 and 99.0): a revised value? keep the later row of each time, e.g. with pandas: "
                                   "df.drop_duplicates(subset=['ds'], keep='last').sort_values('ds', kind='stable')")


def test_a_preliminary_and_a_final_figure_are_named_a_revision_never_two_series_and_late_stores_keep_their_id():
    """flag_status.csv (50 days given again marked 'final' over 'prelim', one value revised) was told "e.g. 'flag'":
    following it trained on series 'prelim' and 'final'. A kind found only at times another holds, its targets
    near the other's there, marks revisions; stores of other levels, one opened late, are still proposed."""
    frame = _day(60).assign(load=lambda f: np.random.default_rng(0).normal(100, 10, 60).round(2))
    final = frame.iloc[40:].assign(load=lambda f: f["load"] + 1)
    status = pd.concat([frame.assign(flag="prelim"), final.assign(flag="final")], ignore_index=True)
    with pytest.raises(RnncastError) as err:
        load_panel(status, target="load")
    assert "e.g. 'flag'" not in str(err.value) and "differ only in 'load' (" in str(err.value)
    assert "'flag' (prelim and final): a revised value? keep the 'final' row of each time" in str(err.value)
    # two stores alike in level, one opened late, read so too: the other reading is said beside it, never alone
    assert str(err.value).endswith("keep='last').sort_values('ds', kind='stable'); if 'flag' names series instead (a store opened later?), name it "
                                   "with id_col= (--id-col)")
    stores = pd.concat([frame.assign(store="old"), final.assign(load=final["load"] + 40, store="new")], ignore_index=True)
    with pytest.raises(RnncastError, match=r"id_col= \(--id-col\), e\.g\. 'store'$"):
        load_panel(stores, target="load")
    with pytest.raises(RnncastError, match=r"in series 'b' .*differ only in 'load' .*subset=\['ds', 'store'\], "
                                           r"keep='last'\)\.sort_values\('ds', kind='stable'\)$"):  # a long panel's revision keeps its id in the key
        load_panel(pd.concat([frame.assign(store="a"), frame.assign(store="b"), final.iloc[:1].assign(store="b")],
                             ignore_index=True), target="load", id_col="store")


def _regions(frame: pd.DataFrame, regions=("Auckland", "Otago")) -> pd.DataFrame:
    return pd.concat([frame.assign(region=r) for r in regions], ignore_index=True)


def _fluview() -> pd.DataFrame:
    """FluView's layout: YEAR and WEEK 1 .. 52 of 2019 .. 2020."""
    return pd.DataFrame({"YEAR": np.repeat([2019, 2020], 52), "WEEK": np.tile(np.arange(1, 53), 2),
                         "cases": np.random.default_rng(0).poisson(200, 104).astype(float)})


def test_a_panel_of_years_and_weeks_is_told_to_join_them_as_one_series_is():
    """'duplicated timestamp 2019 in series 'Auckland'' came without the join the one-region file got (a tester's
    finding: the hint ran only for layout 'single')."""
    from rnncast.splittime import year_joined

    join = year_joined("YEAR", "WEEK", "MMWR or ISO week", "2018-12-30 or 2019-W01")[2:]  # no year tells: decision 1608
    assert "'2019-W01', text rnncast reads), e.g. frame['time'] = frame['YEAR'].astype(str) + '-W' + " in join
    with pytest.raises(RnncastError, match=r"^duplicated timestamp 2019 in series 'Auckland' at .*; each time step of "
                                           r"a series must appear once; ") as panel:
        load_panel(_regions(_fluview()), target="cases", id_col="region", time_col="YEAR")
    with pytest.raises(RnncastError) as one:
        load_panel(_fluview(), target="cases", time_col="YEAR")
    assert str(panel.value).endswith(join) and str(one.value).endswith(join)


def test_a_panel_of_dates_and_hours_is_told_to_join_them_and_a_store_cycle_to_join_the_ids():
    days = pd.date_range("2024-10-25", periods=3, freq="D").strftime("%Y-%m-%d")
    hourly = pd.DataFrame({"Date": np.repeat(days, 24), "Hour": np.tile(np.arange(24), 3), "kw": np.arange(72.0)})
    with pytest.raises(RnncastError, match=r"in series 'Auckland' .*the time is split over 'Date' \(the date\) and "
                                           r"'Hour' \(the hour of the day\).*'Hour' is no series id$"):
        load_panel(_regions(hourly), target="kw", id_col="region", time_col="Date")
    stores = _regions(hourly.rename(columns={"Hour": "store"}))
    with pytest.raises(RnncastError, match=r"if it tells series apart, join it and 'region' into one id column "
                                           r"\(frame\['id'\] = frame\['region'\]\.astype\(str\) \+ ' ' \+ "
                                           r"frame\['store'\]\.astype\(str\)\) and name that with id_col="):
        load_panel(stores, target="kw", id_col="region", time_col="Date")


def test_a_panel_whose_times_repeat_for_no_reason_a_column_gives_is_offered_no_id():
    frame = _regions(pd.DataFrame({"ds": ["2024-01-01", "2024-01-01", "2024-01-02"], "kind": ["a", "b", "a"],
                                   "y": [1.0, 2.0, 3.0]}))
    with pytest.raises(RnncastError, match=r"each time step of a series must appear once$"):
        load_panel(frame, target="y", id_col="region")
    with pytest.raises(RnncastError, match=r"name the column that tells them apart with id_col= \(--id-col\), e\.g\. "
                                           r"'kind'$"):
        load_panel(frame[frame.region == "Otago"].drop(columns="region"), target="y")


def test_a_year_and_its_week_starting_after_week_1_are_told_to_join_not_to_keep_one_row_a_year():
    """A weekly file split over year and week that starts at week 2 was read as revisions (a week whose years are
    fewer than another's; weeks 52 and 1 of a smooth series near): "keep the later row of each time ...
    subset=['year']", which keeps one row a year. The split is weighed first."""
    weeks = pd.date_range("2019-01-07", periods=150, freq="W-MON")  # ISO week 2 of 2019 on
    iso = weeks.isocalendar()
    frame = pd.DataFrame({"year": iso.year.to_numpy(), "week": iso.week.to_numpy(),
                          "cases": 100 + 10 * np.sin(np.arange(150) / 8) + np.random.default_rng(1).normal(0, 0.3, 150)})
    with pytest.raises(RnncastError) as err:
        load_panel(frame, target="cases", time_col="year")
    assert "the time is split over 'year' (the year) and 'week'" in str(err.value)
    assert "revised" not in str(err.value) and "drop_duplicates" not in str(err.value)


def test_tickers_stacked_without_id_col_lead_with_the_id_never_a_revision_whatever_the_column_is_called():
    """stocks.csv (5 tickers, one listed late) was told "a revised value? keep the later row of each time ...
    drop_duplicates(subset=['date'], keep='last')", which keeps one ticker of five. Kinds whose values at a time lie
    a step or more apart are series ids, however alike their levels; a revision moves a value by less."""
    rng = np.random.default_rng(1)
    days = pd.date_range("2000-01-01", periods=60, freq="MS")
    walks = {s: level + rng.normal(0, 2, 60).cumsum() for s, level in (("MSFT", 30), ("GOOG", 400), ("IBM", 90),
                                                                        ("AAPL", 36))}  # one high level: a wide spread
    frame = pd.concat([pd.DataFrame({"name": s, "date": days, "price": v}).iloc[30 * (s == "GOOG"):]
                       for s, v in walks.items()], ignore_index=True)
    for label in ("name", "store", "flag"):
        with pytest.raises(RnncastError) as err:
            load_panel(frame.rename(columns={"name": label}), target="price")
        assert str(err.value).endswith(f"name the column that tells them apart with id_col= (--id-col), e.g. '{label}'")
        assert "revised" not in str(err.value) and "drop_duplicates" not in str(err.value)
    level = frame.assign(price=100 + rng.normal(0, 5, len(frame)))  # two stores of one level, noise apart: ids too
    with pytest.raises(RnncastError, match=r"e\.g\. 'name'$"):
        load_panel(level, target="price")


def _revised(levels=(("A", 100.0),), by: float = 0.3, step: float = 3.0, mark: bool = True) -> pd.DataFrame:
    """Each store's 60 days (a walk of ``step``-sized moves from its level), its last 5 given first as preliminary
    figures ``by`` off the final ones, which follow."""
    rng = np.random.default_rng(0)
    days = pd.date_range("2020-01-01", periods=60, freq="D").strftime("%Y-%m-%d")
    parts = []
    for store, level in levels:
        final = pd.DataFrame({"store": store, "date": days, "sales": level + np.cumsum(rng.normal(0, step, 60)),
                              "status": "final"})
        prelim = final.iloc[-5:].assign(sales=final.sales.iloc[-5:] + by + rng.normal(0, by / 10, 5), status="prelim")
        parts += [final.iloc[:-5], prelim, final.iloc[-5:]]
    frame = pd.concat(parts, ignore_index=True)
    return frame if mark else frame.drop(columns="status")


def test_a_panel_with_preliminary_and_final_figures_is_told_of_the_revision_as_one_series_is():
    """A panel (store, date, sales, status) with prelim/final rows got the bare "duplicated timestamp ... in series
    'A' ... must appear once", where the same rows of one store were told "a revised value? keep the later row";
    the kinds are now weighed within each series, and the advice keeps the later row of each id and time."""
    panel = _revised((("A", 100.0), ("B", 500.0)))
    with pytest.raises(RnncastError, match=r"in series 'A' .*a revised value\? keep the 'final' row of each time .*"
                                           r"drop_duplicates\(subset=\['date', 'store'\], keep='last'\)\.sort_values\('date', kind='stable'\)$"):
        load_panel(panel, target="sales", id_col="store")
    with pytest.raises(RnncastError, match=r"subset=\['date'\], keep='last'\)\.sort_values\('date', kind='stable'\); if 'status' names series instead"):
        load_panel(panel[panel.store == "A"].drop(columns="store"), target="sales")


@pytest.mark.parametrize("mark", [True, False])
def test_a_panel_with_revisions_read_without_its_id_is_told_both_the_key_and_to_keep_the_later_row(mark):
    """Stores A and B with prelim/final rows read without id_col were told "'store' and 'status' together tell its
    rows of one time apart: ... join them" (a series of preliminary figures), and without the status column "keep the
    later row, e.g. df.drop_duplicates(subset=['date'], keep='last')", which keeps one store a day. Now both: the key
    to give and the later row of each store and time to keep; following it reads."""
    panel = _revised((("A", 100.0), ("B", 500.0)), mark=mark)
    with pytest.raises(RnncastError) as err:
        load_panel(panel, target="sales")
    said = str(err.value)
    assert ("the table was read as ONE series (no id_col given), and 'store' tells its rows of one time apart but for "
            "rows of one 'store' and time: if 'store' names the series, name it with id_col='store' (--id-col store); "
            "the two rows differ only in 'sales' (") in said
    assert said.endswith("drop_duplicates(subset=['date', 'store'], keep='last').sort_values('date', kind='stable')")
    assert ("'status' (prelim and final)" in said) == mark and "join them" not in said
    assert ("sort_values('status', key=lambda s: s.eq('final')" in said) == mark  # the final kept, not the later row
    kept = load_panel(panel.drop_duplicates(subset=["date", "store"], keep="last"), target="sales", id_col="store")
    assert list(kept.ids) == ["A", "B"] and kept.lengths.tolist() == [60, 60]
    from rnncast.spelling import one_series

    with one_series("the model"), pytest.raises(RnncastError, match=r"read as ONE series, and 'store' tells .*names "
                                                                     r"the series, the model takes one series: give it "
                                                                     r"the rows of one of them; the two rows differ only "
                                                                     r"in 'sales'"):
        load_panel(panel, target="sales")  # a model fitted on one series (predict): no id_col to give


def test_a_column_that_sets_no_repeated_time_apart_or_beside_another_key_is_not_given_as_the_key():
    """A weekday's name, alike on a revised day's two rows, sets no repeated time apart: one series' revision stays
    so (subset=['date']); stores of two items each with revisions: 'store' alone is no key (979's pair is proposed)."""
    one = _revised().drop(columns="store")
    one["weekday"] = pd.to_datetime(one["date"]).dt.day_name()
    with pytest.raises(RnncastError, match=r"subset=\['date'\], keep='last'\)") as err:
        load_panel(one, target="sales")
    assert "weekday" not in str(err.value)
    two = pd.concat([_revised((("A", 100.0), ("B", 500.0))).assign(item=i) for i in ("F1", "F2")], ignore_index=True)
    with pytest.raises(RnncastError) as err:
        load_panel(two, target="sales")
    assert "'store' tells its rows" not in str(err.value) and "id_col='store'" not in str(err.value)


def test_a_revision_small_beside_the_level_is_a_revision_though_large_beside_the_step():
    """A revision of 30 on values near 5000 that move by about 1 a step was read as ids ("name the column that tells
    them apart with id_col=, e.g. 'status'"): 904's rule weighed the change against the step alone. Within 1 % of the
    series' level it is a revision; 300 apart (6 %) stays two series."""
    with pytest.raises(RnncastError, match=r"a revised value\? keep the 'final' row"):
        load_panel(_revised((("A", 5000.0),), by=30.0, step=1.0).drop(columns="store"), target="sales")
    with pytest.raises(RnncastError, match=r"e\.g\. 'status'$") as err:
        load_panel(_revised((("A", 5000.0),), by=300.0, step=1.0).drop(columns="store"), target="sales")
    assert "revised" not in str(err.value)


@pytest.mark.parametrize("kinds, name, keeps", [
    (("final", "prelim"), "status", "df.sort_values('status', key=lambda s: s.eq('final'), kind='stable')"),
    (("Revised", "Estimate"), "status", "df.sort_values('status', key=lambda s: s.eq('Revised'), kind='stable')"),
    (("2020-03-05", "2020-03-01"), "released", "df.sort_values('released', key=pd.to_datetime, kind='stable')"),
    ((2, 1), "vintage", "df.sort_values('vintage', kind='stable')"),
])
def test_a_revision_is_kept_by_the_column_that_says_which_row_is_final_not_by_file_order(kinds, name, keeps):
    """Final rows written before the preliminary ones (or release dates descending) were told "keep the later row
    ... df.drop_duplicates(..., keep='last')": following it kept the preliminary figures. The advice now keeps the
    row the mark column calls final or latest; file order only where no column tells."""
    frame = _revised((("A", 100.0), ("B", 500.0)))
    second = frame.duplicated(["store", "date"], keep="first")  # of each store's last 5 days, given twice
    frame["status"] = np.where(second, kinds[1], kinds[0])  # the final (latest) row written first
    frame = frame.astype({"status": type(kinds[0])}).rename(columns={"status": name})
    with pytest.raises(RnncastError) as err:
        load_panel(frame, target="sales", id_col="store")
    message = str(err.value)
    assert f"{keeps}.drop_duplicates(subset=['date', 'store'], keep='last')" in message, message
    kept = eval(keeps, {"df": frame, "pd": pd}).drop_duplicates(subset=["date", "store"], keep="last")  # followed
    assert kept[name].eq(kinds[0]).all() and len(kept) == 120  # the final or latest figure of every day
    with pytest.raises(RnncastError, match=r"keep the later row of each time, e\.g\. with pandas: df\.drop_duplicates"):
        load_panel(frame.drop(columns=name), target="sales", id_col="store")  # nothing tells: the file's order


def test_a_channel_column_beside_the_id_is_named_as_part_of_the_key():
    """Store A's online and offline rows of every day, read with id_col='store': the refusal names 'status' as the
    key's other part (979), as the one-series reading names it as the id."""
    days = pd.date_range("2020-01-01", periods=30, freq="D")
    frame = pd.concat([pd.DataFrame({"store": s, "date": days, "sales": np.arange(30.0) + k, "status": c})
                       for k, (s, c) in enumerate((s, c) for s in ("A", "B") for c in ("online", "offline"))])
    frame = frame.sort_values(["store", "date"], kind="stable", ignore_index=True)
    with pytest.raises(RnncastError, match=r"differ in 'status' \(online and offline\), which with 'store' tells the "
                                           r"rows of one time apart"):
        load_panel(frame, target="sales", id_col="store")
    with pytest.raises(RnncastError, match=r"e\.g\. 'status'$"):
        load_panel(frame[frame.store == "A"].drop(columns="store"), target="sales")


def _m5() -> pd.DataFrame:
    dates = pd.date_range("2023-01-07", periods=12, freq="W-SAT")
    return pd.concat([pd.DataFrame({"item_id": i, "store_id": s, "date": dates, "sales": np.arange(12.0) + k,
                                    "store_type": s[:2]})
                      for k, (i, s) in enumerate((i, s) for i in ("F1", "F2") for s in ("CA_1", "CA_2"))],
                     ignore_index=True)


def test_a_panel_read_as_one_series_names_the_columns_that_together_tell_its_rows_apart():
    """An M5-like panel (item_id, store_id) read without id_col was refused as "duplicated timestamp ... each time
    step of a series must appear once", nothing more: neither column alone sets its rows apart."""
    with pytest.raises(RnncastError) as err:
        load_panel(_m5(), target="sales")
    message = str(err.value)
    assert message.startswith("duplicated timestamp 2023-01-07 at row 0 and row 12 (36 rows repeat an earlier row's "
                              "time); each time step of a series must "
                              "appear once; the table was read as ONE series (no id_col given), and 'item_id' and "
                              "'store_id' together tell its rows of one time apart")
    assert "name them together: id_col=['item_id', 'store_id'] (--id-col item_id,store_id)" in message
    assert "uid" not in message and "store_type" not in message


def test_a_panel_keyed_by_part_of_its_key_names_the_column_that_differs_between_the_two_rows():
    """With id_col='item_id' the refusal named the series ('F1') and the rows, not store_id, which differs."""
    with pytest.raises(RnncastError) as err:
        load_panel(_m5(), target="sales", id_col="item_id")
    message = str(err.value)
    assert "in series 'F1' at row 0 and row 12" in message
    assert ("the two rows differ in 'store_id' (CA_1 and CA_2), which with 'item_id' tells the rows of one time apart: "
            "if the series are named by 'item_id' and 'store_id' together, name them together: "
            "id_col=['item_id', 'store_id'] (--id-col item_id,store_id)") in message
    indexed = _m5().set_index(["item_id", "store_id", "date"])  # a MultiIndex of the key and the time: alike
    with pytest.raises(RnncastError, match=r"the two rows differ in 'store_id' \(CA_1 and CA_2\)"):
        load_panel(indexed, target="sales", id_col="item_id")


def test_a_key_column_alike_on_the_two_rows_or_a_flag_is_not_proposed():
    frame = _m5()
    frame["promo"] = np.arange(len(frame)) % 2  # a 0/1 flag that differs between the rows: marks rows, not series
    with pytest.raises(RnncastError) as err:
        load_panel(frame.drop(columns="store_id"), target="sales", id_col="item_id")
    assert "differ in" not in str(err.value) and "promo" not in str(err.value)


@pytest.mark.parametrize("order", ["revised-first", "prelim-first"])
def test_revised_and_prelim_rows_without_a_final_one_are_a_revision_kept_by_rank(order):
    """A tester's finding (rev_tworev.csv): days revised written 'revised' and 'prelim', the other days 'final', were
    told to join store and status into a series key, though 'revised' is a final word (1011); the advice now keeps
    each day's most final row ('final', else 'revised'), whatever the file's order."""
    frame = pd.read_csv(io.StringIO("date,store,sales,status\n" + "".join(
        f"2024-01-{d:02d},{s},{50 + (d * 7 % 5) + k:.2f},final\n" if d % 4 else
        (f"2024-01-{d:02d},{s},{50.2 + k:.2f},revised\n2024-01-{d:02d},{s},{50.0 + k:.2f},prelim\n"
         if order == "revised-first" else
         f"2024-01-{d:02d},{s},{50.0 + k:.2f},prelim\n2024-01-{d:02d},{s},{50.2 + k:.2f},revised\n")
        for s, k in (("A", 0), ("B", 300)) for d in range(1, 31))))
    with pytest.raises(RnncastError) as err:
        load_panel(frame, target="sales", time_col="date", id_col="store")
    message = str(err.value)
    assert "a revised value? keep the 'final', else 'revised' row of each time" in message and "join" not in message
    line = message[message.index("df.sort_values("):]
    kept = eval(line, {"df": frame, "pd": pd})  # followed: every revised day keeps its 'revised' row
    assert len(kept) == 60 and set(kept.status) == {"final", "revised"}



def test_a_key_of_two_columns_is_printed_as_its_columns_in_every_pandas_line_and_key_offered():
    """With id_col='sku,store' a revised row was told df.drop_duplicates(subset=['week', 'sku,store'], ...): a
    KeyError, no table of the user's holding the key's internal column (t27t1). Each clause that names the id column
    names the key's columns: the revision's subset (run here, it loads), the column told apart beside the key, and
    the split time's other column offered as one more part of the key."""
    frame = _m5()
    frame["region"] = "west"
    twice = pd.concat([frame, frame.iloc[[5]].assign(sales=99.0)], ignore_index=True)
    with pytest.raises(RnncastError) as err:
        load_panel(twice, target="sales", id_col=["item_id", "store_id"])
    assert "df.drop_duplicates(subset=['date', 'item_id', 'store_id'], keep='last')" in str(err.value)
    df = twice
    line = str(err.value)[str(err.value).index("df.drop_duplicates("):]
    assert line == ("df.drop_duplicates(subset=['date', 'item_id', 'store_id'], keep='last').sort_values('date', "
                    "kind='stable')")
    df = eval(line, {"df": df})  # the line given, as written: the later row kept, each series in time order
    assert load_panel(df, target="sales", id_col=["item_id", "store_id"]).n_series == 4
    with pytest.raises(RnncastError) as err:  # store_type alike for CA_1 and CA_2: store_id tells them apart
        load_panel(frame, target="sales", id_col=["item_id", "store_type"])
    assert ("the two rows differ in 'store_id' (CA_1 and CA_2), which with 'item_id' and 'store_type' tells the rows "
            "of one time apart: if the series are named by 'item_id' and 'store_type' and 'store_id' together, name "
            "them together: id_col=['item_id', 'store_type', 'store_id'] (--id-col item_id,store_type,store_id)"
            ) in str(err.value)
    assert "'item_id,store_type'" not in str(err.value)
    days = pd.date_range("2024-10-25", periods=3, freq="D").strftime("%Y-%m-%d")
    hourly = pd.DataFrame({"Date": np.repeat(days, 24), "store": np.tile(np.arange(24), 3), "kw": np.arange(72.0)})
    stores = _regions(hourly).assign(country="NZ")
    with pytest.raises(RnncastError, match=r"if it tells series apart, name them together: id_col=\['country', "
                                           r"'region', 'store'\] \(--id-col country,region,store\)"):
        load_panel(stores, target="kw", id_col=["country", "region"], time_col="Date")


def test_a_panel_of_a_key_of_two_read_as_one_series_is_told_the_key_and_a_one_series_model_is_offered_none():
    """tune pan.csv (items A, B by stores 1, 2) said only "duplicated timestamp": fit named --id-col item,store, tune
    nothing. tune reads data as fit does since it takes a panel (1166), so the key as fit gives it; a model fitted on
    one series (predict) takes no id_col, and is offered none."""
    from rnncast.spelling import one_series

    days = pd.date_range("2024-01-01", periods=20)
    panel = pd.DataFrame([(d, i, s, float(k)) for i in "AB" for s in (1, 2) for k, d in enumerate(days)],
                         columns=["date", "item", "store", "y"])
    with pytest.raises(RnncastError) as fit:
        load_panel(panel, target="y")
    with one_series("the model, fitted on one series,"), pytest.raises(RnncastError) as model:
        load_panel(panel, target="y")
    key = "name them together: id_col=['item', 'store'] (--id-col item,store)"
    assert str(fit.value).endswith(f"if they name the series, {key}")
    assert "id_col" not in str(model.value) and "duplicated timestamp" in str(model.value)


def _sensor(n: int = 400) -> pd.DataFrame:
    """t31t1's sensor frame: a 10-second temperature at 0.1-degree resolution, whose readings repeat at other times."""
    rng = np.random.default_rng(0)
    times = pd.date_range("2024-03-01 12:00", periods=n, freq="10s", name="timestamp")
    return pd.DataFrame({"temp": np.round(20 + np.cumsum(rng.normal(0, 0.05, n)), 1)}, index=times)


def _said(frame: pd.DataFrame, **given) -> str:
    with pytest.raises(RnncastError) as err:
        load_panel(frame, target="temp", **given)
    return str(err.value)


def test_the_advice_for_a_row_pasted_again_weighs_a_datetime_index_and_keeps_every_other_row():
    """t31t1: a DatetimeIndex frame with one row given twice was told df.drop_duplicates(), which ignores the index
    and dropped 310 of 2,001 rows whose readings repeat at other times. The line printed now acts on the index too:
    run as printed, it drops the one row and the frame loads (decision 1496); a frame with the time as a column is
    still told df.drop_duplicates(), which there is right."""
    clean = _sensor()
    assert clean["temp"].duplicated().sum() > 50  # readings repeat: drop_duplicates() would drop these
    twice = pd.concat([clean, clean.iloc[[100]]]).sort_index()
    message = _said(twice)
    line = message[message.index("with pandas: ") + len("with pandas: "):].split(" (df.drop_duplicates()")[0]
    assert line == "df[~df.reset_index().duplicated().to_numpy()]", message
    kept = eval(line, {"df": twice, "pd": pd})
    assert len(kept) == len(clean) and kept.index.is_unique
    assert load_panel(kept, target="temp").n_series == 1
    unnamed = twice.rename_axis(None)  # read as 'ds': the line names no column, so it runs on it as well
    assert len(eval(line, {"df": unnamed})) == len(clean) and line in _said(unnamed)
    column = twice.reset_index()
    said = _said(column)
    assert "df.drop_duplicates(), or pd.read_csv(path)" in said and len(column.drop_duplicates()) == len(clean)


def test_the_advice_for_a_row_pasted_again_weighs_a_multiindex_of_a_long_panel():
    """A long panel given as a (device, time) MultiIndex: the same line, run as printed, drops only the pasted row."""
    panel = pd.concat([_sensor(200).assign(device=d) for d in ("dev0", "dev1")]).set_index("device", append=True)
    panel = panel.reorder_levels(["device", "timestamp"])
    twice = pd.concat([panel, panel.iloc[[50]]]).sort_index()
    message = _said(twice, id_col="device")
    assert "df[~df.reset_index().duplicated().to_numpy()]" in message, message
    kept = twice[~twice.reset_index().duplicated().to_numpy()]
    assert len(kept) == len(panel) and load_panel(kept, target="temp", id_col="device").n_series == 2


def test_a_probe_rounded_onto_a_coarser_step_is_told_to_average_not_to_keep_the_later_rows(tmp_path):
    """t36t8 F4 (decision 1940): P3 logs every 3 h, then hourly; rounded to 3 h, each time from the switch is written
    3 times, and the refusal advised keep='last' as for revisions, dropping 2 of every 3 readings. It now says so
    with the count, and the groupby line that averages them."""
    a = pd.date_range("2026-03-01", periods=200, freq="3h")
    b = a[:100].append(pd.date_range(a[100], periods=300, freq="h")).round("3h")
    rng = np.random.default_rng(0)
    frame = pd.concat([pd.DataFrame({"probe": p, "timestamp": t, "y": rng.normal(20, 1, len(t))})
                       for p, t in (("P1", a), ("P3", b))], ignore_index=True)
    frame.to_csv(tmp_path / "r.csv", index=False)
    dropped = int(frame[frame.probe == "P3"].timestamp.duplicated(keep="last").sum())
    with pytest.raises(RnncastError, match=rf"; each time of series 'P3' from 2026-03-13 12:00:00 on is written 3 times "
                                           rf"\(a finer logging step rounded onto this one\?\), and keeping one row of "
                                           rf"each time would drop {dropped} of its 400 rows: average each time's rows "
                                           r"instead, e\.g\. with pandas: df\.groupby\(\['probe', 'timestamp'\], "
                                           r"as_index=False\)\.mean\(numeric_only=True\)$") as refused:
        load_panel(tmp_path / "r.csv", "y", id_col="probe")
    assert "keep=" not in str(refused.value)
    averaged = frame.groupby(["probe", "timestamp"], as_index=False).mean(numeric_only=True)
    assert len(load_panel(averaged, "y", id_col="probe").time) == len(averaged)  # what the line gives is read


@pytest.mark.parametrize("names", [("year", "period"), ("year", "fiscal_period"), ("fiscal_year", "period"),
                                   ("FY", "Period"), ("FiscalYear", "FiscalPeriod"), ("fy_year", "fy_period"),
                                   ("budget_year", "period")])
def test_a_year_and_its_fiscal_period_open_with_no_time_column_not_a_duplicated_timestamp(tmp_path, names):
    """t37t6: ``year,period`` (4-4-5 periods 1 .. 12) opened "duplicated timestamp 2020 at line 2 ... (55 rows repeat
    an earlier row's time)" before the right advice, where ``fiscal_year,fiscal_week`` opened "no time column was
    found" (decision 2011): both open so now, 'year' read as the time or not. t38t1 3: ``fiscal_year,period`` read
    'period' as the time and was told "e.g. 'fiscal_year'" as the series id; a year is found beside the period read
    as the time, by its name or by its values (2020 over periods 1 .. 12: 'budget_year'; decision 2059)."""
    frame = pd.DataFrame({names[0]: np.repeat(np.arange(2020, 2025), 12), names[1]: np.tile(np.arange(1, 13), 5),
                          "sales": np.linspace(1000, 1100, 60)})
    frame.to_csv(tmp_path / "t.csv", index=False)
    with pytest.raises(RnncastError) as info:
        load_panel(tmp_path / "t.csv", target="sales")
    assert str(info.value).startswith(f"no time column was found; the time is split over {names[0]!r} (the year) and "
                                      f"{names[1]!r} (the fiscal period of the year, 1 .. 12): fiscal periods")
    assert "duplicated timestamp" not in str(info.value)
    assert "id_col=" not in str(info.value)


def test_a_year_column_is_never_offered_as_the_series_id():
    """Periods out of order beside a year of no year's name, or each period twice a year beside 'fiscal_year', split
    nothing; the repeated period is refused without "e.g. 'budget_year'", which would train a series a year (decision
    2059)."""
    frame = pd.DataFrame({"budget_year": np.repeat(np.arange(2020, 2025), 12), "period": np.tile(np.arange(1, 13), 5),
                          "sales": np.linspace(1000, 1100, 60)})
    twice = pd.concat([frame, frame.assign(sales=frame["sales"] + 7)]).rename(columns={"budget_year": "fiscal_year"})
    for table in (frame.sample(frac=1, random_state=0), twice):
        with pytest.raises(RnncastError, match="duplicated timestamp") as info:
            load_panel(table.reset_index(drop=True), target="sales")
        assert "id_col=" not in str(info.value) and "_year" not in str(info.value)
