import numpy as np
import pytest

import cornu as keras
from cornu import layers, ops


class MLP(keras.Model):
    def __init__(self, units=8, **kwargs):
        super().__init__(**kwargs)
        self.units = units
        self.hidden = layers.Dense(units, activation="relu")
        self.blocks = [layers.Dense(4), layers.Dense(3)]
        self.heads = {"out": layers.Dense(2)}
        self.dropout = layers.Dropout(0.5)

    def call(self, inputs, training=None):
        x = self.hidden(inputs)
        x = self.dropout(x, training=training)
        for block in self.blocks:
            x = block(x)
        return self.heads["out"](x)


def test_subclassed_tracks_attributes_lists_and_dicts():
    model = MLP()
    assert model.weights == []
    out = model(np.ones((2, 5), "float32"))
    assert tuple(out.shape) == (2, 2)
    assert len(model.layers) == 5
    assert len(model.trainable_weights) == 8
    assert model.count_params() == 5 * 8 + 8 + 8 * 4 + 4 + 4 * 3 + 3 + 3 * 2 + 2


def test_training_flag_propagates_to_nested_layers():
    model = MLP()
    x = np.ones((4, 5), "float32")
    a = ops.convert_to_numpy(model(x))
    b = ops.convert_to_numpy(model(x))
    np.testing.assert_allclose(a, b)  # inference: dropout is identity

    class Outer(keras.Model):
        def __init__(self):
            super().__init__()
            self.drop = layers.Dropout(0.999)

        def call(self, x):  # no training argument: the outer call's flag still reaches Dropout
            return self.drop(x)

    outer = Outer()
    trained = ops.convert_to_numpy(outer(np.ones((50, 50), "float32"), training=True))
    assert (trained == 0).mean() > 0.9
    np.testing.assert_allclose(ops.convert_to_numpy(outer(np.ones((3, 3), "float32"))), 1.0)


def test_trainable_false_freezes_sublayers():
    model = MLP()
    model(np.ones((1, 5), "float32"))
    model.trainable = False
    assert model.trainable_weights == [] and len(model.non_trainable_weights) == 8
    model.trainable = True
    assert len(model.trainable_weights) == 8


def test_build_with_shape_and_stateless_call_leaves_variables_alone():
    model = MLP()
    model.build((None, 5))
    assert model.built and len(model.weights) == 8
    trainable = [v.value * 0 for v in model.trainable_variables]
    non_trainable = [v.value for v in model.non_trainable_variables]
    before = model.get_weights()
    outputs, _ = model.stateless_call(trainable, non_trainable, np.ones((2, 5), "float32"))
    np.testing.assert_allclose(ops.convert_to_numpy(outputs), 0.0)
    for a, b in zip(before, model.get_weights()):
        np.testing.assert_array_equal(a, b)


def test_get_set_weights_order_and_errors():
    model = MLP()
    model(np.ones((1, 5), "float32"))
    weights = model.get_weights()
    assert [w.shape for w in weights][:2] == [(5, 8), (8,)]
    model.set_weights([w + 1 for w in weights])
    np.testing.assert_allclose(model.get_weights()[0], weights[0] + 1)
    with pytest.raises(ValueError, match="expects 8 weight arrays"):
        model.set_weights(weights[:3])


def test_auto_config_for_basic_constructor_arguments():
    model = MLP(units=6, name="mlp")
    config = model.get_config()
    assert config["units"] == 6 and config["name"] == "mlp"
    assert isinstance(MLP.from_config(config), MLP)


def test_layer_errors_name_the_layer():
    dense = layers.Dense(3, name="proj")
    dense(np.ones((2, 4), "float32"))
    with pytest.raises(ValueError, match="proj"):
        dense(np.ones((2, 5), "float32"))
    with pytest.raises(ValueError, match="units"):
        layers.Dense(0)
