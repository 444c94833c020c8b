"""Other libraries' and tutorials' names for rnncast's settings: ``test_size`` (scikit-learn's ``train_test_split``),
``sequence_length``, ``seq_len``, ``timesteps`` (Keras, PyTorch tutorials), ``input_chunk_length``, ``stride``,
``start``, ``retrain`` (Darts), ``h``, ``input_size``, ``futr_exog_list``, ``level``, ``max_steps`` (NeuralForecast) ...
as the one table (``OTHER_NAMES``) that a refused keyword (``Forecaster(test_size=0.2)``, ``backtest(stride=7)``),
setting (``--set``, a config key) and flag (``rnncast fit --seq-len 20``) is looked up in before any spelling guess, so
that the refusal names rnncast's name, not the nearest spelling (``test_size``: not ``batch_size``, but ``test_frac``;
``--stride``: not ``--series``, but ``--step``), or, for a name of no one setting (``max_steps``), what to give.

Asking to shuffle or split at random (``shuffle``, ``--split``, ``split='random'``) is answered with ``BY_TIME``:
rnncast splits every series by time and already draws its training batches in random order each epoch (``batches.py``),
within the training part only, so there is nothing to switch off. Asking for a fixed-length (sliding) training window
(``--train-window``, ``window='sliding'``) is answered with ``EXPANDING``: training uses every row up to the cutoff.
Prophet's and R's names are ``prophetnames``' and ``fablenames``' tables, merged here. Nothing here imports the rest of
the package but those two, which import none of it, so any module may use it."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from rnncast.fablenames import FABLE_METHODS, FABLE_NAMES
from rnncast.prophetnames import PROPHET_METHODS, PROPHET_NAMES, widths

# another name (as a keyword: a flag's dashes are underscores) -> (rnncast's setting, what it is, what it holds);
# "a|b": the first of them the reader takes (a flag, a keyword, a config key); {name} in what it holds: that setting,
# spelled as the reader spells its own
_WINDOW = ("lookback", "the input window", "input steps the network sees for each forecast")
FIXED = "fixed when the model is fitted"
_HORIZON = ("horizon", "the forecast length", f"steps forecast at once, {FIXED}")
_TEST = ("test_frac", "the test part", "the last fraction of each series' rows")
_VAL = ("val_frac", "the validation part", "the fraction of each series' rows just before the test part")
_EPOCHS = ("epochs", "the number of epochs", "the most; early stopping may end training sooner")
_HIDDEN = ("hidden_size", "the width", "units in each recurrent layer")
_LAYERS = ("num_layers", "the depth", "stacked recurrent layers")
OTHER_NAMES: dict[str, tuple[str, str, str]] = {
    **dict.fromkeys(("test_size", "test_ratio", "test_split", "test_fraction"), _TEST),
    **dict.fromkeys(("val_size", "valid_size", "validation_size", "validation_split", "val_split", "val_ratio",
                     "val_fraction"), _VAL),
    **dict.fromkeys(("sequence_length", "seq_length", "seq_len", "window_size", "window", "window_length",
                     "timesteps", "time_steps", "n_steps", "n_lags", "lags", "look_back", "input_chunk_length",
                     "input_length", "context_length"), _WINDOW),
    "input_size": ("lookback", "the input window", "NeuralForecast's input_size; torch's nn.LSTM input_size, the "
                   "number of columns, rnncast takes from the data"),
    **dict.fromkeys(("input_dim", "n_features", "num_features"),
                    ("features", "the number of input columns", "torch tutorials' input_dim, the number of columns, "
                     "rnncast takes from the data: the target and the covariate columns named")),
    **dict.fromkeys(("output_dim", "output_size"),
                    ("horizon", "the output width", "the network's outputs are set by the horizon and the targets: "
                     "horizon steps for each target column")),
    **dict.fromkeys(("output_chunk_length", "h", "pred_len", "prediction_length", "forecast_horizon", "n_ahead",
                     "output_length", "forecast_length"), _HORIZON),
    **dict.fromkeys(("n_layers", "layers", "num_rnn_layers", "n_rnn_layers", "num_stacks"), _LAYERS),
    **dict.fromkeys(("hidden_dim", "units", "hidden_units", "n_hidden", "hidden_layer_size", "rnn_units",
                     "hidden_dims"), _HIDDEN),
    **dict.fromkeys(("learning_rate", "lr_rate"), ("lr", "the learning rate", "of the Adam optimizer")),
    **dict.fromkeys(("max_epochs", "n_epochs", "num_epochs", "nb_epoch"), _EPOCHS),
    **dict.fromkeys(("early_stopping_patience", "early_stop_patience", "early_stop_patience_steps"),
                    ("patience", "early stopping's patience", "epochs without a better validation loss")),
    **dict.fromkeys(("random_state", "random_seed", "manual_seed"), ("seed", "the random seed", "same seed, same result on CPU")),
    **dict.fromkeys(("rnn_type", "cell_type", "model_type"), ("cell", "the recurrent cell", "rnn, lstm or gru")),
    **dict.fromkeys(("gradient_clip_val", "clip_grad_norm", "max_norm", "clipnorm", "clip"),
                    ("grad_clip", "gradient clipping", "the largest gradient norm")),
    "dropout_rate": ("dropout", "dropout", "between recurrent layers and before the head"),
    "scaler_type": ("scaler", "the scaling", "standard, minmax or none"),
    **dict.fromkeys(("season_length", "seasonality", "seasonal_period"), ("season", "the seasonal period", "in steps")),
    **dict.fromkeys(("accelerator", "gpus"), ("device", "the device", "the torch device the network runs on")),  # Lightning's Trainer
    **dict.fromkeys(("num_threads", "n_threads"), ("threads", "torch's CPU threads", "0: torch's own choice")),
    # backtests (Darts' historical_forecasts, NeuralForecast's cross_validation, scikit-learn's TimeSeriesSplit)
    **dict.fromkeys(("stride", "step_size"), ("step", "the spacing of the backtest's cutoffs",
                                              "steps from one cutoff to the next; default: the horizon")),
    **dict.fromkeys(("start", "start_date", "forecast_start"), ("cutoff", "the first backtest cutoff",
                                                                "the last time observed before the first window's forecast (its "
                                                                "model's training and validation rows end there): the forecast "
                                                                "starts one step after it, where Darts' start is that first forecast")),
    **dict.fromkeys(("retrain", "refit_every"), ("refit", "retraining at every cutoff", "a fresh model per window")),
    **dict.fromkeys(("num_windows", "n_folds", "n_splits", "folds"), ("n_windows", "the number of backtest windows",
                                                                       "cutoffs per series")),
    **dict.fromkeys(("n_trials", "num_samples", "max_trials", "max_evals"), ("trials", "the number of tuning trials",
                                                                             "settings tried, one model each")),
    # covariates (NeuralForecast's exogenous lists, AutoGluon's known covariates), each named by its columns
    **dict.fromkeys(("futr_exog_list", "futr_exog", "future_exog", "known_covariates", "known_covariates_names"),
                    ("future_covariates", "the list of columns known ahead", "known over the horizon too: their column names")),
    **dict.fromkeys(("hist_exog_list", "hist_exog", "past_exog"),
                    ("past_covariates", "the list of columns known only up to the forecast time", "their column names")),
    "stat_exog_list": ("static_covariates", "the list of per-series attribute columns", "their column names, one value per series"),
    "static_df": ("static|static_covariates", "the table of per-series attributes",
                  "the id column and one column per attribute"),
    **dict.fromkeys(("target_col", "value_col", "y_col"), ("target", "the forecast column", "its name")),
    # the columns' roles (pytorch-forecasting's TimeSeriesDataSet, NeuralForecast's unique_id, Darts' group_cols,
    # AutoGluon's id_column/timestamp_column)
    **dict.fromkeys(("time_idx", "timestamp_column", "timestamp_col", "time_column", "date_col", "ds_col"),
                    ("time_col", "the time column", "its name: timestamps, periods or integer steps")),
    **dict.fromkeys(("unique_id", "group_cols", "group_ids", "id_column", "series_id", "id_cols", "series_col"),
                    ("id_col", "the series' id column", "long format: its name, or the columns that name a series together")),
    "max_encoder_length": _WINDOW,
    "max_prediction_length": _HORIZON,
    "time_varying_known_reals": ("future_covariates", "the list of columns known ahead", "their column names"),
    "time_varying_unknown_reals": ("past_covariates", "the list of columns known only up to the forecast time",
                                   "their column names"),
    "static_reals": ("static_covariates", "the list of per-series attribute columns", "their column names"),
    "static_categoricals": ("static_categorical", "the static covariates read as categories", "their column names"),
    # what maps to no one setting: the clause says what to give instead, its settings spelled as the reader's
    "max_steps": ("epochs", "the training length",
                  "passes over the training windows, each at most {max_batches} batches (0: every window once); "
                  "NeuralForecast's max_steps counts batches over the whole training, so it maps to no one setting: "
                  "{epochs} x batches per epoch is the total"),
    **dict.fromkeys(("level", "levels", "prediction_intervals"),
                    ("quantiles", "the prediction-interval setting", "quantile levels in (0, 1), not interval percents: level "
                     "{level} is {quantiles} {level_quantiles} (each interval's two ends and the median)")),
    **PROPHET_NAMES, **FABLE_NAMES,  # interval_width, initial (decision 2001); frequency, m, period (decision 2182)
}

# a method's own keyword in another library, that names a setting there (Darts' predict(n=24)): (method, keyword) ->
# (whose, the name in OTHER_NAMES it stands for, what rnncast does instead)
METHOD_KEYWORDS = {
    ("predict", "n"): ("Darts' predict(n)", "h", "rnncast forecasts exactly the horizon, never more steps by feeding its "
                       "forecasts back as Darts does for n above output_chunk_length: to forecast n steps, fit with "
                       "horizon=n (--horizon N)"),
}

# the columns' roles: given to fit (and backtest) beside the data, not settings of Forecaster
ROLES = ("target", "features", "time_col", "id_col", "series", "past_covariates", "future_covariates",
         "static_covariates", "static_categorical")

# where a name no constructor takes is given, for a reader that does not take it ("which is not taken here: give it
# to backtest(..., step=)"): setting -> (Python's keyword, the calls taking it, the commands taking its flag)
_COLUMNS = ("fit", "backtest"), ("fit", "backtest")
TAKEN_AT: dict[str, tuple[str, tuple[str, ...], tuple[str, ...]]] = {
    **{role: (role, *_COLUMNS) for role in ("future_covariates", "past_covariates", "static_covariates")},
    "static": ("static_covariates", ("fit", "backtest", "predict", "evaluate"), ("fit", "backtest", "predict", "evaluate")),
    "target": ("target", ("fit", "backtest", "rnncast.tune"), ("fit", "backtest", "tune")),
    **{name: (name, ("backtest",), ("backtest",)) for name in ("step", "refit", "n_windows")},
    "trials": ("trials", ("rnncast.tune",), ("tune",)),
}

# what asks for rows or windows in random order: answered with BY_TIME, where the reader splits by test_frac
SHUFFLING = frozenset({"shuffle", "shuffled", "split", "random_split", "train_test_split", "random"})
BY_TIME = ("rnncast splits every series by time, never at random: the test rows come after the validation rows and "
           "those after the training rows, so overlapping windows cannot leak the test part into training (the parts' "
           "sizes are {val_frac} and {test_frac}); training batches are already drawn in random order each epoch, an order "
           "that cannot be switched off and need not be: windows are shuffled within the training part only")


# what asks for a fixed-length training window (a backtest's sliding window): answered with EXPANDING (decision 1554);
# ``window`` too where its value is one of WINDOW_KINDS (window='sliding'), else it is the input window (lookback)
TRAINING_WINDOW = frozenset({"train_window", "training_window", "train_window_size", "sliding_window", "rolling_window",
                             "expanding_window", "window_type", "sliding", "expanding"})
WINDOW_KINDS = frozenset({"sliding", "rolling", "expanding", "moving", "fixed"})
EXPANDING = ("training uses every row up to the cutoff (an expanding window); a fixed-length (sliding) training window "
             "is not offered; the input window each forecast reads is {lookback}")

# what asks for a lead time or a gap before the first forecast step (scikit-learn's TimeSeriesSplit gap): answered with
# LEAD_TIME, which names the README's recipe (decision 2142); bare 'skip' and 'offset' may mean rows or a pandas offset
LEAD_WORDS = frozenset({"lead_time", "leadtime", "lead", "lead_steps", "gap", "forecast_gap", "horizon_gap", "forecast_offset"})
LEAD_TIME = ("the horizon counts steps from the cutoff (the last row a forecast reads), with no lead time or gap: fit a "
             "horizon that covers the lead too and keep the forecast's rows by date (README: \"Day-ahead with a gate closure\")")


def keyword(name: str) -> str:
    """A name as a keyword: ``--seq-len`` -> ``seq_len``, ``Test_Size`` -> ``test_size``."""
    return str(name).lstrip("-").replace("-", "_").lower()


def setting_of(name: str, known: Iterable[str]) -> str:
    """rnncast's setting for ``name``, another library's, as the reader taking ``known`` names it (of
    ``static|static_covariates`` the first it takes, else the first); '' where ``name`` is no other name."""
    known = set(known)
    settings = OTHER_NAMES.get(keyword(name), ("",))[0].split("|")
    return next((s for s in settings if s in known), settings[0])


def other_name(name: str, known: Iterable[str], spell: Callable[[str], str] = str,
               elsewhere: Callable[[str], str] = lambda setting: "", value=None) -> str:
    """rnncast's name for ``name``, another library's (``test_size``, ``--seq-len``), as a clause: ``the test
    part is test_frac (the last fraction of each series' rows)``, the setting written ``spell(setting)``
    (``--test-frac`` for a flag); for a word asking to shuffle (``SHUFFLING``), ``BY_TIME``; for a lead time, ``LEAD_TIME``. Where the reader
    does not take that setting (``known``: the settings it takes; ``stride`` given to fit), the clause says so,
    so that no spelling guess stands in for it (``--stride``: not ``--series``), or, where ``elsewhere(setting)``
    says how the reader takes it otherwise (predict: fixed when the model is fitted; bench: ``--set epochs=N``),
    that. ``value``: what was given with the name, where the advice is computed from it (``level`` 95: quantiles
    0.025,0.5,0.975; ``levels``). '' where the name is no other name, or a shuffle the reader cannot split by time."""
    known = set(known)
    word = keyword(name)
    if word in known:
        return ""
    if word in SHUFFLING:
        return by_time(spell) if "test_frac" in known else ""
    if word in TRAINING_WINDOW or (word == "window" and _window_kind(value)):
        return EXPANDING.format(lookback=spell("lookback"))
    if word in LEAD_WORDS:
        return LEAD_TIME
    if word not in OTHER_NAMES:
        return ""
    _, what, holds = OTHER_NAMES[word]
    setting = setting_of(word, known)
    holds = holds.format_map(_Spelled(spell, **levels(value), **widths(value)))
    if setting in known:
        return f"{what} is {spell(setting)} ({holds})"
    there = elsewhere(setting)
    if FIXED in there:  # the horizon's own text says it once
        holds = holds.replace(f", {FIXED}", "")
    flag, own = spell(setting), TAKEN_AT.get(setting, (setting,))[0]  # static_df: Python's static_covariates=
    named = flag if flag.startswith("--") else own
    return f"{what} is rnncast's {named} ({holds}), {there or 'which is not taken here' + taken_at(setting, spell)}"


def _window_kind(value) -> bool:
    """Whether ``value`` (``'sliding'``, ``['rolling']`` from the command line) names a kind of training window."""
    parts = [value] if isinstance(value, str) else list(value) if isinstance(value, (list, tuple)) else []
    return any(keyword(part) in WINDOW_KINDS for part in parts)


def taken_at(setting: str, spell: Callable[[str], str] = str) -> str:
    """Where ``setting`` is given (``TAKEN_AT``), as a clause in the reader's words: a flag (``spell`` writes
    ``--step``) is a flag of its commands, a keyword goes to its calls; '' for a setting not in the table."""
    if setting not in TAKEN_AT:
        return ""
    own, calls, commands = TAKEN_AT[setting]
    if spell(setting).startswith("--"):
        return f": it is a flag of rnncast {_either(commands, 'and')}"
    return ": give it to " + _either([f"{call}(..., {own}=)" for call in calls], "or")


def _either(names, word: str) -> str:
    """``a, b or c``."""
    return f"{', '.join(names[:-1])} {word} {names[-1]}" if len(names) > 1 else names[0]


class _Spelled(dict):
    """The names in a clause's text, each as ``spell`` writes it (``{max_batches}``: ``--max-batches``)."""

    def __init__(self, spell: Callable[[str], str], **given: str):
        super().__init__(given)
        self.spell = spell

    def __missing__(self, key: str) -> str:
        return self.spell(key)


