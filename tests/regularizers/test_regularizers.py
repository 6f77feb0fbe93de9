import numpy as np
import pytest

from cornu import ops, regularizers

W = np.array([[1.0, -2.0, 0.5], [0.0, 3.0, -1.0]], "float32")


def _value(regularizer, w=W):
    return float(ops.convert_to_numpy(regularizer(ops.convert_to_tensor(w))))


def test_l1_l2_l1l2_values():
    assert _value(regularizers.L1(0.1)) == pytest.approx(0.1 * np.abs(W).sum(), rel=1e-6)
    assert _value(regularizers.L2(0.2)) == pytest.approx(0.2 * (W ** 2).sum(), rel=1e-6)
    both = regularizers.L1L2(l1=0.1, l2=0.2)
    assert _value(both) == pytest.approx(0.1 * np.abs(W).sum() + 0.2 * (W ** 2).sum(), rel=1e-6)
    assert _value(regularizers.L1L2()) == 0.0


def test_orthogonal_regularizer():
    rows = W / np.linalg.norm(W, axis=1, keepdims=True)
    product = rows @ rows.T
    expected = 0.5 * 0.5 * np.abs(product[0, 1] * 2) / 1.0
    assert _value(regularizers.OrthogonalRegularizer(0.5)) == pytest.approx(expected, rel=1e-5)
    cols = W / np.linalg.norm(W, axis=0, keepdims=True)
    product = cols.T @ cols
    off = np.abs(product - np.diag(np.diag(product))).sum()
    expected = 0.1 * 0.5 * off / 3.0
    assert _value(regularizers.OrthogonalRegularizer(0.1, mode="columns")) == pytest.approx(
        expected, rel=1e-5)
    with pytest.raises(ValueError, match="2D"):
        regularizers.OrthogonalRegularizer()(ops.convert_to_tensor(np.ones(3, "float32")))


def test_get_and_aliases():
    assert regularizers.get("l2").l2 == 0.01
    assert regularizers.get("l1").l1 == 0.01
    assert isinstance(regularizers.get("l1_l2"), regularizers.L1L2)
    assert regularizers.get(None) is None
    assert regularizers.l2 is regularizers.L2
    with pytest.raises(ValueError, match="l3"):
        regularizers.get("l3")


def test_invalid_factor_error():
    with pytest.raises(ValueError, match="L2.*l2"):
        regularizers.L2(-1.0)
    with pytest.raises(ValueError, match="mode"):
        regularizers.OrthogonalRegularizer(mode="diagonal")


def test_serialize_round_trip():
    config = regularizers.serialize(regularizers.L1L2(l1=0.5, l2=0.25))
    assert config == {"module": "keras.regularizers", "class_name": "L1L2",
                      "config": {"l1": 0.5, "l2": 0.25}, "registered_name": None}
    restored = regularizers.deserialize(config)
    assert _value(restored) == pytest.approx(_value(regularizers.L1L2(0.5, 0.25)))
    legacy = regularizers.deserialize({"class_name": "L2", "config": {"l2": 0.3}})
    assert legacy.l2 == pytest.approx(0.3)
