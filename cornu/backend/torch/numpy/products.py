"""Products for the torch engine: matmul, dot, tensordot, einsum, outer, cross, kron."""
import torch

from cornu.backend.common.shape_math import check_matmul_shapes
from cornu.backend.torch.numpy.promotion import promote


def _promote_for_product(x1, x2):
    x1, x2 = promote(x1, x2)
    if x1.dtype == torch.bool:
        x1, x2 = x1.to(torch.int32), x2.to(torch.int32)
    return x1, x2


def matmul(x1, x2):
    x1, x2 = _promote_for_product(x1, x2)
    check_matmul_shapes(x1, x2)
    return torch.matmul(x1, x2)


def dot(x1, x2):
    x1, x2 = _promote_for_product(x1, x2)
    if x1.ndim == 0 or x2.ndim == 0:
        return torch.multiply(x1, x2)
    if x2.ndim == 1:
        return torch.tensordot(x1, x2, dims=([-1], [0]))
    return torch.tensordot(x1, x2, dims=([-1], [-2]))


def tensordot(x1, x2, axes=2):
    x1, x2 = _promote_for_product(x1, x2)
    if isinstance(axes, (list, tuple)):
        axes = ([axes[0]] if isinstance(axes[0], int) else list(axes[0]),
                [axes[1]] if isinstance(axes[1], int) else list(axes[1]))
    return torch.tensordot(x1, x2, dims=axes)


def einsum(subscripts, *operands, **kwargs):
    tensors = promote(*operands)
    if tensors and tensors[0].dtype == torch.bool:
        tensors = [t.to(torch.int32) for t in tensors]
    return torch.einsum(subscripts, *tensors)


def outer(x1, x2):
    x1, x2 = _promote_for_product(x1, x2)
    return torch.outer(x1.reshape(-1), x2.reshape(-1))


def inner(x1, x2):
    x1, x2 = _promote_for_product(x1, x2)
    if x1.ndim == 0 or x2.ndim == 0:
        return torch.multiply(x1, x2)
    return torch.tensordot(x1, x2, dims=([-1], [-1]))


def vdot(x1, x2):
    x1, x2 = _promote_for_product(x1, x2)
    return torch.sum(torch.conj(x1.reshape(-1)) * x2.reshape(-1))


def cross(x1, x2, axisa=-1, axisb=-1, axisc=-1, axis=None):
    x1, x2 = _promote_for_product(x1, x2)
    if axis is not None:
        axisa = axisb = axisc = axis
    x1 = torch.movedim(x1, axisa, -1)
    x2 = torch.movedim(x2, axisb, -1)
    both_planar = x1.shape[-1] == 2 and x2.shape[-1] == 2
    if x1.shape[-1] == 2:
        x1 = torch.nn.functional.pad(x1, (0, 1))
    if x2.shape[-1] == 2:
        x2 = torch.nn.functional.pad(x2, (0, 1))
    x1, x2 = torch.broadcast_tensors(x1, x2)
    result = torch.linalg.cross(x1, x2, dim=-1)
    if both_planar:
        return result[..., 2]
    return torch.movedim(result, -1, axisc)


def kron(x1, x2):
    x1, x2 = _promote_for_product(x1, x2)
    return torch.kron(x1, x2)
