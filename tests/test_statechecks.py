"""A model read back checked against its network (``statechecks.py``, through ``FittedState.read``): every setting
the network fixes and every learned number one a fit can give; a hand-edited or damaged model.json is refused by name
(issue 18), and what a fit can give (a MASE scale of 0, or null in a version 1 folder) is read."""

from __future__ import annotations

import json

import numpy as np
import pytest

from conftest import TINY, make_panel
from rnncast import Forecaster, RnncastError
from rnncast.state import FittedState

L = TINY["lookback"]


# ---- every learned number one a fit can give, every setting the network's (issue 18) -------------

def _set(path, value):
    def edit(meta):
        node = meta
        for key in path[:-1]:
            node = node[key]
        node[path[-1]] = value
    return edit


REFUSED = {  # how model.json's state is edited: what the refusal says
    "scaler scale 0": (_set(("scalers", 1, "scale", 0), 0.0),
                       r"the scaler of series 's001' has scale 0.0 for column 'y'; a scale must be a finite number"),
    "negative scale": (_set(("scalers", 0, "scale", 0), -2.0), r"series 's000' has scale -2.0"),
    "NaN offset": (_set(("scalers", 2, "offset", 0), float("nan")),
                   r"the scaler of series 's002' has offset nan for column 'y'; an offset must be a finite number"),
    "infinite scale": (_set(("scalers", 3, "scale", 0), float("inf")), r"series 's003' has scale inf"),
    "scaler of another kind": (_set(("scalers", 0, "kind"), "robust"), r"kind 'robust'; known: standard, minmax"),
    "scaler of two columns": (_set(("scalers", 0, "offset"), [1.0, 2.0]), r"2 offsets and 1 scales for 1 columns"),
    "lookback": (_set(("params", "lookback"), L + 4), rf"setting lookback is {L + 4} but the network was built with {L}$"),
    "scheme": (_set(("params", "scheme"), "sequence"), r"setting scheme is 'sequence' but the network was built with"),
    "dropout": (_set(("params", "dropout"), 0.5), r"setting dropout is 0.5 but the network was built with 0.0"),
    "two targets named": (_set(("targets",), ["y", "z"]), r"2 targets"),
    "a series id twice": (_set(("ids",), ["s000", "s001", "s001", "s003"]), r"a series id appears twice"),
    "layout single with four series": (_set(("layout",), "single"), r"layout 'single' with 4 series"),
    "split out of order": (_set(("splits", 1), [130, 120, 168]), r"the split of series 's001' is \(130, 120, 168\)"),
    "split dates out of order": (_set(("borders", 1, 1), "2000-01-01T00:00:00"),  # decision 558: evaluate scored val as test
                                 r"the split dates of series 's001' are out of order \(first test 2000-01-01T00:00:00 "
                                 r"before first validation "),
    "value ranges of another shape": (_set(("value_ranges", 0), [[1.0, 2.0]]),
                                      r"value_ranges must be absent or \[series\]\[column\] \[median, sd, least, greatest\]"),
    "NaN training mean": (_set(("train_means", 0, 0), float("nan")), r"the training means are not 4 x 1 finite"),
    "negative MASE scale": (_set(("mase_scales", 0, 0), -1.0), r"the MASE scales are not 4 x 1 numbers >= 0"),
    "calendar of no kind": (_set(("calendar", "kind"), "lunar"), r"the calendar is of kind 'lunar'"),
    "zone that is none": (_set(("calendar", "tz"), "Mars/Olympus"), r"the calendar has the zone 'Mars/Olympus'"),
    "text format not text": (_set(("calendar", "text_format"), 7), r"the calendar has .* text format 7; each must be text"),
    "a column named by a number": (_set(("targets", 0), 7), r"must be distinct names \(text\)"),
    "format version true": (_set(("format_version",), True), r"uses model format version True"),
    "deeply nested params": (_set(("params", "hidden_size"), [[[[8]]]]),
                             r"hand-edited: hidden_size \(--hidden-size\) must be a positive integer, got \[\[\[\[8\]\]\]\]$"),
    "an on/off setting as text": (_set(("params", "window_scale"), "yes"),
                                  r"hand-edited: window_scale must be True or False, got 'yes'$"),
    "a setting deleted": (lambda meta: meta["params"].pop("lookback"),
                          rf"setting lookback is missing \(read as 50\) but the network was built with {L}$"),
    "highway start of other keys": (_set(("highway_start",), {"penalty": 0.1}), r"incomplete or hand-edited.*highway_start"),
    "later rows of other keys": (_set(("later_rows",), {"r2": 0.9}), r"incomplete or hand-edited.*later_rows must be null"),
    "test overlap of other keys": (_set(("test_overlap",), {"series": 2}),
                                   r"incomplete or hand-edited.*test_overlap must be null or \{series, of, from, to, text\}"),
    "no time column beside one": (_set(("no_time_col",), True),  # decision 708
                                  r"incomplete or hand-edited.*no_time_col is true \(fit was told the table has no time "
                                  r"column\), but time_col is "),
    "no time column as text": (_set(("no_time_col",), "yes"), r"hand-edited.*no_time_col must be true or absent, got 'yes'"),
    "windows across gaps of other keys": (_set(("across_gaps",), {"training": 3, "series": 1}),  # decision 720
                                          r"hand-edited.*across_gaps must be absent or \{training, validation, test: "),
    "ids of another dtype": (_set(("id_dtype",), "object"), r"hand-edited.*ids of dtype 'object'; known: int64, float64"),
    "integer ids that are words": (_set(("id_dtype",), "int64"), r"hand-edited: its 'id_dtype' entry is not of the kind rnncast"),
    "calendar of a frequency pandas has not": (_set(("calendar", "freq"), "ZZ"),  # decision 1653: not pandas' words
                                               r"hand-edited: its 'calendar' entry is not of the kind rnncast writes; "
                                               r"restore model.json from a copy, or train the model again$"),
    "splits as text": (_set(("splits",), "x"), r"hand-edited: its 'splits' entry is not of the kind rnncast writes; "),
    "test overlap text not text": (_set(("test_overlap",), {"series": 2, "of": 4, "from": "a", "to": "b", "text": 3}),
                                   r"incomplete or hand-edited.*test_overlap must be null or \{series, of, from, to, text\}"),
}


