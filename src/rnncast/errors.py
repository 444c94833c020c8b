"""The one error type a caller catches for bad input, bad settings or a bad model folder.

Every message names the offending value and says what would be accepted. The command line prints
the message as one line and exits with status 2 (75 for ``Busy``); library callers catch ``RnncastError``.
"""

import errno


class RnncastError(ValueError):
    """Bad input data, bad settings, or an unreadable model folder."""


class UnknownParameter(RnncastError, TypeError):
    """A keyword the estimator does not take (``Forecaster(epoch=3)``, ``set_params(epoch=3)``): an
    ``RnncastError`` like every refusal of bad settings, and a ``TypeError`` as Python's own refusal of
    an unexpected keyword is, so that code catching either still catches it."""


class TrainingDiverged(RnncastError):
    """The loss became NaN or infinite before any epoch finished, so there is no model to keep.
    (After finished epochs ``fit`` keeps the best of them, warns, and sets ``diverged_epoch_``.)"""


class NothingLeft(RnncastError):
    """A part of the data holds windows, and none is left to score: fill made every target, or each forecasts a date
    whose future covariates the data lacks (``stepactuals.future_kept``). A run's report leaves such a part out, said,
    where ``evaluate`` refuses it."""


class Busy(RnncastError):
    """What was asked is held by another live rnncast process (a folder it writes or replaces, a run it still trains):
    nothing is wrong with the input, so the same command succeeds once that process ends; the command line exits 75,
    sysexits' EX_TEMPFAIL, not 2, for a scheduler to retry it (decision 2186)."""


class DiskFailed(RnncastError):
    """A write the disk refused whatever its path (full, over quota, failing: ``DISK_ERRNOS``), said with what the
    command kept and how to go on; the command line exits 74, sysexits' EX_IOERR, not 2 (decision 2186)."""


DISK_ERRNOS = (errno.ENOSPC, errno.EDQUOT, errno.EIO)


def refused(err: OSError) -> type:
    """The error a refused write ``err`` is said as: ``DiskFailed`` where the disk refused it whatever its path
    (``DISK_ERRNOS``: exit 74), else ``RnncastError`` (a path to mend: exit 2); one rule for every write that turns
    the system's refusal into one line (decisions 2186, 2217)."""
    return DiskFailed if getattr(err, "errno", None) in DISK_ERRNOS else RnncastError


class NotFitted(RnncastError, AttributeError):
    """A fitted attribute (``targets_``, ``scaler_`` ...) read before ``fit`` or ``load``: an ``RnncastError`` naming the
    attribute asked for, and an ``AttributeError`` as Python's own is, so ``hasattr`` and ``getattr(x, name, default)``
    still answer that it is not there (scikit-learn's ``NotFittedError`` is both too)."""


def short(value) -> str:
    """A value from a damaged file, shown in a message: a few items, a few levels deep."""
    import reprlib

    shown = reprlib.Repr()
    shown.maxstring, shown.maxother = 80, 80
    return shown.repr(value)
