"""A file given to Forecaster.load: each refused with the step from Python that file calls for."""

import pytest

from rnncast import Forecaster, RnncastError


def test_a_tunes_best_settings_given_to_load_are_trained_first_from_python(tmp_path):
    best = tmp_path / "tu1" / "best.toml"
    best.parent.mkdir()
    best.write_text("# best trial 0 of study 'rnncast'\nlr = 0.01\n")
    with pytest.raises(RnncastError) as err:
        Forecaster.load(best)
    message = str(err.value)
    assert message.startswith(f"{best} is a tune's best settings (rnncast tune wrote it), not a fitted model; train")
    assert f"rnncast.configfile.read_config({str(best)!r})" in message and "Forecaster(**settings).fit(" in message
    assert "rnncast fit" not in message  # the API's step, not the command line's
    mine = tmp_path / "mine.toml"
    mine.write_text("lr = 0.01\n")
    with pytest.raises(RnncastError, match=r"mine.toml is a config file of settings, not a fitted model; train"):
        Forecaster.load(mine)


def test_the_step_said_trains_a_forecaster_with_the_settings(tmp_path):
    from rnncast.configfile import read_config
    best = tmp_path / "best.toml"
    best.write_text("data = 'x.csv'\ntarget = 'y'\nlr = 0.01\nhidden_size = 8\n")
    settings, request = read_config(best)
    assert Forecaster(**settings).get_params()["hidden_size"] == 8 and request["target"] == ["y"]


def test_a_runs_config_json_is_its_folder_and_other_files_the_data(tmp_path):
    run = tmp_path / "run"
    (run / "model").mkdir(parents=True)
    (run / "config.json").write_text("{}")
    with pytest.raises(RnncastError, match=r"config.json is a run's config, not a model folder; give its folder, "
                                           r"Forecaster.load\('.*run'\)$"):
        Forecaster.load(run / "config.json")
    (tmp_path / "sales.csv").write_text("date,sales\n2024-01-01,1\n")
    with pytest.raises(RnncastError, match=r"sales.csv is a file, not a model folder: .* predict or evaluate$"):
        Forecaster.load(tmp_path / "sales.csv")
