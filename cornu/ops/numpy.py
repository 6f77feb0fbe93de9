"""NumPy-style public ops (`cornu.ops.numpy`): element-wise math, reductions, shapes.

Each op runs the selected engine eagerly and records a graph node when called on
symbolic `KerasTensor`s. Example:

    >>> from cornu import ops
    >>> ops.add(ops.ones((2,)), 1.5)      # tensor([2.5, 2.5])
"""
import builtins as _builtins

import numpy as _np

from cornu import backend
from cornu.backend import engine
from cornu.backend.common.dtypes import is_float_dtype, result_type, standardize_dtype
from cornu.ops.dispatch import op
from cornu.ops.spec import engine_op, op_with_spec, symbolic

add = engine_op("numpy", "add", "Add `x1` and `x2` element-wise (broadcasting, Keras dtype promotion).")
subtract = engine_op("numpy", "subtract", "Subtract `x2` from `x1` element-wise.")
multiply = engine_op("numpy", "multiply", "Multiply `x1` and `x2` element-wise.")
divide = engine_op("numpy", "divide", "True division `x1 / x2`; integer inputs give a float result.")
true_divide = engine_op("numpy", "true_divide", "True division `x1 / x2`; integer inputs give a float result.")
divide_no_nan = engine_op("numpy", "divide_no_nan", "Division that returns 0 where the denominator is 0.")
floor_divide = engine_op("numpy", "floor_divide", "Largest integer not greater than `x1 / x2`, element-wise.")
mod = engine_op("numpy", "mod", "Remainder of `x1 / x2` with the sign of `x2` (NumPy `mod`).")
power = engine_op("numpy", "power", "`x1 ** x2` element-wise.")
float_power = engine_op("numpy", "float_power", "`x1 ** x2` computed in float64.")
maximum = engine_op("numpy", "maximum", "Element-wise maximum of `x1` and `x2`.")
minimum = engine_op("numpy", "minimum", "Element-wise minimum of `x1` and `x2`.")
negative = engine_op("numpy", "negative", "Numerical negative, element-wise.")
absolute = engine_op("numpy", "absolute", "Absolute value, element-wise.")
abs = engine_op("numpy", "abs", "Absolute value, element-wise (alias of `absolute`).")
sign = engine_op("numpy", "sign", "Sign of each element (-1, 0 or 1).")
signbit = engine_op("numpy", "signbit", "True where the sign bit is set (negative numbers, -0.0).")
square = engine_op("numpy", "square", "Square of each element.")
sqrt = engine_op("numpy", "sqrt", "Non-negative square root, element-wise.")
cbrt = engine_op("numpy", "cbrt", "Cube root, element-wise.")
reciprocal = engine_op("numpy", "reciprocal", "`1 / x` element-wise.")
exp = engine_op("numpy", "exp", "Exponential, element-wise.")
exp2 = engine_op("numpy", "exp2", "`2 ** x`, element-wise.")
expm1 = engine_op("numpy", "expm1", "`exp(x) - 1`, accurate for small `x`.")
log = engine_op("numpy", "log", "Natural logarithm, element-wise.")
log1p = engine_op("numpy", "log1p", "`log(1 + x)`, accurate for small `x`.")
log2 = engine_op("numpy", "log2", "Base-2 logarithm, element-wise.")
log10 = engine_op("numpy", "log10", "Base-10 logarithm, element-wise.")
logaddexp = engine_op("numpy", "logaddexp", "`log(exp(x1) + exp(x2))` computed stably.")
sin = engine_op("numpy", "sin", "Sine, element-wise.")
cos = engine_op("numpy", "cos", "Cosine, element-wise.")
tan = engine_op("numpy", "tan", "Tangent, element-wise.")
sinh = engine_op("numpy", "sinh", "Hyperbolic sine.")
cosh = engine_op("numpy", "cosh", "Hyperbolic cosine.")
tanh = engine_op("numpy", "tanh", "Hyperbolic tangent.")
arcsin = engine_op("numpy", "arcsin", "Inverse sine.")
arccos = engine_op("numpy", "arccos", "Inverse cosine.")
arctan = engine_op("numpy", "arctan", "Inverse tangent.")
arcsinh = engine_op("numpy", "arcsinh", "Inverse hyperbolic sine.")
arccosh = engine_op("numpy", "arccosh", "Inverse hyperbolic cosine.")
arctanh = engine_op("numpy", "arctanh", "Inverse hyperbolic tangent.")
arctan2 = engine_op("numpy", "arctan2", "Element-wise arc tangent of `x1 / x2` choosing the quadrant correctly.")
hypot = engine_op("numpy", "hypot", "`sqrt(x1**2 + x2**2)` element-wise.")
sinc = engine_op("numpy", "sinc", "Normalized sinc function `sin(pi x) / (pi x)`.")
deg2rad = engine_op("numpy", "deg2rad", "Convert degrees to radians.")
rad2deg = engine_op("numpy", "rad2deg", "Convert radians to degrees.")
copysign = engine_op("numpy", "copysign", "Magnitude of `x1` with the sign of `x2`.")
nextafter = engine_op("numpy", "nextafter", "Next floating-point value after `x1` towards `x2`.")
heaviside = engine_op("numpy", "heaviside", "Heaviside step function (value `x2` where `x1 == 0`).")
ldexp = engine_op("numpy", "ldexp", "`x1 * 2 ** x2` element-wise.")
gcd = engine_op("numpy", "gcd", "Greatest common divisor, element-wise.")
lcm = engine_op("numpy", "lcm", "Least common multiple, element-wise.")
floor = engine_op("numpy", "floor", "Floor of each element.")
ceil = engine_op("numpy", "ceil", "Ceiling of each element.")
trunc = engine_op("numpy", "trunc", "Truncate each element towards zero.")
round = engine_op("numpy", "round", "Round to `decimals` decimal places (half to even).")
clip = engine_op("numpy", "clip", "Clip values to `[x_min, x_max]`.")
nan_to_num = engine_op("numpy", "nan_to_num", "Replace NaN and infinities by finite numbers.")
conj = engine_op("numpy", "conj", "Complex conjugate, element-wise.")
conjugate = engine_op("numpy", "conjugate", "Complex conjugate, element-wise.")
real = engine_op("numpy", "real", "Real part of each element.")
imag = engine_op("numpy", "imag", "Imaginary part of each element.")
equal = engine_op("numpy", "equal", "`x1 == x2` element-wise.")
not_equal = engine_op("numpy", "not_equal", "`x1 != x2` element-wise.")
less = engine_op("numpy", "less", "`x1 < x2` element-wise.")
less_equal = engine_op("numpy", "less_equal", "`x1 <= x2` element-wise.")
greater = engine_op("numpy", "greater", "`x1 > x2` element-wise.")
greater_equal = engine_op("numpy", "greater_equal", "`x1 >= x2` element-wise.")
isclose = engine_op("numpy", "isclose", "Element-wise `|x1 - x2| <= atol + rtol * |x2|`.")
allclose = engine_op("numpy", "allclose", "True if all elements of `x1` and `x2` are close.")
logical_and = engine_op("numpy", "logical_and", "Element-wise logical AND.")
logical_or = engine_op("numpy", "logical_or", "Element-wise logical OR.")
logical_xor = engine_op("numpy", "logical_xor", "Element-wise logical XOR.")
logical_not = engine_op("numpy", "logical_not", "Element-wise logical NOT.")
isnan = engine_op("numpy", "isnan", "True where the element is NaN.")
isinf = engine_op("numpy", "isinf", "True where the element is infinite.")
isfinite = engine_op("numpy", "isfinite", "True where the element is finite.")
select = engine_op("numpy", "select", "Pick from `choicelist` where the matching `condlist` entry is true.")
bitwise_and = engine_op("numpy", "bitwise_and", "Bitwise AND.")
bitwise_or = engine_op("numpy", "bitwise_or", "Bitwise OR.")
bitwise_xor = engine_op("numpy", "bitwise_xor", "Bitwise XOR.")
bitwise_invert = engine_op("numpy", "bitwise_invert", "Bitwise NOT.")
bitwise_not = engine_op("numpy", "bitwise_not", "Bitwise NOT.")
bitwise_left_shift = engine_op("numpy", "bitwise_left_shift", "Shift bits of `x` left by `y`.")
bitwise_right_shift = engine_op("numpy", "bitwise_right_shift", "Shift bits of `x` right by `y`.")
left_shift = engine_op("numpy", "left_shift", "Shift bits of `x` left by `y`.")
right_shift = engine_op("numpy", "right_shift", "Shift bits of `x` right by `y`.")
sum = engine_op("numpy", "sum", "Sum over `axis` (all axes if None).")
prod = engine_op("numpy", "prod", "Product over `axis`.")
mean = engine_op("numpy", "mean", "Arithmetic mean over `axis`; integer inputs give floatx.")
var = engine_op("numpy", "var", "Population variance over `axis`.")
std = engine_op("numpy", "std", "Population standard deviation over `axis`.")
max = engine_op("numpy", "max", "Maximum over `axis`.")
min = engine_op("numpy", "min", "Minimum over `axis`.")
amax = engine_op("numpy", "amax", "Maximum over `axis`.")
amin = engine_op("numpy", "amin", "Minimum over `axis`.")
any = engine_op("numpy", "any", "True if any element along `axis` is true.")
all = engine_op("numpy", "all", "True if all elements along `axis` are true.")
argmax = engine_op("numpy", "argmax", "Indices (int32) of the maxima along `axis`.")
argmin = engine_op("numpy", "argmin", "Indices (int32) of the minima along `axis`.")
cumsum = engine_op("numpy", "cumsum", "Cumulative sum along `axis` (flattened if None).")
cumprod = engine_op("numpy", "cumprod", "Cumulative product along `axis` (flattened if None).")
count_nonzero = engine_op("numpy", "count_nonzero", "Number of non-zero elements along `axis` (int32).")
median = engine_op("numpy", "median", "Median along `axis`.")
quantile = engine_op("numpy", "quantile", "`q`-th quantile(s) along `axis`.")
percentile = engine_op("numpy", "percentile", "`q`-th percentile(s) along `axis`.")
average = engine_op("numpy", "average", "Weighted average along `axis`.")
ptp = engine_op("numpy", "ptp", "Range (max - min) along `axis`.")
logsumexp = engine_op("numpy", "logsumexp", "`log(sum(exp(x)))` over `axis`, computed stably.")
trace = engine_op("numpy", "trace", "Sum along a diagonal.")
reshape = engine_op("numpy", "reshape", "Give `x` a new shape (one dimension may be -1).")
transpose = engine_op("numpy", "transpose", "Permute the axes (reverse them if `axes` is None).")
expand_dims = engine_op("numpy", "expand_dims", "Insert size-1 axes at `axis`.")
squeeze = engine_op("numpy", "squeeze", "Remove size-1 axes.")
concatenate = engine_op("numpy", "concatenate", "Join a sequence of tensors along an existing axis.")
append = engine_op("numpy", "append", "Append `x2` to `x1` along `axis` (flattened if None).")
stack = engine_op("numpy", "stack", "Join a sequence of tensors along a new axis.")
hstack = engine_op("numpy", "hstack", "Stack tensors horizontally (column-wise).")
vstack = engine_op("numpy", "vstack", "Stack tensors vertically (row-wise).")
dstack = engine_op("numpy", "dstack", "Stack tensors along the third axis.")
split = engine_op("numpy", "split", "Split into equal sections or at the given indices.")
array_split = engine_op("numpy", "array_split", "Split into (possibly unequal) sections.")
tile = engine_op("numpy", "tile", "Repeat the whole tensor `repeats` times along each axis.")
repeat = engine_op("numpy", "repeat", "Repeat each element `repeats` times along `axis`.")
broadcast_to = engine_op("numpy", "broadcast_to", "Broadcast `x` to `shape`.")
pad = engine_op("numpy", "pad", "Pad with `mode` 'constant', 'edge', 'reflect', 'symmetric' or 'wrap'.")
flip = engine_op("numpy", "flip", "Reverse the order of elements along `axis`.")
roll = engine_op("numpy", "roll", "Roll elements along `axis` by `shift`.")
rot90 = engine_op("numpy", "rot90", "Rotate by 90 degrees `k` times in the plane of `axes`.")
swapaxes = engine_op("numpy", "swapaxes", "Interchange two axes.")
moveaxis = engine_op("numpy", "moveaxis", "Move axes to new positions.")
ravel = engine_op("numpy", "ravel", "Flatten to 1D.")
meshgrid = engine_op("numpy", "meshgrid", "Coordinate grids from coordinate vectors.")
tril = engine_op("numpy", "tril", "Lower triangle (zero above the `k`-th diagonal).")
triu = engine_op("numpy", "triu", "Upper triangle (zero below the `k`-th diagonal).")
diag = engine_op("numpy", "diag", "Extract a diagonal or build a diagonal matrix.")
diagflat = engine_op("numpy", "diagflat", "2D tensor with the flattened input on the `k`-th diagonal.")
diagonal = engine_op("numpy", "diagonal", "Diagonal of the `axis1`/`axis2` planes.")
atleast_1d = engine_op("numpy", "atleast_1d", "View with at least one dimension.")
atleast_2d = engine_op("numpy", "atleast_2d", "View with at least two dimensions.")
atleast_3d = engine_op("numpy", "atleast_3d", "View with at least three dimensions.")
diff = engine_op("numpy", "diff", "`n`-th discrete difference along `axis`.")
zeros = engine_op("numpy", "zeros", "Tensor of zeros (dtype floatx by default).")
ones = engine_op("numpy", "ones", "Tensor of ones.")
empty = engine_op("numpy", "empty", "Uninitialized tensor (filled with zeros on some engines).")
full = engine_op("numpy", "full", "Tensor filled with `fill_value`.")
zeros_like = engine_op("numpy", "zeros_like", "Zeros with the shape (and dtype) of `x`.")
ones_like = engine_op("numpy", "ones_like", "Ones with the shape (and dtype) of `x`.")
empty_like = engine_op("numpy", "empty_like", "Uninitialized tensor with the shape of `x`.")
full_like = engine_op("numpy", "full_like", "Tensor like `x` filled with `fill_value`.")
eye = engine_op("numpy", "eye", "2D tensor with ones on the `k`-th diagonal.")
identity = engine_op("numpy", "identity", "Square identity matrix.")
tri = engine_op("numpy", "tri", "Ones at and below the `k`-th diagonal.")
arange = engine_op("numpy", "arange", "Evenly spaced values in `[start, stop)`.")
linspace = engine_op("numpy", "linspace", "`num` evenly spaced samples over `[start, stop]`.")
logspace = engine_op("numpy", "logspace", "Numbers spaced evenly on a log scale.")
geomspace = engine_op("numpy", "geomspace", "Numbers spaced evenly on a log scale (geometric progression).")
array = engine_op("numpy", "array", "Create a tensor from array-like data.")
copy = engine_op("numpy", "copy", "Copy of `x`.")
take = engine_op("numpy", "take", "Take elements along `axis` (flattened if None); negative indices wrap.")
take_along_axis = engine_op("numpy", "take_along_axis", "Gather values along `axis` at matching `indices`.")
get_item = engine_op("numpy", "get_item", "`x[key]` with ints, slices, None, Ellipsis or index tensors.")
sort = engine_op("numpy", "sort", "Sorted copy along `axis`.")
argsort = engine_op("numpy", "argsort", "Indices (int32) that sort `x` along `axis` (stable).")
argpartition = engine_op("numpy", "argpartition", "Indices that partition `x` around `kth` (a full stable sort here).")
searchsorted = engine_op("numpy", "searchsorted", "Insertion indices of `values` into 1D `sorted_sequence`.")
digitize = engine_op("numpy", "digitize", "Indices of the bins each value belongs to.")
histogram = engine_op("numpy", "histogram", "Histogram counts and bin edges.")
unravel_index = engine_op("numpy", "unravel_index", "Convert flat indices to coordinate tuples.")
tril_indices = engine_op("numpy", "tril_indices", "Row/column indices of the lower triangle.")
triu_indices = engine_op("numpy", "triu_indices", "Row/column indices of the upper triangle.")
matmul = engine_op("numpy", "matmul", "Matrix product (batched, NumPy `matmul` semantics).")
dot = engine_op("numpy", "dot", "Dot product (NumPy `dot` semantics).")
tensordot = engine_op("numpy", "tensordot", "Tensor contraction over `axes`.")
einsum = engine_op("numpy", "einsum", "Einstein summation.")
outer = engine_op("numpy", "outer", "Outer product of the flattened inputs.")
inner = engine_op("numpy", "inner", "Inner product over the last axes.")
vdot = engine_op("numpy", "vdot", "Dot product of the flattened inputs (conjugating `x1`).")
cross = engine_op("numpy", "cross", "Cross product of 2- or 3-vectors.")
kron = engine_op("numpy", "kron", "Kronecker product.")


