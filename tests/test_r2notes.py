"""What an undefined R² means, said (``r2notes.py``): R² where the scored actual values never vary, a panel's series
mean over fewer series, each of several targets' own, and each split a page shows."""

from __future__ import annotations

import json
import re

import numpy as np
import pandas as pd
import pytest

ARGS = ["--lookback", "8", "--horizon", "3", "--epochs", "1", "--hidden-size", "8", "--threads", "1"]


def test_r2_is_said_undefined_where_the_scored_values_do_not_vary_and_a_panels_says_over_how_many_series(tmp_path, capsys):
    """R² printed 'nan' with nothing said where the scored values never vary, and a panel's R² (series mean) left a
    constant series out while the MASE note said it was "counted in every other metric" (decision 593)."""
    from rnncast.cli import main
    from rnncast.r2notes import r2_note
    from rnncast.runnotes import mase_note

    assert r2_note({"original": {"model": {"r2": 0.5}}}) is None
    assert r2_note({"original": {"model": {"r2": float("nan")}}}) == (
        "R² is undefined: the scored actual values never vary (R² divides by their variance).")
    assert r2_note({"r2_by_series": {"series": 3, "of": 4}, "original": {"model": {"r2": 0.2}}}) == (
        "R² (series mean) averages the 3 of 4 series whose scored actual values vary; it is undefined for the other "
        "one (R² divides by their variance), which count in every error.")
    assert r2_note({"r2_by_series": {"series": 4, "of": 4}, "original": {"model": {"r2": 0.2}}}) is None
    assert "counted in MSE, MAE and the other errors" in mase_note(
        {"mase_excluded": {"series": ["C"], "count": 1}})

    y = np.random.default_rng(5).normal(0, 1, 200)
    y[160:] = 0  # the test rows never vary
    pd.DataFrame({"date": pd.date_range("2000-01-01", periods=200, freq="D"), "y": y}).to_csv(tmp_path / "z.csv", index=False)
    args = ["--target", "y", "--horizon", "3", "--lookback", "8", "--epochs", "1", "--hidden-size", "8", "--threads", "1"]
    assert main(["fit", str(tmp_path / "z.csv"), *args, "--out", str(tmp_path / "run")]) == 0
    assert "R² is undefined: the scored actual values never vary" in capsys.readouterr().out
    assert main(["evaluate", str(tmp_path / "run"), str(tmp_path / "z.csv")]) == 0
    assert "R² is undefined: the scored actual values never vary" in capsys.readouterr().out


def _page_text(run) -> str:
    """A run's report.html as its words: tags and images out, entities read, spaces joined."""
    import html

    text = re.sub(r"<img[^>]*>", " ", (run / "report.html").read_text())
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", text)))


def _two_targets(tmp_path, n_series: int = 4, flat_series: int | None = 2):
    """``n_series`` daily series of 60 rows (4 without an id: one series) with targets y and z; z holds 7.0 over the
    last 20 rows (its validation and test rows) of series ``flat_series`` (of the one series when None)."""
    rng = np.random.default_rng(0)
    parts = []
    for s in range(n_series):
        z = 5 + np.cos(np.arange(60) / 4) + rng.normal(0, 0.3, 60)
        if flat_series is None or s == flat_series:
            z[-20:] = 7.0
        parts.append(pd.DataFrame({"id": f"s{s}", "date": pd.date_range("2020-01-01", periods=60, freq="D"),
                                   "y": 10 + np.sin(np.arange(60) / 3) + rng.normal(0, 0.3, 60), "z": z}))
    frame = pd.concat(parts, ignore_index=True)
    path = tmp_path / "d.csv"
    (frame if flat_series is not None else frame.drop(columns="id")).to_csv(path, index=False)
    return path


def test_a_targets_series_mean_over_fewer_series_is_said_and_the_targets_mean_averages_the_targets_r2(tmp_path, capsys):
    """4 series, targets y and z, z constant in one series' test rows: the table of target 'z' showed "R² (series
    mean)" over 3 of the 4 series with nothing said while metrics.json's r2_by_series said 4 of 4, and the targets'
    mean R² averaged each series over its targets, not the targets' R² shown beside it."""
    from rnncast.cli import main

    path, run = _two_targets(tmp_path), tmp_path / "run"
    assert main(["fit", str(path), "--target", "y,z", "--id-col", "id", *ARGS, "--out", str(run)]) == 0
    out = capsys.readouterr().out
    said = ("the R² (series mean) of target 'z' averages the 3 of 4 series whose values of it vary; the targets' mean "
            "R² is the mean of the targets' own.")
    assert said in out
    assert "On the validation split, R² is undefined where" in _page_text(run) and said in _page_text(run)
    test = json.loads((run / "metrics.json").read_text())["test"]
    assert test["r2_by_series"] == {"series": 4, "of": 4, "by_target": {"y": 4, "z": 3}}
    for name in ("model", "mean"):  # the mean over targets is the mean of the targets' R², for every forecaster
        assert test["original"][name]["r2"] == pytest.approx(
            np.mean([test["by_target"][t][name]["r2"] for t in ("y", "z")]))
    assert main(["evaluate", str(run), str(path)]) == 0
    assert said in capsys.readouterr().out


