"""fit's (and tune's) request from the command line (``cli/fitrequest.py``): a --config file's settings and data
overridden by the flags given, its paths read as rnncast reads them; what cannot be done refused in one line."""

from __future__ import annotations

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


def test_without_data_the_request_is_refused_naming_resume():
    with pytest.raises(RnncastError, match=r"^fit needs DATA, and --target COLUMN .*, or --resume RUN to continue a run$"):
        fit_request(_args("fit"))


def test_overwrite_without_an_out_folder_is_refused(tmp_path):
    with pytest.raises(RnncastError, match="--overwrite"):
        fit_request(_args("fit", str(tmp_path / "sales.csv"), "--overwrite"))
