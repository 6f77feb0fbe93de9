"""clone_model: same architecture, fresh weights, for every kind of model."""
import numpy as np
import pytest

import cornu
from cornu import layers, ops


def numpy(x):
    return np.asarray(ops.convert_to_numpy(x))


def weights_differ(a, b):
    return any(not np.allclose(x, y) for x, y in zip(a.get_weights(), b.get_weights())
               if x.size > 1 and np.abs(x).sum() > 0)


def assert_same_function(original, clone, data):
    clone.set_weights(original.get_weights())
    np.testing.assert_allclose(numpy(clone(data)), numpy(original(data)), rtol=1e-5,
                               atol=1e-6)


def test_sequential_clone_has_fresh_weights_and_same_structure():
    model = cornu.Sequential([cornu.Input((3,)), layers.Dense(4, activation="relu"),
                              layers.Dense(2)], name="stack")
    clone = cornu.models.clone_model(model)
    assert isinstance(clone, cornu.Sequential) and clone.name == "stack"
    assert [type(l).__name__ for l in clone.layers] == ["Dense", "Dense"]
    assert all(a is not b for a, b in zip(clone.layers, model.layers))
    assert [tuple(w.shape) for w in clone.weights] == [tuple(w.shape) for w in model.weights]
    assert all(a is not b for a, b in zip(clone.weights, model.weights))
    assert weights_differ(model, clone)
    assert clone.layers[0].activation is model.layers[0].activation or \
        clone.layers[0].get_config()["activation"] == "relu"
    assert_same_function(model, clone, np.ones((2, 3), "float32"))


def test_unbuilt_sequential_clone_builds_later():
    model = cornu.Sequential([layers.Dense(4), layers.Dense(1)])
    clone = cornu.models.clone_model(model)
    assert not clone.built and clone.weights == []
    out = clone(np.ones((5, 7), "float32"))
    assert tuple(out.shape) == (5, 1)
    assert tuple(clone.weights[0].shape) == (7, 4)


def multi_io_model():
    a = cornu.Input((5,), name="a")
    b = cornu.Input((3,), name="b")
    shared = layers.Dense(3, name="shared")
    left = shared(layers.Dense(3, name="project")(a))
    right = shared(b)
    total = ops.add(left, right)
    first = layers.Dense(1, name="first")(total)
    second = layers.Dense(2, activation="softmax", name="second")(total)
    return cornu.Model({"a": a, "b": b}, {"first": first, "second": second}, name="multi")


def test_functional_clone_rebuilds_the_graph():
    model = multi_io_model()
    clone = cornu.models.clone_model(model)
    assert clone.name == "multi"
    assert [l.name for l in clone.layers] == [l.name for l in model.layers]
    assert all(a is not b for a, b in zip(clone.layers, model.layers))
    shared = clone.get_layer("shared")
    assert len(shared._inbound_nodes) == 2  # still called twice, one set of weights
    assert len(clone.weights) == len(model.weights) == 8
    assert weights_differ(model, clone)
    data = {"a": np.ones((2, 5), "float32"), "b": np.full((2, 3), 0.5, "float32")}
    clone.set_weights(model.get_weights())
    expected, got = model(data), clone(data)
    assert set(got) == {"first", "second"}
    for key in expected:
        np.testing.assert_allclose(numpy(got[key]), numpy(expected[key]), rtol=1e-5, atol=1e-6)


def test_clone_function_can_share_or_replace_layers():
    model = multi_io_model()
    shared = cornu.models.clone_model(model, clone_function=lambda layer: layer)
    assert all(a is b for a, b in zip(shared.weights, model.weights))

    def swap_activation(layer):
        config = layer.get_config()
        if layer.name == "second":
            config["activation"] = "sigmoid"
        return layer.__class__.from_config(config)

    changed = cornu.models.clone_model(model, clone_function=swap_activation)
    changed.set_weights(model.get_weights())
    data = {"a": np.ones((2, 5), "float32"), "b": np.zeros((2, 3), "float32")}
    probabilities = numpy(changed(data)["second"])
    assert not np.allclose(probabilities.sum(axis=1), 1.0)
    assert ((probabilities > 0) & (probabilities < 1)).all()


