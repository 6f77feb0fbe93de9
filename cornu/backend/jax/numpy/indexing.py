"""Gather/scatter, sorting and searching for the JAX engine."""
import builtins

import jax
import jax.numpy as jnp
import numpy as np

from cornu.backend.common.math_checks import check_searchsorted_side, check_sorted_sequence
from cornu.backend.jax.core import convert_to_tensor
from cornu.backend.jax.numpy.promotion import promote, tensor


def _indices(indices, size=None):
    indices = convert_to_tensor(indices)
    if not jnp.issubdtype(indices.dtype, jnp.integer):
        indices = indices.astype("int32")
    if size is not None:
        indices = jnp.where(indices < 0, indices + size, indices)
    return indices


def take(x, indices, axis=None):
    x = convert_to_tensor(x)
    if axis is None:
        x, axis = x.reshape(-1), 0
    return jnp.take(x, _indices(indices, x.shape[axis]), axis=axis, mode="clip")


def take_along_axis(x, indices, axis=None):
    x = convert_to_tensor(x)
    if axis is None:
        x, axis = x.reshape(-1), 0
    indices = _indices(indices, x.shape[axis])
    shape = list(jnp.broadcast_shapes(
        tuple(1 if i == axis % x.ndim else d for i, d in enumerate(x.shape)),
        tuple(1 if i == axis % x.ndim else d for i, d in enumerate(indices.shape))))
    x_shape = list(shape)
    x_shape[axis] = x.shape[axis]
    i_shape = list(shape)
    i_shape[axis] = indices.shape[axis]
    return jnp.take_along_axis(jnp.broadcast_to(x, x_shape), jnp.broadcast_to(indices, i_shape),
                               axis=axis, mode="clip")


def _index_key(key):
    if isinstance(key, tuple):
        return tuple(_index_key(k) for k in key)
    if isinstance(key, (int, builtins.slice)) or key is None or key is Ellipsis:
        return key
    if isinstance(key, list):
        key = np.asarray(key)
    return convert_to_tensor(key)


def get_item(x, key):
    return convert_to_tensor(x)[_index_key(key)]


def slice(inputs, start_indices, shape):  # noqa: A001
    inputs = convert_to_tensor(inputs)
    sizes = tuple(int(d) for d in shape)
    if isinstance(start_indices, (list, tuple)):
        starts = [convert_to_tensor(s) if not isinstance(s, int) else s for s in start_indices]
    else:
        starts = [start_indices[i] for i in range(len(sizes))]
    return jax.lax.dynamic_slice(inputs, starts, sizes)


def slice_update(inputs, start_indices, updates):
    inputs = convert_to_tensor(inputs)
    updates = tensor(updates, inputs.dtype)
    if isinstance(start_indices, (list, tuple)):
        starts = list(start_indices)
    else:
        starts = [start_indices[i] for i in range(inputs.ndim)]
    return jax.lax.dynamic_update_slice(inputs, updates, starts)


def scatter(indices, values, shape):
    indices = _indices(indices)
    values = convert_to_tensor(values)
    zeros = jnp.zeros(tuple(int(d) for d in shape), dtype=values.dtype)
    key = tuple(indices[..., i] for i in range(indices.shape[-1]))
    return zeros.at[key].add(values)


def scatter_update(inputs, indices, updates):
    inputs = convert_to_tensor(inputs)
    indices = _indices(indices)
    key = tuple(indices[..., i] for i in range(indices.shape[-1]))
    return inputs.at[key].set(tensor(updates, inputs.dtype))


def sort(x, axis=-1):
    return jnp.sort(convert_to_tensor(x), axis=axis)


def argsort(x, axis=-1):
    x = convert_to_tensor(x)
    if x.dtype == jnp.bool_:
        x = x.astype("int32")
    return jnp.argsort(x, axis=axis, stable=True).astype("int32")


def argpartition(x, kth, axis=-1):
    return argsort(x, axis=axis)


def searchsorted(sorted_sequence, values, side="left"):
    check_searchsorted_side(side)
    sorted_sequence, values = promote(sorted_sequence, values)
    check_sorted_sequence(sorted_sequence)
    return jnp.searchsorted(sorted_sequence, values, side=side).astype("int32")


def digitize(x, bins):
    x, bins = promote(x, bins)
    return jnp.searchsorted(bins, x, side="right").astype("int32")


def bincount(x, weights=None, minlength=0, sparse=False):
    x = _indices(x)
    size = builtins.max(int(jnp.max(x)) + 1 if x.size else 0, minlength)
    out_dtype = jnp.int32 if weights is None else convert_to_tensor(weights).dtype
    weights = jnp.ones_like(x, dtype=out_dtype) if weights is None else tensor(weights,
                                                                               out_dtype)
    if x.ndim == 1:
        return jnp.zeros(size, out_dtype).at[x].add(weights)
    rows = jnp.broadcast_to(jnp.arange(x.shape[0])[:, None], x.shape)
    return jnp.zeros((x.shape[0], size), out_dtype).at[rows, x].add(weights)


def nonzero(x):
    return tuple(i.astype("int32") for i in jnp.nonzero(convert_to_tensor(x)))


def argwhere(x):
    return jnp.argwhere(convert_to_tensor(x)).astype("int32")


def unravel_index(indices, shape):
    return tuple(i.astype("int32") for i in jnp.unravel_index(_indices(indices), tuple(shape)))


def histogram(x, bins=10, range=None):  # noqa: A002
    x = convert_to_tensor(x)
    compute = x if jnp.issubdtype(x.dtype, jnp.floating) else x.astype("float32")
    counts, edges = jnp.histogram(compute, bins=bins, range=range)
    return counts.astype("int32"), edges.astype(compute.dtype)


def tril_indices(n, k=0, m=None):
    return tuple(jnp.asarray(i, dtype="int32") for i in np.tril_indices(n, k, m))


def triu_indices(n, k=0, m=None):
    return tuple(jnp.asarray(i, dtype="int32") for i in np.triu_indices(n, k, m))


def unique_values(x):
    return jnp.unique(convert_to_tensor(x))
