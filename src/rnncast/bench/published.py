"""Published ETT rows (MSE, MAE) with their source, copied from ``shared/benchmarks/ETT.md``; the
result tables (:mod:`rnncast.bench.results`) show them beside the measured columns."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Published:
    label: str  # column header, with the input length the row was made with
    source: str
    scores: dict[int, tuple[float, float]]  # horizon -> (MSE, MAE)


_LTSF = "DLinear paper (Zeng et al., AAAI 2023), cure-lab/LTSF-Linear; drop-last test loader"
_REPEAT = "Repeat recomputed under the protocol, shared/benchmarks/ETT.md"
_SEGRNN = "SegRNN (Lin et al. 2023), lss-1138/SegRNN Table 2 / README"
_PATCH = "PatchTST (Nie et al., ICLR 2023), yuqinie98/PatchTST table 3"
_INFORMER = "Informer2020 README result images (2021-03); Informer horizons, only 336/720 overlap"


def _rows(*pairs):
    return dict(zip((96, 192, 336, 720), pairs))


PUBLISHED: dict[tuple[str, str], list[Published]] = {
    ("ETTh1", "S"): [
        Published("Repeat (all windows)", _REPEAT,
                  _rows((0.069, 0.203), (0.092, 0.236), (0.113, 0.265), (0.129, 0.283))),
        Published("NLinear L=336", _LTSF,
                  _rows((0.053, 0.177), (0.069, 0.204), (0.081, 0.226), (0.080, 0.226))),
        Published("DLinear L=336", _LTSF,
                  _rows((0.056, 0.180), (0.071, 0.204), (0.098, 0.244), (0.189, 0.359))),
        Published("FEDformer L=96", _LTSF,
                  _rows((0.079, 0.215), (0.104, 0.245), (0.119, 0.270), (0.142, 0.299))),
        Published("Informer L=96", _LTSF,
                  _rows((0.193, 0.377), (0.217, 0.395), (0.202, 0.381), (0.183, 0.355))),
        Published("LSTMa (Informer)", _INFORMER, {336: (0.590, 0.698), 720: (0.683, 0.768)}),
    ],
    ("ETTm1", "S"): [
        Published("Repeat (all windows)", _REPEAT,
                  _rows((0.033, 0.136), (0.049, 0.169), (0.065, 0.196), (0.089, 0.232))),
        Published("NLinear L=336", _LTSF,
                  _rows((0.026, 0.122), (0.039, 0.149), (0.052, 0.172), (0.073, 0.207))),
        Published("DLinear L=336", _LTSF,
                  _rows((0.028, 0.123), (0.045, 0.156), (0.061, 0.182), (0.080, 0.210))),
        Published("FEDformer L=96", _LTSF,
                  _rows((0.033, 0.140), (0.058, 0.186), (0.084, 0.231), (0.102, 0.250))),
        Published("Informer L=96", _LTSF,
                  _rows((0.109, 0.277), (0.151, 0.310), (0.427, 0.591), (0.438, 0.586))),
    ],
    ("ETTh1", "M"): [
        Published("Repeat (all windows)", _REPEAT,
                  _rows((1.294, 0.713), (1.325, 0.733), (1.330, 0.746), (1.335, 0.755))),
        Published("SegRNN L=96", _SEGRNN,
                  _rows((0.368, 0.395), (0.408, 0.419), (0.444, 0.440), (0.446, 0.457))),
        Published("SegRNN L=720", _SEGRNN,
                  _rows((0.351, 0.392), (0.392, 0.414), (0.423, 0.433), (0.466, 0.472))),
        Published("plain GRU L=720", _SEGRNN,
                  _rows((1.135, 0.844), (1.123, 0.814), (1.080, 0.807), (1.089, 0.822))),
        Published("PatchTST/42 L=336", _PATCH,
                  _rows((0.375, 0.399), (0.414, 0.421), (0.431, 0.436), (0.449, 0.466))),
        Published("NLinear L=336", _LTSF,
                  _rows((0.374, 0.394), (0.408, 0.415), (0.429, 0.427), (0.440, 0.453))),
        Published("DLinear L=336", _LTSF,
                  _rows((0.375, 0.399), (0.405, 0.416), (0.439, 0.443), (0.472, 0.490))),
        Published("LSTMa (Informer)", _INFORMER, {336: (1.424, 0.994), 720: (1.960, 1.322)}),
    ],
    ("ETTm1", "M"): [
        Published("Repeat (all windows)", _REPEAT,
                  _rows((1.214, 0.665), (1.261, 0.690), (1.287, 0.707), (1.322, 0.729))),
        Published("SegRNN L=96", _SEGRNN,
                  _rows((0.330, 0.369), (0.369, 0.392), (0.399, 0.412), (0.454, 0.443))),
        Published("SegRNN L=720", _SEGRNN,
                  _rows((0.293, 0.354), (0.328, 0.378), (0.357, 0.399), (0.410, 0.430))),
        Published("plain GRU L=720", _SEGRNN,
                  _rows((0.953, 0.740), (1.124, 0.847), (1.200, 0.881), (1.173, 0.858))),
        Published("PatchTST/42 L=336", _PATCH,
                  _rows((0.290, 0.342), (0.332, 0.369), (0.366, 0.392), (0.420, 0.424))),
        Published("NLinear L=336", _LTSF,
                  _rows((0.306, 0.348), (0.349, 0.375), (0.375, 0.388), (0.433, 0.422))),
        Published("DLinear L=336", _LTSF,
                  _rows((0.299, 0.343), (0.335, 0.365), (0.369, 0.386), (0.425, 0.421))),
    ],
}
"""(dataset, mode) -> published rows. No MS rows are published in ETT.md."""
