"""fit's (and tune's) request from the command line (``cli/fitrequest.py``): a --config file's settings and data
overridden by the flags given, its paths read as rnncast reads them; what cannot be done refused in one line."""

from __future__ import annotations

import re

import pytest

from rnncast import RnncastError
from rnncast.cli.fitrequest import fit_request
from rnncast.cli.parser import build_parser


def _args(*argv):
    return build_parser().parse_args(list(argv))


def test_a_toml_files_settings_and_paths_give_way_to_the_flags(tmp_path):
    (tmp_path / "run.toml").write_text('data = "sales.csv"\ntarget = "y"\nepochs = 3\nhidden_size = 8\n')
    (tmp_path / "sales.csv").write_text("y\n1\n")
    settings, request, out, track = fit_request(_args("fit", "--config", str(tmp_path / "run.toml"), "--epochs", "5"))
    assert settings["epochs"] == 5 and settings["hidden_size"] == 8  # the flag over the file
    assert request["source"] == str(tmp_path / "sales.csv") and request["target"] == ["y"]  # beside the file
    assert out is None and track is None


def test_each_flag_that_replaces_a_config_value_is_said_in_one_line(tmp_path, capsys):
    """--lookback 20 over the file's 14 (or DATA over its data) was used without a word; a flag giving the file's own
    value is not said."""
    (tmp_path / "run.toml").write_text('data = "sales.csv"\ntarget = "y"\nlookback = 14\nepochs = 3\n')
    (tmp_path / "sales.csv").write_text("y\n1\n")
    (tmp_path / "other.csv").write_text("y\n1\n")
    fit_request(_args("fit", str(tmp_path / "other.csv"), "--config", str(tmp_path / "run.toml"), "--lookback", "20",
                      "--epochs", "3", "--target", "y"))
    err = capsys.readouterr().err.splitlines()
    assert f"--lookback 20 replaces the config's 14 ({tmp_path / 'run.toml'})" in err
    assert any(line.startswith(f"DATA {tmp_path / 'other.csv'} replaces the config's sales.csv") for line in err)
    assert not any("--epochs" in line or "--target" in line or "not a repeat" in line for line in err)


def test_a_cutoff_typed_over_a_configs_test_frac_replaces_it(tmp_path, capsys):
    """t39t7 2: `fit --config FINAL --cutoff X`, FINAL a final fit (test_frac 0), was refused as test_frac 0 beside a
    cutoff, then `--test-frac 0.3 --cutoff X` as both given; only the default 0.2 typed ran (decision 2148)."""
    (tmp_path / "run.toml").write_text('data = "sales.csv"\ntarget = "y"\ntest_frac = 0.0\nval_frac = 0.0\n')
    (tmp_path / "sales.csv").write_text("y\n1\n")
    settings, *_ = fit_request(_args("fit", "--config", str(tmp_path / "run.toml"), "--cutoff", "2026-08-01"))
    assert "test_frac" not in settings and settings["cutoff"] == "2026-08-01" and settings["val_frac"] == 0.0
    assert (f"--cutoff 2026-08-01 replaces the config's test_frac 0 ({tmp_path / 'run.toml'}): every row after the "
            "cutoff is a test row") in capsys.readouterr().err
    settings, *_ = fit_request(_args("fit", "--config", str(tmp_path / "run.toml"), "--epochs", "2"))
    assert settings["test_frac"] == 0.0  # without a cutoff typed, the file's


def test_a_test_frac_typed_over_a_configs_cutoff_replaces_it(tmp_path, capsys):
    """t40t1 M2: README's final fit, `fit --config RUN --test-frac 0`, of a run scored with --cutoff was refused as
    test_frac 0 beside a cutoff, after a line saying it replaced the unused 0.2 (decision 2169)."""
    (tmp_path / "run.toml").write_text('data = "sales.csv"\ntarget = "y"\ntest_frac = 0.2\ncutoff = "2025-10-31"\n')
    (tmp_path / "sales.csv").write_text("y\n1\n")
    settings, *_ = fit_request(_args("fit", "--config", str(tmp_path / "run.toml"), "--test-frac", "0"))
    assert "cutoff" not in settings and settings["test_frac"] == 0.0
    err = capsys.readouterr().err
    assert f"--test-frac 0 replaces the config's cutoff 2025-10-31 ({tmp_path / 'run.toml'}): no row is a test row" in err
    assert "replaces the config's 0.2" not in err
    settings, *_ = fit_request(_args("fit", "--config", str(tmp_path / "run.toml"), "--test-frac", "0.3"))
    assert "cutoff" not in settings and "the last 30% of each series' rows are test rows" in capsys.readouterr().err
    fit_request(_args("fit", "--config", str(tmp_path / "run.toml"), "--test-frac", "0.125"))  # r40-1 L8: not "12%"
    assert "the last 12.5% of each series' rows are test rows" in capsys.readouterr().err
    settings, *_ = fit_request(_args("fit", "--config", str(tmp_path / "run.toml"), "--test-frac", "0", "--cutoff",
                                     "2025-09-30"))
    assert settings["cutoff"] == "2025-09-30" and settings["test_frac"] == 0.0  # both typed: refused at the fit


