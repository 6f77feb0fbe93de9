"""Argument checks and initial values for optimizer variables."""
import numpy as np

from cornu import backend


def check_positive_or_none(name, value, integer=False):
    """Raise a ValueError naming `name` unless `value` is None or a (positive) number."""
    if value is None:
        return
    if integer:
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise ValueError(
                f"`{name}` must be an integer >= 1 or None. Received: {name}={value!r}")
        return
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ValueError(f"`{name}` must be a float or None. Received: {name}={value!r}")


def initial_value(initializer, shape, dtype):
    """Resolve the small set of initializers optimizers use without importing layers."""
    dtype = backend.standardize_dtype(dtype)
    if initializer is None or initializer == "zeros":
        return np.zeros(shape, dtype=dtype)
    if initializer == "ones":
        return np.ones(shape, dtype=dtype)
    if isinstance(initializer, (int, float)) and not isinstance(initializer, bool):
        return np.full(shape, initializer, dtype=dtype)
    if isinstance(initializer, str):
        from cornu import initializers

        initializer = initializers.get(initializer)
    if callable(initializer):
        return initializer(tuple(shape), dtype=dtype)
    raise ValueError(f"Unsupported optimizer variable initializer: {initializer!r}")