def interval_quantiles(percents) -> list[float]:
    """The quantile levels of central intervals given in percent (NeuralForecast's ``level=[80, 90]``): each
    interval's two ends and the median (``[0.05, 0.1, 0.5, 0.9, 0.95]``)."""
    return mirrored({round((100 - p) / 200, 12) for p in percents})


def mirrored(levels) -> list[float]:
    """``levels`` with the median and each level's mirror (``1 - q``), sorted: levels every one of which ends an interval.
    A mirror that the columns' names (6 significant digits) would write as 0 or 1, or as a level already there, is not
    added (1e-07's 0.9999999 is written 1, which quantiles refuses): advice never names a level it would refuse."""
    kept = {*levels, 0.5}
    for q in levels:
        mirror = round(1 - q, 12)
        if 0 < mirror < 1 and f"{mirror:g}" not in {"0", "1", *(f"{k:g}" for k in kept if k != mirror)}:
            kept.add(mirror)
    return sorted(kept)


def percentiles(levels) -> list[float] | None:
    """The levels of ``levels`` read as percentiles (``5,50,95``: 0.05,0.5,0.95, each divided by 100, with the median),
    where they hold 50 or are symmetric about it, as percentiles of a distribution are and interval percents
    (NeuralForecast's level=80,90) are not; None otherwise."""
    given = {float(p) for p in levels}
    if 50 not in given and given != {100 - p for p in given}:
        return None
    return sorted({round(p / 100, 12) for p in given} | {0.5})


