"""Parts (``parts.py``): the fit's training, validation and test rows found again in any data by
their timestamps, so that ``evaluate`` scores by default only windows whose targets the model never
saw (the fit's test split and newer rows) and says what it scored."""

from __future__ import annotations

import re
from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest

from conftest import TINY, make_frame, make_panel, yearly_stations
from rnncast import Forecaster, parts
from rnncast.errors import RnncastError
from rnncast.panel import Panel
from rnncast.timetext import shown
from rnncast.windows import Split, window_starts

L, H = TINY["lookback"], TINY["horizon"]
ROWS = 300  # the whole series; the model is fitted on the first FIT rows
FIT = 200


@pytest.fixture(scope="module")
def series() -> pd.DataFrame:
    return make_frame(ROWS, feature=False, freq="D")


@pytest.fixture(scope="module")
def model(series) -> Forecaster:
    return Forecaster(**TINY).fit(series.iloc[:FIT], target="y")



def test_default_on_the_fit_data_scores_exactly_the_fit_test_windows(model, series):
    result = model.evaluate(series.iloc[:FIT])
    split = model.split_
    expected = window_starts(split, "test", L, H)
    assert result["windows"] == len(expected)
    scored = result["scored"]
    assert scored["part"] == "test" and scored["targets_on"] == {"training": 0, "validation": 0,
                                                                "test": len(expected), "new": 0, "before": 0}
    assert "after the rows the model was fitted and validated on" in scored["text"]
    # the same windows as the fit's own test metrics
    assert model.predict_windows(series.iloc[:FIT], part="test").target_rows.min() == split.val_end


def test_newer_rows_are_scored_as_new_data(model, series):
    result = model.evaluate(series)  # the fit's rows and 100 newer ones
    split = model.split_
    test_windows = len(window_starts(split, "test", L, H))
    all_after = ROWS - split.val_end - H + 1  # every window whose targets start at or after the first test row
    assert result["windows"] == all_after
    counts = result["scored"]["targets_on"]
    assert counts["new"] == ROWS - FIT - H + 1 and counts["test"] == all_after - counts["new"]
    assert counts["test"] >= test_windows  # the fit's test windows, and those reaching across its end


@pytest.mark.parametrize("val_frac", [0.1, 0.0])
def test_a_final_fit_s_newer_rows_are_its_test_rows(series, val_frac):
    """A final fit (test_frac 0, decision 2117) keeps no first test time (None): evaluate read the test part as
    starting at the series' end, so newer data held "no window whose targets come after the rows the model was
    fitted and validated on"; it starts after the fit's last row (and, with val_frac 0 too, so does the validation
    part, which then holds nothing)."""
    final = Forecaster(**TINY, val_frac=val_frac, test_frac=0).fit(series.iloc[:FIT], target="y")
    assert final.split_.end == final.split_.val_end == FIT
    result = final.evaluate(series)  # the fit's rows and 100 newer ones
    assert result["windows"] == ROWS - FIT - H + 1 and result["scored"]["targets_on"]["new"] == result["windows"]
    with pytest.raises(RnncastError, match=r"no window .* whose targets come after the rows the model was fitted and "
                                           r"validated on \(a final fit on every row it was given: test_frac 0\); give"):
        final.evaluate(series.iloc[:FIT])  # its own rows hold no test window: refused, no score made up


def test_data_starting_after_the_fit_is_all_new(model, series):
    new = series.iloc[FIT:]
    result = model.evaluate(new)
    assert result["windows"] == len(new) - L - H + 1
    assert result["scored"]["targets_on"]["new"] == result["windows"]
    first = new["date"].iloc[L].strftime("%Y-%m-%d")
    assert first in result["scored"]["text"]


def test_borders_are_found_by_time_when_the_data_starts_elsewhere(model, series):
    """Data that starts 50 rows into the fit's rows: the test part begins at the same date, not the same row."""
    later = series.iloc[50:]
    wf = model.predict_windows(later, part="test")
    first_test_date = series["date"].iloc[model.split_.val_end]
    assert later["date"].iloc[wf.target_rows.min()] == first_test_date
    val = model.predict_windows(later, part="val")
    assert later["date"].iloc[val.target_rows.min()] == series["date"].iloc[model.split_.train_end]


