"""The refusal of a file given to ``Forecaster.load`` where a model folder goes, said with the step from Python that
file calls for: a file of settings (a tune's best.toml, a TOML config) is trained first, a run's config.json is its
folder, and any other file (the data, say) is given to predict or evaluate (the command line's refusals are
``cli.misplaced``'s, with commands to run); and the refusal of a model folder that is not there (``not_found``)."""

from __future__ import annotations

from pathlib import Path

from rnncast.outputs import written_by_rnncast


def not_found(folder) -> str:
    """The one-line refusal of a model folder ``folder`` that is not there (``Forecaster.load``'s, and the command
    line's before torch loads: ``cli.misplaced.missing_paths``)."""
    return f"model folder not found: {folder} (expected a run directory or its model/ folder)"


def refusal(path: Path) -> str:
    """The one-line refusal of the file ``path`` given to ``Forecaster.load``."""
    if path.name == "config.json" and ((path.parent / "model").is_dir() or (path.parent / "model.json").is_file()):
        return f"{path} is a run's config, not a model folder; give its folder, Forecaster.load({str(path.parent)!r})"
    if path.suffix.lower() == ".toml":
        what = ("a tune's best settings (rnncast tune wrote it)" if path.name == "best.toml" and written_by_rnncast(path)
                else "a config file of settings")
        return (f"{path} is {what}, not a fitted model; train them first: settings, request = "
                f"rnncast.configfile.read_config({str(path)!r}); model = Forecaster(**settings).fit(data, "
                f"target=request['target']); model.save(FOLDER), then Forecaster.load(FOLDER)")
    return (f"{path} is a file, not a model folder: give a run directory (rnncast fit writes one) or its model/ "
            "folder; data is given to predict or evaluate")