# Ops whose output shape depends on values: symbolic specs are written by hand.
def _where_spec(condition, x1=None, x2=None):
    if x1 is None and x2 is None:
        return tuple(symbolic((None,), "int32") for _ in range(len(condition.shape)))
    return backend.compute_output_spec(engine.numpy.where, condition, x1, x2)


@op_with_spec(_where_spec)
def where(condition, x1=None, x2=None):
    """Choose `x1` where `condition` is true, else `x2`; with one argument, `nonzero`.

    Args:
        condition: boolean tensor.
        x1, x2: values broadcast against `condition` (both or neither).

    Returns:
        A tensor, or a tuple of int32 index tensors when `x1`/`x2` are omitted.

    Example:
        >>> ops.where([True, False], 1, 0)   # [1, 0]
    """
    return engine.numpy.where(condition, x1, x2)


@op_with_spec(lambda x: tuple(symbolic((None,), "int32") for _ in range(len(x.shape))))
def nonzero(x):
    """Indices (a tuple of int32 tensors, one per axis) of the non-zero elements of `x`."""
    return engine.numpy.nonzero(x)


@op_with_spec(lambda x: symbolic((None, len(x.shape)), "int32"))
def argwhere(x):
    """Indices of non-zero elements, shaped `(count, ndim)`."""
    return engine.numpy.argwhere(x)


