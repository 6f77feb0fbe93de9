"""Engine-neutral shape arithmetic and checks shared by the torch and JAX `numpy` modules.

Everything here works on Python ints, tuples and NumPy arrays (or reads `.shape` only), so
both engines validate user arguments identically before calling their own kernels.
"""
import numpy as np


def standardize_reshape(shape, newshape):
    """Normalize `newshape` (int, or sequence with `None`/-1 for one unknown) and check it fits.

    Args:
        shape: the current shape (sequence of ints).
        newshape: requested shape; an int, or a sequence where `None` means -1.

    Returns:
        The requested shape as a tuple of ints (unknown dimension as -1).

    Example:
        >>> standardize_reshape((2, 3), (None, 2))
        (-1, 2)
    """
    if isinstance(newshape, int):
        newshape = (newshape,)
    newshape = tuple(-1 if d is None else int(d) for d in newshape)
    known = 1
    for dim in newshape:
        if dim != -1:
            known *= dim
    total = 1
    for dim in shape:
        total *= dim
    unknown = newshape.count(-1)
    if unknown > 1 or (unknown == 0 and known != total) or (
            unknown == 1 and (known == 0 or total % known)):
        raise ValueError(
            f"`reshape`: cannot reshape a tensor of shape {tuple(shape)} ({total} elements) "
            f"into shape {newshape}.")
    return newshape


def check_squeezable(shape, axes):
    """Check every axis in `axes` has size 1 so it can be squeezed.

    Args:
        shape: the tensor's shape.
        axes: non-negative axis indices.

    Returns:
        None.

    Example:
        >>> check_squeezable((2, 1), (1,))
    """
    for position in axes:
        if shape[position] != 1:
            raise ValueError(
                f"Cannot squeeze axis {position} of a tensor with shape {tuple(shape)}: "
                f"its size is {shape[position]}, not 1.")


def check_join(op_name, tensors, axis, skip_axis):
    """Check tensors can be concatenated (`skip_axis=True`) or stacked along `axis`.

    Args:
        op_name: op name used in the error message.
        tensors: sequence of engine tensors.
        axis: the join axis.
        skip_axis: whether sizes along `axis` may differ (concatenate) or not (stack).

    Returns:
        None.

    Example:
        >>> check_join("stack", [a, b], 0, skip_axis=False)
    """
    first = tuple(tensors[0].shape)
    for other in tensors[1:]:
        shape = tuple(other.shape)
        same_rank = len(shape) == len(first)
        if same_rank and skip_axis:
            axis_index = axis % len(first) if first else 0
            matches = all(a == b for i, (a, b) in enumerate(zip(first, shape)) if i != axis_index)
        else:
            matches = same_rank and shape == first
        if not matches:
            raise ValueError(
                f"`{op_name}`: all inputs must have the same shape"
                f"{' except along axis ' + str(axis) if skip_axis else ''}, received shapes "
                f"{[tuple(t.shape) for t in tensors]}.")


def check_equal_split(shape, sections, axis):
    """Check axis `axis` of `shape` divides into `sections` equal parts.

    Args:
        shape: the tensor's shape.
        sections: number of equal sections requested.
        axis: the split axis.

    Returns:
        None.

    Example:
        >>> check_equal_split((6, 2), 3, 0)
    """
    if shape[axis] % sections:
        raise ValueError(
            f"`split`: axis {axis} of size {shape[axis]} cannot be divided into "
            f"{sections} equal sections.")


def pad_widths(pad_width, ndim):
    """NumPy-style `pad_width` (int, pair, or one pair per axis) as an `(ndim, 2)` array.

    Args:
        pad_width: int, `(before, after)` pair, or one pair per axis.
        ndim: rank of the tensor being padded.

    Returns:
        An int64 NumPy array of shape `(ndim, 2)`.

    Example:
        >>> pad_widths(1, 2).tolist()
        [[1, 1], [1, 1]]
    """
    widths = np.asarray(pad_width, dtype=np.int64)
    if widths.ndim == 0:
        return np.full((ndim, 2), int(widths))
    return np.broadcast_to(widths.reshape(-1, 2), (ndim, 2))


def check_pad_mode(mode, constant_values):
    """Check a non-constant `pad` mode is supported and gets no `constant_values`.

    Args:
        mode: lower-cased padding mode other than 'constant'.
        constant_values: the user's `constant_values` argument.

    Returns:
        None.

    Example:
        >>> check_pad_mode("reflect", None)
    """
    if constant_values not in (None, 0):
        raise ValueError(f"`pad`: constant_values is only valid with mode='constant', "
                         f"received mode={mode!r}.")
    if mode not in ("edge", "reflect", "symmetric", "wrap"):
        raise ValueError(
            "`pad`: mode must be one of 'constant', 'edge', 'reflect', 'symmetric', 'wrap', "
            f"received {mode!r}.")


def standardize_shape(shape):
    """A creation op's `shape` argument (int or sequence) as a tuple of Python ints.

    Args:
        shape: int or sequence of ints.

    Returns:
        A tuple of ints.

    Example:
        >>> standardize_shape(3)
        (3,)
    """
    if isinstance(shape, int):
        return (shape,)
    return tuple(int(d) for d in shape)


def check_matmul_shapes(x1, x2):
    """Check `matmul` operands are not scalars and their contracted axes agree.

    Args:
        x1: left engine tensor.
        x2: right engine tensor.

    Returns:
        None.

    Example:
        >>> check_matmul_shapes(a_of_shape_2_3, b_of_shape_3_4)
    """
    if x1.ndim == 0 or x2.ndim == 0:
        raise ValueError(
            f"`matmul` does not accept scalars, received shapes {tuple(x1.shape)} and "
            f"{tuple(x2.shape)}.")
    if x1.shape[-1] != x2.shape[-2 if x2.ndim > 1 else 0]:
        raise ValueError(
            f"`matmul`: incompatible shapes {tuple(x1.shape)} and {tuple(x2.shape)} (the last "
            f"axis of x1 must match the second-to-last axis of x2).")
