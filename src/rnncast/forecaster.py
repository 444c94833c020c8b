"""``Forecaster``: the estimator a user holds, a thin face over fitting, forecasting and evaluation.

It follows scikit-learn's contract: every constructor argument is a keyword stored as given
(``get_params``, ``set_params``: ``parameters.Parameters``); settings are validated in ``fit``; ``fit`` returns
``self``; learned state ends in ``_``. What fit learns is one ``state.FittedState`` (``state_``, also the saved
model's schema) beside the network (``net_``); the attributes ``targets_``, ``scalers_``, ``calendar_`` ... read it
(``learned.Learned``).

Each method is a few lines over modules of one job: ``panel`` reads data, ``fitting`` trains,
``reading`` re-reads new data the model's way, ``forecasting`` forecasts, ``evaluation`` scores,
``backtest`` rolls cutoffs (the method: ``backtesting.Backtests``, a base), ``export`` writes ONNX (the method:
``exporting.Exports``, a base), ``checkpoint`` writes and reads the model folder. One series is a panel of one; it
keeps its single-series faces (``scaler_``, ``split_``, ``train_mean_``, and ``predict`` returning a frame by time).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from rnncast import resume as resume_io
from rnncast import arrayforecasts, datatimes, fitting, holidaysets, newforecasts, pathargs, readout, testforecasts
from rnncast.backtesting import Backtests
from rnncast.exporting import Exports
from rnncast.outputframes import Outputs
from rnncast.config import DataSettings, ModelSettings, TrainSettings
from rnncast.forecasting import Model
from rnncast.windowforecasts import PartForecasts, WindowForecasts
from rnncast.learned import Learned, attributes_doc
from rnncast.checkedcalls import BEFORE, checked_keywords, checked_methods
from rnncast.fittedroles import ROLES
from rnncast.parameters import Parameters, parameters_doc
from rnncast.settingvalues import callback, flag

_D, _M, _T = DataSettings(), ModelSettings(), TrainSettings()


@checked_methods(fit=BEFORE)  # predict(df, horizon=5): a setting, not Python's TypeError
class Forecaster(Learned, Backtests, Exports, Outputs, Parameters):
    """Train an RNN, LSTM or GRU to forecast ``horizon`` steps of the target from ``lookback`` steps.

    >>> f = Forecaster(cell="gru", lookback=48, horizon=12).fit(frame, target="load")
    >>> f.predict(frame)           # the 12 steps after the end of ``frame``
    >>> f.evaluate(new_frame)      # metrics of the model and the baselines

    Many series: ``fit(long_frame)`` with columns ``unique_id, ds, y`` (or ``id_col=``), or a wide
    frame with ``series=[...]``; ``predict`` then returns ``unique_id, ds, y_hat`` rows.
    """

    _checked_at_once = {"holidays": holidaysets.check_value}  # Prophet's holidays frame refused at once (decision 2000)

    @checked_keywords  # Forecaster(epoch=3) names 'epochs', as set_params does, not Python's bare TypeError
    def __init__(
        self,
        *,  # by keyword only, as scikit-learn's estimators: Forecaster(3) set cell=3 without a word
        cell: str = _M.cell,
        lookback: int = _D.lookback,
        horizon: int = _D.horizon,
        hidden_size: int = _M.hidden_size,
        num_layers: int = _M.num_layers,
        dropout: float = _M.dropout,
        window_norm: str = _M.window_norm,
        window_scale: bool = _M.window_scale,
        channel_independent: bool = _M.channel_independent,
        segment: int = _M.segment,
        decoder: str = _M.decoder,
        highway: bool = _M.highway,
        highway_start: str = _M.highway_start,
        quantiles: tuple | None = _M.quantiles,
        nonnegative: bool = _M.nonnegative,
        upper: float | None = _M.upper,
        epochs: int = _T.epochs,
        batch_size: int | None = _T.batch_size,
        lr: float = _T.lr,
        lr_schedule: str = _T.lr_schedule,
        patience: int = _T.patience,
        grad_clip: float = _T.grad_clip,
        loss: str = _T.loss,
        ema: float = _T.ema,
        scaler: str = _D.scaler,
        val_frac: float = _D.val_frac,
        test_frac: float = _D.test_frac,
        cutoff: str | int | None = _D.cutoff,
        future_known: bool = _D.future_known,
        target_input: bool = _D.target_input,
        season: int = _D.season,
        fill: str | None = _D.fill,
        missing_values: str | float | list | None = _D.missing_values,
        freq: str | None = _D.freq,
        holidays: str | None = _D.holidays,
        calendar_covariates: str | list | None = _D.calendar_covariates,
        fill_gaps: bool = _D.fill_gaps,
        tz: str | None = _D.tz,
        time_unit: str | None = _D.time_unit,
        date_order: str | None = _D.date_order,
        scheme: str = _T.scheme,
        chunk: int = _T.chunk,
        max_batches: int = _T.max_batches,
        seed: int = _T.seed,
        device: str = _T.device,
        threads: int = _T.threads,
        verbose: bool = _T.verbose,
    ):
        given = locals()  # every keyword stored as given; the signature above is the one list of them
        for name in self._param_names():
            setattr(self, name, given[name])

    def _model(self, doing: str) -> Model:  # settings set_params changed since fit take effect at the next fit
        self.check_fitted(doing)
        return Model(self.net_, self.state_, self.device_)

    # ---- training ---------------------------------------------------------------------------

    def fit(self, data, target=None, features=None, time_col=None, split=None, on_epoch=None,
            checkpoint=None, resume: bool = False, on_start=None, *, id_col=None, series=None,
            past_covariates=None, future_covariates=None, static_covariates=None,
            static_categorical=None) -> "Forecaster":
        """Train on ``data``: a table (see ``rnncast.data``: DataFrame, array, Arrow table, CSV/Parquet
        path) read by ``panel.load_panel``, or a ``Panel`` it returned (read once, used as it is). Returns ``self``.

        ``target``: the column (or list of columns) to forecast, in original units (an array: its column
        positions; default: a table's one numeric column, or ``y`` of a long table). ``features``: past covariates
        read over the lookback (with ``future_known=True``, future covariates; with ``target_input=False``, the
        window's only inputs), column names or ``"all"``; default none. ``time_col``: the column of timestamps or periods (default: found by its dtype or name; none: rows
        numbered; ``False``: the table has none, its rows numbered and no column taken or refused as time). Raises ``RnncastError`` (one line naming the problem and what is accepted) for a setting out of
        range, a column not found or named twice, values that are no numbers, missing values without ``fill``, times no
        calendar explains, a series too short for ``lookback`` + ``horizon``, or a constant target.

        ``split``: row borders ``(train_end, val_end, end)`` instead of ``val_frac``/``test_frac`` (one series only).
        ``on_epoch``: called with each epoch's record, read by key as ``history_``'s dicts are or by attribute:
        ``epoch`` (from 1), ``train_loss``, ``val_loss`` (the mean ``loss``, or pinball, in the scaled units trained in,
        original under ``scaler='none'``; None without validation rows), ``seconds``, ``best`` (best so far: its weights
        kept); it may fit in its own thread, never wait on a fit in another (it holds the fit's lock: decision 1509).
        ``checkpoint``: a file receiving the whole training state each epoch (a folder, the data, a model's or
        run's file, a file no rnncast checkpoint: ``RnncastError``, ``checkpointsaver.check_checkpoint_path``; one
        already there without ``resume``) and ``resume=True`` continues from it (its data, cut alike), ending with an
        uninterrupted run's weights. ``on_start``: once data and settings are checked.

        A loss that becomes NaN or infinite ends training: after finished epochs the best of them is kept (as early
        stopping keeps it), a warning names it, ``diverged_epoch_`` is the epoch that diverged (None otherwise) and
        ``history_`` holds the finished epochs; the checkpoint records the run as ended. Diverging before any epoch
        finished raises ``TrainingDiverged``.

        Many series: long format (``id_col``, default ``unique_id`` when that column exists) or
        wide format (``series``: column names or ``"all"``). Covariates by role: ``past_covariates``
        (known up to the forecast time), ``future_covariates`` (known over the horizon too; ``features``
        with ``future_known=True`` are the same), ``static_covariates`` (column names constant within each
        series, or a table with the id column: a frame, a dict of its columns or a ``pathlib.Path`` of its
        file); ``static_categorical``: those of them read as categories whatever their values (integer codes of a
        store type or region; else numbers are numbers, text and 'category' columns categories). Each series is split by the same fractions (or at one ``cutoff`` time) and scaled on its own training rows; a series too
        short to train is left out with a warning and listed in ``skipped_series_``.

        Started by ``torchrun`` among several processes, the ranks train one model together (DistributedDataParallel;
        ``batch_size`` is the global batch) and end with the same weights; only rank 0 writes ``checkpoint``.
        """
        flag("resume", resume)  # 'no' would read as yes
        callback("on_epoch", on_epoch)  # 5 would fail after the first epoch
        checkpoint = pathargs.expanded(checkpoint)  # "~/fit.safetensors": in the home folder, as the shell reads it
        given = locals()
        reading_args = {role: given[role] for role in ROLES}  # target=, features=, ... static_categorical=
        with resume_io.read_once():  # the checkpoint resumed read and verified once, for its checks and its load
            prepared = fitting.prepare_data(data, reading_args, split, self.get_params(), checkpoint if resume else None,
                                            checkpoint)
            if on_start is not None:
                on_start()
            # the learned state exists from the first epoch on (on_epoch callbacks may evaluate the model); a fit that
            # stops leaves the model fitted before as it was, or none (Learned.learning)
            with self.learning(prepared.state, prepared.net, prepared.device, checkpoint):
                self.history_ = fitting.run(prepared, on_epoch=on_epoch, checkpoint=checkpoint, resume=resume)
                # a loss that became NaN or infinite after finished epochs: the best kept (a warning says which)
                self.diverged_epoch_ = prepared.diverged["epoch"] if prepared.diverged else None
        return self

    # ---- using a fitted model ---------------------------------------------------------------

    def predict(self, data, future=None, static_covariates=None) -> pd.DataFrame:
        """Forecast the ``horizon`` steps after the end of ``data`` (of every series in it), in original units: a pandas
            DataFrame, a Polars one after ``set_output(transform="polars")`` (``outputframes``: the data's types kept).
            ``future``: the future covariates over those steps, matched by series id and date
            (``future.align_future``): a table with the covariate columns, the time column (or a
            DatetimeIndex) and (many series) the id column, in any row order (a model without dates: the row numbers
            it forecasts in a column ``row`` or a frame's index, else the rows in order); or, for one series, an array
            [horizon, covariates] taken in order. ``static_covariates``: a table of per-series attributes (the id column and one
            column each; a DataFrame, a dict of its columns or a CSV or Parquet file's path) to use instead of
            those seen at fit; static columns in a long ``data`` are read too. Neither: the values seen at fit.
            One series: a frame indexed by the next dates (or row numbers), ``cutoff`` (the last row's time) and
            ``step_ahead`` (1 ..), then a column per target (and ``<target>_q<level>``). Many series: one row per series
            and step: id (integer ids stay integers), time, ``cutoff``, ``step_ahead`` (decision 2144), ``<target>_hat``.
            The times are of the data's kind: periods (a ``PeriodIndex`` or period column) Periods, integer periods
            integers, numbers read with ``time_unit`` those numbers (Unix times, Excel serials), ISO weeks written
            YYYYWW (202431) those integers, in backtest and predict_windows too (``datatimes``); other dates pandas
            Timestamps, whatever text the data wrote them in (ISO week text '2024-W31' as its Monday, 2024-07-29; the
            CLI's CSV writes them back as the data wrote them): parse text dates before a join.
            Series that fit left out as too short are not forecast (a warning names them), nor a series whose timestamps
            fit found no calendar for (one all but a few rows keep is one: ``keptdates``), nor one the model was not
            fitted on, nor the model's the data lacks: each warned of, and listed on a panel's frame as
            ``attrs["not_forecast"]`` [{"id", "reason"}] ("no rows in the data", ...; []: none; decision 2197).
            Raises ``RnncastError`` for data too short for the lookback, data of no series the model knows, unseen static
            categories, missing future values, and timestamps no calendar explains (dates are never invented).
            """
        return self._output(newforecasts.new_horizon(self._model("predict"), data, future, static_covariates), data)

    def predict_array(self, inputs: np.ndarray, batch_size: int = 4096) -> np.ndarray:
        """Forecasts for a batch of input windows [N, lookback, columns] in original units -> [N, H, targets] float64
            in original units; a model fitted with quantiles gives every level, [N, H, targets, quantiles] sorted as
            ``predict`` sorts them (the point forecast, the median, at ``quantiles.index(0.5)``): what the ONNX
            export's ``y`` gives for the same windows. ``predict`` writes each forecast as the shortest decimal of the
            network's float32 (decision 67), so the two differ in the last digits (within half a float32 step of the
            network's output): compare them with a tolerance (``np.allclose``), not ``np.array_equal``.

            Columns in training order (targets, then features); a model fitted with ``target_input=False`` takes the
            features alone, [N, lookback, features], as the ONNX export's ``x``, or the windows with its target columns
            first, never read nor checked (decision 1780). For many windows of the one series a model was trained on. Models trained with future-known, calendar or static covariates, or on many
            series (each with its own scaler), need ``predict`` instead. Raises ``RnncastError`` for such a model,
            for inputs of another shape or holding a missing or infinite value, or a batch_size that is not a
            positive integer. ``batch_size``: windows the network runs at once; one above N runs all N together, its
            memory growing with N (200,000 windows at hidden_size 64: 1.5 GB more than at the default 4096).
            """
        return arrayforecasts.predict_array(self._model("predict_array"), inputs, batch_size)

    def predict_windows(self, data, part: str = "all", scaled: bool = False, series=None,
                        static_covariates=None) -> WindowForecasts:
        """Forecasts of every stride-1 window of ``data`` (or of one part of the fit's split).

            ``part``: "all" for every window of ``data``; "train" or "val" for the windows whose targets lie in the
            fit's training or validation rows; "test" for those whose targets come after the rows the model was fitted
            and validated on (new data included), found by the timestamps (``rnncast.parts``). ``scaled``: values in the
            scaler's units. ``series``: the id of one series of a panel (default: every series). ``static_covariates``:
            as for ``predict``. Where ``fill`` made values, ``filled`` [W, H, T] marks the targets made (not observed)
            and ``reads_later`` [W] the windows whose inputs hold a value filled from a row at or after their first
            target; ``evaluate`` scores neither (``windowforecasts.scored``). ``time``/``times``: as predict gives them. Each
            step's actual is its own date's: a step whose date the data lacks has a blank (NaN) one, marked in
            ``absent`` [W, H, T] (``stepactuals``; not in ``filled``: no fill made it), scored nowhere; a features-only
            model's blank label is blank, marked in ``filled``. A model reading future covariates leaves out, said, a
            window forecasting a date without a row (its covariates there are not in the data). Windows' inputs across calendar
            steps the data lacks take their rows as consecutive, as at fit, and a panel's series without a window of ``part`` are left
            out: a warning counts each. A model saved before the climatology was kept warns that its ``baselines`` hold
            none, as ``evaluate`` does. Raises ``RnncastError`` when ``part`` has no window in ``data``, for a
            ``series`` of a model fitted on one series without ids, or a list of ids given as ``series`` (it takes one).
            ``.to_frame()``: the windows as one long table in original units, test_forecasts.csv's (decision 1550)."""
        flag("scaled", scaled)
        original, in_scaler_units = newforecasts.new_windows(self._model("predict_windows"), data, part, series,
                                                             static_covariates)  # times in the data's form (datatimes)
        readout.say_older(self.state_)  # its baselines hold no climatology: said as evaluate says it (decision 1775)
        if original.source is not None:  # to_frame's table maker (testforecasts), given here: windowforecasts is below it
            original.source.frame = testforecasts.frame
        return datatimes.in_windows(in_scaler_units if scaled else original, self.state_.calendar.text_format)

    def evaluate(self, data, part: str = "test", by_series: bool = False, static_covariates=None) -> dict:
        """Metrics of the model and of the baselines on the windows of ``part`` of ``data``, in original and
            scaled units, and whether the model's lower error is beyond chance (Diebold–Mariano p-value per baseline).

            ``part`` (``rnncast.parts``): "test" (default) scores only windows whose targets come after the rows the
            model was fitted and validated on (the fit's test split and any newer rows), so the score never rests on
            rows the model learned from; "train" and "val" the fit's training or validation rows; "all" every window.
            ``result["scored"]`` says what was scored: the part, the windows, how many have targets on training,
            validation, test or new rows, their dates, and ``text`` (one sentence). Values ``fill`` made are not scored:
            a filled target is left out of every score (the baselines' and the test's too), a window whose inputs hold
            a value filled from a row at or after its first target is left out whole (``filled_targets``,
            ``windows_left_out``, ``windows_scored``). A panel's series without a window of the part (too short, or none
            in it; ``series_left_out``) or that fit left out as too short (``not_trained``) are named, the others scored;
            windows across calendar steps the data lacks are scored as fit takes them (``across_gaps``); each in ``notes``.

            MASE divides each absolute error by its series' in-sample seasonal naive MAE on every row before the
            cutoff, training and validation (``season``; naive with season 1; decision 2173); it has no units, so both blocks carry the same MASE. Quantile models add
            the pinball loss (the mean over the levels), ``wql`` (GluonTS's mean_wQuantileLoss, no units),
            ``coverage_<width>`` for each central interval the levels give (the share of actuals inside it, 0-1:
            ``coverage_80`` for 0.1-0.9, ``coverage_90`` for 0.05-0.95), ``msis_<width>`` for each (M4's MSIS, pooled over
            values and on MASE's scale, no units) and ``by_level`` (per level, as text: ``below``, the share of actuals at or below it, its
            ``pinball`` and ``wql``; with ``values``, the count scored, ``actuals``, the distinct ones, and ``step_counts``,
            each horizon step's counts on windows whose origins are that step apart: decisions 2042, 2075, 2093), to the model's and each baseline's (from its intervals) block, pooled, and with
            several targets each target's (``by_target``). ``by_series``: each series' original-unit metrics (``result["series"][id]``, an integer id
            as given; one series without an id: its target's name), with several targets each target's in its own units
            too (``result["series"][id]["by_target"][target]``, with its "windows", decision 2236), on a panel "dm_p_holm_<baseline>" (2241). In words (``readout.read_out``): ``verdict``,
            if the model beats every baseline; ``notes``, ``hints``: lists of lines. ``RnncastError`` for an unknown
            part, no window of the part in any series (naming a part that would, those too short), or nothing scored.

            Keys (every one, each always there unless its "where" says otherwise; see ``evaluation.evaluate`` and
            ``readout.evaluated``): ``windows``, ``horizon``, ``targets`` (counts); ``windows_scored`` where fill left
            windows out whole; ``scored``; ``original`` and ``scaled``:
            ``{"model" | baseline: {"mse", "rmse", "mae", "r2", "smape_pct", "mape_pct", "mase"}}`` (sMAPE and MAPE in
            percent, original units only; a quantile model's adds "pinball", "wql", "coverage_<width>", "msis_<width>" and
            "by_level"), in the data's units
            and in the scaler's; ``scaled_by`` where no scaler scaled them (what they are divided by);
            ``r2_by_series`` where several series are scored (R² is each series' own, averaged); ``pooled`` where a few
            series hold most of a panel's original-unit error; ``scaled_few`` where a few series of small training
            spread hold its scaled error or pooled MASE (warned of: scaledshares.py); ``no_demand`` where series
            without demand in the values scored pull the pooled MASE down (warned of: nodemand.py); ``mase_excluded`` where some series have no MASE scale;
            ``zero_actuals`` where actuals at or near 0 make MAPE and sMAPE unstable (its "median" key: medianpoint.py); ``by_target`` where there are
            several targets (each target's scores in its own units), with ``target_shares`` (each target's share of
            the model's scaled MSE, the targets it loses on to a baseline it beats pooled) and ``target_windows`` (each one's windows, decision 2236); ``significance``: ``{baseline: {"statistic",
            "p_value", ...}}`` on the scaled errors (``significance_pinball``: the same on a quantile model's pinball
            losses against each baseline's intervals, on the values it has one for, decision 1909); ``series`` where by_series=True; ``mase_season`` (the season MASE's
            naive forecast steps back); ``by_step``: ``[{"step": 1, "model": {"mse", "mae", "mase", "rmse"}, baseline: {...}},
            ...]``, each step ahead's scores in original units, as a backtest's metrics.json keeps them (its table:
            by_step.csv's, decision 2030); a quantile model's, and each baseline's from its intervals, add "pinball",
            "wql", "coverage_<width>", "msis_<width>" and "by_level" (the step's "by_level" without Kupiec's
            "by_step" counts, decision 2042), and a seasonal naive lacking some values "values_left_out" (``{"values",
            "of", "model"}``: the model's scores on the values it has, decision 1994; all of them: its scores NaN);
            ``test_overlap`` where fit warned of it; ``verdict`` (text), ``notes``, ``hints`` (lists of lines); ``against_baselines`` (the verdict for a machine, as fit's metrics.json keeps
            each part's: ``verdictfields.fields``), ``intervals_against_baselines`` (the quantiles' verdict, None for a
            point model: ``verdictfields.intervals``, decision 1957) and ``model_kept`` ("trained", "untrained"; None for a model saved
            before it kept its epochs or whose fit has not ended), decision 1878.
            """
        flag("by_series", by_series)
        forecasts = self.part_forecasts(data, part, static_covariates)
        result = readout.evaluated(self, forecasts, part, by_series)
        return forecasts.key.keyed(result) if forecasts.key is not None else result  # series by (item, store)

    def part_forecasts(self, data, part: str = "test", static_covariates=None) -> PartForecasts:
        """The forecasts of ``part``'s windows of every series of ``data`` (the series fit left out as
        too short are skipped with a warning) in original and scaled units: what ``evaluate`` scores,
        computed once so that a report can score and plot the same forecasts; ``.to_frame()``: predict_windows' table."""
        return newforecasts.new_part(self._model("evaluate"), data, part, static_covariates, testforecasts.frame)


_SEED_NOTE = ("Fits in several threads of one process train one at a time, each on its own seeded stream (torch's "
              "generator is the process's; decision 1454): run fits in processes to run them in parallel; an on_epoch "
              "must not wait on a fit in another thread (it would wait for ever: decision 1509)")
Forecaster.__doc__ += parameters_doc({"seed": _SEED_NOTE}) + attributes_doc()  # the settings' own help, as the flags give it; what fit learns
