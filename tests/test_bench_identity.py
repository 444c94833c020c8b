"""What a benchmark file is (``bench/identity.py``): the known table it holds, told by content and not by
its name, the line the command prints about it, and the file's identity (absolute path, digest). On tables
built from the signatures, so no data file is needed; the real files are test_bench_tables.py's and
test_bench_cli.py's."""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import replace
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from rnncast.bench import cli, identity, results
from rnncast.bench.published import SIGNATURES
from rnncast.bench.tablefile import Table


def _as_released(known: str, name: str, seed: int = 0) -> Table:
    """A table shaped as ``known``'s release, its first and last rows those of the signature (and its other
    values not: :func:`_registered` makes it the known table)."""
    signature = SIGNATURES[known]
    values = np.random.default_rng(seed).normal(size=(signature.rows, len(signature.columns)))
    values[0], values[-1] = signature.first, signature.last
    return Table(name, values, list(signature.columns), "date", "OT")


def _registered(monkeypatch, known: str, name: str) -> Table:
    """A table of ``known``'s shape, first and last rows, recorded as ``known``'s release (its digest in SIGNATURES)."""
    table = _as_released(known, name)
    monkeypatch.setitem(SIGNATURES, known, replace(SIGNATURES[known], digest=identity.digest(table)))
    return table


def test_a_known_table_is_recognised_by_every_value_whatever_the_file_is_called(monkeypatch):
    released = _registered(monkeypatch, "exchange_rate", "exchange_rate")
    for name in ("exchange_rate", "rates (1)", "EXCHANGE_RATE"):
        found = identity.recognise(replace(released, name=name))
        assert (found.known, found.dataset, found.protocol, found.by_name, found.near) == (
            "exchange_rate", "exchange_rate", "custom", False, None)
    ett = _registered(monkeypatch, "ETTh1", "ETTh1 (1)")
    found = identity.recognise(ett)
    assert (found.dataset, found.protocol) == ("ETTh1", "ett")
    assert identity.note(found, "ETTh1 (1).csv", "ett") == (
        "ETTh1 (1).csv holds the ETT ETTh1 table, recognised by its columns and every value: run as ETTh1")
    assert identity.note(identity.recognise(replace(ett, name="ETTh1")), "ETTh1.csv", "ett") == ""  # nothing to say


def test_one_value_changed_inside_is_a_near_miss_run_as_a_table_of_its_own(monkeypatch):
    """The shape and the first and last rows are a pre-filter only: one value changed inside, or every inside row
    replaced, and the table is not the released one; the line says so, and how to take ETT's borders anyway."""
    released = _registered(monkeypatch, "ETTh1", "ETTh1_midbig")
    changed = replace(released, values=released.values.copy())
    changed.values[5000, -1] += 100
    walk = replace(released, values=released.values.copy())
    walk.values[1:-1] = np.random.default_rng(9).normal(size=(17418, 7)).cumsum(axis=0)
    for table in (changed, walk):
        found = identity.recognise(table)
        assert (found.known, found.near, found.dataset, found.protocol) == (None, "ETTh1", "ETTh1_midbig", None)
    assert identity.note(identity.recognise(changed), "ETTh1_midbig.csv", "custom") == (
        "ETTh1_midbig.csv has the columns, rows and first and last rows of the ETT ETTh1 table but not all its values: "
        "run as a table of its own under the custom protocol; published rows are for the released file; "
        "--protocol ett runs it under ETT's borders (from its time column's step)")
    assert identity.note(identity.recognise(changed), "x.csv", "ett").endswith(
        "run as a table of its own under the ett protocol as asked; published rows are for the released file")
    ili = _registered(monkeypatch, "national_illness", "ili")
    ili.values[400, 2] += 1
    assert identity.recognise(ili).near == "national_illness"
    assert "--protocol ett" not in identity.note(identity.recognise(ili), "ili.csv", "custom")  # not an ETT table


