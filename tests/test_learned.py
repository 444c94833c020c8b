"""The fitted attributes (``learned.py``): read from the one FittedState, written back to it, and
refused by name before fit."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from conftest import TINY, make_frame
from rnncast import Forecaster, RnncastError
from rnncast.learned import Learned


def test_an_unfitted_forecaster_refuses_its_fitted_attributes_by_name():
    with pytest.raises(RnncastError, match="not fitted yet; call fit"):
        Forecaster().check_fitted()


def test_the_fitted_attributes_are_views_of_the_fitted_state():
    y = np.sin(0.3 * np.arange(200)).astype(np.float32)
    model = Forecaster(**TINY).fit(y)
    assert isinstance(model, Learned)
    assert model.targets_ is model.state_.targets and model.layout_ == "single"
    assert model.scaler_ is model.state_.scalers[0] and model.split_ is model.state_.splits[0]
    assert model.settings_ is model.state_.settings
    model.skipped_series_ = [{"id": "x", "rows": 3, "needed": 9}]  # written through to the state
    assert model.state_.skipped_series == [{"id": "x", "rows": 3, "needed": 9}]


def test_settings_set_after_fit_are_named_once_and_the_fitted_ones_forecast_and_are_saved(caplog, tmp_path):
    frame = make_frame(200)
    model = Forecaster(**TINY).fit(frame, target="y", features=["x"])
    model.set_params(horizon=5, lookback=8)
    assert [c[0] for c in model.changed_since_fit()] == ["lookback", "horizon"]
    with caplog.at_level("WARNING", logger="rnncast"):
        assert len(model.predict(frame)) == 3  # the fitted horizon: set_params takes effect at the next fit
        model.predict(frame)  # a loop of predictions: said once
        model.evaluate(frame)  # and once for every use, as the README says: it was said again here and at save
        model.predict_windows(frame)
        model.save(tmp_path / "m")
    said = [r.getMessage() for r in caplog.records if r.getMessage().startswith("set_params changed")]
    assert len(said) == 1 and "lookback 12 -> 8, horizon 3 -> 5" in said[0] and "predict uses the model as fitted" in said[0]
    assert "save writes the settings it was fitted with, and Forecaster.load gives those back" in said[0]
    with caplog.at_level("WARNING", logger="rnncast"):
        model.set_params(horizon=4)  # another set of changes: said again, once
        model.evaluate(frame)
        model.predict(frame)
    said = [r.getMessage() for r in caplog.records if r.getMessage().startswith("set_params changed")]
    assert len(said) == 2 and said[1].startswith("set_params changed lookback 12 -> 8, horizon 3 -> 4 since fit;")
    loaded = Forecaster.load(tmp_path / "m")
    assert (loaded.get_params()["horizon"], loaded.get_params()["lookback"]) == (3, 12)  # what it forecasts with
    assert len(loaded.predict(frame)) == 3 and loaded.changed_since_fit() == []
    assert model.get_params()["horizon"] == 4  # the estimator keeps what was set, for its next fit


def test_a_fitted_model_whose_settings_are_unchanged_says_nothing(caplog):
    model = Forecaster(**{**TINY, "quantiles": [0.1, 0.5, 0.9]}).fit(make_frame(200), target="y")  # a list, kept as given
    model.set_params(horizon=3)
    with caplog.at_level("WARNING", logger="rnncast"):
        model.predict(make_frame(200))
    assert model.changed_since_fit() == [] and "set_params changed" not in caplog.text


def test_settings_that_shape_no_model_set_after_fit_are_not_said(caplog):
    """set_params(verbose=True) after fit warned that it "takes effect at the next fit", as if predict's model
    were not the one set: a progress bar and a thread count shape no model, so only the others are named."""
    frame = make_frame(200)
    model = Forecaster(**TINY).fit(frame, target="y")
    model.set_params(verbose=True, threads=1)
    with caplog.at_level("WARNING", logger="rnncast"):
        model.predict(frame)
        assert "set_params changed" not in caplog.text
        model.set_params(horizon=5)
        model.predict(frame)
    said = [r.getMessage() for r in caplog.records if r.getMessage().startswith("set_params changed")]
    assert len(said) == 1 and said[0].startswith("set_params changed horizon 3 -> 5 since fit;")
    assert [c[0] for c in model.changed_since_fit()] == ["horizon", "threads", "verbose"]  # each change still known


# ---- scikit-learn's fitted check and tags (scikit-learn is no dependency: those tests skip without it) ----

def test_sklearn_is_fitted_says_whether_fit_or_load_gave_a_model(tmp_path):
    model = Forecaster(**TINY)
    assert model.__sklearn_is_fitted__() is False
    model.fit(np.sin(0.3 * np.arange(200)).astype(np.float32))
    assert model.__sklearn_is_fitted__() is True
    model.save(tmp_path / "m")
    assert Forecaster.load(tmp_path / "m").__sklearn_is_fitted__() is True


def test_rnncast_imports_without_scikit_learn():
    import subprocess
    import sys

    code = "import sys, rnncast; rnncast.Forecaster().__sklearn_is_fitted__(); assert 'sklearn' not in sys.modules"
    assert subprocess.run([sys.executable, "-c", code]).returncode == 0


def test_check_is_fitted_raises_not_fitted_before_fit_and_passes_after():
    """scikit-learn 1.6+ asked for __sklearn_tags__ and raised AttributeError on a Forecaster, fitted or not."""
    pytest.importorskip("sklearn", minversion="1.6")
    from sklearn.base import clone
    from sklearn.exceptions import NotFittedError
    from sklearn.utils.validation import check_is_fitted

    model = Forecaster(**TINY)
    with pytest.raises(NotFittedError):
        check_is_fitted(model)
    model.fit(np.sin(0.3 * np.arange(200)).astype(np.float32))
    check_is_fitted(model)
    copy = clone(model)  # the parameters, unfitted
    assert copy.get_params() == model.get_params() and not copy.__sklearn_is_fitted__()
    with pytest.raises(NotFittedError):
        check_is_fitted(copy)
    assert copy.set_params(lr=0.01).lr == 0.01


def test_the_tags_say_no_estimator_type_and_no_separate_target():
    pytest.importorskip("sklearn", minversion="1.6")
    from sklearn.utils import get_tags

    tags = get_tags(Forecaster())
    assert tags.estimator_type is None and tags.requires_fit and not tags.target_tags.required


@pytest.mark.parametrize("name", ["scaler_", "targets_", "history_", "settings_", "static_covariates_", "net_"])
def test_a_fitted_attribute_read_before_fit_is_refused_by_its_own_name_not_state_(name):
    from rnncast.errors import NotFitted

    model = Forecaster()
    with pytest.raises(NotFitted, match=rf"^{name} is learned by fit, and this Forecaster is not fitted yet; call "
                                        r"fit\(data, target=\.\.\.\) first, or load one: model = Forecaster\.load\(path\)$"):
        getattr(model, name)
    assert not hasattr(model, name) and getattr(model, name, "none") == "none"  # still an AttributeError
    with pytest.raises(AttributeError, match=r"^'Forecaster' object has no attribute 'tragets_'$"):
        model.tragets_  # no fitted attribute: Python's own words
    assert isinstance(NotFitted("x"), RnncastError)


def test_loss_figure_draws_a_fitted_models_loss_per_epoch_as_the_runs_loss_png_does(tmp_path):
    """Python users had no helper to draw a fitted model's loss curve; the CLI writes one into its run."""
    from matplotlib.figure import Figure

    from conftest import PNG_SIGNATURE

    with pytest.raises(RnncastError, match="not fitted yet"):
        Forecaster().loss_figure()
    model = Forecaster(**{**TINY, "epochs": 3, "loss": "mae"}).fit(make_frame(200), target="y")
    fig = model.loss_figure()
    assert isinstance(fig, Figure)
    [ax] = fig.axes
    assert [line.get_label() for line in ax.lines][:2] == ["model (lstm + linear highway) train",
                                                           "model (lstm + linear highway) validation"]
    assert list(ax.lines[0].get_ydata()) == [h["train_loss"] for h in model.history_]
    assert ax.get_ylabel().startswith("MAE (scaled units")
    raw = Forecaster(**{**TINY, "epochs": 1, "scaler": "none"}).fit(make_frame(200), target="y")
    assert raw.loss_figure().axes[0].get_ylabel().startswith("MSE (original units")  # nothing scaled what it learned
    fig.savefig(tmp_path / "loss.png")
    assert (tmp_path / "loss.png").read_bytes().startswith(PNG_SIGNATURE)


