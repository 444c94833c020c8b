"""``fit --resume``'s request (``cli/resuming.py``): the run's config.json, or that of the new run begun in the
folder to replace the run there (``replacing``), which is the one continued. The resumes themselves, interrupted
and killed, are in scenarios/test_run_safety.py and scenarios/test_interrupted_fit.py."""

from __future__ import annotations

import argparse
import json

import pytest

from rnncast import replacing
from rnncast.cli.resuming import resume_request
from rnncast.errors import RnncastError


def _config(folder, data, **settings) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "config.json").write_text(json.dumps({
        "settings": {"lookback": 12, "horizon": 3, **settings}, "data": {"source": str(data), "target": ["y"]},
        "paths": {}, "fingerprint": None}))


def _args(run) -> argparse.Namespace:
    return argparse.Namespace(resume=str(run), config=None, data=None, device="cpu", threads=1)


def test_resume_continues_the_new_run_begun_to_replace_a_finished_one(tmp_path):
    data = tmp_path / "d.csv"
    data.write_text("t,y\n")
    run = tmp_path / "run"
    _config(run, data, hidden_size=8)
    (run / "report.html").write_text("")  # finished: resumed alone, it is refused (decision 324)
    with pytest.raises(RnncastError, match="finished training"):
        resume_request(_args(run))
    _config(replacing.staged(run), data, hidden_size=4)  # a new run, cut short, beside it
    out, settings, request, _ = resume_request(_args(run))
    assert out == run and settings["hidden_size"] == 4 and request["source"] == str(data)


def test_a_replacing_move_a_kill_cut_short_is_finished_before_the_run_is_read(tmp_path):
    data = tmp_path / "d.csv"
    data.write_text("t,y\n")
    run = tmp_path / "run"
    _config(run / replacing.DONE, data, hidden_size=4)
    (run / replacing.DONE / "report.html").write_text("")  # the new run, complete, was being moved into place
    with pytest.raises(RnncastError, match="finished training"):  # it is the run there now, and it finished
        resume_request(_args(run))
    assert json.loads((run / "config.json").read_text())["settings"]["hidden_size"] == 4
    assert not (run / replacing.DONE).exists()
