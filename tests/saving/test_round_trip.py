"""cornu -> file -> cornu: identical predictions, optimizer state and next training step."""
import json
import os
import zipfile

import numpy as np
import pytest

import cornu
from cornu import layers
from cornu.saving import saving_api

from . import custom_classes  # noqa: F401  (registers cornu_test>Scale / Block)

RNG = np.random.default_rng(0)
X = RNG.normal(size=(8, 3)).astype("float32")
Y = RNG.normal(size=(8, 2)).astype("float32")


def _sequential(trained=False):
    cornu.utils.set_random_seed(1)
    model = cornu.Sequential([cornu.Input((3,)), layers.Dense(4, activation="relu"),
                              layers.Dense(2)], name="seq")
    # Eager steps keep the test fast on both backends (no jit compilation).
    model.compile(optimizer=cornu.optimizers.Adam(), loss="mse", metrics=["mae"],
                  run_eagerly=True)
    if trained:
        model.fit(X, Y, epochs=1, batch_size=4, verbose=0)
    return model


def _optimizer_state(model):
    return [np.asarray(cornu.ops.convert_to_numpy(v)) for v in model.optimizer.variables]


def _predict(model, x):
    out = model(x, training=False)
    if isinstance(out, dict):
        return {k: np.asarray(cornu.ops.convert_to_numpy(v)) for k, v in out.items()}
    return np.asarray(cornu.ops.convert_to_numpy(out))


def _next_loss(model):
    return float(np.asarray(model.train_on_batch(X, Y, return_dict=True)["loss"]))


@pytest.mark.parametrize("suffix", [".keras", ".h5"])
def test_whole_model_round_trip_continues_training(tmp_path, suffix):
    model = _sequential(trained=True)
    path = str(tmp_path / f"model{suffix}")
    model.save(path)
    restored = saving_api.load_model(path)
    np.testing.assert_allclose(_predict(restored, X), _predict(model, X),
                               atol=1e-7)
    for expected, got in zip(_optimizer_state(model), _optimizer_state(restored)):
        np.testing.assert_array_equal(expected, got)
    assert len(_optimizer_state(model)) == len(_optimizer_state(restored)) == 10
    assert _next_loss(restored) == pytest.approx(_next_loss(model), rel=1e-6)


def test_weights_round_trip(tmp_path):
    model = _sequential()
    path = str(tmp_path / "model.weights.h5")
    model.save_weights(path)
    fresh = cornu.Sequential([cornu.Input((3,)), layers.Dense(4, activation="relu"),
                              layers.Dense(2)])
    fresh.load_weights(path)
    np.testing.assert_allclose(_predict(fresh, X), _predict(model, X),
                               atol=1e-7)
    other = cornu.Sequential([cornu.Input((3,)), layers.Dense(5), layers.Dense(2)])
    with pytest.raises(ValueError, match=r"layers/dense.*\(3, 5\).*\(3, 4\)"):
        other.load_weights(path)


def test_archive_layout_matches_keras(tmp_path):
    model = _sequential()
    # A name given to compile() is still written as the full optimizer entry, like Keras.
    model.compile(optimizer="adam", loss="mse", metrics=["mae"], run_eagerly=True)
    path = str(tmp_path / "model.keras")
    model.save(path)
    with zipfile.ZipFile(path) as archive:
        infos = archive.infolist()
        assert [i.filename for i in infos] == ["metadata.json", "config.json",
                                               "model.weights.h5"]
        assert all(i.compress_type == zipfile.ZIP_STORED for i in infos)
        metadata = json.loads(archive.read("metadata.json"))
        config = json.loads(archive.read("config.json"))
    assert metadata["keras_version"] == "3.15.1" and "cornu_version" in metadata
    assert len(metadata["date_saved"]) == len("2026-11-22@06:40:52")
    assert (config["module"], config["class_name"], config["registered_name"]) == (
        "keras", "Sequential", None)
    dense = config["config"]["layers"][1]
    assert (dense["module"], dense["class_name"]) == ("keras.layers", "Dense")
    assert dense["config"]["kernel_initializer"]["module"] == "keras.initializers"
    assert dense["build_config"] == {"input_shape": [None, 3]}
    optimizer = config["compile_config"]["optimizer"]
    assert (optimizer["module"], optimizer["class_name"]) == ("keras.optimizers", "Adam")
    assert optimizer["config"]["beta_1"] == 0.9
    assert config["compile_config"]["loss"] == "mse"


def test_functional_round_trip_and_schema(tmp_path):
    in_a = cornu.Input((3,), name="in_a")
    in_b = cornu.Input((5,), name="in_b")
    shared = layers.Dense(4, activation="tanh", name="shared")
    merged = layers.Concatenate(name="concat")([shared(in_a), layers.Dense(4)(in_b)])
    model = cornu.Model({"in_a": in_a, "in_b": in_b},
                        {"out": layers.Dense(1, name="head")(merged)},
                        name="two")
    path = str(tmp_path / "functional.keras")
    model.save(path)
    config = json.loads(zipfile.ZipFile(path).read("config.json"))
    assert (config["module"], config["class_name"], config["registered_name"]) == (
        "keras.src.models.functional", "Functional", "Functional")
    restored = saving_api.load_model(path)
    inputs = {"in_a": RNG.normal(size=(2, 3)).astype("float32"),
              "in_b": RNG.normal(size=(2, 5)).astype("float32")}
    np.testing.assert_allclose(_predict(restored, inputs)["out"],
                               _predict(model, inputs)["out"], atol=1e-7)


