"""The package itself (``__init__.py``): its public names, loaded when first used (PEP 562)."""

from __future__ import annotations

import subprocess
import sys

import pytest

import rnncast


def test_dir_offers_the_public_names_and_the_modules_the_readme_uses():
    names = dir(rnncast)
    for name in (*rnncast.__all__, "datasets", "metrics", "config", "export"):
        assert name in names
    assert not [name for name in names if name in ("__main__", "checkedcalls")]  # no internal module offered


def test_submodules_are_imported_on_first_use_and_import_rnncast_stays_light():
    code = (
        "import sys, rnncast\n"
        "heavy = [m for m in ('torch', 'pandas', 'rnncast.datasets', 'rnncast.metrics') if m in sys.modules]\n"
        "assert not heavy, heavy\n"
        "assert rnncast.metrics.mse([1.0], [1.0]) == 0.0\n"
        "assert len(rnncast.datasets.sine_wave()) > 0\n"
        "assert rnncast.config.PRESETS\n"
        "assert 'torch' not in sys.modules, 'datasets, metrics or config imported torch'\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_a_name_that_is_neither_a_public_name_nor_a_module_is_an_attribute_error():
    with pytest.raises(AttributeError, match="no attribute 'nonesuch'"):
        rnncast.nonesuch
    with pytest.raises(AttributeError, match="no attribute '__main__'"):
        rnncast.__main__  # would run the command line
    assert not hasattr(rnncast, "_private")


def test_the_export_module_the_readme_names_is_offered_by_dir_and_holds_its_public_names():
    """A tester looking for the ONNX export in dir(rnncast) found nothing (t35t5): the README's `rnncast.export` is
    offered, its function and result type reached there, and import rnncast still loads no exporter (decision 1880)."""
    code = (
        "import sys, rnncast\n"
        "assert 'export' in dir(rnncast) and 'rnncast.export' not in sys.modules\n"
        "from rnncast.export import Exported, export_onnx\n"
        "assert rnncast.export.export_onnx is export_onnx and rnncast.export.Exported is Exported\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
