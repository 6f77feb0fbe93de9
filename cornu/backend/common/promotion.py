"""Engine-neutral pieces of Keras-style dtype promotion shared by both engines.

Each engine's `numpy/promotion.py` keeps the parts that touch its tensors (reading a tensor's
dtype, casting); the dtype arithmetic on names lives here.
"""
import functools

from cornu import config
from cornu.backend.common.dtypes import result_type

WEAK_TYPES = (bool, int, float, complex)
SMALL_INTS_TO_INT32 = {"bool": "int32", "int8": "int32", "int16": "int32",
                       "uint8": "uint32", "uint16": "uint32"}


@functools.lru_cache(maxsize=1024)
def _cached_result_type(floatx, dtypes):
    # `floatx` is part of the key because weak float promotion depends on it.
    return result_type(*dtypes)


def promoted_dtype(*dtypes):
    """Keras result dtype of dtype names / Python types, cached per `floatx`.

    Args:
        *dtypes: dtype names (e.g. "int32") or Python scalar types (`int`, `float`).

    Returns:
        The promoted dtype name.

    Example:
        >>> promoted_dtype("int32", float)
        'float32'
    """
    return _cached_result_type(config.floatx(), dtypes)


def normalize_axes(axis, ndim):
    """Tuple of non-negative axes; `None` means all axes.

    Args:
        axis: None, an int, or a sequence of ints (negative counts from the end).
        ndim: rank of the tensor.

    Returns:
        A tuple of non-negative ints.

    Example:
        >>> normalize_axes(-1, 3)
        (2,)
    """
    if axis is None:
        return tuple(range(ndim))
    if isinstance(axis, int):
        axis = (axis,)
    return tuple(a % ndim if ndim else a for a in axis)
