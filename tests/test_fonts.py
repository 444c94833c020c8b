"""Names in Hangul drawn in rnncast's figures (NanumGothic after the caller's fonts), the caller's rcParams
untouched, and a character no font has said once, in one plain line."""

import logging
import sys
import warnings

import matplotlib
from matplotlib.figure import Figure

from rnncast import fonts, plots

HISTORY = [{"epoch": 1, "train_loss": 1.0, "val_loss": 1.2, "best": True},
           {"epoch": 2, "train_loss": 0.8, "val_loss": 1.1, "best": True}]
NOWHERE = "\ue000"  # a private-use code point: no font draws it


def drawn(figure) -> list[str]:
    """The warnings drawing ``figure`` to PNG let through (not a ResourceWarning of a file an earlier test left open,
    which the garbage collector may happen to close while this one draws: the full suite once caught "unclosed file
    ... NanumGothic.ttf" here)."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert plots.png_bytes(figure)[:4] == b"\x89PNG"
    return [str(w.message) for w in caught if not issubclass(w.category, ResourceWarning)]


def test_the_family_is_the_callers_then_nanum_from_koreanize_matplotlib_never_imported():
    sys.modules.pop("koreanize_matplotlib", None)
    names = fonts.families()
    assert names[: len(matplotlib.rcParams["font.family"])] == matplotlib.rcParams["font.family"]
    assert "NanumGothic" in names and fonts.bundled_fonts()
    assert "koreanize_matplotlib" not in sys.modules  # its import would set font.family for the whole process


def test_a_figure_of_korean_names_draws_every_glyph(caplog):
    """forecast.png drew '매출' and '날짜' as boxes, with a raw matplotlib warning per glyph."""
    figure = plots.loss_figure({"매출 날짜 모델": HISTORY})
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        assert drawn(figure) == []
    assert not caplog.records
    title = figure.legends[0].get_texts()[0]
    assert "NanumGothic" in title.get_fontfamily() and title.get_fontfamily()[0] == "sans-serif"


def test_the_callers_rcparams_and_fonts_stay_as_set():
    with matplotlib.rc_context({"font.family": ["serif"], "font.size": 13}):
        before = dict(matplotlib.rcParams)
        figure = plots.loss_figure({"매출": HISTORY})
        drawn(figure)
        assert dict(matplotlib.rcParams) == before
        assert figure.axes[0].title.get_fontfamily()[0] == "serif"  # Latin text keeps the caller's font


def test_a_character_no_font_has_is_one_plain_warning_per_run(caplog):
    figure = plots.loss_figure({f"sales{NOWHERE}": HISTORY})
    other = plots.loss_figure({f"sales{NOWHERE}": HISTORY})
    with caplog.at_level(logging.WARNING, logger="rnncast"), fonts.warned_once():
        assert drawn(figure) == [] and drawn(other) == []  # matplotlib's own warnings caught
    said = [r.getMessage() for r in caplog.records if r.name == "rnncast.fonts"]
    assert len(said) == 1
    assert repr(f"sales{NOWHERE}: epoch 2 kept") in said[0] and "fonts-noto-cjk" in said[0]  # the model named once


def test_a_figure_alone_warns_once_and_other_warnings_pass(caplog):
    figure = Figure()
    figure.subplots().set_title(f"a{NOWHERE}")
    with caplog.at_level(logging.WARNING, logger="rnncast"), warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        with fonts.drawing(figure):
            warnings.warn("something else", UserWarning)
            figure.savefig(__import__("io").BytesIO(), format="png")
    assert [str(w.message) for w in caught] == ["something else"]
    assert [r.getMessage().split(":")[0] for r in caplog.records] == [f"the figures draw {f'a{NOWHERE}'!r} with boxes"]


def test_without_koreanize_matplotlib_no_font_is_added(monkeypatch):
    def missing(name):
        raise fonts.importlib.metadata.PackageNotFoundError(name)

    monkeypatch.setattr(fonts.importlib.metadata, "distribution", missing)
    assert fonts.bundled_fonts() == []
