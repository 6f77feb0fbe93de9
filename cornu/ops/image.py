"""Image public ops (`cornu.ops.image`).

    >>> from cornu import ops
    >>> ops.image.resize(ops.ones((1, 4, 4, 3)), (8, 8)).shape   # (1, 8, 8, 3)
"""
import functools

from cornu import backend, config
from cornu.backend import engine
from cornu.backend.common.dtypes import standardize_dtype
from cornu.ops.dispatch import op
from cornu.ops.spec import engine_op

resize = engine_op("image", "resize", """Resize images to `size = (height, width)`.

Args:
    images: `(batch, h, w, c)` or `(h, w, c)` (channels_first also accepted).
    size: target `(height, width)`.
    interpolation: "bilinear" (default), "nearest" or "bicubic" (half-pixel centers).
    antialias: smooth when downsampling.
    crop_to_aspect_ratio / pad_to_aspect_ratio: keep the aspect ratio by center crop/pad.
    data_format: "channels_last" (default) or "channels_first".

Returns:
    Resized images (integer inputs are rounded back to their dtype).

Example:
    >>> resize(ops.ones((1, 2, 2, 1)), (4, 4)).shape   # (1, 4, 4, 1)
""")
rgb_to_grayscale = engine_op("image", "rgb_to_grayscale",
                             "Convert RGB images to one-channel grayscale.")


_FILL_MODES = ("constant", "nearest", "wrap", "mirror", "reflect")


def _map_coordinate(coordinate, size, fill_mode):
    """Map out-of-range (float) pixel coordinates back inside `[0, size - 1]`."""
    numpy = engine.numpy
    if fill_mode == "nearest" or fill_mode == "constant":
        return numpy.clip(coordinate, 0, size - 1)
    if fill_mode == "wrap":
        return numpy.mod(coordinate, size)
    if fill_mode == "reflect":  # (d c b a | a b c d | d c b a)
        period = 2 * size
        folded = numpy.mod(coordinate, period)
        return numpy.where(folded >= size, period - 1 - folded, folded)
    period = max(2 * size - 2, 1)  # mirror: (d c b | a b c d | c b a)
    folded = numpy.mod(numpy.absolute(coordinate), period)
    return numpy.where(folded >= size, period - folded, folded)


def _gather(flat_images, rows, cols, width, fill_mode, fill_value, height):
    """Pixels at integer (rows, cols), `(batch, h, w)` each, from `(batch, H*W, C)` images."""
    numpy = engine.numpy
    valid = None
    if fill_mode == "constant":
        valid = numpy.logical_and(
            numpy.logical_and(numpy.greater_equal(rows, 0), numpy.less_equal(rows, height - 1)),
            numpy.logical_and(numpy.greater_equal(cols, 0), numpy.less_equal(cols, width - 1)))
    rows = _map_coordinate(rows, height, fill_mode)
    cols = _map_coordinate(cols, width, fill_mode)
    index = engine.core.cast(numpy.add(numpy.multiply(rows, width), cols), "int32")
    batch, out_h, out_w = index.shape
    index = numpy.reshape(index, (batch, out_h * out_w, 1))
    pixels = numpy.take_along_axis(flat_images, index, axis=1)
    pixels = numpy.reshape(pixels, (batch, out_h, out_w, flat_images.shape[-1]))
    if valid is not None:
        pixels = numpy.where(numpy.expand_dims(valid, -1), pixels,
                             engine.core.cast(fill_value, standardize_dtype(pixels.dtype)))
    return pixels


