"""A quantile model's verdict on its quantiles (``intervalverdict.py``): its mean pinball loss beside the best
baseline's, with each interval's coverage, the model's and the baseline's."""

from __future__ import annotations

from rnncast.intervalverdict import UNLEARNED, best_pinball, pinball_verdict


def _test(model: float, repeat: float = 6.0, seasonal: float = 2.0) -> dict:
    block = lambda p, c: {"mse": 1.0, "pinball": p, "coverage_80": c}  # noqa: E731
    return {"original": {"model": block(model, 0.77), "repeat": block(repeat, 0.70), "seasonal": block(seasonal, 0.74)},
            "scaled": {"model": {"mse": 1.0}, "repeat": {"mse": 1.0}}}


def test_a_model_whose_pinball_loss_is_higher_than_the_best_baselines_is_told_so():
    said = pinball_verdict(_test(5.76), "original", "the test values")
    assert best_pinball(_test(5.76), "original") == ("seasonal", 5.76, 2.0)
    # each number as the table's pinball column (5.76, 6, 2) writes it: 4 decimals (scoretext, decision 1230)
    assert said.startswith(" Its quantiles: mean pinball loss 5.7600 against 2.0000 for the best baseline's ('seasonal "
                           "naive'")
    assert "2.88 times as high: the baseline's quantiles are better (not tested against chance)" in said  # no test
    assert "80% interval 77.00% against 74.00%" in said  # as the interval line writes a coverage


def test_a_lower_pinball_loss_says_by_how_much_and_the_same_one_says_so():
    assert "50.0% lower (not tested against chance)" in pinball_verdict(_test(1.0))  # scores without the test
    assert "the same loss" in pinball_verdict(_test(2.0))


def test_better_is_said_only_beyond_chance_against_every_baseline_either_way():
    test = {**_test(1.0), "significance_pinball": {"seasonal": {"p_value": 0.001}, "repeat": {"p_value": 0.2}}}
    said = pinball_verdict(test)
    assert ("50.0% lower, beyond chance against 'seasonal naive' (one-sided p = 0.001 that the model is not better) "
            "but not against 'repeat the last value' (p = 0.2): on these values its quantiles are no better than that "
            "baseline's" in said and "beat" not in said)  # the best baseline's own p first (t37t1 6)
    test["significance_pinball"]["seasonal"]["p_value"] = 0.071  # neither beyond chance: the best's p alone
    assert ("50.0% lower, but not beyond chance against 'seasonal naive' (one-sided p = 0.071 that the model is not "
            "better): on these values its quantiles are no better than the baseline's") in pinball_verdict(test)
    test["significance_pinball"]["seasonal"]["p_value"] = 0.001
    test["significance_pinball"]["repeat"]["p_value"] = 0.01
    assert ("50.0% lower, beyond chance (one-sided p = 0.01 that the model is not better, the largest against any "
            "baseline): its quantiles beat every baseline's") in pinball_verdict(test)
    test["significance_pinball"]["repeat"]["p_value"] = float("nan")  # too few times to test
    assert "50.0% lower (not tested against chance)" in pinball_verdict(test)
    higher = {**_test(5.76), "significance_pinball": {"seasonal": {"p_value": 0.9}, "repeat": {"p_value": 0.0}}}
    assert ("2.88 times as high, but not beyond chance (one-sided p = 0.1 that the baseline's quantiles are not "
            "better)") in pinball_verdict(higher)
    higher["significance_pinball"]["seasonal"]["p_value"] = 0.999
    assert ("2.88 times as high: the baseline's quantiles are better (one-sided p = 0.001 that they are not)"
            in pinball_verdict(higher))


def test_nothing_is_said_without_a_baselines_pinball_loss_or_the_models():
    assert pinball_verdict(_test(1.0), "scaled") == ""  # scores without intervals in these units
    point = {"original": {"model": {"mse": 1.0}, "repeat": {"mse": 2.0}}}
    assert pinball_verdict(point) == ""
    nan = _test(1.0)
    nan["original"]["seasonal"]["pinball"] = nan["original"]["repeat"]["pinball"] = float("nan")
    # scores written before what a baseline's intervals leave out was kept: blank, no cause guessed (decision 1932)
    assert pinball_verdict(nan) == (" Its quantiles: mean pinball loss 1.0000, weighed against no baseline's: theirs "
                                    "are blank here (-).")


