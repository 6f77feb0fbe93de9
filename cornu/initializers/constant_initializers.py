"""Deterministic initializers: Zeros, Ones, Constant, Identity."""
import numpy as np

from cornu import ops
from cornu.backend.common.dtypes import standardize_dtype
from cornu.initializers.initializer import Initializer


class Zeros(Initializer):
    """All zeros.

    Example:
        >>> Zeros()((2, 2))  # [[0, 0], [0, 0]]
    """

    def __call__(self, shape, dtype=None):
        return ops.zeros(tuple(shape), dtype=standardize_dtype(dtype))


class Ones(Initializer):
    """All ones.

    Example:
        >>> Ones()((3,))  # [1, 1, 1]
    """

    def __call__(self, shape, dtype=None):
        return ops.ones(tuple(shape), dtype=standardize_dtype(dtype))


class Constant(Initializer):
    """Every element set to `value` (a scalar, or an array broadcastable to the shape).

    Args:
        value: the fill value.

    Example:
        >>> Constant(0.5)((2,))  # [0.5, 0.5]
    """

    def __init__(self, value=0.0):
        self.value = value

    def __call__(self, shape, dtype=None):
        dtype = standardize_dtype(dtype)
        value = ops.cast(ops.convert_to_tensor(np.asarray(self.value)), dtype)
        return ops.multiply(value, ops.ones(tuple(shape), dtype=dtype))

    def get_config(self):
        value = self.value
        if isinstance(value, np.ndarray):
            value = value.tolist()
        elif hasattr(value, "shape") and not isinstance(value, (int, float)):
            value = np.asarray(ops.convert_to_numpy(value)).tolist()
        return {"value": value}


class Identity(Initializer):
    """`gain` times the identity matrix (2D shapes only).

    Args:
        gain: multiplicative factor.

    Example:
        >>> Identity(gain=2.0)((2, 2))  # [[2, 0], [0, 2]]
    """

    def __init__(self, gain=1.0):
        self.gain = gain

    def __call__(self, shape, dtype=None):
        shape = tuple(shape)
        if len(shape) != 2:
            raise ValueError(
                f"Identity initializer can only be used for 2D shapes, received shape={shape}.")
        dtype = standardize_dtype(dtype)
        return ops.multiply(ops.cast(self.gain, dtype), ops.eye(shape[0], shape[1], dtype=dtype))

    def get_config(self):
        return {"gain": self.gain}
