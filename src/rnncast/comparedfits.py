"""What a comparison of fitted models rests on besides its test (``comparemodels.compare``'s notes): the settings the
models differ in, with their values, so that a verdict is not read as one setting's (the cell) when another (the
lookback) differs too, nor a difference the runs' names do not show passed over; the models whose best epoch was the
last of their budget, which fit warned may be undertrained (``runhistory.still_improving``), so that a winner among
them is not read as the better design; the models that kept their untrained network, whose rank is a baseline's,
not their cell's (``runhistory.kept_untrained``); on test windows, the models whose per-series test rows fall on dates other
series were fitted on, as their fits said; and, where a winner is named, that each model was fitted once, from one
seed, which the test does not weigh; and, where every model forecasts through the linear highway, that their forecasts
share it and how to compare the cells alone. Also each model's number of parameters (``parameters``) and, where no
model scores the climatology, a model saved before rnncast kept it (``older``: evaluate's line).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rnncast import climatology
from rnncast.spelling import listing, spelled
from rnncast.config import HOW_FIT_RUNS
from rnncast.runhistory import kept_untrained, still_improving
from rnncast.untrained import forecast_text

# how a fit ran, not what it fitted (a progress bar, CPU threads, the device it trained on)
NOT_FITTED = ("device", *HOW_FIT_RUNS)
ROLES = ("past_covariates", "future_covariates", "static_covariates")  # the columns each model reads besides its targets


@dataclass
class Basis:
    """``apart``: setting -> model name -> value, each setting (or role's columns) whose values differ between the
    models, as they were fitted; ``undertrained``: the models whose best epoch was their last; ``untrained``: the
    models that kept their untrained network (no epoch beat it); ``notes``: these, and the one seed of a named winner,
    in words."""

    apart: dict = field(default_factory=dict)
    undertrained: list = field(default_factory=list)
    notes: list = field(default_factory=list)
    untrained: list = field(default_factory=list)


def basis(named: dict, winner: str | None, part: str = "test") -> Basis:
    """What the comparison of ``named`` (name -> fitted Forecaster) rests on, its ``winner`` (None: no winner) too; on
    the ``part`` "test", the models whose per-series test rows fall on dates other series were fitted on, each in the
    line its fit said (``testoverlap.overlap``, kept in model.json)."""
    apart = settings_apart(named)
    count = "one setting" if len(apart) == 1 else f"{len(apart)} settings"
    notes = [f"the models differ in {count}: {_apart_text(apart)}."] if apart else []
    if all(model.state_.params.get("highway") for model in named.values()):  # decision 736
        notes.append(highway_text())
    undertrained = [name for name, model in named.items()
                    if still_improving(model.history_, model.state_.params.get("epochs", 0))]
    if undertrained:
        notes.append(_undertrained_text({name: named[name].history_ for name in undertrained}))
    untrained = [name for name, model in named.items() if kept_untrained(model.history_)]
    notes += [untrained_text(name, named[name]) for name in untrained]
    for name, model in named.items() if part == "test" else ():
        if text := (model.state_.overlap or {}).get("text"):
            notes.append(f"{name}: {text}{'' if text.endswith('.') else '.'}")
    if winner is not None:
        seeds = list(dict.fromkeys(model.state_.params.get("seed") for model in named.values()))
        said = f"seed {seeds[0]}" if len(seeds) == 1 else f"seeds {listing([str(s) for s in seeds])}"
        notes.append(f"the verdict rests on one fit of each model ({said}): fitted from other seeds, the models can "
                     "change places.")
    return Basis(apart, undertrained, notes, untrained)


def parameters(named: dict) -> dict:
    """Name -> each model's number of parameters (``models.count_parameters``), read from its network, so a run written
    before config.json recorded it is counted too (decision 1700); None for a model without a network."""
    from rnncast.models import count_parameters

    return {name: count_parameters(model.net_) if getattr(model, "net_", None) is not None else None
            for name, model in named.items()}


def older(named: dict, scored) -> list[str]:
    """Evaluate's line (``climatology.older``) for each model of ``named`` saved before rnncast kept the climatology,
    where the baselines ``scored`` (keys) hold none: with another model's climatology, every model is judged against
    that one (``comparebaselines``), and the line would be untrue (decision 1735); nor where another model keeps one,
    partial, so that compare leaves it out of every model (decision 1741), which fitting again would not change."""
    if "climatology" in scored or any(getattr(m.state_, "climatology", None) is not None for m in named.values()):
        return []
    return [f"{name}: {said}." for name, model in named.items() if (said := climatology.older(model.state_))]


def untrained_text(name: str, model) -> str:
    """Said of a model that kept its untrained network (fit warned; tune's trial lines say so of a trial): it
    forecasts where the network starts, a baseline, so its place among the others is that forecast's, not its cell's
    (a GRU that kept its untrained net scored the repeat baseline's 5.05 and ranked "higher than lstm's beyond chance")."""
    cell = str(model.state_.params.get("cell", "")).upper() or "its"
    return (f"{name} kept its untrained network (no epoch beat it on validation), which forecasts "
            f"{forecast_text(model.net_, model.state_)}: its rank says nothing about the {cell} cell; train it longer "
            "or with a larger learning rate (--epochs, --lr) before comparing.")


def highway_text() -> str:
    """Said where every model was fitted with the highway: their forecasts share that linear part (``madeof.parts``),
    which can carry most of each, so scores alike need not mean cells alike; and the setting that leaves it out."""
    return (f"every model forecasts through the linear highway ({spelled('highway', True)}; the default): a linear map "
            "from the input window's values to the forecast, to which each model's cell adds its correction, so "
            "near-equal scores may be the highway's, not alike cells'; to compare the cells alone, fit them with the "
            f"highway off ({spelled('highway', False)}).")


def settings_apart(named: dict) -> dict:
    """Setting -> name -> value for each setting whose fitted value differs between the models ``named``, in the order
    ``Forecaster`` takes them, then the columns each reads besides its targets (``ROLES``); not ``NOT_FITTED``."""
    fitted = {name: {**{k: v for k, v in model.state_.params.items() if k not in NOT_FITTED},
                     **{role: list(getattr(model, f"{role}_")) for role in ROLES}} for name, model in named.items()}
    keys = list(dict.fromkeys(k for each in fitted.values() for k in each))
    return {k: {name: each.get(k) for name, each in fitted.items()} for k in keys
            if len({repr(_plain(each.get(k))) for each in fitted.values()}) > 1}


def _plain(value):
    """A value as it compares: a tuple as the list JSON gives back (a loaded model's quantiles)."""
    return [_plain(v) for v in value] if isinstance(value, (list, tuple)) else value


def _apart_text(apart: dict) -> str:
    """``cell (lstm vs rnn), lookback (50 vs 10)``: each setting with its values in the models' order."""
    return ", ".join(f"{k} ({' vs '.join(_value_text(v) for v in values.values())})" for k, values in apart.items())


def _value_text(value) -> str:
    if value is None or (isinstance(value, (list, tuple)) and not value):
        return "none"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(map(_value_text, value)) + "]"
    return f"{value:g}" if isinstance(value, float) else str(value)


def _undertrained_text(histories: dict[str, list[dict]]) -> str:
    """The models whose best epoch was their last, as fit warned of each: "lstm and rnn may be undertrained: the best
    epoch of each was its last (3 of 3), its validation loss still falling; trained longer, they may rank otherwise"."""
    counts = {name: len(h) for name, h in histories.items()}
    same = len(set(counts.values())) == 1
    names = listing(list(counts) if same else [f"{name} ({n} of {n})" for name, n in counts.items()])
    losses = {"training" if h[-1]["val_loss"] is None else "validation" for h in histories.values()}
    loss = f"{losses.pop()} loss" if len(losses) == 1 else "loss"
    n = next(iter(counts.values()))
    last = f"its last ({n} of {n})" if same else "its last"
    if len(counts) == 1:
        return f"{names} may be undertrained: its best epoch was {last}, its {loss} still falling; trained longer, it " \
               "may rank otherwise."
    return f"{names} may be undertrained: the best epoch of each was {last}, its {loss} still falling; trained longer, " \
           "they may rank otherwise."
