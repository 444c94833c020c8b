"""A keyword or positional value a public method or function does not take (``checkedcalls.py``): refused
in one line naming it, the closest keyword, all of them, and a setting of Forecaster as one, instead of
Python's bare "unexpected keyword argument"; and every public method of the API is so checked."""

from __future__ import annotations

import inspect

import numpy as np
import pandas as pd
import pytest

import rnncast
from rnncast import Forecaster, RnncastError
from rnncast.checkedcalls import checked_call, checked_keywords, checked_methods
from rnncast.errors import UnknownParameter

BOGUS = "zz_not_a_keyword"


def _public_methods():
    """Every public callable Forecaster offers (its own and inherited), properties left out."""
    for name in dir(Forecaster):
        attribute = inspect.getattr_static(Forecaster, name)
        if not name.startswith("_") and isinstance(attribute, (classmethod, staticmethod)) or (
                not name.startswith("_") and inspect.isfunction(attribute)):
            yield name


def _required(function) -> list:
    """None for each parameter the caller must give (by position), so that only the bogus keyword is wrong."""
    return [None for p in inspect.signature(function).parameters.values()
            if p.default is p.empty and p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]


PUBLIC = sorted(_public_methods())


def test_the_walk_finds_the_methods_a_user_calls():
    assert {"fit", "predict", "predict_array", "predict_windows", "evaluate", "part_forecasts", "backtest", "save",
            "load", "get_params", "set_params", "check_fitted"} <= set(PUBLIC)


@pytest.mark.parametrize("name", PUBLIC)
def test_every_public_method_refuses_an_unknown_keyword_by_name(name):
    """The contract: a method added later is covered too (checked_methods decorates the class); a classmethod (load)
    as it is called, on the class."""
    method = getattr(Forecaster if isinstance(inspect.getattr_static(Forecaster, name), classmethod) else Forecaster(),
                     name)
    with pytest.raises(RnncastError, match=BOGUS) as refused:
        method(*_required(method), **{BOGUS: 1})
    assert isinstance(refused.value, TypeError)  # code that caught Python's TypeError still catches it
    assert "\n" not in str(refused.value)


@pytest.mark.parametrize("name", [n for n in rnncast.__all__ if inspect.isfunction(getattr(rnncast, n))] + ["Forecaster"])
def test_every_public_function_of_the_package_refuses_an_unknown_keyword_by_name(name):
    function = getattr(rnncast, name)
    with pytest.raises(RnncastError, match=BOGUS):
        function(*(_required(function) if inspect.isfunction(function) else []), **{BOGUS: 1})


@pytest.mark.parametrize("name", PUBLIC)
def test_the_checked_methods_keep_their_signatures(name):
    method = inspect.getattr_static(Forecaster, name)
    function = getattr(method, "__func__", method)
    assert function.__wrapped__.__name__ == name
    assert inspect.signature(function) == inspect.signature(function.__wrapped__)
    assert function.__doc__ == function.__wrapped__.__doc__


def test_rnncast_tune_keeps_its_signature():
    assert list(inspect.signature(rnncast.tune).parameters)[:5] == ["data", "target", "features", "time_col", "trials"]


# ---- what the tester tried: each was Python's "got an unexpected keyword argument" -------------------------

SERIES = np.sin(np.arange(120) / 5)


@pytest.fixture(scope="module")
def fitted():
    return Forecaster(lookback=8, horizon=3, hidden_size=4, epochs=1, device="cpu").fit(SERIES)