def test_a_copy_of_an_ett_table_cut_to_its_first_rows_or_to_its_ot_column_points_to_the_ett_protocol():
    """ETTh1 cut to the protocol's 14,400 rows, or to its OT column, ran silently under the custom 70/10/20 split
    (Repeat 0.0785 / 0.1318 where the ETT split gives 0.0693): nothing pointed to --protocol ett."""
    ett = _as_released("ETTh1", "ETTh1_cut")
    cut = replace(ett, values=ett.values[:14400])
    ot = Table("ETTh1_OT", ett.values[:, -1:], ["OT"], "date", "OT")
    hint = ("its first row is that of ETTh1 and ETTm1 (a copy cut to fewer rows or columns?): --protocol ett runs the "
            "published split (ETT's borders, from its time column's step)")
    for table in (cut, ot):
        found = identity.recognise(table)
        assert (found.known, found.near, found.starts) == (None, None, ("ETTh1", "ETTm1"))
        assert identity.note(found, f"{table.name}.csv", "custom") == (
            f"{table.name}.csv holds none of the known tables: run as a table of its own under the custom protocol; "
            + hint)
        assert identity.note(found, f"{table.name}.csv", "ett") == ""  # asked for: nothing to point to
    named = identity.note(identity.recognise(replace(cut, name="ETTh1")), "ETTh1.csv", "custom")
    assert named.startswith("ETTh1.csv is not the ETT ETTh1 table (14400 rows") and named.endswith(hint)
    other = replace(cut, values=cut.values + 1.0)  # another first row: a table of its own, nothing to say
    assert identity.recognise(other).starts == () and identity.note(identity.recognise(other), "x.csv", "custom") == ""
    columns = Table("mine", ett.values[:100, :1], ["load"], "date", "load")  # a column ETT does not have
    assert identity.recognise(columns).starts == ()


def test_the_digest_is_of_the_numbers_not_of_how_they_are_written():
    """float32 or float64, written with 3 decimals or 17 digits, the same numbers give one digest; a change
    beyond 7 significant digits (or 1e-6) gives another, as do other column names."""
    values = np.random.default_rng(1).uniform(0, 50, size=(300, 3)).round(3)
    values[:5, 0] = [0.0, -0.0, 1e-9, 9.9999999, 10.0]
    table = Table("t", values, ["a", "b", "OT"], "date", "OT")
    digest = identity.digest(table)
    assert identity.digest(replace(table, values=values.astype(np.float32).astype(np.float64))) == digest
    assert identity.digest(replace(table, values=np.array([[float(f"{v:.17g}") for v in row] for row in values]))) == digest
    for changed in (values + np.eye(300, 3) * 1e-4, values * 1.001):
        assert identity.digest(replace(table, values=changed)) != digest
    assert identity.digest(replace(table, columns=["a", "c", "OT"])) != digest


def test_a_file_named_like_a_known_table_that_holds_another_is_a_table_of_its_own():
    own = Table("exchange_rate", np.zeros((1000, 2)), ["a", "OT"], "date", "OT")
    found = identity.recognise(own)
    assert (found.known, found.dataset, found.protocol) == (None, "exchange_rate", None)
    assert identity.note(found, "exchange_rate.csv", "custom") == (
        "exchange_rate.csv is not the LTSF Exchange table (1000 rows × 2 columns, the published one has 7588 × 8): "
        "no published rows compared, the custom protocol's defaults used")
    changed = _as_released("national_illness", "national_illness")
    changed.values[-1, -1] *= 1.01  # one value of the last row, 1 % off
    found = identity.recognise(changed)
    assert found.known is None and "other values in its first or last row" in found.differs
    renamed_columns = Table("ETTh1", _as_released("ETTh1", "x").values, list("abcdefg"), "date", "g")
    assert "columns a, b, c" in identity.recognise(renamed_columns).differs
    assert identity.note(identity.recognise(Table("sales", np.zeros((9, 1)), ["OT"], None, "OT")), "sales.csv",
                         "custom") == ""  # a table of one's own under a name of its own


