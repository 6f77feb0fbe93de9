"""Pillow-based image helpers: load_img, img_to_array, array_to_img, save_img, resizing."""
import io
import os
import warnings

import numpy as np

from cornu import config
from cornu.saving.atomic import atomic_write_path as atomic_output_path

_COLOR_MODES = {"grayscale": "L", "rgb": "RGB", "rgba": "RGBA"}
_INTERPOLATIONS = ("nearest", "bilinear", "bicubic", "hamming", "box", "lanczos")


def _pil():
    try:
        from PIL import Image
    except ImportError as error:  # pragma: no cover - Pillow is a dependency
        raise ImportError("Image utilities need Pillow: `pip install pillow`.") from error
    return Image


def pil_resample(interpolation):
    """Pillow resampling constant for a Keras interpolation name."""
    if interpolation not in _INTERPOLATIONS:
        raise ValueError(
            f"`interpolation` must be one of {_INTERPOLATIONS}; received {interpolation!r}.")
    return getattr(_pil().Resampling, interpolation.upper())


def _check_color_mode(color_mode):
    if color_mode not in _COLOR_MODES:
        raise ValueError(
            f"`color_mode` must be one of {tuple(_COLOR_MODES)}; received {color_mode!r}.")
    return _COLOR_MODES[color_mode]


def check_size(size, label):
    if (not isinstance(size, (list, tuple)) or len(size) != 2
            or not all(isinstance(v, (int, np.integer)) and v > 0 for v in size)):
        raise ValueError(f"`{label}` must be (height, width) with positive integers; "
                         f"received {size!r}.")
    return int(size[0]), int(size[1])


def center_crop_box(width, height, target_height, target_width):
    """Largest centred box of the target aspect ratio inside a width x height image."""
    crop_height = min(height, int(round(width * target_height / target_width)))
    crop_width = min(width, int(round(height * target_width / target_height)))
    crop_height, crop_width = max(crop_height, 1), max(crop_width, 1)
    top = (height - crop_height) // 2
    left = (width - crop_width) // 2
    return left, top, left + crop_width, top + crop_height


