"""The pandas line a revision's advice prints (``keptrows.py``), run as printed: the table it gives loads, the final
or later row of each time kept and every series in time order; a time column written day first is not sorted as
text (its order would be wrong), the next refusal saying to sort."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from conftest import TINY
from rnncast import Forecaster
from rnncast.errors import RnncastError
from rnncast.loading import load_panel


def _stores(dates) -> pd.DataFrame:
    return pd.concat([pd.DataFrame({"sku": "A", "store": s, "week": dates, "units": np.arange(10.0) + 10 * k})
                      for k, s in enumerate(("S1", "S2"))], ignore_index=True)


def _line(frame: pd.DataFrame, **given) -> str:
    with pytest.raises(RnncastError) as err:
        load_panel(frame, target="units", time_col="week", **given)
    message = str(err.value)
    return message[message.index("df."):].split("; if ")[0]


def test_the_later_row_pasted_at_the_end_is_kept_and_the_table_loads():
    """dup_conflict.csv (t27t1): a revised row at the end of the file, kept there by drop_duplicates(keep='last'),
    was refused next as "timestamps are not sorted"; the line now sorts by time after, and the table loads."""
    frame = _stores(pd.date_range("2024-01-07", periods=10, freq="W").strftime("%Y-%m-%d"))
    frame = pd.concat([frame, frame.iloc[[3]].assign(units=99.0)], ignore_index=True)
    line = _line(frame, id_col=["sku", "store"])
    assert line == ("df.drop_duplicates(subset=['week', 'sku', 'store'], keep='last').sort_values('week', "
                    "kind='stable')")
    out = eval(line, {"df": frame})
    panel = load_panel(out, target="units", time_col="week", id_col=["sku", "store"])
    assert panel.n_series == 2 and 99.0 in out.units.to_list() and 3.0 not in out.units.to_list()


def test_a_final_row_kept_by_its_mark_is_sorted_back_into_time_order():
    frame = _stores(pd.date_range("2024-01-07", periods=10, freq="W")).assign(status="prelim")
    final = frame.iloc[[2, 12]].assign(units=lambda f: f.units + 0.5, status="final")
    frame = pd.concat([frame, final], ignore_index=True)
    line = _line(frame, id_col="store")
    assert line.startswith("df.sort_values('status'") and line.endswith(".sort_values('week', kind='stable')")
    out = eval(line, {"df": frame})
    assert load_panel(out, target="units", time_col="week", id_col="store").n_series == 2
    assert sorted(out[out.status == "final"].units) == [2.5, 12.5] and len(out) == 20


def test_a_time_written_day_first_is_not_sorted_as_text():
    frame = _stores(pd.date_range("2024-01-07", periods=10, freq="W").strftime("%d/%m/%Y"))
    frame = pd.concat([frame, frame.iloc[[3]].assign(units=99.0)], ignore_index=True)
    assert _line(frame, id_col="store") == "df.drop_duplicates(subset=['week', 'store'], keep='last')"


def test_transactions_many_a_day_are_told_to_be_added_up_not_the_later_row_kept(tmp_path):
    """1500 bookings of two years (858 repeating a day, values 5 to 500) were told "a revised value? keep the later
    row of each time", which dropped most of them (decision 1476)."""
    rng = np.random.default_rng(5)
    days = np.sort(rng.choice(pd.date_range("2023-01-01", "2024-12-31", freq="D"), 1500))
    lines = ["Datum;Betrag"] + [f"{pd.Timestamp(d):%d.%m.%Y};" + f"{rng.uniform(5, 500):.2f}".replace(".", ",")
                                for d in days]
    path = tmp_path / "bookings.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(RnncastError, match=r"differ only in 'Betrag' \(.*\): single transactions \(sales, bookings\), "
                                           r"many a time\? add them up per time, e\.g\. with pandas: df\.groupby\("
                                           r"\['Datum'\], as_index=False, sort=False\)\.agg\(\{'Betrag': 'sum'\}\) \(keeping "
                                           r"one row of each time would drop the others\)$") as err:
        load_panel(path)
    assert "revised" not in str(err.value)
    line = str(err.value)[str(err.value).index("df."):].split(" (keeping")[0]
    given = pd.read_csv(path, sep=";", decimal=",")
    out = eval(line, {"df": given})  # run as printed: one row a day, every booking counted, and the table loads
    assert len(out) == 1500 - 858 and out["Betrag"].sum() == pytest.approx(given["Betrag"].sum())
    assert load_panel(out, fill="zero", freq="D", fill_gaps=True).values.shape[0] == 731  # days without one: 0


