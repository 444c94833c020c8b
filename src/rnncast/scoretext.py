"""Scores as every table writes them, on the terminal and the pages alike (fit's and evaluate's tables,
``cli.commands.score_tables``; a run's page, ``reportpage.metric_rows``; a backtest's, ``reportpage.backtest_rows``;
compare's): a column in one notation, so that the eye can compare down it.

A ratio or share (R², MASE, sMAPE and MAPE in percent, a coverage) has four decimals. An error in the data's units
(MSE, MAE, RMSE, pinball) is written plain below ``PLAIN_BELOW`` with the same decimals down its column: enough
for five significant digits of its largest value and three of its smallest (``66603``, ``97227``, ``111710``, not
``1.1171e+05`` beside ``97227``; ``11.87``, ``11.79``, ``191.09``). A column that reaches ``PLAIN_BELOW``, or
would need more than ``MOST_DECIMALS`` (``8.0549e-05``), is scientific, all of it. Never ``-0.0000``: a value that
rounds to zero is written without its sign.

Numbers one sentence compares ("R² 0.9901 from the features, 0.9899 from the last value") are written with digits
enough to tell apart those that differ (``apart``), never as two equal texts beside "more than" or "against".
"""

from __future__ import annotations

import math
import unicodedata

from rnncast.seasonalgaps import gone

RATIOS = ("r2", "mase", "smape_pct", "mape_pct")  # scores on a fixed scale, and coverage_*, msis_*: four decimals
PLAIN_BELOW = 1e7  # from here an error's column is scientific (1.0164e+12), not a row of digits
LARGEST, SMALLEST = 5, 3  # significant digits kept of a column's largest and smallest value
MOST_DECIMALS = 8  # 0.0049527 is plain; 8.0549e-05 would need 9, a row of zeros before its digits: scientific
ID_WIDTH = 40  # a series id wider than this is cut with an ellipsis in a terminal table (id_cell, decision 1924)


def score_texts(name: str, values) -> list[str]:
    """The column of score ``name`` (mse, mae, rmse, pinball, wql, r2, mase, smape_pct, mape_pct, coverage_80, msis_80
    ...) as text, one notation down the column; a missing value (None) is ""."""
    if name in RATIOS or name.startswith(("coverage_", "msis_")):  # an R² of -3.2e+37 (a model far off) not in 38 digits
        if any(v is not None and math.isfinite(v) and abs(v) >= PLAIN_BELOW for v in values):
            return ["" if v is None else _unsigned_zero(f"{v:.{LARGEST - 1}e}") for v in values]
        return [_fixed(v, 4) for v in values]
    sizes = [abs(v) for v in values if v is not None and math.isfinite(v) and v != 0]
    if not sizes:
        return [_fixed(v, 0) for v in values]
    largest, smallest = max(sizes), min(sizes)
    decimals = max(0, LARGEST - 1 - _exponent(largest), SMALLEST - 1 - _exponent(smallest))
    if largest >= PLAIN_BELOW or decimals > MOST_DECIMALS:
        return ["" if v is None else _unsigned_zero(f"{v:.{LARGEST - 1}e}") for v in values]
    return [_fixed(v, decimals) for v in values]


def apart(values, digits: int = 3, kind: str = "f", most: int = 9) -> list[str]:
    """``values`` as one sentence compares them: ``digits`` decimals (``kind`` "f") or significant digits ("g"), more
    where two values that differ would read alike at fewer (0.99012 and 0.98987 are "0.9901" and "0.9899", not "0.990"
    twice), up to ``most``; values equal at ``most`` read alike, as they are."""
    values = [float(v) for v in values]
    for places in range(digits, max(digits, most) + 1):
        texts = [f"{v:.{places}{kind}}" for v in values]
        if all(texts[i] != texts[j] for i in range(len(values)) for j in range(i) if values[i] != values[j]):
            return texts
    return texts


def quoter(name: str, column):
    """How a sentence quotes a value of score ``name`` beside a table whose column of it holds ``column``: as that
    column writes it (``score_texts`` of the column and the value), so that a verdict's 35.8 is the table's, not
    35.81 beside it; a value that is no finite number as Python writes it in 4 significant digits."""
    column = [v for v in column if v is not None and math.isfinite(v)]
    return lambda value: score_texts(name, [*column, value])[-1] if math.isfinite(value) else f"{value:.4g}"


def percent(share: float) -> str:
    """A share as a warning writes it: ``42.1%``, ``>99.9%`` where one decimal would round it to 100% (which it is
    not said to be: the other series or targets hold a little)."""
    return f"{100 * share:.1f}".replace("100.0", ">99.9") + "%"


def _exponent(size: float) -> int:
    return math.floor(math.log10(size))


def _fixed(value, decimals: int) -> str:
    return "" if value is None else _unsigned_zero(f"{value:.{decimals}f}")


def _unsigned_zero(text: str) -> str:
    """``-0.0000`` as ``0.0000``: a value that rounds to zero has no sign to show (an R² of -0.00001)."""
    digits = text.split("e")[0].lstrip("-").replace(".", "")
    return text[1:] if text.startswith("-") and not digits.strip("0") else text


def column_head(name: str) -> str:
    """A score's column head: ``MSE``, ``sMAPE %``, ``MAPE %``, ``pinball``, ``wQL``, ``coverage 80%`` (of the 80%
    interval), ``MSIS 80%`` (its mean scaled interval score)."""
    if name.startswith(("coverage_", "msis_")):
        return f"{'coverage' if name.startswith('coverage_') else 'MSIS'} {name.split('_', 1)[1]}%"
    return {"smape_pct": "sMAPE %", "mape_pct": "MAPE %", "pinball": "pinball", "wql": "wQL"}.get(name, name.upper())


