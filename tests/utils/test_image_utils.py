import io

import numpy as np
import pytest
from PIL import Image

from cornu.utils import array_to_img, img_to_array, load_img, save_img, smart_resize


def _write_png(path, array):
    Image.fromarray(array).save(path)
    return path


def test_png_roundtrip_is_lossless(tmp_path):
    pixels = np.random.default_rng(0).integers(0, 256, size=(5, 7, 3), dtype=np.uint8)
    path = _write_png(tmp_path / "a.png", pixels)
    array = img_to_array(load_img(path))
    assert array.shape == (5, 7, 3) and array.dtype == np.float32
    np.testing.assert_array_equal(array, pixels)


def test_color_modes_and_target_size(tmp_path):
    pixels = np.random.default_rng(1).integers(0, 256, size=(6, 6, 3), dtype=np.uint8)
    path = _write_png(tmp_path / "b.png", pixels)
    assert img_to_array(load_img(path, color_mode="grayscale")).shape == (6, 6, 1)
    rgba = img_to_array(load_img(str(path), color_mode="rgba"))
    assert rgba.shape == (6, 6, 4) and np.all(rgba[..., 3] == 255)
    resized = load_img(path, target_size=(3, 12), interpolation="bilinear")
    assert resized.size == (12, 3)
    cropped = load_img(path, target_size=(3, 12), keep_aspect_ratio=True)
    assert cropped.size == (12, 3)


def test_load_from_bytes_io(tmp_path):
    buffer = io.BytesIO()
    Image.fromarray(np.zeros((2, 3), np.uint8)).save(buffer, format="PNG")
    buffer.seek(0)
    assert img_to_array(load_img(buffer, color_mode="grayscale")).shape == (2, 3, 1)


def test_img_to_array_channels_first_and_dtype():
    image = Image.fromarray(np.zeros((4, 5, 3), np.uint8))
    assert img_to_array(image, data_format="channels_first").shape == (3, 4, 5)
    assert img_to_array(image, dtype="uint8").dtype == np.uint8


@pytest.mark.parametrize("channels, mode", [(1, "L"), (3, "RGB"), (4, "RGBA")])
def test_array_to_img_modes_and_unscaled_roundtrip(channels, mode):
    values = np.random.default_rng(2).integers(0, 256, size=(4, 4, channels)).astype("float32")
    image = array_to_img(values, scale=False)
    assert image.mode == mode
    np.testing.assert_array_equal(img_to_array(image), values)


def test_array_to_img_scales_to_full_range():
    values = np.array([[[0.0], [0.5]], [[0.25], [1.0]]])
    np.testing.assert_array_equal(np.asarray(array_to_img(values)), [[0, 127], [63, 255]])


def test_save_img_roundtrip_and_atomic_no_leftovers(tmp_path):
    values = np.random.default_rng(3).integers(0, 256, size=(3, 5, 3)).astype("float32")
    target = tmp_path / "out.png"
    save_img(target, values, scale=False)
    np.testing.assert_array_equal(img_to_array(load_img(target)), values)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.png"]


def test_save_img_jpeg_drops_alpha_with_warning(tmp_path):
    with pytest.warns(UserWarning, match="alpha"):
        save_img(tmp_path / "x.jpg", np.zeros((2, 2, 4)))
    assert Image.open(tmp_path / "x.jpg").mode == "RGB"


def test_errors(tmp_path):
    with pytest.raises(FileNotFoundError, match="no image file"):
        load_img(tmp_path / "missing.png")
    (tmp_path / "bad.png").write_bytes(b"not an image")
    with pytest.raises(ValueError, match="cannot decode"):
        load_img(tmp_path / "bad.png")
    with pytest.raises(ValueError, match="color_mode"):
        load_img(tmp_path / "bad.png", color_mode="cmyk")
    with pytest.raises(ValueError, match="rank-3"):
        array_to_img(np.zeros((2, 2)))
    with pytest.raises(ValueError, match="channel count 2"):
        array_to_img(np.zeros((2, 2, 2)))
    with pytest.raises(ValueError, match="file_format"):
        save_img(tmp_path / "noext", np.zeros((2, 2, 3)))
    with pytest.raises(ValueError, match="target_size"):
        load_img(_write_png(tmp_path / "ok.png", np.zeros((2, 2), np.uint8)), target_size=(0, 2))


def test_smart_resize_crops_to_aspect_ratio():
    image = np.zeros((10, 20, 1), "float32")
    image[:, 5:15] = 1.0
    result = smart_resize(image, (5, 5), interpolation="nearest")
    assert result.shape == (5, 5, 1)
    np.testing.assert_allclose(result, 1.0)
    assert smart_resize(np.zeros((2, 3, 8, 8)), (4, 4), data_format="channels_first").shape == \
        (2, 3, 4, 4)
