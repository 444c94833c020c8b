"""launchenv: torchrun's variables read as whole numbers, empty as unset, anything else refused naming it."""

from __future__ import annotations

import pytest

from rnncast import launchenv
from rnncast.errors import RnncastError

NAMES = ("WORLD_SIZE", "RANK", "LOCAL_RANK", "MASTER_PORT", "TORCHELASTIC_RUN_ID")


@pytest.fixture(autouse=True)
def clean(monkeypatch):
    for name in NAMES:
        monkeypatch.delenv(name, raising=False)


@pytest.mark.parametrize("value", ["", "  "])
def test_an_empty_world_size_reads_as_unset(monkeypatch, value):
    monkeypatch.setenv("WORLD_SIZE", value)
    assert launchenv.world() == 1 and not launchenv.launched()
    launchenv.check()


def test_a_whole_number_is_read(monkeypatch):
    monkeypatch.setenv("WORLD_SIZE", "4")
    monkeypatch.setenv("RANK", "3")
    assert launchenv.world() == 4 and launchenv.launched() and launchenv.whole("RANK", 0) == 3


@pytest.mark.parametrize("value", ["abc", "2.5", "0", "-1"])
def test_a_world_size_that_is_no_count_is_refused_naming_it(monkeypatch, value):
    monkeypatch.setenv("WORLD_SIZE", value)
    with pytest.raises(RnncastError, match=rf"WORLD_SIZE='{value}' must hold the number of processes"):
        launchenv.check()


@pytest.mark.parametrize("name,value", [("RANK", "x"), ("LOCAL_RANK", "-2"), ("MASTER_PORT", "70000")])
def test_the_others_are_checked_under_a_launcher(monkeypatch, name, value):
    monkeypatch.setenv("WORLD_SIZE", "2")
    monkeypatch.setenv(name, value)
    with pytest.raises(RnncastError, match=rf"{name}='{value}' must hold"):
        launchenv.check()


def test_the_others_are_left_alone_in_a_lone_process(monkeypatch):
    monkeypatch.setenv("RANK", "x")  # read by nothing where no launcher started the process
    monkeypatch.setenv("MASTER_PORT", "")
    launchenv.check()
    assert not launchenv.launched()
