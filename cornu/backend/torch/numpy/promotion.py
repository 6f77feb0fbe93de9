"""Keras-style dtype promotion for the torch engine.

Torch's own promotion differs from Keras 3 in a few places (int sums widen to
int64, bool + int gives int64, ...), so every op decides its result dtype with
`cornu.backend.common.dtypes.result_type` and casts explicitly.
"""
import functools

import torch

from cornu import config
from cornu.backend.common.dtypes import result_type, standardize_dtype
from cornu.backend.torch.core import _DEVICE as DEVICE
from cornu.backend.torch.core import TORCH_DTYPES, Variable, convert_to_tensor

NAME_OF_TORCH_DTYPE = {value: key for key, value in TORCH_DTYPES.items()}
_WEAK_TYPES = (bool, int, float, complex)
FLOAT_NAMES = ("float16", "bfloat16", "float32", "float64")
SMALL_INTS_TO_INT32 = {"bool": "int32", "int8": "int32", "int16": "int32",
                       "uint8": "uint32", "uint16": "uint32"}


def dtype_name(x):
    """Canonical dtype name of a tensor-like; Python scalars give their (weak) type."""
    if isinstance(x, torch.Tensor):
        return NAME_OF_TORCH_DTYPE[x.dtype]
    if type(x) in _WEAK_TYPES:
        return type(x)
    if isinstance(x, Variable):
        return x.dtype
    if hasattr(x, "dtype"):
        return standardize_dtype(x.dtype)
    return NAME_OF_TORCH_DTYPE[convert_to_tensor(x).dtype]


@functools.lru_cache(maxsize=1024)
def _cached_result_type(floatx, dtypes):
    return result_type(*dtypes)


def promoted_dtype(*dtypes):
    return _cached_result_type(config.floatx(), dtypes)


def tensor(x, dtype=None):
    """`convert_to_tensor` that also accepts dtype names, torch dtypes and Python types."""
    if dtype is not None and not isinstance(dtype, torch.dtype):
        dtype = standardize_dtype(dtype)
    return convert_to_tensor(x, dtype=dtype)


def promote(*values):
    """Convert all values to tensors of their common Keras result dtype."""
    first = values[0]
    if type(first) is torch.Tensor and all(
            type(v) is torch.Tensor and v.dtype is first.dtype for v in values):
        return values  # already a common dtype: the hot path in training steps
    target_name = promoted_dtype(*[dtype_name(v) for v in values])
    target = TORCH_DTYPES[target_name]
    has_tensor = any(isinstance(v, torch.Tensor) for v in values)
    return [_as_dtype(v, target, has_tensor) for v in values]


def _as_dtype(value, target, beside_tensor):
    if isinstance(value, torch.Tensor):
        return value if value.dtype is target else value.to(target)
    if type(value) in _WEAK_TYPES:
        # A 0-d CPU tensor mixes with tensors on any device without a host-device copy.
        return torch.tensor(value, dtype=target, device="cpu" if beside_tensor else DEVICE)
    return convert_to_tensor(value, dtype=target)


def to_float(x):
    """Tensor of `x`; integer and bool inputs become floatx (what float math ops return)."""
    x = convert_to_tensor(x)
    if x.is_floating_point() or x.is_complex():
        return x
    return x.to(TORCH_DTYPES[config.floatx()])


def torch_dtype(name):
    return TORCH_DTYPES[standardize_dtype(name)]


def normalize_axes(axis, ndim):
    """Tuple of non-negative axes; `None` means all axes."""
    if axis is None:
        return tuple(range(ndim))
    if isinstance(axis, int):
        axis = (axis,)
    return tuple(a % ndim if ndim else a for a in axis)