@pytest.mark.parametrize("case", list(REFUSED))
def test_a_hand_edited_or_damaged_state_is_refused_by_name(panel_fitted, case):
    edit, message = REFUSED[case]
    meta = json.loads(json.dumps(panel_fitted.state_.meta()))
    edit(meta)
    with pytest.raises(RnncastError, match=message) as refused:
        FittedState.read(meta, panel_fitted.net_.spec, "the folder")
    assert "the folder" in str(refused.value)


def test_what_a_fit_can_give_is_read_back_zero_and_null_mase_scales_included(panel_fitted):
    """A series constant in training has MASE scale 0, a version 1 folder none (null): both read."""
    meta = json.loads(json.dumps(panel_fitted.state_.meta()))
    meta["mase_scales"][0][0], meta["mase_scales"][1][0] = 0.0, None
    state = FittedState.read(meta, panel_fitted.net_.spec, "the folder")
    assert state.mase_scales[0, 0] == 0 and np.isnan(state.mase_scales[1, 0])


def test_static_codes_outside_the_categories_the_network_embeds_are_refused(tmp_path):
    frame = make_panel(3, seed=2)
    frame["kind"] = frame["unique_id"].map({"s000": "a", "s001": "b", "s002": "a"})
    f = Forecaster(**{**TINY, "epochs": 1}).fit(frame, static_covariates=["kind"])
    meta = json.loads(json.dumps(f.state_.meta()))
    meta["static"]["codes"][2] = [2]  # the network embeds categories 0 and 1
    with pytest.raises(RnncastError, match=r"static category codes are not 3 x 1 codes of known categories"):
        FittedState.read(meta, f.net_.spec, "the folder")
    meta = json.loads(json.dumps(f.state_.meta()))
    meta["static"]["encoder"]["vocab"] = [["a", "a"]]
    with pytest.raises(RnncastError, match=r"the static encoder has 1 vocabularies .* distinct labels"):
        FittedState.read(meta, f.net_.spec, "the folder")