@op
def affine_transform(images, transform, interpolation="bilinear", fill_mode="constant",
                     fill_value=0, data_format=None):
    """Apply projective transforms `[a0, a1, a2, b0, b1, b2, c0, c1]` to images.

    Each output pixel `(x, y)` is read from the input at
    `((a0 x + a1 y + a2) / k, (b0 x + b1 y + b2) / k)` with `k = c0 x + c1 y + 1`.

    Args:
        images: `(batch, h, w, c)` or `(h, w, c)` (channels_first also accepted).
        transform: `(8,)` or `(batch, 8)`.
        interpolation: "bilinear" or "nearest".
        fill_mode: "constant", "nearest", "wrap", "mirror" or "reflect".
        fill_value: value outside the input for `fill_mode="constant"`.
        data_format: "channels_last" (default) or "channels_first".

    Returns:
        Transformed images with the input's shape.

    Example:
        >>> shift_right = [1, 0, -1, 0, 1, 0, 0, 0]
        >>> ops.image.affine_transform(images, shift_right)
    """
    numpy = engine.numpy
    data_format = config.standardize_data_format(data_format)
    if interpolation not in ("bilinear", "nearest"):
        raise ValueError("`affine_transform`: interpolation must be 'bilinear' or 'nearest', "
                         f"received {interpolation!r}.")
    if fill_mode not in _FILL_MODES:
        raise ValueError(f"`affine_transform`: fill_mode must be one of {_FILL_MODES}, "
                         f"received {fill_mode!r}.")
    images = engine.core.convert_to_tensor(images)
    if not backend.is_float_dtype(images.dtype):
        images = engine.core.cast(images, backend.floatx())
    if images.ndim not in (3, 4):
        raise ValueError("`affine_transform` expects a 3D image or a 4D batch of images, "
                         f"received shape {tuple(images.shape)}.")
    single = images.ndim == 3
    if single:
        images = numpy.expand_dims(images, 0)
    if data_format == "channels_first":
        images = numpy.transpose(images, (0, 2, 3, 1))
    batch, height, width, channels = images.shape
    transform = engine.core.convert_to_tensor(transform, dtype=standardize_dtype(images.dtype))
    if transform.ndim == 1:
        transform = numpy.broadcast_to(transform, (batch, 8))
    if tuple(transform.shape) != (batch, 8):
        raise ValueError("`affine_transform`: transform must have shape (8,) or (batch, 8), "
                         f"received {tuple(transform.shape)} for {batch} images.")
    rows = numpy.reshape(numpy.arange(height, dtype=images.dtype), (1, height, 1))
    cols = numpy.reshape(numpy.arange(width, dtype=images.dtype), (1, 1, width))
    a0, a1, a2, b0, b1, b2, c0, c1 = [
        numpy.reshape(numpy.take(transform, i, axis=1), (batch, 1, 1)) for i in range(8)]
    scale = numpy.add(numpy.add(numpy.multiply(c0, cols), numpy.multiply(c1, rows)), 1.0)
    source_x = numpy.divide(numpy.add(numpy.add(numpy.multiply(a0, cols),
                                                numpy.multiply(a1, rows)), a2), scale)
    source_y = numpy.divide(numpy.add(numpy.add(numpy.multiply(b0, cols),
                                                numpy.multiply(b1, rows)), b2), scale)
    flat = numpy.reshape(images, (batch, height * width, channels))
    gather = functools.partial(_gather, flat, width=width, fill_mode=fill_mode,
                               fill_value=fill_value, height=height)
    if interpolation == "nearest":
        result = gather(numpy.round(source_y), numpy.round(source_x))
    else:
        y0, x0 = numpy.floor(source_y), numpy.floor(source_x)
        wy = numpy.expand_dims(numpy.subtract(source_y, y0), -1)
        wx = numpy.expand_dims(numpy.subtract(source_x, x0), -1)
        y1, x1 = numpy.add(y0, 1.0), numpy.add(x0, 1.0)
        top = numpy.add(numpy.multiply(gather(y0, x0), numpy.subtract(1.0, wx)),
                        numpy.multiply(gather(y0, x1), wx))
        bottom = numpy.add(numpy.multiply(gather(y1, x0), numpy.subtract(1.0, wx)),
                           numpy.multiply(gather(y1, x1), wx))
        result = numpy.add(numpy.multiply(top, numpy.subtract(1.0, wy)),
                           numpy.multiply(bottom, wy))
    if data_format == "channels_first":
        result = numpy.transpose(result, (0, 3, 1, 2))
    return result[0] if single else result