@op_with_spec(lambda x: symbolic((None,), x.dtype))
def unique_values(x):
    """Sorted unique elements of `x` (flattened)."""
    return engine.numpy.unique_values(x)


def _bincount_spec(x, weights=None, minlength=0, sparse=False):
    dtype = "int32" if weights is None else weights.dtype
    return symbolic(tuple(x.shape[:-1]) + (None,), dtype)


@op_with_spec(_bincount_spec)
def bincount(x, weights=None, minlength=0, sparse=False):
    """Count occurrences of each non-negative int (per row for 2D input).

    Args:
        x: int tensor, 1D or 2D.
        weights: optional weights with the shape of `x`.
        minlength: minimum number of bins.

    Returns:
        Counts (int32) or summed weights, length `max(max(x) + 1, minlength)`.

    Example:
        >>> ops.bincount([0, 1, 1, 3])   # [1, 2, 0, 1]
    """
    return engine.numpy.bincount(x, weights=weights, minlength=minlength, sparse=sparse)


# Composite ops: written once on top of engine primitives.
_LN2 = 0.6931471805599453
_numpy = engine.numpy


def _dtype_of(value):
    return engine.core.convert_to_tensor(value).dtype


@op
def angle(x):
    """Counter-clockwise angle (radians) of complex numbers; 0 or pi for real input.

    Example:
        >>> ops.angle([-1.0, 2.0])   # [3.1415927, 0.]
    """
    x = engine.core.convert_to_tensor(x)
    return _numpy.arctan2(_numpy.imag(x), _numpy.real(x))


