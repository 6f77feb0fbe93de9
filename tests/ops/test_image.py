"""`cornu.ops.image` against NumPy references (half-pixel-center resampling)."""
import numpy as np
import pytest

from cornu import ops
from cornu.backend import KerasTensor
from tests.ops.reference import assert_matches, rand


def _bilinear_axis(size_in, size_out):
    """Interpolation matrix (size_out, size_in) with half-pixel centers and edge clamping."""
    matrix = np.zeros((size_out, size_in))
    scale = size_in / size_out
    for i in range(size_out):
        center = (i + 0.5) * scale - 0.5
        low = int(np.floor(center))
        frac = center - low
        for index, weight in ((low, 1 - frac), (low + 1, frac)):
            matrix[i, min(max(index, 0), size_in - 1)] += weight
    return matrix


def test_resize_bilinear_upsampling_matches_reference():
    images = rand(2, 3, 4, 2)
    rows, cols = _bilinear_axis(3, 6), _bilinear_axis(4, 8)
    expected = np.einsum("ih,bhwc,jw->bijc", rows, images, cols)
    assert_matches(ops.image.resize(images, (6, 8)), expected, atol=1e-5)


def test_resize_nearest_and_channels_first_and_single_image():
    image = np.arange(16, dtype="float32").reshape(4, 4, 1)
    result = ops.image.resize(image, (2, 2), interpolation="nearest")
    assert_matches(result, image[1::2, 1::2], atol=1e-6)
    channels_first = np.transpose(image, (2, 0, 1))[None]
    result = ops.image.resize(channels_first, (8, 8), interpolation="nearest",
                              data_format="channels_first")
    assert_matches(result, np.repeat(np.repeat(channels_first, 2, axis=2), 2, axis=3))


def test_resize_keeps_integer_dtype_and_crops_to_aspect_ratio():
    image = (np.arange(32).reshape(1, 4, 8, 1) % 255).astype("uint8")
    result = ops.image.resize(image, (2, 2), interpolation="nearest", crop_to_aspect_ratio=True)
    assert ops.dtype(result) == "uint8"
    assert tuple(result.shape) == (1, 2, 2, 1)
    # The centered 4x4 crop is columns 2..5; nearest sampling picks rows 1, 3 / columns 3, 5.
    assert_matches(result, image[:, [1, 3]][:, :, [3, 5]])
    padded = ops.image.resize(rand(1, 2, 4, 1), (4, 4), pad_to_aspect_ratio=True)
    assert tuple(padded.shape) == (1, 4, 4, 1)


def test_resize_errors():
    with pytest.raises(ValueError, match="interpolation"):
        ops.image.resize(rand(1, 2, 2, 1), (4, 4), interpolation="lanczos9")
    with pytest.raises(ValueError, match="3D image or a 4D batch"):
        ops.image.resize(rand(2, 2), (4, 4))


def test_rgb_to_grayscale():
    images = rand(2, 3, 3, 3, low=0, high=1)
    expected = (images * np.array([0.2989, 0.5870, 0.1140])).sum(axis=-1, keepdims=True)
    assert_matches(ops.image.rgb_to_grayscale(images), expected, atol=1e-5)


def test_symbolic_resize():
    assert ops.image.resize(KerasTensor((None, 4, 4, 3)), (8, 6)).shape == (None, 8, 6, 3)


def _reference_affine(image, transform, interpolation, fill_mode, fill_value):
    """Per-pixel loop reference for one channels-last image."""
    height, width, channels = image.shape
    a0, a1, a2, b0, b1, b2, c0, c1 = transform

    def fold(coordinate, size):
        if fill_mode in ("nearest", "constant"):
            return min(max(coordinate, 0), size - 1)
        if fill_mode == "wrap":
            return coordinate % size
        if fill_mode == "reflect":
            folded = coordinate % (2 * size)
            return 2 * size - 1 - folded if folded >= size else folded
        period = 2 * size - 2
        folded = abs(coordinate) % period
        return period - folded if folded >= size else folded

    def pixel(row, col):
        if fill_mode == "constant" and not (0 <= row < height and 0 <= col < width):
            return np.full(channels, fill_value, dtype="float64")
        return image[fold(row, height), fold(col, width)]

    out = np.zeros_like(image, dtype="float64")
    for y in range(height):
        for x in range(width):
            k = c0 * x + c1 * y + 1
            sx, sy = (a0 * x + a1 * y + a2) / k, (b0 * x + b1 * y + b2) / k
            if interpolation == "nearest":
                out[y, x] = pixel(int(np.round(sy)), int(np.round(sx)))
                continue
            y0, x0 = int(np.floor(sy)), int(np.floor(sx))
            wy, wx = sy - y0, sx - x0
            out[y, x] = ((1 - wy) * ((1 - wx) * pixel(y0, x0) + wx * pixel(y0, x0 + 1))
                         + wy * ((1 - wx) * pixel(y0 + 1, x0) + wx * pixel(y0 + 1, x0 + 1)))
    return out


