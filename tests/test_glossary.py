"""``glossary``: the words a page uses, said at its foot, each only where the page uses it."""

from __future__ import annotations

import re

from rnncast import glossary
from rnncast.pagehtml import html_page


def _terms(text: str) -> list[str]:
    return [term for term, _ in glossary.words_on(text)]


def test_only_the_terms_a_text_holds_are_said_in_the_glossarys_order():
    assert _terms("test MSE 3.2, MASE 0.81 and sMAPE 12 %") == ["train, validation, test", "MSE", "MASE", "sMAPE"]
    assert _terms("nothing to see here") == []


def test_mse_is_not_found_inside_rmse_nor_mape_inside_smape():
    assert _terms("RMSE 2.0") == ["RMSE"]
    assert _terms("sMAPE %") == ["sMAPE"]
    assert _terms("MAPE %") == ["MAPE"]


def test_each_entry_says_its_units_or_source_where_it_has_one():
    said = dict(glossary.words_on(" ".join(t for t, _, _ in glossary.TERMS) +
                                                                     " Diebold scaled pinball coverage cutoff baselines"))
    assert "Hyndman & Koehler 2006" in said["MASE"] and "Diebold & Mariano 1995" in said["Diebold–Mariano p"]
    assert "Koenker & Bassett 1978" in said["pinball loss"] and "units" in said["MAE"]
    assert "near 0" in said["MAPE"]  # the caveat a target near zero needs, beyond exact zeros
    # true of every page an entry is on: a backtest's test over its cutoffs, several targets' RMSE, a scaled table
    assert "paired t-test" in said["Diebold–Mariano p"] and "Coroneo & Iacone 2020" in said["Diebold–Mariano p"]
    assert "mean of the targets' RMSEs" in said["RMSE"] and "original or scaled" in said["pinball loss"]
    assert " L " not in said["horizon"] and "backtest scores" in said["train, validation, test"]


def test_a_page_ends_with_the_words_it_uses_and_a_page_without_any_has_no_such_section():
    page = html_page("run", [("p", "The model beats every baseline (Diebold–Mariano p = 0.001)"),
                             ("table", [["split", "MSE", "MASE"], ["test", "1.0", "0.8"]]),
                             ("img", b"", "sMAPE in the alt text only")])
    foot = page[page.index("<h2>Words on this page</h2>"):]
    assert re.findall(r"<li><b>([^<]+)</b>: ", foot) == ["train, validation, test", "baselines", "MSE", "MASE",
                                                  "Diebold–Mariano p"]  # not sMAPE: an image's alt text is not read
    assert re.search(r"</ul>\n<footer><p>Made by rnncast [^<]*</p></footer>\n</body></html>$", page.rstrip())  # decision 1624
    assert "Words on this page" not in html_page("plain", [("p", "a sine wave")])


def test_mases_entry_names_the_forecast_its_scale_is_the_error_of_by_the_pages_season():
    """The entry said "better than that in-sample naive forecast" on the page of a season-7 run, whose MASE divides by
    the seasonal naive forecast's error (decision 945 names it so)."""
    def mase(season):
        return dict(glossary.words_on("MASE 0.8", season))["MASE"]
    assert "better than that in-sample seasonal naive forecast" in mase(7)
    assert "better than that in-sample naive forecast" in mase(1)
    assert "better than that in-sample (seasonal) naive forecast" in mase(None)  # a demo's page, of several models


def test_mases_entry_says_its_scale_is_of_every_row_before_the_cutoff():
    """A statsforecast user reconciling a backtest's MASE with utilsforecast's (t34t2 L6) could not tell the scale
    left out the validation rows before the cutoff (decision 1707); an FPP user (t40-t2) found it 9-27% above fable's,
    and the scale is now the field's, of every row before the cutoff (decision 2173)."""
    said = dict(glossary.words_on("MASE 0.8", 7))["MASE"]
    assert "over every row before the cutoff, training and validation rows alike" in said and "utilsforecast" in said
    assert "the training rows alone" not in said
    assert "the mean of every row before the cutoff" in dict(glossary.words_on("baselines"))["baselines"]


def test_the_baselines_entry_says_seasonal_naive_repeats_the_series_last_season():
    """It said "the value one season ago", which past a horizon of one season is not what ``seasonal_naive`` does;
    the series' season, not the input window's, since a season longer than the lookback is taken (decision 1778)."""
    said = dict(glossary.words_on("baselines"))["baselines"]
    assert "the series' last season before the forecast repeated over the horizon" in said and "one season ago" not in said
    assert "in-sample seasonal naive forecast" in html_page("run", [("p", "MASE 0.8")], 7)


