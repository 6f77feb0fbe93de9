"""Linear algebra of the torch engine (`cornu.ops.linalg`)."""
import torch

from cornu.backend.common.math_checks import check_qr_mode, check_square_matrices
from cornu.backend.torch.numpy.promotion import promote, to_float


def _square(op_name, x):
    x = to_float(x)
    check_square_matrices(op_name, x)
    return x


def cholesky(x, upper=False):
    return torch.linalg.cholesky(_square("cholesky", x), upper=upper)


def det(x):
    return torch.linalg.det(_square("det", x))


def slogdet(x):
    sign, logabsdet = torch.linalg.slogdet(_square("slogdet", x))
    return sign, logabsdet


def inv(x):
    return torch.linalg.inv(_square("inv", x))


def eig(x):
    return torch.linalg.eig(_square("eig", x))


def eigh(x):
    return torch.linalg.eigh(_square("eigh", x))


def lu_factor(x):
    lu, pivots = torch.linalg.lu_factor(to_float(x))
    return lu, (pivots - 1).to(torch.int32)


def qr(x, mode="reduced"):
    check_qr_mode(mode)
    return torch.linalg.qr(to_float(x), mode=mode)


def svd(x, full_matrices=True, compute_uv=True):
    x = to_float(x)
    if not compute_uv:
        return torch.linalg.svdvals(x)
    return torch.linalg.svd(x, full_matrices=full_matrices)


def solve(a, b):
    a, b = promote(to_float(a), b)
    return torch.linalg.solve(a, b)


def solve_triangular(a, b, lower=False):
    a, b = promote(to_float(a), b)
    vector = b.ndim == a.ndim - 1
    if vector:
        b = b.unsqueeze(-1)
    result = torch.linalg.solve_triangular(a, b, upper=not lower)
    return result.squeeze(-1) if vector else result


def lstsq(a, b, rcond=None):
    a, b = promote(to_float(a), b)
    vector = b.ndim == 1
    if vector:
        b = b.unsqueeze(-1)
    result = torch.linalg.lstsq(a, b, rcond=rcond, driver="gelsd").solution
    return result.squeeze(-1) if vector else result


def norm(x, ord=None, axis=None, keepdims=False):  # noqa: A002
    x = to_float(x)
    if isinstance(axis, int):
        axis = (axis,)
    if axis is None:
        if ord is None:
            return torch.linalg.vector_norm(x, dim=None, keepdim=keepdims)
        axis = tuple(range(x.ndim))
    axis = tuple(a % x.ndim for a in axis)
    if len(axis) == 1:
        return torch.linalg.vector_norm(x, ord=2 if ord is None else ord, dim=axis,
                                        keepdim=keepdims)
    if len(axis) == 2:
        return torch.linalg.matrix_norm(x, ord="fro" if ord is None else ord, dim=axis,
                                        keepdim=keepdims)
    raise ValueError(f"`norm`: axis must be None, an int or a pair of ints, received {axis}.")


