"""configtoml: settings written as TOML that read_config reads back."""

import math

import pytest

from rnncast.configfile import read_config
from rnncast.configtoml import config_toml


def test_written_toml_reads_back_to_the_same_values(tmp_path):
    values = {"data": "a b/ü.csv", "target": ["y", "z"], "features": "all", "cell": "rnn", "lr": 1e-05,
              "dropout": 0.25, "batch_size": None, "future_known": True, "fill": None, "epochs": 7}
    (tmp_path / "c.toml").write_text(config_toml(values, comment="best trial\nof a study"))
    settings, request = read_config(tmp_path / "c.toml")
    assert settings == {"cell": "rnn", "lr": 1e-05, "dropout": 0.25, "batch_size": None, "future_known": True, "epochs": 7}
    assert request == {"data": "a b/ü.csv", "target": ["y", "z"], "features": "all"}


def test_non_finite_floats_and_lists_are_written_as_toml_and_other_values_refused():
    text = config_toml({"a": math.inf, "b": -math.inf, "c": [1, "x", False], "d": None})
    assert text.splitlines()[1:] == ["a = inf", "b = -inf", 'c = [1, "x", false]']
    with pytest.raises(TypeError, match="cannot write"):
        config_toml({"a": object()})


def test_names_are_written_as_they_are_and_read_back_the_same(tmp_path):
    # decision 1901: best.toml wrote the target 매출(원) as "\ub9e4\ucd9c(\uc6d0)", and an emoji as two surrogate
    # escapes, which TOML does not read; DEL stays escaped, as TOML asks
    values = {"data": "판매.csv", "target": ["매출(원)", "y😀"], "id_col": "a\x7fb\n\"c\""}
    text = config_toml(values)
    assert 'target = ["매출(원)", "y😀"]' in text and "\\u" + "ub9e4" not in text and "\x7f" not in text
    (tmp_path / "c.toml").write_bytes(text.encode("utf-8"))
    assert read_config(tmp_path / "c.toml")[1] == values