@pytest.mark.parametrize("call, message", [
    (lambda m: m.predict(SERIES, horizon=5), r"^predict takes no horizon=: it is a setting of Forecaster, fixed when "
                                             r"the model is fitted: given as Forecaster\(horizon=\.\.\.\) or "
                                             r"set_params\(horizon=\.\.\.\), it takes effect at the next fit$"),
    (lambda m: m.evaluate(SERIES, season=12), r"^evaluate takes no season=: it is a setting of Forecaster"),
    (lambda m: m.backtest(SERIES, epochs=1), r"^backtest takes no epochs=: it is a setting of Forecaster, given as "
                                             r"Forecaster\(epochs=\.\.\.\) or set_params\(epochs=\.\.\.\) before backtest$"),
    (lambda m: m.predict(SERIES, futures=None), r"^unknown parameter 'futures' for Forecaster\.predict \(did you mean "
                                                r"'future'\?\); valid parameters: data, future, static_covariates$"),
    (lambda m: m.predict_windows(SERIES, parts="test"), r"^unknown parameter 'parts' for Forecaster\.predict_windows "
                                                        r"\(did you mean 'part'\?\); valid parameters: data, part, "),
    (lambda m: m.save("x", overwrites=True), r"^unknown parameter 'overwrites' for Forecaster\.save \(did you mean "
                                             r"'overwrite'\?\); valid parameters: folder, overwrite$"),
    (lambda m: Forecaster.load("dir", devic="cpu"), r"^unknown parameter 'devic' for Forecaster\.load \(did you mean "
                                                    r"'device'\?\); valid parameters: folder, device$"),
    (lambda m: Forecaster.load("dir", epochs=3), r"^load takes no epochs=: it is a setting of Forecaster, read from "
                                                 r"the saved model"),
    (lambda m: m.predict(SERIES, h=5), r"^h is not a setting of rnncast: the forecast length is horizon"),
    (lambda m: m.predict(SERIES, None, None, 4), r"^Forecaster\.predict takes at most 3 values by position \(data, "
                                                 r"future, static_covariates\), got 4$"),
    (lambda m: m.evaluate(SERIES, "test", False, None, 5), r"^Forecaster\.evaluate takes at most 4 values by position"),
    (lambda m: m.changed_since_fit(since=1), r"^unknown parameter 'since' for Forecaster\.changed_since_fit, which "
                                             r"takes no parameters$"),
    (lambda m: m.check_fitted(doin="x"), r"^unknown parameter 'doin' for Forecaster\.check_fitted \(did you mean "
                                         r"'doing'\?\)"),
])
def test_a_fitted_models_methods_name_what_they_were_handed(fitted, call, message):
    with pytest.raises(UnknownParameter, match=message):
        call(fitted)


def test_tune_names_an_unknown_keyword_and_a_setting_given_beside_its_settings():
    pytest.importorskip("optuna")
    with pytest.raises(UnknownParameter, match=r"^unknown parameter 'bogus' for tune; valid parameters: data, target, "):
        rnncast.tune(SERIES, trials=1, bogus=1)
    with pytest.raises(UnknownParameter, match=r"^tune takes no epochs=: it is a setting of Forecaster, given to tune "
                                               r"as settings=\{'epochs': \.\.\.\}"):
        rnncast.tune(SERIES, epochs=3)


def test_tune_given_a_role_in_settings_says_it_is_a_column_role():
    """tune takes fit's roles (decisions 1166, 1213), past_covariates= and future_covariates= too: one given in
    settings= is said as a column role."""
    pytest.importorskip("optuna")
    with pytest.raises(RnncastError, match=r"^tune's settings= hold id_col, a column role, not a setting: give it as "
                                           r"tune\(data, id_col=\.\.\.\), as fit takes it$"):
        rnncast.tune(SERIES, trials=1, settings={"id_col": ["item_id", "store_id"], "epochs": 1})


def test_a_setting_or_another_librarys_name_given_to_fit_is_answered_as_such():
    """fit(X, epochs=10, shuffle=True), Keras's way, was Python's "unexpected keyword argument"."""
    with pytest.raises(RnncastError, match=r"^fit takes no epochs=: it is a setting of Forecaster, given as "
                                           r"Forecaster\(epochs=\.\.\.\) or set_params\(epochs=\.\.\.\) before fit$"):
        Forecaster().fit(SERIES, epochs=10)
    with pytest.raises(RnncastError, match=r"^shuffle is not a setting of rnncast: rnncast splits every series by time"):
        Forecaster().fit(SERIES, shuffle=True)
    with pytest.raises(RnncastError, match=r"^unknown parameter 'bogus' for Forecaster\.fit; valid parameters: data, "):
        Forecaster().fit(SERIES, bogus=1)