def levels(value) -> dict[str, str]:
    """``{level}`` and ``{level_quantiles}`` of ``level``'s advice, from ``value`` as given (``80``, ``[80, 95]``,
    ``'80,95'``, ``('80', '95')`` from the command line): ``80,95`` and ``0.025,0.1,0.5,0.9,0.975``; where ``value``
    holds no interval percent in (0, 100) (none given, or another value), the example level 80,90."""
    parts = [value] if isinstance(value, (str, int, float)) else list(value) if isinstance(value, (list, tuple)) else []
    texts = [t for part in parts for t in str(part).replace(",", " ").split()]
    try:
        given = [float(t) for t in texts]
    except ValueError:
        given = []
    if not given or not all(0 < p < 100 for p in given):
        given = [80.0, 90.0]
    return {"level": ",".join(f"{p:g}" for p in given),
            "level_quantiles": ",".join(f"{q:g}" for q in interval_quantiles(given))}


def by_time(spell: Callable[[str], str] = str) -> str:
    """``BY_TIME``, the answer to a shuffle or a random split, its settings written ``spell(setting)``."""
    return BY_TIME.format(val_frac=spell("val_frac"), test_frac=spell("test_frac"))


def given_to_fit(setting: str) -> str:
    """Where a column role (``ROLES``) that a call does not take is given (``Forecaster(time_idx=...)``,
    ``predict(unique_id=...)``): fit's keywords, as ``other_name``'s ``elsewhere``; '' for any other setting."""
    return f"a column role given to fit (fit(data, {setting}=...)), {FIXED}" if setting in ROLES else ""


