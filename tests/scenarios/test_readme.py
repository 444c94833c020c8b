"""Scenario: the README a newcomer reads first. It leads with what rnncast does and how to install
it; its ten-line Python example runs as written (on ``rnncast.datasets.monthly_sales``, no file needed); it
explains its words; its flag reference is the generated ``docs/cli.md``; its benchmark figures name
the record they come from and its date."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text()


def _python_blocks(text: str) -> list[str]:
    return re.findall(r"```python\n(.*?)```", text, flags=re.S)


def test_the_readme_leads_with_what_rnncast_does_and_the_install_line():
    head = README.split("\n## ", 2)
    assert "forecast time series" in head[0] and "baselines" in head[0]
    assert head[1].startswith("Install") and "pip install" in head[1] and "make demo" in head[1]
    assert re.search(r"takes about \d+ s", head[1]), "the expected demo time"


def test_the_first_python_example_is_ten_lines_and_runs_as_written(tmp_path, monkeypatch, capsys):
    example = _python_blocks(README)[0]
    lines = [line for line in example.splitlines() if line.strip()]
    assert len(lines) <= 10
    monkeypatch.chdir(tmp_path)  # an empty folder: the example reads no file (it began with a sales.csv no one had)
    namespace: dict = {}
    exec(compile(example, "README.md", "exec"), namespace)  # noqa: S102  the README's own code
    forecast = namespace["forecast"]
    assert len(forecast) == 6 and forecast.index[0] == pd.Timestamp("2022-01-01")  # the 6 months after the last row
    assert namespace["result"]["scored"]["part"] == "test"
    assert (tmp_path / "sales-model" / "weights.safetensors").is_file()
    assert "scored" in capsys.readouterr().out
    assert "datasets.monthly_sales().to_csv('sales.csv', index=False)" in " ".join(README.split())  # the commands' file
    assert "checkpoint.safetensors" in README.split("A run directory holds", 1)[1].split("\n\n", 1)[0]


def test_the_glossary_explains_the_words_the_library_uses():
    glossary = README.split("## Words used here", 1)[1].split("\n## ", 1)[0]
    for word in ("lookback", "horizon", "window", "panel", "past", "future", "static", "train", "validation",
                 "test", "baselines", "MASE", "verdict"):
        assert f"**{word}" in glossary or word in glossary, word


def test_the_flag_reference_is_the_generated_file_not_a_hand_kept_list():
    assert "docs/cli.md" in README and (ROOT / "docs" / "cli.md").is_file()
    assert "[--lookback 96]" not in README  # the old hand-written synopsis with wrong defaults


def test_every_benchmark_figure_names_its_record_and_date():
    section = README.split("## Benchmarks", 1)[1].split("\n## ", 1)[0]
    bullets = [b for b in section.split("\n- ")[1:]]
    assert bullets
    for bullet in bullets:
        if "results" in bullet or ".md" in bullet:
            assert re.search(r"20\d\d-\d\d-\d\d", bullet) or "check" in bullet, bullet[:80]
    for paragraph in section.split("\n\n"):
        if paragraph.startswith(("ETT with", "The `segrnn` preset")):
            assert re.search(r"recorded 20\d\d-\d\d-\d\d", paragraph), paragraph[:80]


OUTPUT_FLAGS = ("--out", "--by-series-csv", "--onnx")  # what a command writes, which later commands may read


def test_every_file_and_run_the_commands_read_is_made_by_a_recipe_or_a_command_before_it(tmp_path, monkeypatch):
    """The Commands block read stores.csv, new.csv and plans.csv and compared runs/sales-gru, none of which any step
    made: each file a command reads comes from the paragraph's recipes (run here) or an earlier command's output,
    and each run folder from an earlier fit, named runs/<data file's name>-<cell> as fit names it."""
    section = README.split("\n## Commands", 1)[1]
    intro, block = section.split("```sh\n", 1)
    block = block.split("```", 1)[0]
    monkeypatch.chdir(tmp_path)
    for recipe in re.findall(r'python -c "(.*?)"', intro, flags=re.S):  # inline, or a block's one line (decision 2083)
        exec(compile(" ".join(recipe.split()), "README.md", "exec"), {})  # noqa: S102  the README's own code
    made = {p.name for p in tmp_path.iterdir()}
    assert {"sales.csv", "stores.csv", "plans.csv"} <= made
    stores, plans = pd.read_csv("stores.csv", parse_dates=["ds"]), pd.read_csv("plans.csv", parse_dates=["ds"])
    assert {"store", "sales", "footfall", "price", "holiday"} <= set(stores.columns)  # the flags of its fit
    assert set(plans.columns) == {"store", "ds", "price", "holiday"} and set(plans.store) == set(stores.store)
    assert (plans.ds == stores.ds.max() + pd.Timedelta(days=1)).all()  # the day after the data: fit's horizon 1
    for line in block.splitlines():
        words = re.sub(r"\[.*?\]", "", line.split("  #", 1)[0]).split()  # optional parts left out
        if words[1] in ("demo", "bench"):  # no file of the reader's (bench: the shared data of a checkout)
            continue
        for i, word in enumerate(words[2:], 2):
            if words[i - 1] in OUTPUT_FLAGS:
                made.add(word)
            elif word.endswith(".csv") or word.startswith("runs/"):
                assert word in made, f"{word} in: {line}"
        if words[1] == "fit" and "--resume" not in words:
            cell = words[words.index("--cell") + 1] if "--cell" in words else "lstm"
            made.add(words[words.index("--out") + 1] if "--out" in words else f"runs/{Path(words[2]).stem}-{cell}")
    assert "runs/sales-gru" in made and "`runs/<data file's name>-<cell>`" in " ".join(intro.split())
