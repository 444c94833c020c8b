"""What settings accept: each group's fields (``check_data``, ``check_model``, ``check_train``: the
values and ranges each takes, its choices read from the field, which also makes the flag), and the
combinations that no model can train (a lookback that is not a whole number of
segments, a quantile head with a point loss, a seasonal start without a season, a sequence scheme
with what it does not take, ...). Each refusal is one ``RnncastError`` naming the settings and a
value that would be accepted.
"""

from __future__ import annotations

import numbers
import re
from dataclasses import fields

from rnncast import finalfit
from rnncast.errors import RnncastError
from rnncast.quantilelevels import outside
from rnncast.othernames import interval_quantiles, mirrored, percentiles  # the levels of intervals, as level= advice computes them
from rnncast.settingvalues import FULL_BATCH, choice, given, in_range, is_integer, is_number, positive_int, seed
from rnncast.spelling import named, spelled


# The data are not read when settings are checked, so a season is proposed for each common calendar,
# not guessed (52 on hourly data was wrong); seasons.implied_season names the data's own after a fit.
SEASON_EXAMPLES = ("24 for hourly data with a daily cycle, 7 for daily data with a weekly one, "
                   "12 for monthly data, 4 for quarterly, 52 for weekly")
MAX_LAYERS = 64  # num_layers above this is refused: a stack of 10**6 layers hung while it was built
MAX_HIDDEN = 2 ** 20  # hidden_size above this is refused: a layer's weights would take terabytes (torch's sizes overflow)
MAX_THREADS = 1024  # threads above this are refused: torch failed to start 100000 (a traceback, a half-made run)


def choices(group, name: str) -> tuple:
    """The values the field ``name`` of a setting group takes: its ``choices`` (``config``), which the flag offers too."""
    return next(f.metadata["choices"] for f in fields(group) if f.name == name)


def check_data(data) -> None:
    """Raise ``RnncastError`` for a field of ``config``'s DataSettings (what the data is cut into) that holds
    no value it accepts, naming the value and what would be accepted."""
    positive_int("lookback", data.lookback)
    positive_int("horizon", data.horizon)
    choice("scaler", data.scaler, choices(data, "scaler"))
    if data.fill is not None:
        choice("fill", data.fill, choices(data, "fill"))
    if data.time_unit is not None:  # "D", "hours": what is read named (numbertimes.unit_name)
        from rnncast.numbertimes import checked_unit  # here: the CLI's --help imports no pandas
        checked_unit(data.time_unit, read=False)
    if getattr(data, "missing_values", None) is not None:
        from rnncast.settingvalues import missing_text

        if not isinstance(data.missing_values, str) or missing_text(data.missing_values) != data.missing_values:
            raise RnncastError(f"{named('missing_values')} must be text of codes such as '-999' or '-9999, M', got "
                               f"{given(data.missing_values)} (Settings.from_flat reads a number or a list into it)")
    if isinstance(data.freq, bool) or not (data.freq is None or isinstance(data.freq, (str, int))):
        raise RnncastError(f"{named('freq')} must be text such as 'D' or 'MS' (a whole number for integer periods), got "
                           f"{given(data.freq)}")
    check_tz(data.tz)
    mask = None
    if isinstance(data.freq, str):
        from rnncast import sessions, weekmasks  # pandas: not for --help

        session = sessions.parse(data.freq)  # '30min 9:30-16:15': what is wrong with it named
        mask = session.week if session is not None else weekmasks.parse(data.freq)  # 'Thur': the word named
    if getattr(data, "holidays", None) is not None:
        from rnncast import holidaysets  # pandas and the holidays package: not for --help

        from rnncast import businessmonths, tradingweeks

        holidaysets.parse(data.holidays)  # an unknown name refused, the closest one named
        if data.freq is not None and str(data.freq).upper() not in ("B", "C") and mask is None and \
                businessmonths.kind_of(data.freq) is None and tradingweeks.kind_of(data.freq) is None:  # 'BME', 'W-FRI'
            raise RnncastError(f"holidays={given(data.holidays)} are skipped by business days, but freq={given(data.freq)} is "
                               "another calendar; leave freq unset (or give 'B', a week mask such as 'Sun Mon Tue "
                               "Wed Thu', a session such as '30min 09:30-15:30', a month's last or first business "
                               "day: 'BME', 'BMS', or a week's last or first trading day: 'W-FRI', 'W-MON') with "
                               "holidays, or leave holidays unset (a holiday's effect on the values is learned "
                               "from a column that marks it: future_covariates=, --future-covariates)")
    check_cutoff(data)
    positive_int("season", data.season)
    for name in ("val_frac", "test_frac"):  # test_frac 0: a final fit on every row (finalfit, decision 2117)
        value = getattr(data, name)
        if not is_number(value) or not 0 <= value < 1:
            raise RnncastError(f"{named(name)} must be a number in [0, 1), got {given(value)}")
    if data.val_frac + data.test_frac >= 0.9:
        raise RnncastError(
            f"val_frac + test_frac must leave at least 10% of rows for training, "
            f"got {data.val_frac} + {data.test_frac}"
        )


