"""Many series: one global LSTM over N synthetic daily series, rnncast against NeuralForecast.

    python benchmarks/scale/scale.py --quick                                   # CI smoke: N=100, rnncast (both schemes), < 1 minute
    python benchmarks/scale/scale.py --ns 100,1000 --repeats 3 --record        # the table (NF needs --nf-python)
    python benchmarks/scale/scale.py --ns 10000 --repeats 1 --record --append
    python benchmarks/scale/scale.py --memory --record --append                # rnncast, 10,000 x 1,000 rows, peak RSS

Data (``make_panel``, seeded, written once to --cache as parquet): N series of daily rows, lengths
uniform in 500..2,000 (``--memory``: all 1,000), each starting on its own date in 2010..2019;
y = scale * (level + trend t + weekly (7) + monthly (30.44) + yearly (365.25) sines + AR(1) noise),
scale log-uniform in 1e-3..1e6. Long format ``unique_id, ds, y``.

Split (the same rows for every contender): the last H rows of each series are the test rows; the
rows before them (the *history*) are what each contender forecasts from. Each model trains on the
first ``n - round(0.03 n)`` history rows (rnncast's split with val_frac 0, test_frac 0.03; NF is
handed exactly those rows), so no test row and no row after the training rows is learned from.

Budget (equal): ``epochs x 100`` optimizer steps of ``batch`` windows (L inputs, H targets), Adam at
``lr``, MSE loss, LSTM 1 x 64. rnncast: ``max_batches=100`` per epoch, windows drawn uniformly over
all training windows; NF: ``max_steps = epochs x 100``, ``windows_batch_size = batch`` drawn from
``batch_size=32`` series sampled per step (NF's own sampling: series first, then windows).

Measured per child process (one per contender, N and repeat, under an exclusive flock on
/tmp/rnncast-bench.lock; torch threads --threads, default 1, in every child): the training loop's
windows/s, the test MASE after every 100 steps (``--eval-every``: every that many x 100; the weights
are copied at that moment and scored after training, so evaluation is never in a time), the time
from the fit call to each copy, memory, and the seconds of one predict call forecasting every
series at once. Memory: ``rss_after_data_mb`` is ru_maxrss once the data are read and split (the
harness's own frames); then the peak is reset (``/proc/self/clear_refs``, which resets ru_maxrss
too) before fit and before predict, and ``fit_hwm_mb`` / ``predict_hwm_mb`` are the VmHWM of those
phases; the process's peak is the largest of the three (summarize.py). MASE: per series, mean
|error| over its H test rows / in-sample seasonal naive (7) MAE over its training rows, averaged
over series. Darts (``--contenders darts``, its own venv): BlockRNNModel, Scaler per series.
Results: ``--record`` appends the runs to results/runs.jsonl; summarize.py makes scale.csv and the
tables of results/scale.md.
"""

from __future__ import annotations

import argparse
import fcntl
import json
import os
import platform
import resource
import subprocess
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

import numpy as np
import pandas as pd

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
LOCK = "/tmp/rnncast-bench.lock"
L, H, HIDDEN, BATCH, LR, SEASON = 56, 14, 64, 128, 1e-3, 7
STEPS_PER_EPOCH = 100
TEST_FRAC = 0.03


# ---------------------------------------------------------------- data


