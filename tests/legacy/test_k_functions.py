import numpy as np
import pytest

import cornu
from cornu import backend as K
from cornu import layers, ops

RNG = np.random.default_rng(0)
A = RNG.normal(size=(3, 4)).astype("float32")
B = RNG.normal(size=(4, 5)).astype("float32")


def _np(x):
    return ops.convert_to_numpy(x)


def test_reductions_and_elementwise():
    np.testing.assert_allclose(_np(K.mean(A)), A.mean(), rtol=1e-5)
    np.testing.assert_allclose(_np(K.sum(A, 1)), A.sum(1), rtol=1e-5)
    np.testing.assert_allclose(_np(K.max(A, axis=0, keepdims=True)), A.max(0, keepdims=True))
    np.testing.assert_allclose(_np(K.min(A)), A.min())
    np.testing.assert_allclose(_np(K.sqrt(np.array([4.0, -1.0], "float32"))), [2.0, 0.0])
    np.testing.assert_allclose(_np(K.abs(A)), np.abs(A))
    np.testing.assert_allclose(_np(K.exp(A)), np.exp(A), rtol=1e-5)
    np.testing.assert_allclose(_np(K.log(np.abs(A) + 1)), np.log(np.abs(A) + 1), rtol=1e-5)
    np.testing.assert_allclose(_np(K.clip(A, -0.5, 0.5)), np.clip(A, -0.5, 0.5))
    np.testing.assert_allclose(_np(K.l2_normalize(A, axis=0)),
                               A / np.linalg.norm(A, axis=0, keepdims=True), rtol=1e-5)


def test_linear_algebra_and_shapes():
    np.testing.assert_allclose(_np(K.dot(A, B)), A @ B, rtol=1e-5, atol=1e-6)
    x = RNG.normal(size=(2, 3, 4)).astype("float32")
    np.testing.assert_allclose(_np(K.dot(x, B)), np.dot(x, B), rtol=1e-5, atol=1e-6)
    y = RNG.normal(size=(2, 4, 5)).astype("float32")
    np.testing.assert_allclose(_np(K.batch_dot(x, y, axes=(2, 1))), np.einsum("bij,bjk->bik", x, y),
                               rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(_np(K.batch_dot(A, A, axes=1)), (A * A).sum(1, keepdims=True),
                               rtol=1e-5)
    np.testing.assert_array_equal(_np(K.transpose(A)), A.T)
    np.testing.assert_array_equal(_np(K.reshape(A, (2, 6))), A.reshape(2, 6))
    np.testing.assert_array_equal(_np(K.concatenate([A, A], axis=0)), np.concatenate([A, A]))
    np.testing.assert_array_equal(_np(K.gather(A, np.array([2, 0]))), A[[2, 0]])
    assert K.int_shape(A) == (3, 4) and K.ndim(A) == 2
    assert K.int_shape(cornu.Input(shape=(7,))) == (None, 7)
    np.testing.assert_array_equal(_np(K.shape(A)), [3, 4])


def test_creation_and_cast():
    np.testing.assert_array_equal(_np(K.ones((2, 3))), np.ones((2, 3)))
    np.testing.assert_array_equal(_np(K.zeros((2,))), np.zeros(2))
    np.testing.assert_array_equal(_np(K.zeros_like(A)), np.zeros_like(A))
    np.testing.assert_array_equal(_np(K.constant(2.0, shape=(2, 2))), np.full((2, 2), 2.0))
    cast = _np(K.cast(np.array([1.7, -2.2], "float32"), "int32"))
    assert cast.dtype == np.int32 and cast.tolist() == [1, -2]
    assert K.floatx() == "float32" and K.epsilon() == pytest.approx(1e-7)


def test_random():
    cornu.utils.set_random_seed(1)
    noise = _np(K.random_normal((500, 40), mean=2.0, stddev=0.5))
    assert abs(noise.mean() - 2.0) < 0.02 and abs(noise.std() - 0.5) < 0.02
    uniform = _np(K.random_uniform((1000,), minval=-1.0, maxval=1.0))
    assert uniform.min() >= -1.0 and uniform.max() < 1.0
    shaped = _np(K.random_normal(K.shape(A)))
    assert shaped.shape == (3, 4)


def test_variables():
    v = K.variable(np.array([[1.0, 2.0]], "float32"))
    np.testing.assert_array_equal(K.get_value(v), [[1.0, 2.0]])
    K.set_value(v, [[3.0, 4.0]])
    np.testing.assert_array_equal(K.get_value(v), [[3.0, 4.0]])
    scalar = K.variable(0.5)
    K.batch_set_value([(scalar, 0.25)])
    assert K.batch_get_value([scalar])[0] == pytest.approx(0.25)
    with pytest.raises(TypeError, match="Variable"):
        K.set_value(np.ones(2), [1.0, 2.0])


def test_in_train_phase_follows_layer_call():
    np.testing.assert_array_equal(_np(K.in_train_phase(A, -A, training=True)), A)
    np.testing.assert_array_equal(_np(K.in_train_phase(A, -A, training=False)), -A)
    np.testing.assert_array_equal(_np(K.in_train_phase(A, -A)), -A)
    np.testing.assert_array_equal(_np(K.in_test_phase(A, -A, training=False)), A)
    layer = layers.Lambda(lambda t: K.in_train_phase(t * 2.0, t))
    np.testing.assert_array_equal(_np(layer(A, training=True)), A * 2.0)
    np.testing.assert_array_equal(_np(layer(A, training=False)), A)
    phase = layers.Lambda(lambda t: t * float(K.learning_phase()) + 1.0)
    np.testing.assert_array_equal(_np(phase(A, training=True)), A + 1.0)


def test_switch_and_stop_gradient():
    cond = np.array([True, False, True])
    np.testing.assert_array_equal(_np(K.switch(cond, np.ones(3, "float32"),
                                               np.zeros(3, "float32"))), [1.0, 0.0, 1.0])
    np.testing.assert_array_equal(_np(K.stop_gradient(ops.convert_to_tensor(A))), A)


def test_crossentropies():
    probs = np.array([[0.7, 0.2, 0.1], [0.1, 0.1, 0.8]], "float32")
    target = np.array([[1, 0, 0], [0, 0, 1]], "float32")
    np.testing.assert_allclose(_np(K.categorical_crossentropy(target, probs)),
                               -np.log([0.7, 0.8]), rtol=1e-5)
    logits = np.array([[2.0, 0.5, -1.0], [0.0, 1.0, 3.0]], "float32")
    log_softmax = logits - np.log(np.exp(logits).sum(1, keepdims=True))
    np.testing.assert_allclose(_np(K.sparse_categorical_crossentropy(
        np.array([[0], [2]], "int32"), logits, from_logits=True)),
        -log_softmax[[0, 1], [0, 2]], rtol=1e-5)
    p = np.array([0.9, 0.2], "float32")
    t = np.array([1.0, 0.0], "float32")
    np.testing.assert_allclose(_np(K.binary_crossentropy(t, p)), -np.log([0.9, 0.8]), rtol=1e-5)
    z = np.array([2.0, -1.0], "float32")
    expected = -(t * np.log(1 / (1 + np.exp(-z))) + (1 - t) * np.log(1 - 1 / (1 + np.exp(-z))))
    np.testing.assert_allclose(_np(K.binary_crossentropy(t, z, from_logits=True)), expected,
                               rtol=1e-5)


def test_unknown_name_error():
    with pytest.raises(AttributeError, match="no_such_function"):
        K.no_such_function
