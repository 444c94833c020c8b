"""A series that is the sum of others of its panel (``totalseries.py``): found exact to the file's rounding, said once
with how to leave it out, and no false alarm on ordinary panels."""

from __future__ import annotations

import numpy as np
import pandas as pd

from rnncast.loading import load_panel
from rnncast import totalseries
from rnncast.totalseries import decimals, find, text
from rnncast.windows import Split


def _splits(panel):
    return [Split(int(n * 0.7), int(n * 0.8), int(n)) for n in panel.lengths]


def _stores(rng, n=120, k=3):
    dates = pd.date_range("2024-01-01", periods=n, freq="D")
    season = 5 * np.sin(2 * np.pi * np.arange(n) / 7)
    return dates, {f"S{i + 1}": np.round(20 + 5 * i + season + rng.normal(0, 3, n), 1) for i in range(k)}


def test_a_wide_total_column_is_found_and_said_with_the_series_that_leave_it_out():
    """t32t5's MED-1: wide.csv's 'Total' = S1 + S2 + S3 (to 0.1) was read as a fourth series without a word."""
    dates, stores = _stores(np.random.default_rng(0))
    wide = pd.DataFrame({"date": dates, **stores})
    wide["Total"] = np.round(wide[["S1", "S2", "S3"]].sum(axis=1), 1)
    panel = load_panel(wide, series="all", announce=False)
    found = find(panel, _splits(panel))
    assert found == [{"total": 3, "parts": [0, 1, 2], "target": panel.targets[0]}]
    assert text(panel, found) == (
        "series 'Total' is the sum of 'S1', 'S2' and 'S3' on every training row (to the data's rounding): it is "
        "forecast and scored as one more series, so its errors count in the pooled scores beside its parts' (the same "
        "values counted twice), and rnncast does not reconcile forecasts, so its forecast need not equal the sum of "
        "theirs; to forecast and score the parts alone, leave it out: series=['S1', 'S2', 'S3'] (--series S1,S2,S3)")
    wide.loc[50, "Total"] += 0.5  # one training row off by more than rounding: no sum
    assert find(load_panel(wide, series="all", announce=False), _splits(panel)) == []


def test_long_rows_of_each_stores_total_are_found_and_the_rows_to_drop_named_by_their_key():
    """t32t5's long.csv: rows of sku 'ALL' = A + B of each store, 3 of the 9 series sums of the other 6; a grand total
    above them (all stores, all skus) is found too."""
    rng = np.random.default_rng(1)
    frames = []
    for store in ("S1", "S2", "S3"):
        dates, skus = _stores(rng, k=2)
        skus = {"A": skus["S1"], "B": skus["S2"]}
        skus["ALL"] = np.round(skus["A"] + skus["B"], 1)
        frames += [pd.DataFrame({"date": dates, "store": store, "sku": sku, "sales": v}) for sku, v in skus.items()]
    long = pd.concat(frames, ignore_index=True)
    panel = load_panel(long, target="sales", id_col="store,sku", announce=False)
    found = find(panel, _splits(panel))
    totals = [panel.ids[f["total"]] for f in found]
    assert totals == ["store=S1, sku=ALL", "store=S2, sku=ALL", "store=S3, sku=ALL"]
    assert [[panel.ids[p] for p in f["parts"]] for f in found][0] == ["store=S1, sku=A", "store=S1, sku=B"]
    said = text(panel, found)
    assert said.startswith("3 series are each the sum of others on every training row (to the data's rounding): "
                           "'store=S1, sku=ALL' of 'store=S1, sku=A' and 'store=S1, sku=B'; ")
    assert said.endswith("drop the rows whose sku is 'ALL' from the data (e.g. df[df['sku'] != 'ALL'])")
    grand = long[long["sku"] != "ALL"].groupby("date", as_index=False)["sales"].sum().assign(store="all", sku="all")
    panel = load_panel(pd.concat([long, grand.round({"sales": 1})]), target="sales", id_col="store,sku", announce=False)
    found = find(panel, _splits(panel))
    assert len(found) == 4 and {panel.ids[f["total"]] for f in found} >= {"store=all, sku=all"}


def test_no_false_alarm_on_fifty_random_series_nor_on_counts_of_zero_and_one():
    rng = np.random.default_rng(2)
    dates = pd.date_range("2024-01-01", periods=200, freq="D")
    wide = pd.DataFrame({"date": dates, **{f"s{i}": np.round(rng.gamma(2.0, 10.0, 200), 1) for i in range(50)}})
    panel = load_panel(wide, series="all", announce=False)
    assert find(panel, _splits(panel)) == []
    counts = pd.DataFrame({"date": dates, **{f"c{i}": rng.binomial(1, 0.05, 200).astype(float) for i in range(6)}})
    panel = load_panel(counts, series="all", announce=False)
    assert find(panel, _splits(panel)) == []  # 0s and 1s: a rounding of 1.5 would match any three
    same = pd.DataFrame({"date": dates, "a": wide["s0"], "b": wide["s0"], "c": wide["s1"]})  # a copy is no sum
    panel = load_panel(same, series="all", announce=False)
    assert find(panel, _splits(panel)) == []


def test_the_decimals_a_file_carries():
    assert decimals(np.array([26.1, 31.6, np.nan])) == 1 and decimals(np.array([3.0, 40.0])) == 0
    assert decimals(np.array([1 / 3])) is None


