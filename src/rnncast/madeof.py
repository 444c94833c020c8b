"""What a model's forecast is made of, said from its settings: the level ``window_norm`` starts it at, the
linear highway's part where ``highway`` is on, and the cell's part (``models``'s forward adds them up). A
run's page says it near its top, and a figure's legend names the model with it, so that a reader comparing
cells knows which parts of the forecast each score weighs."""

from __future__ import annotations

LEVELS = {"last": "the last value{of} in the window", "mean": "the mean{of} over the window",
          "season": "the window's last season{of}, repeated (seasonal naive)"}  # window_norm 'none': no level


def parts(params: dict, target: str | None = None, future=False, cell: str | None = None, past=(),
          static=(), targets: int = 1) -> list[str]:
    """The pieces added up into each forecast, in ``models``'s order: the level, the highway, the cell.
    ``params``: ``Forecaster.get_params()`` (or as many of its keys); ``target``: the target's name, where
    one is known; ``future``: the names of the covariates known at the forecast steps, which the cell also reads
    (True: some, unnamed); ``past``: those of the past covariates its window reads beside the target; ``static``:
    those of the static covariates that join every input step; ``cell``: the cell's name in the text ("cell":
    "the cell's correction"), else the model's cell, upper-case ("the LSTM's"); ``targets``: how many targets the
    network forecasts, where several: the level is each one's, the highway one map shared by them (``levels.highway``),
    and the cell one network shared by them, each read alone (``channel_independent``), or one reading them together."""
    cell = cell or str(params.get("cell", "lstm")).upper()
    level = LEVELS.get(params.get("window_norm", "last"))
    of = f" of {quoted(target)}" if target else " of each target" if targets > 1 else ""
    pieces = [level.format(of=of)] if level else []
    if params.get("highway") and targets > 1:  # models: one Linear(lookback, horizon) over each target's window
        pieces.append(f"a linear map of each target's values in the window (the linear highway: one map shared by the "
                      f"{targets} targets)")
    elif params.get("highway"):
        pieces.append(f"a linear map of the window's values{of or ' of the target'} (the linear highway)")
    read = reads(of or " of the target", list(past), future, list(static), params.get("target_input", True))
    if targets > 1:  # channel-independent: each target a row through one network; else one network reads them all
        read = (f" (one network shared by the {targets} targets, each target's window read alone)"
                if params.get("channel_independent") else
                reads(f" of the {targets} targets together", list(past), future, list(static),
                      params.get("target_input", True)) or f" (read from the window's values of the {targets} targets together)")
    pieces.append(f"the {cell}'s {'correction' if pieces else 'output (a linear layer on its last state)'}{read}")
    return pieces


def reads(of: str, past: list, future, static: list, target: bool = True) -> str:
    """What the cell reads, where it reads more than the window's target: " (read from the window's values of 'y'
    and the covariates 'p', 'x', and 'x' known at the forecast step)" (future-known covariates are in the window too;
    where every covariate is, " ... and the covariate 'x', over the window and at the forecast step)");
    "" for the target alone; ``future`` True without names: " (read from the window and the covariates known at
    the forecast step)"; ``target`` False (a model of target_input False): the covariates' values alone."""
    known = list(future) if not isinstance(future, bool) else []
    if not past and not known and not static:
        return " (read from the window and the covariates known at the forecast step)" if future else ""
    windowed = past + known
    text, joined = (f" (read from the window's values{of}", " and ") if target else (" (read from the window's values", " of ")
    if known and not past:  # every covariate read twice: said once ('기온', '습도', and '기온', '습도' known ...)
        text += f"{joined}{_covariates(known)}, over the window and at the forecast step"
    else:
        text += f"{joined}{_covariates(windowed)}" if windowed else ""
        text += f", and {', '.join(map(quoted, known))} known at the forecast step" if known else ""
    text += f", with {_covariates(static, 'static ')}" if static else ""
    return text + ")"


def _covariates(names: list, kind: str = "") -> str:
    """"the covariate 'x'", "the static covariates 'size', 'region'"; past eight, the first six and how many more."""
    shown = ", ".join(map(quoted, names if len(names) <= 8 else names[:6]))
    more = f" and {len(names) - 6} more" if len(names) > 8 else ""
    return f"the {kind}covariate{'s' if len(names) > 1 else ''} {shown}{more}"


def sentence(params: dict, target: str | None = None, future=False, past=(), static=(), targets: int = 1,
             scored: bool = True) -> str:
    """One plain sentence: "How this model forecasts: each forecast = the last value of 'y' in the window + a
    linear map ... + the LSTM's correction (read from the window's values of 'y' and the covariate 'x').", and what
    that means for comparing cells by their scores; ``future``, ``past``, ``static``, ``targets`` as ``parts`` takes them;
    ``scored`` False: a run with no scores (a final fit without validation rows), whose settings a backtest scores
    (decision 2159)."""
    pieces = parts(params, target, future, past=past, static=static, targets=targets)
    text = f"How this model forecasts: each forecast = {' + '.join(pieces)}"
    if params.get("window_scale"):  # models: start + spread * (head + highway), read from the window / spread
        scaled = ("the highway's and the cell's parts" if params.get("highway") else "the cell's part" if len(pieces) > 1
                  else "that output")
        text += (f", {scaled} multiplied by the window's spread (the network reads the window's values divided by "
                 "it)")
    text += "."
    cell = str(params.get("cell", "lstm")).upper()
    if params.get("highway"):
        whose = "this model's scores" if scored else "the scores of a backtest of these settings"  # decision 2159
        text += (f" The highway and the {cell} are trained together and {whose} weigh both, so cells compared with "
                 "the highway on are compared with it: fit with highway=False (--no-highway) to compare the cells "
                 "themselves.")
    elif len(pieces) > 1:
        text += f" The {cell} learns only the change from that level."
    return text


def quoted(name) -> str:
    """A column's name in quotes, as written (no escapes): 'y', or "it's" and “a'b"c” where it holds quotes."""
    name = str(name)
    if "'" not in name:
        return f"'{name}'"
    return f'"{name}"' if '"' not in name else f"\u201c{name}\u201d"


def legend_label(params: dict, untrained: bool = False) -> str:
    """The model as a figure's legend names it: "model (lstm + linear highway)" with the highway on, else
    "model (lstm)"; the level is the page's sentence to say. forecast.png's, loss.png's and backtest.png's name (the
    last from a backtest's metrics, which keep ``cell`` and ``highway``), so that one model reads alike in each.
    ``untrained``: the fit kept the untrained network (``untrained.kept``), as its page says: "model (lstm, untrained)"."""
    cell = str(params.get("cell", "lstm"))
    made = f"{cell} + linear highway" if params.get("highway") else cell
    return f"model ({made}, untrained)" if untrained else f"model ({made})"
