"""Reductions and scans for the torch engine, with Keras result dtypes."""
import torch

from cornu import config
from cornu.backend.torch.core import convert_to_tensor
from cornu.backend.torch.numpy.promotion import (
    NAME_OF_TORCH_DTYPE, SMALL_INTS_TO_INT32, normalize_axes, tensor, to_float, torch_dtype)


def _axis_arg(axis, ndim):
    """Torch `dim` argument: a tuple of axes, or `None` meaning all."""
    if axis is None:
        return None
    return normalize_axes(axis, ndim)


def _accumulation_dtype(x):
    """Keras keeps int32/float dtypes for sums; bool and small ints widen to (u)int32."""
    name = NAME_OF_TORCH_DTYPE[x.dtype]
    return torch_dtype(SMALL_INTS_TO_INT32.get(name, name))


def _empty_axis(axis):
    return isinstance(axis, (tuple, list)) and len(axis) == 0


_UNSIGNED_WIDE = (torch.uint16, torch.uint32, torch.uint64)


def sum(x, axis=None, keepdims=False):  # noqa: A001
    x = convert_to_tensor(x)
    target = _accumulation_dtype(x)
    if _empty_axis(axis):
        return x.to(target)
    # torch has no CPU sum kernels for wide unsigned ints: accumulate in int64.
    compute = torch.int64 if target in _UNSIGNED_WIDE else target
    return torch.sum(x, dim=_axis_arg(axis, x.ndim), keepdim=keepdims, dtype=compute).to(target)


def prod(x, axis=None, keepdims=False, dtype=None):
    x = convert_to_tensor(x)
    target = torch_dtype(dtype) if dtype is not None else _accumulation_dtype(x)
    axes = normalize_axes(axis, x.ndim)
    result = x.to(torch.int64 if target in _UNSIGNED_WIDE else target)
    for axis_index in sorted(axes, reverse=True):
        result = torch.prod(result, dim=axis_index, keepdim=keepdims)
    return result.to(target)


def mean(x, axis=None, keepdims=False):
    x = convert_to_tensor(x)
    if _empty_axis(axis):
        return to_float(x)
    if x.is_floating_point():
        if x.dtype in (torch.float16, torch.bfloat16):
            return torch.mean(x.float(), dim=_axis_arg(axis, x.ndim), keepdim=keepdims).to(x.dtype)
        return torch.mean(x, dim=_axis_arg(axis, x.ndim), keepdim=keepdims)
    return torch.mean(to_float(x), dim=_axis_arg(axis, x.ndim), keepdim=keepdims)


def var(x, axis=None, keepdims=False):
    x = to_float(x)
    compute = x.float() if x.dtype in (torch.float16, torch.bfloat16) else x
    result = torch.var(compute, dim=_axis_arg(axis, x.ndim), correction=0, keepdim=keepdims)
    return result.to(x.dtype)


def std(x, axis=None, keepdims=False):
    return torch.sqrt(var(x, axis=axis, keepdims=keepdims))


def _extremum(torch_fn, identity_fn, x, axis, keepdims, initial):
    x = convert_to_tensor(x)
    if x.numel() == 0 and initial is None:
        raise ValueError(
            f"Cannot compute the {torch_fn.__name__} of an empty tensor of shape "
            f"{tuple(x.shape)} without `initial`.")
    if x.numel() == 0:
        shape = [1 if (axis is None or i in normalize_axes(axis, x.ndim)) else d
                 for i, d in enumerate(x.shape)]
        result = torch.full(shape, initial, dtype=x.dtype, device=x.device)
        if not keepdims:
            result = result.reshape([d for i, d in enumerate(x.shape)
                                     if not (axis is None or i in normalize_axes(axis, x.ndim))])
        return result
    dims = normalize_axes(axis, x.ndim)
    result = torch_fn(x, dim=dims, keepdim=keepdims) if dims else x
    if initial is not None:
        result = identity_fn(result, torch.tensor(initial, dtype=result.dtype, device=x.device))
    return result


def max(x, axis=None, keepdims=False, initial=None):  # noqa: A001
    x = convert_to_tensor(x)
    if x.dtype == torch.bool:
        return torch.any(x) if axis is None and not keepdims else any(x, axis, keepdims)
    return _extremum(torch.amax, torch.maximum, x, axis, keepdims, initial)


def min(x, axis=None, keepdims=False, initial=None):  # noqa: A001
    x = convert_to_tensor(x)
    if x.dtype == torch.bool:
        return torch.all(x) if axis is None and not keepdims else all(x, axis, keepdims)
    return _extremum(torch.amin, torch.minimum, x, axis, keepdims, initial)


def amax(x, axis=None, keepdims=False):
    return max(x, axis=axis, keepdims=keepdims)


def amin(x, axis=None, keepdims=False):
    return min(x, axis=axis, keepdims=keepdims)