def hours_offset(value) -> str | None:
    """The fixed offset a number of hours ``value`` may mean, as a zone is written ('+05:00', '+05:30', '-03:00'):
    5, 5.5, -3, or text of an unsigned one ('5', from --tz 5), in quarter hours up to 14; else None."""
    if isinstance(value, str) and re.fullmatch(r"\d{1,2}(\.\d+)?", value.strip()):
        value = float(value)
    if isinstance(value, bool) or not isinstance(value, numbers.Real) or abs(value) > 14 or not float(value * 4).is_integer():
        return None
    return f"{'-' if value < 0 else '+'}{int(abs(value)):02d}:{int(abs(value) % 1 * 60):02d}"


def check_tz(value) -> None:
    """``tz``: a zone as text, or None. A number is refused by name: 5 was read as an offset of 5 seconds and failed
    in pandas at predict, 3600 as +01:00 without a word; and text that is a number ('5', from --tz 5, no zone) so too,
    with the offset it may mean (``hours_offset``), as every door says it (configfile's TOML too)."""
    if value is None or isinstance(value, str) and not re.fullmatch(r"\d+(\.\d+)?", value.strip()):
        return
    offset = f"; for a fixed offset of {value} hours give '{hours}'" if (hours := hours_offset(value)) else ""
    raise RnncastError(f"{named('tz')} must be a time zone as text: an IANA name such as 'Europe/Berlin' or 'UTC', or "
                       f"a fixed offset such as '+05:30', got {given(value)}{offset}")


def check_cutoff(data) -> None:
    """``cutoff``: a time as text (or a whole number for integer periods), and no test_frac beside it that it would
    leave unused (the time itself is read against the data at fit: ``cutoffs.as_time``)."""
    value = data.cutoff
    if value is None:
        return
    from rnncast import wholenumbers  # here, not at the top: the CLI's --help imports no pandas
    if isinstance(value, numbers.Real) and not isinstance(value, (bool, numbers.Integral)) and \
            wholenumbers.number(value) is None:  # 1960.0 is read as 1960, as years written 1871.0 are (decision 901)
        raise RnncastError(f"{named('cutoff')} {given(value)} is not a whole number: give a time as text, such as "
                           "'2024-06-30', or a whole number for integer periods")
    if isinstance(value, bool) or not isinstance(value, (str, numbers.Real)) or \
            (isinstance(value, str) and not value.strip()):
        text = f"; give it as text: {value.isoformat()!r}" if hasattr(value, "isoformat") else ""
        raise RnncastError(f"{named('cutoff')} must be a time as text, such as '2024-06-30' (a whole number for integer "
                           f"periods), got {given(value)}{text}")
    default = next(f.default for f in fields(data) if f.name == "test_frac")
    finalfit.check(value, data.test_frac)  # test_frac 0: a fit on every row, which a cutoff's test rows are not
    if data.test_frac != default:
        raise RnncastError(f"cutoff={given(value)} makes every row after it a test row, and test_frac={given(data.test_frac)} "
                           "would cut the test rows by a fraction, which the cutoff leaves unused; give cutoff or "
                           "test_frac, not both")


