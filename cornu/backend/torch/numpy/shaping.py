"""Shape manipulation for the torch engine: reshape, join, split, pad, flip, triangles."""
import numpy as np
import torch

from cornu.backend.common.shape_math import (
    check_equal_split, check_join, check_pad_mode, check_squeezable, pad_widths,
    standardize_reshape)
from cornu.backend.torch.core import convert_to_tensor
from cornu.backend.torch.numpy.promotion import normalize_axes, promote, tensor


def reshape(x, newshape):
    x = convert_to_tensor(x)
    newshape = standardize_reshape(x.shape, newshape)
    return torch.reshape(x, newshape)


def transpose(x, axes=None):
    x = convert_to_tensor(x)
    if axes is None:
        return x.permute(tuple(reversed(range(x.ndim))))
    return x.permute(tuple(axes))


def expand_dims(x, axis):
    x = convert_to_tensor(x)
    axes = (axis,) if isinstance(axis, int) else tuple(axis)
    out_ndim = x.ndim + len(axes)
    for position in sorted(a % out_ndim for a in axes):
        x = torch.unsqueeze(x, position)
    return x


def squeeze(x, axis=None):
    x = convert_to_tensor(x)
    if axis is None:
        return torch.squeeze(x)
    axes = normalize_axes(axis, x.ndim)
    check_squeezable(x.shape, axes)
    return torch.squeeze(x, dim=axes)


def concatenate(xs, axis=0):
    tensors = promote(*xs)
    if axis is None:
        return torch.cat([t.reshape(-1) for t in tensors], dim=0)
    check_join("concatenate", tensors, axis, skip_axis=True)
    return torch.cat(tensors, dim=axis)


def append(x1, x2, axis=None):
    return concatenate([x1, x2], axis=axis)


def stack(x, axis=0):
    tensors = promote(*x)
    check_join("stack", tensors, axis, skip_axis=False)
    return torch.stack(tensors, dim=axis)


def hstack(xs):
    tensors = promote(*xs)
    return torch.hstack(tensors)


def vstack(xs):
    return torch.vstack(promote(*xs))


def dstack(xs):
    return torch.dstack(promote(*xs))


def split(x, indices_or_sections, axis=0):
    x = convert_to_tensor(x)
    if isinstance(indices_or_sections, int):
        check_equal_split(x.shape, indices_or_sections, axis)
        return list(torch.tensor_split(x, indices_or_sections, dim=axis))
    return list(torch.tensor_split(x, [int(i) for i in indices_or_sections], dim=axis))


def array_split(x, indices_or_sections, axis=0):
    x = convert_to_tensor(x)
    return list(torch.tensor_split(x, indices_or_sections, dim=axis))


def unstack(x, num=None, axis=0):
    x = convert_to_tensor(x)
    return list(torch.unbind(x, dim=axis))


def tile(x, repeats):
    x = convert_to_tensor(x)
    repeats = (repeats,) if isinstance(repeats, int) else tuple(int(r) for r in repeats)
    return torch.tile(x, repeats)


def repeat(x, repeats, axis=None):
    x = convert_to_tensor(x)
    if not isinstance(repeats, int):
        repeats = tensor(repeats, "int64")
    if axis is None:
        return torch.repeat_interleave(x.reshape(-1), repeats)
    return torch.repeat_interleave(x, repeats, dim=axis)


def broadcast_to(x, shape):
    return torch.broadcast_to(convert_to_tensor(x), tuple(shape))


def _pad_indices(size, before, after, mode):
    numpy_mode = {"edge": "edge", "reflect": "reflect", "symmetric": "symmetric",
                  "wrap": "wrap"}[mode]
    return np.pad(np.arange(size), (before, after), mode=numpy_mode)


def pad(x, pad_width, mode="constant", constant_values=None):
    x = convert_to_tensor(x)
    widths = pad_widths(pad_width, x.ndim)
    mode = mode.lower()
    if mode == "constant":
        flat = []
        for before, after in reversed(widths.tolist()):
            flat += [before, after]
        value = 0 if constant_values is None else constant_values
        if x.dtype == torch.bool:
            return torch.nn.functional.pad(x.to(torch.uint8), flat, value=int(value)).bool()
        return torch.nn.functional.pad(x, flat, mode="constant", value=value)
    check_pad_mode(mode, constant_values)
    for axis, (before, after) in enumerate(widths.tolist()):
        if before or after:
            index = torch.as_tensor(_pad_indices(x.shape[axis], before, after, mode),
                                    device=x.device)
            x = torch.index_select(x, axis, index)
    return x


def flip(x, axis=None):
    x = convert_to_tensor(x)
    return torch.flip(x, dims=normalize_axes(axis, x.ndim))


def roll(x, shift, axis=None):
    x = convert_to_tensor(x)
    if axis is None:
        return torch.roll(x.reshape(-1), shifts=shift).reshape(x.shape)
    return torch.roll(x, shifts=shift, dims=axis)


def rot90(array, k=1, axes=(0, 1)):
    return torch.rot90(convert_to_tensor(array), k=k, dims=axes)


def swapaxes(x, axis1, axis2):
    return torch.swapaxes(convert_to_tensor(x), axis1, axis2)


def moveaxis(x, source, destination):
    return torch.movedim(convert_to_tensor(x), source, destination)


def ravel(x):
    return torch.ravel(convert_to_tensor(x))


def meshgrid(*x, indexing="xy"):
    tensors = [convert_to_tensor(t) for t in x]
    return list(torch.meshgrid(*tensors, indexing=indexing))


def tril(x, k=0):
    return torch.tril(convert_to_tensor(x), diagonal=k)


def triu(x, k=0):
    return torch.triu(convert_to_tensor(x), diagonal=k)


def diag(x, k=0):
    x = convert_to_tensor(x)
    if x.ndim not in (1, 2):
        raise ValueError(f"`diag` expects a 1D or 2D input, received shape {tuple(x.shape)}.")
    return torch.diag(x, diagonal=k)


def diagflat(x, k=0):
    return torch.diagflat(convert_to_tensor(x), offset=k)


def diagonal(x, offset=0, axis1=0, axis2=1):
    return torch.diagonal(convert_to_tensor(x), offset=offset, dim1=axis1, dim2=axis2)


def atleast_1d(x):
    return torch.atleast_1d(convert_to_tensor(x))


def atleast_2d(x):
    return torch.atleast_2d(convert_to_tensor(x))


def atleast_3d(x):
    return torch.atleast_3d(convert_to_tensor(x))


def diff(a, n=1, axis=-1, prepend=None, append=None):
    a = convert_to_tensor(a)
    prepend = None if prepend is None else tensor(prepend, a.dtype)
    append = None if append is None else tensor(append, a.dtype)
    return torch.diff(a, n=n, dim=axis, prepend=prepend, append=append)