def test_a_backtests_folder_as_config_says_its_windows_are_not_taken(tmp_path, caplog):
    """fit (or tune) --config BACKTEST_FOLDER dropped the backtest's n_windows, step and refit without a word."""
    import json

    (tmp_path / "sales.csv").write_text("y\n1\n")
    (tmp_path / "bt").mkdir()
    (tmp_path / "bt" / "config.json").write_text(json.dumps({
        "settings": {"epochs": 1}, "data": {"source": str(tmp_path / "sales.csv"), "target": ["y"], "from_run": "r"},
        "backtest": {"n_windows": 2, "step": 3, "refit": False}}))
    settings, request, _, _ = fit_request(_args("fit", "--config", str(tmp_path / "bt")))
    assert settings["epochs"] == 1 and request["target"] == ["y"]
    assert f"config {tmp_path / 'bt'} is a backtest's: fit takes its settings and data, not its windows (n_windows 2, " \
           "step 3, refit false), which are rnncast backtest's flags" in caplog.text


def test_verbose_true_in_a_toml_config_is_said_to_be_the_python_bar(tmp_path, capsys):
    """verbose = true was accepted, recorded and did nothing on the command line; false (best.toml's) is not said."""
    (tmp_path / "sales.csv").write_text("y\n1\n")
    (tmp_path / "run.toml").write_text('data = "sales.csv"\nverbose = true\n')
    fit_request(_args("fit", "--config", str(tmp_path / "run.toml")))
    assert "is the Python API's progress bar (Forecaster(verbose=True)); rnncast fit draws its own, and -v/--verbose" \
        in capsys.readouterr().err
    (tmp_path / "run.toml").write_text('data = "sales.csv"\nverbose = false\n')
    fit_request(_args("fit", "--config", str(tmp_path / "run.toml")))
    assert "verbose" not in capsys.readouterr().err


def test_a_refused_out_folder_the_config_named_says_it_is_the_configs(tmp_path):
    """An out set in the config, refused, said "--out runs/x holds a finished run": a flag that was never given."""
    from rnncast.cli.fitrequest import config_out

    (tmp_path / "run.toml").write_text('data = "sales.csv"\nout = "done"\n')
    args = _args("fit", "--config", str(tmp_path / "run.toml"))
    with pytest.raises(RnncastError, match=r"^--out x holds a finished run \(x is the out of config .*run.toml\)$"):
        with config_out(args, "x"):
            raise RnncastError("--out x holds a finished run")
    args = _args("fit", "--config", str(tmp_path / "run.toml"), "--out", "y")
    with pytest.raises(RnncastError, match=r"^--out y holds a finished run$"):  # the flag's own: as it was
        with config_out(args, "y"):
            raise RnncastError("--out y holds a finished run")


def test_without_data_the_request_is_refused_naming_resume():
    with pytest.raises(RnncastError, match=r"^fit needs DATA, and --target COLUMN .*, or --resume RUN to continue a run$"):
        fit_request(_args("fit"))


def test_overwrite_without_an_out_folder_is_refused(tmp_path):
    with pytest.raises(RnncastError, match="--overwrite"):
        fit_request(_args("fit", str(tmp_path / "sales.csv"), "--overwrite"))


def _best_toml(folder, table: str, **files) -> str:
    """A best.toml of a trial that used a static table in memory (``table``: its static_table), the data sales.csv and
    the ``files`` (name: text) beside it; the config's path."""
    (folder / "best.toml").write_text(f'target = "y"\nid_col = "sid"\nstatic_table = {table}\nepochs = 1\n')
    for name, text in {"sales.csv": "sid,y\na,1\n", **files}.items():
        (folder / name).write_text(text)
    return str(folder / "best.toml")