def test_fit_says_it_once_in_its_log_in_metrics_notes_and_on_its_page(tmp_path, caplog):
    import json

    from rnncast.cli import main

    dates, stores = _stores(np.random.default_rng(3))
    wide = pd.DataFrame({"date": dates, **stores})
    wide["Total"] = wide[["S1", "S2", "S3"]].sum(axis=1)  # computed: exact to float rounding
    wide.to_csv(tmp_path / "wide.csv", index=False)
    assert main(["fit", str(tmp_path / "wide.csv"), "--series", "all", "--lookback", "7", "--horizon", "2",
                 "--hidden-size", "4", "--epochs", "1", "--out", str(tmp_path / "run")]) == 0
    said = [r.getMessage() for r in caplog.records if "is the sum of" in r.getMessage()]  # the command line's stderr
    assert len(said) == 1 and said[0].startswith("series 'Total' is the sum of 'S1', 'S2' and 'S3'")
    notes = json.loads((tmp_path / "run" / "metrics.json").read_text())["notes"]
    assert [n["level"] for n in notes if "'Total' is the sum of" in n["text"]] == ["warning"]
    page = (tmp_path / "run" / "report.html").read_text()
    assert page.count("is the sum of &#x27;S1&#x27;, &#x27;S2&#x27; and &#x27;S3&#x27;") == 1


def test_it_is_said_once_in_a_block_of_fits_as_a_tunes_trials_are(caplog):
    """A reviewer's finding (decision 1585): a 3-trial tune of a wide file with a 'Total' column said it 3 times;
    within ``noticed.said_once`` (a tune's trials) it is said by the first fit alone, as jumps and stuck runs are."""
    import logging

    from rnncast import noticed
    from rnncast.totalseries import warn

    dates, stores = _stores(np.random.default_rng(0))
    wide = pd.DataFrame({"date": dates, **stores})
    wide["Total"] = np.round(wide[["S1", "S2", "S3"]].sum(axis=1), 1)
    panel = load_panel(wide, series="all", announce=False)
    found = find(panel, _splits(panel))
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        with noticed.said_once():
            for _ in range(3):
                warn(panel, found)
        warn(panel, found)  # outside a block: said again
    assert sum("is the sum of" in r.getMessage() for r in caplog.records) == 2


def _hierarchy(weeks, skus, stores=("S1", "S2", "S3"), targets=("sales",)):
    rng = np.random.default_rng(0)
    dates, frames = pd.date_range("2022-01-02", periods=weeks, freq="W-SUN"), []
    for store in stores:
        values = {f"k{i}": rng.poisson(30, weeks) for i in range(skus)}
        values["ALL"] = sum(values.values())
        frames += [pd.DataFrame({"date": dates, "store": store, "sku": sku, **{t: (i + 1) * v for i, t in enumerate(targets)}})
                   for sku, v in values.items()]
    return load_panel(pd.concat(frames, ignore_index=True), target=list(targets), id_col="store,sku", announce=False)


def test_totals_are_found_where_series_are_about_as_many_as_rows_and_said_once_for_several_targets():
    """A reviewer's findings (decision 1588): 3 stores of 20 SKUs and 'ALL' over 104 weeks (72 common training rows, 63
    series) found S1's 'ALL' alone, its rounding allowance taking 3 spurious directions with the 3 real ones; with
    two targets (sales, units) each total was said twice, all under the first target's name."""
    panel = _hierarchy(104, 20)
    assert [panel.ids[f["total"]] for f in find(panel, _splits(panel))] == [
        "store=S1, sku=ALL", "store=S2, sku=ALL", "store=S3, sku=ALL"]
    panel = _hierarchy(120, 2, stores=("S1", "S2"), targets=("sales", "units"))
    said = text(panel, find(panel, _splits(panel)))
    assert said.startswith("2 series are each the sum of others on every training row (to the data's rounding): "
                           "'store=S1, sku=ALL' ('sales' and 'units') of 'store=S1, sku=k0' and 'store=S1, sku=k1'; "
                           "'store=S2, sku=ALL' ('sales' and 'units') of ")


def test_a_wide_tables_advice_names_the_total_not_every_other_column():
    """A reviewer's finding (decision 1588): 120 stores and 'Total' gave a 3,000-character line naming every store."""
    rng = np.random.default_rng(4)
    wide = pd.DataFrame({"date": pd.date_range("2024-01-01", periods=400, freq="D"),
                         **{f"store_{i}": rng.poisson(30, 400) for i in range(120)}})
    wide["Total"] = wide.drop(columns="date").sum(axis=1)
    panel = load_panel(wide, series="all", announce=False)
    said = text(panel, find(panel, _splits(panel)))
    assert said.endswith("leave it out: every series but 'Total' (the other 120; e.g. df.drop(columns=['Total']))")
    assert len(said) < 800


def test_a_series_starting_late_does_not_switch_the_check_off():
    """Final re-read of decision 1541: one series with only its last 5 rows cut the rows every series has below the
    series' count, and a Total of ten stores went unsaid; series with under half the longest's rows are set aside."""
    rng = np.random.default_rng(1)
    parts = rng.normal(100, 10, (60, 10)).round(1)
    late = np.full((60, 1), np.nan)
    late[-5:, 0] = rng.normal(5, 1, 5).round(1)
    values = np.hstack([parts, parts.sum(axis=1).round(1)[:, None], late])
    assert totalseries._sums(values) == [{"total": 10, "parts": list(range(10))}]
