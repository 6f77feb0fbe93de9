import numpy as np
import pytest

from cornu import initializers, layers, ops
from tests.helpers.layer_test import run_layer_test

X = np.array([[-3.0, -0.5, 0.0, 0.25, 2.0, 8.0]], "float32")


def test_activation_layer():
    run_layer_test(layers.Activation, {"activation": "relu"}, input_data=X,
                   expected_output=np.maximum(X, 0), expected_num_trainable_weights=0,
                   supports_masking=True, run_training_check=False)
    assert layers.Activation("tanh").get_config()["activation"] == "tanh"
    with pytest.raises(ValueError, match="nope"):
        layers.Activation("nope")


def test_elu_layer():
    run_layer_test(layers.ELU, {"alpha": 0.5}, input_data=X,
                   expected_output=np.where(X > 0, X, 0.5 * (np.exp(X) - 1)),
                   supports_masking=True, run_training_check=False)


def test_leaky_relu_layer():
    run_layer_test(layers.LeakyReLU, {"negative_slope": 0.1}, input_data=X,
                   expected_output=np.where(X >= 0, X, 0.1 * X), run_training_check=False)
    assert layers.LeakyReLU().negative_slope == 0.3
    with pytest.raises(ValueError, match="negative_slope"):
        layers.LeakyReLU(negative_slope=-1.0)


def test_relu_layer():
    run_layer_test(layers.ReLU, {"max_value": 5.0, "negative_slope": 0.1, "threshold": 1.0},
                   input_data=X,
                   expected_output=np.where(X >= 5, 5, np.where(X >= 1, X, 0.1 * (X - 1))),
                   run_training_check=False)
    with pytest.raises(ValueError, match="max_value"):
        layers.ReLU(max_value=-1.0)


def test_softmax_layer_and_mask():
    e = np.exp(X - X.max())
    run_layer_test(layers.Softmax, {"axis": -1}, input_data=X, expected_output=e / e.sum(),
                   run_training_check=False)
    logits = np.array([[1.0, 2.0, 3.0]], "float32")
    mask = np.array([[True, False, True]])
    out = ops.convert_to_numpy(layers.Softmax()(logits, mask=mask))
    kept = np.exp([1.0, 3.0]) / np.exp([1.0, 3.0]).sum()
    np.testing.assert_allclose(out, [[kept[0], 0.0, kept[1]]], rtol=1e-5, atol=1e-7)
    columns = ops.convert_to_numpy(layers.Softmax(axis=0)(np.array([[1.0, 2.0], [3.0, 5.0]],
                                                                   "float32")))
    np.testing.assert_allclose(columns.sum(axis=0), [1.0, 1.0], rtol=1e-6)


def test_prelu_layer():
    x = np.array([[[-1.0, 2.0], [3.0, -4.0]]], "float32")

    def reference(layer, data):
        alpha = layer.get_weights()[0]
        return np.where(data >= 0, data, alpha * data)

    run_layer_test(layers.PReLU, {"alpha_initializer": initializers.Constant(0.25),
                                  "shared_axes": [1]},
                   input_data=x, reference_fn=reference, expected_output_shape=(1, 2, 2),
                   expected_num_trainable_weights=1)
    layer = layers.PReLU(shared_axes=[1])
    layer(x)
    assert layer.alpha.shape == (1, 2)
    assert layer.get_config()["alpha_initializer"]["class_name"] == "Zeros"