def test_rows_from_before_the_fit_s_first_are_no_training_rows(series, tmp_path):
    """A model fitted on rows 100-199, evaluated on rows 0-199: part 'train' scored 100 more windows than the model
    trained on, as "the fit's training rows", and part 'all' counted them so (a tester's finding, decision 552)."""
    late = Forecaster(**TINY).fit(series.iloc[100:FIT], target="y")
    trained = late.evaluate(series.iloc[100:FIT], part="train")
    scored = late.evaluate(series.iloc[:FIT], part="train")
    assert scored["windows"] == trained["windows"] == scored["scored"]["trained_on"]
    every = late.evaluate(series.iloc[:FIT], part="all")["scored"]
    assert every["targets_on"]["before"] == 100
    assert f"100 reading rows from before it, which the model never saw, {trained['windows']} with targets on " \
           "training rows" in every["text"]
    late.save(tmp_path / "m")  # a model saved before the fit's first time was kept: its windows from row 0, as before
    import json

    meta = json.loads((tmp_path / "m" / "model.json").read_text())
    meta["borders"] = [b[:3] for b in meta["borders"]]
    del meta["description_sha256"]  # nor its own checksum (decision 679)
    (tmp_path / "m" / "model.json").write_text(json.dumps(meta))
    assert Forecaster.load(tmp_path / "m").evaluate(series.iloc[:FIT], part="train")["windows"] == trained["windows"] + 100


def test_no_unseen_window_is_refused_naming_the_part_that_would_score(model, series):
    with pytest.raises(RnncastError, match=r"no window .* after the rows the model was fitted.*'all'"):
        model.evaluate(series.iloc[:120])
    result = model.evaluate(series.iloc[:120], part="train")  # asked for: scored, and said so
    assert result["scored"]["part"] == "train" and "training rows" in result["scored"]["text"]


def test_a_part_refused_offers_only_the_parts_that_hold_a_window_of_that_data(model, series):
    """The first 60 of a fit's rows (none validated on) were offered "part 'test' or 'all'" when refused part
    'val', and "'train', 'val' or 'all'" for part 'test': each offer but 'train' and 'all' was refused too."""
    for rows, part, offered in ((slice(0, 120), "val", "part 'train' or 'all' (part=, --part)"),
                                (slice(0, 120), "test", "part 'train' or 'all' (part=, --part) to score"),
                                (slice(0, 158), "test", "part 'train', 'val' or 'all' (part=, --part) to score"),
                                (slice(150, 200), "train", "part 'test' or 'all' (part=, --part)"),
                                (slice(150, 200), "val", "part 'test' or 'all' (part=, --part)")):
        with pytest.raises(RnncastError, match=re.escape(f"; give {'data that goes on after them' if part == 'test' else 'the data the model was fitted on'}, or {offered}")):
            model.evaluate(series.iloc[rows], part=part)
        for other in re.findall(r"'(\w+)'", offered):  # each part offered scores
            assert model.evaluate(series.iloc[rows], part=other)["scored"]["windows"] > 0


def test_all_counts_the_windows_on_rows_the_model_learned_from(model, series):
    result = model.evaluate(series.iloc[:FIT], part="all")
    counts = result["scored"]["targets_on"]
    split = model.split_
    assert result["windows"] == FIT - L - H + 1 == sum(counts.values())
    assert counts["training"] == split.train_end - L  # windows whose first target is a training row
    assert counts["validation"] == split.val_end - split.train_end
    assert "flatter the model" in result["scored"]["text"]


