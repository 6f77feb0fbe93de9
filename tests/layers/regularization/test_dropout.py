import numpy as np
import pytest

from cornu import layers, ops
from tests.helpers.layer_test import run_layer_test


def _np(x):
    return ops.convert_to_numpy(x)


def test_dropout_train_and_inference():
    ones = np.ones((200, 50), "float32")
    layer = layers.Dropout(0.2, seed=1)
    dropped = _np(layer(ones, training=True))
    assert abs(np.mean(dropped == 0) - 0.2) < 0.02
    np.testing.assert_allclose(dropped[dropped != 0], 1 / 0.8, rtol=1e-6)
    np.testing.assert_array_equal(_np(layer(ones, training=False)), ones)
    np.testing.assert_array_equal(_np(layer(ones)), ones)
    run_layer_test(layers.Dropout, {"rate": 0.5, "seed": 3}, input_data=ones[:4],
                   expected_output=ones[:4], expected_num_trainable_weights=0,
                   supports_masking=True, run_training_check=False)
    assert hasattr(layer, "seed_generator")


def test_dropout_noise_shape_shares_mask():
    x = np.ones((4, 6, 3), "float32")
    out = _np(layers.Dropout(0.5, noise_shape=(None, 1, 3), seed=2)(x, training=True))
    np.testing.assert_array_equal(out, np.broadcast_to(out[:, :1, :], out.shape))


def test_dropout_rate_errors():
    for rate in (-0.1, 1.5, "a"):
        with pytest.raises(ValueError, match="rate"):
            layers.Dropout(rate)
    assert layers.Dropout(0.3, seed=5).get_config()["rate"] == 0.3
    assert set(layers.Dropout(0.3).get_config()) >= {"rate", "seed", "noise_shape", "name"}


@pytest.mark.parametrize("cls, shape, shared_axes", [
    (layers.SpatialDropout1D, (3, 5, 8), (1,)),
    (layers.SpatialDropout2D, (3, 4, 4, 8), (1, 2)),
    (layers.SpatialDropout3D, (3, 2, 2, 2, 8), (1, 2, 3)),
])
def test_spatial_dropout_drops_whole_channels(cls, shape, shared_axes):
    x = np.ones(shape, "float32")
    out = _np(cls(0.5, seed=4)(x, training=True))
    first = out[(slice(None),) + (slice(0, 1),) * len(shared_axes)]
    np.testing.assert_array_equal(out, np.broadcast_to(first, out.shape))
    assert set(np.unique(out)) <= {0.0, 2.0}
    np.testing.assert_array_equal(_np(cls(0.5)(x, training=False)), x)
    config = cls(0.5, seed=1).get_config()
    assert config["rate"] == 0.5 and config["seed"] == 1
    assert type(cls.from_config(config)) is cls
    with pytest.raises(ValueError, match="ndim"):
        cls(0.5)(np.ones((2,) * (len(shape) + 1), "float32"))


def test_spatial_dropout_channels_first():
    x = np.ones((2, 6, 3, 3), "float32")
    out = _np(layers.SpatialDropout2D(0.5, data_format="channels_first", seed=3)(
        x, training=True))
    np.testing.assert_array_equal(out, np.broadcast_to(out[:, :, :1, :1], out.shape))
