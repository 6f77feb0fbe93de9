import numpy as np
import pytest

from cornu import config, constraints, ops

W = np.array([[3.0, -0.1], [4.0, 0.2], [0.0, -0.3]], "float32")


def _apply(constraint, w=W):
    return ops.convert_to_numpy(constraint(ops.convert_to_tensor(w)))


def test_max_norm():
    norms = np.linalg.norm(W, axis=0, keepdims=True)
    expected = W * np.clip(norms, 0, 2.0) / (config.epsilon() + norms)
    np.testing.assert_allclose(_apply(constraints.MaxNorm(2.0)), expected, rtol=1e-6)
    row_norms = np.linalg.norm(W, axis=1, keepdims=True)
    expected = W * np.clip(row_norms, 0, 1.0) / (config.epsilon() + row_norms)
    np.testing.assert_allclose(_apply(constraints.MaxNorm(1.0, axis=1)), expected, rtol=1e-6)


def test_non_neg_and_unit_norm():
    np.testing.assert_array_equal(_apply(constraints.NonNeg()), np.maximum(W, 0))
    unit = _apply(constraints.UnitNorm())
    np.testing.assert_allclose(np.linalg.norm(unit, axis=0), [1.0, 1.0], rtol=1e-5)


def test_min_max_norm():
    norms = np.linalg.norm(W, axis=0, keepdims=True)
    desired = 0.5 * np.clip(norms, 0.5, 1.0) + 0.5 * norms
    expected = W * desired / (config.epsilon() + norms)
    got = _apply(constraints.MinMaxNorm(0.5, 1.0, rate=0.5))
    np.testing.assert_allclose(got, expected, rtol=1e-6)


def test_get_serialize_round_trip():
    assert isinstance(constraints.get("non_neg"), constraints.NonNeg)
    assert isinstance(constraints.get("max_norm"), constraints.MaxNorm)
    assert constraints.get(None) is None
    config_dict = constraints.serialize(constraints.MaxNorm(3.0, axis=1))
    assert config_dict == {"module": "keras.constraints", "class_name": "MaxNorm",
                           "config": {"max_value": 3.0, "axis": 1}, "registered_name": None}
    restored = constraints.deserialize(config_dict)
    np.testing.assert_allclose(_apply(restored), _apply(constraints.MaxNorm(3.0, axis=1)))
    with pytest.raises(ValueError, match="positive_only"):
        constraints.get("positive_only")
