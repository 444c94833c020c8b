"""ONNX parity and latency: onnxruntime against PyTorch on the exported graph (scaler inside).

    python benchmarks/speed/onnx_latency.py [--calls 300] [--threads 1]

A GRU/LSTM/RNN of the speed benchmark's shape (lookback 96, horizon 24, hidden 64, one column) is
trained for one epoch on a sine wave, exported, and both runtimes forecast the same windows at
batch 1 and 256: the largest difference, and the median and 90th percentile of many timed calls.
"""

from __future__ import annotations

import argparse
import platform
import tempfile
import time
from pathlib import Path

import numpy as np
import onnxruntime
import torch

from rnncast import Forecaster, datasets
from rnncast.export import export_onnx
from rnncast.onnxgraph import OnnxGraph


def timed(call, calls: int) -> tuple[float, float]:
    for _ in range(10):
        call()
    seconds = []
    for _ in range(calls):
        started = time.perf_counter()
        call()
        seconds.append(time.perf_counter() - started)
    return float(np.median(seconds) * 1e3), float(np.percentile(seconds, 90) * 1e3)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=300)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--cells", default="rnn,lstm,gru")
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = args.threads
    options.inter_op_num_threads = 1
    wave = datasets.sine_wave(n=3000)
    print(f"torch {torch.__version__}, onnxruntime {onnxruntime.__version__}, {args.threads} thread(s) each, "
          f"{platform.machine()}, median (p90) of {args.calls} calls after 10 warm-up calls")
    print("| cell | layers | batch | max abs diff | torch ms | onnxruntime ms | speed-up |")
    print("|---|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as tmp:
        for cell in args.cells.split(","):
            for layers in (1, 2):
                model = Forecaster(cell=cell, num_layers=layers, lookback=96, horizon=24, hidden_size=64, epochs=1,
                                   device="cpu", seed=0).fit(wave, target="y")
                path = Path(tmp) / f"{cell}{layers}.onnx"
                export_onnx(model, path, check=False)
                graph = OnnxGraph(model)
                session = onnxruntime.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])
                values = wave["y"].to_numpy(np.float64)  # the graph takes float64 in original units
                for batch in (1, 256):
                    x = np.stack([values[i : i + 96] for i in range(batch)])[..., None]  # [B, 96, 1]
                    xt = torch.from_numpy(x)
                    with torch.inference_mode():
                        diff = np.abs(session.run(["y"], {"x": x})[0] - graph(xt).numpy()).max()

                        def run_torch():
                            graph(xt)

                        torch_ms = timed(run_torch, args.calls)
                    ort_ms = timed(lambda: session.run(["y"], {"x": x}), args.calls)
                    print(f"| {cell} | {layers} | {batch} | {diff:.2g} | {torch_ms[0]:.3f} ({torch_ms[1]:.3f}) | "
                          f"{ort_ms[0]:.3f} ({ort_ms[1]:.3f}) | {torch_ms[0] / ort_ms[0]:.1f}x |", flush=True)


if __name__ == "__main__":
    main()
