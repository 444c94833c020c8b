"""What the demos say in words, from their measured numbers: the regression's lesson (why the tutorial's task cannot
be learned from the past alone, why rnncast splits by time, the fix), the sine's cells alone against each other and
what one seed can tell, each model whose budget ran out, each that kept its untrained network, and the settings that
differ from the defaults."""

from __future__ import annotations

from rnncast import demopage
from rnncast.comparison import Comparison, percent_apart
from rnncast.spelling import listing
from rnncast.demofolders import SINE_GROUPS
from rnncast.forecaster import Forecaster
from rnncast.runhistory import kept_untrained, still_improving
from rnncast.untrained import forecast_text


def regression_lesson(rows: list[demopage.DemoRow], model: Forecaster, data) -> str:
    """What the two runs teach, from the measured numbers (``rows`` in ``REGRESSION_RUNS``' order), and where the
    scaler's statistics come from: ``model``'s training rows alone (its ``state_``), beside the range of the rows
    after them in ``data``."""
    past, known = rows
    floor = data.attrs.get("noise_floor_mse")
    state = model.state_
    j, train = (state.targets + state.features).index("y"), state.splits[0].train_end
    low, high = state.scalers[0].offset[j], state.scalers[0].offset[j] + state.scalers[0].scale[j]
    later = data["y"].iloc[train:]
    near = f", {known.mse / floor:.2f} times the noise floor ({floor:.4g})" if floor else ""
    return (f"What the two runs show. Fed the past alone, the network's test MSE is {demopage.number(past.mse)}, no "
            f"better than the training mean's {demopage.number(past.baseline_mse)} (R² {past.r2:.3f}): y_t depends on "
            f"x_t, which no window ending at t - 1 holds. Told that x is known at forecast time, the same network "
            f"scores {demopage.number(known.mse)} (R² {known.r2:.3f}){near}. Neither score borrows from the test rows: "
            f"the split is by time, and the scaler's statistics come from the training rows only (min-max: y's first "
            f"{train} rows span {low:.4g} to {high:.4g}, mapped onto 0 to 1, and x's likewise); the rows after them, "
            f"{later.min():.4g} to {later.max():.4g}, are scaled by the same numbers, past 0 or 1 where they lie "
            "outside, as new rows at forecast time are. The tutorial fitted its scaler after splitting its windows at "
            "random, on training windows that share their rows with the test windows, so the test rows' values set "
            "it too.")

WHY_NOT = ("As the tutorial set it up, the target y at time t depends only on the feature x at the same time t, and "
           "every window stops at t - 1. The tutorial fed its LSTM windows of x alone (input_dim = 1), and so do both "
           "runs here: target_input=False (--no-target-input) leaves y's own past out of the windows, which rnncast "
           "reads by default, and highway=False (--no-highway) the linear map from it. The rows are independent draws, "
           "so nothing in x's past tells anything about y_t: no model can beat predicting the training mean, and this "
           "one does not.")
RANDOM_SPLIT = ("Why rnncast splits by time. The tutorial split its windows at random (scikit-learn's "
                "train_test_split). Windows made one step apart overlap: a test window shares 9 of its 10 values "
                "with the window just before it and with the one just after, and a random 20% test split leaves each "
                "of those in training four times in five, so the network has trained on near-copies of what it is "
                "tested on. On a series whose neighbouring values resemble each other (a wave, sales, "
                "temperatures) that flatters the test score: it measures how well the network remembers its "
                "training rows, not how well it forecasts. rnncast trains on the first 70% of the rows, chooses the "
                "epoch on the next 10% and scores the last 20%, rows after every row it trained on, as a forecast of "
                "the future is scored. (In this data the rows are independent draws, so a neighbouring window's target "
                "tells nothing of a test window's; in a series whose values follow each other it tells much.)")
FIX = ("The fix is a setting, not a bigger model: future_known=True (--future-known) declares x a covariate known at "
       "forecast time, and the network then also sees x at the step it predicts. The same network, still reading x "
       "alone, reaches an R² near 1 with the settings listed below (the tutorial's own, where they differ from "
       "rnncast's defaults, and the two that keep y out of its input).")


def floor_sentence(floor: float | None, noise: str = "the sine's noise", clean: str = "the clean sine") -> str:
    """What the table's '× floor' column divides by: the data's noise floor ``floor`` (an MSE, y's units squared), the
    MSE of the ``clean`` signal as the forecast, whose ``noise`` sets it (the sine demo's; the regression demo's)."""
    if floor is None:
        return "The data knows no noise floor."
    return (f"Noise floor: {noise} has sd {floor ** 0.5:.3g}, so even {clean} as the forecast scores an "
            f"expected MSE of {floor:.4g}; the table's '× floor' column is each test MSE over it "
            f"(1.00 would be a perfect forecaster).")


