"""Projective image resampling written with `cornu.ops` (used by the random augmentations).

A transform is 8 numbers `[a0, a1, a2, b0, b1, b2, c0, c1]` mapping an output pixel
`(x, y)` to the input location `((a0 x + a1 y + a2) / k, (b0 x + b1 y + b2) / k)` with
`k = c0 x + c1 y + 1` (TensorFlow's convention, which Keras uses).
"""
from cornu import ops

FILL_MODES = ("reflect", "wrap", "constant", "nearest")
INTERPOLATIONS = ("bilinear", "nearest")


def _map_coordinates(coords, size, fill_mode):
    """Fold out-of-range float coordinates back into the image per `fill_mode`."""
    if fill_mode == "reflect":
        period = 2.0 * size
        folded = ops.mod(coords, period)
        folded = ops.where(folded >= size, period - 1.0 - folded, folded)
        return ops.clip(folded, 0.0, size - 1.0)
    if fill_mode == "wrap":
        return ops.mod(coords, float(size))
    if fill_mode == "nearest":
        return ops.clip(coords, 0.0, size - 1.0)
    return coords


def _gather(flat_images, xs, ys, height, width, fill_value):
    """Pixels at integer `(xs, ys)` of shape (b, h, w); outside -> `fill_value`."""
    inside = ops.logical_and(ops.logical_and(xs >= 0, xs <= width - 1),
                             ops.logical_and(ys >= 0, ys <= height - 1))
    xs_safe = ops.clip(xs, 0, width - 1)
    ys_safe = ops.clip(ys, 0, height - 1)
    batch, out_h, out_w = xs.shape
    index = ops.reshape(ys_safe * width + xs_safe, (batch, out_h * out_w, 1))
    values = ops.take_along_axis(flat_images, index, axis=1)
    values = ops.reshape(values, (batch, out_h, out_w, flat_images.shape[-1]))
    return ops.where(ops.expand_dims(inside, -1), values,
                     ops.cast(fill_value, flat_images.dtype))


def affine_transform(images, transforms, interpolation="bilinear", fill_mode="reflect",
                     fill_value=0.0):
    """Resample channels_last `images` (b, h, w, c) with per-image `transforms` (b, 8).

    Args:
        images: float batch, channels_last.
        transforms: (b, 8) output-to-input projective transforms.
        interpolation: `"bilinear"` or `"nearest"`.
        fill_mode: `"reflect"`, `"wrap"`, `"constant"` or `"nearest"`.
        fill_value: value outside the image for `"constant"`.
    Returns:
        Transformed images, same shape and dtype.
    """
    batch, height, width, channels = images.shape
    dtype = images.dtype
    ys, xs = ops.meshgrid(ops.arange(height, dtype=dtype), ops.arange(width, dtype=dtype),
                          indexing="ij")
    xs = ops.expand_dims(xs, 0)
    ys = ops.expand_dims(ys, 0)

    def column(i):
        return ops.reshape(transforms[:, i], (-1, 1, 1))

    denominator = column(6) * xs + column(7) * ys + 1.0
    source_x = (column(0) * xs + column(1) * ys + column(2)) / denominator
    source_y = (column(3) * xs + column(4) * ys + column(5)) / denominator
    source_x = _map_coordinates(source_x, width, fill_mode)
    source_y = _map_coordinates(source_y, height, fill_mode)
    flat = ops.reshape(images, (batch, height * width, channels))
    if interpolation == "nearest":
        return _gather(flat, ops.cast(ops.round(source_x), "int32"),
                       ops.cast(ops.round(source_y), "int32"), height, width, fill_value)
    x0 = ops.floor(source_x)
    y0 = ops.floor(source_y)
    wx = ops.expand_dims(source_x - x0, -1)
    wy = ops.expand_dims(source_y - y0, -1)
    x0 = ops.cast(x0, "int32")
    y0 = ops.cast(y0, "int32")
    x1 = x0 + 1
    y1 = y0 + 1
    top = (_gather(flat, x0, y0, height, width, fill_value) * (1.0 - wx)
           + _gather(flat, x1, y0, height, width, fill_value) * wx)
    bottom = (_gather(flat, x0, y1, height, width, fill_value) * (1.0 - wx)
              + _gather(flat, x1, y1, height, width, fill_value) * wx)
    return top * (1.0 - wy) + bottom * wy
