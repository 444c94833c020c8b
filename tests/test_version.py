"""The version (``version.py``): written once, read by the package, its metadata and the CLI."""

from __future__ import annotations

from importlib.metadata import version

import rnncast
from rnncast.version import __version__


def test_the_version_is_written_once_and_read_everywhere():
    assert rnncast.__version__ == __version__ == version("rnncast")


def test_software_names_rnncast_and_the_libraries_a_runs_digits_rest_on():
    """report.html and --version named rnncast alone (t33t5 L7, decision 1624)."""
    import platform

    import numpy
    import pandas
    import torch

    from rnncast.version import software

    assert software() == (f"rnncast {__version__} (torch {torch.__version__}, numpy {numpy.__version__}, pandas "
                          f"{pandas.__version__}, Python {platform.python_version()})")