def any(x, axis=None, keepdims=False):  # noqa: A001
    x = tensor(x, "bool")
    dims = normalize_axes(axis, x.ndim)
    if not dims:
        return x
    return torch.any(x, dim=dims, keepdim=keepdims)


def all(x, axis=None, keepdims=False):  # noqa: A001
    x = tensor(x, "bool")
    dims = normalize_axes(axis, x.ndim)
    if not dims:
        return x
    return torch.all(x, dim=dims, keepdim=keepdims)


def _arg_extremum(torch_fn, x, axis, keepdims):
    x = convert_to_tensor(x)
    if x.dtype == torch.bool:
        x = x.to(torch.int32)
    if axis is None:
        result = torch_fn(x.reshape(-1))
        if keepdims:
            result = result.reshape([1] * x.ndim)
        return result.to(torch.int32)
    return torch_fn(x, dim=axis, keepdim=keepdims).to(torch.int32)


def argmax(x, axis=None, keepdims=False):
    return _arg_extremum(torch.argmax, x, axis, keepdims)


def argmin(x, axis=None, keepdims=False):
    return _arg_extremum(torch.argmin, x, axis, keepdims)


def _scan(torch_fn, x, axis, dtype):
    x = convert_to_tensor(x)
    target = torch_dtype(dtype) if dtype is not None else _accumulation_dtype(x)
    if axis is None:
        x = x.reshape(-1)
        axis = 0
    compute = torch.int64 if target in _UNSIGNED_WIDE else target
    return torch_fn(x.to(compute), dim=axis).to(target)


def cumsum(x, axis=None, dtype=None):
    return _scan(torch.cumsum, x, axis, dtype)


def cumprod(x, axis=None, dtype=None):
    return _scan(torch.cumprod, x, axis, dtype)


def count_nonzero(x, axis=None):
    x = convert_to_tensor(x)
    dims = normalize_axes(axis, x.ndim)
    return torch.sum(x != 0, dim=dims if dims else None, dtype=torch.int32) if dims else (
        (x != 0).to(torch.int32))


def quantile(x, q, axis=None, method="linear", keepdims=False):
    x = convert_to_tensor(x)
    out_dtype = x.dtype if x.is_floating_point() else torch_dtype(config.floatx())
    compute = x.to(torch.float64 if x.dtype == torch.float64 else torch.float32)
    q_tensor = tensor(q, compute.dtype)
    if axis is None:
        result = torch.quantile(compute.reshape(-1), q_tensor, interpolation=method)
        if keepdims:
            result = result.reshape(tuple(q_tensor.shape) + (1,) * x.ndim)
        return result.to(out_dtype)
    axes = normalize_axes(axis, x.ndim)
    kept = [i for i in range(x.ndim) if i not in axes]
    moved = compute.permute(kept + list(axes)).reshape([x.shape[i] for i in kept] + [-1])
    result = torch.quantile(moved, q_tensor, dim=-1, interpolation=method)
    if keepdims:
        shape = list(result.shape)
        extra = shape[:q_tensor.ndim]
        base = shape[q_tensor.ndim:]
        full = []
        kept_iter = iter(base)
        for i in range(x.ndim):
            full.append(1 if i in axes else next(kept_iter))
        result = result.reshape(extra + full)
    return result.to(out_dtype)


def median(x, axis=None, keepdims=False):
    return quantile(x, 0.5, axis=axis, keepdims=keepdims)


def percentile(x, q, axis=None, method="linear", keepdims=False):
    return quantile(x, tensor(q, "float32") / 100.0, axis=axis, method=method, keepdims=keepdims)


def average(x, axis=None, weights=None):
    x = to_float(x)
    if weights is None:
        return mean(x, axis=axis)
    weights = tensor(weights, x.dtype)
    if weights.ndim == 1 and x.ndim > 1 and axis is not None:
        shape = [1] * x.ndim
        shape[axis] = -1
        weights = weights.reshape(shape)
    return torch.sum(x * weights, dim=_axis_arg(axis, x.ndim)) / torch.sum(
        torch.broadcast_to(weights, x.shape), dim=_axis_arg(axis, x.ndim))


def ptp(x, axis=None, keepdims=False):
    return torch.subtract(max(x, axis, keepdims), min(x, axis, keepdims))


def logsumexp(x, axis=None, keepdims=False):
    x = to_float(x)
    dims = normalize_axes(axis, x.ndim)
    return torch.logsumexp(x, dim=dims, keepdim=keepdims)


def trace(x, offset=0, axis1=0, axis2=1):
    x = convert_to_tensor(x)
    target = _accumulation_dtype(x)
    return torch.sum(torch.diagonal(x, offset=offset, dim1=axis1, dim2=axis2), dim=-1,
                     dtype=target)