def test_baselines_whose_intervals_were_not_learned_are_said_why():
    """A tester's finding (t36t4): evaluate on data without the fit's training rows printed the baselines' pinball
    and coverage as nan and dropped the quantiles' sentence with no reason given (decision 1884)."""
    test = _test(1.0)
    for name in ("repeat", "seasonal"):
        test["original"][name]["pinball"] = None  # as metrics.json reads back a NaN
        test["original"][name]["intervals_left_out"] = {"values": 8, "of": 8, "unlearned": 8}  # the data lack the rows
    said = pinball_verdict(test)
    assert said == UNLEARNED.format("pinball loss and coverage") and "training rows" in said
    assert said.startswith(" The baselines' intervals are blank here (their pinball loss and coverage: -)")
    for name in ("model", "repeat", "seasonal"):  # r38r1 LOW-4 (decision 2081): the "-" cells of wQL and MSIS too
        test["original"][name].update(wql=0.05 if name == "model" else None, msis_80=4.0 if name == "model" else None)
    assert pinball_verdict(test).startswith(" The baselines' intervals are blank here (their pinball loss, wQL, "
                                            "coverage and MSIS: -): each is the baseline's forecast")
    test["original"]["repeat"]["pinball"] = 3.0  # one baseline learned: weighed against it as before
    del test["original"]["repeat"]["intervals_left_out"]
    assert pinball_verdict(test).startswith(" Its quantiles: mean pinball loss 1.0000 against 3.0000")


def test_a_coverage_of_few_values_is_given_with_its_count():
    """t35t6: "90% interval 100.00% against 100.00%" on 20 test values (decision 1809)."""
    test = _test(5.76)
    for block, covered in zip(test["original"].values(), (0.75, 0.65, 0.7)):
        block.update(coverage_80=covered, by_level={"values": 20})
    assert "80% interval 75% (15 of 20) against 70% (14 of 20)" in pinball_verdict(test, "original", "the test values")


def test_a_baseline_with_an_interval_at_some_values_is_weighed_against_the_model_on_those_values():
    """Decision 1909 (r36r1 2, 10): decision 1876 left a baseline scored on fewer values out of the verdict, all or
    nothing, so one short series of a panel removed every baseline and the sentence with them. Now each is weighed on
    its own values, against the model's loss on the same ones (``intervals_left_out``'s ``model``), the best chosen on
    these pairs, and the sentence says which was weighed on fewer values."""
    test = _test(3.0)
    test["original"]["seasonal"]["intervals_left_out"] = {"values": 4, "of": 8, "model": {"pinball": 1.5,
                                                                                          "coverage_80": 0.5}}
    assert best_pinball(test, "original") == ("seasonal", 1.5, 2.0)  # 2.0 against 1.5 there, repeat 6.0 against 3.0
    test["significance_pinball"] = {"seasonal": {"p_value": 0.01}, "repeat": {"p_value": 0.01}}
    said = pinball_verdict(test, "original", "the test values")
    assert said.startswith(" Its quantiles: mean pinball loss 1.5000 against 2.0000 for the best baseline's ('seasonal")
    assert "25.0% lower, beyond chance" in said and "beat every baseline's" in said
    assert "80% interval 50.00% against 74.00%" in said  # the model's coverage on the seasonal naive's values
    assert said.endswith("; 'seasonal naive' is weighed on the values it has an interval for (4 of the 8), against "
                         "the model's loss on those same values.")
    test["original"]["seasonal"]["intervals_left_out"]["model"]["pinball"] = 0.5  # 4 times as high there: repeat best
    assert best_pinball(test, "original") == ("repeat", 3.0, 6.0)


def test_a_baseline_with_no_interval_is_not_weighed_and_the_verdict_says_so():
    """Decision 1909 (r36r1 1, 10): no interval at any value scored: not weighed (never "not beaten (p = nan)"), and
    "every baseline's" says it beat only those weighed."""
    test = _test(3.0)
    test["original"]["seasonal"].update(pinball=float("nan"), coverage_80=float("nan"),
                                        intervals_left_out={"values": 8, "of": 8})
    test["significance_pinball"] = {"repeat": {"p_value": 0.01}}
    said = pinball_verdict(test)
    assert "for the best baseline's ('repeat the last value'" in said and "beat every weighed baseline's" in said
    assert said.endswith("; 'seasonal naive' has no interval at any value scored and is not weighed.")
    del test["original"]["repeat"]
    assert best_pinball(test, "original") is None
    assert pinball_verdict(test) == (" Its quantiles: mean pinball loss 3.0000, weighed against no baseline's; "
                                     "'seasonal naive' has no interval at any value scored and is not weighed.")


def test_baselines_weighed_on_fewer_values_are_named_together_with_their_counts():
    """r36r1 2: one short series of a panel took the repeat and mean intervals from the same values."""
    from rnncast.intervalverdict import aside

    left = {"values": 68, "of": 204, "model": {"pinball": 1.0}}
    block = {"model": {"pinball": 1.0}, "repeat": {"pinball": 2.0, "intervals_left_out": left},
             "mean": {"pinball": 3.0, "intervals_left_out": dict(left)}}
    assert aside(block) == ("; 'repeat the last value' and 'training mean' are weighed on the values each has an "
                            "interval for (136 of the 204), against the model's loss on those same values")
    block["mean"]["intervals_left_out"]["values"] = 4
    assert "(136 of the 204; 'training mean': 200 of the 204)" not in aside(block)
    assert "('repeat the last value': 136 of the 204; 'training mean': 200 of the 204)" in aside(block)


