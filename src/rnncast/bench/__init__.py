"""The long-horizon benchmarks (``rnncast bench ett`` and ``rnncast bench ltsf``): ETT under its
protocol (``shared/benchmarks/ETT.md``), any other LTSF table (Exchange, ILI, Weather, one's own CSV)
under the custom protocol of the LTSF papers (``shared/data/LTSF/README.md``).

One job per module, in the order the data takes:

    tablefile   a table read from its file (names, row indexes, header, target)
    columns     its time column (found, order, gaps) and value columns (finite numbers)
    identity    the known table a file holds, told by content (every value); the file's path and digest
    ettvariant  the ETT borders a table takes under the ETT protocol: its ETT table's, else its time step's
    tables      its protocol's split, the horizons and lookback that fit, the table prepared for a mode
    protocol    train-only z-scoring, modes (S, M, MS), windows; the settings a bench fit never reads
    task        what a runner sees (the rows before the test part) and returns (a predictor)
    linear      NLinear and DLinear with LTSF-Linear's recipe, as runners (their loop: linearfit)
    recurrent   the library's Forecaster (rnn, lstm, gru, presets) as runners
    runners     the registry of runners (name -> function) and one setting run under the protocol
    scoring     MSE and MAE of the test windows, all of them and the published drop-last variant
    published   the published rows, their sources and test windows; each known table's signature; LTSF-Linear's
                batch and lr
    results     results.csv, the plots' names and the summary table
    markdown    results.md: each published row beside the runs scored on its windows, linking the plots
    figures     the forecast figure of a test window
    plan        the checked request of one ``bench`` command
    measure     one model at one horizon: run, score, draw, its CSV row
    cli         the ``rnncast bench`` subcommands; the only module that prints
"""
