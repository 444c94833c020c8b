"""A path handed to a public function (``pathargs.py``): text or a pathlib.Path, else one RnncastError naming
the argument, not os' "expected str, bytes or os.PathLike object"."""

from __future__ import annotations

from pathlib import Path

import pytest

from rnncast import RnncastError
from rnncast.pathargs import checked, stem


def test_text_and_paths_are_taken_as_given():
    assert checked("x", "runs/a", "a folder") == "runs/a"
    assert checked("x", Path("m"), "a folder") == Path("m")


@pytest.mark.parametrize("value, got", [(None, "NoneType None"), (5, "int 5"), (b"m", "bytes b'm'"), ("  ", "blank text"),
                                        (["m"], "list ['m']")])
def test_anything_else_is_refused_naming_the_argument_and_what_it_takes(value, got):
    with pytest.raises(RnncastError, match=rf"^Forecaster.save's folder must be the folder to write the model to, as "
                                           rf"text or a pathlib.Path, got {got.replace('[', '.').replace(']', '.')}$"):
        checked("Forecaster.save's folder", value, "the folder to write the model to")


def test_an_empty_data_path_or_checkpoint_is_refused_not_read_as_the_folder_or_as_none(tmp_path, monkeypatch):
    """fit('') said ". is a folder" (Path('') is the current folder) and fit(checkpoint='') trained without one."""
    from conftest import TINY, make_frame
    from rnncast import Forecaster
    from rnncast.pathargs import readable

    for text, said in (("", "empty"), (" ", "blank")):
        with pytest.raises(RnncastError, match=rf"^the data file's path is {said} \('{text}'\); give a CSV or Parquet"):
            readable(text)
    monkeypatch.chdir(tmp_path)
    with pytest.raises(RnncastError, match=r"^fit's checkpoint must be the file to write the training state to \(or "
                                           r"None\), as text or a pathlib.Path, got blank text$"):
        Forecaster(**{**TINY, "epochs": 1}).fit(make_frame(120), target="y", checkpoint="")
    assert list(tmp_path.iterdir()) == []


def test_a_leading_tilde_is_the_home_folder_as_the_shell_reads_it(tmp_path, monkeypatch):
    """save("~/m") made a folder named '~' in the current one, and fit("~/x.csv") said "file not found"."""
    from rnncast.pathargs import expanded, readable

    monkeypatch.setenv("HOME", str(tmp_path))
    assert expanded("~/m") == str(tmp_path / "m") and expanded(Path("~/m")) == tmp_path / "m"
    assert expanded("runs/~a") == "runs/~a" and expanded(None) is None  # only a leading ~; not a path: as it is
    assert checked("x", "~/m", "a folder") == str(tmp_path / "m")
    assert checked("x", Path("~"), "a folder") == tmp_path
    (tmp_path / "d.csv").write_text("y\n1\n")
    assert readable("~/d.csv") == readable(Path("~/d.csv")) == tmp_path / "d.csv"
    with pytest.raises(RnncastError, match=rf"^file not found: {tmp_path / 'e.csv'} \(expected"):  # the path looked at
        readable("~/e.csv")


def test_fit_save_load_and_a_checkpoint_read_a_tilde_as_the_home_folder(tmp_path, monkeypatch):
    from conftest import TINY, make_frame
    from rnncast import Forecaster

    home, here = tmp_path / "home", tmp_path / "here"
    home.mkdir(), here.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.chdir(here)
    make_frame(120).to_csv(home / "d.csv", index=False)
    f = Forecaster(**{**TINY, "epochs": 1}).fit("~/d.csv", target="y", checkpoint="~/fit.safetensors")
    f.save("~/m")
    assert sorted(p.name for p in home.iterdir()) == ["d.csv", "fit.safetensors", "m"]
    assert list(here.iterdir()) == []  # no folder named '~'
    again = Forecaster.load(Path("~/m"))
    assert again.predict("~/d.csv").equals(f.predict(home / "d.csv"))


def test_a_dash_as_data_says_rnncast_reads_files_not_standard_input(tmp_path, monkeypatch):
    """predict RUN - < d.csv said "file not found: -" (decision 1652); a file named '-' is read as any other."""
    from rnncast.pathargs import readable

    monkeypatch.chdir(tmp_path)
    with pytest.raises(RnncastError, match=r"^the data '-' names no file: rnncast reads its data from a file, not from "
                                           r"standard input \(it reads the data more than once\); save it to a CSV"):
        readable("-")
    (tmp_path / "-").write_text("y\n1\n")
    assert readable("-") == Path("-")


def test_a_default_run_is_named_by_the_folder_dot_stands_for(tmp_path, monkeypatch):
    (tmp_path / "sales").mkdir()
    monkeypatch.chdir(tmp_path / "sales")
    assert stem(".") == "sales" and stem("..") == tmp_path.name and stem("x/2026.csv") == "2026"  # decision 2265
