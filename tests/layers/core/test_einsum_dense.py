import numpy as np
import pytest

import cornu
from cornu import layers
from tests.helpers.layer_test import run_layer_test

RNG = np.random.default_rng(0)


@pytest.mark.parametrize("equation, output_shape, bias_axes, input_shape, kernel, bias, out", [
    ("ab,bc->ac", 4, "c", (2, 3), (3, 4), (4,), (2, 4)),
    ("abc,cde->abde", (None, 2, 3), "de", (2, 3, 4), (4, 2, 3), (2, 3), (2, 3, 2, 3)),
    ("...b,bc->...c", 4, "c", (2, 3, 5), (5, 4), (4,), (2, 3, 4)),
    ("ab...,bc->ac...", 4, None, (2, 5, 3), (5, 4), None, (2, 4, 3)),
    ("abc,cd->abd", (3, 6), "b", (2, 3, 4), (4, 6), (3, 1), (2, 3, 6)),
])
def test_einsum_dense_shapes_and_values(equation, output_shape, bias_axes, input_shape, kernel,
                                        bias, out):
    x = RNG.normal(size=input_shape).astype("float32")

    def reference(layer, data):
        weights = layer.get_weights()
        result = np.einsum(equation, data, weights[0])
        return result + weights[1] if bias_axes else result

    run_layer_test(layers.EinsumDense,
                   {"equation": equation, "output_shape": output_shape, "bias_axes": bias_axes,
                    "bias_initializer": "random_normal"},
                   input_data=x, reference_fn=reference, expected_output_shape=out,
                   expected_num_trainable_weights=2 if bias_axes else 1, atol=1e-4)
    layer = layers.EinsumDense(equation, output_shape, bias_axes=bias_axes)
    layer(x)
    assert tuple(layer.kernel.shape) == kernel
    assert (None if layer.bias is None else tuple(layer.bias.shape)) == bias


def test_einsum_dense_symbolic_and_config():
    layer = layers.EinsumDense("abc,cd->abd", output_shape=(None, 8), bias_axes="d",
                               activation="relu")
    out = layer(cornu.Input(shape=(7, 3)))
    assert tuple(out.shape) == (None, 7, 8)
    config = layer.get_config()
    assert config["equation"] == "abc,cd->abd" and config["output_shape"] == (None, 8)
    assert config["activation"] == "relu" and config["bias_axes"] == "d"
    assert config["kernel_initializer"]["class_name"] == "GlorotUniform"


def test_einsum_dense_errors():
    with pytest.raises(ValueError, match="equation"):
        layers.EinsumDense("ab->b", 3)(np.ones((2, 3), "float32"))
    with pytest.raises(ValueError, match="bias axis"):
        layers.EinsumDense("ab,bc->ac", 3, bias_axes="z")(np.ones((2, 3), "float32"))


def test_einsum_dense_checks_inputs_after_build():
    layer = layers.EinsumDense("abc,cd->abd", output_shape=(None, 2), name="proj")
    layer(np.ones((2, 3, 4), "float32"))
    with pytest.raises(ValueError, match="proj.*axis 2.*4"):
        layer(np.ones((2, 3, 5), "float32"))
    with pytest.raises(ValueError, match="proj.*ndim=3"):
        layer(np.ones((2, 4), "float32"))