def test_forecast_figure_draws_the_test_split_as_the_runs_forecast_png_does():
    """A notebook user had loss_figure but no forecast figure: the tutorial's actual-vs-predicted plot needed the CLI."""
    from matplotlib.figure import Figure

    from rnncast.forecastplot import forecast_plot

    with pytest.raises(RnncastError, match="not fitted yet"):
        Forecaster().forecast_figure(make_frame(200))
    frame = make_frame(200)
    model = Forecaster(**{**TINY, "epochs": 2}).fit(frame, target="y")
    fig = model.forecast_figure(frame)
    assert isinstance(fig, Figure)
    run = forecast_plot(model, frame, {"model (lstm + linear highway)": model})  # what fit's run draws
    assert fig.axes[0].get_title() == run.axes[0].get_title() and fig.axes[0].get_title().startswith("Test split")
    assert [line.get_label() for line in fig.axes[0].lines] == [line.get_label() for line in run.axes[0].lines]
    assert "original units" in fig.axes[0].get_ylabel()
    assert fig._suptitle is None or "Test split" in fig._suptitle.get_text()
    for rows, said in ((slice(0, 100), "forecast_figure draws the test split"), (slice(0, 5), "forecast_figure needs")):
        with pytest.raises(RnncastError, match=said) as refused:  # t23t7: offered part= and --part, which it takes not
            model.forecast_figure(frame.iloc[rows])
        assert "part '" not in str(refused.value) and "--part" not in str(refused.value)
    for h in model.history_:  # as a fit whose epochs never beat the untrained network: its page says so, and the legend
        h["best"] = False
    labels = [line.get_label() for line in model.forecast_figure(frame).axes[0].lines]
    assert "model (lstm + linear highway, untrained)" in labels  # (1231)