def test_one_series_target_without_r2_is_named_and_the_targets_mean_is_the_others(tmp_path, capsys):
    """One series, targets y and z, z constant over its test rows: the targets' mean R² printed nan and the note said
    "the scored actual values never vary", though y's vary and its R² was shown beside it."""
    from rnncast.cli import main

    path, run = _two_targets(tmp_path, n_series=1, flat_series=None), tmp_path / "run"
    assert main(["fit", str(path), "--target", "y,z", *ARGS, "--out", str(run)]) == 0
    out = capsys.readouterr().out
    assert ("R² is undefined where the scored actual values never vary (R² divides by their variance), which count in "
            "every error: target 'z' has none (its values never vary); the targets' mean R² is that of the other "
            "target.") in out
    assert "R² is undefined: the scored actual values never vary" not in out
    test = json.loads((run / "metrics.json").read_text())["test"]
    assert test["original"]["model"]["r2"] == pytest.approx(test["by_target"]["y"]["model"]["r2"])


def test_a_validation_r2_that_is_undefined_is_said_on_the_page(tmp_path):
    """The run page showed the validation split's R² as nan with nothing said: the note spoke for the test split."""
    from rnncast.cli import main

    y = 10 + np.sin(np.arange(80) / 3) + np.random.default_rng(0).normal(0, 0.3, 80)
    y[50:64] = 9.0  # the validation rows (and the lookback before them) never vary
    pd.DataFrame({"date": pd.date_range("2020-01-01", periods=80, freq="D"), "y": y}).to_csv(tmp_path / "v.csv",
                                                                                            index=False)
    assert main(["fit", str(tmp_path / "v.csv"), "--target", "y", *ARGS, "--out", str(tmp_path / "run")]) == 0
    page = _page_text(tmp_path / "run")
    assert "On the validation split, R² is undefined: the scored actual values never vary" in page
    assert "On the test split, R²" not in page  # the test's R² is defined: nothing to say of it


def test_r2_notes_of_several_targets_name_each_target_and_what_the_mean_averages():
    from rnncast.r2notes import r2_note, split_notes

    nan = float("nan")
    panel = {"r2_by_series": {"series": 4, "of": 4, "by_target": {"a": 4, "b": 2, "c": 0}},
             "by_target": {"a": {"model": {"r2": 0.5}}, "b": {"model": {"r2": 0.1}}, "c": {"model": {"r2": nan}}}}
    assert r2_note(panel) == (
        "R² is undefined where the scored actual values never vary (R² divides by their variance), which count in every "
        "error: the R² (series mean) of target 'b' averages the 2 of 4 series whose values of it vary; target 'c' has "
        "none (its values never vary in any of the 4 series); the targets' mean R² averages those of the other 2 "
        "targets.")
    every = {**panel, "r2_by_series": {"series": 4, "of": 4, "by_target": {"a": 4, "b": 4, "c": 4}},
             "by_target": {t: {"model": {"r2": 0.5}} for t in "abc"}}
    assert r2_note(every) is None
    none = {"original": {"model": {"r2": None}}, "by_target": {t: {"model": {"r2": None}} for t in "ab"}}
    assert r2_note(none) == "R² is undefined: the scored actual values never vary (R² divides by their variance)."
    assert split_notes({"val": none, "test": every}) == [
        "On the validation split, R² is undefined: the scored actual values never vary (R² divides by their variance)."]
    assert split_notes({"test": none}) == [r2_note(none)]  # one split shown: no need to name it


def test_the_percent_note_is_said_of_each_split_a_page_shows():
    """A tester's finding: the run page said "MAPE is over the 72 of 102 values ..." of the test split only, beside a
    validation row whose MAPE also left zeros out; each split's note now names its split, as the R² note does."""
    from rnncast.r2notes import split_notes
    from rnncast.runnotes import STEPS, percent_note

    zeros = lambda n, z: {"zero_actuals": {"values": n, "zeros": z, "at_bound": 0}}  # noqa: E731
    both = split_notes({"val": zeros(48, 8), "test": zeros(102, 30)}, percent_note)
    assert both == ["On the validation split, MAPE is over the 40 of 48 forecast steps whose actual is not 0 (a "
                    f"percentage of 0 is undefined; {STEPS}).", "On the test split, MAPE is over the 72 of 102 forecast "
                    f"steps whose actual is not 0 (a percentage of 0 is undefined; {STEPS})."]
    assert split_notes({"test": zeros(102, 30)}, percent_note) == [percent_note(zeros(102, 30))]  # one split: as before
    assert split_notes({"val": {}, "test": zeros(10, 1)}, percent_note)[0].startswith("On the test split, MAPE")


def test_a_wql_shown_as_a_dash_is_said_undefined_where_every_scored_actual_is_zero():
    """A quantile run whose test actuals were all 0 showed wQL as "-" with no word why, R² beside it explained
    (decision 2101): wQL divides by the summed absolute actual values."""
    from rnncast.r2notes import r2_note, split_notes

    said = "wQL is undefined: every scored actual value is 0 (wQL divides by their summed absolute value)."
    assert r2_note({"original": {"model": {"r2": 0.5, "wql": float("nan")}}}) == said
    assert r2_note({"original": {"model": {"r2": 0.5, "wql": None}}}) == said  # as metrics.json reads back
    assert r2_note({"original": {"model": {"r2": 0.5, "wql": 0.2}}}) is None
    assert r2_note({"original": {"model": {"r2": 0.5}}}) is None  # a point model has no wQL
    both = r2_note({"original": {"model": {"r2": float("nan"), "wql": float("nan")}}})
    assert both.startswith("R² is undefined") and both.endswith(said)
    page = split_notes({"val": {"original": {"model": {"r2": 0.1, "wql": 0.3}}},
                        "test": {"original": {"model": {"r2": 0.1, "wql": float("nan")}}}})
    assert page == [f"On the test split, {said}"]