def make_panel(n_series: int, seed: int = 0, length: int | None = None) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    lengths = np.full(n_series, length) if length else rng.integers(500, 2001, n_series)
    starts = np.datetime64("2010-01-01") + rng.integers(0, 10 * 365, n_series).astype("timedelta64[D]")
    scale = 10.0 ** rng.uniform(-3, 6, n_series)
    level = rng.uniform(2, 10, n_series)
    trend = rng.normal(0, 2, n_series) / 1000.0  # per day, in units of the level's scale
    amp = rng.uniform(0.2, 1.5, (n_series, 3)) * rng.uniform(0, 1, (n_series, 3)) ** 0.5
    phase = rng.uniform(0, 2 * np.pi, (n_series, 3))
    noise_sd = rng.uniform(0.05, 0.4, n_series)
    phi = rng.uniform(0.0, 0.7, n_series)
    width = int(lengths.max())
    t = np.arange(width, dtype=np.float64)[None, :]
    e = rng.standard_normal((n_series, width)) * noise_sd[:, None]
    ar = np.empty_like(e)
    acc = np.zeros(n_series)
    for i in range(width):  # AR(1) noise, all series at once
        acc = phi * acc + e[:, i]
        ar[:, i] = acc
    y = (level[:, None] + trend[:, None] * t
         + amp[:, :1] * np.sin(2 * np.pi * t / 7 + phase[:, :1])
         + amp[:, 1:2] * np.sin(2 * np.pi * t / 30.44 + phase[:, 1:2])
         + amp[:, 2:] * np.sin(2 * np.pi * t / 365.25 + phase[:, 2:]) + ar) * scale[:, None]
    keep = t < lengths[:, None]
    steps = np.broadcast_to(np.arange(width), (n_series, width))[keep]
    ds = np.repeat(starts, lengths) + steps.astype("timedelta64[D]")
    ids = np.repeat([f"s{i:05d}" for i in range(n_series)], lengths)
    return pd.DataFrame({"unique_id": ids, "ds": ds.astype("datetime64[ns]"), "y": y[keep]})


def data_path(cache: Path, n_series: int, length: int | None) -> Path:
    cache.mkdir(parents=True, exist_ok=True)
    path = cache / f"panel-{n_series}-{length or 'ragged'}.parquet"
    if not path.exists():
        frame = make_panel(n_series, seed=0, length=length)
        tmp = path.with_suffix(".partial")
        frame.to_parquet(tmp, index=False)
        tmp.replace(path)
    npz = path.with_suffix(".npz")
    if not npz.exists():  # for an environment without pyarrow (the Darts one)
        frame = pd.read_parquet(path)
        with open(npz.with_suffix(".npz.partial"), "wb") as fh:
            np.savez(fh, unique_id=frame["unique_id"].to_numpy(dtype=str), ds=frame["ds"].to_numpy(),
                     y=frame["y"].to_numpy())
        npz.with_suffix(".npz.partial").replace(npz)
    return path


def read_data(path: str) -> pd.DataFrame:
    try:
        import pyarrow  # noqa: F401
    except ImportError:
        z = np.load(Path(path).with_suffix(".npz"))
        return pd.DataFrame({"unique_id": z["unique_id"], "ds": z["ds"], "y": z["y"]})
    return pd.read_parquet(path)


def split_frames(frame: pd.DataFrame):
    """(history, train, test): history = all but the last H rows of each series; train = the first
    n - round(TEST_FRAC n) history rows (what rnncast trains on with val_frac 0, test_frac TEST_FRAC)."""
    frame = frame.sort_values(["unique_id", "ds"], kind="stable").reset_index(drop=True)
    size = frame.groupby("unique_id", sort=False).size()
    pos = frame.groupby("unique_id", sort=False).cumcount().to_numpy()
    n = frame["unique_id"].map(size).to_numpy()
    hist_n = n - H
    train_n = hist_n - np.round(hist_n * TEST_FRAC).astype(int)
    history = frame[pos < hist_n].reset_index(drop=True)
    train = frame[pos < train_n].reset_index(drop=True)
    test = frame[pos >= hist_n].reset_index(drop=True)
    return history, train, test


def mase_scales(train: pd.DataFrame) -> pd.Series:
    y = train["y"].to_numpy()
    same = train["unique_id"].to_numpy()
    diff = np.abs(y[SEASON:] - y[:-SEASON])
    ok = same[SEASON:] == same[:-SEASON]
    d = pd.DataFrame({"unique_id": same[SEASON:][ok], "d": diff[ok]})
    return d.groupby("unique_id")["d"].mean()