def test_call_function_wraps_each_layer_call():
    model = multi_io_model()
    calls = []

    def record(layer, *args, **kwargs):
        calls.append(layer.name)
        return layer(*args, **kwargs)

    cornu.models.clone_model(model, call_function=record)
    assert sorted(calls) == ["first", "project", "second", "shared", "shared"]


def test_input_tensors_replace_the_inputs():
    model = cornu.Sequential([cornu.Input((3,)), layers.Dense(2)])
    new_input = cornu.Input((3,), name="fresh")
    clone = cornu.models.clone_model(model, input_tensors=new_input)
    assert clone.inputs[0] is new_input

    functional = multi_io_model()
    a, b = cornu.Input((5,), name="a2"), cornu.Input((3,), name="b2")
    with pytest.warns(UserWarning, match="differs from the Input's name"):
        rebuilt = cornu.models.clone_model(functional, input_tensors=[a, b])
    assert rebuilt.inputs[0] is a and rebuilt.inputs[1] is b
    assert set(rebuilt.input) == {"a", "b"} and rebuilt.input["a"] is a
    with pytest.raises(ValueError, match="2 input"):
        cornu.models.clone_model(functional, input_tensors=[a])
    with pytest.raises(ValueError, match="symbolic tensors"):
        cornu.models.clone_model(functional, input_tensors=[a, np.ones((1, 3))])


def test_recursive_clones_nested_models_with_the_same_function():
    inner = cornu.Sequential([cornu.Input((3,)), layers.Dense(3, name="inner_dense")],
                             name="inner")
    x = cornu.Input((3,), name="x")
    outer = cornu.Model(x, layers.Dense(1, name="head")(inner(x)))
    seen = []

    def remember(layer):
        seen.append(layer.name)
        return layer.__class__.from_config(layer.get_config())

    cornu.models.clone_model(outer, clone_function=remember)
    assert "inner" in seen and "inner_dense" not in seen
    seen.clear()
    clone = cornu.models.clone_model(outer, clone_function=remember, recursive=True)
    assert "inner_dense" in seen and "inner" not in seen
    assert isinstance(clone.get_layer("inner"), cornu.Sequential)
    assert_same_function(outer, clone, np.ones((2, 3), "float32"))


@cornu.saving.register_keras_serializable(package="test_cloning")
class Scaled(cornu.Model):
    def __init__(self, units=3, scale=2.0, **kwargs):
        super().__init__(**kwargs)
        self.units = units
        self.scale = scale
        self.dense = layers.Dense(units)

    def call(self, inputs):
        return self.dense(inputs) * self.scale

    def get_config(self):
        return {**super().get_config(), "units": self.units, "scale": self.scale}


def test_subclassed_model_clone_through_config():
    model = Scaled(units=4, scale=3.0)
    model(np.ones((2, 5), "float32"))
    clone = cornu.models.clone_model(model)
    assert type(clone) is Scaled and clone.units == 4 and clone.scale == 3.0
    assert clone.built and [tuple(w.shape) for w in clone.weights] == [(5, 4), (4,)]
    assert weights_differ(model, clone)
    assert_same_function(model, clone, np.ones((2, 5), "float32"))
    with pytest.raises(ValueError, match="subclassed"):
        cornu.models.clone_model(model, clone_function=lambda layer: layer)


def test_bad_arguments():
    with pytest.raises(TypeError, match="expects a cornu Model"):
        cornu.models.clone_model(layers.Dense(2))
    model = cornu.Sequential([cornu.Input((3,)), layers.Dense(2)])
    with pytest.raises(TypeError, match="clone_function"):
        cornu.models.clone_model(model, clone_function="dense")
    with pytest.raises(ValueError, match="call_function"):
        cornu.models.clone_model(model, call_function=lambda layer, x: layer(x))
    with pytest.raises(TypeError, match="must return a layer"):
        cornu.models.clone_model(model, clone_function=lambda layer: None)