def test_all_says_its_training_and_validation_windows_as_part_train_and_val_count_them(model, series):
    """On a monthly 120-row file `--part all` said "72 with targets on training rows and 12 on validation rows"
    while `--part train` scored 70 and `--part val` 10: it counted a window by its first target, so those
    running across a border were in both sums. It says the windows wholly inside each split, and those across."""
    data = series.iloc[:FIT]
    train, val = (model.evaluate(data, part=part)["windows"] for part in ("train", "val"))
    text = model.evaluate(data, part="all")["scored"]["text"]
    assert f", {train} with targets on training rows and {val} on validation rows, which flatter the model, and " \
           f"{2 * (H - 1)} whose targets run from one of those splits into the next)" in text


def test_all_on_too_few_rows_counts_them_in_rows(model, series):
    with pytest.raises(RnncastError, match=rf"^evaluate needs at least lookback {L} \+ horizon {H} = {L + H} rows "
                                           r"\(one window\), got 10$"):
        model.evaluate(series.iloc[:10], part="all")


@pytest.mark.parametrize("part", ["test", "val", "train"])
def test_data_too_short_for_one_window_says_so_whatever_the_part(model, series, part):
    """A tester gave the last 14 rows to a lookback 12 + horizon 3 model and was told to give data after the
    fit's rows or another part: no part holds a window of 15 rows in 14. The rows it has and needs are said."""
    with pytest.raises(RnncastError) as refused:
        model.evaluate(series.iloc[-(L + H - 1):], part=part)
    assert str(refused.value) == f"evaluate needs at least lookback {L} + horizon {H} = {L + H} rows (one window), got {L + H - 1}"


def test_a_panel_too_short_for_one_window_names_its_short_series():
    frame = make_panel(3, seed=4)
    model = Forecaster(**TINY).fit(frame)
    tails = frame.groupby("unique_id").tail(L + H - 1)
    with pytest.raises(RnncastError) as refused:
        model.evaluate(tails)
    ids = sorted(frame["unique_id"].unique())
    assert str(refused.value) == (f"evaluate needs at least lookback {L} + horizon {H} = {L + H} rows of a series (one "
                                  "window); every series is too short: "
                                  + ", ".join(f"'{i}' ({L + H - 1} rows)" for i in ids))
    # one series long enough but all inside the fit's rows: the part's refusal, and the short series named
    early = pd.concat([frame[frame["unique_id"] == ids[0]].head(60), tails[tails["unique_id"] != ids[0]]])
    with pytest.raises(RnncastError) as refused:
        model.evaluate(early)
    said = str(refused.value)
    assert "after the rows the model was fitted and validated on" in said
    assert said.endswith(f"2 series are too short: '{ids[1]}' ({L + H - 1} rows), '{ids[2]}' ({L + H - 1} rows)")


def test_unknown_part_is_refused_with_the_choices(model, series):
    with pytest.raises(RnncastError, match="choose one of: train, val, test, all"):
        model.evaluate(series, part="holdout")


def test_rows_without_time_are_matched_by_number_and_the_text_says_so():
    frame = make_frame(200, time=False, feature=False)
    model = Forecaster(**TINY).fit(frame, target="y")
    assert model.state_.borders is None
    result = model.evaluate(frame)
    assert result["windows"] == len(window_starts(model.split_, "test", L, H))
    assert "matched to the fit's by their number" in result["scored"]["text"]


def test_the_last_rows_of_a_table_without_time_are_refused_saying_rows_are_matched_by_number():
    """The tester gave the fit's last 30 rows (its test rows) and was told only that no window comes
    after the fit's rows: nothing said that their numbers restart at 0."""
    frame = make_frame(150, time=False, feature=False)
    model = Forecaster(**TINY).fit(frame, target="y")
    with pytest.raises(RnncastError) as refused:
        model.evaluate(frame.iloc[-30:])
    said = str(refused.value)
    assert ("the data has no time column, so its rows are matched to the fit's by number, counted from 0 in the data "
            "given; its 30 rows stand for the fit's rows 0-29 (the fit trained on rows 0-104, validated on 105-119, "
            "tested on 120-149); give the rows from the fit's first row on") in said
    assert said.endswith("or part 'all' (--part all) to score every window of these rows")
    with pytest.raises(RnncastError, match="validation rows: the data has no time column, so its rows are matched"):
        model.evaluate(frame.iloc[:20], part="val")
    assert model.evaluate(frame.iloc[-30:], part="all")["windows"] == 30 - L - H + 1  # what the refusal offers


