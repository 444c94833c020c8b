"""Darts 0.41 on sine-20k: BlockRNNModel or RNNModel (LSTM), trained once, scored after every epoch.

    .venv-darts/bin/python darts_peer.py --model block --data series.npy --train 16000 --seed 0

Configured as Darts documents these models (see ../results/peers.md for why each setting):
  block: BlockRNNModel(model="LSTM", input_chunk_length=50, output_chunk_length=1, hidden_dim=64,
         n_rnn_layers=1) -- the LSTM reads 50 values, a Linear(64, 1) on its last state gives the next one.
  rnn:   RNNModel(model="LSTM", input_chunk_length=50, training_length=51, hidden_dim=64, n_rnn_layers=1)
         -- trained on sequences of 51 with the target shifted by one (a loss at every position); Darts
         requires training_length > input_chunk_length. Predicts from 50 values of context.
Both: batch_size=32, Adam lr 1e-3 and MSELoss (Darts' defaults), dropout 0, n_epochs = --max-epochs,
no scaling (the sine is already of scale 1), no checkpoints or logger (Darts' defaults).
Scored through Darts' own API: historical_forecasts(series, start=train, forecast_horizon=1, stride=1,
retrain=False, last_points_only=True): one-step forecasts of every test point from the true values
before it. Prints one line "RESULT {json}".
"""

import time

T0 = time.perf_counter()
import numpy as np  # noqa: E402
import torch  # noqa: E402
from darts import TimeSeries  # noqa: E402
from darts import __version__ as darts_version  # noqa: E402
from darts.models import BlockRNNModel, RNNModel  # noqa: E402

import peer_common as C  # noqa: E402

IMPORT_S = time.perf_counter() - T0


def build(args, callbacks: list, epochs: int, name: str):
    common = dict(hidden_dim=args.hidden, n_rnn_layers=1, dropout=0.0, batch_size=args.batch, n_epochs=epochs,
                  optimizer_cls=torch.optim.Adam, optimizer_kwargs={"lr": args.lr}, loss_fn=torch.nn.MSELoss(),
                  random_state=args.seed, model_name=name, save_checkpoints=False, force_reset=True,
                  pl_trainer_kwargs={"accelerator": "gpu" if args.device == "cuda" else "cpu", "callbacks": callbacks})
    if args.model == "block":
        return BlockRNNModel(model="LSTM", input_chunk_length=args.lookback, output_chunk_length=1, **common)
    return RNNModel(model="LSTM", input_chunk_length=args.lookback, training_length=args.lookback + 1, **common)


def main() -> None:
    args = C.arguments(["block", "rnn"])
    C.quiet_lightning()
    torch.set_num_threads(args.threads)
    started = time.perf_counter()
    y = C.series(args)
    full = TimeSeries.from_values(y)  # integer index 0..n-1, float32
    train = full[: args.train]
    test = y[args.train:]

    # The twin scores: same class and settings, fitted one epoch on a short head of the series only so
    # that Darts lets it predict; before every score it takes the trained network's weights.
    with C.isolated_rng():
        twin = build(args, [], 1, f"twin_{args.model}_{args.seed}")
        twin.fit(train[: 4 * args.lookback], verbose=False)

    def score(state: dict) -> float:
        twin.model.load_state_dict(state)
        forecasts = twin.historical_forecasts(full, start=args.train, start_format="position", forecast_horizon=1,
                                              stride=1, retrain=False, last_points_only=True, verbose=False)
        assert len(forecasts) == len(test) and int(forecasts.time_index[0]) == args.train
        return C.mse(forecasts.values(), test)

    clock = C.TimeToAccuracy(score, args.target, args.max_epochs, score_every_epoch=args.score == "every")
    model = build(args, [clock], args.max_epochs, f"{args.model}_{args.seed}")
    setup_s = time.perf_counter() - started

    fit_started = time.perf_counter()
    model.fit(train, verbose=False)
    fit_s = time.perf_counter() - fit_started

    windows = args.train - args.lookback if args.model == "block" else args.train - (args.lookback + 1)
    config = (f"BlockRNNModel(model='LSTM', input_chunk_length={args.lookback}, output_chunk_length=1, "
              if args.model == "block" else
              f"RNNModel(model='LSTM', input_chunk_length={args.lookback}, training_length={args.lookback + 1}, ")
    config += (f"hidden_dim={args.hidden}, n_rnn_layers=1, dropout=0, batch_size={args.batch}, "
               f"n_epochs={args.max_epochs}, optimizer_cls=Adam, optimizer_kwargs={{'lr': {args.lr:g}}}, "
               f"loss_fn=MSELoss(), random_state={args.seed})")
    import pytorch_lightning

    C.result(args, library=f"darts-{args.model}", config=config, windows_per_epoch=windows, fit_s=fit_s,
             setup_s=setup_s, import_s=IMPORT_S, n_params=sum(p.numel() for p in model.model.parameters()),
             versions={"darts": darts_version, "pytorch_lightning": pytorch_lightning.__version__,
                       "torch": torch.__version__, "numpy": np.__version__})


if __name__ == "__main__":
    main()
