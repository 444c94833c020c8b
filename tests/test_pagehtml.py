"""A page written as HTML (``pagehtml.py``): text escaped, images embedded, an unknown block refused; the head every
page shares (the viewport a phone lays the page out by), tables that scroll in their own box, images scaled to the
screen; Hangul drawn with the shipped font. The page in a real browser, 420 px wide too, is
scenarios/test_report_browser.py."""

from __future__ import annotations

import re

import pytest


def test_the_html_page_escapes_its_text_embeds_its_images_and_refuses_an_unknown_block():
    from rnncast.pagehtml import html_page

    page = html_page("a <b> & c", [("verdict", False, "x < y"), ("hint", "h & i"), ("table", [["k", "v"], ["<k>", 1]]),
                                   ("img", b"\x89PNG", "the <plot>")])
    assert "<title>a &lt;b&gt; &amp; c</title>" in page and "<h1>a &lt;b&gt; &amp; c</h1>" in page
    assert "<p class='bad'>x &lt; y</p>" in page and "<p class='hint'>h &amp; i</p>" in page
    assert "<thead><tr><th scope='col'>k</th><th scope='col'>v</th></tr></thead>" in page
    assert "<tr><th scope='row'>&lt;k&gt;</th><td>1</td></tr>" in page
    assert "<img alt='the &lt;plot&gt;' src='data:image/png;base64,iVBORw=='>" in page  # no file beside the page
    with pytest.raises(ValueError, match="unknown report block 'video'"):
        html_page("t", [("video", b"")])


def test_a_page_in_hangul_embeds_the_shipped_font_cut_to_its_characters_and_a_latin_page_does_not():
    """report.html drew a target 매출 as empty boxes on a machine without a Korean font (the PNGs drew it)."""
    from rnncast.pagehtml import html_page

    korean = html_page("rnncast run: LSTM forecasting 매출", [("p", "x")])
    assert korean.count("@font-face") == 1 and "font-family: 'rnncast NanumGothic', system-ui" in korean
    assert "@font-face" not in html_page("rnncast run: LSTM forecasting y", [("p", "Diebold–Mariano ≥ 0.5")])


def test_every_page_has_one_head_with_the_viewport_and_its_tables_scroll_in_a_box_of_their_own():
    """No report.html had a viewport: a phone laid the page out 980 px wide and shrank it, and at 420 px a run's
    metric table ran off the right edge (MASE and part of MAE hidden), so the whole page scrolled sideways."""
    from rnncast.pagehtml import CSS, html_page

    page = html_page("t", [("table", [["a", "b"], [1, 2]]), ("table", [["c"], [3]]), ("img", b"\x89PNG", "plot")])
    assert page.count("<meta name='viewport' content='width=device-width, initial-scale=1'>") == 1
    assert page.index("name='viewport'") < page.index("</head>") < page.index("<body>")
    assert page.count("<div class='scroll'><table>") == 2 and page.count("</table></div>") == 2  # each table, boxed
    rules = dict(re.findall(r"^([^{\n]+?) \{ (.+?) \}$", CSS, re.M))
    assert "overflow-x: auto" in rules[".scroll"]
    assert "max-width: 100%" in rules["img"] and "height: auto" in rules["img"]
    assert "overflow-wrap: anywhere" in rules["h1, h2, p, li"]  # a long column name breaks, not the page


def test_the_run_backtest_and_demo_pages_are_all_written_by_the_one_page_writer():
    """One head for every page: the modules that write a report.html call ``html_page``; none writes a head of its own."""
    from pathlib import Path

    import rnncast

    package = Path(rnncast.__file__).parent
    writers = sorted(p.name for p in package.rglob("*.py") if "report.html" in p.read_text() and "html_page(" in p.read_text())
    heads = sorted(p.name for p in package.rglob("*.py") if "<head" in p.read_text())
    assert writers == ["backtestfolder.py", "demopage.py", "report.py"] and heads == ["pagehtml.py"]  # decision 1819


def test_a_lower_mse_not_beyond_chance_is_shown_neither_as_a_win_nor_as_a_loss():
    """Decision 702's verdict ("lower than every baseline's ..., but the test cannot tell that from chance") was shown
    red, as a loss (decision 709): a fourth element marks it, in its own style; a block without it is as before."""
    from rnncast.pagehtml import html_page

    html = html_page("t", [("verdict", False, "lower, not beyond chance", True), ("verdict", False, "worse"),
                      ("verdict", True, "better", False)])
    assert "<p class='unproven'>lower, not beyond chance</p>" in html
    assert "<p class='bad'>worse</p>" in html and "<p class='good'>better</p>" in html
    assert ".unproven {" in html


def test_a_links_block_writes_relative_links_its_words_and_addresses_escaped():
    """The demos' pages link each model's run folder's report.html (a sub-folder of the page's own folder)."""
    from rnncast.pagehtml import html_page

    page = html_page("t", [("links", [("past-only/report.html (x's past)", "past-only/report.html"), ("a<b", "a'b/r.html")])])
    assert "<li><a href='past-only/report.html'>past-only/report.html (x&#x27;s past)</a></li>" in page
    assert "<a href='a&#x27;b/r.html'>a&lt;b</a>" in page