def test_a_model_saved_before_borders_falls_back_to_row_numbers(model, series, tmp_path):
    model.save(tmp_path / "m")
    meta_path = tmp_path / "m" / "model.json"
    import json

    meta = json.loads(meta_path.read_text())
    meta.pop("borders"), meta.pop("description_sha256")  # before borders, and before its checksum (decision 679)
    meta_path.write_text(json.dumps(meta))
    old = Forecaster.load(tmp_path / "m")
    result = old.evaluate(series.iloc[:FIT])
    assert result["windows"] == model.evaluate(series.iloc[:FIT])["windows"]
    assert result["scored"]["by_time"] is False


def test_borders_survive_save_and_load(model, series, tmp_path):
    model.save(tmp_path / "m")
    loaded = Forecaster.load(tmp_path / "m")
    assert loaded.state_.borders == model.state_.borders
    assert loaded.evaluate(series) == model.evaluate(series)


def test_each_series_of_a_panel_is_cut_at_its_own_dates():
    frame = make_panel(3, seed=4)
    model = Forecaster(**TINY).fit(frame)
    result = model.evaluate(frame, by_series=True)
    assert result["scored"]["series"] == 3
    for k, sid in enumerate(model.ids_):
        split = model.splits_[k]
        assert result["series"][sid]["windows"] == len(window_starts(split, "test", L, H))


def test_time_zone_and_periods_keep_their_borders():
    aware = make_frame(200, feature=False, freq="h")
    aware["date"] = aware["date"].dt.tz_localize("Europe/Berlin")
    model = Forecaster(**TINY).fit(aware, target="y")
    assert model.evaluate(aware)["windows"] == len(window_starts(model.split_, "test", L, H))
    periods = make_frame(200, feature=False, freq="MS")
    periods["date"] = periods["date"].dt.to_period("M")
    model = Forecaster(**TINY).fit(periods, target="y")
    assert model.evaluate(periods.iloc[40:])["windows"] == len(window_starts(model.split_, "test", L, H))


def test_all_says_all_and_windows_reaching_past_the_fit_are_counted(model, series):
    text = model.evaluate(series.iloc[:FIT], part="all")["scored"]["text"]
    assert text.startswith(f"scored all {FIT - L - H + 1} windows of the data")
    text = model.evaluate(series)["scored"]["text"]
    assert f"({H - 1} of them reaching past the fit's last row)" in text


def _two_series(rows: int = 90) -> tuple[pd.DataFrame, Forecaster]:
    frame = make_panel(2, lengths=(rows, rows), seed=4)
    return frame, Forecaster(**TINY).fit(frame)


def test_a_panels_series_too_short_for_a_window_is_named_and_the_others_scored(caplog):
    """A tester's panel with one series of 9 rows was scored "in 1 of 2 series" and the short one named nowhere,
    though the docstring promised it named."""
    frame, model = _two_series()
    a, b = sorted(frame["unique_id"].unique())
    short = pd.concat([frame[frame["unique_id"] == a], frame[frame["unique_id"] == b].tail(L + H - 1)])
    with caplog.at_level("WARNING", logger="rnncast"):
        result = model.evaluate(short, by_series=True)
    said = (f"1 of the 2 series is not scored: series '{b}' ({L + H - 1} rows) is shorter than lookback {L} + horizon "
            f"{H} = {L + H} rows (one window)")
    assert list(result["series"]) == [a] and result["scored"]["series"] == 1
    assert result["scored"]["series_left_out"] == {"count": 1, "too_short": [b], "no_window": [], "text": said}
    assert "in 1 of 2 series" in result["scored"]["text"] and f"; {said}" in result["scored"]["text"]
    assert f"{said}; the scores are those of the other series." in result["notes"]
    assert said in caplog.text