def test_mase(forecast: pd.DataFrame, test: pd.DataFrame, scales: pd.Series) -> float:
    """forecast: unique_id, ds, yhat. Mean over series of mean |y - yhat| over the H test rows / scale."""
    merged = test.merge(forecast, on=["unique_id", "ds"], how="left")
    if merged["yhat"].isna().any():
        raise RuntimeError(f"{int(merged['yhat'].isna().sum())} test rows without a forecast")
    err = (merged["y"] - merged["yhat"]).abs().groupby(merged["unique_id"]).mean()
    return float((err / scales.reindex(err.index)).mean())


def seasonal_naive_mase(history: pd.DataFrame, test: pd.DataFrame, scales: pd.Series) -> float:
    last = history.groupby("unique_id").tail(SEASON).copy()
    last["k"] = last.groupby("unique_id").cumcount()
    t = test.copy()
    t["k"] = t.groupby("unique_id").cumcount() % SEASON
    f = t[["unique_id", "ds", "k"]].merge(last[["unique_id", "k", "y"]], on=["unique_id", "k"])
    f = f.rename(columns={"y": "yhat"})[["unique_id", "ds", "yhat"]]
    return test_mase(f, test, scales)


def maxrss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def status_mb(field: str) -> float | None:
    """VmRSS (now) or VmHWM (peak since the last reset) from /proc, Linux only."""
    try:
        for line in open("/proc/self/status"):
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def reset_peak() -> float | None:
    """Reset VmHWM to the current RSS (so a later peak is that phase's own); returns the RSS now."""
    import gc

    gc.collect()
    try:
        with open("/proc/self/clear_refs", "w") as fh:
            fh.write("5")
    except OSError:
        return None
    return status_mb("VmRSS")


# ---------------------------------------------------------------- children


def child(args) -> None:
    t0 = time.perf_counter()
    import torch  # (imports timed)

    torch.set_num_threads(args.threads)
    if args.child in ("rnncast", "rnncast-seq"):
        from rnncast import Forecaster  # noqa: F401
    elif args.child == "nf":
        import neuralforecast  # noqa: F401
    else:
        import darts.models  # noqa: F401
    import_s = time.perf_counter() - t0
    frame = read_data(args.data)
    history, train, test = split_frames(frame)
    del frame
    scales = mase_scales(train)
    snaive = seasonal_naive_mase(history, test, scales)
    rss_data = maxrss_mb()
    out = dict(contender=args.child, n_series=int(history["unique_id"].nunique()), rows=int(len(history) + len(test)),
               train_rows=int(len(train)), epochs=args.epochs, steps=args.epochs * STEPS_PER_EPOCH, batch=BATCH,
               import_s=import_s, rss_after_data_mb=rss_data, snaive_mase=snaive, seed=args.seed)
    run = {"rnncast": run_rnncast, "rnncast-seq": run_rnncast, "nf": run_nf, "darts": run_darts}[args.child]
    out.update(run(args, history, train, test, scales))
    out["peak_rss_mb"] = maxrss_mb()
    out["threads"] = __import__("torch").get_num_threads()
    print("RESULT " + json.dumps(out), flush=True)


