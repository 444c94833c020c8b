"""The package version, in a module of its own so that any module can name it without importing
the package's face (``rnncast/__init__.py``)."""

from contextvars import ContextVar

__version__ = "0.1.0"

# the command line as typed (``rnncast fit sales.csv --epochs 2``), set by the ``rnncast`` command, kept in a run's
# config.json (``environment.command_line``, decision 1624); None in Python, where no command line made the run
COMMAND_LINE: ContextVar[str | None] = ContextVar("rnncast_command_line", default=None)


def software() -> str:
    """What makes a run, in one line: ``rnncast 0.1.0 (torch 2.13.0+cpu, numpy 2.4.6, pandas 3.1.1, Python 3.11.7)``,
    each library's installed version read from its metadata, none imported (``rnncast --version`` stays fast); a
    library not installed is said so. ``rnncast --version`` prints it and every report.html ends with it (decision
    1624): the page and the version said neither torch's nor numpy's, whose kernels set a run's last digits."""
    import platform
    from importlib import metadata

    def installed(name: str) -> str:
        try:
            return metadata.version(name)
        except metadata.PackageNotFoundError:
            return "not installed"

    return (f"rnncast {__version__} (torch {installed('torch')}, numpy {installed('numpy')}, pandas "
            f"{installed('pandas')}, Python {platform.python_version()})")
