"""Where a config file's files are: a TOML file's relative paths from its own folder (refused where the
current directory holds another file of the name), a run's files absolute first, then from the run folder."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import make_frame
from rnncast import RnncastError
from rnncast.cli import main
from rnncast.configpaths import run_file, run_locations, toml_path

ARGS = ["--epochs", "1", "--lookback", "12", "--horizon", "3", "--hidden-size", "8", "--device", "cpu"]


@pytest.fixture
def project(tmp_path, monkeypatch) -> Path:
    """``tmp_path/project/{run.toml, d.csv}``; the current directory ``tmp_path/elsewhere``, empty."""
    (tmp_path / "project").mkdir()
    (tmp_path / "elsewhere").mkdir()
    make_frame(200).to_csv(tmp_path / "project" / "d.csv", index=False)
    (tmp_path / "project" / "run.toml").write_text('data = "d.csv"\ntarget = "y"\n')
    monkeypatch.chdir(tmp_path / "elsewhere")
    return tmp_path / "project"


def test_a_toml_files_relative_path_is_read_from_its_folder_from_any_directory(project):
    assert toml_path(project / "run.toml", "data", "d.csv") == str(project / "d.csv")
    assert toml_path(project / "run.toml", "out", "runs/a") == str(project / "runs" / "a")  # an output too
    assert toml_path(project / "run.toml", "data", str(project / "d.csv")) == str(project / "d.csv")  # absolute


def test_a_toml_path_naming_two_files_is_refused_naming_both(project):
    make_frame(120).to_csv("d.csv", index=False)  # another d.csv in the current directory
    with pytest.raises(RnncastError) as err:
        toml_path(project / "run.toml", "data", "d.csv")
    assert f"gives data = 'd.csv', which names two files: {project / 'd.csv'} (from the config file's folder" in str(err.value)
    assert f"and {Path.cwd() / 'd.csv'} (from the current directory)" in str(err.value)
    assert "absolute path in the file, or give it on the command line (DATA)" in str(err.value)


def test_the_config_files_folder_as_the_current_directory_is_one_file(project, monkeypatch):
    monkeypatch.chdir(project)
    assert toml_path(Path("run.toml"), "data", "d.csv") == "d.csv"


def test_a_toml_file_found_only_in_the_current_directory_is_not_read_in_its_place(project):
    (project / "d.csv").rename("d.csv")  # as a best.toml tune wrote before its paths were absolute
    with pytest.raises(RnncastError) as err:
        toml_path(project / "run.toml", "data", "d.csv")
    line = str(err.value)
    assert f"{project / 'd.csv'} (read from the config file's folder) was not found" in line
    assert f"{Path.cwd() / 'd.csv'} in the current directory is not read in its place" in line
    assert "give it on the command line (DATA)" in line


def test_fit_config_reads_the_toml_files_data_from_its_folder(project, capsys):
    make_frame(120).to_csv("d.csv", index=False)
    assert main(["fit", "--config", str(project / "run.toml"), *ARGS, "--out", "run"]) == 2  # two files: refused
    assert "names two files" in capsys.readouterr().err
    Path("d.csv").unlink()
    assert main(["fit", "--config", str(project / "run.toml"), *ARGS, "--out", "run"]) == 0
    assert json.loads(Path("run/config.json").read_text())["fingerprint"]["rows"] == 200  # the config's d.csv
    make_frame(120).to_csv("mine.csv", index=False)  # DATA given: the file's path is not looked for
    assert main(["fit", "--config", str(project / "run.toml"), "mine.csv", *ARGS, "--out", "run2"]) == 0


def test_a_runs_files_are_looked_for_absolute_then_from_the_run_folder(tmp_path):
    run = tmp_path / "runs" / "a"
    run.mkdir(parents=True)
    config = {"settings": {}, "data": {"source": "d.csv", "static": "attrs.csv"},
              "paths": {"source": {"absolute": "/data/d.csv", "from_run": "../../d.csv"},
                        "static": {"absolute": "/data/attrs.csv", "from_run": "../../attrs.csv"}}}
    (run / "config.json").write_text(json.dumps(config))
    places = run_locations(run, {"data": "d.csv", "static": "attrs.csv"})
    assert places["data"] == [("absolute", Path("/data/d.csv")), ("from the run folder", run / "../../d.csv")]
    assert [how for how, _ in places["static"]] == ["absolute", "from the run folder"]
    del config["paths"]  # a run written before the paths were kept
    (run / "config.json").write_text(json.dumps(config))
    assert run_locations(run / "config.json", {"data": "d.csv"}) == {"data": [("as written", Path("d.csv"))]}


def test_a_runs_request_path_edited_after_the_run_is_refused_naming_both_unless_the_file_is_given(tmp_path):
    """config.json's data.source edited to 'ext.csv': fit --config RUN trained on the file the run had read, without a
    word (a tester's finding, decision 558)."""
    read = tmp_path / "data" / "daily.csv"
    read.parent.mkdir()
    read.write_text("a\n1\n")
    run = tmp_path / "runs" / "a"
    run.mkdir(parents=True)
    config = {"settings": {}, "data": {"source": "ext.csv"},
              "paths": {"source": {"absolute": str(read), "from_run": "../../data/daily.csv"}}}
    (run / "config.json").write_text(json.dumps(config))
    with pytest.raises(RnncastError, match=r"config\.json names its data 'ext\.csv', but the run read .*data/daily\.csv "
                                           r"\(its 'paths'\): the file was edited after the run; give the file to read on "
                                           r"the command line \(DATA\)"):
        run_locations(run, {"data": "ext.csv"})
    assert run_locations(run, {"data": "ext.csv"}, ("data",))["data"][0] == ("absolute", read)
    for same in ("daily.csv", "../data/daily.csv", str(read), "./data/daily.csv"):  # a path to the file read
        assert run_locations(run, {"data": same})["data"][0] == ("absolute", read), same
    with pytest.raises(RnncastError, match="names its data '/other/daily.csv'"):
        run_locations(run, {"data": "/other/daily.csv"})
    config["paths"]["source"]["absolute"] = str(tmp_path / "moved-away" / "daily.csv")  # gone: the project moved
    (run / "config.json").write_text(json.dumps(config))
    assert run_locations(run, {"data": "/new/place/daily.csv"})["data"] == [  # the path mended by hand is read (563)
        ("as config.json now names it", Path("/new/place/daily.csv"))]


def test_a_runs_file_read_is_said_where_another_lies_from_the_run_folder(tmp_path, caplog):
    for name in ("old.csv", "new.csv"):
        (tmp_path / name).write_text("a\n1\n")
    tries = [("absolute", tmp_path / "old.csv"), ("from the run folder", tmp_path / "new.csv")]
    assert run_file("run", "data", tries, "give DATA") == tmp_path / "old.csv"
    assert f"{tmp_path / 'new.csv'} (from the run folder) is another file, not read" in caplog.text
    with pytest.raises(RnncastError, match=r"no data file of run run was found; tried .*gone.csv \(absolute\); give DATA"):
        run_file("run", "data", [("absolute", tmp_path / "gone.csv")], "give DATA")


def test_fit_config_run_reads_the_file_the_run_read_not_one_of_its_name_here(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    make_frame(200).to_csv("d.csv", index=False)
    assert main(["fit", "d.csv", "--target", "y", *ARGS, "--out", "run"]) == 0
    (tmp_path / "elsewhere").mkdir()
    monkeypatch.chdir(tmp_path / "elsewhere")
    make_frame(120).to_csv("d.csv", index=False)  # as written, d.csv would be this one
    assert main(["fit", "--config", str(tmp_path / "run"), "--out", "again"]) == 0
    assert json.loads(Path("again/config.json").read_text())["fingerprint"]["rows"] == 200


def test_an_out_folder_found_only_in_the_current_directory_is_refused_naming_both(project, capsys):
    """A run made from the current directory (``runs/x`` there) would be left stale beside a new ``runs/x`` in
    the config's folder without a word: the first such fit is refused, naming both."""
    (project / "run.toml").write_text('data = "d.csv"\ntarget = "y"\nout = "runs/x"\n')
    Path("runs/x").mkdir(parents=True)
    with pytest.raises(RnncastError) as err:
        toml_path(project / "run.toml", "out", "runs/x")
    line = str(err.value)
    assert f"gives out = 'runs/x': {project / 'runs' / 'x'} (from the config file's folder" in line
    assert f"does not exist, and {Path.cwd() / 'runs' / 'x'} in the current directory is another folder" in line
    assert "give it on the command line (--out)" in line
    assert main(["fit", "--config", str(project / "run.toml"), *ARGS]) == 2
    assert "is another folder" in capsys.readouterr().err and not (project / "runs").exists()
    assert main(["fit", "--config", str(project / "run.toml"), *ARGS, "--out", "mine"]) == 0  # given: not looked for


def test_a_hand_edited_source_that_is_no_path_is_refused_in_one_line_unless_data_is_given(tmp_path, monkeypatch,
                                                                                          capsys):
    """config.json's "source": 5 gave "file not found: 5" (--config) and a TypeError (--resume)."""
    monkeypatch.chdir(tmp_path)
    make_frame(200).to_csv("d.csv", index=False)
    assert main(["fit", "d.csv", "--target", "y", *ARGS, "--out", "run"]) == 0
    config = json.loads(Path("run/config.json").read_text())
    config["data"]["source"] = 5
    Path("run/config.json").write_text(json.dumps(config))
    Path("run/report.html").unlink()  # cut short while writing its outputs: a run to resume
    capsys.readouterr()
    said = ("run/config.json gives its 'source' as 5, which is no path of a file (hand-edited?); write the file's "
            "path there as text, or give the file on the command line (DATA)")
    for command in (["fit", "--config", "run", "--out", "again"], ["fit", "--resume", "run"]):
        assert main(command) == 2
        assert capsys.readouterr().err == f"rnncast: error: {said}\n"
    assert not Path("again").exists()
    assert "data" not in run_locations("run", {"data": 5}, given=("data",))  # the file given on the command line
    assert main(["fit", "--resume", "run", "d.csv"]) == 0


def test_a_toml_paths_leading_tilde_is_the_home_folder_not_a_folder_beside_the_file(project, tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(project))
    assert toml_path(project / "run.toml", "data", "~/d.csv") == str(project / "d.csv")
    assert toml_path(project / "run.toml", "out", "~/runs/a") == str(project / "runs" / "a")


def test_a_hand_edited_source_that_is_no_path_is_named_as_written_not_in_u_escapes(tmp_path):
    # decision 1901: the refusal quoted a list of Korean names as ["\ud310\ub9e4.csv"]
    with pytest.raises(RnncastError, match=r"gives its 'source' as \[\"판매.csv\"\], which is no path of a file"):
        run_locations(tmp_path / "run", {"data": ["판매.csv"]})
