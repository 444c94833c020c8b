"""tunepanel: what tune, which searches one series' settings, says of a role of many series it is given."""

from __future__ import annotations

from rnncast.tunepanel import PANEL_ROLES, config_refusal, instead


def test_a_role_of_many_series_is_refused_with_what_to_do_instead_as_a_keyword_a_flag_and_a_config_key():
    """Decision 1132: tune the rows of one series and fit the panel with its best settings, or fit it with one's own."""
    assert "id_col" in PANEL_ROLES and "target" not in PANEL_ROLES
    assert instead(["id_col"]) == ("it searches the settings of one series; tune the rows of one series and fit the "
                                   "panel with its best settings (tune(...).forecaster().fit(data, id_col=...)), or fit "
                                   "the panel with settings of your own")
    assert "(rnncast fit DATA --config OUT/best.toml --id-col ... --static ...)" in instead(["--id-col", "--static"], True)
    line = config_refusal("c.toml", ["id_col", "static", "future_covariates"])
    assert line.startswith("config c.toml gives id_col, static, future_covariates, which tune does not take: it searches")
    assert "--config OUT/best.toml --id-col ... --static ...)" in line and "\n" not in line
    assert line.endswith("; tune has no --future-covariates: it takes covariates as --features, with --future-known "
                         "where they are known over the horizon")
    assert "which tune does not take: tune has no --future-covariates" in config_refusal("c.toml", ["future_covariates"])


def test_tune_given_a_covariate_role_as_a_keyword_is_told_what_it_takes_instead():
    """tune(df, future_covariates=[...]) was told "fixed when the model is fitted", with no way forward."""
    import pandas as pd
    import pytest

    from rnncast.errors import UnknownParameter
    from rnncast.tuning import tune

    frame = pd.DataFrame({"date": pd.date_range("2024-01-01", periods=30), "y": range(30), "promo": 0})
    for role in ("future_covariates", "past_covariates"):
        with pytest.raises(UnknownParameter) as err:
            tune(frame, target="y", trials=1, **{role: ["promo"]})
        assert str(err.value) == (f"tune takes no {role}=: it takes covariates as features (tune(data, features=[...])), "
                                  "with settings={'future_known': True} where they are known over the horizon")
