"""`lazy_exports`: package attributes resolved on first access."""
import sys
import types

import pytest

from cornu.utils.lazy_exports import lazy_exports


def test_resolves_names_and_submodules_and_caches(monkeypatch):
    package = types.ModuleType("fake_lazy_pkg")
    package.__path__ = []
    package.__all__ = ["dumps", "sub"]
    submodule = types.ModuleType("fake_lazy_pkg.sub")
    monkeypatch.setitem(sys.modules, "fake_lazy_pkg", package)
    monkeypatch.setitem(sys.modules, "fake_lazy_pkg.sub", submodule)
    package.__getattr__, package.__dir__ = lazy_exports(
        "fake_lazy_pkg", {"dumps": ("json", "dumps")}, ("sub",))

    import json

    assert package.dumps is json.dumps
    assert vars(package)["dumps"] is json.dumps  # cached: no second __getattr__ call
    assert package.sub is submodule
    assert {"dumps", "sub"} <= set(package.__dir__())
    with pytest.raises(AttributeError, match="module 'fake_lazy_pkg' has no attribute 'nope'"):
        package.nope


def test_cornu_packages_use_it():
    import cornu.preprocessing
    import cornu.utils

    assert callable(cornu.utils.to_categorical)
    assert cornu.preprocessing.sequence.__name__ == "cornu.preprocessing.sequence"
    with pytest.raises(AttributeError, match="module 'cornu.utils' has no attribute 'nope'"):
        cornu.utils.nope
