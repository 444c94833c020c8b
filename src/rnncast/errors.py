"""The one error type a caller catches for bad input, bad settings or a bad model folder.

Every message names the offending value and says what would be accepted. The command line prints
the message as one line and exits with status 2; library callers catch ``RnncastError``.
"""


class RnncastError(ValueError):
    """Bad input data, bad settings, or an unreadable model folder."""


class TrainingDiverged(RnncastError):
    """The loss became NaN or infinite before any epoch finished, so there is no model to keep.
    (After finished epochs ``fit`` keeps the best of them, warns, and sets ``diverged_epoch_``.)"""
