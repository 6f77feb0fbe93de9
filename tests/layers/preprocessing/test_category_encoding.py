"""CategoryEncoding: one_hot / multi_hot / count against NumPy, on both engines."""
import numpy as np
import pytest

import cornu
from cornu import layers, ops


def _run(layer, values, **kwargs):
    return ops.convert_to_numpy(layer(np.asarray(values, "int32"), **kwargs))


def test_one_hot():
    out = _run(layers.CategoryEncoding(4, "one_hot"), [3, 2, 0, 1])
    np.testing.assert_array_equal(out, np.eye(4)[[3, 2, 0, 1]])
    out = _run(layers.CategoryEncoding(3, "one_hot"), [[2], [0]])
    np.testing.assert_array_equal(out, np.eye(3)[[2, 0]])


def test_multi_hot_and_count():
    ids = [[0, 1], [0, 0], [1, 2], [3, 1]]
    multi = _run(layers.CategoryEncoding(4, "multi_hot"), ids)
    count = _run(layers.CategoryEncoding(4, "count"), ids)
    expected_count = np.stack([np.bincount(row, minlength=4) for row in ids])
    np.testing.assert_array_equal(count, expected_count)
    np.testing.assert_array_equal(multi, np.minimum(expected_count, 1))
    weights = np.array([[0.5, 1.0], [1.0, 2.0], [1.0, 1.0], [3.0, 1.0]], "float32")
    weighted = _run(layers.CategoryEncoding(4, "count"), ids, count_weights=weights)
    np.testing.assert_allclose(weighted[1], [3.0, 0, 0, 0])
    single = _run(layers.CategoryEncoding(4, "multi_hot"), [3, 1])
    np.testing.assert_array_equal(single, [0, 1, 0, 1])


def test_symbolic_shapes_and_config():
    layer = layers.CategoryEncoding(5, "multi_hot")
    assert layer(cornu.Input((3,), dtype="int32")).shape == (None, 5)
    one_hot = layers.CategoryEncoding(5, "one_hot")
    assert one_hot(cornu.Input((1,), dtype="int32")).shape == (None, 5)
    assert layer.get_config()["num_tokens"] == 5
    assert layers.CategoryEncoding.from_config(layer.get_config()).output_mode == "multi_hot"


def test_errors():
    with pytest.raises(ValueError, match="output_mode"):
        layers.CategoryEncoding(3, "tf_idf")
    with pytest.raises(ValueError, match="num_tokens"):
        layers.CategoryEncoding(None)
    with pytest.raises(ValueError, match="0 <= values < num_tokens"):
        layers.CategoryEncoding(3)(np.array([[0, 5]], "int32"))
