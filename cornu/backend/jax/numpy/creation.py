"""Tensor creation for the JAX engine (zeros, ones, full, eye, arange, linspace, ...)."""
import jax.numpy as jnp
import numpy as np

from cornu import config
from cornu.backend.common.shape_math import standardize_shape
from cornu.backend.jax.core import convert_to_tensor
from cornu.backend.jax.numpy.promotion import dtype_name, jax_dtype, promoted_dtype, tensor


def _dtype(dtype):
    return jax_dtype(dtype if dtype is not None else config.floatx())


def zeros(shape, dtype=None):
    return jnp.zeros(standardize_shape(shape), dtype=_dtype(dtype))


def ones(shape, dtype=None):
    return jnp.ones(standardize_shape(shape), dtype=_dtype(dtype))


def empty(shape, dtype=None):
    return jnp.empty(standardize_shape(shape), dtype=_dtype(dtype))


def full(shape, fill_value, dtype=None):
    if dtype is None:
        dtype = promoted_dtype(dtype_name(fill_value))
    return jnp.broadcast_to(tensor(fill_value, dtype), standardize_shape(shape))


def _like_dtype(x, dtype):
    return jax_dtype(dtype) if dtype is not None else x.dtype


def zeros_like(x, dtype=None):
    x = convert_to_tensor(x)
    return jnp.zeros_like(x, dtype=_like_dtype(x, dtype))


def ones_like(x, dtype=None):
    x = convert_to_tensor(x)
    return jnp.ones_like(x, dtype=_like_dtype(x, dtype))


def empty_like(x, dtype=None):
    x = convert_to_tensor(x)
    return jnp.empty_like(x, dtype=_like_dtype(x, dtype))


def full_like(x, fill_value, dtype=None):
    x = convert_to_tensor(x)
    target = _like_dtype(x, dtype)
    return jnp.broadcast_to(tensor(fill_value, target), x.shape)


def eye(N, M=None, k=0, dtype=None):
    return jnp.eye(N, M, k=k, dtype=_dtype(dtype))


def identity(n, dtype=None):
    return eye(n, dtype=dtype)


def tri(N, M=None, k=0, dtype=None):
    return jnp.tri(N, M, k=k, dtype=_dtype(dtype))


def arange(start, stop=None, step=1, dtype=None):
    if stop is None:
        start, stop = 0, start
    if dtype is None:
        dtype = promoted_dtype(*[dtype_name(v) for v in (start, stop, step) if v is not None])
    return jnp.arange(start, stop, step, dtype=jax_dtype(dtype))


def linspace(start, stop, num=50, endpoint=True, retstep=False, dtype=None, axis=0):
    return jnp.linspace(start, stop, num=num, endpoint=endpoint, retstep=retstep,
                        dtype=_dtype(dtype), axis=axis)


def logspace(start, stop, num=50, endpoint=True, base=10, dtype=None, axis=0):
    return jnp.logspace(start, stop, num=num, endpoint=endpoint, base=base,
                        dtype=_dtype(dtype), axis=axis)


def geomspace(start, stop, num=50, endpoint=True, dtype=None, axis=0):
    log_start = np.log10(float(start))
    log_stop = np.log10(float(stop))
    return logspace(log_start, log_stop, num=num, endpoint=endpoint, dtype=dtype, axis=axis)


def array(x, dtype=None):
    return tensor(x, dtype)


def copy(x):
    return jnp.array(convert_to_tensor(x), copy=True)
