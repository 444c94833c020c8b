"""One contract every network keeps (as NeuralForecast checks every model against one test): the
shapes in and out, an untrained network forecasts Repeat (its head starts at zero), and it can be
traced to ONNX and run there with the same output at another batch size."""

from __future__ import annotations

import io
import warnings

import numpy as np
import pytest
import torch

from rnncast.models import NetSpec, build_net

L, H, B = 16, 4, 3
NETWORKS = {  # name -> NetSpec keywords beyond cell, horizon and lookback
    "rnn": dict(cell="rnn", n_inputs=2, n_targets=1),
    "lstm two layers": dict(cell="lstm", n_inputs=3, n_targets=2, num_layers=2),
    "gru highway": dict(cell="gru", n_inputs=2, n_targets=1, highway=True),
    "lstm future covariates": dict(cell="lstm", n_inputs=3, n_targets=1, n_future=2),
    "gru static covariates": dict(cell="gru", n_inputs=2, n_targets=1, n_static=2, static_cardinalities=(3,)),
    "lstm quantiles": dict(cell="lstm", n_inputs=1, n_targets=1, quantiles=(0.1, 0.5, 0.9)),
    "rnn channel independent": dict(cell="rnn", n_inputs=3, n_targets=3, channel_independent=True),
    "segment direct": dict(cell="gru", n_inputs=2, n_targets=2, segment=4),
    "segment parallel": dict(cell="gru", n_inputs=2, n_targets=2, segment=4, decoder="parallel", channel_independent=True),
    "segment highway": dict(cell="lstm", n_inputs=1, n_targets=1, segment=8, highway=True),
}


def _inputs(spec: NetSpec, batch: int, seed: int = 0) -> tuple:
    g = torch.Generator().manual_seed(seed)
    x = torch.randn(batch, L, spec.n_inputs, generator=g)  # [B, L, C]
    future = torch.randn(batch, H, spec.n_future, generator=g) if spec.n_future else None  # [B, H, F]
    static = torch.randn(batch, spec.n_static, generator=g) if spec.n_static else None  # [B, Kn]
    categories = (torch.randint(0, spec.static_cardinalities[0], (batch, len(spec.static_cardinalities)), generator=g)
                  if spec.static_cardinalities else None)  # [B, Kc]
    return x, future, static, categories


@pytest.fixture(params=list(NETWORKS), ids=list(NETWORKS))
def spec(request) -> NetSpec:
    return NetSpec(horizon=H, lookback=L, hidden_size=8, **NETWORKS[request.param])


def test_shapes_in_and_out(spec):
    torch.manual_seed(0)
    y = build_net(spec)(*_inputs(spec, B))
    expected = (B, H, spec.n_targets) + ((len(spec.quantiles),) if spec.quantiles else ())
    assert tuple(y.shape) == expected and y.dtype == torch.float32


def test_an_untrained_network_forecasts_repeat(spec):
    torch.manual_seed(0)
    x, *rest = _inputs(spec, B)
    y = build_net(spec)(x, *rest).detach()
    last = x[:, -1, : spec.n_targets]  # [B, T] the last value of each target
    repeat = last[:, None, :].expand(B, H, spec.n_targets)
    if spec.quantiles:
        repeat = repeat[..., None].expand(*repeat.shape, len(spec.quantiles))
    assert torch.allclose(y, repeat, atol=1e-6)


def test_traced_to_onnx_it_forecasts_as_pytorch_at_another_batch_size(spec):
    ort = pytest.importorskip("onnxruntime")
    torch.manual_seed(0)
    net = build_net(spec).eval()
    for p in net.parameters():  # trained-looking weights, so the check is not of zeros
        p.data.normal_(0, 0.1)
    example = tuple(t for t in _inputs(spec, 2) if t is not None)
    names = ["x", "future", "static", "categories"]
    given = [n for n, t in zip(names, _inputs(spec, 2)) if t is not None]

    class Positional(torch.nn.Module):  # the network's optional inputs, by name, as ONNX takes them
        def __init__(self):
            super().__init__()
            self.net = net

        def forward(self, *tensors):
            return self.net(**dict(zip(given, tensors)))

    buffer = io.BytesIO()
    with warnings.catch_warnings(), torch.no_grad():
        warnings.simplefilter("ignore")
        torch.onnx.export(Positional(), example, buffer, dynamo=False, input_names=given, output_names=["y"],
                          dynamic_axes={**{n: {0: "batch"} for n in given}, "y": {0: "batch"}}, opset_version=17)
    session = ort.InferenceSession(buffer.getvalue(), providers=["CPUExecutionProvider"])
    inputs = [t for t in _inputs(spec, 5, seed=1) if t is not None]
    onnx_y = session.run(None, {n: t.numpy() for n, t in zip(given, inputs)})[0]
    with torch.no_grad():
        torch_y = net(**dict(zip(given, inputs))).numpy()
    assert onnx_y.shape == torch_y.shape and np.abs(onnx_y - torch_y).max() < 1e-5