def test_the_words_drawn_in_a_figure_are_read_by_the_pages_glossary():
    """The sine demo page's loss figures said "MSE (scaled units, log scale)"; its glossary never said what scaled
    units are (the figure's words were not read), where the regression page's text named them."""
    from matplotlib.figure import Figure

    from rnncast.pagehtml import figure_words, html_page
    fig = Figure()
    ax = fig.subplots()
    ax.plot([1, 2], [3, 4], label="GRU")
    ax.set_ylabel("MSE (scaled units, log scale)")
    ax.legend()
    words = figure_words(fig)
    assert "MSE (scaled units, log scale)" in words.splitlines() and "GRU" in words.splitlines()
    said = html_page("t", [("p", "A figure."), ("img", b"png", "a figure", words)])
    assert "<b>scaled units</b>" in said and "<b>MSE</b>" in said
    assert "<b>scaled units</b>" not in html_page("t", [("p", "A figure."), ("img", b"png", "a figure")])


def test_a_printed_page_shows_every_column_keeps_headings_with_what_follows_and_does_not_split_a_picture():
    """t32t5's MED-3: chromium --print-to-pdf cut the MAPE column off the original-unit table (762 px in a 686 px scroll
    box) and painted the box's scroll bar across the model's test row; headings sat alone at a page's foot."""
    from rnncast.pagehtml import CSS, html_page

    printed = CSS[CSS.index("@media print {"):]
    rules = dict(re.findall(r"^\s+([^{\n]+?) \{ (.+?) \}$", printed, re.M))
    assert rules[".scroll"] == "overflow: visible;"  # no scroll box: no bar, no hidden column
    assert re.search(r"font-size: 0\.\d+em", rules["table"])  # smaller than the screen's 0.9em
    assert "break-after: avoid" in rules["h1, h2"] and "break-inside: avoid" in rules["tr, img, figure"]
    assert "@media print {" in html_page("t", [("p", "x")])  # every page carries it


def test_a_pictures_alt_text_says_its_titles_and_its_legends_lines_and_it_links_to_its_file():
    """t32t5's MED-4/5: every forecast picture's alt text was "actual and predicted values on the test split", though
    it drew 3 of 9 series with their MASE in its titles; and the picture's words did not grow at zoom (no link to its
    full-size PNG)."""
    from matplotlib.figure import Figure

    from rnncast.pagehtml import figure_alt, html_page

    fig = Figure()
    fig.suptitle("Test split, forecast 7 steps at a time,\nfrom cutoffs 7 steps apart")
    top, bottom = fig.subplots(2)
    top.plot([1, 2], [1, 2], "o-", color="black", label="actual")
    top.plot([1, 2], [1, 3], ":", label="baseline: repeat the last value")
    top.set_title("best of 9 by test MASE: series 'a', MASE 0.661")
    bottom.set_title("worst of 9 by test MASE: series 'b', MASE 0.856")
    top.legend()
    alt = figure_alt(fig, "Actual and predicted values on the test split")
    assert alt == ("Actual and predicted values on the test split. Test split, forecast 7 steps at a time, from cutoffs 7 "
                   "steps apart. best of 9 by test MASE: series 'a', MASE 0.661; worst of 9 by test MASE: series 'b', "
                   "MASE 0.856. Lines: actual (solid, dots); baseline: repeat the last value (dotted).")
    page = html_page("t", [("img", b"\x89PNG", alt, "", "forecast.png")])
    assert ("<figure><a href='forecast.png' title='forecast.png at full size'><img alt='Actual and predicted values on "
            "the test split. ") in page and "</a></figure>" in page


def test_the_alt_text_reads_the_public_suptitle_and_calls_the_fourth_baselines_dashes_dash_dot_dot():
    """A reviewer's finding (decision 1589): the alt text read matplotlib's private ``_suptitle``, and called the 4th
    baseline style, the dash tuple (0, (5, 1, 1, 1, 1, 1)), "dashed" as the mean's '--' is."""
    from matplotlib.figure import Figure

    from rnncast.pagehtml import figure_alt
    from rnncast.baselinelooks import STYLES

    fig = Figure()
    ax = fig.subplots()
    ax.plot([1, 2], [1, 2], ls="--", label="baseline: mean")
    ax.plot([1, 2], [1, 3], ls=STYLES["climatology"]["ls"], label="baseline: drift")
    ax.legend()
    assert figure_alt(fig, "Forecasts") == "Forecasts. Lines: baseline: mean (dashed); baseline: drift (dash-dot-dot)."
    fig.suptitle("Test split")
    assert figure_alt(fig, "Forecasts").startswith("Forecasts. Test split. Lines:")


def test_every_page_ends_with_the_software_that_made_it():
    from rnncast.pagehtml import html_page
    from rnncast.version import software

    page = html_page("plain", [("p", "a sine wave")])
    assert page.rstrip().endswith(f"<footer><p>Made by {software()}.</p></footer>\n</body></html>")