def test_a_shape_alone_claims_no_table_the_name_and_shape_do_and_say_so():
    """ETTh2's values are not recorded: an ETT-shaped table that is not ETTh1 is ETTh2 only when named so (any
    case), said as known by its name and shape only; under another name it is a table of its own, and the line
    says whose shape it has and how to name it. The same for Weather's 52696 × 21."""
    table = _as_released("ETTh1", "walk", seed=1)
    table.values[0] += 1.0
    found = identity.recognise(table)
    assert (found.known, found.shaped, found.dataset, found.protocol) == (None, "ETTh2", "walk", None)
    assert identity.note(found, "walk.csv", "custom") == (
        "walk.csv has the shape of the ETT ETTh2 table (17420 rows × 7 columns, its column names), whose values are not "
        "stored here to check: run as a table of its own under the custom protocol; a file of this shape named "
        "ETTh2.csv (any case) is taken for that table; --protocol ett runs it under ETT's borders (from its time "
        "column's step)")
    for name in ("ETTh2", "etth2"):
        found = identity.recognise(replace(table, name=name))
        assert (found.known, found.by_name, found.protocol) == ("ETTh2", True, "ett")
        assert identity.note(found, f"{name}.csv.gz", "ett") == (
            f"{name}.csv.gz is taken for the ETT ETTh2 table, recognised by its name and shape only (17420 rows × 7 "
            "columns, its column names): its values are not stored here to check")
    weather = Table("w", np.zeros((52696, 21)), [str(i) for i in range(20)] + ["OT"], "date", "OT")
    assert (identity.recognise(weather).known, identity.recognise(weather).shaped) == (None, "weather")
    assert "(52696 rows × 21 columns)" in identity.note(identity.recognise(weather), "w.csv", "custom")
    assert identity.recognise(replace(weather, name="Weather")).known == "weather"


def test_the_source_is_the_absolute_path_as_given_and_a_digest_of_the_bytes(tmp_path, monkeypatch):
    (tmp_path / "data.csv").write_bytes(b"date,OT\n2020-01-01,1\n")
    monkeypatch.chdir(tmp_path)
    source = identity.source_of("data.csv")
    assert source.path == os.path.join(str(tmp_path), "data.csv")
    assert source.sha256 == hashlib.sha256(b"date,OT\n2020-01-01,1\n").hexdigest()  # what sha256sum prints
    assert source.same_bytes(source.sha256) and source.same_bytes(source.sha256[:12])  # rows before decision 1731
    assert not source.same_bytes("") and not source.same_bytes("0" * 12)
    os.symlink(tmp_path / "data.csv", tmp_path / "link.csv")
    linked = identity.source_of("link.csv")
    assert linked.path.endswith("link.csv") and linked.sha256 == source.sha256  # the name given, the same bytes


# --------------------------------------------------------------------------------------------
# The command: what it prints and writes (real tables from shared/data, skipped when absent)
# --------------------------------------------------------------------------------------------


def _real(folder: str, name: str) -> Path:
    path = Path(__file__).resolve().parents[2] / "shared" / "data" / folder / name
    if not path.is_file():
        pytest.skip(f"{path} is absent")
    return path


def _walk(path: Path, rows: int = 1000) -> None:
    """A random walk of ``rows`` days in two columns, a table of one's own."""
    steps = np.random.default_rng(3).normal(size=(rows, 2)).cumsum(axis=0)
    days = pd.date_range("2000-01-01", periods=rows, freq="D").strftime("%Y-%m-%d")
    pd.DataFrame({"date": days, "a": steps[:, 0], "OT": steps[:, 1]}).to_csv(path, index=False)


def _bench(*argv: str) -> int:
    return cli.main(["ltsf", *argv, "--horizons", "96", "--no-plots"])


