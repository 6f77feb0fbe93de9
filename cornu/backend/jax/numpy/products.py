"""Products for the JAX engine: matmul, dot, tensordot, einsum, outer, cross, kron."""
import jax.numpy as jnp

from cornu.backend.common.shape_math import check_matmul_shapes
from cornu.backend.jax.numpy.promotion import promote


def _promote_for_product(x1, x2):
    x1, x2 = promote(x1, x2)
    if x1.dtype == jnp.bool_:
        x1, x2 = x1.astype("int32"), x2.astype("int32")
    return x1, x2


def matmul(x1, x2):
    x1, x2 = _promote_for_product(x1, x2)
    check_matmul_shapes(x1, x2)
    return jnp.matmul(x1, x2)


def dot(x1, x2):
    x1, x2 = _promote_for_product(x1, x2)
    return jnp.dot(x1, x2)


def tensordot(x1, x2, axes=2):
    x1, x2 = _promote_for_product(x1, x2)
    return jnp.tensordot(x1, x2, axes=axes)


def einsum(subscripts, *operands, **kwargs):
    tensors = promote(*operands)
    if tensors and tensors[0].dtype == jnp.bool_:
        tensors = [t.astype("int32") for t in tensors]
    return jnp.einsum(subscripts, *tensors)


def outer(x1, x2):
    x1, x2 = _promote_for_product(x1, x2)
    return jnp.outer(x1, x2)


def inner(x1, x2):
    x1, x2 = _promote_for_product(x1, x2)
    return jnp.inner(x1, x2)


def vdot(x1, x2):
    x1, x2 = _promote_for_product(x1, x2)
    return jnp.vdot(x1, x2)


def cross(x1, x2, axisa=-1, axisb=-1, axisc=-1, axis=None):
    x1, x2 = _promote_for_product(x1, x2)
    return jnp.cross(x1, x2, axisa=axisa, axisb=axisb, axisc=axisc, axis=axis)


def kron(x1, x2):
    x1, x2 = _promote_for_product(x1, x2)
    return jnp.kron(x1, x2)
