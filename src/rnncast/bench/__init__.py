"""The ETT long-horizon benchmark (``rnncast bench ett``), protocol of ``shared/benchmarks/ETT.md``.

One job per module, in the order the data takes:

    protocol    the ETT files, their Split (train | val | test), train-only z-scoring, modes, windows
    task        what a runner sees (the rows before the test part) and returns (a predictor)
    linear      NLinear and DLinear with LTSF-Linear's recipe, as runners
    recurrent   the library's Forecaster (rnn, lstm, gru, presets) as runners
    runners     the registry of runners (name -> function) and one setting run under the protocol
    scoring     MSE and MAE of the test windows, all of them and the published drop-last variant
    published   the published rows and their sources
    results     results.csv, results.md and the summary table
    figures     the forecast figure of a test window
    plan        the checked request of one ``bench ett`` command
    measure     one model at one horizon: run, score, draw, its CSV row
    cli         the ``rnncast bench`` subcommands; the only module that prints
"""