def cells_alone_text(rows: list[demopage.DemoRow], comparisons: list[Comparison], made_of: dict | None = None,
                     seed: int = 0, memory: str = "") -> str:
    """What the cells-alone rows teach, said from the measured numbers (nothing assumed about which cell wins).
    ``made_of``: group -> what each forecast of the group is made of ("the last value in the window + the
    cell's correction", ``madeof.parts``); ``seed``: the one seed every network was trained from; ``memory``: what
    the wave asks of a cell's memory (``memory_sentence``)."""
    made_of = made_of or {}
    on, alone = ([r for r in rows if r.group == g] for g in SINE_GROUPS)
    params = {r.name: f"{r.parameters:,}" for r in alone}
    floor = all(r.floor_mse for r in rows)

    def levels(group):
        ranked = sorted(group, key=lambda r: r.mse)
        values = [f"{r.name} {r.mse / r.floor_mse:.2f}" if floor else f"{r.name} {r.mse:.4g}" for r in ranked]
        spread = 100 * (ranked[-1].mse / ranked[0].mse - 1)
        gap = percent_apart(spread)  # "less than 1%", never a "0%" of two different numbers
        apart = "all equal" if not spread else f"{gap} apart" if gap.startswith("less") else f"within {gap} of each other"
        return f"{listing(values)}{' times the noise floor' if floor else ' test MSE'}, {apart}"

    def outcome(c: Comparison):
        differ = [f"{p['a']} vs {p['b']}" for p in c.pairs if p["differs"]]
        if c.winner:
            return f"{c.winner}'s lower MSE is beyond chance against each other cell"
        if not differ:
            return "no pair differs beyond chance"
        return f"no cell wins, and of the pairs only {listing(differ)} differ{'s' if len(differ) == 1 else ''} beyond chance"

    by_name = {r.name: r for r in on}
    text = (f"What the cells alone show. The tutorial is about how the cells differ: a plain RNN carries one hidden "
            f"state through tanh from step to step ({params.get('RNN', '?')} parameters here), LSTM adds a cell state "
            f"and three gates ({params.get('LSTM', '?')}), GRU two gates ({params.get('GRU', '?')}). With the highway "
            f"on, {_built(made_of, 'highway on')}: {levels(on)}; {outcome(comparisons[0])}. With the highway off, "
            f"{_built(made_of, 'cells alone')}: {levels(alone)}; {outcome(comparisons[1])}. Early stopping ended the cells alone after "
            f"{listing([f'{r.epochs} ({r.name})' for r in alone])} epochs. Without the highway each cell's test MSE is "
            + listing([f"{r.mse / by_name[r.name].mse:.2f} times ({r.name})" for r in alone if r.name in by_name])
            + " what it is with it.")
    differ_on, differ_alone = (any(p["differs"] for p in c.pairs) for c in comparisons)
    if differ_alone and not differ_on:
        text += " Here the highway hides how the cells differ; alone, they differ."
    elif not differ_alone:
        text += " On this wave even the cells alone do not differ beyond chance."
    return text + (f" {memory}" if memory else "") + " " + one_seed_text(seed)


def _built(made_of: dict, group: str) -> str:
    return f"each forecast is {made_of[group]}" if group in made_of else "each forecast is built as the intro says"


LEVEL_NOTE = ("The last value is there because rnncast's default window_norm='last' has every network forecast the "
              "change from the window's last value, so the cells alone still start from repeating the last value; "
              "with window_norm='none' a cell forecasts the value itself.")
SEEDS_MEASURED = ("Measured with the cells alone at seeds 0, 1 and 2 (this demo's settings, one CPU thread, as "
                  "rnncast demo --seed N --threads 1 fits them; 2026-12-04): RNN's test MSE was the highest each time "
                  "(1.87, 1.66 and 1.81 times the noise floor), and GRU's was below LSTM's at seeds 0 and 1 but not at "
                  "seed 2 (GRU against LSTM: 1.22 against 1.32 at seed 0, 1.41 against 1.44 at seed 1, 1.32 against "
                  "1.30 at seed 2). With window_norm='none' instead, seed 0 ranked them otherwise: LSTM 1.16, RNN 1.33, "
                  "GRU 1.37. On more threads torch adds in another order and the figures move a little, as this "
                  "page's own may.")


def one_seed_text(seed: int) -> str:
    """What a verdict between these cells rests on: these trained networks, these test rows, one seed."""
    return (f"These verdicts compare these trained networks on these test rows: the Diebold–Mariano test weighs "
            f"the noise of the test rows, not the luck of training, and every network here was trained once, from "
            f"seed {seed} (--seed). Trained from another seed, cells this close can change places. {SEEDS_MEASURED}")


