"""Settings as frozen dataclasses: what the data is cut into, what network is built, how it trains.

The same fields are the keyword arguments of ``Forecaster``, the flags of ``rnncast fit`` and the
keys of a run directory's ``config.json``. ``help`` and ``choices`` in each field's metadata drive
the command line; ``validate`` says what is wrong with a value and what would be accepted (the
checks are ``settingchecks``'s).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields

from rnncast.errors import RnncastError
from rnncast.othernames import not_a_setting
from rnncast.quantilelevels import parse_quantiles
from rnncast.settingchecks import check_combinations, check_data, check_model, check_train
from rnncast.settingvalues import CELLS, CHOICES, flag, full_batch, missing_text, plain_values
from rnncast.spelling import did_you_mean
from rnncast.upperbound import check as check_upper

TIME_UNITS = ("s", "ms", "us", "ns", "excel")  # numbertimes.UNITS
# Settings that say how a fit runs and reach neither the fitted model nor any use of it (predict, evaluate, save's
# weights): a progress bar and torch's CPU thread count. Set after fit, they are not said (learned.py, decision 206;
# device is said: the fitted model forecasts where it was trained), and a study does not rank by them (studies.py).
HOW_FIT_RUNS = ("verbose", "threads")


def _opt(default, help, choices=None):
    return field(default=default, metadata={"help": help, "choices": choices})


@dataclass(frozen=True)
class DataSettings:
    lookback: int = _opt(50, "input steps the network sees for each forecast")
    horizon: int = _opt(1, "steps forecast at once (direct multi-step output), counted from the cutoff, each series' "
                        "last row: no lead time or gap (README: \"Day-ahead with a gate closure\")")
    scaler: str = _opt("standard", "column scaling, fitted on training rows only", CHOICES["scaler"])
    val_frac: float = _opt(0.1, "fraction of rows (at the end, before test) used for validation")
    test_frac: float = _opt(0.2, "fraction of rows at the end held out for the final test; 0: a final fit on every "
                                 "row, to forecast with (no test scores)")
    cutoff: str | None = _opt(
        None,
        "the test rows' cutoff, one time at which every series is cut: the last time observed before the first test "
        "forecast, so the last validation row (the last training row with --val-frac 0), not the training rows' end (as the data writes its times, or ISO 8601: 2024-06-30, with its UTC "
        "offset, 2024-10-26 20:00+02:00, where the data's offsets change and no --tz is given; a whole "
        "number for integer periods; a day, week, month, quarter or year named, 2024-06-30, 2022-W20, 2021-07, 2017Q3, "
        "2015, is kept whole, as pandas slices by it; an ISO week date 2022-W20-7 names its day): the rows after it are each series' test rows, and the last --val-frac of "
        "the rows up to it its validation rows, instead of --test-frac; a series with fewer than a horizon of rows "
        "after it, or too few up to it, is left out by name (default: none: each series cut at its own fractions, "
        "so one series' test rows may fall on dates another was trained on)",
    )
    future_known: bool = _opt(
        False,
        "the feature columns (features=, --features) are known over the forecast horizon (a "
        "covariate known at forecast time, e.g. a calendar or a planned price): the network also "
        "sees the features of the steps it predicts. Same as naming them future covariates",
    )
    target_input: bool = _opt(
        True, "the input windows hold the target's own past beside the features; off: the features alone, for a target "
        "not measured when forecasting (a soft sensor): predict then needs no target column (a wide table: no series "
        "column), and fit and evaluate read "
        "it only as what is learned and scored: a blank one is left out of both (a fill fills the features alone). Off needs features, window_norm 'none' and no highway (both read the target's past)")
    season: int = _opt(1, "seasonal period in steps: MASE's scale and the seasonal naive baseline (1: no season)")
    fill: str | None = _opt(None, "how to fill missing values (default: refuse, naming where one is); made values are not "
                            "scored; zero: a missing value means none happened (a till's weeks without sales), taken as an "
                            "observed 0 and scored, a panel's series to its last date (the rows it adds carry their covariates forward); "
                            "rows absent within a series need --fill-gaps, refused without it; target_input off: the features alone "
                            "(blank labels stay blank)", CHOICES["fill"])
    missing_values: str | None = _opt(
        None,
        "numbers or text codes that mean a missing value in the target and covariate columns, as a file writes them (-999, "
        "'-999; 9999', or -9999,M for NOAA's 'M', which matches a whole cell, spaces around it aside, in its case: 'm' is no 'M'; "
        "decimals with a point, -99.9; '-999,9' is refused for a ';' or decimal-comma file): those cells are read as blank, then filled as --fill says or refused as any missing value "
        "(default: none: every number is a value; fit, evaluate and predict name a far -999-like one)",
    )
    freq: str | None = _opt(
        None,
        "the calendar of the time column, a pandas offset alias (D, B, W-SUN, MS, ME, QS, YS, h, 15min; an "
        "integer step for integer periods), or business days on another week, its pandas week mask ('Sun Mon Tue "
        "Wed Thu', 'Mon Tue Wed Thu Fri Sat'), or the bars of a trading session: the step, the first and last bar's "
        "times of each part, the week if not Mon-Fri, weekdays of other hours after ';' ('30min 09:30-15:30', "
        "'30min 09:00-11:00 12:30-14:30', 'h 22:00-21:00 Sun Mon Tue Wed Thu', '30min 08:00-19:30 Mon Tue Wed Thu "
        "Fri; 09:00-12:30 Sat') (default: inferred from the time column's values)",
    )
    holidays: str | None = _opt(
        None,
        "the holidays a business-day calendar (or a month's last or first business day: --freq BME, BMS; a week's: W-FRI, W-MON) skips: a market (NYSE, XNAS, LSE, XETR, JPX ..., or its ISO MIC: XNYS, "
        "XTKS) or a country code "
        "with an optional subdivision (US, DE, GB, US-NY, DE-BY), as the holidays package names them, with days of its "
        "other categories after '+' ('BR-SP+Carnival+Corpus Christi', BR+optional); forecasts skip "
        "them too, and an intraday session's bars after a half day's early close (NYSE's 13:00) (default: found when the weekdays missing from business-day data, or skipped by month-end, "
        "-start or weekly data, are exactly a known set's holidays)")
    calendar_covariates: str | None = _opt(
        None, "future covariates computed from each row's timestamp on the data's local clock, known at any forecast step "
        "(no --future file holds them): minute, hour, day_of_week, day, day_of_year, month as sin and cos (hour_sin, hour_cos), "
        "weekend and holiday:SET (a --holidays name: DE, DE-BY, XNYS) as 0/1 (weekend, holiday_DE); e.g. "
        "'hour,day_of_week,holiday:DE' (default: none: the data's columns alone)")
    fill_gaps: bool = _opt(
        False,
        "insert the rows the calendar has and the data lacks (a missing day or month) so that --fill fills them; "
        "off: name them in a warning and train on the rows as given (--fill zero: refused)",
    )
    tz: str | None = _opt(
        None,
        "time zone of the timestamps (an IANA name such as Europe/Berlin, or a fixed UTC offset such as +01:00): naive ones are localized to it, aware "
        "ones converted; needed to keep local time when ISO strings carry changing UTC offsets (default: none: timestamps as written; "
        "those with changing UTC offsets are read in UTC with a warning where their calendar holds there (hourly), and refused where it holds only on their own clock (daily closes))",
    )

    time_unit: str | None = _opt(
        None,
        "the unit of a time column of numbers: Unix times in seconds (s), milliseconds (ms), microseconds (us) or "
        "nanoseconds (ns; pandas' spellings read too: seconds, MS), UTC (converted to --tz when given), or Excel "
        "serial day numbers (excel: the 1900 date system, day 0 is 1899-12-30); forecast times are given back in it, "
        "by predict (Python) and in its CSV or Parquet file; without --time-col the time is the numeric column so "
        "named (timestamp, ts, epoch, serial) or the one in the unit (default: none: such numbers are refused under "
        "a time name, naming this)", TIME_UNITS)
    date_order: str | None = _opt(
        None, "the order of dates that read both ways (01/02/2024): day first (1 February) or month first (2 January), "
        "kept in the model, so predict and evaluate read new data and write forecasts so; a date not so refused "
        "(default: none: the reading on a regular calendar, else day first for dotted dates and in files writing "
        "decimal commas, month first for others, warned)", ("day", "month"))

    def reading(self) -> dict:
        """The keywords of ``panel.load_panel`` these settings give (``labels_only``: the fit's reading of the target)."""
        return {"fill": self.fill, "missing_values": self.missing_values, "future_known": self.future_known, "freq": self.freq, "tz": self.tz,
                "fill_gaps": self.fill_gaps, "holidays": self.holidays, "time_unit": self.time_unit, "date_order": self.date_order,
                "labels_only": not self.target_input, "calendar_covariates": self.calendar_covariates}

    def validate(self) -> None:
        check_data(self)  # settingchecks: what each field accepts
        if self.calendar_covariates is not None:  # pandas and the holidays package: not for --help
            __import__("rnncast.calendarcovariates").calendarcovariates.parse(self.calendar_covariates)


@dataclass(frozen=True)
class ModelSettings:
    cell: str = _opt("lstm", "recurrent cell", CELLS)
    hidden_size: int = _opt(64, "units in each recurrent layer")
    num_layers: int = _opt(1, "stacked recurrent layers")
    dropout: float = _opt(0.0, "dropout between recurrent layers and before the head")
    window_norm: str = _opt(
        "last",
        "normalize each input window: subtract the last (or mean) target value before the "
        "network and add it back after; 'none' feeds the scaled values as they are; 'season' (needs --season, "
        "and a lookback of at least the season): "
        "subtract the last value, and start the forecast at the window's last season (seasonal naive) "
        "instead of its level",
        CHOICES["window_norm"],
    )
    window_scale: bool = _opt(
        False,
        "also divide each input window's targets, less the level, by their standard deviation over the window "
        "and multiply the forecast back: the network sees every window at one scale, for series whose "
        "amplitude drifts (RevIN, Kim et al., ICLR 2022, without its affine weights)",
    )
    channel_independent: bool = _opt(
        False,
        "with several targets and no features: train every target column as a separate series "
        "through one shared network (the 'channel-independent' way of the ETT M-mode leaders)",
    )
    segment: int = _opt(0, "cut each input window into segments of this many steps, embed each segment and run the cell "
                        "over segments (SegRNN's way: 720 steps at 48 per segment are 15 recurrent steps); "
                        "0: one recurrent step per time step, as in the tutorials")
    highway: bool = _opt(
        True,
        "add one linear map from the input window's targets (less the window's level) to the "
        "forecast, as LSTNet's autoregressive highway: the cell learns what a linear forecast misses",
    )
    highway_start: str = _opt(
        "zero",
        "where the highway starts: zero (the untrained network forecasts the window's level), or "
        "least_squares: the closed-form ridge fit of the training windows, its penalty chosen on the "
        "validation windows, kept only where it beats zero there (without validation windows: the "
        "smallest penalty) (Toner & Darlow, ICML 2024)",
        CHOICES["highway_start"],
    )
    decoder: str = _opt(
        "direct",
        "direct: one linear layer from the last hidden state to every horizon step; parallel (needs "
        "segment): the cell emits every output segment at once from learned position (and channel) embeddings",
        CHOICES["decoder"],
    )
    nonnegative: bool = _opt(False, "write every forecast (point and quantiles) clipped at 0, for a target that cannot "
                             "be negative (counts, sales): predict, evaluate, backtest and the ONNX export alike, scored as written; training is unchanged")
    upper: float | None = _opt(None, "write every forecast (point and quantiles) clipped at most this number, for a target "
                               "that cannot exceed it (an occupancy share: 1), as nonnegative clips at 0: predict, evaluate, backtest and the ONNX export alike, scored as written; training is unchanged; a bound below a value of the data is refused (default: none: no bound)")
    quantiles: tuple | None = _opt(
        None,
        "quantile levels to forecast, e.g. 0.1,0.5,0.9: trained with the pinball loss, the point "
        "forecast is the 0.5 quantile (which must be among them) (default: none: one point forecast, trained on "
        "--loss)",
    )

    def validate(self) -> None:
        check_model(self)  # settingchecks: what each field accepts
        check_upper(self)  # upperbound: a finite number or None (decision 2257)


@dataclass(frozen=True)
class TrainSettings:
    epochs: int = _opt(
        100,
        "most epochs; an epoch stops after --max-batches batches (every training window once when that is 0), "
        "and early stopping may end training sooner",
    )
    batch_size: int | None = _opt(64, "windows per step; 0 or 'full' (None in Python) for full-batch training")
    lr: float = _opt(3e-4, "Adam learning rate")
    lr_schedule: str = _opt("constant", "constant, or cosine: decay from lr to 0 over the epochs", CHOICES["lr_schedule"])
    patience: int = _opt(5, "epochs without a better validation loss before stopping")
    grad_clip: float = _opt(1.0, "clip the gradient norm to this value; 0 turns clipping off")
    loss: str = _opt(
        "mse",
        "what a point forecast is trained and early-stopped on: mse, or mae (SegRNN's choice: an "
        "outlier pulls it less); a quantile head always uses the pinball loss",
        CHOICES["loss"],
    )
    ema: float = _opt(
        0.0,
        "exponential moving average of the weights, updated after every step with this decay (e.g. "
        "0.99: about the last 100 steps); validation, early stopping and the saved model use the "
        "averaged weights. 0 turns it off",
    )
    scheme: str = _opt(
        "window",
        "window: each input window trains its last step (the tutorials' way); sequence: the network "
        "runs over long chunks of the series and every step after a warm-up of lookback steps trains "
        "a target (many times fewer steps of computation per target); it takes no future-known "
        "features, no quantiles and no window_norm 'mean' or 'season': use window for those",
        CHOICES["scheme"],
    )
    chunk: int = _opt(256, "sequence scheme: supervised steps per chunk after the warm-up")
    max_batches: int = _opt(
        100,
        "most batches per epoch, drawn at random each epoch (0: every window once): on a long series "
        "the validation loss is checked, and early stopping decided, every this many steps",
    )
    seed: int = _opt(0, "random seed, 0 to 2**63 - 1 (on CPU the same seed and threads give the same result, bit for "
                        "bit; other threads, the same to float rounding)")
    device: str = _opt("auto", "where to train: auto picks CUDA when present", CHOICES["device"])
    threads: int = _opt(
        0,
        "CPU threads torch may use while training; 0: torch's own choice (one per core). On a machine busy with "
        "other work, 1 is often several times faster for the small networks rnncast trains "
        "(benchmarks/speed/results/threads.md). Torch adds in an order the count sets, so results equal across "
        "counts to float rounding, not bit for bit",
    )
    verbose: bool = field(default=False, metadata={
        "help": "show a progress bar over epochs while fit trains (tqdm's auto bar: a widget in a notebook, text in a "
                "terminal, a line per epoch into a file or pipe); off by default, so a library call inside another tool prints "
                "nothing. The command line draws its own bar, on a terminal", "choices": None, "flag": False})

    def validate(self) -> None:
        check_train(self)  # settingchecks: what each field accepts


SETTING_CLASSES = (DataSettings, ModelSettings, TrainSettings)

# Named sets of settings: ``Forecaster(**PRESETS["segrnn"], lookback=..., horizon=...)``.
PRESETS: dict[str, dict] = {
    # SegRNN (Lin et al., 2023): a GRU over segments of 48 steps, a parallel decoder, each column a
    # separate series, trained on the MAE as SegRNN is. The MAE loss, width 128 and segment 48 were
    # chosen on held-out ETTh1/ETTm1 validation at L=720 (benchmarks/ett/results/segrnn-validation.md).
    "segrnn": {
        "cell": "gru", "segment": 48, "decoder": "parallel", "channel_independent": True,
        "hidden_size": 128, "loss": "mae", "highway": False,  # SegRNN has none; its tables were measured so
    },
}


def check_names(params: dict) -> None:
    """Refuse a name that is no setting of ``Forecaster`` (``RnncastError`` with the nearest name)."""
    known = {f.name for c in SETTING_CLASSES for f in fields(c)}
    unknown = sorted(set(params) - known)
    if unknown and not_a_setting(unknown[0], known):
        raise RnncastError(not_a_setting(unknown[0], known, value=params[unknown[0]]))  # another library's name (test_size): rnncast's
    if unknown:
        raise RnncastError(f"unknown setting(s) {unknown}{did_you_mean(unknown[0], known)}; known settings: "
                           f"{sorted(known)}")


@dataclass(frozen=True)
class Settings:
    data: DataSettings
    model: ModelSettings
    train: TrainSettings

    @classmethod
    def from_flat(cls, params: dict) -> "Settings":
        """Build from the flat keyword arguments of ``Forecaster`` (unknown names are an error)."""
        check_names(params)
        params = {**plain_values(params), "quantiles": tuple(sorted(parse_quantiles(params.get("quantiles"))))}  # a tuple, sorted (decision 1662)
        if "missing_values" in params:  # -999, [-999, 9999] or "-999; 9999": one text, as the flag and config.json hold it
            params["missing_values"] = missing_text(params["missing_values"])
        if isinstance(params.get("calendar_covariates"), (list, tuple)):  # ['hour', 'weekend']: one text, as the flag's
            params["calendar_covariates"] = ",".join(map(str, params["calendar_covariates"]))
        if "batch_size" in params:  # 0 and 'full' are None, as the flag and a config file spell them
            params["batch_size"] = full_batch(params["batch_size"])
        groups = [c(**{f.name: params[f.name] for f in fields(c) if f.name in params}) for c in SETTING_CLASSES]
        settings = cls(*groups)
        settings.validate()
        return settings

    def validate(self) -> None:
        for group in (self.data, self.model, self.train):
            for f in fields(group):
                if isinstance(f.default, bool):  # every on/off setting, whichever group it is in
                    flag(f.name, getattr(group, f.name))
            group.validate()
        check_combinations(self.data, self.model, self.train)

    def flat(self) -> dict:
        return {**asdict(self.data), **asdict(self.model), **asdict(self.train)}


def setting_fields():
    """Every setting field, in the order of the groups (data, model, training)."""
    return [f for c in SETTING_CLASSES for f in fields(c)]