def test_registered_custom_layer_and_subclassed_model(tmp_path):
    model = cornu.Sequential([cornu.Input((5,)), custom_classes.Block(3),
                              custom_classes.Scale(3.0), layers.Dense(1)], name="outer")
    path = str(tmp_path / "custom.keras")
    model.save(path)
    restored = saving_api.load_model(path)
    x = RNG.normal(size=(2, 5)).astype("float32")
    np.testing.assert_allclose(_predict(restored, x), _predict(model, x),
                               atol=1e-6)
    assert isinstance(restored.layers[0], custom_classes.Block)


def test_uncompiled_and_compile_false(tmp_path):
    model = _sequential()
    path = str(tmp_path / "model.keras")
    model.save(path)
    restored = saving_api.load_model(path, compile=False)
    assert not getattr(restored, "compiled", False)
    np.testing.assert_allclose(_predict(restored, X), _predict(model, X),
                               atol=1e-7)


def test_unzipped_folder_round_trip(tmp_path):
    model = _sequential()
    path = str(tmp_path / "model_dir")
    model.save(path, zipped=False)
    assert sorted(os.listdir(path)) == ["config.json", "metadata.json", "model.weights.h5"]
    restored = saving_api.load_model(path)
    np.testing.assert_allclose(_predict(restored, X), _predict(model, X),
                               atol=1e-7)


def test_bad_paths_give_clear_errors(tmp_path):
    model = _sequential()
    with pytest.raises(ValueError, match="Invalid filepath extension"):
        model.save(str(tmp_path / "model.bin"))
    with pytest.raises(FileNotFoundError, match="File not found"):
        saving_api.load_model(str(tmp_path / "missing.keras"))
    model.save_weights(str(tmp_path / "w.weights.h5"))
    with pytest.raises(ValueError, match="weights only"):
        saving_api.load_model(str(tmp_path / "w.weights.h5"))
    with pytest.raises(TypeError, match="filepath"):
        saving_api.load_model(3)


def test_seed_state_and_caches_are_not_saved(tmp_path):
    inputs = cornu.Input((3,))
    hidden = layers.Dropout(0.5)(layers.Dense(4)(inputs))
    model = cornu.Model(inputs, layers.Dense(2)(hidden))
    model.compile(optimizer=cornu.optimizers.SGD(momentum=0.9), loss="mse", run_eagerly=True)
    model.fit(X, Y, epochs=1, batch_size=4, verbose=0)
    path = str(tmp_path / "dropout.keras")
    model.save(path)
    import io

    import h5py

    with h5py.File(io.BytesIO(zipfile.ZipFile(path).read("model.weights.h5")), "r") as h5:
        assert len(h5["vars"]) == 0
        assert len(h5["layers/dropout/vars"]) == 0
        assert h5["layers/dropout/vars"].attrs["name"] == model.layers[2].name
        assert len(h5["optimizer/vars"]) == 2 + 4
    restored = saving_api.load_model(path)
    np.testing.assert_allclose(_predict(restored, X), _predict(model, X), atol=1e-7)


def _two_input_model():
    in_a, in_b = cornu.Input((3,), name="a"), cornu.Input((2,), name="b")
    shared = layers.Dense(4, name="shared")
    merged = layers.Concatenate()([shared(in_a), layers.Dense(4)(in_b)])
    model = cornu.Model([in_a, in_b], layers.Dense(1, name="head")(merged), name="legacy")
    model.compile(optimizer="sgd", loss="mse", run_eagerly=True)
    return model


def test_legacy_h5_functional_round_trip_and_keras_weights(tmp_path):
    model = _two_input_model()
    x = [RNG.normal(size=(2, 3)).astype("float32"), RNG.normal(size=(2, 2)).astype("float32")]
    model.fit(x, np.ones((2, 1), "float32"), verbose=0)
    import h5py

    path = str(tmp_path / "legacy.h5")
    model.save(path)
    with h5py.File(path, "r") as h5:
        config = json.loads(h5.attrs["model_config"])
        training = json.loads(h5.attrs["training_config"])
    assert "module" not in config and config["class_name"] == "Functional"
    assert all("module" not in layer for layer in config["config"]["layers"])
    assert training["optimizer_config"]["class_name"] == "SGD"
    restored = saving_api.load_model(path)
    np.testing.assert_allclose(_predict(restored, x), _predict(model, x), atol=1e-7)
    assert restored.optimizer is not None and int(restored.optimizer.iterations) == 1
    keras_path = str(tmp_path / "model.keras")
    model.save(keras_path)
    other = _two_input_model()
    other.load_weights(keras_path)
    np.testing.assert_allclose(_predict(other, x), _predict(model, x), atol=1e-7)
    assert int(other.optimizer.iterations) == 1
