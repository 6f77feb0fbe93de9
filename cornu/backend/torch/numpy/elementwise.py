"""Elementwise math, comparison and logic for the torch engine (NumPy semantics, Keras dtypes)."""
import torch

from cornu import config
from cornu.backend.common.elementwise_wrappers import (  # noqa: F401 (re-exported)
    binary_op, broadcast_error, check_select_lengths, check_where_operands, unary_op)
from cornu.backend.torch.core import convert_to_tensor
from cornu.backend.torch.numpy.promotion import (
    dtype_name, promote, promoted_dtype, tensor, to_float)


def _float_unary(torch_fn):
    return unary_op(torch_fn, to_float)


def _same_dtype_unary(torch_fn, bool_to_int=False):
    def apply(x):
        x = convert_to_tensor(x)
        if bool_to_int and x.dtype == torch.bool:
            x = x.to(torch.int32)
        return torch_fn(x)

    apply.__name__ = torch_fn.__name__
    return apply


# torch raises RuntimeError 'The size of tensor a ... must match' for incompatible shapes.
_BROADCAST_FAILURE = (RuntimeError,), "size of tensor"


def _float_pair(x1, x2):
    target = promoted_dtype(dtype_name(x1), dtype_name(x2), float)
    return convert_to_tensor(x1, target), convert_to_tensor(x2, target)


def _binary(torch_fn):
    return binary_op(torch_fn, promote, *_BROADCAST_FAILURE)


def _float_binary(torch_fn):
    return binary_op(torch_fn, _float_pair, *_BROADCAST_FAILURE)


def _logical(torch_fn):
    def apply(x1, x2):
        return torch_fn(tensor(x1, "bool"), tensor(x2, "bool"))

    apply.__name__ = torch_fn.__name__
    return apply


# Arithmetic ---------------------------------------------------------------------
add = _binary(torch.add)
subtract = _binary(torch.subtract)
multiply = _binary(torch.multiply)
maximum = _binary(torch.maximum)
minimum = _binary(torch.minimum)
true_divide = _float_binary(torch.true_divide)
divide = true_divide
arctan2 = _float_binary(torch.atan2)
hypot = _float_binary(torch.hypot)
logaddexp = _float_binary(torch.logaddexp)
copysign = _float_binary(torch.copysign)
nextafter = _float_binary(torch.nextafter)


def floor_divide(x1, x2):
    x1, x2 = promote(x1, x2)
    if x1.dtype == torch.bool:
        x1, x2 = x1.to(torch.int32), x2.to(torch.int32)
    return torch.div(x1, x2, rounding_mode="floor")


def mod(x1, x2):
    x1, x2 = promote(x1, x2)
    if x1.dtype == torch.bool:
        x1, x2 = x1.to(torch.int32), x2.to(torch.int32)
    return torch.remainder(x1, x2)


def power(x1, x2):
    x1, x2 = promote(x1, x2)
    return torch.pow(x1, x2)


def float_power(x1, x2):
    return torch.pow(tensor(x1, "float64"), tensor(x2, "float64"))


def divide_no_nan(x1, x2):
    x1, x2 = _float_pair(x1, x2)
    # Divide by a safe denominator so the gradient stays finite where x2 == 0.
    is_zero = x2 == 0
    return torch.where(is_zero, 0.0, x1 / torch.where(is_zero, 1.0, x2))


def heaviside(x1, x2):
    target = promoted_dtype(dtype_name(x1), dtype_name(x2))
    if target in ("bool", "int8", "int16", "int32", "uint8", "uint16", "uint32"):
        target = config.floatx()
    return torch.heaviside(tensor(x1, target), tensor(x2, target))


def negative(x):
    return torch.negative(convert_to_tensor(x))


def absolute(x):
    x = convert_to_tensor(x)
    return x if x.dtype == torch.bool else torch.abs(x)


abs = absolute  # noqa: A001  (NumPy / Keras name)


def sign(x):
    x = convert_to_tensor(x)
    if x.dtype == torch.bool:
        return x
    return torch.sign(x)


def signbit(x):
    x = convert_to_tensor(x)
    if x.dtype == torch.bool:
        return torch.zeros_like(x)
    return torch.signbit(x)


def square(x):
    x = convert_to_tensor(x)
    if x.dtype == torch.bool:
        x = x.to(torch.int32)
    return torch.square(x)


sqrt = _float_unary(torch.sqrt)
exp = _float_unary(torch.exp)
exp2 = _float_unary(torch.exp2)
expm1 = _float_unary(torch.expm1)
log = _float_unary(torch.log)
log1p = _float_unary(torch.log1p)
log2 = _float_unary(torch.log2)
log10 = _float_unary(torch.log10)
sin = _float_unary(torch.sin)
cos = _float_unary(torch.cos)
tan = _float_unary(torch.tan)
sinh = _float_unary(torch.sinh)
cosh = _float_unary(torch.cosh)
tanh = _float_unary(torch.tanh)
arcsin = _float_unary(torch.asin)
arccos = _float_unary(torch.acos)
arctan = _float_unary(torch.atan)
arcsinh = _float_unary(torch.asinh)
arccosh = _float_unary(torch.acosh)
arctanh = _float_unary(torch.atanh)
reciprocal = _float_unary(torch.reciprocal)
rsqrt = _float_unary(torch.rsqrt)
erf = _float_unary(torch.erf)
erfinv = _float_unary(torch.erfinv)
sinc = _float_unary(torch.sinc)
deg2rad = _float_unary(torch.deg2rad)
rad2deg = _float_unary(torch.rad2deg)


