"""``Forecaster``, the estimator users hold (``forecaster.py``): the scikit-learn contract (keyword
settings stored as given and validated in ``fit``, ``fit`` returns ``self``, what it learns ends in
``_``, an unfitted model says to call ``fit``), and the single-series faces of a panel of one.

What fit, predict and evaluate do is pinned down in the files of the modules that do it
(test_fitting.py, test_training.py, test_forecasting.py, test_evaluation.py, test_checkpoint.py ...).
"""

from __future__ import annotations

import sys

import numpy as np
import pytest

from conftest import TINY, make_frame, make_panel
from rnncast import Forecaster, RnncastError
from test_cli_display import Terminal

# ---- the scikit-learn contract ----------------------------------------------------------------

def test_an_unknown_keyword_of_the_constructor_is_named_with_the_one_meant_as_set_params_does():
    """Forecaster(epoch=3) raised Python's bare "unexpected keyword argument 'epoch'"."""
    with pytest.raises(RnncastError, match=r"^unknown parameter 'epoch' for Forecaster \(did you mean 'epochs'\?\); "
                                           r"valid parameters: cell, lookback, .*, verbose$"):
        Forecaster(cell="gru", epoch=3)
    with pytest.raises(TypeError, match=r"'hiden_size' for Forecaster \(did you mean 'hidden_size'\?\)"):
        Forecaster(hiden_size=3)  # code that caught Python's TypeError still catches it
    with pytest.raises(TypeError):
        Forecaster().set_params(epoch=3)  # the same kind of error from both doors


def test_the_constructor_keeps_its_explicit_keywords_for_scikit_learn():
    import copy
    import inspect

    names = list(inspect.signature(Forecaster).parameters)
    assert names[:3] == ["cell", "lookback", "horizon"] and "verbose" in names
    assert all(p.kind is p.KEYWORD_ONLY for name, p in inspect.signature(Forecaster.__init__).parameters.items()
               if name != "self")  # keyword-only, as scikit-learn's estimators
    f = Forecaster(cell="gru", epochs=3)
    clone = type(f)(**copy.deepcopy(f.get_params(deep=False)))  # what sklearn.base.clone does
    assert clone.get_params() == f.get_params() and clone is not f
    with pytest.raises(RnncastError, match=r"^Forecaster takes its settings by keyword, as Forecaster\(cell=\.\.\., "
                                           r"lookback=\.\.\.\), not by position; got 1 positional value: 3$"):
        Forecaster(3)  # it set cell=3 without a word
    assert Forecaster(cell="gru", lookback=7).get_params()["lookback"] == 7


def test_constructor_stores_arguments_without_validation():
    f = Forecaster(lookback=-1, cell="nope", epochs="many", dropout=7)
    assert (f.lookback, f.cell, f.epochs, f.dropout) == (-1, "nope", "many", 7)


def test_fit_returns_self_and_only_adds_underscore_attributes(data):
    f = Forecaster(**TINY)
    before = dict(vars(f))
    assert not [k for k in before if k.endswith("_")]
    assert f.fit(data, target="y", features=["x"]) is f
    added = set(vars(f)) - set(before)
    assert added and all(k.endswith("_") for k in added)
    assert {"net_", "state_", "history_", "device_"} <= added  # what fit learned: the network and one FittedState
    assert f.scaler_ is f.state_.scalers[0] and f.split_ == f.state_.splits[0] and f.settings_.data.lookback == TINY["lookback"]
    assert f.get_params() == before  # fit leaves the settings as given


