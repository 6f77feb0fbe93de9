"""Keras-style dtype promotion for the torch engine.

Torch's own promotion differs from Keras 3 in a few places (int sums widen to
int64, bool + int gives int64, ...), so every op decides its result dtype with
`cornu.backend.common.dtypes.result_type` and casts explicitly.
"""
import torch

from cornu import config
from cornu.backend.common.dtypes import standardize_dtype
from cornu.backend.common.promotion import (  # noqa: F401 (re-exported to engine ops)
    SMALL_INTS_TO_INT32, WEAK_TYPES, normalize_axes, promoted_dtype)
from cornu.backend.torch.core import _DEVICE as DEVICE
from cornu.backend.torch.core import TORCH_DTYPES, Variable, convert_to_tensor

NAME_OF_TORCH_DTYPE = {value: key for key, value in TORCH_DTYPES.items()}
FLOAT_NAMES = ("float16", "bfloat16", "float32", "float64")
# Trainable weights are held as Parameters; both are plain tensors for promotion.
_PLAIN_TENSOR_TYPES = (torch.Tensor, torch.nn.Parameter)


def dtype_name(x):
    """Canonical dtype name of a tensor-like; Python scalars give their (weak) type."""
    if isinstance(x, torch.Tensor):
        return NAME_OF_TORCH_DTYPE[x.dtype]
    if type(x) in WEAK_TYPES:
        return type(x)
    if isinstance(x, Variable):
        return x.read_dtype
    if hasattr(x, "dtype"):
        return standardize_dtype(x.dtype)
    return NAME_OF_TORCH_DTYPE[convert_to_tensor(x).dtype]


def tensor(x, dtype=None):
    """`convert_to_tensor` that also accepts dtype names, torch dtypes and Python types."""
    if dtype is not None and not isinstance(dtype, torch.dtype):
        dtype = standardize_dtype(dtype)
    return convert_to_tensor(x, dtype=dtype)


def promote(*values):
    """Convert all values to tensors of their common Keras result dtype."""
    # Variables (layer weights) are read first so that the common case, tensors of one
    # dtype, returns at once: the hot path of every layer call in a training step.
    values = [v.value if isinstance(v, Variable) else v for v in values]
    first = values[0]
    if type(first) in _PLAIN_TENSOR_TYPES and all(
            type(v) in _PLAIN_TENSOR_TYPES and v.dtype is first.dtype for v in values):
        return values
    target_name = promoted_dtype(*[dtype_name(v) for v in values])
    target = TORCH_DTYPES[target_name]
    has_tensor = any(isinstance(v, torch.Tensor) for v in values)
    return [_as_dtype(v, target, has_tensor) for v in values]


def _as_dtype(value, target, beside_tensor):
    if isinstance(value, torch.Tensor):
        return value if value.dtype is target else value.to(target)
    if type(value) in WEAK_TYPES:
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
