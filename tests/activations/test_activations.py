import math

import numpy as np
import pytest

from cornu import activations, ops

X = np.array([[-4.0, -1.5, -0.5, 0.0], [0.3, 1.0, 2.5, 7.0]], "float32")


def _sigmoid(x):
    return 1.0 / (1.0 + np.exp(-x))


def _softmax(x, axis=-1):
    e = np.exp(x - x.max(axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)


def _softplus(x):
    return np.log1p(np.exp(x))


_erf = np.vectorize(math.erf)
SELU_A, SELU_S = 1.6732632423543772, 1.0507009873554805

REFERENCES = {
    "relu": lambda x: np.maximum(x, 0),
    "relu6": lambda x: np.clip(x, 0, 6),
    "leaky_relu": lambda x: np.where(x > 0, x, 0.2 * x),
    "elu": lambda x: np.where(x > 0, x, np.exp(x) - 1),
    "selu": lambda x: SELU_S * np.where(x > 0, x, SELU_A * (np.exp(x) - 1)),
    "gelu": lambda x: 0.5 * x * (1 + _erf(x / np.sqrt(2))),
    "silu": lambda x: x * _sigmoid(x),
    "swish": lambda x: x * _sigmoid(x),
    "sigmoid": _sigmoid,
    "hard_sigmoid": lambda x: np.clip(x + 3, 0, 6) / 6,
    "hard_silu": lambda x: x * np.clip(x + 3, 0, 6) / 6,
    "hard_swish": lambda x: x * np.clip(x + 3, 0, 6) / 6,
    "softmax": _softmax,
    "log_softmax": lambda x: np.log(_softmax(x)),
    "softplus": _softplus,
    "softsign": lambda x: x / (np.abs(x) + 1),
    "tanh": np.tanh,
    "exponential": np.exp,
    "linear": lambda x: x,
    "mish": lambda x: x * np.tanh(_softplus(x)),
    "celu": lambda x: np.maximum(x, 0) + np.minimum(0, np.exp(x) - 1),
    "glu": lambda x: x[:, :2] * _sigmoid(x[:, 2:]),
    "tanh_shrink": lambda x: x - np.tanh(x),
    "hard_tanh": lambda x: np.clip(x, -1, 1),
    "hard_shrink": lambda x: np.where(np.abs(x) > 0.5, x, 0),
    "soft_shrink": lambda x: np.where(np.abs(x) > 0.5, x - np.sign(x) * 0.5, 0),
    "squareplus": lambda x: (x + np.sqrt(x ** 2 + 4)) / 2,
    "sparse_plus": lambda x: np.where(x <= -1, 0, np.where(x >= 1, x, (x + 1) ** 2 / 4)),
    "log_sigmoid": lambda x: -_softplus(-x),
    "sparse_sigmoid": lambda x: np.clip((x + 1) / 2, 0, 1),
}


@pytest.mark.parametrize("name", sorted(REFERENCES))
def test_activation_matches_numpy(name):
    fn = activations.get(name)
    out = ops.convert_to_numpy(fn(ops.convert_to_tensor(X)))
    np.testing.assert_allclose(out, REFERENCES[name](X.astype("float64")), rtol=1e-5, atol=1e-5)


def test_relu_options():
    x = ops.convert_to_tensor(X)
    got = ops.convert_to_numpy(activations.relu(x, negative_slope=0.1, max_value=5.0,
                                                threshold=1.0))
    expected = np.where(X >= 5.0, 5.0, np.where(X >= 1.0, X, 0.1 * (X - 1.0)))
    np.testing.assert_allclose(got, expected, rtol=1e-6)
    capped = ops.convert_to_numpy(activations.relu(x, max_value=2.0))
    np.testing.assert_allclose(capped, np.clip(X, 0, 2.0))


def test_gelu_approximate_and_softmax_axis():
    x = ops.convert_to_tensor(X)
    approx = ops.convert_to_numpy(activations.gelu(x, approximate=True))
    expected = 0.5 * X * (1 + np.tanh(np.sqrt(2 / np.pi) * (X + 0.044715 * X ** 3)))
    np.testing.assert_allclose(approx, expected, rtol=1e-5, atol=1e-6)
    columns = ops.convert_to_numpy(activations.softmax(x, axis=0))
    np.testing.assert_allclose(columns, _softmax(X, axis=0), rtol=1e-5)


def test_threshold_and_sparsemax():
    x = ops.convert_to_tensor(X)
    got = ops.convert_to_numpy(activations.threshold(x, 0.5, -9.0))
    np.testing.assert_allclose(got, np.where(X > 0.5, X, -9.0))
    logits = np.array([[1.0, 0.8, -2.0], [0.1, 0.1, 0.1]], "float32")
    probs = ops.convert_to_numpy(activations.sparsemax(ops.convert_to_tensor(logits)))
    np.testing.assert_allclose(probs, [[0.6, 0.4, 0.0], [1 / 3, 1 / 3, 1 / 3]], atol=1e-6)


def test_get_serialize_deserialize():
    assert activations.get(None) is activations.linear
    assert activations.get("relu") is activations.relu
    assert activations.get("swish") is activations.silu

    def custom(x):
        return x

    assert activations.get(custom) is custom
    assert activations.serialize(activations.relu) == "relu"
    assert activations.serialize(activations.gelu) == "gelu"
    assert activations.deserialize("tanh") is activations.tanh
    assert activations.deserialize("custom", custom_objects={"custom": custom}) is custom
    function_dict = {"module": "builtins", "class_name": "function", "config": "sigmoid",
                     "registered_name": "function"}
    assert activations.deserialize(function_dict) is activations.sigmoid


def test_unknown_activation_error_names_it():
    with pytest.raises(ValueError, match="not_an_activation"):
        activations.get("not_an_activation")
    with pytest.raises(ValueError, match="activation"):
        activations.get(3)
    with pytest.raises(ValueError, match="even"):
        activations.glu(ops.convert_to_tensor(np.ones((2, 3), "float32")))