@pytest.mark.parametrize("call", [
    lambda f, d: f.predict(d),
    lambda f, d: f.predict_windows(d),
    lambda f, d: f.evaluate(d),
    lambda f, d: f.save("never-written"),
])
def test_using_an_unfitted_forecaster_says_to_call_fit(data, call, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(RnncastError, match=r"not fitted.*fit\("):
        call(Forecaster(**TINY), data)
    assert not (tmp_path / "never-written").exists()


# ---- one series: a panel of one with the single-series attributes -------------------------------

def test_a_single_series_is_a_panel_of_one_with_its_old_faces():
    frame = make_panel(1, lengths=(150, 150)).drop(columns="unique_id")
    f = Forecaster(**TINY).fit(frame, target="y")
    assert f.layout_ == "single" and f.split_ is f.splits_[0] and f.scaler_ is f.scalers_[0]
    assert list(f.predict(frame).columns) == ["cutoff", "step_ahead", "y"]


# ---- progress while fitting -----------------------------------------------------------------------

def test_verbose_draws_tqdm_auto_bar_over_the_epochs(capfd, monkeypatch):
    import tqdm.auto

    made = []
    real = tqdm.auto.tqdm

    def recording(*args, **kwargs):  # tqdm.auto picks the notebook widget or the text bar; record what is asked
        bar = real(*args, **kwargs)
        made.append(bar)
        return bar

    monkeypatch.setattr(tqdm.auto, "tqdm", recording)
    monkeypatch.setattr(sys, "stderr", Terminal())  # the text bar is drawn on a terminal
    seen = []
    model = Forecaster(**{**TINY, "epochs": 3}, verbose=True).fit(make_frame(120), target="y", on_epoch=seen.append)
    assert len(made) == 1 and made[0].total == 3 and made[0].n == len(model.history_)
    assert len(seen) == len(model.history_)  # the caller's own callback still runs
    err = sys.stderr.getvalue()
    assert "fit lstm" in err and "epoch" in err and "val_loss" in err


def test_an_on_epoch_callback_may_evaluate_the_model_between_epochs():
    """The speed benchmark scores the test part after each epoch (time to accuracy) from ``on_epoch``: evaluate then
    ran before fit had set ``history_``, and the early-stop note (decision 371) raised AttributeError."""
    frame, model, scores = make_frame(120), Forecaster(**{**TINY, "epochs": 2}), []
    kept = []
    model.fit(frame, target="y", on_epoch=lambda record: (scores.append((result := model.evaluate(frame))["original"][
        "model"]["mse"]), kept.append(result["model_kept"])))
    assert len(scores) == 2 and all(np.isfinite(scores))
    assert kept == [None, None]  # no network kept yet (decision 1878)


def test_verbose_writes_a_line_per_epoch_not_a_bar_into_a_stderr_that_is_no_terminal(capfd):
    """verbose=True with 2>err.txt said nothing (decision 69 hid the bar there); a line per epoch now (decision 1597)."""
    model = Forecaster(**{**TINY, "epochs": 3}, verbose=True).fit(make_frame(120), target="y")  # as 2>err.txt
    lines = [line for line in capfd.readouterr().err.splitlines() if line.startswith("fit lstm")]
    assert len(lines) == len(model.history_) and lines[0].startswith("fit lstm: epoch 1/3, loss=")
    assert all("val_loss=" in line and "\r" not in line and "it/s" not in line for line in lines)


def test_fit_prints_nothing_by_default(capfd):
    Forecaster(**TINY).fit(make_frame(120), target="y")
    captured = capfd.readouterr()
    assert captured.out == "" and "fit lstm" not in captured.err


def test_verbose_must_be_a_boolean():
    with pytest.raises(RnncastError, match="verbose must be True or False"):
        Forecaster(**TINY, verbose="yes").fit(make_frame(120), target="y")


@pytest.mark.parametrize("call, name", [
    (lambda f, d, tmp: f.backtest(d, target="y", refit="no"), "refit"),
    (lambda f, d, tmp: f.evaluate(d, by_series="no"), "by_series"),
    (lambda f, d, tmp: f.predict_windows(d, scaled="no"), "scaled"),
    (lambda f, d, tmp: f.save(tmp / "m", overwrite="no"), "overwrite"),
    (lambda f, d, tmp: Forecaster(**TINY).fit(d, target="y", resume="no"), "resume"),
    (lambda f, d, tmp: f.evaluate(d, by_series=1), "by_series"),
])
def test_a_yes_no_argument_of_a_method_is_true_or_false_not_text_that_reads_as_yes(call, name, tmp_path):
    frame = make_frame(120)
    fitted = Forecaster(**TINY).fit(frame, target="y")
    with pytest.raises(RnncastError, match=f"^{name} must be True or False, got"):
        call(fitted, frame, tmp_path)
    assert not (tmp_path / "m").exists()


def test_numpys_bool_is_taken_as_a_yes_no_argument():
    """f.evaluate(df, by_series=np.True_) was refused "must be True or False, got np.True_": under NumPy 2 its type is
    named 'bool', not 'bool_', so the name test missed it (decision 315 says NumPy's bool is taken)."""
    frame = make_frame(120)
    fitted = Forecaster(**TINY).fit(frame, target="y")
    assert fitted.evaluate(frame, by_series=np.True_).keys() == fitted.evaluate(frame, by_series=True).keys()
    fitted.evaluate(frame, by_series=np.False_)


def test_the_public_docstrings_give_every_parameter_and_what_fit_and_evaluate_take_and_give():
    """Forecaster's docstring named none of its 40 parameters; fit's said nothing of target, features or time_col or
    the errors it raises; evaluate's not its keys; get_params and set_params had none."""
    doc = Forecaster.__doc__
    for name, value in Forecaster().get_params().items():
        assert f"\n    {name} : " in doc and f"default {value!r}" in doc  # each with its default and its help
    assert "Most batches per epoch, drawn at random each epoch (0: every window once): on a long series" in doc
    assert "max_batches batches" in doc and "--max-batches" not in doc  # a flag its help names, given by keyword
    for words in ("``target``", "``features``", "``time_col``", "Raises ``RnncastError``", "Returns ``self``"):
        assert words in Forecaster.fit.__doc__
    for key in ('"mse", "rmse", "mae", "r2", "smape_pct", "mape_pct", "mase"', "``significance``", "``verdict``"):
        assert key in Forecaster.evaluate.__doc__
    assert Forecaster.get_params.__doc__ and "RnncastError" in Forecaster.set_params.__doc__
    assert "[N, H, targets, quantiles]" in Forecaster.predict_array.__doc__
    assert "np.allclose" in Forecaster.predict_array.__doc__  # predict's shortest decimals differ in the last digits


class _Stop(Exception):
    pass


@pytest.mark.parametrize("stop", [KeyboardInterrupt, _Stop])
def test_a_refit_stopped_in_training_keeps_the_model_fitted_before(stop, caplog):
    """A tester pressed Ctrl-C during a refit in a notebook: the model fitted before was gone ("this Forecaster is not
    fitted yet"), while a refit refused at its data check kept it."""
    frame = make_frame(200)
    model = Forecaster(**TINY).fit(frame, target="y")
    before = model.predict(frame)

    def interrupt(record):
        if record.epoch == 2:
            raise stop()

    with pytest.raises(stop):
        model.fit(frame, target="y", on_epoch=interrupt)
    assert model.predict(frame).equals(before) and len(model.history_) == TINY["epochs"]
    assert "the refit stopped (" in caplog.text and "the model fitted before is kept as it was" in caplog.text
    first = Forecaster(**TINY)
    with pytest.raises(stop):
        first.fit(frame, target="y", on_epoch=interrupt)
    with pytest.raises(RnncastError, match="not fitted"):  # a first fit stopped leaves nothing half-made
        first.predict(frame)


def _documented_keys() -> set:
    import re

    text = Forecaster.evaluate.__doc__.split("Keys (", 1)[1]
    return set(re.findall(r"``([a-z0-9_]+)``", text))


def test_evaluate_s_documented_keys_are_the_keys_it_returns_for_one_series_and_a_panel(panel_frame):
    """evaluate returned mase_season, which help(Forecaster.evaluate)'s "Keys:" did not list (nor r2_by_series, pooled,
    mase_excluded, zero_actuals, windows_scored)."""
    documented = _documented_keys()
    single = Forecaster(**TINY).fit(make_frame(200), target="y", features=["x"]).evaluate(make_frame(200))
    frame = panel_frame.assign(z=panel_frame["y"] * 2 + 1)
    panel = Forecaster(**{**TINY, "quantiles": (0.1, 0.5, 0.9)}).fit(frame, target=["y", "z"]).evaluate(frame, by_series=True)
    returned = set(single) | set(panel)
    assert set(single) <= documented and set(panel) <= documented
    always = {"windows", "horizon", "targets", "scored", "original", "scaled", "significance", "mase_season", "verdict",
              "notes", "hints", "against_baselines", "intervals_against_baselines", "model_kept"}
    assert always <= set(single) and always | {"r2_by_series", "by_target", "series"} <= set(panel)
    conditional = {"windows_scored", "scaled_by", "pooled", "mase_excluded", "zero_actuals", "test_overlap", "scaled_few",
                   "no_demand"}
    assert documented - returned <= conditional and returned | conditional == documented


def test_evaluate_s_documented_metric_keys_are_those_a_quantile_model_returns():
    """help(Forecaster.evaluate) named "coverage_80" only, and not "by_level": levels 0.05, 0.5, 0.95 give coverage_90."""
    import re

    text = Forecaster.evaluate.__doc__.split('{"model" | baseline:', 1)[1].split("in the data's units", 1)[0]
    documented = set(re.findall(r'"([a-z0-9_<>]+)"', text))
    model = Forecaster(**{**TINY, "quantiles": (0.05, 0.5, 0.95)}).fit(make_frame(200), target="y")
    result = model.evaluate(make_frame(200))
    returned = set(result["original"]["model"]) | set(result["scaled"]["model"])
    assert returned == {key.replace("<width>", "90") for key in documented}
    assert "``coverage_<width>``" in Forecaster.evaluate.__doc__ and "``by_level``" in Forecaster.evaluate.__doc__


def test_predict_windows_of_a_model_saved_before_the_climatology_was_kept_says_so(caplog):
    """b34 h20 2 (decision 1775): predict_windows' baselines of a model.json without "climatology" held none, unsaid,
    where evaluate (decision 1703) and compare (1735) warn; it now warns evaluate's line (``readout.say_older``)."""
    import pandas as pd

    time = pd.date_range("2015-01-01", "2018-12-31", freq="D")
    frame = pd.DataFrame({"date": time, "y": 10 + 5 * np.sin(2 * np.pi * time.day_of_year / 365.25)})
    model = Forecaster(**{**TINY, "epochs": 1, "max_batches": 1}).fit(frame, target="y")
    older = "the 'climatology' baseline is not scored: this model was saved before rnncast kept the climatology"
    assert "climatology" in model.predict_windows(frame, part="test").baselines
    assert not [r for r in caplog.records if older in r.getMessage()]
    model.state_.climatology = None  # as model.json before it kept one reads
    assert "climatology" not in model.predict_windows(frame, part="test").baselines
    assert len([r for r in caplog.records if older in r.getMessage()]) == 1
