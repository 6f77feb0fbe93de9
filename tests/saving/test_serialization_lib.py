"""Keras 3 object schema: plain values, special entries, functions, registry resolution."""
import json

import numpy as np
import pytest

from cornu import backend, ops
from cornu.saving import object_registration, serialization_lib
from cornu.saving.serialization_lib import deserialize_keras_object, serialize_keras_object


class _Config:
    """A minimal serializable object (registered per test)."""

    def __init__(self, factor=1.0, inner=None):
        self.factor = factor
        self.inner = inner

    def get_config(self):
        return {"factor": self.factor, "inner": serialize_keras_object(self.inner)}

    @classmethod
    def from_config(cls, config):
        config = dict(config)
        config["inner"] = deserialize_keras_object(config.get("inner"))
        return cls(**config)


def _round_trip(value):
    return deserialize_keras_object(json.loads(json.dumps(serialize_keras_object(value))))


def test_plain_values_keep_their_shape():
    value = {"a": 1, "b": [1.5, "x", None, True], "c": (1, 2), "d": {"e": np.float32(2.5)}}
    serialized = serialize_keras_object(value)
    assert serialized == {"a": 1, "b": [1.5, "x", None, True], "c": [1, 2], "d": {"e": 2.5}}
    assert isinstance(serialized["d"]["e"], float)
    assert serialize_keras_object(np.int64(3)) == 3 and isinstance(
        serialize_keras_object(np.int64(3)), int)


def test_special_entries_round_trip():
    assert serialize_keras_object(b"abc") == {"class_name": "__bytes__",
                                              "config": {"value": "abc"}}
    assert _round_trip(b"abc") == b"abc"
    assert serialize_keras_object(slice(1, None, 2)) == {
        "class_name": "__slice__", "config": {"start": 1, "stop": None, "step": 2}}
    assert _round_trip(slice(1, None, 2)) == slice(1, None, 2)
    assert serialize_keras_object(Ellipsis) == {"class_name": "__ellipsis__", "config": {}}
    assert _round_trip(Ellipsis) is Ellipsis
    array = np.arange(6, dtype="int32").reshape(2, 3)
    entry = serialize_keras_object(array)
    assert entry == {"class_name": "__numpy__",
                     "config": {"value": [[0, 1, 2], [3, 4, 5]], "dtype": "int32"}}
    restored = _round_trip(array)
    assert restored.dtype == np.int32
    np.testing.assert_array_equal(restored, array)


def test_tensor_entry_round_trip():
    tensor = ops.convert_to_tensor(np.array([1.0, 2.0], dtype="float32"))
    entry = serialize_keras_object(tensor)
    assert entry["class_name"] == "__tensor__"
    assert entry["config"] == {"value": [1.0, 2.0], "dtype": "float32"}
    restored = _round_trip(tensor)
    assert backend.is_tensor(restored)
    np.testing.assert_array_equal(backend.convert_to_numpy(restored), [1.0, 2.0])


def test_keras_tensor_entry():
    tensor = backend.KerasTensor((None, 3), dtype="float32")
    entry = serialize_keras_object(tensor)
    assert entry == {"class_name": "__keras_tensor__",
                     "config": {"shape": [None, 3], "dtype": "float32", "keras_history": None}}
    restored = _round_trip(tensor)
    assert restored.shape == (None, 3) and restored.dtype == "float32"


def test_registered_class_schema_and_round_trip():
    registered = object_registration.register_keras_serializable(package="tests_pkg")(_Config)
    obj = registered(factor=3.0)
    entry = serialize_keras_object(obj)
    assert entry["class_name"] == "_Config"
    assert entry["registered_name"] == "tests_pkg>_Config"
    assert entry["module"] == _Config.__module__
    assert entry["config"] == {"factor": 3.0, "inner": None}
    restored = _round_trip(obj)
    assert isinstance(restored, _Config) and restored.factor == 3.0
    assert object_registration.get_registered_name(_Config) == "tests_pkg>_Config"
    assert object_registration.get_registered_object("tests_pkg>_Config") is _Config


def test_unregistered_class_needs_custom_objects():
    class Local:
        def __init__(self, units=1):
            self.units = units

        def get_config(self):
            return {"units": self.units}

        @classmethod
        def from_config(cls, config):
            return cls(**config)

    entry = json.loads(json.dumps(serialize_keras_object(Local(4))))
    assert entry["registered_name"] == "Local"
    with pytest.raises(TypeError, match="Could not locate class 'Local'"):
        deserialize_keras_object(entry)
    assert deserialize_keras_object(entry, custom_objects={"Local": Local}).units == 4
    with object_registration.custom_object_scope({"Local": Local}):
        assert deserialize_keras_object(entry).units == 4


def test_register_requires_get_config():
    class NoConfig:
        pass

    with pytest.raises(ValueError, match="get_config"):
        object_registration.register_keras_serializable()(NoConfig)


def test_registered_function_round_trip():
    def double(x):
        return 2 * x

    object_registration.register_keras_serializable(package="tests_pkg")(double)
    entry = serialize_keras_object(double)
    assert entry == {"module": "builtins", "class_name": "function",
                     "config": "tests_pkg>double", "registered_name": "function"}
    assert deserialize_keras_object(entry) is double


def test_builtin_function_names_resolve():
    relu = deserialize_keras_object({"module": "builtins", "class_name": "function",
                                     "config": "relu", "registered_name": "function"})
    from cornu import activations

    assert relu is activations.relu
    assert serialize_keras_object(activations.relu)["config"] == "relu"


def test_shared_objects_share_on_load():
    inner = _Config(factor=5.0)
    object_registration.register_keras_serializable(package="tests_pkg")(_Config)
    with serialization_lib.ObjectSharingScope():
        entry = serialize_keras_object([_Config(inner=inner), _Config(inner=inner)])
    entry = json.loads(json.dumps(entry))
    assert entry[0]["config"]["inner"]["shared_object_id"] == entry[1]["config"]["inner"][
        "shared_object_id"]
    with serialization_lib.SharedObjectLoadingScope():
        first, second = deserialize_keras_object(entry)
    assert first.inner is second.inner and first.inner.factor == 5.0
    # Outside a loading scope (or with an odd id) each entry builds its own object.
    first, second = deserialize_keras_object(entry)
    assert first.inner is not second.inner


def test_safe_mode_scope_wins_over_nested_argument():
    payload = {"class_name": "__lambda__", "config": {"code": "AA==", "defaults": None,
                                                      "closure": None}}
    with serialization_lib.SafeModeScope(True):
        with pytest.raises(ValueError, match="lambda"):
            deserialize_keras_object(payload, safe_mode=False)
    assert serialization_lib.in_safe_mode()


def test_bad_types_give_clear_errors():
    with pytest.raises(TypeError, match="set"):
        deserialize_keras_object({1, 2})
    with pytest.raises(TypeError, match="get_config"):
        serialize_keras_object(object())
    with pytest.raises(TypeError, match="class_name"):
        deserialize_keras_object({"class_name": 5, "config": {}})


def test_odd_shared_object_ids_are_ignored():
    object_registration.register_keras_serializable(package="tests_pkg")(_Config)
    entry = json.loads(json.dumps(serialize_keras_object(_Config(factor=2.0))))
    for odd in ([1, 2], {"a": 1}, None, True, 1.5):
        with serialization_lib.SharedObjectLoadingScope():
            first, second = deserialize_keras_object([dict(entry, shared_object_id=odd)] * 2)
        assert first is not second and first.factor == 2.0
