"""Keras-style dtype promotion for the JAX engine (mirrors the torch engine's helpers)."""
import jax.numpy as jnp

from cornu import config
from cornu.backend.common.dtypes import standardize_dtype
from cornu.backend.common.promotion import (  # noqa: F401 (re-exported to engine ops)
    SMALL_INTS_TO_INT32, WEAK_TYPES, normalize_axes, promoted_dtype)
from cornu.backend.jax.core import Variable, convert_to_tensor, to_jax_dtype


def dtype_name(x):
    """Canonical dtype name of a tensor-like; Python scalars give their (weak) type."""
    if type(x) in WEAK_TYPES:
        return type(x)
    if isinstance(x, Variable):
        return x.read_dtype
    if hasattr(x, "dtype"):
        return standardize_dtype(x.dtype)
    return standardize_dtype(convert_to_tensor(x).dtype)


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