def cbrt(x):
    x = to_float(x)
    return torch.sign(x) * torch.pow(torch.abs(x), 1.0 / 3.0)


def floor(x):
    return torch.floor(to_float(x))


def ceil(x):
    return torch.ceil(to_float(x))


def trunc(x):
    x = convert_to_tensor(x)
    return x if not x.is_floating_point() else torch.trunc(x)


def round(x, decimals=0):  # noqa: A001
    x = convert_to_tensor(x)
    if not x.is_floating_point():
        if decimals >= 0:
            return x
        factor = 10 ** (-decimals)
        return (torch.round(x.to(torch.float64) / factor) * factor).to(x.dtype)
    return torch.round(x, decimals=decimals)


def clip(x, x_min, x_max):
    x = convert_to_tensor(x)
    if x.dtype == torch.bool:
        x = x.to(torch.int32)
    low = x_min if type(x_min) in (int, float) else tensor(x_min, x.dtype)
    high = x_max if type(x_max) in (int, float) else tensor(x_max, x.dtype)
    if not x.is_floating_point():
        low = int(low) if isinstance(low, float) else low
        high = int(high) if isinstance(high, float) else high
    return torch.clamp(x, low, high)


def nan_to_num(x, nan=0.0, posinf=None, neginf=None):
    x = convert_to_tensor(x)
    if not x.is_floating_point():
        return x
    return torch.nan_to_num(x, nan=nan, posinf=posinf, neginf=neginf)


def conj(x):
    x = convert_to_tensor(x)
    return torch.conj(x).resolve_conj() if x.is_complex() else x


conjugate = conj


def real(x):
    x = convert_to_tensor(x)
    return torch.real(x) if x.is_complex() else x


def imag(x):
    x = convert_to_tensor(x)
    return torch.imag(x) if x.is_complex() else torch.zeros_like(x)


# Comparison & logic ---------------------------------------------------------------
equal = _binary(torch.eq)
not_equal = _binary(torch.ne)
less = _binary(torch.lt)
less_equal = _binary(torch.le)
greater = _binary(torch.gt)
greater_equal = _binary(torch.ge)
logical_and = _logical(torch.logical_and)
logical_or = _logical(torch.logical_or)
logical_xor = _logical(torch.logical_xor)


def logical_not(x):
    return torch.logical_not(tensor(x, "bool"))


def isnan(x):
    x = convert_to_tensor(x)
    return torch.isnan(x)


def isinf(x):
    return torch.isinf(convert_to_tensor(x))


def isfinite(x):
    return torch.isfinite(convert_to_tensor(x))


def isclose(x1, x2, rtol=1e-5, atol=1e-8, equal_nan=False):
    x1, x2 = promote(x1, x2)
    return torch.isclose(x1, x2, rtol=rtol, atol=atol, equal_nan=equal_nan)


def allclose(x1, x2, rtol=1e-5, atol=1e-8, equal_nan=False):
    return torch.all(isclose(x1, x2, rtol, atol, equal_nan))


def where(condition, x1=None, x2=None):
    condition = tensor(condition, "bool")
    if check_where_operands(x1, x2):
        return tuple(index.to(torch.int32) for index in torch.nonzero(condition, as_tuple=True))
    x1, x2 = promote(x1, x2)
    return torch.where(condition, x1, x2)


def select(condlist, choicelist, default=0):
    check_select_lengths(condlist, choicelist)
    choices = promote(*choicelist, default)
    result = torch.broadcast_to(choices[-1], torch.broadcast_shapes(
        *[c.shape for c in choices], *[tensor(c).shape for c in condlist]))
    for condition, choice in zip(reversed(condlist), reversed(choices[:-1])):
        result = torch.where(tensor(condition, "bool"), choice, result)
    return result


# Bitwise ----------------------------------------------------------------------------
def _int_binary(torch_fn):
    def apply(x, y):
        x, y = promote(x, y)
        return torch_fn(x, y)

    apply.__name__ = torch_fn.__name__
    return apply


bitwise_and = _int_binary(torch.bitwise_and)
bitwise_or = _int_binary(torch.bitwise_or)
bitwise_xor = _int_binary(torch.bitwise_xor)
bitwise_left_shift = _int_binary(torch.bitwise_left_shift)
bitwise_right_shift = _int_binary(torch.bitwise_right_shift)
left_shift = bitwise_left_shift
right_shift = bitwise_right_shift


def bitwise_invert(x):
    return torch.bitwise_not(convert_to_tensor(x))


bitwise_not = bitwise_invert


def gcd(x1, x2):
    x1, x2 = promote(x1, x2)
    return torch.gcd(x1, x2)


def lcm(x1, x2):
    x1, x2 = promote(x1, x2)
    return torch.lcm(x1, x2)


def ldexp(x1, x2):
    x1 = to_float(x1)
    return x1 * torch.pow(torch.tensor(2.0, dtype=x1.dtype, device=x1.device),
                          tensor(x2).to(x1.dtype))


