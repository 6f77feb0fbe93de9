import numpy as np
import pytest

import cornu
from cornu import layers, ops
from tests.helpers.layer_test import run_layer_test

X = np.arange(24, dtype="float32").reshape(2, 3, 4)


def test_flatten():
    run_layer_test(layers.Flatten, {}, input_data=X, expected_output=X.reshape(2, 12),
                   run_training_check=False)
    first = ops.convert_to_numpy(layers.Flatten(data_format="channels_first")(X))
    np.testing.assert_array_equal(first, np.transpose(X, (0, 2, 1)).reshape(2, 12))
    out = layers.Flatten()(cornu.Input(shape=(3, 4, 5)))
    assert tuple(out.shape) == (None, 60)
    np.testing.assert_array_equal(ops.convert_to_numpy(layers.Flatten()(np.ones(3, "float32"))),
                                  np.ones((3, 1)))


def test_reshape():
    run_layer_test(layers.Reshape, {"target_shape": (4, 3)}, input_data=X,
                   expected_output=X.reshape(2, 4, 3), run_training_check=False)
    run_layer_test(layers.Reshape, {"target_shape": (-1, 2)}, input_data=X,
                   expected_output=X.reshape(2, 6, 2), run_training_check=False)
    assert tuple(layers.Reshape((-1, 2))(cornu.Input(shape=(3, 4))).shape) == (None, 6, 2)
    with pytest.raises(ValueError, match="total size"):
        layers.Reshape((5,))(X)
    with pytest.raises(ValueError, match="-1"):
        layers.Reshape((-1, -1))
    assert layers.Reshape((4, 3)).get_config()["target_shape"] == (4, 3)


def test_permute():
    run_layer_test(layers.Permute, {"dims": (2, 1)}, input_data=X,
                   expected_output=np.transpose(X, (0, 2, 1)), run_training_check=False)
    with pytest.raises(ValueError, match="dims"):
        layers.Permute((0, 1))
    with pytest.raises(ValueError, match="ndim"):
        layers.Permute((2, 1))(np.ones((2, 2, 2, 2), "float32"))


def test_repeat_vector():
    x = np.array([[1.0, 2.0], [3.0, 4.0]], "float32")
    run_layer_test(layers.RepeatVector, {"n": 3}, input_data=x,
                   expected_output=np.repeat(x[:, None, :], 3, axis=1), run_training_check=False)
    assert tuple(layers.RepeatVector(4)(cornu.Input(shape=(5,))).shape) == (None, 4, 5)
    with pytest.raises(TypeError, match="n"):
        layers.RepeatVector(2.5)
