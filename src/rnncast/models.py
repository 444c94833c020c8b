"""The networks: a recurrent encoder (RNN | LSTM | GRU) and a head that emits every horizon step.

Two networks share one interface, ``forward(x [B, L, C], future, static, categories) -> [B, H, T]``
(``[B, H, T, Q]`` for a quantile head):

* ``RecurrentNet``: the tutorials' network, one recurrent step per time step, a linear head on the
  last hidden state; it also takes static covariates (numeric, and categorical through embeddings)
  and emits quantiles;
* ``SegmentNet``: SegRNN's way (Lin et al., 2023): the window is cut into segments of ``segment``
  steps, each embedded by a linear layer, and the cell runs over segments (720 steps at 48 per
  segment are 15 recurrent steps); a parallel decoder emits every output segment at once.

Both subtract a level from each input window (``window_norm``; the pieces are ``levels.py``) and add it back to the output, or
start the output at the window's last season (``window_norm='season'``, seasonal naive) (with
``window_scale`` they also divide by the window's spread and multiply it back, as RevIN does); with
``highway`` both add a linear map of the window's targets (less the level) to it, as LSTNet does; and
both start as that level's forecast: the output layer is zero-initialised, so an untrained network
with ``window_norm='last'`` *is* the repeat-last baseline, and training moves it from there.

A network knows tensors only: no files, scalers or pandas. ``forward`` has no data-dependent Python
control flow, so it traces for ONNX and runs unchanged under DistributedDataParallel.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

import torch
from torch import nn

from rnncast.levels import highway, sequence_highway, split_channels, window_levels, window_spread

RECURRENT = {"rnn": nn.RNN, "lstm": nn.LSTM, "gru": nn.GRU}


@dataclass(frozen=True)
class NetSpec:
    """Everything needed to rebuild the network (stored as JSON beside the weights)."""

    cell: str
    n_inputs: int  # channels per input step: targets first, then features
    n_targets: int
    horizon: int
    hidden_size: int = 64
    num_layers: int = 1
    dropout: float = 0.0
    window_norm: str = "last"  # none | last | mean | season
    n_future: int = 0  # features known over the horizon, fed to the head
    channel_independent: bool = False  # every target column a separate series through one network
    scheme: str = "window"  # how it was trained: "window" (last step of each window) or "sequence"
    segment: int = 0  # steps per input segment (SegmentNet); 0: RecurrentNet, one step at a time
    decoder: str = "direct"  # SegmentNet: "direct" (linear head) or "parallel" (output segments at once)
    n_static: int = 0  # numeric static covariates, appended to every input step
    static_cardinalities: tuple = ()  # categories of each categorical static covariate, embedded
    quantiles: tuple = ()  # levels of the quantile head; () for one point forecast
    lookback: int = 0  # input steps per window (the highway's width); 0 in specs saved before it was kept
    highway: bool = False  # a linear map from the window's targets to the forecast, added (both networks)
    window_scale: bool = False  # divide each window's targets (less the level) by their spread, multiply back
    season: int = 1  # window_norm 'season': steps per season (the forecast starts at the window's last season)
    target_offsets: bool = False  # channel-independent quantile head: an offset per target (specs saved before: none)
    target_input: bool = True  # False: the encoder reads the features alone (the targets' columns of x are dropped)

    def __post_init__(self):  # JSON gives lists; the spec keeps tuples
        object.__setattr__(self, "static_cardinalities", tuple(int(c) for c in self.static_cardinalities))
        object.__setattr__(self, "quantiles", tuple(float(q) for q in self.quantiles))

    def to_dict(self) -> dict:
        return asdict(self)


def embedding_dim(categories: int) -> int:
    """Width of a categorical covariate's learned embedding: half its categories, at least 1, at most 16."""
    return max(1, min(16, (categories + 1) // 2))


class RecurrentNet(nn.Module):
    """Encoder over the input window, last hidden state (plus known future features) -> [B, H, targets]
    (or [B, H, targets, quantiles]). Static covariates join every input step: numeric ones as they
    are, categorical ones through a learned embedding each."""

    def __init__(self, spec: NetSpec):
        super().__init__()
        self.spec = spec
        self.n_rows = 1 if spec.channel_independent else spec.n_targets  # targets per series row
        channels_in = 1 if spec.channel_independent else spec.n_inputs - spec.n_targets * (not spec.target_input)
        self.embeddings = nn.ModuleList(nn.Embedding(n, embedding_dim(n)) for n in spec.static_cardinalities)
        n_static_in = spec.n_static + sum(embedding_dim(n) for n in spec.static_cardinalities)
        self.n_quantiles = max(len(spec.quantiles), 1)
        self.encoder = RECURRENT[spec.cell](
            input_size=channels_in + n_static_in,
            hidden_size=spec.hidden_size,
            num_layers=spec.num_layers,
            batch_first=True,
            dropout=spec.dropout if spec.num_layers > 1 else 0.0,
        )
        self.dropout = nn.Dropout(spec.dropout)
        self.head = _zero(nn.Linear(spec.hidden_size + spec.horizon * spec.n_future,
                                    spec.horizon * self.n_rows * self.n_quantiles))
        self.highway = _zero(nn.Linear(spec.lookback, spec.horizon)) if spec.highway else None  # L -> H
        # one head serves every channel of a channel-independent net; each target's quantiles start apart
        self.target_offsets = (nn.Parameter(torch.zeros(spec.n_targets, spec.horizon, 1, self.n_quantiles))
                               if spec.target_offsets and spec.channel_independent and spec.quantiles else None)

    def forward(self, x: torch.Tensor, future: torch.Tensor | None = None, static: torch.Tensor | None = None,
                categories: torch.Tensor | None = None, every_step: bool = False) -> torch.Tensor:
        """Forecast from each input window: [B, L, C] (and [B, H, F] known future, [B, Kn] numeric and
        [B, Kc] categorical static covariates) -> [B, H, T], or [B, H, T, Q] with quantiles.

        ``every_step=True`` is ``forward_sequence`` (a forecast at every position); it goes through
        ``forward`` so that DistributedDataParallel sees the call and averages its gradients.
        """
        if every_step:
            return self.forward_sequence(x)  # [B, S, H, T]
        spec = self.spec
        batch, length, channels = x.shape
        x = split_channels(x, spec.channel_independent)  # [B', L, C']
        n_targets = self.n_rows
        targets = x[..., :n_targets]  # [B', L, T']
        level, start = window_levels(targets, spec.window_norm, spec.season, spec.horizon)  # [B', 1, T'], [B', H | 1, T']
        spread = window_spread(targets) if spec.window_scale else None  # [B', 1, T']
        deviations = targets - level if spread is None else (targets - level) / spread  # [B', L, T']
        if not spec.target_input:  # the features alone (window_norm 'none', no highway: settingchecks)
            x = x[..., n_targets:]  # [B, L, F]
        elif spec.scheme == "window":  # window-trained: inputs relative to the level
            x = torch.cat([deviations, x[..., n_targets:]], dim=-1)  # [B', L, C']
        described = self._static(static, categories)  # [B, D] or None
        if described is not None:
            x = torch.cat([x, described[:, None, :].expand(-1, length, -1)], dim=-1)  # [B, L, C + D]
        out, _ = self.encoder(x)  # [B', L, hidden]
        linear = highway(self.highway, deviations)  # [B', H, T'] (0 without a highway)
        state = self.dropout(out[:, -1])  # [B', hidden]
        if spec.n_future:
            state = torch.cat([state, future.reshape(batch, -1)], dim=-1)  # [B, hidden + H * F]
        if spec.quantiles:
            y = self.head(state).view(-1, spec.horizon, n_targets, self.n_quantiles)  # [B', H, T', Q]
            if self.target_offsets is not None:  # row i of B' is channel i % C
                y = y + self.target_offsets.repeat(batch, 1, 1, 1)  # [B', H, 1, Q]
            if spread is None:
                y = y + (start + linear)[..., None]  # [B', H, T', Q]
            else:
                y = spread[..., None] * y + (start + spread * linear)[..., None]  # [B', H, T', Q]
            if spec.channel_independent:
                y = y.reshape(batch, channels, spec.horizon, self.n_quantiles).transpose(1, 2)  # [B, H, C, Q]
            return y  # [B, H, T, Q]
        y = self.head(state).view(-1, spec.horizon, n_targets)  # [B', H, T']
        y = y + start + linear if spread is None else start + spread * (y + linear)  # [B', H, T']
        if spec.channel_independent:
            y = y.reshape(batch, channels, spec.horizon).transpose(1, 2)  # [B, H, C]
        return y  # [B, H, T]

    def loss(self, pred: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
        """The pinball loss of a quantile head ([..., Q] against [...]), averaged over the levels.

        Point heads train on ``training.POINT_LOSSES`` (MSE or MAE); ``training.loss_of`` picks."""
        levels = pred.new_tensor(self.spec.quantiles)  # [Q]
        diff = y[..., None] - pred  # [..., Q]
        return torch.mean(torch.maximum(levels * diff, (levels - 1) * diff))

    def _static(self, static: torch.Tensor | None, categories: torch.Tensor | None) -> torch.Tensor | None:
        """Numeric static covariates and the embeddings of the categorical ones, side by side: [B, D]."""
        parts = [static] if self.spec.n_static else []  # [B, Kn]
        parts += [embed(categories[:, j]) for j, embed in enumerate(self.embeddings)]  # [B, E_j] each
        return torch.cat(parts, dim=-1) if parts else None

    def forward_sequence(self, x: torch.Tensor) -> torch.Tensor:
        """A forecast at every position of a chunk, as the sequence scheme trains: [B, S, C] -> [B, S, H, T].

        Position p sees rows up to p and forecasts the H rows after it. The last position's output
        equals ``forward`` on the same rows, so a sequence-trained net predicts windows unchanged.
        """
        spec = self.spec
        batch, length, channels = x.shape
        x = split_channels(x, spec.channel_independent)  # [B', S, C']
        n_targets = self.n_rows
        out, _ = self.encoder(x if spec.target_input else x[..., n_targets:])  # [B', S, hidden]
        y = self.head(self.dropout(out)).view(-1, length, spec.horizon, n_targets)  # [B', S, H, T']
        if spec.window_norm == "last":
            y = y + x[..., None, :n_targets]  # each position's own last value  [B', S, H, T']
        if self.highway is not None:  # from position L - 1 on: the last L rows, as a window  [B', S, H, T']
            y = y + sequence_highway(self.highway, x[..., :n_targets], spec.lookback, spec.window_norm)
        if spec.channel_independent:
            y = y.reshape(batch, channels, length, spec.horizon).permute(0, 2, 3, 1)  # [B, S, H, C]
        return y  # [B, S, H, T]


class SegmentNet(nn.Module):
    """SegRNN: the cell runs over embedded segments of the window; the decoder emits whole segments.

    Input [B, L, C] -> (channel-independent: [B * C, L, 1]) -> L / w segments of w steps, each
    embedded by Linear(w * channels, hidden) + ReLU -> cell over the segments -> final state.
    ``decoder='direct'``: a linear layer from the last output to all H steps (and known future
    features, as in RecurrentNet). ``decoder='parallel'``: for each of the ceil(H / w) output
    segments, one step of the same cell from the final state, fed a learned position embedding
    (and, channel-independent with several targets, half position, half channel embedding); a
    linear layer turns each step's output into w values. All output segments run as one batch.
    """

    def __init__(self, spec: NetSpec):
        super().__init__()
        self.spec = spec
        self.n_rows = 1 if spec.channel_independent else spec.n_targets  # targets per series row
        channels_in = 1 if spec.channel_independent else spec.n_inputs - spec.n_targets * (not spec.target_input)
        w, hidden = spec.segment, spec.hidden_size
        self.embed = nn.Sequential(nn.Linear(w * channels_in, hidden), nn.ReLU())
        self.encoder = RECURRENT[spec.cell](input_size=hidden, hidden_size=hidden, num_layers=spec.num_layers,
                                            batch_first=True, dropout=spec.dropout if spec.num_layers > 1 else 0.0)
        self.dropout = nn.Dropout(spec.dropout)
        self.n_out = -(-spec.horizon // w)  # output segments (the last one is cut to the horizon)
        if spec.decoder == "parallel":
            n_channels = spec.n_targets if spec.channel_independent and spec.n_targets > 1 else 0
            pos_size = hidden // 2 if n_channels else hidden
            self.position = nn.Parameter(torch.randn(self.n_out, pos_size))  # [M, d_pos]
            self.channel = nn.Parameter(torch.randn(n_channels, hidden - pos_size)) if n_channels else None
            self.head = _zero(nn.Linear(hidden, w * self.n_rows))
        else:
            self.head = _zero(nn.Linear(hidden + spec.horizon * spec.n_future, spec.horizon * self.n_rows))
        self.highway = _zero(nn.Linear(spec.lookback, spec.horizon)) if spec.highway else None  # L -> H
        # one head serves every channel of a channel-independent net; each target's quantiles start apart
        self.target_offsets = (nn.Parameter(torch.zeros(spec.n_targets, spec.horizon, 1, self.n_quantiles))
                               if spec.target_offsets and spec.channel_independent and spec.quantiles else None)

    def forward(self, x: torch.Tensor, future: torch.Tensor | None = None, static: torch.Tensor | None = None,
                categories: torch.Tensor | None = None) -> torch.Tensor:
        """Forecast from each input window: [B, L, C] (and [B, H, F] known future) -> [B, H, T].

        Static covariates are not taken yet (fit refuses them with ``segment``); the arguments keep
        the one interface of the networks."""
        spec = self.spec
        batch, length, channels = x.shape
        x = split_channels(x, spec.channel_independent)  # [B', L, C']
        rows = x.shape[0]
        level, start = window_levels(x[..., : self.n_rows], spec.window_norm, spec.season, spec.horizon)  # [B', 1 | H, T']
        spread = window_spread(x[..., : self.n_rows]) if spec.window_scale else None  # [B', 1, T']
        deviations = x[..., : self.n_rows] - level if spread is None else (x[..., : self.n_rows] - level) / spread
        linear = highway(self.highway, deviations)  # [B', H, T'] (0 without a highway)
        x = torch.cat([deviations, x[..., self.n_rows :]], dim=-1) if spec.target_input else x[..., self.n_rows :]
        segments = x.reshape(rows, length // spec.segment, spec.segment * x.shape[-1])  # [B', N, w * C']
        out, state = self.encoder(self.embed(segments))  # out [B', N, d]; state [layers, B', d] (LSTM: a pair)
        if spec.decoder == "parallel":
            y = self._decode_parallel(state, rows, channels)  # [B', M * w, T']
        else:
            last = self.dropout(out[:, -1])  # [B', d]
            if spec.n_future:
                last = torch.cat([last, future.reshape(batch, -1)], dim=-1)  # [B, d + H * F]
            y = self.head(last).view(rows, spec.horizon, self.n_rows)  # [B', H, T']
        y = y[:, : spec.horizon]  # [B', H, T']
        y = y + start + linear if spread is None else start + spread * (y + linear)  # [B', H, T']
        if spec.channel_independent:
            y = y.reshape(batch, channels, spec.horizon).transpose(1, 2)  # [B, H, C]
        return y  # [B, H, T]

    def _decode_parallel(self, state, rows: int, channels: int) -> torch.Tensor:
        spec, m = self.spec, self.n_out
        queries = self.position.expand(rows, m, -1)  # [B', M, d_pos]
        if self.channel is not None:
            per_row = self.channel.repeat(rows // channels, 1)  # [B', d_ch]: row i is channel i % C
            queries = torch.cat([queries, per_row[:, None, :].expand(rows, m, -1)], dim=-1)  # [B', M, d]
        queries = queries.reshape(rows * m, 1, -1)  # [B' * M, 1, d]: every output segment is a sequence
        if isinstance(state, tuple):  # LSTM: (h, c)
            state = tuple(s.repeat_interleave(m, dim=1) for s in state)  # [layers, B' * M, d] each
        else:
            state = state.repeat_interleave(m, dim=1)  # [layers, B' * M, d]
        out, _ = self.encoder(queries, state)  # [B' * M, 1, d]
        y = self.head(self.dropout(out[:, 0]))  # [B' * M, w * T']
        return y.view(rows, m * spec.segment, self.n_rows)  # [B', M * w, T']


def build_net(spec: NetSpec) -> nn.Module:
    """The network a spec describes: SegmentNet when it has segments, else RecurrentNet."""
    return SegmentNet(spec) if spec.segment else RecurrentNet(spec)


def _zero(layer: nn.Linear) -> nn.Linear:
    """The output layer starts at zero: the untrained network forecasts the window's level."""
    nn.init.zeros_(layer.weight)
    nn.init.zeros_(layer.bias)
    return layer


def count_parameters(net: nn.Module) -> int:
    """The number of weights and biases of ``net`` (every parameter, trained or not)."""
    return sum(p.numel() for p in net.parameters())


def parameter_parts(net: nn.Module) -> dict[str, int]:
    """``net``'s parameters, counted: ``{"total", "cell", "head"}``, and ``"highway"`` and ``"other"`` (embeddings,
    a segment net's position and channel embeddings, target offsets) where it has them: what config.json's
    ``run.parameters`` records and a run's page, fit and compare show (decision 1700)."""
    parts = {"total": count_parameters(net)}
    for name, module in (("cell", getattr(net, "encoder", None)), ("head", getattr(net, "head", None)),
                         ("highway", getattr(net, "highway", None))):
        if module is not None:
            parts[name] = count_parameters(module)
    other = parts["total"] - sum(v for k, v in parts.items() if k != "total")
    return {**parts, **({"other": other} if other else {})}


def parameters_text(parts: dict[str, int]) -> str:
    """``parameter_parts``' counts as a run's page writes them: "12,980 (cell 12,864, head 65, highway 51)"."""
    said = ", ".join(f"{name} {count:,}" for name, count in parts.items() if name != "total")
    return f"{parts['total']:,}" + (f" ({said})" if said else "")
