"""Scenario: a signal in a command's first moments, while Python imports its modules (torch, pandas). The
interrupt was reported, then ``main``'s clean-up imported torch again, half-loaded: a traceback with status 1
or a segfault (139); a Ctrl-C before ``main`` ran gave a 35-line KeyboardInterrupt traceback. Now, however
early the signal, one line and the end by the signal (a shell's 128 + its number; a command that ended first: 0)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest

from test_training import _series_csv


@pytest.mark.parametrize("signum, delays", [(signal.SIGTERM, (0.2, 0.5, 1.0, 1.5)), (signal.SIGINT, (0.2, 1.0))])
def test_a_signal_while_the_command_starts_gives_one_line_and_its_status(tmp_path, signum, delays):
    _series_csv(tmp_path / "series.csv", n=300)
    env = {**os.environ, "OMP_NUM_THREADS": "1"}
    for delay in delays:
        args = ["fit", "series.csv", "--target", "y", "--lookback", "12", "--horizon", "2", "--hidden-size", "4",
                "--epochs", "200", "--patience", "500", "--device", "cpu", "--out", f"run{delay}"]
        process = subprocess.Popen([sys.executable, "-m", "rnncast", *args], cwd=tmp_path, env=env,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        time.sleep(delay)
        process.send_signal(signum)
        err = process.communicate(timeout=60)[1]
        assert "Traceback" not in err, (delay, err)
        if process.returncode == -signum and not err:
            continue  # killed before Python ran a line of rnncast (a busy machine): the shell says 128 + signum too
        assert process.returncode in (0, -signum), (delay, process.returncode, err)  # ended by it: a shell's 128 + signum
        if process.returncode:
            assert err.strip().splitlines()[-1].startswith("rnncast: interrupted"), (delay, err)