def run_rnncast(args, history, train, test, scales) -> dict:
    import torch
    from rnncast import Forecaster

    # rnncast-seq: the sequence scheme, batches of BATCH / chunk chunks of `chunk` supervised targets each,
    # so a step supervises the same 128 windows as the window scheme's (the same budget in windows)
    scheme = {"rnncast": dict(scheme="window", batch_size=BATCH),
              "rnncast-seq": dict(scheme="sequence", chunk=args.seq_chunk, batch_size=BATCH // args.seq_chunk)}[args.child]
    f = Forecaster(cell="lstm", lookback=L, horizon=H, hidden_size=HIDDEN, season=SEASON, epochs=args.epochs,
                   lr=LR, max_batches=STEPS_PER_EPOCH, patience=args.epochs + 1, **scheme,
                   val_frac=0.0, test_frac=TEST_FRAC, scaler="standard", seed=args.seed, device=args.device)
    snaps, epoch_s, state = [], [], {}

    def on_epoch(record):
        c0 = time.perf_counter()
        epoch_s.append(record.seconds)
        if record.epoch % args.eval_every == 0 or record.epoch == args.epochs:
            snaps.append((record.epoch * STEPS_PER_EPOCH, c0 - state["t0"] - state["copy"],
                          {k: v.detach().clone() for k, v in f.net_.state_dict().items()}))
        state["copy"] += time.perf_counter() - c0

    mem = dict(rss_before_fit_mb=reset_peak())
    state.update(t0=time.perf_counter(), copy=0.0)
    f.fit(history, target="y", id_col="unique_id", time_col="ds", on_epoch=on_epoch)
    fit_s = time.perf_counter() - state["t0"] - state["copy"]
    mem["fit_hwm_mb"] = status_mb("VmHWM")
    rss_fit = maxrss_mb()
    # the rows rnncast trained on must be the rows NF is given
    n_train = sum(s.train_end for s in f.splits_)
    assert n_train == len(train), (n_train, len(train))
    n_windows = sum(s.train_end - L - H + 1 for s in f.splits_)

    def forecast():
        p = f.predict(history)
        return p.rename(columns={"y_hat": "yhat"})[["unique_id", "ds", "yhat"]]

    loop_s = sum(epoch_s)
    scores = peer_scores(f.net_, forecast, snaps, {"steps": len(epoch_s) * STEPS_PER_EPOCH}, loop_s, train, test,
                         scales, mem)
    assert scores["train_windows"] == n_windows, (scores["train_windows"], n_windows)
    return dict(scores, fit_s=fit_s, loop_s=loop_s, rss_after_fit_mb=rss_fit, version=__import__("rnncast").__version__,
                torch=torch.__version__, config=repr(f), **mem)


def peer_scores(net, forecast, snaps, state, loop_s, train, test, scales, mem: dict) -> dict:
    """What every contender reports after training alike: the final forecast of every series (its
    time and peak memory), its test MASE, the MASE of each snapshot's weights (the curve), and the
    windows seen. ``mem`` gains the memory before and during the forecast."""
    final_state = {k: v.detach().clone() for k, v in net.state_dict().items()}
    mem["rss_before_predict_mb"] = reset_peak()
    p0 = time.perf_counter()
    fc = forecast()
    predict_s = time.perf_counter() - p0
    mem["predict_hwm_mb"] = status_mb("VmHWM")
    rss_predict = maxrss_mb()
    final_mase = test_mase(fc, test, scales)
    curve = []
    for s, elapsed, sd in snaps:
        net.load_state_dict(sd)
        curve.append((s, elapsed, test_mase(forecast(), test, scales)))
    net.load_state_dict(final_state)
    seen = state["steps"] * BATCH
    n_windows = int((train.groupby("unique_id").size() - L - H + 1).clip(lower=0).sum())
    return dict(windows_seen=seen, windows_per_s=seen / loop_s, train_windows=n_windows, predict_s=predict_s,
                final_mase=final_mase, curve=curve, rss_after_predict_mb=rss_predict)


def run_nf(args, history, train, test, scales) -> dict:
    import logging

    import pytorch_lightning as pl
    import torch
    import neuralforecast
    from neuralforecast import NeuralForecast
    from neuralforecast.losses.pytorch import MSE
    from neuralforecast.models import LSTM

    logging.getLogger("pytorch_lightning").setLevel(logging.WARNING)
    logging.getLogger("lightning_fabric").setLevel(logging.WARNING)
    state = {"copy": 0.0, "steps": 0}
    snaps = []

    class Snap(pl.Callback):
        def on_train_start(self, trainer, module):
            state["loop0"] = time.perf_counter()

        def on_train_batch_end(self, trainer, module, *a, **k):
            c0 = time.perf_counter()
            state["steps"] += 1
            s = state["steps"]
            if s % (STEPS_PER_EPOCH * args.eval_every) == 0 or s == args.epochs * STEPS_PER_EPOCH:
                snaps.append((s, c0 - state["t0"] - state["copy"],
                              {k2: v.detach().clone() for k2, v in module.state_dict().items()}))
            state["copy"] += time.perf_counter() - c0

        def on_train_end(self, trainer, module):
            state["loop1"] = time.perf_counter()

    steps = args.epochs * STEPS_PER_EPOCH
    model = LSTM(h=H, input_size=L, encoder_n_layers=1, encoder_hidden_size=HIDDEN, encoder_dropout=0.0,
                 decoder_layers=1, recurrent=False, loss=MSE(), learning_rate=LR, num_lr_decays=-1,
                 max_steps=steps, early_stop_patience_steps=-1, val_check_steps=10 ** 9, batch_size=32,
                 windows_batch_size=BATCH, inference_windows_batch_size=1024, start_padding_enabled=False,
                 scaler_type=args.nf_scaler, random_seed=args.seed + 1, accelerator="gpu" if args.device == "cuda" else "cpu", logger=False,
                 enable_progress_bar=False, enable_model_summary=False, enable_checkpointing=False,
                 callbacks=[Snap()])
    nf = NeuralForecast(models=[model], freq="D", local_scaler_type=args.nf_local_scaler)
    mem = dict(rss_before_fit_mb=reset_peak())
    state["t0"] = time.perf_counter()
    nf.fit(df=train, val_size=0)
    fit_s = time.perf_counter() - state["t0"] - state["copy"]
    mem["fit_hwm_mb"] = status_mb("VmHWM")
    rss_fit = maxrss_mb()
    loop_s = state["loop1"] - state["loop0"] - state["copy"]
    fitted = nf.models[0]

    def forecast():
        p = nf.predict(df=history)
        p = p.reset_index() if "unique_id" not in p.columns else p
        return p.rename(columns={"LSTM": "yhat"})[["unique_id", "ds", "yhat"]]

    return dict(peer_scores(fitted, forecast, snaps, state, loop_s, train, test, scales, mem), fit_s=fit_s, loop_s=loop_s,
                rss_after_fit_mb=rss_fit, version=neuralforecast.__version__, torch=torch.__version__,
                config=(f"LSTM(h={H}, input_size={L}, encoder_n_layers=1, encoder_hidden_size={HIDDEN}, decoder_layers=1, "
                        f"recurrent=False, loss=MSE(), learning_rate={LR}, max_steps={steps}, batch_size=32, "
                        f"windows_batch_size={BATCH}, scaler_type={args.nf_scaler!r}); "
                        f"NeuralForecast(freq='D', local_scaler_type={args.nf_local_scaler!r})"), **mem)


def run_darts(args, history, train, test, scales) -> dict:
    import logging

    import darts
    import pytorch_lightning as pl
    import torch
    from darts import TimeSeries
    from darts.dataprocessing.transformers import Scaler
    from darts.models import BlockRNNModel

    logging.getLogger("pytorch_lightning").setLevel(logging.WARNING)
    logging.getLogger("lightning_fabric").setLevel(logging.WARNING)
    logging.getLogger("darts").setLevel(logging.WARNING)
    state = {"copy": 0.0, "steps": 0}
    snaps = []
    steps = args.epochs * STEPS_PER_EPOCH

    class Snap(pl.Callback):
        def on_train_start(self, trainer, module):
            state["loop0"] = time.perf_counter()

        def on_train_batch_end(self, trainer, module, *a, **k):
            c0 = time.perf_counter()
            state["steps"] += 1
            s = state["steps"]
            if s % (STEPS_PER_EPOCH * args.eval_every) == 0 or s == steps:
                snaps.append((s, c0 - state["t0"] - state["copy"],
                              {k2: v.detach().clone() for k2, v in module.state_dict().items()}))
            state["copy"] += time.perf_counter() - c0

        def on_train_end(self, trainer, module):
            state["loop1"] = time.perf_counter()

    def as_series(frame):
        return TimeSeries.from_group_dataframe(frame, group_cols="unique_id", time_col="ds", value_cols="y",
                                               freq="D")

    model = BlockRNNModel(model="LSTM", input_chunk_length=L, output_chunk_length=H, hidden_dim=HIDDEN,
                          n_rnn_layers=1, dropout=0.0, batch_size=BATCH, n_epochs=10 ** 6,
                          optimizer_cls=torch.optim.Adam, optimizer_kwargs={"lr": LR}, loss_fn=torch.nn.MSELoss(),
                          random_state=args.seed, save_checkpoints=False, force_reset=True, use_static_covariates=False,
                          pl_trainer_kwargs={"accelerator": "gpu" if args.device == "cuda" else "cpu", "max_steps": steps, "callbacks": [Snap()],
                                             "enable_progress_bar": False, "enable_model_summary": False,
                                             "logger": False})
    mem = dict(rss_before_fit_mb=reset_peak())
    state["t0"] = time.perf_counter()
    scaler = Scaler(global_fit=False)  # sklearn StandardScaler per series, fitted on its training rows
    train_s = scaler.fit_transform(as_series(train))
    model.fit(train_s, verbose=False)
    fit_s = time.perf_counter() - state["t0"] - state["copy"]
    mem["fit_hwm_mb"] = status_mb("VmHWM")
    rss_fit = maxrss_mb()
    loop_s = state["loop1"] - state["loop0"] - state["copy"]
    net = model.model

    def forecast():
        hist = scaler.transform(as_series(history))  # series in the same order (sorted ids)
        preds = scaler.inverse_transform(model.predict(n=H, series=hist, verbose=False))
        ids = sorted(history["unique_id"].unique())
        parts = [pd.DataFrame({"unique_id": i, "ds": p.time_index, "yhat": p.values()[:, 0]}) for i, p in zip(ids, preds)]
        return pd.concat(parts, ignore_index=True)

    return dict(peer_scores(net, forecast, snaps, state, loop_s, train, test, scales, mem), fit_s=fit_s, loop_s=loop_s,
                rss_after_fit_mb=rss_fit, version=darts.__version__, torch=torch.__version__,
                config=(f"BlockRNNModel(model='LSTM', input_chunk_length={L}, output_chunk_length={H}, hidden_dim={HIDDEN}, "
                        f"n_rnn_layers=1, batch_size={BATCH}, Adam lr={LR}, MSELoss, max_steps={steps}); "
                        f"Scaler(global_fit=False) per series on its training rows; fit time includes building the "
                        f"TimeSeries and the scaler; predict time includes building and scaling the history series"),
                **mem)


# ---------------------------------------------------------------- parent


def load_avg() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def measure(python: str, contender: str, path: Path, args, seed: int, timeout: float) -> dict:
    cmd = [python, str(Path(__file__).resolve()), "--child", contender, "--data", str(path),
           "--epochs", str(args.epochs), "--seed", str(seed), "--eval-every", str(args.eval_every),
           "--nf-scaler", args.nf_scaler, "--threads", str(args.threads), "--nf-local-scaler", str(args.nf_local_scaler),
           "--seq-chunk", str(args.seq_chunk), "--device", args.device]
    threads = str(args.threads)
    env = dict(os.environ, PYTHONWARNINGS="ignore", OMP_NUM_THREADS=threads, MKL_NUM_THREADS=threads)
    with open(LOCK, "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # never measured beside another benchmark
        before = load_avg()
        t0 = time.perf_counter()
        try:
            proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, env=env)
            err = None
        except subprocess.TimeoutExpired:
            proc, err = None, f"timed out after {timeout:.0f} s"
        wall = time.perf_counter() - t0
        after = load_avg()
    result = dict(contender=contender, seed=seed, process_s=wall, load_before=before, load_after=after, error=err)
    if proc is not None:
        lines = [ln for ln in proc.stdout.splitlines() if ln.startswith("RESULT ")]
        if lines:
            result.update(json.loads(lines[-1][7:]))
        else:
            result["error"] = f"exit {proc.returncode}: " + proc.stderr[-1500:]
    print(json.dumps({k: v for k, v in result.items() if k not in ("curve", "config")}), flush=True)
    return result


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--child", help=argparse.SUPPRESS)
    p.add_argument("--data", help=argparse.SUPPRESS)
    p.add_argument("--quick", action="store_true",
                   help="N=100, rnncast's window and sequence schemes only, 3 epochs (CI smoke, under a minute)")
    p.add_argument("--memory", action="store_true", help="rnncast only: 10,000 series x 1,000 rows, peak RSS")
    p.add_argument("--ns", default="100,1000,10000")
    p.add_argument("--contenders", default="rnncast,nf")
    p.add_argument("--repeats", type=int, default=3)
    p.add_argument("--epochs", type=int, default=15, help="budget: epochs x 100 steps of 128 windows")
    p.add_argument("--eval-every", type=int, default=1, help="copy the weights every this many x 100 steps")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--threads", type=int, default=1, help="torch threads in every child (1: see the record)")
    p.add_argument("--nf-python", default=str(ROOT / "benchmarks/speed/peers/.venv-nf/bin/python"))
    p.add_argument("--darts-python", default=str(ROOT / "benchmarks/speed/peers/.venv-darts/bin/python"))
    p.add_argument("--nf-scaler", default="standard", help="NF LSTM scaler_type (per input window)")
    p.add_argument("--nf-local-scaler", default="None", help="NeuralForecast local_scaler_type (per series)")
    p.add_argument("--seq-chunk", type=int, default=64,
                   help="rnncast-seq: supervised targets per chunk (a divisor of 128: batches of 128 / chunk chunks)")
    p.add_argument("--device", choices=["cpu", "cuda"], default="cpu",
                   help="where every contender trains (cuda: NF and Darts with Lightning's accelerator 'gpu')")
    p.add_argument("--timeout", type=float, default=600)
    p.add_argument("--cache", default="/tmp/rnncast-scale")
    p.add_argument("--record", action="store_true", help="write the runs to --runs (summarize.py makes the tables)")
    p.add_argument("--runs", default=str(HERE / "results" / "runs.jsonl"), help="the runs file --record writes")
    p.add_argument("--append", action="store_true", help="add to the recorded runs instead of replacing them")
    args = p.parse_args()
    args.nf_local_scaler = None if args.nf_local_scaler in ("None", "none", "") else args.nf_local_scaler
    if args.child:
        return child(args)
    if args.quick:
        args.ns, args.contenders, args.repeats, args.epochs = "100", "rnncast,rnncast-seq", 1, 3
    pythons = {"rnncast": sys.executable, "rnncast-seq": sys.executable, "nf": args.nf_python, "darts": args.darts_python}
    if BATCH % args.seq_chunk:
        sys.exit(f"--seq-chunk {args.seq_chunk} does not divide the batch of {BATCH} windows")
    cache = Path(args.cache)
    runs = []
    if args.memory:
        path = data_path(cache, 10_000, 1_000)
        r = measure(sys.executable, "rnncast", path, args, args.seed, args.timeout)
        r["workload"] = "memory 10000x1000"
        runs.append(r)
    else:
        for n in [int(x) for x in args.ns.split(",")]:
            path = data_path(cache, n, None)
            for rep in range(args.repeats):
                for c in args.contenders.split(","):
                    r = measure(pythons[c], c, path, args, args.seed + rep, args.timeout)
                    r["workload"] = f"N={n}"
                    runs.append(r)
    if args.quick:
        for r in runs:
            if r.get("error"):
                sys.exit(f"scale --quick failed ({r['contender']}): {r['error']}")
            peak = max(r[k] for k in ("peak_rss_mb", "rss_after_data_mb", "fit_hwm_mb", "predict_hwm_mb") if r.get(k))
            print(f"quick: N=100 {r['contender']} {r['windows_per_s']:.0f} windows/s, test MASE {r['final_mase']:.3f} "
                  f"(seasonal naive {r['snaive_mase']:.3f}), predict {r['predict_s']:.2f} s, peak RSS {peak:.0f} MB")
        return
    if args.record:
        Path(args.runs).parent.mkdir(parents=True, exist_ok=True)
        commit = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True,
                                text=True).stdout.strip()
        stamp = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M")
        with open(args.runs, "a" if args.append else "w") as fh:
            for r in runs:
                fh.write(json.dumps(dict(r, date=stamp, commit=commit, machine=platform.node(),
                                         command=" ".join(sys.argv))) + "\n")


if __name__ == "__main__":
    main()
