"""The networks: a recurrent encoder (RNN | LSTM | GRU) and a linear head that emits every horizon step.

A network knows tensors only: no files, scalers or pandas. ``forward`` has no data-dependent Python
control flow, so it traces for ONNX and runs unchanged under DistributedDataParallel.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

import torch
from torch import nn

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
    window_norm: str = "last"  # none | last | mean
    n_future: int = 0  # features known over the horizon, fed to the head
    channel_independent: bool = False  # every target column a separate series through one network
    scheme: str = "window"  # how it was trained: "window" (last step of each window) or "sequence"

    def to_dict(self) -> dict:
        return asdict(self)


class RecurrentNet(nn.Module):
    """Encoder over the input window, last hidden state (plus known future features) -> [B, H, targets]."""

    def __init__(self, spec: NetSpec):
        super().__init__()
        self.spec = spec
        channels_in = 1 if spec.channel_independent else spec.n_inputs
        channels_out = 1 if spec.channel_independent else spec.n_targets
        self.encoder = RECURRENT[spec.cell](
            input_size=channels_in,
            hidden_size=spec.hidden_size,
            num_layers=spec.num_layers,
            batch_first=True,
            dropout=spec.dropout if spec.num_layers > 1 else 0.0,
        )
        self.dropout = nn.Dropout(spec.dropout)
        self.head = nn.Linear(spec.hidden_size + spec.horizon * spec.n_future, spec.horizon * channels_out)

    def forward(self, x: torch.Tensor, future: torch.Tensor | None = None) -> torch.Tensor:
        """Forecast from each input window: [B, L, C] (and [B, H, F] known future) -> [B, H, T]."""
        spec = self.spec
        batch, channels = x.shape[0], x.shape[2]
        x = self._split_channels(x)  # [B', L, C']
        n_targets = self._targets_per_row()
        targets = x[..., :n_targets]  # [B', L, T']
        level = self._level(targets)  # [B', 1, T']
        if spec.scheme == "window":  # window-trained: inputs relative to the level
            x = torch.cat([targets - level, x[..., n_targets:]], dim=-1)  # [B', L, C']
        out, _ = self.encoder(x)  # [B', L, hidden]
        state = self.dropout(out[:, -1])  # [B', hidden]
        if spec.n_future:
            state = torch.cat([state, future.reshape(batch, -1)], dim=-1)  # [B, hidden + H * F]
        y = self.head(state).view(-1, spec.horizon, n_targets) + level  # [B', H, T']
        if spec.channel_independent:
            y = y.reshape(batch, channels, spec.horizon).transpose(1, 2)  # [B, H, C]
        return y  # [B, H, T]

    def forward_sequence(self, x: torch.Tensor) -> torch.Tensor:
        """A forecast at every position of a chunk, as the sequence scheme trains: [B, S, C] -> [B, S, H, T].

        Position p sees rows up to p and forecasts the H rows after it. The last position's output
        equals ``forward`` on the same rows, so a sequence-trained net predicts windows unchanged.
        """
        spec = self.spec
        batch, length, channels = x.shape
        x = self._split_channels(x)  # [B', S, C']
        n_targets = self._targets_per_row()
        out, _ = self.encoder(x)  # [B', S, hidden]
        y = self.head(self.dropout(out)).view(-1, length, spec.horizon, n_targets)  # [B', S, H, T']
        if spec.window_norm == "last":
            y = y + x[..., None, :n_targets]  # each position's own last value  [B', S, H, T']
        if spec.channel_independent:
            y = y.reshape(batch, channels, length, spec.horizon).permute(0, 2, 3, 1)  # [B, S, H, C]
        return y  # [B, S, H, T]

    def _split_channels(self, x: torch.Tensor) -> torch.Tensor:
        if not self.spec.channel_independent:
            return x  # [B, S, C]
        batch, length, channels = x.shape
        return x.transpose(1, 2).reshape(batch * channels, length, 1)  # [B * C, S, 1]

    def _targets_per_row(self) -> int:
        return 1 if self.spec.channel_independent else self.spec.n_targets

    def _level(self, targets: torch.Tensor) -> torch.Tensor:
        if self.spec.window_norm == "last":
            return targets[:, -1:, :]  # [B, 1, T]
        if self.spec.window_norm == "mean":
            return targets.mean(dim=1, keepdim=True)  # [B, 1, T]
        return torch.zeros_like(targets[:, -1:, :])  # [B, 1, T]


def count_parameters(net: nn.Module) -> int:
    return sum(p.numel() for p in net.parameters())