def test_a_panels_series_without_a_window_of_the_part_is_named_with_the_part():
    frame, model = _two_series()
    a, b = sorted(frame["unique_id"].unique())
    early = pd.concat([frame[frame["unique_id"] == a], frame[frame["unique_id"] == b].head(40)])  # b: fit rows only
    result = model.evaluate(early)
    out = result["scored"]["series_left_out"]
    assert out["no_window"] == [b] and out["too_short"] == []
    assert (f"1 of the 2 series is not scored: series '{b}' holds no window whose targets come after the rows the model "
            "was fitted and validated on") in result["scored"]["text"]
    assert "series_left_out" not in model.evaluate(frame)["scored"]  # every series scored: nothing said


def test_predict_windows_names_itself_and_speaks_of_windows_left_out_not_scores(caplog):
    """predict_windows on a panel too short said "evaluate needs at least ...", and with one short series warned
    "... is not scored: ...; the scores are those of the other series", though it scores nothing."""
    frame = make_panel(3, seed=4)
    model = Forecaster(**TINY).fit(frame)
    with pytest.raises(RnncastError, match=rf"^predict_windows needs at least lookback {L} \+ horizon {H} = {L + H} "
                                           r"rows of a series \(one window\); every series is too short: "):
        model.predict_windows(frame.groupby("unique_id").tail(L + H - 1))
    ids = sorted(frame["unique_id"].unique())
    short = pd.concat([frame[frame["unique_id"] != ids[2]], frame[frame["unique_id"] == ids[2]].tail(L + H - 1)])
    caplog.clear()  # fit's own words (where its test rows fall) are not predict_windows'
    with caplog.at_level("WARNING", logger="rnncast"):
        model.predict_windows(short)
    assert (f"1 of the 3 series is left out: series '{ids[2]}' ({L + H - 1} rows) is shorter than lookback {L} + "
            f"horizon {H} = {L + H} rows (one window); predict_windows forecasts the windows of the other series"
            ) in caplog.text
    assert "score" not in caplog.text and "evaluate" not in caplog.text


def _uneven(kind: str):
    """Four series of 30, 7, 45 and 22 rows starting on different days, times of ``kind``, back to back."""
    lengths, begins = [30, 7, 45, 22], [0, 10, 3, 20]
    days = np.concatenate([np.arange(b, b + n) for b, n in zip(begins, lengths)])
    stamps = pd.Timestamp("2021-03-01") + pd.to_timedelta(days, unit="D")
    time = {"naive": pd.DatetimeIndex(stamps).as_unit("s"), "zoned": pd.DatetimeIndex(stamps).tz_localize("Europe/Berlin"),
            "periods": pd.PeriodIndex(stamps, freq="D"), "integers": pd.Index(days, dtype="int64")}[kind]
    offsets = np.concatenate([[0], np.cumsum(lengths)]).astype(np.int64)
    return Panel(np.zeros((len(days), 1)), offsets, list("abcd"), ["y"], 1, time=time, id_col="id", layout="long")


