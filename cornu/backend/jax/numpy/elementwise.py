"""Elementwise math, comparison and logic for the JAX engine (NumPy semantics, Keras dtypes)."""
import jax
import jax.numpy as jnp

from cornu import config
from cornu.backend.common.elementwise_wrappers import (  # noqa: F401 (re-exported)
    binary_op, broadcast_error, check_select_lengths, check_where_operands, unary_op)
from cornu.backend.jax.core import convert_to_tensor
from cornu.backend.jax.numpy.promotion import (
    dtype_name, is_float, promote, promoted_dtype, tensor, to_float)


def _float_unary(jnp_fn):
    return unary_op(jnp_fn, to_float)


# jnp raises TypeError/ValueError mentioning 'broadcast' for incompatible shapes.
_BROADCAST_FAILURE = (TypeError, ValueError), "broadcast"


def _float_pair(x1, x2):
    target = promoted_dtype(dtype_name(x1), dtype_name(x2), float)
    return convert_to_tensor(x1, target), convert_to_tensor(x2, target)


def _binary(jnp_fn):
    return binary_op(jnp_fn, promote, *_BROADCAST_FAILURE)


def _float_binary(jnp_fn):
    return binary_op(jnp_fn, _float_pair, *_BROADCAST_FAILURE)


def _logical(jnp_fn):
    def apply(x1, x2):
        return jnp_fn(tensor(x1, "bool"), tensor(x2, "bool"))

    apply.__name__ = jnp_fn.__name__
    return apply


def _bool_to_int(x):
    return x.astype("int32") if x.dtype == jnp.bool_ else x


add = _binary(jnp.add)
subtract = _binary(jnp.subtract)
multiply = _binary(jnp.multiply)
maximum = _binary(jnp.maximum)
minimum = _binary(jnp.minimum)
true_divide = _float_binary(jnp.true_divide)
divide = true_divide
arctan2 = _float_binary(jnp.arctan2)
hypot = _float_binary(jnp.hypot)
logaddexp = _float_binary(jnp.logaddexp)
copysign = _float_binary(jnp.copysign)
nextafter = _float_binary(jnp.nextafter)


def floor_divide(x1, x2):
    x1, x2 = promote(x1, x2)
    return jnp.floor_divide(_bool_to_int(x1), _bool_to_int(x2))


def mod(x1, x2):
    x1, x2 = promote(x1, x2)
    return jnp.mod(_bool_to_int(x1), _bool_to_int(x2))


def power(x1, x2):
    x1, x2 = promote(x1, x2)
    return jnp.power(x1, x2)


def float_power(x1, x2):
    return jnp.power(tensor(x1, "float64"), tensor(x2, "float64"))


def divide_no_nan(x1, x2):
    x1, x2 = _float_pair(x1, x2)
    safe = jnp.where(x2 == 0, jnp.ones_like(x2), x2)
    return jnp.where(x2 == 0, jnp.zeros_like(x1 / safe), x1 / safe)


def heaviside(x1, x2):
    target = promoted_dtype(dtype_name(x1), dtype_name(x2))
    if target in ("bool", "int8", "int16", "int32", "uint8", "uint16", "uint32"):
        target = config.floatx()
    return jnp.heaviside(tensor(x1, target), tensor(x2, target))


def negative(x):
    return jnp.negative(convert_to_tensor(x))


def absolute(x):
    return jnp.absolute(convert_to_tensor(x))


abs = absolute  # noqa: A001


def sign(x):
    return jnp.sign(convert_to_tensor(x))


def signbit(x):
    return jnp.signbit(convert_to_tensor(x))


def square(x):
    return jnp.square(_bool_to_int(convert_to_tensor(x)))


