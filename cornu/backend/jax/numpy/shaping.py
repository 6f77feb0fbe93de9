"""Shape manipulation for the JAX engine: reshape, join, split, pad, flip, triangles."""
import numpy as np
import jax.numpy as jnp

from cornu.backend.common.shape_math import (
    check_equal_split, check_join, check_pad_mode, check_squeezable, pad_widths,
    standardize_reshape)
from cornu.backend.jax.core import convert_to_tensor
from cornu.backend.jax.numpy.promotion import normalize_axes, promote, tensor


def reshape(x, newshape):
    x = convert_to_tensor(x)
    newshape = standardize_reshape(x.shape, newshape)
    return jnp.reshape(x, newshape)


def transpose(x, axes=None):
    return jnp.transpose(convert_to_tensor(x), axes=None if axes is None else tuple(axes))


def expand_dims(x, axis):
    axis = axis if isinstance(axis, int) else tuple(axis)
    return jnp.expand_dims(convert_to_tensor(x), axis)


def squeeze(x, axis=None):
    x = convert_to_tensor(x)
    if axis is None:
        return jnp.squeeze(x)
    axes = normalize_axes(axis, x.ndim)
    check_squeezable(x.shape, axes)
    return jnp.squeeze(x, axis=axes)


def concatenate(xs, axis=0):
    tensors = promote(*xs)
    if axis is not None:
        check_join("concatenate", tensors, axis, skip_axis=True)
    return jnp.concatenate(tensors, axis=axis)


def append(x1, x2, axis=None):
    return concatenate([x1, x2], axis=axis)


def stack(x, axis=0):
    tensors = promote(*x)
    check_join("stack", tensors, axis, skip_axis=False)
    return jnp.stack(tensors, axis=axis)


def hstack(xs):
    return jnp.hstack(promote(*xs))


def vstack(xs):
    return jnp.vstack(promote(*xs))


def dstack(xs):
    return jnp.dstack(promote(*xs))


def split(x, indices_or_sections, axis=0):
    x = convert_to_tensor(x)
    if isinstance(indices_or_sections, int):
        check_equal_split(x.shape, indices_or_sections, axis)
        return jnp.split(x, indices_or_sections, axis=axis)
    return jnp.split(x, [int(i) for i in indices_or_sections], axis=axis)


def array_split(x, indices_or_sections, axis=0):
    return jnp.array_split(convert_to_tensor(x), indices_or_sections, axis=axis)


def unstack(x, num=None, axis=0):
    x = convert_to_tensor(x)
    return [jnp.take(x, i, axis=axis) for i in range(x.shape[axis])]


def tile(x, repeats):
    return jnp.tile(convert_to_tensor(x), repeats)


def repeat(x, repeats, axis=None):
    x = convert_to_tensor(x)
    if not isinstance(repeats, int):
        repeats = np.asarray(repeats)
    return jnp.repeat(x, repeats, axis=axis)


def broadcast_to(x, shape):
    return jnp.broadcast_to(convert_to_tensor(x), tuple(shape))


def pad(x, pad_width, mode="constant", constant_values=None):
    x = convert_to_tensor(x)
    widths = [tuple(int(v) for v in pair) for pair in pad_widths(pad_width, x.ndim)]
    mode = mode.lower()
    if mode == "constant":
        value = 0 if constant_values is None else constant_values
        return jnp.pad(x, widths, mode="constant", constant_values=value)
    check_pad_mode(mode, constant_values)
    return jnp.pad(x, widths, mode=mode)


def flip(x, axis=None):
    x = convert_to_tensor(x)
    return jnp.flip(x, axis=None if axis is None else normalize_axes(axis, x.ndim))


def roll(x, shift, axis=None):
    return jnp.roll(convert_to_tensor(x), shift, axis=axis)


def rot90(array, k=1, axes=(0, 1)):
    return jnp.rot90(convert_to_tensor(array), k=k, axes=tuple(axes))


def swapaxes(x, axis1, axis2):
    return jnp.swapaxes(convert_to_tensor(x), axis1, axis2)


def moveaxis(x, source, destination):
    return jnp.moveaxis(convert_to_tensor(x), source, destination)


def ravel(x):
    return jnp.ravel(convert_to_tensor(x))


def meshgrid(*x, indexing="xy"):
    return list(jnp.meshgrid(*[convert_to_tensor(t) for t in x], indexing=indexing))


def tril(x, k=0):
    return jnp.tril(convert_to_tensor(x), k=k)


def triu(x, k=0):
    return jnp.triu(convert_to_tensor(x), k=k)


def diag(x, k=0):
    x = convert_to_tensor(x)
    if x.ndim not in (1, 2):
        raise ValueError(f"`diag` expects a 1D or 2D input, received shape {tuple(x.shape)}.")
    return jnp.diag(x, k=k)


def diagflat(x, k=0):
    return jnp.diagflat(convert_to_tensor(x), k=k)


def diagonal(x, offset=0, axis1=0, axis2=1):
    return jnp.diagonal(convert_to_tensor(x), offset=offset, axis1=axis1, axis2=axis2)


def atleast_1d(x):
    return jnp.atleast_1d(convert_to_tensor(x))


def atleast_2d(x):
    return jnp.atleast_2d(convert_to_tensor(x))


def atleast_3d(x):
    return jnp.atleast_3d(convert_to_tensor(x))


def diff(a, n=1, axis=-1, prepend=None, append=None):
    a = convert_to_tensor(a)
    prepend = None if prepend is None else tensor(prepend, a.dtype)
    append = None if append is None else tensor(append, a.dtype)
    return jnp.diff(a, n=n, axis=axis, prepend=prepend, append=append)

