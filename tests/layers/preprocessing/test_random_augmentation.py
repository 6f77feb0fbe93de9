"""Random image augmentations: identity at inference, correct transforms in training."""
import numpy as np
import pytest

import cornu
from cornu import layers, ops


def _images(shape=(4, 5, 5, 2)):
    return np.random.default_rng(0).uniform(0, 255, size=shape).astype("float32")


@pytest.mark.parametrize("layer_fn", [
    lambda: layers.RandomFlip(seed=1),
    lambda: layers.RandomRotation(0.2, seed=1),
    lambda: layers.RandomZoom(0.3, seed=1),
    lambda: layers.RandomTranslation(0.2, 0.3, seed=1),
    lambda: layers.RandomContrast(0.5, seed=1),
])
def test_identity_at_inference_and_changes_in_training(layer_fn):
    layer = layer_fn()
    images = _images()
    np.testing.assert_array_equal(ops.convert_to_numpy(layer(images, training=False)), images)
    augmented = ops.convert_to_numpy(layer(images, training=True))
    assert augmented.shape == images.shape
    assert not np.allclose(augmented, images)
    assert layer(cornu.Input((5, 5, 2))).shape == (None, 5, 5, 2)
    clone = type(layer).from_config(layer.get_config())
    assert clone.get_config() == layer.get_config()


def test_flip_gives_flipped_copies():
    images = _images((8, 3, 4, 1))
    out = ops.convert_to_numpy(layers.RandomFlip("horizontal", seed=3)(images, training=True))
    for original, flipped in zip(images, out):
        assert np.array_equal(flipped, original) or np.array_equal(flipped, original[:, ::-1])
    assert any(not np.array_equal(f, o) for f, o in zip(out, images))


def test_quarter_turn_rotation_equals_rot90():
    image = _images((1, 5, 5, 1))
    layer = layers.RandomRotation((0.25, 0.25), interpolation="nearest")
    out = ops.convert_to_numpy(layer(image, training=True))
    np.testing.assert_allclose(out[0, ..., 0], np.rot90(image[0, ..., 0]), rtol=1e-5)


def test_translation_with_constant_fill_shifts_rows():
    image = _images((1, 5, 5, 1))
    layer = layers.RandomTranslation((0.2, 0.2), (0.0, 0.0), fill_mode="constant",
                                     interpolation="nearest", fill_value=-1.0)
    out = ops.convert_to_numpy(layer(image, training=True))[0, ..., 0]
    np.testing.assert_array_equal(out[0], -1.0)
    np.testing.assert_allclose(out[1:], image[0, :4, :, 0], rtol=1e-6)


def test_zoom_out_with_constant_fill_shrinks_content():
    image = np.ones((1, 9, 9, 1), "float32")
    layer = layers.RandomZoom((1.0, 1.0), fill_mode="constant", interpolation="nearest")
    out = ops.convert_to_numpy(layer(image, training=True))[0, ..., 0]
    assert out[4, 4] == 1.0 and out[0, 0] == 0.0


def test_contrast_matches_formula():
    images = _images((2, 3, 3, 1))
    layer = layers.RandomContrast((0.5, 0.5), value_range=(-1e6, 1e6), seed=2)
    out = ops.convert_to_numpy(layer(images, training=True))
    mean = images.mean(axis=(1, 2), keepdims=True)
    factors = ((out - mean) / (images - mean)).reshape(2, -1)
    assert np.allclose(factors, factors[:, :1], rtol=1e-3)
    assert np.all((factors >= 0.5 - 1e-4) & (factors <= 1.5 + 1e-4))


def test_random_crop_training_window_and_inference_resize():
    images = np.arange(2 * 6 * 6, dtype="float32").reshape(2, 6, 6, 1)
    layer = layers.RandomCrop(3, 4, seed=4)
    out = ops.convert_to_numpy(layer(images, training=True))
    assert out.shape == (2, 3, 4, 1)
    top, left = divmod(int(out[0, 0, 0, 0]), 6)
    np.testing.assert_array_equal(out, images[:, top:top + 3, left:left + 4])
    assert tuple(layer(images, training=False).shape) == (2, 3, 4, 1)
    assert layer(cornu.Input((6, 6, 1))).shape == (None, 3, 4, 1)


def test_seeded_layers_are_reproducible():
    images = _images()
    first = ops.convert_to_numpy(layers.RandomRotation(0.3, seed=7)(images, training=True))
    second = ops.convert_to_numpy(layers.RandomRotation(0.3, seed=7)(images, training=True))
    np.testing.assert_allclose(first, second)


def test_argument_errors():
    with pytest.raises(ValueError, match="mode"):
        layers.RandomFlip("diagonal")
    with pytest.raises(ValueError, match="fill_mode"):
        layers.RandomRotation(0.1, fill_mode="mirror")
    with pytest.raises(ValueError, match="factor"):
        layers.RandomRotation((0.3, 0.1))
    with pytest.raises(ValueError, match="factor"):
        layers.RandomContrast(-0.2)
    with pytest.raises(ValueError, match="3D image or a 4D batch"):
        layers.RandomFlip()(np.ones((3, 3), "float32"), training=True)
