"""What the long-horizon papers published: their rows (MSE, MAE) with their source, which the result
tables (:mod:`rnncast.bench.results`) show beside the measured columns, and the batch size and
learning rate LTSF-Linear's scripts trained NLinear/DLinear with on each dataset
(:func:`linear_recipe`), so that the harness's linear rows are made as the published ones were.

ETT rows are copied from ``shared/benchmarks/ETT.md``; Exchange and ILI rows from the papers' tables
as cited in each source string."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Published:
    label: str  # column header, with the input length the row was made with
    source: str
    scores: dict[int, tuple[float, float]]  # horizon -> (MSE, MAE)
    test_batch: int | str | None  # the test windows it was scored on: see published_windows
    windows_source: str  # where test_batch comes from: the code and script that made the row


def published_windows(row: Published, known: str | None, horizon: int, n: int) -> int:
    """How many of the ``n`` test windows (the first ones, in order) ``row`` was scored on at ``horizon``:
    all of them (``test_batch`` None: a test loader that kept its last incomplete batch), or the first
    ``floor(n / B) * B`` of a loader with ``drop_last=True`` and batch B: ``test_batch`` itself, or for
    ``'recipe'`` the batch of LTSF-Linear's script for the table ``known`` (:func:`linear_recipe`). On a table
    of a few hundred windows (ILI) the windows left out hold the last weeks of the test part, and a score on
    other windows is not comparable: Repeat's MSE on ILI at H=48 is 6.58 on the first 128 windows, 7.94 on
    the first 144."""
    if row.test_batch is None:
        return n
    batch = linear_recipe(known, horizon)[0] if row.test_batch == "recipe" else int(row.test_batch)
    return n // batch * batch


_LTSF = "DLinear paper (Zeng et al., AAAI 2023), cure-lab/LTSF-Linear; drop-last test loader"
_REPEAT = "Repeat recomputed under the protocol, shared/benchmarks/ETT.md"
_SEGRNN = "SegRNN (Lin et al. 2023), lss-1138/SegRNN Table 2 / README"
_PATCH = "PatchTST (Nie et al., ICLR 2023), yuqinie98/PatchTST table 3"
_INFORMER = "Informer2020 README result images (2021-03); Informer horizons, only 336/720 overlap"
_LTSF_TABLE2 = ("DLinear paper (Zeng et al., AAAI 2023) Table 2, as in cure-lab/LTSF-Linear@0c11366 "
                "pics/Mul-results.png (LTSF-Benchmark.md swaps the NLinear and DLinear labels of these rows); "
                "L from scripts/EXP-LongForecasting/Linear/exchange_rate.sh (336) and ili.sh (104)")
_REPEAT_LTSF = "Repeat in the DLinear paper (Zeng et al., AAAI 2023) Table 2, pics/Mul-results.png"
_FED_IN_LTSF = "FEDformer (Zhou et al., ICML 2022) as quoted in the DLinear paper Table 2; L=96 (36 on ILI)"
_PATCH_ILI = ("PatchTST (Nie et al., ICLR 2023) Table 3, yuqinie98/PatchTST@204c21e pic/table3.png; "
              "PatchTST/42 is PatchTST_supervised/scripts/PatchTST/illness.sh (L=104, patch 24, stride 2); "
              "the paper does not state PatchTST/64's L on ILI")


_ALL_WINDOWS = "shared/benchmarks/ETT.md, point 8"
_REPEAT_DROP = ("Repeat in the DLinear paper (Zeng et al., AAAI 2023), recomputed on the batch-32 drop-last windows: "
                "shared/benchmarks/ETT.md's 'M, batch-32 drop-last (= published)' row")
_DROP_32 = "the published code's test loader (drop_last=True) with batch 32, shared/benchmarks/ETT.md, point 8"
_LTSF_LOADER = ("LTSF-Linear's test loader (drop_last=True) with its script's batch for the dataset and horizon "
                "(LINEAR_RECIPES)")
_FORMER_LOADER = "its code's test loader (drop_last=True) with run.py's default batch of 32"
_SEGRNN_LOADER = "lss-1138/SegRNN data_provider/data_factory.py: the test loader keeps every window ('fix bug')"
_PATCH_ETT_LOADER = ("PatchTST's test loader (PatchTST_supervised/data_provider/data_factory.py, drop_last=True) with "
                     "batch 128 of scripts/PatchTST/etth1.sh and ettm1.sh")
_PATCH_ILI_LOADER = ("PatchTST's test loader (drop_last=True) with batch 16 of scripts/PatchTST/illness.sh, the "
                     "repository's only ILI script (the paper states no other for PatchTST/64)")


def _rows(*pairs):
    return dict(zip((96, 192, 336, 720), pairs))


def _ili(*pairs):
    return dict(zip((24, 36, 48, 60), pairs))


PUBLISHED: dict[tuple[str, str], list[Published]] = {
    ("ETTh1", "S"): [
        Published("Repeat (all windows)", _REPEAT,
                  _rows((0.069, 0.203), (0.092, 0.236), (0.113, 0.265), (0.129, 0.283)), None, _ALL_WINDOWS),
        Published("NLinear L=336", _LTSF,
                  _rows((0.053, 0.177), (0.069, 0.204), (0.081, 0.226), (0.080, 0.226)), "recipe", _LTSF_LOADER),
        Published("DLinear L=336", _LTSF,
                  _rows((0.056, 0.180), (0.071, 0.204), (0.098, 0.244), (0.189, 0.359)), "recipe", _LTSF_LOADER),
        Published("FEDformer L=96", _LTSF,
                  _rows((0.079, 0.215), (0.104, 0.245), (0.119, 0.270), (0.142, 0.299)), 32, _FORMER_LOADER),
        Published("Informer L=96", _LTSF,
                  _rows((0.193, 0.377), (0.217, 0.395), (0.202, 0.381), (0.183, 0.355)), 32, _FORMER_LOADER),
        Published("LSTMa (Informer)", _INFORMER, {336: (0.590, 0.698), 720: (0.683, 0.768)}, 32, _FORMER_LOADER),
    ],
    ("ETTm1", "S"): [
        Published("Repeat (all windows)", _REPEAT,
                  _rows((0.033, 0.136), (0.049, 0.169), (0.065, 0.196), (0.089, 0.232)), None, _ALL_WINDOWS),
        Published("NLinear L=336", _LTSF,
                  _rows((0.026, 0.122), (0.039, 0.149), (0.052, 0.172), (0.073, 0.207)), "recipe", _LTSF_LOADER),
        Published("DLinear L=336", _LTSF,
                  _rows((0.028, 0.123), (0.045, 0.156), (0.061, 0.182), (0.080, 0.210)), "recipe", _LTSF_LOADER),
        Published("FEDformer L=96", _LTSF,
                  _rows((0.033, 0.140), (0.058, 0.186), (0.084, 0.231), (0.102, 0.250)), 32, _FORMER_LOADER),
        Published("Informer L=96", _LTSF,
                  _rows((0.109, 0.277), (0.151, 0.310), (0.427, 0.591), (0.438, 0.586)), 32, _FORMER_LOADER),
    ],
    ("ETTh1", "M"): [
        Published("Repeat (all windows)", _REPEAT,
                  _rows((1.294, 0.713), (1.325, 0.733), (1.330, 0.746), (1.335, 0.755)), None, _ALL_WINDOWS),
        Published("Repeat (drop-last 32)", _REPEAT_DROP,
                  _rows((1.295, 0.713), (1.325, 0.733), (1.323, 0.744), (1.339, 0.756)), 32, _DROP_32),
        Published("SegRNN L=96", _SEGRNN,
                  _rows((0.368, 0.395), (0.408, 0.419), (0.444, 0.440), (0.446, 0.457)), None, _SEGRNN_LOADER),
        Published("SegRNN L=720", _SEGRNN,
                  _rows((0.351, 0.392), (0.392, 0.414), (0.423, 0.433), (0.466, 0.472)), None, _SEGRNN_LOADER),
        Published("plain GRU L=720", _SEGRNN,
                  _rows((1.135, 0.844), (1.123, 0.814), (1.080, 0.807), (1.089, 0.822)), None, _SEGRNN_LOADER),
        Published("PatchTST/42 L=336", _PATCH,
                  _rows((0.375, 0.399), (0.414, 0.421), (0.431, 0.436), (0.449, 0.466)), 128, _PATCH_ETT_LOADER),
        Published("NLinear L=336", _LTSF,
                  _rows((0.374, 0.394), (0.408, 0.415), (0.429, 0.427), (0.440, 0.453)), "recipe", _LTSF_LOADER),
        Published("DLinear L=336", _LTSF,
                  _rows((0.375, 0.399), (0.405, 0.416), (0.439, 0.443), (0.472, 0.490)), "recipe", _LTSF_LOADER),
        Published("LSTMa (Informer)", _INFORMER, {336: (1.424, 0.994), 720: (1.960, 1.322)}, 32, _FORMER_LOADER),
    ],
    ("ETTm1", "M"): [
        Published("Repeat (all windows)", _REPEAT,
                  _rows((1.214, 0.665), (1.261, 0.690), (1.287, 0.707), (1.322, 0.729)), None, _ALL_WINDOWS),
        Published("Repeat (drop-last 32)", _REPEAT_DROP,
                  _rows((1.214, 0.665), (1.261, 0.690), (1.283, 0.707), (1.319, 0.729)), 32, _DROP_32),
        Published("SegRNN L=96", _SEGRNN,
                  _rows((0.330, 0.369), (0.369, 0.392), (0.399, 0.412), (0.454, 0.443)), None, _SEGRNN_LOADER),
        Published("SegRNN L=720", _SEGRNN,
                  _rows((0.293, 0.354), (0.328, 0.378), (0.357, 0.399), (0.410, 0.430)), None, _SEGRNN_LOADER),
        Published("plain GRU L=720", _SEGRNN,
                  _rows((0.953, 0.740), (1.124, 0.847), (1.200, 0.881), (1.173, 0.858)), None, _SEGRNN_LOADER),
        Published("PatchTST/42 L=336", _PATCH,
                  _rows((0.290, 0.342), (0.332, 0.369), (0.366, 0.392), (0.420, 0.424)), 128, _PATCH_ETT_LOADER),
        Published("NLinear L=336", _LTSF,
                  _rows((0.306, 0.348), (0.349, 0.375), (0.375, 0.388), (0.433, 0.422)), "recipe", _LTSF_LOADER),
        Published("DLinear L=336", _LTSF,
                  _rows((0.299, 0.343), (0.335, 0.365), (0.369, 0.386), (0.425, 0.421)), "recipe", _LTSF_LOADER),
    ],
    ("exchange_rate", "M"): [
        Published("Repeat", _REPEAT_LTSF,
                  _rows((0.081, 0.196), (0.167, 0.289), (0.305, 0.396), (0.823, 0.681)), "recipe", _LTSF_LOADER),
        Published("NLinear L=336", _LTSF_TABLE2,
                  _rows((0.089, 0.208), (0.180, 0.300), (0.331, 0.415), (1.033, 0.780)), "recipe", _LTSF_LOADER),
        Published("DLinear L=336", _LTSF_TABLE2,
                  _rows((0.081, 0.203), (0.157, 0.293), (0.305, 0.414), (0.643, 0.601)), "recipe", _LTSF_LOADER),
        Published("FEDformer L=96", _FED_IN_LTSF,
                  _rows((0.148, 0.278), (0.271, 0.380), (0.460, 0.500), (1.195, 0.841)), 32, _FORMER_LOADER),
    ],
    ("national_illness", "M"): [
        Published("Repeat", _REPEAT_LTSF,
                  _ili((6.587, 1.701), (7.130, 1.884), (6.575, 1.798), (5.893, 1.677)), "recipe", _LTSF_LOADER),
        Published("NLinear L=104", _LTSF_TABLE2,
                  _ili((1.683, 0.858), (1.703, 0.859), (1.719, 0.884), (1.819, 0.917)), "recipe", _LTSF_LOADER),
        Published("DLinear L=104", _LTSF_TABLE2,
                  _ili((2.215, 1.081), (1.963, 0.963), (2.130, 1.024), (2.368, 1.096)), "recipe", _LTSF_LOADER),
        Published("PatchTST/42 L=104", _PATCH_ILI,
                  _ili((1.522, 0.814), (1.430, 0.834), (1.673, 0.854), (1.529, 0.862)), 16, _PATCH_ILI_LOADER),
        Published("PatchTST/64", _PATCH_ILI,
                  _ili((1.319, 0.754), (1.579, 0.870), (1.553, 0.815), (1.470, 0.788)), 16, _PATCH_ILI_LOADER),
        Published("FEDformer L=36", _FED_IN_LTSF,
                  _ili((3.228, 1.260), (2.679, 1.080), (2.622, 1.078), (2.857, 1.157)), 32, _FORMER_LOADER),
    ],
}
"""(dataset, mode) -> published rows. No MS rows are published in ETT.md; the papers publish no S rows
of Exchange or ILI for these models (the DLinear paper's univariate table is ETT only), and neither
PatchTST (ILI only) nor SegRNN (neither) publishes Exchange."""


# --------------------------------------------------------------------------------------------
# What each known table holds: how a file is recognised as one (rnncast.bench.identity)
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Signature:
    """What the released file of a known table holds, read as :func:`rnncast.bench.tablefile.read_table`
    reads it: its value columns and rows, the values of its first and last rows (6 significant digits) and a
    digest of all its values (:func:`rnncast.bench.identity.digest`); ``None`` where the file is not at hand
    here, so that only its shape can be checked."""

    title: str  # how the output names it: 'the ETT ETTh1 table'
    protocol: str  # the protocol its published rows were made under: 'ett' or 'custom'
    rows: int
    columns: tuple[str, ...] | int  # the value columns' names, or only their number where not recorded
    first: tuple[float, ...] | None = None
    last: tuple[float, ...] | None = None
    digest: str | None = None  # identity.digest of the released file: its columns and every value

    @property
    def width(self) -> int:
        """The number of value columns."""
        return self.columns if isinstance(self.columns, int) else len(self.columns)


_ETT_COLUMNS = ("HUFL", "HULL", "MUFL", "MULL", "LUFL", "LULL", "OT")
SIGNATURES: dict[str, Signature] = {
    # from the files in shared/data (ETT: zhouhaoyi/ETDataset; LTSF: the Autoformer collection), read here
    "ETTh1": Signature("the ETT ETTh1 table", "ett", 17420, _ETT_COLUMNS,
                       (5.827, 2.009, 1.599, 0.462, 4.203, 1.34, 30.531),
                       (10.114, 3.55, 6.183, 1.564, 3.716, 1.462, 9.567),
                       "b2afb8418dbcfd12e5f45889d919a9e3"),
    "ETTm1": Signature("the ETT ETTm1 table", "ett", 69680, _ETT_COLUMNS,
                       (5.827, 2.009, 1.599, 0.462, 4.203, 1.34, 30.531),
                       (12.994, 3.818, 8.244, 1.777, 4.721, 1.523, 9.778),
                       "96fb2c475efaf8f55572fc9e5ddf0a9f"),
    "exchange_rate": Signature("the LTSF Exchange table", "custom", 7588, ("0", "1", "2", "3", "4", "5", "6", "OT"),
                               (0.7855, 1.611, 0.861698, 0.634196, 0.211242, 0.006838, 0.525486, 0.593),
                               (0.720825, 1.23391, 0.744131, 0.980344, 0.143993, 0.008555, 0.690942, 0.692689),
                               "277e52c3f6f41ea0318345908f9eb0e1"),
    "national_illness": Signature(
        "the LTSF ILI table", "custom", 966,
        ("% WEIGHTED ILI", "%UNWEIGHTED ILI", "AGE 0-4", "AGE 5-24", "ILITOTAL", "NUM. OF PROVIDERS", "OT"),
        (1.22262, 1.16668, 582.0, 805.0, 2060.0, 754.0, 176569.0),
        (0.963716, 1.01376, 3955.0, 3843.0, 15307.0, 3027.0, 1509930.0),
        "477a0d1d698eadec39c783882fd4bb47"),
    # not in shared/data, values unknown here: the shape the papers and ETDataset give (ETTh2/ETTm2 share
    # ETTh1/ETTm1's columns and length; Weather, Electricity, Traffic: LTSF-Linear's README table). A file of
    # that shape is taken for the table only under its name (identity.recognise), and the command says so
    "ETTh2": Signature("the ETT ETTh2 table", "ett", 17420, _ETT_COLUMNS),
    "ETTm2": Signature("the ETT ETTm2 table", "ett", 69680, _ETT_COLUMNS),
    "weather": Signature("the LTSF Weather table", "custom", 52696, 21),
    "electricity": Signature("the LTSF Electricity table", "custom", 26304, 321),
    "traffic": Signature("the LTSF Traffic table", "custom", 17544, 862),
}


def signature_named(file_name: str) -> str | None:
    """The known table whose name a file carries, whatever its case (``weather``, ``WEATHER``: Weather), or None."""
    return next((k for k in SIGNATURES if k.casefold() == str(file_name).casefold()), None)
"""Known table (its file's stem, the name :data:`PUBLISHED` and :data:`LINEAR_RECIPES` use) -> what it
holds. A file is that table when it holds this, whatever it is called (:mod:`rnncast.bench.identity`);
one known by shape only, when it also has its name. The time column is not part of it: the reader keeps
no times, and the protocol windows rows."""


# --------------------------------------------------------------------------------------------
# LTSF-Linear's recipe per dataset
# --------------------------------------------------------------------------------------------

_SCRIPTS = "cure-lab/LTSF-Linear scripts/EXP-LongForecasting/Linear/"
_DLINEAR_SCRIPTS = "cure-lab/LTSF-Linear@04ffd8d (2022-06-13) scripts/EXP-LongForecasting/DLinear/"
LINEAR_RECIPES: dict[str, dict[int | None, tuple[int, float]]] = {
    # dataset -> {horizon (None: every horizon): (batch size, learning rate)}; source: _SCRIPTS
    "ETTh1": {None: (32, 0.005)},  # etth1.sh, univariate/etth1.sh
    "ETTh2": {None: (32, 0.05)},  # etth2.sh (M; univariate/etth2.sh: UNIVARIATE_RECIPES)
    "ETTm1": {None: (8, 0.0001)},  # ettm1.sh, univariate/ettm1.sh
    # ettm2.sh since @726695f (2022-08-22), and univariate/ettm2.sh; before it, and in the June-2022 DLinear
    # script, 0.1 at H=720
    "ETTm2": {96: (32, 0.001), 192: (32, 0.001), None: (32, 0.01)},
    "exchange_rate": {96: (8, 0.0005), 192: (8, 0.0005), None: (32, 0.0005)},  # exchange_rate.sh
    "national_illness": {None: (32, 0.01)},  # ili.sh
    # @7f7a25b: weather.sh gives no --learning_rate, so run_longExp.py's default 0.0001
    "weather": {None: (16, 0.0001)},  # weather.sh
    "electricity": {None: (16, 0.001)},  # electricity.sh
    "traffic": {None: (16, 0.05)},  # traffic.sh
}
"""The batch size and learning rate of LTSF-Linear's script for a dataset (every other setting of
the recipe is :class:`rnncast.bench.task.TrainConfig`'s). Their test loader used the same batch
size with ``drop_last=True``, which is the published rows' drop-last variant."""

DLINEAR_RECIPES: dict[str, dict[int | None, tuple[int, float]]] = {
    # where DLinear's published rows were made with other values: source _DLINEAR_SCRIPTS, the script
    # with which the June-2022 code reproduces the published Exchange rows (benchmarks/ltsf/results/README.md)
    "exchange_rate": {96: (8, 0.0005), 192: (8, 0.0005), 336: (32, 0.0005), 720: (32, 0.005)},  # exchange_rate.sh
}
"""DLinear's own recipe where it differs from :data:`LINEAR_RECIPES`. The paper's DLinear rows (Table
2) come from the June-2022 model code (weights at 1/L, an unused third layer): Exchange with that
code's DLinear script (learning rate 0.005 at H=720), ILI with the later Linear script's 0.01 (its
own script's 0.05 gives the first arXiv version's ILI rows instead). The batch sizes, and so the
drop-last test batch, are the same in all of them."""

UNIVARIATE_RECIPES: dict[str, dict[int | None, tuple[int, float]]] = {
    "ETTh2": {None: (32, 0.005)},  # univariate/etth2.sh (--feature S); etth2.sh (M) has 0.05
}
"""Where LTSF-Linear's univariate script (``univariate/<dataset>.sh``, S mode) differs from its multivariate
one; the others give the same batch and lr in both. MS has no script of its own: it takes the multivariate one."""

DEFAULT_LINEAR_RECIPE = (32, 0.005)
"""For a table LTSF-Linear has no script for: the ETTh1 script's values (TrainConfig's defaults); the
command says so (:func:`has_recipe`)."""


def has_recipe(dataset: str | None) -> bool:
    """Whether LTSF-Linear has a script for ``dataset`` (None: a table that is none of the known ones)."""
    return dataset in LINEAR_RECIPES


def linear_recipe(dataset: str | None, horizon: int, model: str = "nlinear", mode: str = "M") -> tuple[int, float]:
    """``(batch size, learning rate)`` of LTSF-Linear's script for ``dataset`` at ``horizon``, ``model``
    (nlinear | dlinear: :data:`DLINEAR_RECIPES` first) and ``mode`` (S: :data:`UNIVARIATE_RECIPES` first), or
    :data:`DEFAULT_LINEAR_RECIPE` for a dataset it has no script for (None: a table recognised as none of the
    known ones). The batch size is that of the published test loader too."""
    first = ((DLINEAR_RECIPES,) if model == "dlinear" else ()) + ((UNIVARIATE_RECIPES,) if mode == "S" else ())
    for recipes in first + (LINEAR_RECIPES,):
        recipe = recipes.get(dataset, {})
        if horizon in recipe or None in recipe:
            return recipe.get(horizon, recipe.get(None))
    return DEFAULT_LINEAR_RECIPE


def drop_last_batch(drop_last: int | str | None, known: str | None, horizon: int) -> int:
    """The published test loader's batch at ``horizon``: B of ``--drop-last B``, else (``--drop-last recipe``, or
    none, for results.csv's drop-last columns) that of LTSF-Linear's script (:func:`linear_recipe`) for the known
    table held (None: a table that is none of them, ETTh1's)."""
    return drop_last if isinstance(drop_last, int) else linear_recipe(known, horizon)[0]