def resize_image(img, target_size, interpolation="nearest", crop_to_aspect_ratio=False,
                 pad_to_aspect_ratio=False):
    """Resize a PIL image to `(height, width)`, optionally keeping its aspect ratio.

    Args:
        img: PIL image.
        target_size: `(height, width)`.
        interpolation: Pillow filter name ("nearest", "bilinear", ...).
        crop_to_aspect_ratio: crop the centre to the target aspect ratio first.
        pad_to_aspect_ratio: pad with black to the target aspect ratio first.

    Returns:
        The resized PIL image.

    Example:
        >>> resize_image(img, (64, 64), "bilinear", crop_to_aspect_ratio=True)
    """
    height, width = check_size(target_size, "target_size")
    if crop_to_aspect_ratio and pad_to_aspect_ratio:
        raise ValueError(
            "Only one of `crop_to_aspect_ratio` and `pad_to_aspect_ratio` can be True.")
    resample = pil_resample(interpolation)
    box = None
    if crop_to_aspect_ratio:
        box = center_crop_box(img.width, img.height, height, width)
    elif pad_to_aspect_ratio:
        padded_width = max(img.width, int(round(img.height * width / height)))
        padded_height = max(img.height, int(round(img.width * height / width)))
        if (padded_width, padded_height) != img.size:
            canvas = _pil().new(img.mode, (padded_width, padded_height))
            canvas.paste(img, ((padded_width - img.width) // 2,
                               (padded_height - img.height) // 2))
            img = canvas
    if img.size == (width, height) and box is None:
        return img
    return img.resize((width, height), resample=resample, box=box)


def load_img(path, color_mode="rgb", target_size=None, interpolation="nearest",
             keep_aspect_ratio=False):
    """Load an image file into a PIL image.

    Args:
        path: file path (str / path-like) or a binary file object such as `io.BytesIO`.
        color_mode: "grayscale", "rgb" or "rgba".
        target_size: None (keep the size) or `(height, width)`.
        interpolation: resampling filter used when resizing.
        keep_aspect_ratio: crop the centre to the target aspect ratio before resizing.

    Returns:
        A PIL image.

    Example:
        >>> img = load_img("cat.png", target_size=(64, 64))
        >>> img_to_array(img).shape
        (64, 64, 3)
    """
    mode = _check_color_mode(color_mode)
    Image = _pil()
    if isinstance(path, (str, bytes, os.PathLike)):
        if not os.path.isfile(path):
            raise FileNotFoundError(f"load_img: no image file at {os.fsdecode(path)!r}.")
        with open(path, "rb") as handle:
            source = io.BytesIO(handle.read())
    elif hasattr(path, "read"):
        source = path
    else:
        raise TypeError(
            f"load_img: `path` must be a path or a binary file object; received "
            f"{type(path).__name__}.")
    try:
        img = Image.open(source)
        img.load()
    except Exception as error:
        raise ValueError(f"load_img: cannot decode an image from {path!r}: {error}") from error
    if img.mode != mode:
        if mode == "L" and img.mode in ("I;16", "I;16B", "I"):
            img = img.point(lambda value: value * (1 / 256)).convert("L")
        else:
            img = img.convert(mode)
    if target_size is not None:
        img = resize_image(img, target_size, interpolation,
                           crop_to_aspect_ratio=keep_aspect_ratio)
    return img


def img_to_array(img, data_format=None, dtype=None):
    """Convert a PIL image to a 3D array `(height, width, channels)` (or channels first).

    Args:
        img: PIL image (or anything `np.asarray` understands).
        data_format: "channels_last" or "channels_first"; defaults to the global one.
        dtype: output dtype; defaults to `floatx`.

    Returns:
        NumPy array of rank 3.

    Example:
        >>> img_to_array(load_img("cat.png")).dtype
        dtype('float32')
    """
    data_format = config.standardize_data_format(data_format)
    dtype = dtype or config.floatx()
    array = np.asarray(img, dtype=dtype)
    if array.ndim == 2:
        array = array[:, :, None]
    elif array.ndim != 3:
        raise ValueError(f"img_to_array: unsupported image shape {array.shape}; expected a 2D "
                         "(grayscale) or 3D (color) image.")
    if data_format == "channels_first":
        array = array.transpose(2, 0, 1)
    return array


def array_to_img(x, data_format=None, scale=True, dtype=None):
    """Convert a 3D array to a PIL image.

    Args:
        x: array of shape `(height, width, channels)` (or channels first) with 1, 3
            or 4 channels.
        data_format: layout of `x`; defaults to the global one.
        scale: rescale values to 0..255 (min -> 0, max -> 255).
        dtype: dtype used for the intermediate array; defaults to `floatx`.

    Returns:
        A PIL image ("L", "RGB" or "RGBA"; "I" for one channel above 255 without scaling).

    Example:
        >>> array_to_img(np.random.rand(8, 8, 3)).size
        (8, 8)
    """
    data_format = config.standardize_data_format(data_format)
    from cornu import backend
    values = backend.convert_to_numpy(x) if backend.is_tensor(x) else x
    values = np.asarray(values, dtype=dtype or config.floatx())
    if values.ndim != 3:
        raise ValueError(f"array_to_img expects a rank-3 image array; received shape "
                         f"{values.shape}.")
    if data_format == "channels_first":
        values = values.transpose(1, 2, 0)
    if scale:
        values = values - values.min()
        peak = values.max()
        if peak != 0:
            values = values / peak
        values = values * 255.0
    channels = values.shape[2]
    Image = _pil()
    if channels == 4:
        return Image.fromarray(np.ascontiguousarray(values.astype("uint8")))
    if channels == 3:
        return Image.fromarray(np.ascontiguousarray(values.astype("uint8")))
    if channels == 1:
        if values.max() > 255:
            return Image.fromarray(np.ascontiguousarray(values[:, :, 0].astype("int32")))
        return Image.fromarray(np.ascontiguousarray(values[:, :, 0].astype("uint8")))
    raise ValueError(f"array_to_img: unsupported channel count {channels} (expected 1, 3 or 4).")


def _format_for(path, file_format):
    if file_format is not None:
        return file_format
    extension = os.path.splitext(os.fspath(path))[1].lower()
    registered = _pil().registered_extensions()
    if extension not in registered:
        raise ValueError(
            f"save_img: cannot infer the image format from {os.fspath(path)!r}; pass "
            "`file_format` (e.g. 'png').")
    return registered[extension]


def save_img(path, x, data_format=None, file_format=None, scale=True, **kwargs):
    """Save an image array to a file (written atomically).

    Args:
        path: destination path.
        x: image array, as for `array_to_img`.
        data_format: layout of `x`.
        file_format: Pillow format name; inferred from the extension when None.
        scale: rescale values to 0..255 before saving.
        **kwargs: extra Pillow `Image.save` options (e.g. `quality`).

    Returns:
        None.

    Example:
        >>> save_img("out.png", np.random.rand(8, 8, 3))
    """
    fmt = _format_for(path, file_format)
    img = array_to_img(x, data_format=data_format, scale=scale)
    if img.mode == "RGBA" and fmt.upper() in ("JPG", "JPEG"):
        warnings.warn("JPEG does not support an alpha channel; saving RGB only.", stacklevel=2)
        img = img.convert("RGB")
    with atomic_output_path(path) as temp_path:
        img.save(temp_path, format=fmt, **kwargs)


def smart_resize(x, size, interpolation="bilinear", data_format="channels_last"):
    """Resize image arrays to `size` without distortion (centre crop to the aspect ratio).

    Args:
        x: image `(h, w, c)` or batch `(n, h, w, c)` (channels first if `data_format`
            says so).
        size: `(height, width)`.
        interpolation: Pillow filter name.
        data_format: layout of `x`.

    Returns:
        float array with the new spatial size.

    Example:
        >>> smart_resize(np.zeros((10, 20, 3)), (5, 5)).shape
        (5, 5, 3)
    """
    data_format = config.standardize_data_format(data_format)
    height, width = check_size(size, "size")
    values = np.asarray(x, dtype="float32")
    if values.ndim not in (3, 4):
        raise ValueError(f"smart_resize expects a rank 3 or 4 array; received shape "
                         f"{values.shape}.")
    batched = values.ndim == 4
    if not batched:
        values = values[None]
    if data_format == "channels_first":
        values = values.transpose(0, 2, 3, 1)
    Image = _pil()
    resample = pil_resample(interpolation)
    box = center_crop_box(values.shape[2], values.shape[1], height, width)
    out = np.empty((values.shape[0], height, width, values.shape[3]), dtype="float32")
    for index, image in enumerate(values):
        for channel in range(image.shape[2]):
            plane = Image.fromarray(np.ascontiguousarray(image[:, :, channel]))
            out[index, :, :, channel] = np.asarray(
                plane.resize((width, height), resample=resample, box=box))
    if data_format == "channels_first":
        out = out.transpose(0, 3, 1, 2)
    return out if batched else out[0]