def test_a_best_toml_whose_trial_used_a_static_table_in_memory_is_refused_without_one(tmp_path):
    """Decision 1203: best.toml only commented on a static table tune was given in memory, and fit --config trained
    with no static covariates, silently. Its columns are static_table: refused by name unless a table is given."""
    config = _best_toml(tmp_path, '["size", "region"]', **{"static.csv": "sid,size,region\na,1,n\n"})
    with pytest.raises(RnncastError, match=r"^config .*best\.toml's trial used the static covariates 'size', 'region' "
                                           r"from a table given in memory, .*: give that table with --static FILE"):
        fit_request(_args("fit", str(tmp_path / "sales.csv"), "--config", config))
    _, request, _, _ = fit_request(_args("fit", str(tmp_path / "sales.csv"), "--config", config, "--static",
                                         str(tmp_path / "static.csv")))
    assert request["static"] == str(tmp_path / "static.csv")


def test_a_static_file_for_a_best_tomls_static_table_lacking_a_column_is_refused_and_extra_columns_are_said(
        tmp_path, caplog):
    """Decision 1208: fit --config best.toml --static FILE trained with FILE whatever its columns, the trial's
    'size' absent or 'region' added. A lacking column is refused by name; an added one is said."""
    config = _best_toml(tmp_path, '["size"]', **{"other.csv": "sid,region\na,n\n", "more.csv": "sid,size,region\na,1,n\n"})
    with pytest.raises(RnncastError, match=r"^config .*best\.toml's trial used static covariates 'size'; "
                                           r".*other\.csv has 'region', not 'size': give --static a table"):
        fit_request(_args("fit", str(tmp_path / "sales.csv"), "--config", config, "--static",
                          str(tmp_path / "other.csv")))
    with caplog.at_level("WARNING"):
        _, request, _, _ = fit_request(_args("fit", str(tmp_path / "sales.csv"), "--config", config, "--static",
                                             str(tmp_path / "more.csv")))
    assert request["static"] == str(tmp_path / "more.csv")
    said = [r.getMessage() for r in caplog.records if "adds static covariates" in r.getMessage()]
    assert len(said) == 1 and "'region'" in said[0] and "it used 'size'" in said[0] and "'sid'" not in said[0]


def test_static_covariates_named_for_a_best_tomls_static_table_are_checked_as_a_static_file_is(tmp_path, caplog):
    """Decision 1214: 1208 checked a --static FILE's columns against best.toml's static_table, but columns named with
    --static-covariates trained whatever they were ('region' in place of 'size'), saying nothing. One check for both:
    a lacking column refused by name, an added one said."""
    config = _best_toml(tmp_path, '["size"]', **{"sales.csv": "sid,y,size,region\na,1,1,n\n"})
    data = str(tmp_path / "sales.csv")
    with pytest.raises(RnncastError, match=r"^config .*best\.toml's trial used static covariates 'size'; "
                                           r"--static-covariates names 'region', not 'size': give --static-covariates "
                                           r"the trial's columns, or --static a table of them$"):
        fit_request(_args("fit", data, "--config", config, "--static-covariates", "region"))
    with caplog.at_level("WARNING"):
        _, request, _, _ = fit_request(_args("fit", data, "--config", config, "--static-covariates", "size,region"))
    assert request["static_covariates"] == ["size", "region"]
    said = [r.getMessage() for r in caplog.records if "adds static covariates" in r.getMessage()]
    assert said == [f"--static-covariates adds static covariates 'region' that config {config}'s trial did not use "
                    "(it used 'size'); fit trains with them too"]
    caplog.clear()
    with caplog.at_level("WARNING"):
        _, request, _, _ = fit_request(_args("fit", data, "--config", config, "--static-covariates", "size"))
    assert request["static_covariates"] == ["size"] and not caplog.records  # the trial's own: nothing said
    (tmp_path / "own.toml").write_text('target = "y"\nid_col = "sid"\nstatic_table = ["size"]\n'
                                       'static_covariates = ["region"]\n')  # the file's own columns: checked alike
    with pytest.raises(RnncastError, match=r"'s trial used static covariates 'size'; static_covariates names 'region', "):
        fit_request(_args("fit", data, "--config", str(tmp_path / "own.toml")))
    with pytest.raises(RnncastError, match=r"^config .*'s trial used the static covariates 'size' from a table given in "
                                           r"memory, .*: give that table with --static FILE \(the id column\(s\) and its "
                                           r"column\), or name its column in DATA with --static-covariates$"):
        fit_request(_args("fit", data, "--config", config))


