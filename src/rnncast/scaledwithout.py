"""The scores a panel's scaled verdict would have without the few series ``scaledshares`` names: the line of them.

``scaledshares.measure`` keeps, in its "without", each forecaster's scaled MSE and MASE pooled over the series outside
the named set; ``said`` writes them, the model's against each baseline's. A baseline left with no forecast there (the
seasonal naive where the series outside the set have no value whose step a season back is in the data) is NaN in
"without" (null in metrics.json) and is said as having no forecast there, never "nan" (decisions 2029, 2077).
"""

from __future__ import annotations

import numpy as np

from rnncast import flatshares
from rnncast.baselines import baseline_name
from rnncast.spelling import listing


def said(few: dict, verdict_name: str | None, split: bool, mse_only: bool = False) -> str:
    """The model's scaled MSE and MASE against each baseline's over the other series, the verdict's baseline first;
    where each criterion has its own set (``split``: ``scaledshares``' test), the scaled MSE without the one, the MASE
    without the other (``mse_only``: the scaled MSE alone, as the line beside the verdict says it); no MASE where no
    series with one is left (never "MASE nan", decision 1574); a baseline with no forecast there (NaN in ``few``'s
    "without") is said so: "against 0.8271 (1.931) for 'repeat the last value' ('seasonal naive': no forecast there)",
    never "nan" (decision 2077)."""
    without = few["without"]
    model = without["model"]
    rivals = sorted((n for n in without if n != "model"), key=lambda n: n != verdict_name)
    series = few["by"]["mse"] if split else few["series"]
    one, mase = len(series) == 1, bool(np.isfinite(model["mase"]))
    both = mase and not split  # each scaled MSE with its MASE beside it

    def scores(n: str, key: str = "mse", named: str = "") -> str:
        return f"{without[n][key]:.4g}" + (f" ({named}{without[n]['mase']:.4g})"
                                             if both and key == "mse" and np.isfinite(without[n]["mase"]) else "")

    def against(key: str) -> str:  # the rivals with a score, then those with no forecast there (``without``'s NaN)
        have, none = ([n for n in rivals if np.isfinite(without[n][key]) == f] for f in (True, False))
        return (" against " + ", ".join(f"{scores(n, key)} for '{baseline_name(n)}'" for n in have) if have else "") + (
            f" ({listing(['%r' % baseline_name(n) for n in none])}: no forecast there)" if none else "")

    line = (f"Without {'it' if one else 'them'}{flatshares.whole(series, few.get('targets'), one)}, the model's scaled "
            f"MSE is {scores('model', named='MASE ')}" + against("mse"))
    if split and mase and not mse_only:  # the MASE without the series named for it
        line += f"; without the series named for the summed MASE, its MASE is {model['mase']:.4g}" + against("mase")
    return line + "."
