from rnncast import targetrows


def test_every_target_is_drawn_while_the_rows_fit_and_at_least_one_of_each_series():
    assert targetrows.count(1) == 1 and targetrows.count(2) == 2
    assert targetrows.count(targetrows.MAX_ROWS + 3) == targetrows.MAX_ROWS
    assert targetrows.count(2, 3) == 2 and targetrows.count(7, 3) == targetrows.MAX_ROWS // 3
    assert targetrows.count(4, targetrows.MAX_ROWS + 1) == 1  # a series' row is never left without a target


def test_the_title_says_the_targets_left_out_and_where_all_are():
    assert targetrows.note(["OT", "HUFL"], 2) == ""
    assert targetrows.note(["a", "b", "c"], 1) == "; 1 of 3 targets drawn ('a')"
    assert (targetrows.note(["a", "b", "c"], 2, "forecasts.csv")
            == "; 2 of 3 targets drawn ('a', 'b'); all are in forecasts.csv")
    assert targetrows.row_title("OT") == "target 'OT'"
    assert targetrows.row_title(7, "best by test MASE: series 'A'") == "best by test MASE: series 'A'; target '7'"


def test_the_page_names_the_targets_the_figure_draws():
    assert targetrows.caption(["y"], 1) == ""
    assert targetrows.caption(["OT", "HUFL"], 2) == " of OT and HUFL, a row each"
    assert (targetrows.caption(["a", "b", "c"], 2, "test_forecasts.csv")
            == " of a and b, 2 of 3 targets (all are in test_forecasts.csv)")


def test_a_series_is_named_by_the_datas_own_id_column_else_series():
    from rnncast.targetrows import series_word
    assert series_word("store") == "store"
    assert [series_word(c) for c in (None, "unique_id", ["item_id", "store_id"], "")] == ["series"] * 4


def test_the_rows_of_one_series_share_their_time_axis_and_other_series_keep_their_own():
    from matplotlib.figure import Figure

    from rnncast.targetrows import share_rows
    axes = Figure().subplots(4, 1)
    share_rows(axes, [0, 0, 1, None])
    joined = axes[0].get_shared_x_axes().joined
    assert joined(axes[0], axes[1]) and not joined(axes[0], axes[2]) and not joined(axes[2], axes[3])


def test_a_row_shows_its_own_targets_mase_where_given():
    lead = "best of 3 by test MASE over its 2 targets: store 's2', 2.09"
    assert targetrows.row_title("sales", lead, 2.546) == f"{lead}; target 'sales', MASE 2.55"
    assert targetrows.row_title("sales", "", float("nan")) == "target 'sales', MASE undefined"
    assert targetrows.row_title("sales", lead) == f"{lead}; target 'sales'"


def test_an_id_is_quoted_in_a_title_without_a_backslash_it_does_not_hold():
    """The id "quote's was titled '"quote\\'s' (repr's escape) in forecast.png and report.html (decision 1650)."""
    from rnncast.targetrows import quoted

    assert [quoted(v) for v in ["A", "it's", "\"quote's", "a\\b", "new\nline", 3]] == [
        "'A'", '"it\'s"', "‘\"quote's’", "'a\\b'", "'new\\nline'", "3"]
    assert targetrows.row_title("\"x's", "best") == "best; target ‘\"x's’"
