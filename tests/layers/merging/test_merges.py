import numpy as np
import pytest

import cornu
from cornu import layers, ops
from tests.helpers.layer_test import run_layer_test

A = np.array([[0.0, 5.0], [1.0, -2.0]], "float32")
B = np.array([[4.0, 2.0], [3.0, 3.0]], "float32")
C = np.array([[1.0, 1.0], [2.0, -1.0]], "float32")


def _np(x):
    return ops.convert_to_numpy(x)


@pytest.mark.parametrize("cls, pair", [
    (layers.Add, np.add),
    (layers.Multiply, np.multiply),
    (layers.Maximum, np.maximum),
    (layers.Minimum, np.minimum),
])
def test_elementwise_merges(cls, pair):
    np.testing.assert_allclose(_np(cls()([A, B, C])), pair(pair(A, B), C), rtol=1e-6)
    run_layer_test(cls, {}, input_data=[A, B], expected_output=pair(A, B),
                   expected_num_trainable_weights=0, supports_masking=True,
                   run_training_check=False)


def test_average():
    np.testing.assert_allclose(_np(layers.Average()([A, B, C])), (A + B + C) / 3, rtol=1e-6)
    run_layer_test(layers.Average, {}, input_data=[A, B], expected_output=(A + B) / 2,
                   run_training_check=False)


def test_subtract_and_functional_forms():
    np.testing.assert_array_equal(_np(layers.Subtract()([A, B])), A - B)
    with pytest.raises(ValueError, match="exactly 2"):
        layers.Subtract()([A, B, C])
    np.testing.assert_array_equal(_np(layers.add([A, B])), A + B)
    np.testing.assert_array_equal(_np(layers.subtract([A, B])), A - B)
    np.testing.assert_array_equal(_np(layers.multiply([A, B])), A * B)
    np.testing.assert_array_equal(_np(layers.maximum([A, B])), np.maximum(A, B))
    np.testing.assert_array_equal(_np(layers.minimum([A, B])), np.minimum(A, B))
    np.testing.assert_array_equal(_np(layers.average([A, B])), (A + B) / 2)
    np.testing.assert_array_equal(_np(layers.concatenate([A, B], axis=0)),
                                  np.concatenate([A, B], 0))
    np.testing.assert_allclose(_np(layers.dot([A, B], axes=1)), (A * B).sum(1, keepdims=True))


def test_broadcasting_and_shape_errors():
    column = np.array([[10.0], [20.0]], "float32")
    np.testing.assert_array_equal(_np(layers.Add()([A, column])), A + column)
    with pytest.raises(ValueError, match="batch sizes"):
        layers.Add()([A, np.ones((1, 2), "float32")])
    a = cornu.Input(shape=(100, 100))
    b = cornu.Input(shape=(105, 105))
    with pytest.raises(ValueError, match="incompatible shapes"):
        layers.Add()([a, b])
    with pytest.raises(ValueError, match="list of inputs"):
        layers.Add()(A)
    assert tuple(layers.Add()([cornu.Input(shape=(3, 4)), cornu.Input(shape=(3, 4))]).shape) \
        == (None, 3, 4)


def test_concatenate():
    run_layer_test(layers.Concatenate, {"axis": -1}, input_data=[A, C],
                   expected_output=np.concatenate([A, C], axis=-1), run_training_check=False)
    small = cornu.Input(shape=(10, 10, 3))
    large = cornu.Input(shape=(10, 10, 5))
    assert tuple(layers.Concatenate()([small, large]).shape) == (None, 10, 10, 8)
    assert tuple(layers.Concatenate(axis=1)([small, cornu.Input(shape=(2, 10, 3))]).shape) == \
        (None, 12, 10, 3)
    with pytest.raises(ValueError, match="matching shapes"):
        layers.Concatenate()([cornu.Input(shape=(4, 8)), cornu.Input(shape=(5, 8))])
    assert layers.Concatenate(axis=1).get_config()["axis"] == 1


def test_concatenate_mask():
    layer = layers.Concatenate(axis=1)
    x1 = ops.convert_to_tensor(np.ones((2, 3, 1), "float32"))
    x2 = ops.convert_to_tensor(np.ones((2, 2, 1), "float32"))
    mask1 = ops.convert_to_tensor(np.array([[True, False, True], [True, True, True]]))
    mask = _np(layer.compute_mask([x1, x2], [mask1, None]))
    np.testing.assert_array_equal(mask, [[True, False, True, True, True], [True] * 5])
    assert layer.compute_mask([x1, x2], None) is None


def test_dot():
    np.testing.assert_allclose(_np(layers.Dot(axes=1)([A, B])), (A * B).sum(1, keepdims=True))
    x = np.random.default_rng(0).normal(size=(2, 3, 4)).astype("float32")
    y = np.random.default_rng(1).normal(size=(2, 5, 4)).astype("float32")
    np.testing.assert_allclose(_np(layers.Dot(axes=(2, 2))([x, y])),
                               np.einsum("bik,bjk->bij", x, y), rtol=1e-5, atol=1e-6)
    normalized = _np(layers.Dot(axes=1, normalize=True)([A + 0.5, B]))
    a_unit = (A + 0.5) / np.linalg.norm(A + 0.5, axis=1, keepdims=True)
    b_unit = B / np.linalg.norm(B, axis=1, keepdims=True)
    np.testing.assert_allclose(normalized, (a_unit * b_unit).sum(1, keepdims=True), rtol=1e-5,
                               atol=1e-6)
    out = layers.Dot(axes=(2, 2))([cornu.Input(shape=(3, 4)), cornu.Input(shape=(5, 4))])
    assert tuple(out.shape) == (None, 3, 5)
    config = layers.Dot(axes=(1, 1), normalize=True).get_config()
    assert config["axes"] == (1, 1) and config["normalize"] is True
    run_layer_test(layers.Dot, {"axes": 1}, input_data=[A, B],
                   expected_output=(A * B).sum(1, keepdims=True), run_training_check=False)


def test_merge_mask_is_logical_and():
    x = ops.convert_to_tensor(np.ones((1, 3, 2), "float32"))
    m1 = ops.convert_to_tensor(np.array([[True, True, False]]))
    m2 = ops.convert_to_tensor(np.array([[True, False, False]]))
    mask = _np(layers.Add().compute_mask([x, x], [m1, m2]))
    np.testing.assert_array_equal(mask, [[True, False, False]])