def test_scores_written_before_the_models_were_kept_beside_a_baselines_are_not_weighed_and_said_so():
    """Decision 1876's metrics.json recorded what a baseline left out without the model's scores on its values:
    nothing to weigh it against, and it has an interval at some values, so it is not said to have none."""
    from rnncast.intervalverdict import aside

    test = _test(3.0)
    test["original"]["seasonal"]["intervals_left_out"] = {"values": 4, "of": 8}
    assert best_pinball(test, "original") == ("repeat", 3.0, 6.0)
    assert aside(test["original"]) == "; 'seasonal naive' is scored on fewer values than the model's and not weighed"


def test_baselines_thin_for_the_levels_are_not_said_to_lack_the_training_rows():
    """t36t7 1: fit given its training rows, too few of them for the levels 0.01 and 0.99 (decision 1875), was told
    "these data lack those rows of some series; evaluate data that hold them": 1884's sentence chosen from NaN
    pinballs alone. Now it is chosen by ``intervals_left_out``'s ``unlearned`` count (decision 1932)."""
    test = _test(1.0)
    for name in ("repeat", "seasonal"):
        test["original"][name].update(pinball=float("nan"), coverage_80=float("nan"),
                                      intervals_left_out={"values": 8, "of": 8, "unlearned": 0, "model": {}})
    said = pinball_verdict(test)
    assert said == (" Its quantiles: mean pinball loss 1.0000, weighed against no baseline's; 'repeat the last value' "
                    "and 'seasonal naive' have no interval at any value scored and are not weighed.")
    test["original"]["repeat"]["intervals_left_out"]["unlearned"] = 3  # some of them: these data lack the rows
    said = pinball_verdict(test)  # each baseline named, then the cause of the 3 (r36r5 2)
    assert said.startswith(" Its quantiles: mean pinball loss 1.0000, weighed against no baseline's") and said.endswith(
        UNLEARNED.format("pinball loss and coverage"))


def test_data_lacking_the_training_rows_is_said_alone_only_where_it_is_every_cause():
    """r36r5 2: one baseline's values unlearned (the data lack the fit's training rows, decision 1932) and another's
    without an interval for too few training windows (decision 1875): the verdict names each, the model's loss kept,
    not the unlearned sentence alone, whose advice ("evaluate data that hold them") cannot help the second."""
    from rnncast import bandcounts
    from rnncast.intervalverdict import UNLEARNED, pinball_verdict
    nan = float("nan")

    def left(unlearned):
        return {"values": 100, "of": 100, "windows": 25, "of_windows": 25, "series": 1, "of_series": 1, "fewest": 9,
                "unlearned": unlearned, "reason": "r"}
    mixed = {"test": {"original": {"model": {"pinball": 1.0}, "repeat": {"pinball": nan, bandcounts.KEY: left(100)},
                                   "seasonal": {"pinball": nan, bandcounts.KEY: left(0)}}}}
    said = pinball_verdict(mixed["test"])
    assert said.startswith(" Its quantiles: mean pinball loss 1.0") and "seasonal naive" in said and said.endswith(
        UNLEARNED.format("pinball loss and coverage"))
    alone = {"test": {"original": {"model": {"pinball": 1.0}, "repeat": {"pinball": nan, bandcounts.KEY: left(100)}}}}
    assert pinball_verdict(alone["test"]) == UNLEARNED.format("pinball loss and coverage")


def test_a_pinball_loss_a_little_apart_is_said_in_percent_as_the_mse_verdict_says_it():
    """t38t3 4: "0.2967 against 0.2954 ..., 1 times as high" and "0.000731 against 0.000732 ..., 0.0% lower"; now
    "0.4% higher" and "0.1% lower", as the MSE verdict words its gap (decision 2044)."""
    from rnncast.intervalverdict import higher_by, lower_by

    assert higher_by(0.2967, 0.2954) == "0.4% higher" and lower_by(0.000731, 0.000732) == "0.1% lower"
    assert higher_by(1.00001, 1.0) == "less than 0.1% higher" and lower_by(0.99999, 1.0) == "less than 0.1% lower"
    assert higher_by(2.88, 1.0) == "2.88 times as high" and higher_by(1.0, 0.0) == "higher"


def test_the_quantiles_verdict_leads_with_a_plain_sentence_of_coverage():
    """A tester's finding: a budget reader had to get past p-values to learn the 80% band held 88% (decision 2259)."""
    from rnncast.intervalverdict import held
    test = {"original": {"model": {"pinball": 1.0, "coverage_80": 0.8813, "coverage_50": 0.4, "coverage_90": 0.905}}}
    assert held(test, where="the test values") == (
        " The 80% band held 88.13% of the test values: too wide (8.13 points more than 80%); the 50% band held 40.00% "
        "of the test values: too narrow (10.00 points fewer than 50%); the 90% band held 90.50% of the test values: "
        "near 90%.")
    assert held({"original": {"model": {"mse": 1.0}}}) == ""