@op
def extract_patches(images, size, strides=None, dilation_rate=1, padding="valid",
                    data_format=None):
    """Extract `size` patches of images, flattened (row, column, channel) on the last axis.

    Args:
        images: `(batch, h, w, c)` or `(h, w, c)`.
        size: patch size, int or `(ph, pw)`.
        strides: step between patches (default `size`).
        dilation_rate: spacing of the sampled pixels inside a patch.
        padding: "valid" or "same".
        data_format: "channels_last" (default) or "channels_first".

    Returns:
        `(batch, out_h, out_w, ph * pw * c)` (channels-last layout).

    Example:
        >>> ops.image.extract_patches(ops.ones((1, 4, 4, 3)), 2).shape   # (1, 2, 2, 12)
    """
    size = (size, size) if isinstance(size, int) else tuple(size)
    strides = size if strides is None else strides
    data_format = config.standardize_data_format(data_format)
    images = engine.core.convert_to_tensor(images)
    if not backend.is_float_dtype(images.dtype):
        images = engine.core.cast(images, backend.floatx())
    single = images.ndim == 3
    if single:
        images = engine.numpy.expand_dims(images, 0)
    channels = images.shape[-1] if data_format == "channels_last" else images.shape[1]
    patch_length = size[0] * size[1] * channels
    kernel = engine.numpy.reshape(engine.numpy.eye(patch_length, dtype=images.dtype),
                                  (size[0], size[1], channels, patch_length))
    patches = engine.nn.conv(images, kernel, strides=strides, padding=padding,
                             data_format=data_format, dilation_rate=dilation_rate)
    return patches[0] if single else patches


def _channels_last(images, data_format):
    images = engine.core.convert_to_tensor(images)
    if not backend.is_float_dtype(images.dtype):
        images = engine.core.cast(images, backend.floatx())
    if config.standardize_data_format(data_format) == "channels_first":
        axes = list(range(images.ndim))
        images = engine.numpy.transpose(images, axes[:-3] + [axes[-2], axes[-1], axes[-3]])
    if images.shape[-1] != 3:
        raise ValueError(f"Color conversion expects 3 channels, received shape "
                         f"{tuple(images.shape)}.")
    return images


def _restore_layout(images, data_format):
    if config.standardize_data_format(data_format) == "channels_first":
        axes = list(range(images.ndim))
        images = engine.numpy.transpose(images, axes[:-3] + [axes[-1], axes[-3], axes[-2]])
    return images


@op
def rgb_to_hsv(images, data_format=None):
    """Convert RGB images (values in [0, 1]) to HSV, all channels in [0, 1].

    Example:
        >>> ops.image.rgb_to_hsv([[[1.0, 0.0, 0.0]]])   # [[[0., 1., 1.]]]
    """
    numpy = engine.numpy
    images = _channels_last(images, data_format)
    red, green, blue = [numpy.take(images, i, axis=-1) for i in range(3)]
    value = numpy.max(images, axis=-1)
    spread = numpy.subtract(value, numpy.min(images, axis=-1))
    safe_value = numpy.where(numpy.greater(value, 0), value, 1.0)
    saturation = numpy.where(numpy.greater(value, 0), numpy.divide(spread, safe_value), 0.0)
    safe_spread = numpy.where(numpy.greater(spread, 0), spread, 1.0)
    hue_red = numpy.divide(numpy.subtract(green, blue), safe_spread)
    hue_green = numpy.add(numpy.divide(numpy.subtract(blue, red), safe_spread), 2.0)
    hue_blue = numpy.add(numpy.divide(numpy.subtract(red, green), safe_spread), 4.0)
    hue = numpy.where(numpy.equal(value, red), hue_red,
                      numpy.where(numpy.equal(value, green), hue_green, hue_blue))
    hue = numpy.where(numpy.greater(spread, 0), numpy.mod(numpy.divide(hue, 6.0), 1.0), 0.0)
    return _restore_layout(numpy.stack([hue, saturation, value], axis=-1), data_format)


@op
def hsv_to_rgb(images, data_format=None):
    """Convert HSV images (channels in [0, 1]) to RGB.

    Example:
        >>> ops.image.hsv_to_rgb([[[0.0, 1.0, 1.0]]])   # [[[1., 0., 0.]]]
    """
    numpy = engine.numpy
    images = _channels_last(images, data_format)
    hue, saturation, value = [numpy.take(images, i, axis=-1) for i in range(3)]
    channels = []
    for offset in (5.0, 3.0, 1.0):  # red, green, blue
        k = numpy.mod(numpy.add(numpy.multiply(hue, 6.0), offset), 6.0)
        ramp = numpy.clip(numpy.minimum(k, numpy.subtract(4.0, k)), 0.0, 1.0)
        channels.append(numpy.subtract(value, numpy.multiply(numpy.multiply(value, saturation),
                                                             ramp)))
    return _restore_layout(numpy.stack(channels, axis=-1), data_format)