@pytest.mark.parametrize("fill_mode", ["constant", "nearest", "wrap", "mirror", "reflect"])
@pytest.mark.parametrize("interpolation", ["bilinear", "nearest"])
def test_affine_transform_matches_reference(interpolation, fill_mode):
    images = rand(2, 5, 6, 2)
    angle = 0.4
    rotate = [np.cos(angle), -np.sin(angle), 1.3, np.sin(angle), np.cos(angle), -0.7, 0.0, 0.0]
    shift = [1.0, 0.0, 2.5, 0.0, 1.0, -1.25, 0.01, 0.0]
    transforms = np.array([rotate, shift], "float32")
    result = ops.image.affine_transform(images, transforms, interpolation=interpolation,
                                        fill_mode=fill_mode, fill_value=0.5)
    expected = np.stack([
        _reference_affine(images[i].astype("float64"), transforms[i].astype("float64"),
                          interpolation, fill_mode, 0.5) for i in range(2)])
    assert_matches(result, expected, atol=1e-4)


def test_affine_transform_identity_channels_first_and_errors():
    image = rand(3, 4, 4)
    identity = np.array([1, 0, 0, 0, 1, 0, 0, 0], "float32")
    assert_matches(ops.image.affine_transform(image, identity, data_format="channels_first"),
                   image, atol=1e-6)
    with pytest.raises(ValueError, match="fill_mode"):
        ops.image.affine_transform(image, identity, fill_mode="bogus")
    with pytest.raises(ValueError, match="transform must have shape"):
        ops.image.affine_transform(rand(2, 4, 4, 1), np.ones((3, 8), "float32"))
    symbolic = ops.image.affine_transform(KerasTensor((2, 4, 4, 3)), identity)
    assert symbolic.shape == (2, 4, 4, 3)


def test_extract_patches():
    images = rand(2, 4, 6, 3)
    patches = ops.image.extract_patches(images, (2, 3))
    expected = images.reshape(2, 2, 2, 2, 3, 3).transpose(0, 1, 3, 2, 4, 5).reshape(2, 2, 2, 18)
    assert_matches(patches, expected, atol=1e-6)
    strided = ops.image.extract_patches(images, 2, strides=1, padding="same")
    assert tuple(strided.shape) == (2, 4, 6, 12)
    assert_matches(ops.convert_to_numpy(strided)[:, 1, 2], images[:, 1:3, 2:4].reshape(2, 12),
                   atol=1e-6)


def test_rgb_hsv_round_trip_matches_colorsys():
    import colorsys

    images = rand(2, 3, 4, 3, low=0.0, high=1.0)
    images[0, 0, 0] = [0.5, 0.5, 0.5]  # grey: hue and saturation are 0
    expected = np.array([colorsys.rgb_to_hsv(*pixel) for pixel in images.reshape(-1, 3)])
    hsv = ops.image.rgb_to_hsv(images)
    assert_matches(hsv, expected.reshape(images.shape), atol=1e-5)
    assert_matches(ops.image.hsv_to_rgb(hsv), images, atol=1e-5)
    channels_first = np.moveaxis(images, -1, 1)
    result = ops.image.rgb_to_hsv(channels_first, data_format="channels_first")
    assert_matches(result, np.moveaxis(expected.reshape(images.shape), -1, 1), atol=1e-5)
    with pytest.raises(ValueError, match="3 channels"):
        ops.image.rgb_to_hsv(rand(1, 2, 2, 4))