def check_model(model) -> None:
    """Raise ``RnncastError`` for a field of ``config``'s ModelSettings (the network) that holds
    no value it accepts, naming the value and what would be accepted."""
    choice("cell", model.cell, choices(model, "cell"))
    positive_int("hidden_size", model.hidden_size, MAX_HIDDEN, " (a layer of more units would need terabytes of memory)")
    positive_int("num_layers", model.num_layers, None)  # its upper bound: MAX_LAYERS, said below
    if model.num_layers > MAX_LAYERS:
        raise RnncastError(f"{named('num_layers')} {model.num_layers} is more than {MAX_LAYERS}: recurrent stacks that deep do not "
                           "train (and would take long to build); use a few layers and a larger hidden_size")
    choice("window_norm", model.window_norm, choices(model, "window_norm"))
    if not is_number(model.dropout) or not 0 <= model.dropout < 1:
        raise RnncastError(f"{named('dropout')} must be a number in [0, 1), got {given(model.dropout)}")
    if not is_integer(model.segment) or model.segment < 0:
        raise RnncastError(f"{named('segment')} must be an integer >= 0 (0: no segments), got {given(model.segment)}")
    in_range("segment", model.segment, 0)
    choice("decoder", model.decoder, choices(model, "decoder"))
    choice("highway_start", model.highway_start, choices(model, "highway_start"))
    levels = model.quantiles
    if not isinstance(levels, tuple) or not all(isinstance(q, numbers.Real) and not isinstance(q, bool) for q in levels):
        raise RnncastError(f"{named('quantiles')} must be a tuple of numbers, got {given(levels)}")
    if levels:
        if all(1 <= q < 100 for q in levels) and len(set(levels)) == len(levels):  # 80,90: NeuralForecast's level
            shares = percentiles(levels)  # 5,50,95 (or 10,90): percentiles, each / 100, not three intervals' percents
            as_level = (f"level {_written(levels)} is {spelled('quantiles', _written(interval_quantiles(levels)))}")
            raise RnncastError(
                f"{named('quantiles')} {list(levels)} look like percentiles; quantiles are levels in (0, 1): give "
                f"{spelled('quantiles', _written(shares))} (each divided by 100); were they interval percents "
                f"(NeuralForecast's level=), {as_level}" if shares else
                f"{named('quantiles')} {list(levels)} look like interval percents (NeuralForecast's level=); quantiles "
                f"are levels in (0, 1): {as_level}")
        if not all(0 < q < 1 for q in levels) or list(levels) != sorted(set(levels)):  # from_flat sorts them (decision 1662)
            raise RnncastError(f"{named('quantiles')} must be distinct levels in (0, 1) (in any order), got "
                               f"{given(list(levels))}{outside(levels)}")  # 1.0 named: 1 is not below 1 (decision 2112)
        written = [f"{q:g}" for q in levels]  # the columns' names: <target>_q0.9 (outputnames)
        alike = [w for k, w in enumerate(written) if w in ("0", "1") or w in written[:k]]
        if alike:
            raise RnncastError(f"{named('quantiles')} {given(list(levels))} are written as the columns' names to 6 significant "
                               f"digits ({', '.join(written)}), and {alike[0]!r} names "
                               + ("no level inside (0, 1)" if alike[0] in ("0", "1") else "two of them")
                               + "; give levels that differ within 6 significant digits, such as 0.1,0.5,0.9")
        if 0.5 not in levels:
            raise RnncastError(
                f"{named('quantiles')} {given(list(levels))} lack 0.5: the point forecast is the median; give "
                + (f"{_written(mirrored(levels))}, the median" if len(given(_written(mirrored(levels)))) < 80 else "0.5")
                + " and each level's mirror (1 - q) so that every level ends an interval")


QUANTILE_LOSSES = frozenset({"mqloss", "quantileloss", "qloss", "iqloss", "hubermqloss", "pinball",
                             "pinballloss", "quantile", "quantiles"})  # other libraries' names, lower case, no _


def check_loss_name(loss) -> None:
    """Refuse another library's quantile loss as ``loss`` (NeuralForecast's ``MQLoss``), naming ``quantiles``, which
    asks for rnncast's quantile head; any other value is left to the loss's choices."""
    if str(loss).lower().replace("_", "") in QUANTILE_LOSSES:
        raise RnncastError(f"{named('loss')} {loss!r} is a quantile loss: rnncast trains on the pinball loss when given "
                           f"quantile levels, {spelled('quantiles', '0.1,0.5,0.9')}, with loss left at 'mse'")


def _written(levels) -> str:
    return ",".join(f"{q:g}" for q in levels)