def test_help_lists_every_fitted_attribute_with_its_type_and_the_types_hold():
    """help(Forecaster) documented history_, scaler_, split_ and train_mean_ by name alone: every attribute fit sets
    or reads has a line with its type and shape in the Attributes section, and a fitted model's values are of them."""
    from rnncast.learned import FIT_SETS, KINDS, SET, attributes_doc

    properties = [name for name, value in vars(Learned).items() if isinstance(value, property)]
    assert set(KINDS) == set(properties) and set(SET) == set(FIT_SETS)  # none left without a line
    doc = Forecaster.__doc__
    assert doc.endswith(attributes_doc()) and "    Attributes (" in doc
    for name in [*FIT_SETS, *properties]:
        assert f"\n    {name} : " in doc
    assert "    history_ : list of dict\n        One per epoch: epoch (from 1), train_loss and val_loss" in doc
    assert "    train_mean_ : ndarray [T] float64 or None\n" in doc
    model = Forecaster(**TINY).fit(make_frame(200), target="y", features=["x"])
    assert model.train_means_.shape == (1, 1) and model.train_mean_.shape == (1,)
    assert model.train_means_.dtype == np.float64 and model.mase_scales_.dtype == np.float64
    assert model.scalers_[0].offset.shape == (2,)  # C: the target, then the covariate
    assert set(model.history_[0]) == {"epoch", "train_loss", "val_loss", "seconds", "best"}
    assert model.static_inputs_.dtype == np.float32 and model.static_codes_.dtype == np.int64
    for name in properties:  # each value is of the kind its line names
        kind, value = KINDS[name], getattr(model, name)
        if value is None:
            assert "None" in kind, name
        elif kind.startswith("ndarray"):
            assert isinstance(value, np.ndarray), name
        elif kind.startswith("list"):
            assert isinstance(value, list), name
        elif kind.split()[0] in ("str", "int", "float", "dict"):
            assert type(value).__name__ == kind.split()[0], name
        else:
            assert type(value).__name__ == kind.split()[0].split(".")[-1], name