def test_a_static_file_keyed_by_another_column_is_refused_before_its_columns_are_called_covariates(tmp_path, caplog):
    """A table keyed by 'id' for best.toml's id column 'sid' was first warned "adds static covariates 'id' ... fit
    trains with them too", then refused for lacking 'sid': its id column is no covariate; refused first, alone."""
    config = _best_toml(tmp_path, '["size"]', **{"other.csv": "id,size\na,1\n"})
    with caplog.at_level("WARNING"), pytest.raises(RnncastError, match=r"^the static covariate table needs the id "
                                                                      r"column 'sid'; it has id, size"):
        fit_request(_args("fit", str(tmp_path / "sales.csv"), "--config", config, "--static", str(tmp_path / "other.csv")))
    assert "adds static covariates" not in caplog.text


def test_the_columns_a_config_file_names_are_refused_naming_the_file_not_a_flag_never_given(tmp_path):
    """A run's config.json with "past_covariates": "price" beside its features ['price'] was refused as "named by
    features= (--features) and past_covariates= (--past-covariates)", flags the user never gave (t30t5)."""
    from rnncast.rolenames import one_role
    from rnncast.spelling import config_settings

    path = tmp_path / "run.toml"
    path.write_text('data = "sales.csv"\ntarget = "y"\nfeatures = ["price"]\npast_covariates = ["price"]\nepochs = 3\n')
    (tmp_path / "sales.csv").write_text("y,price\n1,2\n")
    for flags, said in (([], rf"features \(in config {path}\) and past_covariates \(in config {path}\);"),
                        (["--features", "price"], rf"features= \(--features\) and past_covariates \(in config {path}\);")):
        with config_settings(), pytest.raises(RnncastError, match=rf"^column 'price' is named by {said} give each"):
            fit_request(_args("fit", "--config", str(path), *flags))
            one_role(features=["price"], past_covariates=["price"])


def test_a_column_a_config_file_names_that_is_not_found_is_refused_naming_the_key_and_file(tmp_path):
    """A run's config.json with "future_covariates": "pric" was refused as "column 'pric' not found (did you mean
    'price'?)", no key or file named (t30t5); its target and time_col the same, as --target or --time-col not given
    (None) counted as flags over them. A flag's column is refused as the user typed it."""
    import pandas as pd

    from rnncast.layouts import single_rows
    from rnncast.spelling import config_settings

    path = tmp_path / "run.toml"
    (tmp_path / "sales.csv").write_text("date,y,price\n")
    frame = pd.DataFrame({"date": pd.date_range("2024-01-01", periods=4), "y": [1.0, 2, 3, 4], "price": [1.0, 2, 3, 4]})
    for key, value, said in (("future_covariates", '["pric"]', "future_covariates (in config {path}): column 'pric'"),
                             ("past_covariates", '"pric"', "past_covariates (in config {path}): column 'pric'"),
                             ("time_col", '"dat"', "time_col (in config {path}): time column 'dat'")):
        path.write_text(f'data = "sales.csv"\ntarget = "y"\n{key} = {value}\nepochs = 3\n')
        with config_settings():
            _, request, _, _ = fit_request(_args("fit", "--config", str(path)))
            with pytest.raises(RnncastError, match="^" + re.escape(said.format(path=path)) + " not found"):
                single_rows(frame, request["target"], request["time_col"], None, False,
                            request.get("past_covariates"), request.get("future_covariates"), None)
    path.write_text('data = "sales.csv"\ntarget = "yy"\nepochs = 3\n')
    with config_settings():
        _, request, _, _ = fit_request(_args("fit", "--config", str(path)))
        with pytest.raises(RnncastError, match=f"^target \\(in config {re.escape(str(path))}\\): column 'yy' not found"):
            single_rows(frame, request["target"], None, None, False, None, None, None)
        _, request, _, _ = fit_request(_args("fit", "--config", str(path), "--target", "yyy"))
        with pytest.raises(RnncastError, match="^column 'yyy' not found"):
            single_rows(frame, request["target"], None, None, False, None, None, None)