def test_the_line_adding_up_transactions_keeps_the_future_covariates_and_its_table_fits(tmp_path):
    """'Promo' (one value a day) was dropped by the printed groupby(...)['Betrag'].sum(), so the next fit refused the
    missing covariate (decision 1505): the line now keeps the first of the model's other columns."""
    rng = np.random.default_rng(0)
    days = np.repeat(pd.date_range("2023-01-01", periods=60, freq="D"), 3)
    given = pd.DataFrame({"Datum": days.strftime("%d.%m.%Y"), "Betrag": rng.uniform(5, 500, len(days)).round(2),
                          "Promo": np.repeat(rng.integers(0, 2, 60), 3)})
    path = tmp_path / "tx.csv"
    given.to_csv(path, sep=";", index=False, decimal=",")
    with pytest.raises(RnncastError, match=r"df\.groupby\(\['Datum'\], as_index=False, sort=False\)\.agg\("
                                           r"\{'Betrag': 'sum', 'Promo': 'first'\}\)") as err:
        load_panel(path, target="Betrag", future_covariates=["Promo"])
    line = str(err.value)[str(err.value).index("df."):].split(" (keeping")[0]
    out = eval(line, {"df": pd.read_csv(path, sep=";", decimal=",")})  # run as printed
    assert list(out.columns) == ["Datum", "Betrag", "Promo"] and len(out) == 60
    out["Datum"] = pd.to_datetime(out["Datum"], dayfirst=True)
    Forecaster(**{**TINY, "lookback": 8, "horizon": 2, "epochs": 1}).fit(out, target="Betrag",
                                                                        future_covariates=["Promo"])


def test_a_few_revised_values_are_still_told_to_keep_the_later_row():
    days = pd.date_range("2020-01-01", periods=60, freq="D")
    frame = pd.DataFrame({"date": days, "y": np.arange(60.0)})
    frame = pd.concat([frame, pd.DataFrame({"date": days[[10, 20]], "y": [10.2, 20.1]})]).sort_values("date",
                                                                                                   kind="stable")
    with pytest.raises(RnncastError, match=r"a revised value\? keep the later row of each time"):
        load_panel(frame.reset_index(drop=True), target="y")

def _revised_index(levels: list[str]) -> pd.DataFrame:
    """A 10-second sensor frame with its time (and device) as the index and one reading revised: the revised row given
    after the first, at readings that repeat at other times (0.1-degree resolution)."""
    times = pd.date_range("2024-03-01 12:00", periods=60, freq="10s")
    frame = pd.concat([pd.DataFrame({"timestamp": times, "device": d, "temp": np.round(20 + np.sin(np.arange(60) / 5), 1)})
                       for d in ("dev0", "dev1")], ignore_index=True)
    again = frame.iloc[[10]].assign(temp=lambda d: d["temp"] + 0.3)
    return pd.concat([frame, again]).sort_values(["device", "timestamp"], kind="stable").set_index(levels)


@pytest.mark.parametrize("levels, given", [(["device", "timestamp"], {"id_col": "device"}),
                                           (["timestamp"], {"id_col": "device"})])
def test_the_later_row_of_an_indexed_time_is_kept_by_a_line_that_weighs_the_index(levels, given):
    """The revision's line named the index as a column (df.drop_duplicates(subset=['timestamp', 'device'], ...): a
    KeyError on a frame whose time is its index); it now keeps the later row by the index (decision 1496), and the
    frame it gives, run as printed, loads with the revised value."""
    frame = _revised_index(levels)
    with pytest.raises(RnncastError) as err:
        load_panel(frame, target="temp", **given)
    message = str(err.value)
    line = message[message.index("with pandas: ") + len("with pandas: "):].split("; if ")[0]
    assert "drop_duplicates" not in line and "index" in line, message
    kept = eval(line, {"df": frame, "pd": pd})
    assert len(kept) == 120
    panel = load_panel(kept, target="temp", **given)
    assert panel.n_series == 2
    revised = kept.reset_index().set_index(["device", "timestamp"]).loc[("dev0", pd.Timestamp("2024-03-01 12:01:40")), "temp"]
    assert revised == pytest.approx(np.round(20 + np.sin(10 / 5), 1) + 0.3)