# ---- the decorators alone ---------------------------------------------------------------------------------

def test_checked_call_refuses_by_name_and_by_count_and_keeps_the_function():
    @checked_call()
    def area(width, height=1.0, *, unit="m"):
        """Width times height."""
        return width * height

    assert area(2, 3) == 6 and area(2, height=4, unit="cm") == 8
    assert str(inspect.signature(area)) == "(width, height=1.0, *, unit='m')" and area.__doc__ == "Width times height."
    with pytest.raises(UnknownParameter, match=r"^unknown parameter 'heigth' for area \(did you mean 'height'\?\); "
                                               r"valid parameters: width, height, unit$"):
        area(2, heigth=3)
    with pytest.raises(UnknownParameter, match=r"^area takes at most 2 values by position \(width, height\), got 3; "
                                               r"by keyword only: unit$"):
        area(2, 3, "cm")


def test_checked_methods_decorates_public_methods_only_and_keeps_variadic_ones_open():
    @checked_methods(make=None)
    class Thing:
        def _private(self, a=1):
            return a

        def open_ended(self, *args, **kwargs):
            return args, kwargs

        @classmethod
        def make(cls, size=1):
            return cls()

    assert Thing()._private(a=2) == 2 and Thing().open_ended(1, b=2) == ((1,), {"b": 2})
    with pytest.raises(UnknownParameter, match=r"^unknown parameter 'sise' for Thing\.make \(did you mean 'size'\?\)"):
        Thing.make(sise=2)
    with pytest.raises(TypeError, match="unexpected keyword argument"):  # private: Python's own refusal
        Thing()._private(b=2)


def test_a_value_given_by_position_and_by_keyword_is_refused_naming_it_not_a_type_error():
    """scikit-learn's Pipeline calls fit(X, y, fc__target='y') with y=None by position: Python's TypeError "got
    multiple values for argument 'target'" leaked."""
    frame = pd.DataFrame({"y": np.sin(np.arange(200) / 5), "x": np.arange(200.0)})
    with pytest.raises(RnncastError, match=r"^Forecaster\.fit got target twice, by position \(None\) and as target=; "
                                           r"give it once \(scikit-learn's Pipeline and search tools pass y=None there"):
        Forecaster(epochs=1).fit(frame, None, target="y")
    with pytest.raises(RnncastError, match=r"^Forecaster\.fit got target twice, by position \('x'\) and as target=; "
                                           r"give it once$"):
        Forecaster(epochs=1).fit(frame, "x", target="y")


def test_a_table_given_twice_is_named_by_its_kind_and_shape_in_one_line():
    frame = pd.DataFrame({"y": np.sin(np.arange(200) / 5)})
    model = Forecaster(**{"lookback": 12, "horizon": 3, "epochs": 1, "hidden_size": 8}).fit(frame)
    with pytest.raises(RnncastError, match=r"^Forecaster\.predict got data twice, by position \(a DataFrame of shape "
                                           r"\(200, 1\)\) and as data=; give it once$"):
        model.predict(frame, data=frame)