def test_a_table_of_ones_own_named_exchange_rate_is_not_compared_with_the_published_rows(tmp_path, capsys):
    path, out = tmp_path / "exchange_rate.csv", tmp_path / "out"
    _walk(path)
    assert _bench("--data", str(path), "--mode", "M", "--models", "repeat,nlinear", "--drop-last", "recipe",
                  "--out", str(out)) == 0
    printed = capsys.readouterr().out.splitlines()
    assert printed[0] == ("exchange_rate.csv is not the LTSF Exchange table (1000 rows × 2 columns, the published "
                          "one has 7588 × 8): no published rows compared, the custom protocol's defaults used")
    assert printed[2] == ("no LTSF-Linear script for exchange_rate: nlinear train with batch 32 and learning rate "
                          "0.005; --drop-last recipe scores the first floor(n/32)*32 test windows, ETTh1's values")
    rows = results.read_csv(out / "results.csv")
    assert {(r["known_table"], r["data_file"], r["windows"]) for r in rows} == {("no", str(path), str(96))}
    assert json.loads(rows[1]["settings"])["batch_size"] == 32  # not Exchange's 8
    md = (out / "results.md").read_text()
    assert "*0.081/" not in md and "is not the LTSF Exchange table" in md and "B = 32, ETTh1's batch" in md


def test_a_renamed_known_table_runs_as_itself(tmp_path, capsys):
    """ETTh1 copied as 'ETTh1 (1).csv' and as etth1.csv: the ETT protocol, Repeat's published 0.069, the
    published rows beside it; bench ett takes it too."""
    for name, benchmark in (("ETTh1 (1).csv", "ltsf"), ("etth1.csv", "ett")):
        path, out = tmp_path / name, tmp_path / f"out-{benchmark}"
        path.symlink_to(_real("ETT", "ETTh1.csv"))
        assert cli.main([benchmark, "--data", str(path), "--models", "repeat", "--horizons", "96", "--no-plots",
                         "--out", str(out)]) == 0
        assert capsys.readouterr().out.startswith(f"{name} holds the ETT ETTh1 table, recognised by its columns")
        (row,) = results.read_csv(out / "results.csv")
        assert (row["dataset"], row["protocol"], row["known_table"], round(float(row["mse"]), 3)) == (
            "ETTh1", "ett", "yes", 0.069)
        assert "*0.053/0.177*" in (out / "results.md").read_text()