@op
def isin(x1, x2, assume_unique=False, invert=False):
    """True where an element of `x1` occurs in `x2` (or does not, with `invert=True`).

    Example:
        >>> ops.isin([1, 2, 3], [2, 5])   # [False, True, False]
    """
    x1 = engine.core.convert_to_tensor(x1)
    candidates = _numpy.reshape(x2, (-1,))
    found = _numpy.any(_numpy.equal(_numpy.expand_dims(x1, -1), candidates), axis=-1)
    return _numpy.logical_not(found) if invert else found


@op
def isposinf(x):
    """True where `x` is +inf."""
    return _numpy.logical_and(_numpy.isinf(x), _numpy.greater(x, 0))


@op
def isneginf(x):
    """True where `x` is -inf."""
    return _numpy.logical_and(_numpy.isinf(x), _numpy.less(x, 0))


@op
def isreal(x):
    """True where the imaginary part of `x` is zero."""
    return _numpy.equal(_numpy.imag(x), 0)


@op
def logaddexp2(x1, x2):
    """`log2(2**x1 + 2**x2)` computed stably."""
    return _numpy.divide(_numpy.logaddexp(_numpy.multiply(x1, _LN2),
                                          _numpy.multiply(x2, _LN2)), _LN2)


@op
def trapezoid(y, x=None, dx=1.0, axis=-1):
    """Integrate `y` along `axis` with the trapezoidal rule (sample points `x` or spacing `dx`).

    Example:
        >>> ops.trapezoid([1.0, 2.0, 3.0])   # 4.0
    """
    y = engine.core.convert_to_tensor(y)
    length = y.shape[axis]
    upper = _numpy.take(y, _numpy.arange(1, length), axis=axis)
    lower = _numpy.take(y, _numpy.arange(0, length - 1), axis=axis)
    if x is None:
        spacing = dx
    else:
        x = engine.core.convert_to_tensor(x)
        spacing = _numpy.diff(x, axis=axis if x.ndim > 1 else -1)
        if x.ndim == 1 and y.ndim > 1:
            shape = [1] * y.ndim
            shape[axis] = length - 1
            spacing = _numpy.reshape(spacing, shape)
    area = _numpy.multiply(_numpy.add(upper, lower), spacing)
    return _numpy.divide(_numpy.sum(area, axis=axis), 2.0)