def test_load_called_on_an_instance_is_refused_saying_it_returns_a_new_forecaster(tmp_path):
    """f = Forecaster(); f.load(path) returned the loaded model, left f unfitted, and f.predict said "not fitted yet;
    ... or Forecaster.load(path)", which the user had just called."""
    from conftest import TINY, make_frame

    Forecaster(**{**TINY, "epochs": 1}).fit(make_frame(120), target="y").save(tmp_path / "m")
    for model in (Forecaster(), Forecaster.load(tmp_path / "m")):  # fitted or not: load never changes it
        assert hasattr(model, "load")
        with pytest.raises(RnncastError, match=r"^load is called on the class: it returns a new Forecaster and leaves "
                                               r"this one as it was; write model = Forecaster\.load\(\.\.\.\), not "
                                               r"model\.load\(\.\.\.\)$"):
            model.load(tmp_path / "m")
    assert Forecaster.load(tmp_path / "m").layout_ == "single"  # on the class, as before
    assert list(inspect.signature(Forecaster.load).parameters) == ["folder", "device"]
    with pytest.raises(UnknownParameter, match="did you mean 'device'"):
        Forecaster.load(tmp_path / "m", devic="cpu")
    with pytest.raises(RnncastError, match=r"not fitted yet; call fit\(data, target=\.\.\.\) first, or load one: model "
                                           r"= Forecaster\.load\(path\) \(load returns a new Forecaster\)$"):
        Forecaster().predict(make_frame(120))


def test_checked_keywords_refuses_an_unknown_keyword_by_name_and_keeps_the_signature():
    class Estimator:
        @checked_keywords
        def __init__(self, alpha: float = 1.0, beta: int = 2):
            self.alpha, self.beta = alpha, beta

    assert list(inspect.signature(Estimator).parameters) == ["alpha", "beta"]
    assert Estimator(0.5, beta=3).beta == 3
    with pytest.raises(UnknownParameter, match=r"^unknown parameter 'alpah' for Estimator \(did you mean 'alpha'\?\); "
                                               r"valid parameters: alpha, beta$") as refused:
        Estimator(alpah=0.5)
    assert isinstance(refused.value, RnncastError) and isinstance(refused.value, TypeError)


def test_darts_predict_n_gets_the_horizon_hint_and_says_rnncast_forecasts_no_further():
    """A tester's finding (t31t6 #4): predict(df, n=24), Darts' most common call, was refused as an unknown parameter
    where h= and horizon= say the forecast length is the horizon, fixed at fit (decision 1493)."""

    @checked_methods()
    class Model:
        def predict(self, data, future=None):
            return data

        def score(self, data):
            return data

    with pytest.raises(UnknownParameter, match=r"^n \(Darts' predict\(n\)\) is not a setting of rnncast: the forecast "
                                               r"length is horizon .*never more steps .*fit with horizon=n"):
        Model().predict(1, n=24)
    with pytest.raises(UnknownParameter, match="unknown parameter 'n' for Model.score"):  # predict's alone
        Model().score(1, n=24)


def test_a_column_role_given_to_the_constructor_is_said_to_belong_to_fit():
    """t31t9: Forecaster(target='sales') was asked "did you mean 'target_input'?", another setting; fit's own column
    roles (target, future_covariates, id_col, time_col ...) are named as fit's (decision 1515)."""
    from rnncast import Forecaster

    for role in ("target", "future_covariates", "id_col", "time_col"):
        with pytest.raises(TypeError, match=rf"^'{role}' is not a parameter of Forecaster: it is a column role given "
                                            rf"to fit \(fit\(data, {role}=\.\.\.\)\), fixed when the model is fitted$"):
            Forecaster(**{role: "x"})


def test_a_holidays_frame_is_refused_where_the_forecaster_is_made():
    """Prophet's holidays frame, accepted by the constructor and refused only at fit over 10 lines (decision 2000)."""
    from rnncast import Forecaster, RnncastError

    frame = pd.DataFrame({"holiday": ["Thanksgiving Day"], "ds": ["2023-11-23"]})
    with pytest.raises(RnncastError, match=r"^holidays \(--holidays\) takes the name .* Prophet's holidays frame") as err:
        Forecaster(horizon=3, holidays=frame)
    assert "\n" not in str(err.value) and "Thanksgiving" not in str(err.value)
    assert Forecaster(holidays="US").holidays == "US"