def test_a_run_repeated_on_another_thread_count_says_which_count_repeats_it(tmp_path, caplog, monkeypatch):
    """fit --config RUN with threads 0 on a machine of another count gave other weights without a word (decision 1622)."""
    import json
    import logging

    import torch

    run = tmp_path / "run"
    run.mkdir()
    (run / "config.json").write_text(json.dumps({"environment": {"threads_used": 3}}))
    from rnncast.cli.fitrequest import thread_note

    monkeypatch.setattr(torch, "get_num_threads", lambda: 2)
    with caplog.at_level(logging.INFO):
        thread_note(run, 0)
        thread_note(tmp_path / "missing", 0)  # unreadable: its reader refuses it, not this
    said = [r.getMessage() for r in caplog.records]
    assert len(said) == 1 and said[0].startswith(f"{run} was trained on 3 CPU thread(s) and this fit trains on 2")


def test_a_thread_count_given_on_purpose_is_one_line_and_no_advice_to_give_another(tmp_path, caplog, capsys,
                                                                                       monkeypatch):
    """fit --config RUN --threads 1 said "--threads 1 replaces the config's 0 (RUN)" unprefixed, then an INFO line
    advising "give --threads 2", the opposite of what was asked (a newcomer's find, decision 1657): one INFO line now,
    saying the results may differ in the last digits."""
    import json
    import logging

    import torch

    from rnncast.cli.fitrequest import thread_note

    run = tmp_path / "run"
    run.mkdir()
    (run / "config.json").write_text(json.dumps({"environment": {"threads_used": 2}}))
    monkeypatch.setattr(torch, "get_num_threads", lambda: 1)
    monkeypatch.setattr("os.cpu_count", lambda: 2)
    with caplog.at_level(logging.INFO):
        thread_note(run, 1, True, 0)  # --threads 1 replacing the run's 0, which trained on 2
        thread_note(run, 0, True)  # --resume RUN --threads 0, the run's own setting, given: no count advised
        thread_note(run, 2, True, 0)  # the count it trained on: the replacing alone, as every flag's
    said = [r.getMessage() for r in caplog.records]
    same = "its weights and forecasts will match that run's to float rounding, not bit for bit"  # other_count's (decision 1678)
    assert said == [f"--threads 1 replaces the config's 0 ({run}): {run} was trained on 2 CPU thread(s) and this fit "
                    f"trains on 1 (threads 1 on this machine's 2 cores): {same}",
                    f"{run} was trained on 2 CPU thread(s) and this fit trains on 1 (torch's own count here): {same}"]
    assert not any("give --threads" in line for line in said)
    assert capsys.readouterr().err.splitlines() == [f"--threads 2 replaces the config's 0 ({run})"]
    (tmp_path / "old.json").write_text(json.dumps({"settings": {}}))  # no count recorded: the replacing alone
    thread_note(tmp_path / "old.json", 1, True, 0)
    assert capsys.readouterr().err.splitlines() == [f"--threads 1 replaces the config's 0 ({tmp_path / 'old.json'})"]


def test_tune_of_a_run_and_a_gpu_trained_run_get_no_thread_advice(tmp_path, caplog, monkeypatch):
    """Decision 1671 (r33r2 4, 8): tune --config RUN was told "this fit ... give --threads 1 to repeat it bit for
    bit", and a run trained on a GPU was advised a CPU thread count, which does not decide a GPU's bits."""
    import json
    import logging

    import torch

    from rnncast.cli.fitrequest import thread_note
    from rnncast.spelling import config_settings

    run = tmp_path / "run"
    run.mkdir()
    (run / "config.json").write_text(json.dumps({"environment": {"threads_used": 3}, "device": "cpu"}))
    (tmp_path / "d.csv").write_text("y\n1\n2\n")
    monkeypatch.setattr(torch, "get_num_threads", lambda: 2)
    monkeypatch.setattr("rnncast.configfile.read_config", lambda *a: ({"threads": 0}, {"data": str(tmp_path / "d.csv")}))
    with caplog.at_level(logging.INFO), config_settings():  # as cli.main runs a command: the config's names end with it
        fit_request(_args("tune", "--config", str(run)), "tune")
        assert not caplog.records
        fit_request(_args("fit", "--config", str(run), "--device", "cpu"))
        assert [r.getMessage().startswith(f"{run} was trained on 3") for r in caplog.records] == [True]
        caplog.clear()
        thread_note(run, 0, device="cuda")  # this fit on a GPU
        (run / "config.json").write_text(json.dumps({"environment": {"threads_used": 3}, "device": "cuda:0"}))
        thread_note(run, 0, device="cpu")  # the run trained on one
    assert not caplog.records
