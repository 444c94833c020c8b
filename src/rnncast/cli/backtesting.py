"""``rnncast backtest DATA``, once its flags are parsed: the request read from the flags (``commands``' as fit's),
each cutoff forecast (``Forecaster.backtest``; --from-run: a fitted run's settings and columns), its folder written,
its scores, verdict and summary printed; a Ctrl-C or SIGTERM says what it left (``stopped.backtest_left``)."""

from __future__ import annotations

import sys
from pathlib import Path

from rnncast.cli.commands import panel_kwargs, panel_request, settings_from_args
from rnncast.cli.display import advise, epoch_bar
from rnncast.files import shown
from rnncast.pathargs import stem
from rnncast.outputs import claim_output, clear_output
from rnncast.scoretext import table


def backtest_note(extras: list[str]) -> str:
    """What backtest says of --test-frac among the arguments no parser took (``extras``): its windows are cutoffs; and
    of a second file given (``rnncast backtest RUN DATA``): a fitted run is named with --from-run."""
    if any(e.split("=")[0] == "--test-frac" for e in extras):
        return ("; backtest has no --test-frac: its windows are the last --n-windows cutoffs of every series, --step "
                "rows apart, not a final share of the rows")
    if any(not e.startswith("-") and Path(e).exists() for e in extras):
        return ("; backtest takes one DATA; to backtest a fitted run's settings and columns on it: rnncast backtest "
                "DATA --from-run RUN")
    return ""


def run_backtest(args) -> int:
    """Backtest DATA and write its folder; a Ctrl-C or SIGTERM says what it left and how to finish
    (``stopped.backtest_left``): a backtest keeps nothing to resume."""
    from rnncast import interrupts
    from rnncast.cli.stopped import backtest_left

    left = {"out": None, "stage": "run", "earlier": False}  # filled as it goes: what a signal leaves
    try:  # held as fit holds it: stopped at a batch, and a kill -INT to a script's background job ("cmd &") not dropped
        with interrupts.ctrl_c_between_batches():
            return _run_backtest(args, left)
    except KeyboardInterrupt as err:
        said = backtest_left(left["out"], left["stage"], left["earlier"], args.overwrite)
        print(f"rnncast: interrupted{interrupts.by(err)}; {said}", file=sys.stderr)
        return interrupts.exit_status(err)


