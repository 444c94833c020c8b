"""A final fit: ``test_frac`` 0 trains on every row of every series, to forecast with (decision 2117).

A fit holds out the last ``test_frac`` of each series' rows to score the model on rows it never saw. The model that
``predict`` then uses never saw those rows either: on a site-enrolment panel its last 20% of months, and the short
sites that were still open were never forecast. Darts, statsforecast and sktime fit on all data for the final
forecast; ``test_frac`` 0 does so here. ``val_frac`` may still hold out the last rows of each series for early
stopping; with ``val_frac`` 0 too the epoch kept and early stopping read the training loss. Such a run has no test
scores, and nothing is made up in their place: every place a user reads scores says so (``TEXT``, ``text``), and
metrics.json keeps ``"test": null`` beside ``"no_test"`` (``record``). A cutoff makes the rows after it test rows, so
it is refused beside ``test_frac`` 0 (``check``).
"""

from __future__ import annotations

from rnncast.errors import RnncastError
from rnncast.spelling import named

TEXT = ("no test rows: fitted on every row to forecast (test_frac 0); judge its accuracy with `rnncast backtest` "
        "(or a fit with --test-frac above 0)")  # the line the console, the page and metrics.json say

TUNED = "test_frac 0: a final fit, which makes no test scores; add --test-frac 0.2 to score one"  # a tune's best
# settings' fit, said where tune names it: its line (decision 2147) and best.toml's comment (decision 2158)


def text(val_frac: float) -> str:
    """``TEXT``, with what chose the epoch kept: the validation rows (the last ``val_frac`` of each series' rows, which
    the network is then not fitted on, so the sentence says every row but those), or with ``val_frac`` 0 the training
    loss, which keeps falling as the network fits its rows ever closer."""
    if val_frac > 0:  # held out, so not fitted on: said first (decision 2146)
        return (f"no test rows (test_frac 0): fitted to forecast on every row but the last {val_frac * 100:.3g}% of "
                f"each series' (val_frac {val_frac:g}), held out to choose the epoch kept (--val-frac 0, with --epochs "
                f"from a backtest, trains on those too){TEXT[TEXT.index('; judge'):]}")
    return (f"{TEXT}; with no validation rows either (val_frac 0) there is no early stopping on held-out rows: the "
            "epoch kept is the one with the lowest training loss, which says nothing of overfitting (choose the "
            "number of epochs with a backtest)")


def is_final(metrics: dict) -> bool:
    """Whether a run's ``metrics`` (``report.run_metrics``', or metrics.json's) hold no test scores."""
    return not isinstance(metrics.get("test"), dict)


def scores_nothing(metrics: dict) -> bool:
    """Whether a run's ``metrics`` are a final fit's that scored no row: no test rows (``"no_test"``) and no
    validation scores (val_frac 0), what ``unscored`` says of its splits at fit (decision 2159)."""
    return bool(metrics.get("no_test")) and not isinstance(metrics.get("val"), dict)


def unscored(splits: list, lengths) -> bool:
    """Whether a fit's ``splits`` (``windows.Split``, one a series; None: no) leave no row to score: each series'
    rows, to its last (``lengths`` [S]), training rows. Such a fit (test_frac 0 and val_frac 0) makes no score and no
    MASE, so its lines say nothing of them (decision 2156); one with validation rows scores them, and a backtest's
    cutoff fit ends its splits at the cutoff and scores the rows after it."""
    return len(splits) == len(lengths) and all(sp is not None and sp.train_end == sp.val_end == sp.end == int(n)
                                               for sp, n in zip(splits, lengths))


def record(val_frac: float) -> dict:
    """What metrics.json keeps of a final fit: ``"test": None`` (a reader of ``metrics["test"]`` finds no scores, and
    none made up) and ``"no_test"``, the sentence that says why (``text``)."""
    return {"test": None, "no_test": text(val_frac)}


def check(cutoff, test_frac) -> None:
    """Refuse ``test_frac`` 0 beside a ``cutoff``: the cutoff makes the rows after it test rows, so no fit can both
    score them and train on them. Raises ``RnncastError`` naming both."""
    if cutoff is not None and test_frac == 0:
        raise RnncastError(f"{named('test_frac')} 0 trains on every row, and {named('cutoff')} {str(cutoff)!r} makes "
                           "the rows after it test rows; give the cutoff to score a test split, or test_frac 0 "
                           "without it to fit on every row")