def test_the_untrained_network_s_validation_loss_is_kept_saved_and_drawn(tmp_path):
    """The fit measured the untrained network's validation loss and dropped it, so loss.png could not show the level
    no epoch beat (decision 851): kept in ``state_``, in model.json, and drawn by loss_figure; None without
    validation rows."""
    model = Forecaster(**{**TINY, "epochs": 2}).fit(make_frame(200), target="y")
    start = model.state_.untrained_loss
    assert start is not None and start > 0
    model.save(tmp_path / "m")
    assert Forecaster.load(tmp_path / "m").state_.untrained_loss == start
    lines = [ln for ln in model.loss_figure().axes[0].lines if ln.get_ls() == ":"]
    assert len(lines) == 1 and lines[0].get_ydata()[0] == start
    alone = Forecaster(**{**TINY, "epochs": 1, "val_frac": 0.0}).fit(make_frame(200), target="y")
    assert alone.state_.untrained_loss is None


def _same(a, b) -> bool:
    """Two fitted attributes' values alike: arrays by value (NaN equal), containers item by item, rnncast's own
    objects by the state they save."""
    if isinstance(a, np.ndarray) or isinstance(b, np.ndarray):
        return np.array_equal(np.asarray(a), np.asarray(b), equal_nan=np.asarray(a).dtype.kind == "f")
    if isinstance(a, (list, tuple)) and isinstance(b, (list, tuple)):
        return type(a) is type(b) and len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b))
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    if hasattr(a, "state") and callable(a.state):
        return _same(a.state(), b.state())
    return a == b


def _diverged_fit():
    """A fit whose epoch 3 diverges (its weights made NaN after epoch 2): epoch 2's are kept."""
    model = Forecaster(**{**TINY, "epochs": 4, "quantiles": [0.1, 0.5, 0.9]})

    def poison(record):
        if record["epoch"] == 2:
            with torch.no_grad():
                for p in model.net_.parameters():
                    p.fill_(float("nan"))

    return model.fit(make_frame(200), target="y", features=["x"], on_epoch=poison)


def test_save_and_load_give_back_every_fitted_attribute_divergence_params_and_history_included(tmp_path):
    model = _diverged_fit()
    assert model.diverged_epoch_ == 3 and [h["epoch"] for h in model.history_] == [1, 2]
    model.save(tmp_path / "m")
    loaded = Forecaster.load(tmp_path / "m")
    names = [n for n in dir(model) if n.endswith("_") and not n.startswith("_") and n not in ("net_", "device_", "state_")]
    assert "diverged_epoch_" in names and "history_" in names
    assert [n for n in names if not _same(getattr(model, n), getattr(loaded, n))] == []
    assert loaded.diverged_epoch_ == 3 and loaded.history_ == model.history_  # losses as measured, not float32's text
    assert loaded.get_params() == model.get_params() and loaded.get_params()["quantiles"] == [0.1, 0.5, 0.9]
    frame = make_frame(200)
    assert loaded.evaluate(frame)["notes"] == model.evaluate(frame)["notes"]
    assert "training diverged in epoch 3; the model keeps epoch 2" in loaded.evaluate(frame)["notes"]


