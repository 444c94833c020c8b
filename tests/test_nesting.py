"""An output folder never inside another (rnncast.nesting, through outputs.claim_output): a fit, backtest, tune or
demo whose --out lies in a run's, backtest's, tune's, demo's or bench's folder, or a model folder, at any depth,
is refused naming it; the reverse, an output around an earlier one, names the one it would hold."""

from __future__ import annotations

from pathlib import Path

import pytest

from rnncast import nesting, outputs
from rnncast.cli import main
from rnncast.errors import RnncastError

RUN_CONFIG = '{"settings": {}, "data": {}, "fingerprint": null}'  # what a run's config.json holds, among others
KINDS = {  # a folder of each kind, as test_outputs makes them
    "run": {"config.json": RUN_CONFIG, "model/model.json": "{}", "report.html": ""},
    "backtest": {"forecasts.csv": "", "config.json": "{}", "metrics.json": "{}", "report.html": ""},
    "tune": {"study.db": "", "tune.json": '{"study": "rnncast", "storage": null}'},
    "demo": {"summary.json": "{}", "report.html": ""},
    "bench": {"results.csv": "finished_utc,dataset,protocol\n"},
    "model": {"model.json": "{}", "weights.safetensors": ""},
}
COMMANDS = {"run": "fit", "backtest": "backtest", "tune": "tune", "demo": "demo", "bench": "bench"}


def made(folder, kind):
    for name, text in KINDS[kind].items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text)
    return folder


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("what", ["run", "backtest", "tune", "demo"])
def test_an_output_inside_another_output_or_a_model_is_refused_at_any_depth(tmp_path, monkeypatch, kind, what):
    """fit --out nest/outer/inner inside the run nest/outer exited 0, after which fit --out nest/outer --overwrite
    was refused "holds files that rnncast did not write (inner)" and an outer tune could not be continued."""
    monkeypatch.chdir(tmp_path)
    outer = made(tmp_path / "nest" / "outer", kind)
    held = ("a model folder, which holds a model's files alone" if kind == "model" else
            f"the folder of a {kind} (rnncast {COMMANDS[kind]}), which holds rnncast's files alone (a folder written "
            "there would stop it being replaced)")
    for out in (outer / "inner" / "deeper", outer / "a" / "b" / "c") + ((outer / "inner",) if kind != "model" else ()):
        with pytest.raises(RnncastError) as refused:
            outputs.claim_output(out, tmp_path / "d", overwrite=True, what=what)
        assert str(refused.value) == f"--out {out} would put the {what} inside nest/outer, {held}; give a folder outside it"
    assert sorted(p.name for p in outer.iterdir()) == sorted({name.split("/")[0] for name in KINDS[kind]})  # none made
    monkeypatch.chdir(outer)  # run from inside the output: the default runs/... would land in it
    with pytest.raises(RnncastError, match=r"^the default folder runs/s-lstm would put the run inside the current "
                       rf"folder \({outer}\), (the folder of a|a model)"):
        outputs.claim_output(None, Path("runs/s-lstm"), overwrite=False, what="run")
    assert not (outer / "runs").exists()


def test_an_output_beside_or_around_nothing_is_claimed_and_around_an_output_is_refused_naming_it(tmp_path):
    made(tmp_path / "nest" / "outer", "run")
    beside = outputs.claim_output(tmp_path / "nest" / "other", tmp_path / "d", overwrite=False, what="run")
    beside.release()
    with pytest.raises(RnncastError) as refused:  # the reverse: nest holds the run outer
        outputs.claim_output(tmp_path / "nest", tmp_path / "d", overwrite=True, what="backtest")
    assert str(refused.value) == (f"--out {tmp_path / 'nest'} holds the folder of a run (outer); a backtest is never "
                                  "written around another output; give a new or empty folder")
    assert nesting.enclosing(tmp_path / "nest" / "other", outputs.output_kind) is None


def test_the_command_line_refuses_a_nested_out_in_one_line_and_writes_nothing(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    made(tmp_path / "nest" / "outer", "run")
    (tmp_path / "s.csv").write_text("y\n" + "\n".join(str(i % 7) for i in range(60)) + "\n")
    assert main(["fit", "s.csv", "--epochs", "1", "--out", "nest/outer/inner"]) == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "would put the run inside nest/outer, the folder of a run (rnncast fit)" in err
    assert not (tmp_path / "nest" / "outer" / "inner").exists()


@pytest.mark.parametrize("kind", ["run", "backtest", "tune", "demo", "bench", "model"])
def test_a_model_saved_inside_an_output_or_a_model_folder_is_refused_as_a_command_would_be(tmp_path, monkeypatch, kind):
    """The builder's note: Forecaster.save('runs/sw/mymodel') was accepted and then blocked the run's --overwrite as
    "files rnncast did not write", as a nested --out did; save is refused alike, nothing written."""
    from rnncast.checkpoint import save_refusal

    monkeypatch.chdir(tmp_path)
    made(tmp_path / "runs" / "sw", kind)
    said = save_refusal(Path("runs/sw/mine/deeper"))
    assert said.startswith("saving the model to runs/sw/mine/deeper would put the model inside runs/sw, ")
    assert not (tmp_path / "runs" / "sw" / "mine").exists()
    assert save_refusal(Path("elsewhere/mine")) is None
