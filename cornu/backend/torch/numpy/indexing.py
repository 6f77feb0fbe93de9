"""Gather/scatter, sorting and searching for the torch engine."""
import builtins

import numpy as np
import torch

from cornu.backend.common.math_checks import check_searchsorted_side, check_sorted_sequence
from cornu.backend.torch.core import _DEVICE, convert_to_tensor
from cornu.backend.torch.numpy.promotion import promote, tensor


def _long_indices(indices, size=None):
    indices = convert_to_tensor(indices)
    if indices.dtype != torch.int64:
        indices = indices.to(torch.int64)
    if size is not None:
        indices = torch.where(indices < 0, indices + size, indices)
    return indices


def take(x, indices, axis=None):
    x = convert_to_tensor(x)
    if axis is None:
        x = x.reshape(-1)
        axis = 0
    axis = axis % x.ndim
    indices = _long_indices(indices, x.shape[axis])
    gathered = torch.index_select(x, axis, indices.reshape(-1))
    return gathered.reshape(tuple(x.shape[:axis]) + tuple(indices.shape)
                            + tuple(x.shape[axis + 1:]))


def take_along_axis(x, indices, axis=None):
    x = convert_to_tensor(x)
    if axis is None:
        x = x.reshape(-1)
        axis = 0
    indices = _long_indices(indices, x.shape[axis])
    return torch.take_along_dim(x, indices, dim=axis)


def _index_key(key):
    if isinstance(key, tuple):
        return tuple(_index_key(k) for k in key)
    if isinstance(key, (int, builtins.slice)) or key is None or key is Ellipsis:
        return key
    if isinstance(key, list):
        key = np.asarray(key)
    value = convert_to_tensor(key)
    if value.dtype == torch.bool:
        return value
    if value.ndim == 0:
        return int(value)
    return value.to(torch.int64)


def get_item(x, key):
    return convert_to_tensor(x)[_index_key(key)]


def _int_list(values):
    return [int(v) for v in (values.tolist() if torch.is_tensor(values) else values)]


def slice(inputs, start_indices, shape):  # noqa: A001
    inputs = convert_to_tensor(inputs)
    starts = _int_list(start_indices)
    sizes = _int_list(shape)
    index = tuple(builtins.slice(s, s + n) for s, n in zip(starts, sizes))
    return inputs[index]


def slice_update(inputs, start_indices, updates):
    inputs = convert_to_tensor(inputs)
    updates = tensor(updates, inputs.dtype)
    starts = _int_list(start_indices)
    index = tuple(builtins.slice(s, s + n) for s, n in zip(starts, updates.shape))
    result = inputs.clone()
    result[index] = updates
    return result


def scatter(indices, values, shape):
    indices = _long_indices(indices)
    values = convert_to_tensor(values)
    result = torch.zeros(tuple(int(d) for d in shape), dtype=values.dtype, device=values.device)
    key = tuple(indices[..., i] for i in range(indices.shape[-1]))
    return result.index_put_(key, values, accumulate=True)


def scatter_update(inputs, indices, updates):
    inputs = convert_to_tensor(inputs)
    indices = _long_indices(indices)
    updates = tensor(updates, inputs.dtype)
    key = tuple(indices[..., i] for i in range(indices.shape[-1]))
    result = inputs.clone()
    result[key] = updates
    return result


def sort(x, axis=-1):
    x = convert_to_tensor(x)
    if axis is None:
        x, axis = x.reshape(-1), 0
    return torch.sort(x, dim=axis).values


def argsort(x, axis=-1):
    x = convert_to_tensor(x)
    if axis is None:
        x, axis = x.reshape(-1), 0
    if x.dtype == torch.bool:
        x = x.to(torch.int32)
    return torch.argsort(x, dim=axis, stable=True).to(torch.int32)


def argpartition(x, kth, axis=-1):
    return argsort(x, axis=axis)


def searchsorted(sorted_sequence, values, side="left"):
    check_searchsorted_side(side)
    sorted_sequence, values = promote(sorted_sequence, values)
    check_sorted_sequence(sorted_sequence)
    return torch.searchsorted(sorted_sequence, values, side=side).to(torch.int32)


def digitize(x, bins):
    x, bins = promote(x, bins)
    return torch.bucketize(x, bins, right=True).to(torch.int32)


def bincount(x, weights=None, minlength=0, sparse=False):
    x = _long_indices(x)
    size = builtins.max(int(x.max()) + 1 if x.numel() else 0, minlength)
    out_dtype = torch.int32 if weights is None else convert_to_tensor(weights).dtype
    if weights is None:
        weights = torch.ones_like(x, dtype=torch.int32)
    weights = tensor(weights, out_dtype)
    if x.ndim == 1:
        result = torch.zeros(size, dtype=out_dtype, device=x.device)
        return result.index_add_(0, x, weights)
    result = torch.zeros((x.shape[0], size), dtype=out_dtype, device=x.device)
    return result.scatter_add_(1, x, weights)


def nonzero(x):
    x = convert_to_tensor(x)
    return tuple(i.to(torch.int32) for i in torch.nonzero(x, as_tuple=True))


def argwhere(x):
    return torch.argwhere(convert_to_tensor(x)).to(torch.int32)


def unravel_index(indices, shape):
    indices = _long_indices(indices)
    coordinates = []
    for size in reversed(tuple(int(d) for d in shape)):
        coordinates.append((indices % size).to(torch.int32))
        indices = torch.div(indices, size, rounding_mode="floor")
    return tuple(reversed(coordinates))


def histogram(x, bins=10, range=None):  # noqa: A002
    x = convert_to_tensor(x)
    compute = x.to(torch.float32) if not x.is_floating_point() else x
    low, high = (float(compute.min()), float(compute.max())) if range is None else range
    counts = torch.histc(compute, bins=bins, min=low, max=high).to(torch.int32)
    edges = torch.linspace(low, high, bins + 1, dtype=compute.dtype, device=x.device)
    return counts, edges


def tril_indices(n, k=0, m=None):
    rows, cols = np.tril_indices(n, k, m)
    return (torch.as_tensor(rows, dtype=torch.int32, device=_DEVICE),
            torch.as_tensor(cols, dtype=torch.int32, device=_DEVICE))


def triu_indices(n, k=0, m=None):
    rows, cols = np.triu_indices(n, k, m)
    return (torch.as_tensor(rows, dtype=torch.int32, device=_DEVICE),
            torch.as_tensor(cols, dtype=torch.int32, device=_DEVICE))


def unique_values(x):
    return torch.unique(convert_to_tensor(x))


