"""Core ops: conversion and dtype helpers (more are added by the ops family modules)."""
from cornu import backend
from cornu.backend import engine
from cornu.backend.common.dtypes import standardize_dtype
from cornu.backend.common.keras_tensor import KerasTensor
from cornu.ops.dispatch import op


def convert_to_tensor(x, dtype=None, sparse=None, ragged=None):
    """Convert an array-like (or a Variable) to a tensor of the engine."""
    return engine.core.convert_to_tensor(x, dtype=dtype)


def convert_to_numpy(x):
    """Convert a tensor (or Variable) to a NumPy array."""
    if isinstance(x, KerasTensor):
        raise TypeError("A symbolic KerasTensor has no value to convert to NumPy.")
    return engine.core.convert_to_numpy(x)


def is_tensor(x):
    return engine.core.is_tensor(x)


@op
def cast(x, dtype):
    """Cast `x` to `dtype`."""
    return engine.core.cast(x, standardize_dtype(dtype))


def shape(x):
    """The shape of `x` as a tuple (`None` for unknown symbolic dims)."""
    if isinstance(x, (KerasTensor, backend.Variable)):
        return tuple(x.shape)
    return tuple(x.shape) if hasattr(x, "shape") else tuple(convert_to_tensor(x).shape)


def dtype(x):
    return standardize_dtype(x.dtype)


# --- Slicing and scattering -----------------------------------------------------------------
# (Added by the ops work; the functions above are the lead's originals.)
import importlib as _importlib  # noqa: E402

import numpy as _np  # noqa: E402

from cornu.backend.common.dtypes import result_type as _result_type  # noqa: E402
from cornu.ops.spec import engine_op  # noqa: E402

_control_flow = _importlib.import_module(f"{engine.__name__}.control_flow")

slice = engine_op("numpy", "slice",  # noqa: A001
                  "Static-size slice of `inputs` starting at `start_indices` with `shape`.")
slice_update = engine_op("numpy", "slice_update",
                         "Copy of `inputs` with `updates` written at `start_indices`.")
scatter = engine_op("numpy", "scatter",
                    "Zeros of `shape` with `values` added at `indices` (duplicates sum).")
scatter_update = engine_op("numpy", "scatter_update",
                           "Copy of `inputs` with `updates` set at `indices` (last axis: coords).")
unstack = engine_op("numpy", "unstack", "Split `x` into a list of tensors along `axis`.")


def _saturate_bounds(dtype):
    dtype = standardize_dtype(dtype)
    if dtype == "bool":
        return None
    if dtype.startswith(("int", "uint")):
        info = _np.iinfo(dtype)
    else:
        info = _np.finfo("float32" if dtype == "bfloat16" else dtype)
    return float(info.min), float(info.max)


@op
def saturate_cast(x, dtype):
    """Cast `x` to `dtype`, clipping values to the range of the target type first.

    Args:
        x: tensor.
        dtype: target dtype name.

    Returns:
        The cast tensor.

    Example:
        >>> saturate_cast([300, -5], "uint8")   # [255, 0]
    """
    bounds = _saturate_bounds(dtype)
    x = engine.core.convert_to_tensor(x)
    if bounds is not None and standardize_dtype(x.dtype) != "bool":
        low, high = bounds
        source = standardize_dtype(x.dtype)
        if source.startswith(("int", "uint")):
            source_info = _np.iinfo(source)
            low, high = max(low, source_info.min), min(high, source_info.max)
            x = engine.numpy.clip(x, int(low), int(high))
        else:
            x = engine.numpy.clip(x, low, high)
    return engine.core.cast(x, standardize_dtype(dtype))


def ndim(x):
    """Number of dimensions of `x`."""
    return len(shape(x))


def size(x):
    """Number of elements of `x` (`None` if a symbolic dimension is unknown)."""
    total = 1
    for dim in shape(x):
        if dim is None:
            return None
        total *= dim
    return total


def result_type(*dtypes):
    """Keras promotion of dtypes (Python `int`/`float` are weak types)."""
    return _result_type(*dtypes)


# --- Control flow -------------------------------------------------------------------------------
@op
def cond(pred, true_fn, false_fn):
    """Call `true_fn()` if `pred` is true, else `false_fn()` (traceable under jax.jit).

    Example:
        >>> cond(x > 0, lambda: x, lambda: -x)
    """
    return _control_flow.cond(pred, true_fn, false_fn)


@op
def switch(index, branches, *operands):
    """Call `branches[index](*operands)`; `index` is clamped to the valid range."""
    return _control_flow.switch(index, branches, *operands)


@op
def while_loop(cond, body, loop_vars, maximum_iterations=None):
    """Repeat `loop_vars = body(*loop_vars)` while `cond(*loop_vars)` holds.

    Args:
        cond: callable returning a boolean scalar.
        body: callable returning new loop variables (same structure).
        loop_vars: a tensor or a tuple/list of tensors.
        maximum_iterations: optional cap on the number of iterations.

    Returns:
        The final loop variables (same structure as `loop_vars`).

    Example:
        >>> while_loop(lambda i: i < 10, lambda i: i + 1, 0)   # 10
    """
    return _control_flow.while_loop(cond, body, loop_vars, maximum_iterations)


@op
def fori_loop(lower, upper, body_fun, init_val):
    """`val = body_fun(i, val)` for `i` in `range(lower, upper)`; returns the final `val`."""
    return _control_flow.fori_loop(lower, upper, body_fun, init_val)


@op
def scan(f, init, xs=None, length=None, reverse=False, unroll=1):
    """Loop `carry, y = f(carry, x)` over the leading axis of `xs`; returns `(carry, ys)`."""
    return _control_flow.scan(f, init, xs, length, reverse, unroll)


@op
def associative_scan(f, elems, reverse=False, axis=0):
    """Inclusive scan of an associative binary `f` along `axis`."""
    return _control_flow.associative_scan(f, elems, reverse, axis)


@op
def map(f, xs):  # noqa: A001
    """Apply `f` to each slice of `xs` along the leading axis and stack the results."""
    return _control_flow.map(f, xs)


@op
def vectorized_map(function, elements):
    """Map `function` over the leading axis of `elements` (vmapped on JAX)."""
    return _control_flow.vectorized_map(function, elements)


@op
def stop_gradient(variable):
    """Return `variable` as a tensor that gradients do not flow through."""
    return _control_flow.stop_gradient(variable)


def custom_gradient(f):
    """Decorator: `f(*args)` returns `(output, grad_fn)`; `grad_fn(upstream)` gives input grads.

    Example:
        >>> @custom_gradient
        ... def clipped_identity(x):
        ...     return x, lambda upstream: ops.clip(upstream, -1.0, 1.0)
    """
    return _control_flow.custom_gradient(f)