@pytest.mark.parametrize("given", [(0.1, 0.5, 0.9), [0.2, 0.5, 0.8], None])
def test_params_come_back_as_given_a_tuple_as_a_tuple_a_list_as_a_list(tmp_path, given):
    model = Forecaster(**{**TINY, "quantiles": given}).fit(make_frame(200), target="y")
    model.save(tmp_path / "m")
    assert Forecaster.load(tmp_path / "m").get_params() == model.get_params()


def test_a_model_saved_before_divergence_and_tuple_params_were_kept_loads_as_before(tmp_path):
    import json

    model = Forecaster(**{**TINY, "quantiles": [0.1, 0.5, 0.9]}).fit(make_frame(200), target="y")
    model.save(tmp_path / "m")
    path = tmp_path / "m" / "model.json"
    meta = json.loads(path.read_text())
    del meta["tuple_params"]  # as written before them: no diverged_epoch (absent: none), quantiles read as a tuple
    meta.pop("description_sha256", None)
    path.write_text(json.dumps(meta))
    loaded = Forecaster.load(tmp_path / "m")
    assert loaded.diverged_epoch_ is None and loaded.get_params()["quantiles"] == (0.1, 0.5, 0.9)


def test_a_run_folder_keeps_the_epoch_that_diverged(tmp_path):
    from rnncast.report import write_run

    model = _diverged_fit()
    write_run(tmp_path / "run", model, make_frame(200))
    config = __import__("json").loads((tmp_path / "run" / "config.json").read_text())
    assert config["run"]["diverged"] == {"epoch": 3, "kept": 2}
    assert "training diverged in epoch 3" in (tmp_path / "run" / "report.html").read_text()
    assert Forecaster.load(tmp_path / "run").diverged_epoch_ == 3


@pytest.mark.parametrize("use", ["predict", "evaluate", "predict_windows", "part_forecasts", "predict_array", "save",
                                 "loss_figure", "forecast_figure", "export_onnx", "compare"])
def test_every_method_that_needs_a_fitted_model_raises_not_fitted_before_fit(tmp_path, use):
    """predict, evaluate, save, export ... raised a plain RnncastError where reading a fitted attribute raises NotFitted."""
    import rnncast
    from rnncast.errors import NotFitted
    from rnncast.export import export_onnx

    model, frame = Forecaster(**TINY), make_frame(200)
    calls = {"predict": lambda: model.predict(frame), "evaluate": lambda: model.evaluate(frame),
             "predict_windows": lambda: model.predict_windows(frame), "part_forecasts": lambda: model.part_forecasts(frame),
             "predict_array": lambda: model.predict_array(np.zeros((2, 4, 1))), "save": lambda: model.save(tmp_path / "m"),
             "loss_figure": model.loss_figure, "forecast_figure": lambda: model.forecast_figure(frame),
             "export_onnx": lambda: export_onnx(model, tmp_path / "m.onnx"),
             "compare": lambda: rnncast.compare({"a": model, "b": Forecaster(**TINY)}, frame)}
    with pytest.raises(NotFitted, match="not fitted yet") as err:
        calls[use]()
    assert isinstance(err.value, RnncastError) and isinstance(err.value, AttributeError) and rnncast.NotFitted is NotFitted
    assert not (tmp_path / "m").exists()