@pytest.mark.parametrize("kind", ["naive", "zoned", "periods", "integers"])
def test_an_uneven_panels_borders_and_first_targets_are_those_found_series_by_series(kind):
    """``locate`` and ``describe`` look up all series at once; each border's row is pandas' searchsorted in that
    series' own times (an empty part's, None: after the last row fit was given), and the text's first and last first
    targets are the earliest and latest over the series."""
    panel, rng = _uneven(kind), np.random.default_rng(3)
    picks = rng.integers(0, len(panel.time), size=(4, 3))
    as_json = lambda t: t.isoformat() if isinstance(t, pd.Timestamp) else (str(t) if isinstance(t, pd.Period) else int(t))  # noqa: E731
    saved = [[as_json(panel.time[p]) for p in row] for row in picks]
    saved[1][1] = None  # an empty part
    if kind == "zoned":
        saved[2][0] = panel.time[picks[2][0]].tz_convert("UTC").isoformat()  # another zone's text for a time
    state, index = SimpleNamespace(borders=saved, splits=None), np.array([2, 0, 3, 1])
    located = parts.locate(state, panel, index)
    for s, k in enumerate(index):
        time, length = panel.time_of(s), int(panel.lengths[s])

        def row(value, side):
            if value is None:  # a part fit had no rows of starts after the fit's last row (decision 2117)
                return row(saved[k][2], "right")
            value = pd.Timestamp(value).tz_convert(time.tz) if kind == "zoned" else (
                pd.Timestamp(value) if kind == "naive" else pd.Period(value, freq="D") if kind == "periods" else value)
            return int(time.searchsorted(value, side=side))

        train_end, val_end = min(row(saved[k][0], "left"), length), min(row(saved[k][1], "left"), length)
        assert located.splits[s] == Split(train_end, max(train_end, val_end), length)
        assert located.fit_ends[s] == min(row(saved[k][2], "right"), length)
    series = rng.permutation(np.repeat([0, 2, 3], [5, 9, 4]))  # series 1 holds no window, the others unordered
    first = np.array([rng.integers(0, panel.lengths[s]) for s in series])
    lookback = 2
    text = parts.describe(panel, located, panel.offsets[series] + first - lookback, series, "all", lookback)["text"]
    lo = min(panel.time_of(s)[first[series == s].min()] for s in np.unique(series))
    hi = max(panel.time_of(s)[first[series == s].max()] for s in np.unique(series))
    assert text.endswith(f"; first targets from {shown(lo, panel.time, panel.calendar.text_format)} to "
                         f"{shown(hi, panel.time, panel.calendar.text_format)}")


@pytest.mark.parametrize("kind", ["naive", "zoned", "periods", "integers"])
def test_an_uneven_panels_saved_borders_are_those_read_series_by_series(kind):
    """``borders`` picks every series' border times from the whole time index at once; each is the JSON value of
    that series' own time at the row (None past its end: an empty part), as read from ``time_of`` one by one."""
    panel = _uneven(kind)
    splits = [Split(20, 25, 30), Split(7, 7, 7), Split(30, 45, 45), Split(1, 3, 22)]

    as_json = lambda t: t.isoformat() if isinstance(t, pd.Timestamp) else (str(t) if isinstance(t, pd.Period) else int(t))  # noqa: E731

    def at(s, row):
        time = panel.time_of(s)
        return as_json(time[row]) if row < len(time) else None

    expected = [[at(s, sp.train_end), at(s, sp.val_end), at(s, sp.end - 1), at(s, 0)] for s, sp in enumerate(splits)]
    got = parts.borders(panel, splits)
    assert got == expected and [type(v) for row in got for v in row] == [type(v) for row in expected for v in row]
    assert got[1][:2] == [None, None] and got[2][1] is None and parts.borders(panel, []) == []


def test_part_val_of_a_model_fitted_without_validation_rows_says_so(series):
    """A fit with val_frac 0 has no validation rows, and evaluate(part='val') on its own data told the user to "give
    the data the model was fitted on"; it now says the fit had none, whatever the data, and what else to score."""
    model = Forecaster(**{**TINY, "epochs": 1, "val_frac": 0.0}).fit(series, target="y")
    with pytest.raises(RnncastError, match=r"^the model was fitted without validation rows \(val_frac 0\), so part "
                                           r"'val' has nothing to score; give part 'train', 'test' or 'all' \(part=, --part\)$"):
        model.evaluate(series, part="val")


def test_the_fits_end_is_named_in_the_zone_the_data_is_read_in():
    """A model fitted on times written at +02:00, given data whose offsets change (read in UTC), named its validation
    end at +02:00 beside the data's times at +00:00: one command's lines now name times on one clock, the data's."""
    fitted = pd.date_range("2024-10-01", "2024-10-26 23:00", freq="h", tz="Europe/Berlin")
    earlier = pd.date_range("2024-03-20", "2024-04-05", freq="h", tz="Europe/Berlin")
    loads = lambda time: pd.DataFrame({"time": [t.isoformat() for t in time],  # noqa: E731
                                       "load": np.sin(np.arange(len(time)) / 4)})
    model = Forecaster(**TINY).fit(loads(fitted), target="load")
    with pytest.raises(RnncastError, match=r"its validation rows end before 2024-10-2\dT\d\d:00:00\+00:00\)"):
        model.evaluate(loads(earlier))


