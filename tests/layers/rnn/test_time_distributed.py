import numpy as np
import pytest

import cornu
from cornu import layers, ops
from tests.helpers.layer_test import run_layer_test

RNG = np.random.default_rng(6)


def test_time_distributed_dense_matches_numpy():
    x = RNG.normal(size=(2, 4, 3)).astype("float32")

    def reference(layer, data):
        kernel, bias = layer.layer.get_weights()
        return data @ kernel + bias

    run_layer_test(layers.TimeDistributed, {"layer": layers.Dense(5, bias_initializer="ones")},
                   input_data=x, expected_output_shape=(2, 4, 5), reference_fn=reference,
                   expected_num_trainable_weights=2)


def test_time_distributed_conv_on_frames():
    frames = RNG.normal(size=(2, 3, 6, 6, 1)).astype("float32")
    layer = layers.TimeDistributed(layers.Conv2D(2, 3))
    out = ops.convert_to_numpy(layer(frames))
    assert out.shape == (2, 3, 4, 4, 2)
    per_frame = ops.convert_to_numpy(layer.layer(frames[:, 1]))
    np.testing.assert_allclose(out[:, 1], per_frame, atol=1e-5)
    assert layer(cornu.Input((None, 6, 6, 1))).shape == (None, None, 4, 4, 2)


def test_time_distributed_keeps_mask_and_rejects_rank_2():
    tokens = np.array([[1, 2, 0]], dtype="int32")
    embedded = layers.Embedding(5, 2, mask_zero=True)(tokens)
    layer = layers.TimeDistributed(layers.Dense(3))
    assert layer.compute_mask(embedded, np.array([[True, True, False]])) is not None
    with pytest.raises(ValueError, match="at least 3 dimensions"):
        layer(np.zeros((2, 3), "float32"))
