"""The interval columns of ``evaluate --by-series``'s table (``cli.byseries.series_text``) and the lines under it: a
quantile model's pinball loss, wQL, each central interval's coverage and its MSIS per series, in the order of the
overall table (``scoretext.interval_keys``: pinball, wQL, the coverages widest first, then the MSIS widest first,
decision 2096), each level's share where it ends no interval (decision 1892), and the series furthest from their
levels (``worst_coverage``, ``worst_levels``), so that the series with the bad intervals is found, not the pooled
number alone."""

from __future__ import annotations

import math

from rnncast import calibration
from rnncast.scoretext import column_head, interval_keys, scored_column


def interval_names(series: dict, keys: list) -> list[str]:
    """The interval scores the model holds in any of ``series``' ``keys`` (``result["series"]``), in the overall
    table's order (``scoretext.interval_keys``): ``["pinball", "wql", "coverage_90", "coverage_80", "msis_90",
    "msis_80"]``; [] for a point model (a run saved before decision 2036 has no ``wql`` or ``msis_*``: none shown)."""
    held = {}
    for key in keys:
        held.update(dict.fromkeys(series[key]["model"]))
    return interval_keys(held) if "pinball" in held else []


def head(name: str) -> str:
    """A column's head: ``80% covers`` for a coverage, as compare heads it; ``pinball``, ``wQL``, ``MSIS 80%`` as fit's
    tables (``scoretext.column_head``)."""
    return f"{name.removeprefix('coverage_')}% covers" if name.startswith("coverage_") else column_head(name)


def columns(series: dict, keys: list, blocks: list[dict], models: list[dict]) -> tuple[list[str], list[list[str]]]:
    """The heads and the columns (one cell per row) of the table's interval scores: ``interval_names``, each in one
    notation ("-" in a baseline's row that lacks what the model beside it holds: ``scoretext.scored_column``), then
    ``≤q0.5`` for each level that ends no interval (``unpaired``); ``blocks``: each row's scores, ``models``: the
    model's scores of the row's series. No columns for a point model."""
    names = interval_names(series, keys)
    if not names:
        return [], []
    levels = unpaired(series, keys)
    cells = [scored_column(k, blocks, models) for k in names] + [[below(b, level) for b in blocks] for level in levels]
    return [head(k) for k in names] + [f"≤q{level}" for level in levels], cells


def unitless(heads: list[str]) -> str:
    """"; wQL and MSIS have no units" after the table's units where ``heads`` show them, as the by-step heading says
    it (decision 2083); "; wQL has no units" where MSIS is not shown (no MASE scale saved); "" for neither."""
    free = [name for name in ("wQL", "MSIS") if any(h.split()[0] == name for h in heads)]
    return f"; {' and '.join(free)} {'have' if len(free) > 1 else 'has'} no units" if free else ""


def notes(series: dict, keys: list) -> list[str]:
    """The lines under the table: the series whose widest interval is furthest from its level, and each level's
    that ends no interval (``worst_coverage``, ``worst_levels``), those that say anything."""
    names = interval_names(series, keys)
    covers = [k for k in names if k.startswith("coverage_")]
    levels = unpaired(series, keys) if names else []
    return [line for line in (worst_coverage(series, covers[:1]), worst_levels(series, levels)) if line]


def worst_coverage(series: dict, widest: list[str]) -> str | None:
    """"The 80% interval is furthest from its level in series 'wild': it covers 37.6% there (pooled ...)": the series
    whose widest interval's coverage is furthest from its level, where the binomial test of its misses puts it far
    (``calibration.far_intervals``), so a pooled coverage does not hide it; None where none is far off."""
    if not widest:
        return None
    key = widest[0]
    nominal = float(key.removeprefix("coverage_")) / 100
    far = [(abs(block["model"][key] - nominal), name) for name, block in series.items()
           if key in block["model"] and any(f["percent"] == key.removeprefix("coverage_")
                                            for f in calibration.far_intervals(block["model"]))]
    if not far:
        return None
    name = max(far)[1]
    share = series[name]["model"][key]
    return (f"the {key.removeprefix('coverage_')}% interval is furthest from its level in series {name!r}: it covers "
            f"{100 * share:.1f}% of its values ({len(far)} of {len(series)} series far from {100 * nominal:g}% by "
            f"the binomial per-step test of their misses, Holm-corrected p < {calibration.SIGNIFICANCE:g})")


def unpaired(series: dict, keys: list) -> list[str]:
    """The levels of the series' model ``by_level`` that end no interval (``calibration.unpaired``), the first
    series' that keeps them (a result saved before levels were scored has none)."""
    levels = next((series[key]["model"]["by_level"] for key in keys if series[key]["model"].get("by_level")), {})
    return calibration.unpaired(levels)


def below(scores: dict, level: str) -> str:
    """A forecaster's share at or below ``level`` in one series as the table writes it, a fraction as its coverage
    columns are, "0.8541"; "-" where it has none (a climatology without levels)."""
    each = (scores.get("by_level") or {}).get(level)
    return f"{each['below']:.4f}" if each and math.isfinite(each["below"]) else "-"


def worst_levels(series: dict, levels: list[str]) -> str | None:
    """"Furthest from its level: 0.9 in series 'F', 85.4% of its values at or below it (2 of 6 series far from 90%
    ...)": for each of ``levels`` (those that end no interval), the series whose model's share at or below it is
    furthest from the level, among those the binomial test of the misses puts far (``calibration.far_levels``, ties
    counted as a range), as ``worst_coverage`` names an interval's; None where none is far off (decision 1892)."""
    said, by_level = [], {level: [] for level in levels}
    for name, block in series.items():  # each series' levels tested once (decision 1946)
        for f in calibration.far_levels(block["model"]):
            if f["level"] in by_level:
                by_level[f["level"]].append((abs(calibration.far_share(f) - float(f["level"])), name, f))
    for level, far in by_level.items():
        if not far:
            continue
        _, name, f = max(far, key=lambda each: each[0])
        said.append(f"{level} in series {name!r}, {calibration.level_share_text(f, 'its values')} ({len(far)} of "
                    f"{len(series)} series far from {100 * float(level):.3g}%)")
    if not said:
        return None
    return (f"furthest from {'its level' if len(said) == 1 else 'their levels'}: {'; '.join(said)} (far: by the binomial "
            f"per-step test of the misses, Holm-corrected p < {calibration.SIGNIFICANCE:g}, ties counted as a range)")
