"""The onnx and onnxruntime packages, imported for export, its check and ``--overwrite``'s look at an existing .onnx
file: a module of that name that is not the package (a user's own onnx.py in the working folder, which
``python -m rnncast`` puts first on Python's path, hides the installed one) is refused in one line naming its file,
before what it lacks fails deep inside PyTorch's exporter or makes a valid model read as "not ONNX"."""

from __future__ import annotations

import importlib
from pathlib import Path
from types import ModuleType

from rnncast.errors import RnncastError

EXPECTED = {"onnx": ("load_from_string", "ModelProto"), "onnxruntime": ("InferenceSession",)}  # every release has them


def imported(name: str) -> ModuleType:
    """The package ``name`` ("onnx" or "onnxruntime"), imported: ``ImportError`` where none is installed (the caller
    says how to install it), ``RnncastError`` where the module of that name lacks what the package always has."""
    module = importlib.import_module(name)
    if all(hasattr(module, attribute) for attribute in EXPECTED[name]):
        return module
    where = getattr(module, "__file__", None) or next(iter(getattr(module, "__path__", None) or []), None)
    if where is None:
        raise RnncastError(f"the module {name!r} is not the {name} package (it lacks {EXPECTED[name][0]}): "
                           f"pip install {name}")
    where = Path(where)
    kind = "a file" if where.name != "__init__.py" and where.suffix else "a folder"
    place = where.parent.parent if where.name == "__init__.py" else where.parent
    try:
        here = place.resolve() == Path.cwd().resolve()
    except OSError:
        here = False
    said = "in the working folder" if here else f"in {place}, which Python's path lists before the installed package,"
    raise RnncastError(f"the module {name!r} imported from {where} is not the {name} package ({kind} of that name "
                       f"{said} hides it): rename it")


def installed(name: str) -> bool:
    """Whether the package ``name`` is installed (imported: ``RnncastError`` where a module of that name is not it)."""
    try:
        imported(name)
    except ImportError:
        return False
    return True