def check_train(train) -> None:
    """Raise ``RnncastError`` for a field of ``config``'s TrainSettings (how it trains) that holds
    no value it accepts, naming the value and what would be accepted."""
    positive_int("epochs", train.epochs, None)  # the upper bounds of training's counts and the seed: check_ranges
    if train.batch_size is not None and (not is_integer(train.batch_size) or train.batch_size < 1):
        raise RnncastError(f"{named('batch_size')} must be a positive integer, or {FULL_BATCH}, got {given(train.batch_size)}")
    if not is_number(train.lr) or not train.lr > 0:
        raise RnncastError(f"{named('lr')} must be a positive finite number, got {given(train.lr)}")
    positive_int("patience", train.patience, None)
    choice("lr_schedule", train.lr_schedule, choices(train, "lr_schedule"))
    check_loss_name(train.loss)
    choice("loss", train.loss, choices(train, "loss"))
    if not is_number(train.ema) or not 0 <= train.ema < 1:
        raise RnncastError(f"{named('ema')} must be a number in [0, 1) (0: off; 0.99 averages about the last 100 steps), got {given(train.ema)}")
    if not is_number(train.grad_clip) or train.grad_clip < 0:
        raise RnncastError(f"{named('grad_clip')} must be a finite number >= 0 (0: no clipping), got {given(train.grad_clip)}")
    if not is_integer(train.seed):
        raise RnncastError(f"{named('seed')} must be an integer, got {given(train.seed)}")
    choice("device", train.device, choices(train, "device"))
    check_threads(train.threads)
    choice("scheme", train.scheme, choices(train, "scheme"))
    positive_int("chunk", train.chunk, None)
    if not is_integer(train.max_batches) or train.max_batches < 0:
        raise RnncastError(f"{named('max_batches')} must be an integer >= 0 (0: no limit), got {given(train.max_batches)}")


def check_threads(threads) -> None:
    """Raise ``RnncastError`` for a thread count no command takes: fit's setting, and predict's, evaluate's, export's and
    compare's ``--threads`` (``devices.cpu_threads``), which clamped 10**23 to the cores with a warning."""
    if not is_integer(threads) or not 0 <= threads <= MAX_THREADS:
        raise RnncastError(f"{named('threads')} must be an integer from 0 to {MAX_THREADS} (0: torch's own choice, one per core; "
                           f"more than the machine's cores only slows training), got {given(threads)}")


