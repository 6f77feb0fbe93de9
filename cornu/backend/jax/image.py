"""Image ops of the JAX engine (`cornu.ops.image`)."""
import jax
import jax.numpy as jnp

from cornu import config
from cornu.backend.common.image_checks import (
    check_image_rank, check_resize_arguments, rgb_channel_axis)
from cornu.backend.jax.numpy.promotion import tensor, to_float

_RESIZE_MODES = {"bilinear": "linear", "nearest": "nearest", "bicubic": "cubic"}


def resize(images, size, interpolation="bilinear", antialias=False, crop_to_aspect_ratio=False,
           pad_to_aspect_ratio=False, fill_mode="constant", fill_value=0.0, data_format=None):
    data_format = config.standardize_data_format(data_format)
    check_resize_arguments(interpolation, _RESIZE_MODES, size)
    original_dtype = tensor(images).dtype
    x = to_float(images)
    single = check_image_rank("resize", x)
    if single:
        x = x[None]
    if data_format == "channels_first":
        x = jnp.transpose(x, (0, 2, 3, 1))
    height, width = int(size[0]), int(size[1])
    source_h, source_w = x.shape[1], x.shape[2]
    if crop_to_aspect_ratio:
        crop_h = min(source_h, int(source_w * height / width))
        crop_w = min(source_w, int(source_h * width / height))
        top, left = (source_h - crop_h) // 2, (source_w - crop_w) // 2
        x = x[:, top:top + crop_h, left:left + crop_w]
    elif pad_to_aspect_ratio:
        target_h = max(source_h, int(source_w * height / width))
        target_w = max(source_w, int(source_h * width / height))
        top, left = (target_h - source_h) // 2, (target_w - source_w) // 2
        x = jnp.pad(x, ((0, 0), (top, target_h - source_h - top),
                        (left, target_w - source_w - left), (0, 0)),
                    constant_values=fill_value)
    out = jax.image.resize(x, (x.shape[0], height, width, x.shape[3]),
                           method=_RESIZE_MODES[interpolation], antialias=bool(antialias))
    if data_format == "channels_first":
        out = jnp.transpose(out, (0, 3, 1, 2))
    out = out[0] if single else out
    if not jnp.issubdtype(original_dtype, jnp.floating):
        out = jnp.round(out)
        if original_dtype == jnp.uint8:
            out = jnp.clip(out, 0, 255)
        out = out.astype(original_dtype)
    return out


def rgb_to_grayscale(images, data_format=None):
    data_format = config.standardize_data_format(data_format)
    images = to_float(images)
    axis = rgb_channel_axis(images, data_format)
    weights = jnp.asarray([0.2989, 0.5870, 0.1140], dtype=images.dtype)
    shape = [1] * images.ndim
    shape[axis] = 3
    return jnp.sum(images * weights.reshape(shape), axis=axis, keepdims=True)