def not_a_setting(name: str, known: Iterable[str], elsewhere: Callable[[str], str] = lambda setting: "",
                  value=None) -> str:
    """The refusal of a keyword ``name`` that is another library's name for a setting of ``known``, in one
    line: ``test_size is not a setting of rnncast: the test part is test_frac (...)``; '' for any other name.
    ``elsewhere``, ``value``: as ``other_name``'s (``Forecaster(time_idx=...)``: a column role given to fit)."""
    said = other_name(name, known, elsewhere=elsewhere, value=value)
    return f"{name} is not a setting of rnncast: {said}" if said else ""


# other libraries' forecaster methods, for a name a Forecaster lacks (``model.cross_validation(df)``: a plain
# AttributeError told a NeuralForecast user nothing): method -> (whose, what rnncast calls it)
METHODS = {
    "cross_validation": ("NeuralForecast's, statsforecast's and Prophet's", "backtest(data, n_windows=, step=, refit=)"),
    "historical_forecasts": ("Darts'", "backtest(data, n_windows=, step=, refit=)"),
    "predict_insample": ("NeuralForecast's", "predict_windows(data, part='train')"),
    "forecast": ("statsforecast's", "predict(data)"),
    **PROPHET_METHODS, **FABLE_METHODS,
}


def method_advice(name: str) -> str:
    """`` : NeuralForecast's cross_validation is rnncast's backtest(...)`` for another library's method ``name``
    (``METHODS``); '' for any other name."""
    if name not in METHODS:
        return ""
    whose, ours = METHODS[name]
    return f": {whose} {name} is rnncast's {ours}"
