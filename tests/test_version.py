"""The version (``version.py``): written once, read by the package, its metadata and the CLI."""

from __future__ import annotations

from importlib.metadata import version

import rnncast
from rnncast.version import __version__


def test_the_version_is_written_once_and_read_everywhere():
    assert rnncast.__version__ == __version__ == version("rnncast")
