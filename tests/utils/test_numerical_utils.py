import numpy as np
import pytest

from cornu import backend
from cornu.utils import normalize, to_categorical


def test_to_categorical_matches_identity_rows():
    labels = np.array([0, 2, 1, 2])
    encoded = to_categorical(labels)
    np.testing.assert_array_equal(encoded, np.eye(3)[labels])
    assert encoded.dtype == np.float64


def test_to_categorical_drops_trailing_unit_axis_and_keeps_other_dims():
    assert to_categorical(np.array([[1], [0]]), num_classes=4).shape == (2, 4)
    assert to_categorical(np.zeros((2, 3), "int32"), num_classes=2).shape == (2, 3, 2)


def test_to_categorical_tensor_input_returns_floatx_tensor():
    encoded = to_categorical(backend.convert_to_tensor(np.array([1, 0])), num_classes=2)
    assert backend.is_tensor(encoded)
    np.testing.assert_array_equal(backend.convert_to_numpy(encoded), [[0, 1], [1, 0]])


def test_to_categorical_errors():
    with pytest.raises(ValueError, match="label 5 is outside the range"):
        to_categorical([0, 5], num_classes=3)
    with pytest.raises(ValueError, match="integer class labels"):
        to_categorical([0.5, 1.0])


def test_normalize_matches_numpy_reference():
    x = np.array([[3.0, 4.0], [0.0, 0.0], [1.0, 1.0]])
    expected = x / np.maximum(np.linalg.norm(x, axis=-1, keepdims=True), 1e-12)
    expected[1] = 0.0
    np.testing.assert_allclose(normalize(x), expected)
    np.testing.assert_allclose(normalize(x, axis=0, order=1), x / np.abs(x).sum(axis=0))


def test_normalize_tensor_roundtrip():
    values = np.array([[3.0, 4.0]], "float32")
    result = normalize(backend.convert_to_tensor(values))
    assert backend.is_tensor(result)
    np.testing.assert_allclose(backend.convert_to_numpy(result), [[0.6, 0.8]], rtol=1e-6)