def check_combinations(data, model, train) -> None:
    """Raise ``RnncastError`` for settings of different groups that cannot go together: ``data``,
    ``model``, ``train`` are ``config``'s DataSettings, ModelSettings and TrainSettings (not imported
    here: ``config`` imports this module)."""
    segment, lookback = model.segment, data.lookback
    fits = lambda: [d for d in range(1, lookback + 1) if lookback % d == 0]  # noqa: E731 the segments that fit it
    if model.decoder == "parallel" and not segment:  # a divisor of the lookback given: 48 was refused for 50 (decision 1625)
        raise RnncastError(f"decoder 'parallel' emits whole output segments, so it needs segment > 0 that divides "
                           f"lookback {lookback} (e.g. {spelled('segment', max(d for d in fits() if d <= 48))}; one of {fits()})")
    if segment and lookback % segment:
        raise RnncastError(
            f"lookback {lookback} is not a whole number of segments of {segment} steps; use a lookback that "
            f"is a multiple of {segment} (e.g. {max(segment, lookback // segment * segment)}) or a segment "
            f"that divides {lookback} (one of {fits()})"
        )
    if segment and train.scheme == "sequence":
        raise RnncastError("scheme 'sequence' runs the cell step by step; use scheme 'window' with segment > 0")
    if model.decoder == "parallel" and data.future_known:
        raise RnncastError("decoder 'parallel' does not take future_known features; use decoder 'direct'")
    if segment and model.quantiles:
        raise RnncastError("segment > 0 (SegmentNet) does not emit quantiles yet; use segment 0 for quantiles")
    if model.quantiles and train.loss != "mse":
        raise RnncastError(f"loss {given(train.loss)} is for a point forecast; a quantile head trains on the "
                           "pinball loss (its 0.5 level is the median): leave loss at 'mse' or drop quantiles")
    if model.highway_start == "least_squares" and not model.highway:
        raise RnncastError("highway_start 'least_squares' starts the highway, and this model has none: turn it on "
                           f"({spelled('highway', True)}) or leave highway_start at 'zero'")
    if model.window_norm == "season" and data.season < 2:
        raise RnncastError("window_norm 'season' starts the forecast at the window's last season, and season is "
                           f"{data.season}: give the period in steps ({spelled('season')}): {SEASON_EXAMPLES}")
    if not data.target_input and (reads := [(f"{name} {value!r}", fix) for name, value, read, fix in (
            ("window_norm", model.window_norm, model.window_norm != "none", "window_norm 'none' (--window-norm none)"),
            ("highway", model.highway, model.highway, "highway=False (--no-highway)"),
            ("window_scale", model.window_scale, model.window_scale, "window_scale=False (no --window-scale)"),
            ("channel_independent", model.channel_independent, model.channel_independent,
             "channel_independent=False (no --channel-independent)")) if read]):
        raise RnncastError(f"target_input=False (--no-target-input) feeds the network the features alone, and "
                           f"{' and '.join(r for r, _ in reads)} read{'s' * (len(reads) == 1)} the target's past: give "
                           f"{' and '.join(fix for _, fix in reads)}")
    if data.season > data.lookback and model.window_norm == "season":  # the seasonal naive baseline reads the
        # series' rows before the window, not the window (decision 1778)
        raise RnncastError(f"season {data.season} is longer than lookback {data.lookback}: window_norm 'season' starts "
                           f"the forecast at the last season of the input window; raise lookback to at least the season "
                           f"({spelled('lookback', data.season)}) or give another window_norm")
    if train.scheme == "sequence":
        if data.future_known:
            raise RnncastError("scheme 'sequence' does not take future_known features yet; use scheme 'window'")
        if model.quantiles:
            raise RnncastError("scheme 'sequence' does not train quantiles yet; use scheme 'window'")
        if model.window_norm in ("mean", "season"):
            raise RnncastError(f"scheme 'sequence' works with window_norm 'last' or 'none', not "
                               f"{given(model.window_norm)}")
        if model.window_scale:
            raise RnncastError("scheme 'sequence' does not take window_scale (one spread per window); use scheme 'window'")


def check_ranges(train) -> None:
    """Raise ``RnncastError`` for a training count (epochs, batch_size, patience, chunk, max_batches) past 2**63 - 1
    or a seed outside 0 to 2**63 - 1, naming the range (``settingvalues.in_range``): a seed of -1 or 2**63 trained
    as another seed, and numbers past int64 failed in torch. Checked where a fit starts (``check_effects``, a
    backtest), not where a saved model is read: a model fitted before these were refused still loads."""
    for name in ("epochs", "patience", "chunk"):
        in_range(name, getattr(train, name), 1)
    if train.batch_size is not None:
        in_range("batch_size", train.batch_size, 1)
    in_range("max_batches", train.max_batches, 0)
    seed("seed", train.seed)


def check_effects(train, config=None, from_file=()) -> None:
    """Raise ``RnncastError`` for a training setting given a value that changes nothing beside the others (a
    chunk without the sequence scheme, a cap on the batches of a full-batch epoch), naming what would make it
    apply. Checked where a fit starts (``fitting``, a config file), not where a saved model is read: a model
    saved before these were refused still loads. ``from_file``: the names the ``config`` file gives, which no
    flag can unset: the refusal says to remove them from it."""
    check_ranges(train)  # where a fit starts too

    def unset(name: str) -> str:
        return f"remove {name} from the config {config}" if name in from_file else f"leave {name} unset"

    if train.scheme != "sequence" and train.chunk != type(train).chunk:  # nothing else reads it
        raise RnncastError(f"chunk={given(train.chunk)} is the sequence scheme's steps per chunk, and scheme "
                           f"{given(train.scheme)} does not use it: train with the sequence scheme ({spelled('scheme', 'sequence')}) "
                           f"or {unset('chunk')}")
    if train.batch_size is None and train.max_batches != type(train).max_batches:  # one batch per epoch: no cap to reach
        raise RnncastError(f"max_batches={given(train.max_batches)} caps the batches of an epoch, and batch_size full makes one "
                           f"batch of every window per epoch: give a batch_size ({spelled('batch_size', 64)}) for it to "
                           f"cap, or {unset('max_batches')}")
