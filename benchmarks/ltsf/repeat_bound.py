"""How far below Repeat can simple statistics of the window get on an LTSF table's test rows?

Issue 20 asks rnncast to beat Repeat (the last value, repeated) in every Exchange setting. Daily
exchange rates are close to a random walk, for which the last value is the best forecast; that no
model of exchange rates beats it out of sample at horizons below a year is Meese & Rogoff (1983),
"Empirical exchange rate models of the seventies", J. Int. Econ. 14(1-2): 3-24. This script
measures what that means for this table, with the harness's own windows, scaling and drop-last
batches (``rnncast.bench.protocol``), for 66 forecasts that need no training:

- ``repeat``: the last value;
- ``mean k a``: the last value moved a share ``a`` of the way to the mean of the last ``k`` rows
  (mean reversion), ``a`` in 0.05-1;
- ``drift k b``: the last value plus ``b`` times the slope of the last ``k`` rows per step
  (``b`` > 0 extrapolates the trend, ``b`` < 0 reverses it).

For each mode and horizon it prints Repeat's test MSE, the **oracle**: the candidate with the lowest
*test* MSE (chosen on the test rows, which no model may do: an upper bound on what any choice among
these forecasts could gain), and the candidate a fair choice takes, the lowest MSE on the validation
windows, with its test MSE. Nothing here is fitted, so the seed does not matter.

    python benchmarks/ltsf/repeat_bound.py ../shared/data/LTSF/exchange_rate.csv 336 96,192,336,720

Arguments: the CSV, the lookback, the horizons (comma-separated). Output: one line per mode and
horizon (recorded in ``benchmarks/ltsf/results/repeat-bound.txt``).
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import numpy as np

from rnncast.bench import protocol, published, scoring, tables

SHARES = (0.05, 0.1, 0.2, 0.3, 0.5, 0.75, 1.0)
SLOPES = (-1.0, -0.5, -0.25, 0.25, 0.5, 1.0)
SPANS = (24, 48, 96, 168, 336)


def candidates(inputs: np.ndarray, horizon: int) -> Iterator[tuple[str, np.ndarray]]:
    """``(name, forecast [n, horizon, C])`` for every candidate, from inputs ``[n, L, C]``."""
    last = inputs[:, -1:, :]
    yield "repeat", np.repeat(last, horizon, axis=1)
    steps = np.arange(1, horizon + 1)[None, :, None]
    for span in (s for s in SPANS if s <= inputs.shape[1]):
        mean = inputs[:, -span:, :].mean(axis=1, keepdims=True)
        for share in SHARES:
            yield f"mean {span} {share}", np.repeat(last + share * (mean - last), horizon, axis=1)
        slope = (inputs[:, -1:, :] - inputs[:, -span:-span + 1, :]) / (span - 1)
        for b in SLOPES:
            yield f"drift {span} {b}", last + b * slope * steps


def main(argv: list[str]) -> int:
    path, lookback, horizons = Path(argv[0]), int(argv[1]), [int(h) for h in argv[2].split(",")]
    table = tables.read_table(path)
    found, _, split = tables.choose(table, "auto")  # the protocol of the table it holds, whatever its name
    scaled, _ = protocol.standardize(table.values, split.train_end, table.columns)
    for mode in ("S", "M"):
        values, target_idx = protocol.select_mode(scaled, table.columns, mode, table.target)
        for horizon in horizons:
            scores = {}
            for part in ("val", "test"):
                rows = protocol.target_rows(split, part, lookback, horizon)
                inputs = protocol.input_windows(values, rows, lookback)
                targets = protocol.target_windows(values, rows, horizon, target_idx)
                if part == "test":  # the published loader's drop-last windows, as the headline scores
                    kept = scoring.drop_last(len(rows), published.drop_last_batch("recipe", found.known, horizon))
                    inputs, targets = inputs[:kept], targets[:kept]
                scores[part] = {name: float(((forecast[..., list(target_idx)] - targets) ** 2).mean())
                                for name, forecast in candidates(inputs, horizon)}
            test, val = scores["test"], scores["val"]
            repeat = test["repeat"]
            oracle, chosen = min(test, key=test.get), min(val, key=val.get)
            print(f"{path.stem} {mode} L={lookback} H={horizon}: Repeat {repeat:.4f} | oracle (chosen on test) "
                  f"{oracle!r} {test[oracle]:.4f} ({100 * (test[oracle] / repeat - 1):+.1f} %) | chosen on "
                  f"validation {chosen!r} (val {val[chosen]:.4f}, Repeat {val['repeat']:.4f}): test "
                  f"{test[chosen]:.4f} ({100 * (test[chosen] / repeat - 1):+.1f} %) | {len(test)} candidates")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
