"""Registry: names, scopes and lookup order."""
import pytest

import cornu
from cornu.saving import object_registration as registration


def test_public_names_are_exported():
    for name in ("load_model", "save_model", "save_weights", "load_weights",
                 "register_keras_serializable", "get_registered_object", "get_registered_name",
                 "custom_object_scope", "CustomObjectScope", "serialize_keras_object",
                 "deserialize_keras_object"):
        assert callable(getattr(cornu.saving, name)), name


def test_register_with_explicit_name():
    @registration.register_keras_serializable(package="pkg_a", name="Renamed")
    class Thing:
        def get_config(self):
            return {}

    assert registration.get_registered_name(Thing) == "pkg_a>Renamed"
    assert registration.get_registered_object("pkg_a>Renamed") is Thing
    assert registration.get_custom_objects()["pkg_a>Renamed"] is Thing


def test_unregistered_name_falls_back_to_dunder_name():
    def helper():
        return None

    assert registration.get_registered_name(helper) == "helper"
    assert registration.get_registered_object("no_such_thing") is None


def test_scopes_nest_and_unwind():
    first, second = object(), object()
    with registration.custom_object_scope({"x": first}):
        assert registration.get_registered_object("x") is first
        with registration.CustomObjectScope({"x": second}, {"y": first}):
            assert registration.get_registered_object("x") is second
            assert registration.get_registered_object("y") is first
        assert registration.get_registered_object("x") is first
    assert registration.get_registered_object("x") is None


def test_lookup_order_scope_then_registry_then_arguments():
    marker = object()
    assert registration.get_registered_object("k", custom_objects={"k": marker}) is marker
    assert registration.get_registered_object("k", module_objects={"k": marker}) is marker
    other = object()
    with registration.custom_object_scope({"k": other}):
        assert registration.get_registered_object("k", custom_objects={"k": marker}) is other


def test_bad_arguments_are_explained():
    with pytest.raises(ValueError, match="package"):
        registration.register_keras_serializable(package="a>b")
    with pytest.raises(TypeError, match="dict"):
        registration.CustomObjectScope(["not", "a", "dict"])