@op
def vander(x, N=None, increasing=False):
    """Vandermonde matrix: columns are powers of the 1D input `x`.

    Example:
        >>> ops.vander([1, 2, 3], 3)   # [[1, 1, 1], [4, 2, 1], [9, 3, 1]]
    """
    x = engine.core.convert_to_tensor(x)
    if x.ndim != 1:
        raise ValueError(f"`vander` expects a 1D input, received shape {tuple(x.shape)}.")
    columns = x.shape[0] if N is None else int(N)
    powers = _numpy.arange(columns - 1, -1, -1) if not increasing else _numpy.arange(columns)
    powers = engine.core.cast(powers, standardize_dtype(x.dtype))
    return _numpy.power(_numpy.expand_dims(x, -1), powers)


@op
def correlate(x1, x2, mode="valid"):
    """Cross-correlation of two 1D sequences (NumPy `correlate`).

    Args:
        x1, x2: 1D tensors.
        mode: "valid", "same" or "full".

    Returns:
        1D tensor.

    Example:
        >>> ops.correlate([1.0, 2.0, 3.0], [0.0, 1.0])   # [2., 3.]
    """
    if mode not in ("valid", "same", "full"):
        raise ValueError(f"`correlate`: mode must be 'valid', 'same' or 'full', "
                         f"received {mode!r}.")
    common = result_type(standardize_dtype(_dtype_of(x1)), standardize_dtype(_dtype_of(x2)))
    x1 = engine.core.convert_to_tensor(x1, dtype=common)
    x2 = engine.core.convert_to_tensor(x2, dtype=common)
    if len(x1.shape) != 1 or len(x2.shape) != 1:
        raise ValueError(f"`correlate` expects 1D inputs, received shapes {tuple(x1.shape)} "
                         f"and {tuple(x2.shape)}.")
    n, m = x1.shape[0], x2.shape[0]
    padded = _numpy.pad(x1, ((m - 1, m - 1),))
    full_length = n + m - 1
    index = _np.arange(full_length)[:, None] + _np.arange(m)[None, :]
    windows = _numpy.take(padded, index)
    full = _numpy.matmul(windows, _numpy.conj(x2))
    if mode == "full":
        return full
    if mode == "valid":
        shorter, longer = _builtins.min(n, m), _builtins.max(n, m)
        start, size = shorter - 1, longer - shorter + 1
    else:
        size = _builtins.max(n, m)
        start = (full_length - size) // 2
    return _numpy.take(full, _np.arange(start, start + size))