def test_part_train_and_all_say_the_baselines_learn_from_the_training_rows_too(model, series):
    """--part train scored the 'training mean' baseline (and a quantile model's baseline intervals) on the rows they
    were fitted on, unsaid (t30t8)."""
    said, named = "the baselines fitted on the training rows", "'training mean', and, beside a quantile model"
    assert f"{said} (these same rows), {named}" in model.evaluate(series.iloc[:120], part="train")["scored"]["text"]
    assert f"{said} (some of these), {named}" in model.evaluate(series.iloc[:FIT], part="all")["scored"]["text"]
    assert ("the 'training mean' baseline, the mean of every row before the cutoff, these too, is scored in-sample there"
            in model.evaluate(series.iloc[:FIT], part="val")["scored"]["text"])  # the validation rows too (decision 2174)


def test_part_train_names_the_climatology_among_the_baselines_fitted_in_sample():
    """t33t7 M2 (decision 1663): a model that keeps a climatology has it fitted on the training rows too, so evaluate
    --part train's first line names it beside the training mean as scored in-sample."""
    panel = Panel(values=np.arange(40.0)[:, None], offsets=np.array([0, 40]), ids=[None], columns=["y"], n_targets=1)
    located = parts.Located([Split(30, 35, 40)], np.array([40]), False)
    starts, series = np.array([0, 5]), np.zeros(2, dtype=int)
    said = parts.describe(panel, located, starts, series, "train", 4, 2, True)["text"]
    assert "'training mean' and 'climatology'" in said and "are scored in-sample there" in said
    assert "'climatology" not in parts.describe(panel, located, starts, series, "train", 4, 2)["text"]


def test_part_train_names_the_climatology_only_where_a_series_scored_has_one():
    """r34r1 7 (decision 1745): 'B' (under two years of training rows) has no climatology, yet evaluate --part train
    of 'B' alone named 'climatology' among the baselines scored in-sample; 'A' has one and keeps the name."""
    data = yearly_stations({"A": "2015-01-01", "B": "2018-06-01"})
    model = Forecaster(**{**TINY, "epochs": 1, "lookback": 7}).fit(data, target="y", id_col="id")
    said = "the baselines fitted on the training rows (these same rows), 'training mean'"
    text = model.evaluate(data[data["id"] == "B"], part="train")["scored"]["text"]
    assert f"{said}, and, beside a quantile model" in text and "'climatology'" not in text
    assert f"{said} and 'climatology'," in model.evaluate(data, part="train")["scored"]["text"]


def test_a_season_longer_than_the_lookback_leaves_out_the_windows_without_a_season_before_them(caplog):
    """Decision 1778: lookback 6, season 12 on 100 hourly rows: the windows of part 'all' whose first target has
    fewer than 12 rows before it (rows 6 to 11) are left out and said; predict_windows forecasts every one, their
    seasonal naive forecasts blank, warned (decision 1856)."""
    frame = make_frame(100, feature=False)
    model = Forecaster(**{**TINY, "lookback": 6, "season": 12}).fit(frame, target="y")
    result = model.evaluate(frame, part="all")
    assert result["scored"]["season_left_out"]["windows"] == 6 and result["windows"] == 100 - 12 - 3 + 1
    with caplog.at_level("WARNING", logger="rnncast.seasonrows"):
        windows = model.predict_windows(frame, part="all")
    assert windows.target_rows.min() == 6 and "6 of the 92 windows have no seasonal naive forecast" in caplog.text
    seasonal = windows.baselines["seasonal"]
    assert np.isnan(seasonal[:6]).all() and np.isfinite(seasonal[6:]).all()
    assert np.isfinite(windows.y_pred).all() and np.isfinite(windows.baselines["repeat"]).all()


