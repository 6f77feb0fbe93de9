"""Keras-style dtype promotion for the JAX engine (mirrors the torch engine's helpers)."""
import functools

import jax.numpy as jnp

from cornu import config
from cornu.backend.common.dtypes import result_type, standardize_dtype
from cornu.backend.jax.core import Variable, convert_to_tensor, to_jax_dtype

_WEAK_TYPES = (bool, int, float, complex)
SMALL_INTS_TO_INT32 = {"bool": "int32", "int8": "int32", "int16": "int32",
                       "uint8": "uint32", "uint16": "uint32"}


def dtype_name(x):
    """Canonical dtype name of a tensor-like; Python scalars give their (weak) type."""
    if type(x) in _WEAK_TYPES:
        return type(x)
    if isinstance(x, Variable):
        return x.dtype
    if hasattr(x, "dtype"):
        return standardize_dtype(x.dtype)
    return standardize_dtype(convert_to_tensor(x).dtype)


@functools.lru_cache(maxsize=1024)
def _cached_result_type(floatx, dtypes):
    return result_type(*dtypes)


def promoted_dtype(*dtypes):
    return _cached_result_type(config.floatx(), dtypes)


def tensor(x, dtype=None):
    return convert_to_tensor(x, dtype=dtype)


def promote(*values):
    target = promoted_dtype(*[dtype_name(v) for v in values])
    return [convert_to_tensor(v, dtype=target) for v in values]


def is_float(x):
    return jnp.issubdtype(x.dtype, jnp.floating) or jnp.issubdtype(x.dtype, jnp.complexfloating)


def to_float(x):
    x = convert_to_tensor(x)
    if is_float(x):
        return x
    return x.astype(to_jax_dtype(config.floatx()))


def jax_dtype(name):
    return to_jax_dtype(name)


def normalize_axes(axis, ndim):
    if axis is None:
        return tuple(range(ndim))
    if isinstance(axis, int):
        axis = (axis,)
    return tuple(a % ndim if ndim else a for a in axis)