def test_the_words_demo_compare_and_interval_sentences_show_have_entries_with_their_sources():
    """A tester's finding (t30t10): "DM statistic" and "p (Holm)" (the demo page's table), "two-sided binomial
    test", "Student's t at 3 degrees of freedom (the paired t-test)" and "linear highway" were on pages without an
    entry in "Words on this page"."""
    text = ("pair | DM statistic | p (two-sided) | p (Holm); far by a two-sided binomial test of the misses; "
            "Student's t at 3 degrees of freedom (the paired t-test); model (lstm + linear highway)")
    said = dict(glossary.words_on(text))
    assert "Diebold & Mariano 1995" in said["DM statistic"] and "Holm 1979" in said["p (Holm)"]
    assert {"Student's t, the paired t-test", "binomial test", "linear highway"} <= set(said)
    assert "LSTNet" in said["linear highway"] and "two-sided" in said["binomial test"]
    assert "DM statistic" not in dict(glossary.words_on("Diebold–Mariano p = 0.03"))  # the statistic's own words only


def test_cutoff_means_the_last_time_observed_before_a_forecast_in_the_glossary_and_fits_help():
    """"cutoff" named three rows (t33t5 M3): fit's --cutoff (the last validation row), the README's "training cutoff"
    (train_end) and the test windows' last input step; one meaning now, the field's (decision 1623)."""
    from dataclasses import fields

    from rnncast.config import DataSettings
    from rnncast.glossary import TERMS

    said = dict((term, text) for term, _, text in TERMS)["cutoff"]
    assert said.startswith("the last time observed before a forecast") and "the last row before the test rows" in said
    helps = {f.name: f.metadata["help"] for f in fields(DataSettings)}
    assert "the last time observed before the first test forecast, so the last validation row" in helps["cutoff"]
    assert "not the training rows' end" in helps["cutoff"]


def test_the_cutoff_entry_is_true_of_a_fits_page_as_of_a_backtests():
    """t33t3: a fit page's only "cutoff" is its setting (the time that cuts off the test rows; None), and its entry
    said "in a backtest, the last row a window's forecast may see", untrue too of a future-known model, which reads the
    features at the forecast step (decision 1629)."""
    said = dict(glossary.words_on("cutoff None"))["cutoff"]
    assert said.startswith("the last time observed before a forecast (its window's last input row): the forecast is "
                           "of the steps after it")
    assert "the rows after it are the test rows (None: each series is cut at its own test fraction instead)" in said
    assert "future-known features also reads their values at the forecast steps" in said
    assert "A backtest forecasts from several cutoffs" in said and "cutoff column of test_forecasts.csv" in said
    assert "in a backtest, the last row" not in said
    assert dict(glossary.words_on("3 cutoffs"))["cutoff"] == said  # one entry for a backtest's page too


def test_a_page_with_the_climatology_says_what_it_is_and_when_it_is_scored():
    """t33t7 M4 (decision 1666): pages whose verdict, table and plot feature the climatology explained only repeat,
    mean and seasonal naive."""
    words = dict(glossary.words_on("baseline: climatology"))
    assert "each day of the year (for each hour of it on hourly data)" in words["climatology"]
    assert "two whole years" in words["climatology"] and "climatology" in words["baselines"]


def test_a_quantile_pages_wql_and_msis_are_said_with_their_sources():
    """Decision 2036: a page whose tables show wQL and MSIS says what they are, GluonTS's and the M4 competition's."""
    from rnncast.glossary import words_on

    said = dict((term, meaning) for term, meaning in words_on("pinball wQL coverage 80% MSIS 80%"))
    assert "GluonTS's mean_wQuantileLoss" in said["wQL"] and "M4's MSIS, Makridakis et al. 2020" in said["MSIS"]
    assert "wQL" not in dict(words_on("pinball MSE"))
    # t38t7 8: how it departs from M4's is said, and wQL's pooling (decision 2069)
    monthly = dict(words_on("MSIS 80% wQL", 12))
    assert "pooled over values and scaled by the same in-sample seasonal naive MAE as MASE" in monthly["MSIS"]
    assert "where M4 takes the data's frequency" in monthly["MSIS"]
    assert "(M4 averages each series' and then the series')" in monthly["MSIS"]
    assert "every value of every series pooled, as GluonTS pools them" in monthly["wQL"]