def test_a_series_without_a_season_before_any_of_its_windows_is_counted_with_them_and_named():
    """Decision 1778: series 'b' (45 rows) holds training windows, none with season 40 rows before it; it is counted
    among the windows left out for the season, not named as holding no window of the part, and named there as having
    none left (decision 1831)."""
    rng = np.random.default_rng(0)
    frame = pd.concat([pd.DataFrame({"id": sid, "date": pd.date_range("2024-01-01", periods=n, freq="h"),
                                     "y": np.sin(np.arange(n) / 6) + 0.1 * rng.standard_normal(n)})
                       for sid, n in (("a", 120), ("b", 45))])
    model = Forecaster(**{**TINY, "lookback": 6, "season": 40}).fit(frame, target="y", id_col="id")
    scored = model.evaluate(frame, part="train")["scored"]
    assert scored["series"] == 1 and "series_left_out" not in scored
    assert scored["season_left_out"]["series"] == 2 and "(in 2 series) are left out: their series hold fewer than " \
        "a season (40 calendar steps) before" in scored["text"]
    assert scored["season_left_out"]["series_ids"] == ["b"]  # named, as the series of no window are (decision 1831)
    assert "on the other 42; series 'b' (45 rows) has none left; the model was" in scored["text"]


def test_the_model_scored_alone_keeps_the_windows_without_a_season_before_them():
    """Decision 1829: ``baselines=False`` (tune's validation score, which scores no baseline) leaves out no window for
    the seasonal naive baseline's sake: lookback 6, season 12 on 100 hourly rows keeps every window of part 'all'."""
    from rnncast.reading import known, read_new

    frame = make_frame(100, feature=False)
    model = Forecaster(**{**TINY, "lookback": 6, "season": 12}).fit(frame, target="y")
    panel, index = known(model.state_, read_new(model.state_, frame))
    starts, _, scored = parts.select(model.state_, panel, index, "all", baselines=False)
    assert len(starts) == 100 - 6 - 3 + 1 and "season_left_out" not in scored
    assert len(parts.select(model.state_, panel, index, "all")[0]) == 100 - 12 - 3 + 1


def test_evaluate_keeps_a_window_with_a_season_of_days_before_it_though_dates_are_missing_and_scores_it_by_date():
    """Decision 2028: a daily file missing 2024-01-03 and 01-04 (and three later dates), season 7, lookback 5: the
    windows whose first targets are 01-08 and 01-09 hold 5 and 6 rows before them but a week of days; they were left
    out ("2 of the 108 windows ... fewer than season 7 rows"), though the seasonal naive reads 01-01 and 01-02 for
    them. Now every window with a week of days before it is scored, and the seasonal naive's MSE and the values it has
    no forecast for are those pandas gives pairing each date with the one 7 days before."""
    rng = np.random.default_rng(0)
    t = np.arange(120)
    frame = pd.DataFrame({"date": pd.date_range("2024-01-01", periods=120, freq="D"),
                          "y": 10 + 5 * np.sin(2 * np.pi * t / 7) + rng.normal(0, 0.5, 120)}).drop(index=[2, 3, 40, 95, 101])
    model = Forecaster(**{**TINY, "lookback": 5, "horizon": 3, "season": 7, "epochs": 1}).fit(frame, target="y")
    result = model.evaluate(frame, part="all")
    assert result["windows"] == 108 and "season_left_out" not in result["scored"]  # 120 - 5 rows, less 5 + 3 - 1
    y = frame.set_index("date")["y"]
    cuts = y.index[4:len(y) - 1]  # every window's last input: rows 4 on, the last row forecast from none
    errors, missing = [], 0
    for cut in cuts[:result["windows"]]:
        for h in (1, 2, 3):
            date = cut + pd.Timedelta(days=h)
            if date not in y.index:
                continue
            if date - pd.Timedelta(days=7) not in y.index:
                missing += 1
                continue
            errors.append((y[date] - y[date - pd.Timedelta(days=7)]) ** 2)
    unread = result["scored"]["seasonal_unread"]
    assert (unread["values"], unread["of"]) == (missing, missing + len(errors)) == (14, 315)
    assert result["original"]["seasonal"]["mse"] == pytest.approx(np.mean(errors), rel=1e-12)
