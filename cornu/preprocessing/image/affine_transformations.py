"""Affine and colour transforms of single image arrays (NumPy + scipy.ndimage)."""
import numpy as np

_FILL_MODES = ("constant", "nearest", "reflect", "wrap")


def _ndimage():
    try:
        from scipy import ndimage
    except ImportError as error:  # pragma: no cover - scipy is a dependency
        raise ImportError("Image augmentation needs scipy: `pip install scipy`.") from error
    return ndimage


def transform_matrix_offset_center(matrix, rows, cols):
    """Conjugate a 3x3 homogeneous matrix so it acts about the image centre."""
    center_row, center_col = rows / 2.0 - 0.5, cols / 2.0 - 0.5
    to_center = np.array([[1, 0, center_row], [0, 1, center_col], [0, 0, 1]])
    from_center = np.array([[1, 0, -center_row], [0, 1, -center_col], [0, 0, 1]])
    return to_center @ matrix @ from_center


def apply_affine_transform(x, theta=0, tx=0, ty=0, shear=0, zx=1, zy=1, row_axis=0,
                           col_axis=1, channel_axis=2, fill_mode="nearest", cval=0.0,
                           order=1):
    """Rotate, shift, shear and zoom one image.

    The matrix maps output pixel coordinates to input coordinates, so a positive
    `tx` samples from lower rows (the content moves up).

    Args:
        x: 3D image array.
        theta: rotation angle in degrees.
        tx: shift along rows (pixels); ty: shift along columns (pixels).
        shear: shear angle in degrees.
        zx: zoom factor along rows; zy: zoom factor along columns (>1 zooms out).
        row_axis, col_axis, channel_axis: axes of `x`.
        fill_mode: "constant", "nearest", "reflect" or "wrap" for points outside.
        cval: fill value for "constant".
        order: spline interpolation order (0 nearest, 1 bilinear).

    Returns:
        The transformed image, same shape and dtype as `x`.

    Example:
        >>> apply_affine_transform(image, theta=15, fill_mode="constant").shape
        (28, 28, 1)
    """
    if fill_mode not in _FILL_MODES:
        raise ValueError(f"`fill_mode` must be one of {_FILL_MODES}; received {fill_mode!r}.")
    if np.ndim(x) != 3:
        raise ValueError(f"apply_affine_transform expects a 3D image; received shape "
                         f"{np.shape(x)}.")
    matrix = np.eye(3)
    if theta:
        angle = np.deg2rad(theta)
        matrix = matrix @ np.array([[np.cos(angle), -np.sin(angle), 0],
                                    [np.sin(angle), np.cos(angle), 0], [0, 0, 1]])
    if tx or ty:
        matrix = matrix @ np.array([[1, 0, tx], [0, 1, ty], [0, 0, 1]])
    if shear:
        angle = np.deg2rad(shear)
        matrix = matrix @ np.array([[1, -np.sin(angle), 0], [0, np.cos(angle), 0], [0, 0, 1]])
    if zx != 1 or zy != 1:
        matrix = matrix @ np.array([[zx, 0, 0], [0, zy, 0], [0, 0, 1]])
    if np.allclose(matrix, np.eye(3)):
        return x
    rows, cols = x.shape[row_axis], x.shape[col_axis]
    matrix = transform_matrix_offset_center(matrix, rows, cols)
    images = np.moveaxis(x, (channel_axis, row_axis, col_axis), (0, 1, 2))
    ndimage = _ndimage()
    result = np.stack([
        ndimage.affine_transform(plane, matrix[:2, :2], matrix[:2, 2], order=order,
                                 mode=fill_mode, cval=cval)
        for plane in images])
    return np.moveaxis(result, (0, 1, 2), (channel_axis, row_axis, col_axis)).astype(x.dtype)


def flip_axis(x, axis):
    """Reverse `x` along `axis` (a copy)."""
    return np.flip(x, axis=axis).copy()


def apply_channel_shift(x, intensity, channel_axis=2):
    """Add `intensity` to every channel, clipped to the image's original value range."""
    low, high = np.min(x), np.max(x)
    return np.clip(x + intensity, low, high).astype(x.dtype)


def apply_brightness_shift(x, brightness, scale=True):
    """Multiply pixel values by `brightness`, clipped to 0..255 (or the input range)."""
    high = 255.0 if scale or np.max(x) > 1.0 else 1.0
    return np.clip(x * brightness, 0.0, high).astype(x.dtype)
