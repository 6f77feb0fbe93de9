"""Linear algebra of the JAX engine (`cornu.ops.linalg`)."""
import jax
import jax.numpy as jnp

from cornu.backend.common.math_checks import check_qr_mode, check_square_matrices
from cornu.backend.jax.numpy.promotion import promote, to_float


def _square(op_name, x):
    x = to_float(x)
    check_square_matrices(op_name, x)
    return x


def cholesky(x, upper=False):
    lower = jnp.linalg.cholesky(_square("cholesky", x))
    return jnp.swapaxes(lower, -1, -2).conj() if upper else lower


def det(x):
    return jnp.linalg.det(_square("det", x))


def slogdet(x):
    return tuple(jnp.linalg.slogdet(_square("slogdet", x)))


def inv(x):
    return jnp.linalg.inv(_square("inv", x))


def eig(x):
    return tuple(jnp.linalg.eig(_square("eig", x)))


def eigh(x):
    return tuple(jnp.linalg.eigh(_square("eigh", x)))


def lu_factor(x):
    lu, pivots = jax.scipy.linalg.lu_factor(to_float(x))
    return lu, pivots.astype("int32")


def qr(x, mode="reduced"):
    check_qr_mode(mode)
    return tuple(jnp.linalg.qr(to_float(x), mode=mode))


def svd(x, full_matrices=True, compute_uv=True):
    x = to_float(x)
    if not compute_uv:
        return jnp.linalg.svd(x, full_matrices=full_matrices, compute_uv=False)
    return tuple(jnp.linalg.svd(x, full_matrices=full_matrices))


def solve(a, b):
    a, b = promote(to_float(a), b)
    return jnp.linalg.solve(a, b)


def solve_triangular(a, b, lower=False):
    a, b = promote(to_float(a), b)
    return jax.scipy.linalg.solve_triangular(a, b, lower=lower)


def lstsq(a, b, rcond=None):
    a, b = promote(to_float(a), b)
    return jnp.linalg.lstsq(a, b, rcond=rcond)[0]


def norm(x, ord=None, axis=None, keepdims=False):  # noqa: A002
    x = to_float(x)
    if isinstance(axis, list):
        axis = tuple(axis)
    return jnp.linalg.norm(x, ord=ord, axis=axis, keepdims=keepdims)
