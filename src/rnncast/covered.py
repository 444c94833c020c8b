"""A baseline drawn under a model's line: where its values equal the model's over the plotted range (a
slowly moving series, where the model learned to repeat the last value), its thin faint line lies wholly
under the model's and its legend entry shows a style the figure never shows; the entry says so instead."""

from __future__ import annotations

import numpy as np

TOLERANCE = 0.01  # of the span of the actual values: about a line's width on a figure a few inches high


def under(baseline, models: dict[str, object], span: float) -> str | None:
    """The name of the first of ``models`` (name -> values over the same points as ``baseline``) whose
    values equal ``baseline``'s within ``TOLERANCE`` of ``span`` wherever both are drawn (finite), or None."""
    baseline = np.asarray(baseline, dtype=np.float64)
    for name, values in models.items():
        values = np.asarray(values, dtype=np.float64)
        both = np.isfinite(baseline) & np.isfinite(values)
        if both.any() and np.all(np.abs(baseline[both] - values[both]) <= TOLERANCE * max(span, 1e-12)):
            return name
    return None


def note(label: str, model: str | None, several: bool) -> str:
    """``label`` with where the baseline is: "(under the model's line)", or with several models drawn,
    "(under model (lstm)'s line)"; ``label`` itself where ``model`` is None."""
    if model is None:
        return label
    owner = f"{model}'s" if several else "the model's"
    return f"{label} (under {owner} line)"


def span(*curves) -> float:
    """The range of the finite values of ``curves``; 0 without any."""
    values = np.concatenate([np.asarray(c, dtype=np.float64).reshape(-1) for c in curves]) if curves else np.array([])
    values = values[np.isfinite(values)]
    return float(values.max() - values.min()) if len(values) else 0.0