def interval_keys(block: dict) -> list[str]:
    """A quantile model's interval scores among the keys of ``block`` (its scores), in the order every table shows
    them: ``pinball``, ``wql``, the coverages (``coverage_90``, ``coverage_80`` ...), then each interval's MSIS
    (``msis_90``, ``msis_80`` ...), each group widest interval first, as ``compare`` and ``--by-series`` show them,
    whatever the block's order (decisions 2036, 2068); [] for a point model's."""
    keys = [k for k in block if isinstance(k, str)]
    return [k for k in ("pinball", "wql") if k in keys] + [k for prefix in ("coverage_", "msis_") for k in sorted(
        (k for k in keys if k.startswith(prefix)), key=lambda k: -float(k.split("_", 1)[1]))]


def with_columns(labels: list[list[str]], scores: list[dict], names: list[str],
                 models: list[dict] | None = None) -> list[list[str]]:
    """Rows of ``labels`` each followed by its ``scores`` of ``names``, each column written in one notation (a score
    a forecaster lacks: "", or "-" where ``models`` [one per row: the model's scores of the row's part or window]
    holds it: a baseline without intervals beside a quantile model's pinball and coverage, decision 1814)."""
    columns = [scored_column(name, scores, models) for name in names]
    return [label + [column[i] for column in columns] for i, label in enumerate(labels)]


def scored_column(name: str, scores: list[dict], models: list[dict] | None = None) -> list[str]:
    """The column of score ``name`` over the rows ``scores`` (one dict of scores per forecaster) in one notation
    (``score_texts``): "" in a row that lacks it, "-" where the model beside it holds it (``models``, one per row:
    a climatology's pinball loss, which has no intervals, beside the quantile model's: decision 1814; a baseline's
    interval score that is NaN, its intervals not learned, beside the model's: decision 1884), and "-" in each score of
    a seasonal naive with no forecast at any value scored (``seasonalgaps.gone``, decision 2029), never "nan"."""
    texts = score_texts(name, [s.get(name) for s in scores])
    beside = models if models is not None else [{}] * len(scores)
    banded = name in ("pinball", "wql") or name.startswith(("coverage_", "msis_"))  # a baseline's intervals': NaN where unlearned
    return ["-" if (s.get(name) is None or banded and _blank(s[name])) and m.get(name) is not None
            or gone(s) and name in s else t for t, s, m in zip(texts, scores, beside)]  # no forecast: decision 2029


def _blank(value) -> bool:
    """Whether a score is NaN (a float that is none; a text or None is not)."""
    return isinstance(value, float) and value != value


def width(text: str) -> int:
    """The columns ``text`` takes on a terminal: 2 for a wide or full-width character (Hangul, CJK: Unicode's East
    Asian width W or F), 0 for a combining mark (an accent), else 1; counted in composed form (NFC), so a name macOS
    wrote decomposed (NFD: '매출' as jamo) takes the columns of its syllables."""
    return sum(0 if unicodedata.category(c) in ("Mn", "Me") else 2 if unicodedata.east_asian_width(c) in ("W", "F")
               else 1 for c in unicodedata.normalize("NFC", text))


def pad(text: str, columns: int) -> str:
    """``text`` padded with spaces to take ``columns`` on a terminal (``width``), as ``str.ljust`` pads by characters."""
    return text + " " * max(columns - width(text), 0)


def cell_text(value) -> str:
    """A table's cell as a terminal is given it: as written, or, where it holds a character that is not printable (a
    newline, a tab, the ESC of a terminal's escape sequence in a series id), quoted with each escaped as Python writes
    it, as standard error names such an id (``repr``): an id cannot retitle the window, colour the output or forge a
    line of its own (decision 1802). A space that is not ASCII (Excel's NBSP, U+3000) and the joiners of an emoji
    (U+200D, U+FE0F) are shown as written; a bidi override is escaped (decision 1855). CSV and JSON keep it verbatim."""
    text = str(value)
    return repr(text) if any(_hidden(c) for c in text) else text


def id_cell(value, most: int = ID_WIDTH) -> str:
    """A series id as a terminal table's cell shows it (``cell_text``), cut to ``most`` columns with an ellipsis where
    longer: an id of 3,000 characters pushed every row's scores 3,000 columns right (decision 1924).
    The CSV and JSON write it whole."""
    text = cell_text(value)
    if width(text) <= most:
        return text
    kept, used = [], 0
    for c in text:
        if used + width(c) > most - 1:
            break
        kept.append(c)
        used += width(c)
    return "".join(kept) + "…"


def _hidden(c: str) -> bool:
    """Whether character ``c`` moves or hides text on a terminal: a control (Cc), a lone surrogate (Cs), a line or
    paragraph separator (Zl, Zp), or a format character (Cf: a bidi override) other than an emoji's joiners."""
    kind = unicodedata.category(c)
    return kind in ("Cc", "Cs", "Zl", "Zp") or kind == "Cf" and c not in "\u200d\ufe0f"


def table(head: list[str], rows: list[list]) -> str:
    """``head`` and ``rows`` as plain text: each column padded to its widest cell as a terminal shows it (``width``:
    a Hangul id takes two columns a character), two spaces between columns, a rule of '-' under the head; a cell
    holding a control character escaped (``cell_text``)."""
    cells = [head] + [[cell_text(c) for c in row] for row in rows]
    widths = [max(width(r[i]) for r in cells) for i in range(len(head))]
    lines = ["  ".join(pad(c, w) for c, w in zip(r, widths)).rstrip() for r in cells]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)
