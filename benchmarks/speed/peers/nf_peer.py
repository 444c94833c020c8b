"""NeuralForecast 3.3 on sine-20k: its LSTM, trained once, scored after every epoch's worth of steps.

    .venv-nf/bin/python nf_peer.py --model lstm --data series.npy --train 16000 --seed 0

Configured for this task as NeuralForecast documents its LSTM (see ../results/peers.md for why):
  LSTM(h=1, input_size=50, encoder_n_layers=1, encoder_hidden_size=64, encoder_dropout=0,
       decoder_layers=1, recurrent=False, loss=MSE(), learning_rate=1e-3, num_lr_decays=-1,
       max_steps=ceil(windows/32) * --max-epochs, windows_batch_size=32, scaler_type="identity",
       start_padding_enabled=False, random_seed=seed), NeuralForecast(freq=1).fit(train, val_size=0)
  decoder_layers=1 is one Linear(64, 1) on the LSTM's last state (the head every contender has).
NeuralForecast has no epochs over windows: each step draws windows_batch_size=32 of the series'
windows at random, so an "epoch" here is ceil(windows / 32) steps (499 on sine-20k), the number of
batches of 32 the others take per epoch. Scored through NeuralForecast's own API:
cross_validation(df, n_windows=None, test_size=len(test), step_size=1, refit=False, use_fitted=True)
(the fitted model forecasts every test point from the true values before it, without retraining).
Prints one line "RESULT {json}".
"""

import time

T0 = time.perf_counter()
import math  # noqa: E402

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import torch  # noqa: E402
from neuralforecast import NeuralForecast  # noqa: E402
from neuralforecast import __version__ as nf_version  # noqa: E402
from neuralforecast.losses.pytorch import MSE  # noqa: E402
from neuralforecast.models import LSTM  # noqa: E402

import peer_common as C  # noqa: E402

IMPORT_S = time.perf_counter() - T0


def build(args, callbacks: list, max_steps: int) -> LSTM:
    return LSTM(h=1, input_size=args.lookback, encoder_n_layers=1, encoder_hidden_size=args.hidden,
                encoder_dropout=0.0, decoder_layers=1, recurrent=False, loss=MSE(), learning_rate=args.lr,
                num_lr_decays=-1, max_steps=max_steps, early_stop_patience_steps=-1,
                windows_batch_size=args.batch, scaler_type="identity", start_padding_enabled=False,
                random_seed=args.seed, accelerator="gpu" if args.device == "cuda" else "cpu", logger=False, enable_progress_bar=False,
                enable_model_summary=False, enable_checkpointing=False, callbacks=callbacks)


def main() -> None:
    args = C.arguments(["lstm"])
    C.quiet_lightning()
    import logging

    logging.getLogger("neuralforecast").setLevel(logging.WARNING)
    torch.set_num_threads(args.threads)
    started = time.perf_counter()
    y = C.series(args)
    full = pd.DataFrame({"unique_id": "sine", "ds": np.arange(len(y)), "y": y})
    train = full.iloc[: args.train]
    test = y[args.train:]
    windows = args.train - args.lookback  # windows of 50 inputs and the next value inside the training part
    steps_per_epoch = math.ceil(windows / args.batch)

    # The twin scores: same model and settings, fitted for one step on a short head of the series only
    # so that NeuralForecast lets it predict; before every score it takes the trained network's weights.
    with C.isolated_rng():
        twin = NeuralForecast(models=[build(args, [], 1)], freq=1)
        twin.fit(train.iloc[: 4 * args.lookback], val_size=0)

    def score(state: dict) -> float:
        twin.models[0].load_state_dict(state)
        cv = twin.cross_validation(df=full, n_windows=None, test_size=len(test), step_size=1, refit=False,
                                   use_fitted=True)
        cv = cv.sort_values("ds")
        assert len(cv) == len(test) and int(cv["ds"].iloc[0]) == args.train
        assert np.array_equal(cv["y"].to_numpy(np.float32), test)
        return C.mse(cv["LSTM"].to_numpy(), test)

    clock = C.TimeToAccuracy(score, args.target, args.max_epochs, every_steps=steps_per_epoch,
                             score_every_epoch=args.score == "every")
    nf = NeuralForecast(models=[build(args, [clock], steps_per_epoch * args.max_epochs)], freq=1)
    setup_s = time.perf_counter() - started

    fit_started = time.perf_counter()
    nf.fit(df=train, val_size=0)
    fit_s = time.perf_counter() - fit_started

    config = (f"LSTM(h=1, input_size={args.lookback}, encoder_n_layers=1, encoder_hidden_size={args.hidden}, "
              f"encoder_dropout=0, decoder_layers=1, recurrent=False, loss=MSE(), learning_rate={args.lr:g}, "
              f"num_lr_decays=-1, max_steps={steps_per_epoch * args.max_epochs}, windows_batch_size={args.batch}, "
              f"scaler_type='identity', start_padding_enabled=False, random_seed={args.seed}); "
              f"NeuralForecast(freq=1).fit(df, val_size=0); an epoch = {steps_per_epoch} steps")
    import pytorch_lightning

    C.result(args, library="neuralforecast-lstm", config=config, windows_per_epoch=steps_per_epoch * args.batch,
             fit_s=fit_s, setup_s=setup_s, import_s=IMPORT_S,
             n_params=sum(p.numel() for p in nf.models[0].parameters()),
             versions={"neuralforecast": nf_version, "pytorch_lightning": pytorch_lightning.__version__,
                       "torch": torch.__version__, "numpy": np.__version__})


if __name__ == "__main__":
    main()