def test_a_renamed_exchange_table_takes_its_recipe(tmp_path, capsys):
    path, out = tmp_path / "rates.csv", tmp_path / "out"
    path.symlink_to(_real("LTSF", "exchange_rate.csv"))
    assert _bench("--data", str(path), "--mode", "M", "--models", "repeat", "--drop-last", "recipe",
                  "--out", str(out)) == 0
    assert "no LTSF-Linear script" not in capsys.readouterr().out
    (row,) = results.read_csv(out / "results.csv")
    assert (row["dataset"], row["windows"], round(float(row["mse"]), 3)) == ("exchange_rate", str(1422 // 8 * 8), 0.081)


def test_another_file_of_the_same_name_is_refused_and_the_same_appended(tmp_path, capsys):
    """Two data.csv of other folders into one --out: the second is refused in one line naming both; the first
    again appends and says so."""
    (tmp_path / "A").mkdir(), (tmp_path / "B").mkdir()
    _walk(tmp_path / "A" / "data.csv", 1000)
    _walk(tmp_path / "B" / "data.csv", 1001)
    out = tmp_path / "out"
    assert _bench("--data", str(tmp_path / "A" / "data.csv"), "--models", "repeat", "--out", str(out)) == 0
    capsys.readouterr()
    assert _bench("--data", str(tmp_path / "B" / "data.csv"), "--models", "repeat", "--out", str(out)) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and f"holds rows of {tmp_path / 'A' / 'data.csv'} (sha256 " in err
    assert f"not of {tmp_path / 'B' / 'data.csv'} (sha256 " in err and "choose another --out" in err
    assert _bench("--data", str(tmp_path / "A" / "data.csv"), "--models", "repeat", "--out", str(out)) == 0
    assert "appending to results.csv: 1 row of earlier runs" in capsys.readouterr().out
    assert len(results.read_csv(out / "results.csv")) == 2


def test_the_recorded_digests_are_those_of_the_files_and_of_their_copies(tmp_path):
    """SIGNATURES' digests are the shared/data files' (read here); a gzip, TSV or Parquet copy of the same numbers is
    the same table, one value changed inside is not."""
    from rnncast.bench.tablefile import read_table

    for folder, name in (("ETT", "ETTh1"), ("ETT", "ETTm1"), ("LTSF", "exchange_rate"), ("LTSF", "national_illness")):
        path = _real(folder, f"{name}.csv")
        assert identity.digest(read_table(path)) == SIGNATURES[name].digest
    frame = pd.read_csv(_real("ETT", "ETTh1.csv"))
    frame.to_csv(tmp_path / "a.csv.gz", index=False)
    frame.to_csv(tmp_path / "b.tsv", sep="\t", index=False)
    frame.to_parquet(tmp_path / "c.parquet", index=False)
    for copy in ("a.csv.gz", "b.tsv", "c.parquet"):
        assert identity.recognise(read_table(tmp_path / copy)).known == "ETTh1"
    frame.loc[5000, "OT"] += 100
    frame.to_csv(tmp_path / "d.csv", index=False)
    assert identity.recognise(read_table(tmp_path / "d.csv")).near == "ETTh1"


def test_etth1_with_one_value_changed_runs_as_a_table_of_its_own(tmp_path, capsys):
    """The tester's ETTh1_midbig.csv: no longer 'holds the ETT ETTh1 table', the custom protocol, known_table=no, no
    published rows in results.md."""
    frame = pd.read_csv(_real("ETT", "ETTh1.csv"))
    frame.loc[5000, "OT"] += 100
    path, out = tmp_path / "ETTh1_midbig.csv", tmp_path / "out"
    frame.to_csv(path, index=False)
    assert _bench("--data", str(path), "--models", "repeat", "--out", str(out)) == 0
    assert capsys.readouterr().out.startswith(
        "ETTh1_midbig.csv has the columns, rows and first and last rows of the ETT ETTh1 table but not all its values: "
        "run as a table of its own under the custom protocol; published rows are for the released file; --protocol "
        "ett runs it under ETT's borders")
    (row,) = results.read_csv(out / "results.csv")
    assert (row["dataset"], row["protocol"], row["known_table"]) == ("ETTh1_midbig", "custom", "no")
    assert "*0.069/" not in (out / "results.md").read_text()


def test_an_ett_shaped_table_is_etth2_only_under_its_name(tmp_path, capsys):
    """ETTh1 rounded to one decimal (so not ETTh1, and of ETTh2's shape): as walk.csv a table of its own under the
    custom protocol; as ETTh2.csv the ETTh2 table by name and shape, said, under ETT's borders with ETTh2's recipe."""
    frame = pd.read_csv(_real("ETT", "ETTh1.csv")).round(1)
    for name in ("walk.csv", "ETTh2.csv"):
        frame.to_csv(tmp_path / name, index=False)
        out = tmp_path / f"out-{name}"
        assert _bench("--data", str(tmp_path / name), "--models", "repeat", "--drop-last", "recipe",
                      "--out", str(out)) == 0
        printed = capsys.readouterr().out
        (row,) = results.read_csv(out / "results.csv")
        if name == "walk.csv":
            assert printed.startswith("walk.csv has the shape of the ETT ETTh2 table (17420 rows × 7 columns, its column "
                                      "names), whose values are not stored here to check: run as a table of its own")
            assert (row["dataset"], row["protocol"], row["known_table"]) == ("walk", "custom", "no")
        else:
            assert printed.startswith("ETTh2.csv is taken for the ETT ETTh2 table, recognised by its name and shape only")
            assert "no LTSF-Linear script" not in printed
            assert (row["dataset"], row["protocol"], row["known_table"], row["windows"]) == (
                "ETTh2", "ett", "yes", str((2880 - 96 + 1) // 32 * 32))
