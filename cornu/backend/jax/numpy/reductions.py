"""Reductions and scans for the JAX engine, with Keras result dtypes."""
import jax
import jax.numpy as jnp

from cornu import config
from cornu.backend.common.dtypes import standardize_dtype
from cornu.backend.jax.core import convert_to_tensor
from cornu.backend.jax.numpy.promotion import (
    SMALL_INTS_TO_INT32, is_float, jax_dtype, tensor, to_float)


def _axis(axis):
    if axis is None or isinstance(axis, int):
        return axis
    return tuple(axis)


def _accumulation_dtype(x):
    name = standardize_dtype(x.dtype)
    return jax_dtype(SMALL_INTS_TO_INT32.get(name, name))


def _low_precision(x):
    return x.dtype in (jnp.float16, jnp.bfloat16)


def sum(x, axis=None, keepdims=False):  # noqa: A001
    x = convert_to_tensor(x)
    return jnp.sum(x, axis=_axis(axis), keepdims=keepdims, dtype=_accumulation_dtype(x))


def prod(x, axis=None, keepdims=False, dtype=None):
    x = convert_to_tensor(x)
    target = jax_dtype(dtype) if dtype is not None else _accumulation_dtype(x)
    return jnp.prod(x.astype(target), axis=_axis(axis), keepdims=keepdims)


def mean(x, axis=None, keepdims=False):
    x = convert_to_tensor(x)
    if is_float(x):
        if _low_precision(x):
            return jnp.mean(x.astype("float32"), axis=_axis(axis), keepdims=keepdims).astype(
                x.dtype)
        return jnp.mean(x, axis=_axis(axis), keepdims=keepdims)
    return jnp.mean(to_float(x), axis=_axis(axis), keepdims=keepdims)


def var(x, axis=None, keepdims=False):
    x = to_float(x)
    compute = x.astype("float32") if _low_precision(x) else x
    return jnp.var(compute, axis=_axis(axis), keepdims=keepdims).astype(x.dtype)


def std(x, axis=None, keepdims=False):
    return jnp.sqrt(var(x, axis=axis, keepdims=keepdims))


def max(x, axis=None, keepdims=False, initial=None):  # noqa: A001
    x = convert_to_tensor(x)
    if x.size == 0 and initial is None:
        raise ValueError(f"Cannot compute the max of an empty tensor of shape {x.shape} "
                         "without `initial`.")
    return jnp.max(x, axis=_axis(axis), keepdims=keepdims, initial=initial)


def min(x, axis=None, keepdims=False, initial=None):  # noqa: A001
    x = convert_to_tensor(x)
    if x.size == 0 and initial is None:
        raise ValueError(f"Cannot compute the min of an empty tensor of shape {x.shape} "
                         "without `initial`.")
    return jnp.min(x, axis=_axis(axis), keepdims=keepdims, initial=initial)


def amax(x, axis=None, keepdims=False):
    return max(x, axis=axis, keepdims=keepdims)


def amin(x, axis=None, keepdims=False):
    return min(x, axis=axis, keepdims=keepdims)


def any(x, axis=None, keepdims=False):  # noqa: A001
    return jnp.any(tensor(x, "bool"), axis=_axis(axis), keepdims=keepdims)


def all(x, axis=None, keepdims=False):  # noqa: A001
    return jnp.all(tensor(x, "bool"), axis=_axis(axis), keepdims=keepdims)


def argmax(x, axis=None, keepdims=False):
    x = convert_to_tensor(x)
    return jnp.argmax(x, axis=axis, keepdims=keepdims).astype("int32")


def argmin(x, axis=None, keepdims=False):
    x = convert_to_tensor(x)
    return jnp.argmin(x, axis=axis, keepdims=keepdims).astype("int32")


def cumsum(x, axis=None, dtype=None):
    x = convert_to_tensor(x)
    target = jax_dtype(dtype) if dtype is not None else _accumulation_dtype(x)
    return jnp.cumsum(x, axis=axis, dtype=target)


def cumprod(x, axis=None, dtype=None):
    x = convert_to_tensor(x)
    target = jax_dtype(dtype) if dtype is not None else _accumulation_dtype(x)
    return jnp.cumprod(x, axis=axis, dtype=target)


def count_nonzero(x, axis=None):
    x = convert_to_tensor(x)
    return jnp.sum(x != 0, axis=_axis(axis), dtype="int32")


def quantile(x, q, axis=None, method="linear", keepdims=False):
    x = convert_to_tensor(x)
    out_dtype = x.dtype if is_float(x) else jax_dtype(config.floatx())
    compute = x.astype("float32") if x.dtype != jnp.float64 else x
    q = tensor(q, compute.dtype)
    return jnp.quantile(compute, q, axis=_axis(axis), method=method,
                        keepdims=keepdims).astype(out_dtype)


def median(x, axis=None, keepdims=False):
    return quantile(x, 0.5, axis=axis, keepdims=keepdims)


def percentile(x, q, axis=None, method="linear", keepdims=False):
    return quantile(x, tensor(q, "float32") / 100.0, axis=axis, method=method, keepdims=keepdims)


def average(x, axis=None, weights=None):
    x = to_float(x)
    if weights is not None:
        weights = tensor(weights, x.dtype)
    return jnp.average(x, axis=axis, weights=weights)


def ptp(x, axis=None, keepdims=False):
    return jnp.ptp(convert_to_tensor(x), axis=_axis(axis), keepdims=keepdims)


def logsumexp(x, axis=None, keepdims=False):
    x = to_float(x)
    return jax.scipy.special.logsumexp(x, axis=_axis(axis), keepdims=keepdims)


def trace(x, offset=0, axis1=0, axis2=1):
    x = convert_to_tensor(x)
    return jnp.trace(x, offset=offset, axis1=axis1, axis2=axis2, dtype=_accumulation_dtype(x))


