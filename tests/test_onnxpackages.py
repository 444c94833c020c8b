from __future__ import annotations

import sys
import types

import pytest

from rnncast import RnncastError
from rnncast.onnxpackages import imported


@pytest.mark.parametrize("name", ["onnx", "onnxruntime"])
def test_the_installed_packages_are_imported(name):
    assert imported(name) is __import__(name)


@pytest.mark.parametrize("name", ["onnx", "onnxruntime"])
def test_a_file_of_that_name_in_the_working_folder_is_named_with_what_to_do(tmp_path, monkeypatch, name):
    (tmp_path / f"{name}.py").write_text("# a user's own script\n")
    monkeypatch.delitem(sys.modules, name)  # restored at the end
    monkeypatch.syspath_prepend(str(tmp_path))  # as `python -m rnncast` puts the working folder first
    monkeypatch.chdir(tmp_path)
    with pytest.raises(RnncastError) as refused:
        imported(name)
    assert str(refused.value) == (f"the module '{name}' imported from {tmp_path / f'{name}.py'} is not the {name} "
                                  "package (a file of that name in the working folder hides it): rename it")


def test_a_folder_elsewhere_on_the_path_is_named_with_its_place(tmp_path, monkeypatch):
    (tmp_path / "lib" / "onnx").mkdir(parents=True)
    (tmp_path / "lib" / "onnx" / "__init__.py").write_text("")
    monkeypatch.delitem(sys.modules, "onnx")
    monkeypatch.syspath_prepend(str(tmp_path / "lib"))
    monkeypatch.chdir(tmp_path)
    with pytest.raises(RnncastError, match=r"^the module 'onnx' imported from .*__init__.py is not the onnx package "
                                           r"\(a folder of that name in .*lib, which Python's path lists before the "
                                           r"installed package, hides it\): rename it$"):
        imported("onnx")


def test_a_module_without_a_file_says_to_install_the_package(monkeypatch):
    monkeypatch.setitem(sys.modules, "onnxruntime", types.ModuleType("onnxruntime"))
    with pytest.raises(RnncastError, match=r"^the module 'onnxruntime' is not the onnxruntime package \(it lacks "
                                           r"InferenceSession\): pip install onnxruntime$"):
        imported("onnxruntime")


def test_no_package_is_an_import_error_for_the_caller_to_word(monkeypatch):
    monkeypatch.setitem(sys.modules, "onnx", None)
    with pytest.raises(ImportError):
        imported("onnx")


def test_installed_says_whether_a_package_is_there_and_refuses_a_module_that_is_not_it(monkeypatch):
    from rnncast.onnxpackages import installed

    assert installed("onnxruntime")
    monkeypatch.setitem(sys.modules, "onnxruntime", None)
    assert not installed("onnxruntime")
    monkeypatch.setitem(sys.modules, "onnxruntime", types.ModuleType("onnxruntime"))
    with pytest.raises(RnncastError, match="is not the onnxruntime package"):
        installed("onnxruntime")
