"""model.export() / cornu.export.load(): self-contained inference artifacts."""
import json
import os
import subprocess
import sys

import numpy as np
import pytest

import cornu
from cornu import layers, ops

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def numpy(x):
    return np.asarray(ops.convert_to_numpy(x))


def test_functional_dict_inputs_and_outputs_round_trip(tmp_path):
    a = cornu.Input((4,), name="a")
    b = cornu.Input((2,), name="b")
    hidden = layers.Dense(5, activation="tanh")(layers.Concatenate()([a, b]))
    model = cornu.Model({"a": a, "b": b},
                        {"score": layers.Dense(1, name="score")(hidden),
                         "probs": layers.Dense(3, activation="softmax", name="probs")(hidden)})
    path = tmp_path / "artifact"
    model.export(str(path), verbose=False)
    assert sorted(os.listdir(path)) == sorted(
        ["cornu_export.json", "weights.npz", json.load(open(path / "cornu_export.json"))["program"]])
    served = cornu.export.load(str(path))
    rng = np.random.default_rng(0)
    data = {"a": rng.normal(size=(7, 4)).astype("float32"),
            "b": rng.normal(size=(7, 2)).astype("float32")}
    expected = model(data)
    got = served.serve(data)
    assert set(got) == {"score", "probs"}
    for key in expected:
        np.testing.assert_allclose(numpy(got[key]), numpy(expected[key]), rtol=1e-5, atol=1e-6)
    by_keyword = served(a=data["a"], b=data["b"])
    np.testing.assert_allclose(numpy(by_keyword["probs"]), numpy(expected["probs"]), rtol=1e-5)
    with pytest.raises(ValueError, match=r"missing \['b'\]"):
        served.serve({"a": data["a"]})


def test_sequential_with_dropout_and_batchnorm_serves_inference_mode(tmp_path):
    model = cornu.Sequential([cornu.Input((6,)), layers.Dense(8), layers.BatchNormalization(),
                              layers.Dropout(0.5), layers.Dense(2)])
    model.compile(optimizer="sgd", loss="mse")
    rng = np.random.default_rng(1)
    x = rng.normal(size=(32, 6)).astype("float32")
    model.fit(x, rng.normal(size=(32, 2)).astype("float32"), epochs=1, verbose=0)
    expected = model.predict(x[:5], verbose=0)
    model.export(str(tmp_path / "seq"), verbose=False)
    served = cornu.export.load(str(tmp_path / "seq"))
    np.testing.assert_allclose(numpy(served(x[:5])), expected, rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(numpy(served(x[:5].astype("float64"))), expected, rtol=1e-5,
                               atol=1e-6)
    with pytest.raises(ValueError, match=r"expects shape \(None, 6\), received shape \(5, 4\)"):
        served(x[:5, :4])


CHILD = """
import sys
import numpy as np
import cornu
served = cornu.export.load(sys.argv[1])
x = np.load(sys.argv[2])
np.save(sys.argv[3], np.asarray(cornu.ops.convert_to_numpy(served.serve(x))))
"""


def test_subclassed_model_loads_in_a_process_without_its_class(tmp_path):
    class Scale(layers.Layer):
        def build(self, input_shape):
            self.factor = self.add_weight(shape=(input_shape[-1],), initializer="ones")

        def call(self, inputs):
            return inputs * self.factor + ops.mean(inputs, axis=-1, keepdims=True)

    class Net(cornu.Model):
        def __init__(self):
            super().__init__()
            self.scale = Scale()
            self.out = layers.Dense(3)

        def call(self, inputs, training=None):
            return self.out(ops.relu(self.scale(inputs)))

    model = Net()
    model(np.ones((4, 5), "float32"))
    model.scale.factor.assign(np.linspace(0.5, 2.0, 5).astype("float32"))
    x = np.random.default_rng(2).normal(size=(13, 5)).astype("float32")
    expected = numpy(model(x))
    model.export(str(tmp_path / "net"), verbose=False)
    np.save(tmp_path / "x.npy", x)
    env = dict(os.environ, PYTHONPATH=ROOT)
    child = subprocess.run(
        [sys.executable, "-c", CHILD, str(tmp_path / "net"), str(tmp_path / "x.npy"),
         str(tmp_path / "out.npy")], capture_output=True, text=True, env=env, cwd=tmp_path,
        timeout=300)
    assert child.returncode == 0, child.stderr[-2000:]
    np.testing.assert_allclose(np.load(tmp_path / "out.npy"), expected, rtol=1e-5, atol=1e-6)


def test_input_signature_for_integer_inputs(tmp_path):
    class Bag(cornu.Model):
        def __init__(self):
            super().__init__()
            self.embed = layers.Embedding(10, 4)

        def call(self, tokens):
            return ops.sum(self.embed(tokens), axis=1)

    model = Bag()
    tokens = np.array([[1, 2, 3], [4, 5, 9]], "int32")
    expected = numpy(model(tokens))
    signature = [cornu.KerasTensor((None, 3), dtype="int32")]
    model.export(str(tmp_path / "bag"), verbose=False, input_signature=signature)
    served = cornu.export.load(str(tmp_path / "bag"))
    assert served.input_specs[0]["dtype"] == "int32"
    np.testing.assert_allclose(numpy(served(tokens)), expected, rtol=1e-6)


def test_verbose_message_and_overwrite_is_atomic(tmp_path, capsys):
    model = cornu.Sequential([cornu.Input((3,)), layers.Dense(2)])
    path = tmp_path / "model"
    model.export(str(path))
    captured = capsys.readouterr()
    assert captured.out == ""
    out = captured.err
    assert f"Saved artifact at '{path}'" in out and "serve" in out and "(None, 3)" in out
    model.layers[0].kernel.assign(np.zeros((3, 2), "float32"))
    model.export(str(path), verbose=False)
    served = cornu.export.load(str(path))
    np.testing.assert_allclose(numpy(served(np.ones((2, 3), "float32"))), 0.0)
    assert sorted(os.listdir(tmp_path)) == ["model"]
    umask = os.umask(0)
    os.umask(umask)
    assert os.stat(path).st_mode & 0o777 == 0o777 & ~umask


def test_errors_are_clear(tmp_path):
    unbuilt = cornu.Sequential([layers.Dense(2)])
    with pytest.raises(ValueError, match="not built"):
        unbuilt.export(str(tmp_path / "x"))
    built = cornu.Sequential([cornu.Input((3,)), layers.Dense(2)])
    with pytest.raises(ValueError, match="unsupported format 'tf_saved_model'"):
        built.export(str(tmp_path / "x"), format="tf_saved_model")
    with pytest.raises(ValueError, match="not a cornu export"):
        cornu.export.load(str(tmp_path))
    built.export(str(tmp_path / "ok"), verbose=False)
    manifest_path = tmp_path / "ok" / "cornu_export.json"
    manifest = json.loads(manifest_path.read_text())
    other = "jax" if cornu.backend.backend() == "torch" else "torch"
    manifest["backend"] = other
    manifest_path.write_text(json.dumps(manifest))
    with pytest.raises(ValueError, match=f"CORNU_BACKEND={other}"):
        cornu.export.load(str(tmp_path / "ok"))
