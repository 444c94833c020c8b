"""The words a page uses, said once at its foot: what each score and test on a run's, a backtest's or a demo's page
means, its units and, for a method from a paper, its source. A learner who opens report.html has the page only, not
README's "Words used here" (whose wording these follow), so the page says what MASE, sMAPE or a Diebold–Mariano p
are where it shows them.

``words_on(text)`` gives the entries whose term the page's text holds, in ``TERMS``' order; ``pagehtml`` writes them
as the page's last section, "Words on this page". A page that shows none of them gets no such section.
"""

from __future__ import annotations

import re

from rnncast.zeroscales import scale_name

# (term as the page writes it, the pattern that finds it in the page's text, what it means). The patterns are read
# against the text of every block (headings, paragraphs, lists, tables' cells); \b keeps MSE out of RMSE.
# An entry is true of every page its term is on: "cutoff" is a fit's setting and a backtest's cutoffs (decision 1629).
TERMS: tuple[tuple[str, str, str], ...] = (
    ("lookback", r"\blookback\b",
     "the rows the network sees before each forecast (L)."),
    ("horizon", r"\bhorizon\b",
     "the steps forecast at once (H); a window is the lookback's rows of inputs and the H rows after them."),
    ("cutoff", r"\bcutoffs?\b",
     "the last time observed before a forecast (its window's last input row): the forecast is of the steps after it, "
     "made from the rows up to it (a model with future-known features also reads their values at the forecast steps). "
     "The cutoff setting of a fit (--cutoff) is one time at which every series is cut, the last row before the test "
     "rows: the rows after it are the test rows (None: each series is cut at its own test fraction instead). A "
     "backtest forecasts from several cutoffs, a window from each; the cutoff column of test_forecasts.csv or "
     "forecasts.csv is each window's."),
    ("train, validation, test", r"\b(?:validation|test)\b",
     "the parts of each series, in time order: the weights learn from the training rows, early stopping picks the "
     "epoch on the validation rows, and the test rows, never seen in training, give the score (a backtest scores "
     "the rows after each cutoff instead)."),
    ("baselines", r"\bbaselines?\b|repeat the last value|seasonal naive|training mean",
     "forecasts that need no training, which a model must beat to be worth it: repeat the last value, the training "
     "mean (the mean of every row before the cutoff, FPP's MEAN), seasonal naive (the series' last season before the forecast repeated over the horizon: each step's value a "
     "whole number of seasons earlier on its calendar, none where the data lacks that step; one season for the first "
     "season's steps) where a season above 1 is set, and the "
     "climatology (below) where it applies."),
    ("climatology", r"\bclimatology\b",
     "a baseline of the yearly cycle: each series' training mean for each day of the year (for each hour of it on "
     "hourly data), taken from the fit's training rows and kept with the model; scored on timestamps of a day's to "
     "an hour's step for each series whose training rows span two whole years, with no interval learned for it."),
    # decisions 1605, 1666
    ("MSE", r"\bMSE\b",
     "mean squared error, the mean of (forecast − actual)², in the target's units squared (original or scaled, "
     "as its table or sentence says)."),
    ("MAE", r"\bMAE\b",
     "mean absolute error, the mean of |forecast − actual|, in the target's units (original or scaled, as its table "
     "says)."),
    ("RMSE", r"\bRMSE\b",
     "root mean squared error, the square root of the mean squared error, in the target's units; for several "
     "targets, the mean of the targets' RMSEs (so not the square root of their mean MSE)."),
    ("scaled units", r"\bscaled\b",
     "the units the network trains in: each column scaled on its own training rows (for many series, each series "
     "on its own), so that series of different sizes weigh alike."),
    ("R²", r"R²",
     "1 − (sum of squared errors) / (sum of squared differences of the scored values from their mean): 1 is "
     "perfect, 0 is no better than that mean, below 0 is worse. Undefined where the scored values do not vary; "
     "for many series, the mean of the R² of the series whose values vary; for several targets, the mean of "
     "the targets'."),
    ("MASE", r"\bMASE\b",
     "mean absolute scaled error (Hyndman & Koehler 2006, in its seasonal form): the MAE divided by the mean "
     "absolute difference between values one season apart (one row apart without a season) over every row before "
     "the cutoff, training and validation rows alike, as fable's accuracy() and utilsforecast's mase given every "
     "row up to the cutoff take it (in a backtest, each window's own cutoff). It has no "
     "units, so it compares across series; below 1 is better than that in-sample {naive} forecast, and forecasting "
     "many steps ahead even repeating the last value usually scores above 1: compare with the baselines' MASE. For "
     "many series, the mean of every value's scaled error, so a series with more windows weighs more."),
    ("sMAPE", r"\bsMAPE\b",
     "symmetric mean absolute percentage error, the mean of 200 × |forecast − actual| / (|actual| + |forecast|), "
     "in percent from 0 to 200 (the M3/M4 competitions' form); a pair where both are 0 counts as exact."),
    ("MAPE", r"(?<!s)\bMAPE\b",
     "mean absolute percentage error, the mean of 100 × |forecast − actual| / |actual|, in percent, over the "
     "points whose actual value is not 0 (to float rounding). Where actual values come near 0 it grows without bound: read MAE or "
     "MASE there."),
    ("pinball loss", r"\bpinball\b",
     "the quantile loss (Koenker & Bassett 1978): for quantile q, q × (actual − forecast) when the actual is "
     "above the forecast, (1 − q) × (forecast − actual) when below, averaged over points and quantiles, in the "
     "target's units (original or scaled, as its table says); lower is better."),
    ("coverage", r"\bcover(?:age|s)\b",
     "the share of actual values inside a prediction interval: an 80 % interval should cover about 80 %."),
    ("wQL", r"\bwQL\b",
     "weighted quantile loss, GluonTS's mean_wQuantileLoss: for each quantile, twice the summed pinball loss over the "
     "summed |actual|, both sums over every value of every series pooled, as GluonTS pools them (a large series weighs "
     "more), averaged over the quantiles. It has no units, so it compares across series; lower is better."),
    ("MSIS", r"\bMSIS\b",
     "mean scaled interval score of a central interval (M4's MSIS, Makridakis et al. 2020, pooled over values and "
     "scaled by the same in-sample {naive} MAE as MASE): its width plus 2 / α times the distance of an actual outside "
     "it (α = 1 − its coverage level, 0.2 for the 80 % interval), divided by MASE's scale (at the run's season, where "
     "M4 takes the data's frequency), so it has no units, and averaged over every value of every series (M4 averages "
     "each series' and then the series'); lower is better, and a needlessly wide interval scores worse too."),
    ("Diebold–Mariano p", r"Diebold",
     "the test of two forecasts' squared errors on the same windows (Diebold & Mariano 1995). A verdict against a "
     "baseline is one-sided: its p is small only where the model's squared errors are lower beyond chance, so a model "
     "far worse gets p near 1 (not better), not \"no difference\"; compare's test of two models is two-sided (whether "
     "they differ) and Holm-adjusted over the pairs. On a run's "
     "test windows its variance is the equal-weighted cosine estimator read against Student's t (Lazarus, Lewis, "
     "Stock & Watson 2018), with their floor(0.4 T^(2/3)) cosine terms for T forecast times, at least 1 and at most "
     "the span of those times over twice the horizon (windows that share targets); over a backtest's few cutoffs it is the paired t-test where windows share no target, "
     "and that same cosine estimator against Student's t where they do (Coroneo & Iacone 2020). "
     "A model beats a baseline only when its MSE is lower and p < 0.05."),
    ("DM statistic", r"\bDM statistic\b",
     "the Diebold–Mariano test's statistic (Diebold & Mariano 1995): the mean difference of two forecasts' squared "
     "errors divided by its standard error; negative where the first forecast's errors are lower."),
    ("p (Holm)", r"\bHolm\b",
     "a p-value adjusted for testing several pairs at once by Holm's step-down method (Holm 1979): the smallest p is "
     "multiplied by the number of pairs, the next by one less, and so on, each at least the one before, so that the "
     "chance of any pair called apart by luck stays below 0.05."),
    ("Student's t, the paired t-test", r"\bStudent's t\b|\bpaired t-test\b",
     "Student's t at k degrees of freedom is the reference a statistic is read against where its variance is "
     "estimated from few values (k + 1 cutoffs: 3 degrees of freedom for 4); the paired t-test (Student 1908) reads "
     "the mean of the paired differences of two forecasts' errors, one per cutoff, over its standard error, "
     "against Student's t at one less than the number of pairs."),
    ("binomial test", r"\bbinomial test\b",
     "the test of whether a count of misses (actual values outside an interval, or above a level) is far from what "
     "the nominal rate gives: the chance of a count at least that far under the binomial distribution of that many "
     "values at that rate; two-sided (the smaller tail doubled): too many misses or too few. The coverage test "
     "runs it at each horizon step on forecasts whose origins are at least that step apart, so that no two values "
     "of a series share a step of the path, the values of one origin date (a panel's series, several targets) "
     "counted by their design effect, and Holm's correction weighs the steps tested together."),
    ("linear highway", r"\bhighway\b",
     "a linear map from the input window's values of each target (less the window's last value) to every horizon "
     "step, added to the recurrent cell's forecast, as the autoregressive part of LSTNet (Lai, Chang, Yang & Liu "
     "2018); it starts at zero, so an untrained network repeats the last value."),
)


def words_on(text: str, season: int | None = None) -> list[tuple[str, str]]:
    """The entries ``(term, what it means)`` whose term ``text`` (a page's text, every block joined) holds, in
    ``TERMS``' order; empty where it holds none. ``season``: the page's, by which MASE's entry names the forecast its
    scale is the in-sample error of ("seasonal naive" above 1, "naive" at 1, as ``zeroscales.scale_name``); None (a
    page of models of several seasons): both."""
    naive = "(seasonal) naive" if season is None else scale_name(season)
    return [(term, meaning.replace("{naive}", naive)) for term, pattern, meaning in TERMS if re.search(pattern, text)]