def test_a_keys_skipped_series_come_back_from_load_with_their_dtypes(tmp_path):
    """A loaded model's skipped_series_ gave a key's store 3 back as '3' where fit said 3, and its ids and forecasts
    give 3 (decisions 1135/1175): model.json's key_dtypes now cast them back too (decision 1196)."""
    import pandas as pd

    dates = pd.date_range("2024-01-01", periods=40, freq="D")
    rng = np.random.default_rng(0)
    data = pd.concat([pd.DataFrame({"item": item, "store": store, "date": dates[:n],
                                    "y": 10 + rng.normal(size=n).round(3)})
                      for item, store, n in (("A", 1, 40), ("B", 2, 40), ("C", 3, 5))], ignore_index=True)
    model = Forecaster(**TINY).fit(data, target="y", time_col="date", id_col=["item", "store"])
    assert [d["id"] for d in model.skipped_series_] == [("C", 3)]
    model.save(tmp_path / "m")
    loaded = Forecaster.load(tmp_path / "m")
    assert loaded.skipped_series_ == model.skipped_series_
    assert isinstance(loaded.skipped_series_[0]["id"][1], int) and isinstance(loaded.skipped_series_[0]["id"][0], str)


def test_a_zone_set_after_fit_by_another_name_of_it_is_no_change():
    """set_params(tz='Etc/UTC') after a fit with tz='UTC': the zone database links the two, one zone, nothing to say;
    get_params keeps the name given, and another zone is a change."""
    model = Forecaster(**{**TINY, "tz": "UTC"}).fit(make_frame(200), target="y")
    model.set_params(tz="Etc/UTC")
    assert model.changed_since_fit() == [] and model.get_params()["tz"] == "Etc/UTC"
    model.set_params(tz="Asia/Seoul")
    assert [c[0] for c in model.changed_since_fit()] == ["tz"]


def test_a_model_says_which_rnncast_and_format_wrote_it(tmp_path):
    import json

    from rnncast.state import FORMAT_VERSION
    from rnncast.version import __version__

    model = Forecaster(**TINY).fit(np.sin(0.3 * np.arange(200)).astype(np.float32))
    assert (model.rnncast_version_, model.format_version_) == (__version__, FORMAT_VERSION)  # what save writes
    model.save(tmp_path / "m")
    loaded = Forecaster.load(tmp_path / "m")
    assert (loaded.rnncast_version_, loaded.format_version_) == (__version__, FORMAT_VERSION)
    path = tmp_path / "m" / "model.json"
    meta = json.loads(path.read_text())
    del meta["description_sha256"]  # a hand edit of an older folder, which records none
    path.write_text(json.dumps({**meta, "rnncast_version": "0.0.9", "format_version": "2"}))
    loaded = Forecaster.load(tmp_path / "m")  # model.json's own, as read: not the running rnncast's
    assert (loaded.rnncast_version_, loaded.format_version_) == ("0.0.9", 2)
    path.write_text(json.dumps({**meta, "rnncast_version": 1.2}))
    with pytest.raises(RnncastError, match="rnncast_version is 1.2, not text"):
        Forecaster.load(tmp_path / "m")
    assert "rnncast_version_ : str or None" in Forecaster.__doc__ and "format_version_ : int" in Forecaster.__doc__


def test_a_refits_on_epoch_reads_none_of_the_earlier_fits_epochs_and_a_stopped_refit_puts_them_back():
    """r36r2 finding 5: ``learning`` set the refit's state and network but left the earlier fit's ``history_``, so
    ``evaluate`` from a refit's ``on_epoch`` said ``model_kept: "trained"`` of a half-trained network (a first fit's
    said None, as documented). It is emptied with the rest now (decision 1907), and put back if the refit stops."""
    frame = make_frame(120)
    model = Forecaster(**{**TINY, "epochs": 2}).fit(frame, target="y")
    before = list(model.history_)
    seen = []
    model.fit(frame, target="y", on_epoch=lambda record: seen.append(
        (len(model.history_), model.diverged_epoch_, model.evaluate(frame)["model_kept"])))
    assert seen == [(0, None, None), (0, None, None)] and len(model.history_) == 2

    def stop(record):
        raise KeyboardInterrupt

    model.history_ = before
    with pytest.raises(KeyboardInterrupt):
        model.fit(frame, target="y", on_epoch=stop)
    assert model.history_ is before  # the model fitted before, its epochs included