sqrt = _float_unary(jnp.sqrt)
exp = _float_unary(jnp.exp)
exp2 = _float_unary(jnp.exp2)
expm1 = _float_unary(jnp.expm1)
log = _float_unary(jnp.log)
log1p = _float_unary(jnp.log1p)
log2 = _float_unary(jnp.log2)
log10 = _float_unary(jnp.log10)
sin = _float_unary(jnp.sin)
cos = _float_unary(jnp.cos)
tan = _float_unary(jnp.tan)
sinh = _float_unary(jnp.sinh)
cosh = _float_unary(jnp.cosh)
tanh = _float_unary(jnp.tanh)
arcsin = _float_unary(jnp.arcsin)
arccos = _float_unary(jnp.arccos)
arctan = _float_unary(jnp.arctan)
arcsinh = _float_unary(jnp.arcsinh)
arccosh = _float_unary(jnp.arccosh)
arctanh = _float_unary(jnp.arctanh)
reciprocal = _float_unary(jnp.reciprocal)
rsqrt = _float_unary(jax.lax.rsqrt)
erf = _float_unary(jax.scipy.special.erf)
erfinv = _float_unary(jax.scipy.special.erfinv)
sinc = _float_unary(jnp.sinc)
deg2rad = _float_unary(jnp.deg2rad)
rad2deg = _float_unary(jnp.rad2deg)
cbrt = _float_unary(jnp.cbrt)


def floor(x):
    return jnp.floor(to_float(x))


def ceil(x):
    return jnp.ceil(to_float(x))


def trunc(x):
    x = convert_to_tensor(x)
    return jnp.trunc(x) if is_float(x) else x


def round(x, decimals=0):  # noqa: A001
    return jnp.round(convert_to_tensor(x), decimals=decimals)


def clip(x, x_min, x_max):
    x = _bool_to_int(convert_to_tensor(x))
    low = jnp.asarray(x_min, dtype=x.dtype)
    high = jnp.asarray(x_max, dtype=x.dtype)
    return jnp.clip(x, low, high)


def nan_to_num(x, nan=0.0, posinf=None, neginf=None):
    x = convert_to_tensor(x)
    if not is_float(x):
        return x
    return jnp.nan_to_num(x, nan=nan, posinf=posinf, neginf=neginf)


def conj(x):
    return jnp.conjugate(convert_to_tensor(x))


conjugate = conj


def real(x):
    return jnp.real(convert_to_tensor(x))


def imag(x):
    return jnp.imag(convert_to_tensor(x))


equal = _binary(jnp.equal)
not_equal = _binary(jnp.not_equal)
less = _binary(jnp.less)
less_equal = _binary(jnp.less_equal)
greater = _binary(jnp.greater)
greater_equal = _binary(jnp.greater_equal)
logical_and = _logical(jnp.logical_and)
logical_or = _logical(jnp.logical_or)
logical_xor = _logical(jnp.logical_xor)


def logical_not(x):
    return jnp.logical_not(tensor(x, "bool"))


def isnan(x):
    return jnp.isnan(convert_to_tensor(x))


def isinf(x):
    return jnp.isinf(convert_to_tensor(x))


def isfinite(x):
    return jnp.isfinite(convert_to_tensor(x))


def isclose(x1, x2, rtol=1e-5, atol=1e-8, equal_nan=False):
    x1, x2 = promote(x1, x2)
    return jnp.isclose(x1, x2, rtol=rtol, atol=atol, equal_nan=equal_nan)


def allclose(x1, x2, rtol=1e-5, atol=1e-8, equal_nan=False):
    return jnp.all(isclose(x1, x2, rtol, atol, equal_nan))


def where(condition, x1=None, x2=None):
    condition = tensor(condition, "bool")
    if check_where_operands(x1, x2):
        return tuple(i.astype("int32") for i in jnp.nonzero(condition))
    x1, x2 = promote(x1, x2)
    return jnp.where(condition, x1, x2)


def select(condlist, choicelist, default=0):
    check_select_lengths(condlist, choicelist)
    choices = promote(*choicelist, default)
    return jnp.select([tensor(c, "bool") for c in condlist], choices[:-1], choices[-1])


bitwise_and = _binary(jnp.bitwise_and)
bitwise_or = _binary(jnp.bitwise_or)
bitwise_xor = _binary(jnp.bitwise_xor)
bitwise_left_shift = _binary(jnp.left_shift)
bitwise_right_shift = _binary(jnp.right_shift)
left_shift = bitwise_left_shift
right_shift = bitwise_right_shift


def bitwise_invert(x):
    return jnp.invert(convert_to_tensor(x))


bitwise_not = bitwise_invert
gcd = _binary(jnp.gcd)
lcm = _binary(jnp.lcm)


def ldexp(x1, x2):
    x1 = to_float(x1)
    return x1 * jnp.power(jnp.asarray(2.0, dtype=x1.dtype), tensor(x2).astype(x1.dtype))
