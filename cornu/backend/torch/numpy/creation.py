"""Tensor creation for the torch engine (zeros, ones, full, eye, arange, linspace, ...)."""
import numpy as np
import torch

from cornu import config
from cornu.backend.common.shape_math import standardize_shape
from cornu.backend.torch.core import _DEVICE, convert_to_tensor
from cornu.backend.torch.numpy.promotion import dtype_name, promoted_dtype, tensor, torch_dtype


def _dtype(dtype):
    return torch_dtype(dtype if dtype is not None else config.floatx())


def zeros(shape, dtype=None):
    return torch.zeros(standardize_shape(shape), dtype=_dtype(dtype), device=_DEVICE)


def ones(shape, dtype=None):
    return torch.ones(standardize_shape(shape), dtype=_dtype(dtype), device=_DEVICE)


def empty(shape, dtype=None):
    return torch.empty(standardize_shape(shape), dtype=_dtype(dtype), device=_DEVICE)


def full(shape, fill_value, dtype=None):
    if dtype is None:
        dtype = promoted_dtype(dtype_name(fill_value))
    fill = tensor(fill_value, dtype)
    return torch.broadcast_to(fill, standardize_shape(shape)).clone()


def _like_dtype(x, dtype):
    return torch_dtype(dtype) if dtype is not None else x.dtype


def zeros_like(x, dtype=None):
    x = convert_to_tensor(x)
    return torch.zeros_like(x, dtype=_like_dtype(x, dtype))


def ones_like(x, dtype=None):
    x = convert_to_tensor(x)
    return torch.ones_like(x, dtype=_like_dtype(x, dtype))


def empty_like(x, dtype=None):
    x = convert_to_tensor(x)
    return torch.empty_like(x, dtype=_like_dtype(x, dtype))


def full_like(x, fill_value, dtype=None):
    x = convert_to_tensor(x)
    target = _like_dtype(x, dtype)
    fill = tensor(fill_value, target)
    return torch.broadcast_to(fill, x.shape).clone()


def eye(N, M=None, k=0, dtype=None):
    M = N if M is None else M
    rows = torch.arange(N, device=_DEVICE).reshape(-1, 1)
    cols = torch.arange(M, device=_DEVICE).reshape(1, -1)
    return (cols - rows == k).to(_dtype(dtype))


def identity(n, dtype=None):
    return eye(n, dtype=dtype)


def tri(N, M=None, k=0, dtype=None):
    M = N if M is None else M
    rows = torch.arange(N, device=_DEVICE).reshape(-1, 1)
    cols = torch.arange(M, device=_DEVICE).reshape(1, -1)
    return (cols <= rows + k).to(_dtype(dtype))


def arange(start, stop=None, step=1, dtype=None):
    if stop is None:
        start, stop = 0, start
    if dtype is None:
        kinds = [dtype_name(v) for v in (start, stop, step) if v is not None]
        dtype = promoted_dtype(*kinds)
    values = [float(v) if torch_dtype(dtype).is_floating_point else int(v)
              for v in (start, stop, step)]
    return torch.arange(*values, dtype=torch_dtype(dtype), device=_DEVICE)


def linspace(start, stop, num=50, endpoint=True, retstep=False, dtype=None, axis=0):
    target = _dtype(dtype)
    start_t = tensor(start, "float64")
    stop_t = tensor(stop, "float64")
    divisor = (num - 1) if endpoint else num
    step = (stop_t - start_t) / divisor if divisor > 0 else torch.zeros_like(stop_t)
    steps = torch.arange(num, dtype=torch.float64, device=start_t.device)
    steps = steps.reshape((-1,) + (1,) * start_t.ndim)
    result = start_t + steps * step
    if endpoint and num > 1:
        result[-1] = stop_t
    if axis != 0:
        result = torch.movedim(result, 0, axis)
    result = result.to(target)
    return (result, step.to(target)) if retstep else result


def logspace(start, stop, num=50, endpoint=True, base=10, dtype=None, axis=0):
    exponents = linspace(start, stop, num=num, endpoint=endpoint, dtype="float64", axis=axis)
    return torch.pow(torch.tensor(float(base), dtype=torch.float64), exponents).to(_dtype(dtype))


def geomspace(start, stop, num=50, endpoint=True, dtype=None, axis=0):
    log_start = np.log10(float(start))
    log_stop = np.log10(float(stop))
    return logspace(log_start, log_stop, num=num, endpoint=endpoint, dtype=dtype, axis=axis)


def array(x, dtype=None):
    return tensor(x, dtype)


def copy(x):
    return convert_to_tensor(x).clone()