def budget_sentences(models: dict[str, Forecaster], last: int = 10, test_mse: dict | None = None,
                     floor: float | None = None) -> list[str]:
    """One sentence per model whose best epoch was the last of its budget, by fit's rule (``still_improving``: its
    warning "the best epoch was the last ... may be undertrained"): how much its loss (validation; training without
    validation rows) fell over its ``last`` epochs, as measured, and that the demo keeps its settings' budget; where
    the data's noise floor (an MSE, y's units squared) is known and ``test_mse`` holds the model's (by its name in
    ``models``), how near the floor it already is. Nothing for a model that early stopping ended."""
    said, test_mse = [], test_mse or {}
    for name, model in models.items():
        history = model.history_
        if not still_improving(history, model.epochs):
            continue
        loss = "train_loss" if history[-1]["val_loss"] is None else "val_loss"
        before = history[max(0, len(history) - 1 - last)]
        drop = 1 - history[-1][loss] / before[loss] if before[loss] else 0.0
        said.append(f"{name}: its {'training' if loss == 'train_loss' else 'validation'} loss was still falling when "
                    f"its {model.epochs} epochs ran out ({percent_apart(100 * drop)} "
                    f"lower than {len(history) - before['epoch']} epochs before), which is why rnncast warned that it "
                    f"may be undertrained. The demo keeps one epoch budget for every run, as its settings below say; "
                    + (f"its test MSE, {test_mse[name]:.4g}, is already {test_mse[name] / floor:.2f} times the noise "
                       f"floor ({floor:.4g}, the MSE of the true relation), so more epochs or a larger learning rate "
                       f"could lower it by at most the {test_mse[name] - floor:.2g} between."
                       if floor and name in test_mse else
                       "more epochs or a larger learning rate would bring this model's test MSE lower still."))
    return said


def untrained_sentences(models: dict[str, Forecaster]) -> list[str]:
    """One sentence per forecast that models whose best epoch was 0 (``runhistory.kept_untrained``; the table's "(0:
    untrained)") start from, in words a learner reads: no epoch improved on the untrained network's validation loss,
    so the model kept its starting weights, and what they forecast (``untrained.forecast_text``); models that start
    from the same forecast are named in one sentence."""
    starts: dict[str, list[str]] = {}  # what the starting weights forecast -> the models that kept them
    for name, model in models.items():
        if kept_untrained(model.history_):
            starts.setdefault(forecast_text(model.net_, model.state_), []).append(name)
    said = []
    for forecast, names in starts.items():
        one = len(names) == 1
        said.append(f"{listing(names)}: best epoch 0 means that no epoch improved on the untrained network's "
                    f"validation loss, so {'the' if one else 'each'} model kept its starting weights, which forecast "
                    f"{forecast}; {'its' if one else 'their'} scores are that forecast's, not what "
                    f"{'its cell' if one else 'their cells'} learned (more epochs or a larger learning rate may change "
                    "that).")
    return said


# ---- settings other than the defaults ----------------------------------------------------------

def non_default_settings(params: dict) -> dict:
    """The settings of ``params`` (``Forecaster.get_params()``) whose values differ from ``Forecaster()``'s."""
    defaults = Forecaster().get_params()
    return {k: v for k, v in params.items() if k in defaults and v != defaults[k]}


def settings_text(settings: dict, empty: str = "none") -> str:
    """``lookback 10, lr 0.001, scaler minmax``: each setting's name and value."""
    return ", ".join(f"{k} {v:g}" if isinstance(v, float) else f"{k} {v}" for k, v in settings.items()) or empty


def settings_sentence(model: Forecaster) -> str:
    return f"Settings other than the defaults: {settings_text(non_default_settings(model.get_params()))}."


def settings_lines(models: dict[str, Forecaster]) -> list[str]:
    """The settings that differ from the defaults: those every run shares, then each run's own."""
    diffs = {name: non_default_settings(m.get_params()) for name, m in models.items()}
    first = next(iter(diffs.values()))
    common = {k: v for k, v in first.items() if all(k in d and d[k] == v for d in diffs.values())}
    lines = [f"Settings other than the defaults, in every run: {settings_text(common)}."]
    own = {name: {k: v for k, v in d.items() if k not in common} for name, d in diffs.items()}
    if any(own.values()):
        lines.append("Besides, per run: " + "; ".join(f"{name}: {settings_text(o, 'nothing else')}"
                                                     for name, o in own.items()) + ".")
    return lines