@op
def corrcoef(x):
    """Pearson correlation coefficients between the rows of `x`."""
    x = engine.core.convert_to_tensor(x)
    if not is_float_dtype(x.dtype):
        x = engine.core.cast(x, backend.floatx())
    centered = _numpy.subtract(x, _numpy.mean(x, axis=-1, keepdims=True))
    covariance = _numpy.matmul(centered, _numpy.transpose(_numpy.conj(centered)))
    scale = _numpy.sqrt(_numpy.diagonal(covariance))
    return _numpy.clip(_numpy.divide(covariance, _numpy.outer(scale, scale)), -1.0, 1.0)


def vectorize(pyfunc, *, excluded=None, signature=None):
    """Turn an element-wise tensor function into one that maps over broadcast inputs.

    Example:
        >>> ops.vectorize(lambda a, b: a + b)(ops.ones((2, 2)), 1.0)
    """
    if signature is not None:
        raise NotImplementedError("`vectorize` with a `signature` is not supported yet.")
    excluded = set(excluded or ())

    def vectorized(*args):
        mapped = [i for i in range(len(args)) if i not in excluded]
        tensors = [engine.core.convert_to_tensor(args[i]) for i in mapped]
        shape = _np.broadcast_shapes(*[tuple(t.shape) for t in tensors])
        flat = [_numpy.reshape(_numpy.broadcast_to(t, shape), (-1,)) for t in tensors]

        def apply(elements):
            call_args = list(args)
            for index, element in zip(mapped, elements):
                call_args[index] = element
            return pyfunc(*call_args)

        from cornu.ops.core import vectorized_map

        result = vectorized_map(apply, flat)
        return _numpy.reshape(result, shape)

    return vectorized