def _run_backtest(args, left: dict) -> int:
    from rnncast import interrupts
    from rnncast.files import entries_of
    from rnncast.forecaster import Forecaster
    from rnncast.noticed import capture
    from rnncast.speakers import named_logs
    from rnncast.backtestfolder import write_backtest
    from rnncast.backtestpage import backtest_rows, backtest_units, dashed, seconds_said, skipped
    from rnncast.bandcounts import rests
    from rnncast.stepbins import step_text
    from rnncast.plots import MANY_CUTOFFS  # as many windows as the figure draws ticks for

    from rnncast.cli.byseries import check_file, write_file

    check_file(args, "backtest")  # --by-series-csv refused before the data is read, as evaluate's
    settings = settings_from_args(args)
    request = panel_request(args)
    forecaster = Forecaster.load(args.from_run) if args.from_run else Forecaster(**settings)
    ran = forecaster.get_params()  # the run's, said below where a flag replaces one
    if args.from_run:  # the run's test_frac is a fit's, passed over by a backtest: not set against its --cutoff
        from rnncast.config import DataSettings  # (a final fit's 0 included: decision 2117)

        cut = settings.get("cutoff") is not None and ran.get("test_frac") != DataSettings.test_frac
        forecaster.set_params(**({"test_frac": DataSettings.test_frac} if cut else {}), **settings)
    # the request as fit's config.json keeps it (cli/fitrequest.fit_request): configfile.read_run reads either back
    given = {"source": str(args.data), "target": args.target, "features": args.features, "time_col": args.time_col,
             **request}
    if args.from_run:  # the roles the backtest reads with: each given, else the fit's (fittedroles), as recorded
        from rnncast.cli.replacedvalues import of_run
        from rnncast.fittedroles import of_state

        fitted = of_state(forecaster.state_)
        of_run(args.from_run, settings, ran, given, fitted)  # "--hidden-size 8 replaces the run's 16 (RUN)"
        if args.features is not None:  # features= takes the place of both covariate roles
            fitted.update(past_covariates=None, future_covariates=None)
        given = {**given, **{k: v for k, v in fitted.items() if given.get(k) is None and not (
            k == "static_covariates" and given.get("static"))}, "from_run": str(args.from_run)}
        if _held_static(forecaster.state_, request):  # the values the model holds, as Python's backtest reads them
            given["static_held"] = True
    claim = claim_output(Path(args.out) if args.out else None, Path("runs") / f"{stem(args.data)}-backtest",
                          args.overwrite, "backtest")  # held until its files are written
    out = claim.folder
    left.update(out=out, earlier=bool(args.overwrite and entries_of(out)))  # an earlier backtest stays until the end
    epochs = forecaster.epochs if isinstance(forecaster.epochs, int) else 0
    bar = epoch_bar(f"{forecaster.cell} backtest", epochs * (args.n_windows if args.refit else 1))  # one fit per cutoff
    try:
        with capture() as noticed, named_logs():  # what rnncast notices, kept as a fit keeps it; --refit: each cutoff's named
            try:
                result = forecaster.backtest(args.data, n_windows=args.n_windows, step=args.step, refit=args.refit,
                                             target=args.target, features=args.features,  # lists of names, or 'all'
                                             time_col=args.time_col, on_epoch=bar, **panel_kwargs(request))
            finally:
                bar.close()
        interrupts.stop_if_asked()  # a signal while the last window was scored: stopped before the earlier one goes
        left["stage"] = "writing"  # a signal from here on is held until the files are written (ctrl_c_between_batches)
        if args.overwrite:
            clear_output(out)  # the earlier output goes only once the new one is ready
        write_backtest(out, result, forecaster.get_params(), source=str(args.data), request=given, noticed=noticed)
        m, panel = result.metrics, result.panel  # each series' scores as evaluate writes them (decision 1660)
        wrote = write_file(args.by_series_csv, {"series": m["by_series"], "targets": m["targets"], **{k: m[k] for k in (
            "mase_excluded", "skipped_series") if k in m}}, panel.dialect, panel.id_col, args.overwrite, panel.key)
    finally:
        claim.release(tidy=True)
    left["stage"] = "written"  # whole: a signal from here on leaves it so
    rows, count = backtest_rows(result.metrics), len(result.metrics["windows"])
    if count > MANY_CUTOFFS:  # 500 windows: 2,000 rows before the overall ones (decision 1563); the files keep them all
        print(f"Metrics overall ({backtest_units(result.metrics)}); each of the {count} windows' own are in "
              f"{out}/report.html and metrics.json:")
        print(table(rows[0], [row for row in rows[1:] if str(row[0]).startswith("overall")]))
    else:
        print(f"Metrics per window and overall ({backtest_units(result.metrics)}):")  # the page's heading
        print(table(rows[0], rows[1:]))
    if few := rests(result.metrics["overall"]):  # interval scores on fewer values than the model's (decision 2139)
        print(few)
    if note := dashed(result.metrics, windows=count <= MANY_CUTOFFS):  # the seasonal naive's "-" (decision 2029): of
        # the windows only where their rows are printed (decision 2080)
        print(note)
    if steps := step_text(result.metrics):  # Prophet's performance_metrics, binned (decision 2002); none at horizon 1
        print(steps)
    print(result.verdict)  # the result's words (readout.backtest_said), as evaluate prints its own
    if result.said.each:
        print(result.said.each)  # each baseline on its own: a red verdict names one
    if result.said.targets:
        print(result.said.targets)  # the targets a pooled verdict rests on, and those the model loses on
    for line in result.notes:
        print(line)  # values fill made (why a window may be left out), the intervals
    seconds = result.metrics["seconds"]
    out_ = result.metrics.get("windows_left_out")  # a series lacking a row at a cutoff: that window not forecast
    less = f" ({out_['windows']} left out: a row missing)" if out_ else ""
    if gone := skipped(result.metrics["skipped_series"]):  # as the page's "series" row counts them (decision 1704)
        less += f", {len(result.metrics['skipped_series'])} more series left out ({', '.join(gone)})"
    print(f"{result.metrics['series']} series x {args.n_windows} windows{less}; {seconds_said(seconds)}; "
          f"wrote {shown(str(out) + '/report.html')}")
    if wrote:
        print(wrote)
    for line in result.hints:
        advise(line)  # on stderr, the advice last, after the summary line, as fit prints it (decision 151)
    return 0


def _held_static(state, request: dict) -> bool:
    """Whether ``backtest --from-run`` reads the run's static covariates from the values its model holds: the fit read
    them from a table of their own (--static FILE) and neither a table nor columns are given again. The backtest then
    trains on them as Python's ``fitted.backtest`` does (``fittedroles.held_static``, decision 597)."""
    return bool(state.static_table and not request.get("static") and not request.get("static_covariates"))
