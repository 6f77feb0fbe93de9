"""`cornu.ops` NumPy-style ops against NumPy: values, result dtypes and symbolic shapes."""
import numpy as np
import pytest

from cornu import ops
from cornu.backend import KerasTensor
from tests.ops.reference import assert_matches, rand, randint

X = rand(2, 3)
Y = rand(2, 3)
POS = rand(2, 3, low=0.1, high=3.0)
UNIT = rand(2, 3, low=-0.9, high=0.9)
INTS = randint(2, 3, low=1, high=9)
INTS2 = randint(2, 3, low=1, high=5)
BOOLS = X > 0
BOOLS2 = Y > 0

FLOAT_UNARY = [
    ("sqrt", POS, np.sqrt), ("exp", X, np.exp), ("exp2", X, np.exp2), ("expm1", X, np.expm1),
    ("log", POS, np.log), ("log1p", POS, np.log1p), ("log2", POS, np.log2),
    ("log10", POS, np.log10), ("sin", X, np.sin), ("cos", X, np.cos), ("tan", UNIT, np.tan),
    ("sinh", X, np.sinh), ("cosh", X, np.cosh), ("tanh", X, np.tanh),
    ("arcsin", UNIT, np.arcsin), ("arccos", UNIT, np.arccos), ("arctan", X, np.arctan),
    ("arcsinh", X, np.arcsinh), ("arccosh", POS + 1.0, np.arccosh),
    ("arctanh", UNIT, np.arctanh), ("reciprocal", POS, np.reciprocal),
    ("rsqrt", POS, lambda v: 1 / np.sqrt(v)), ("floor", X, np.floor), ("ceil", X, np.ceil),
    ("cbrt", X, np.cbrt), ("sinc", X, np.sinc), ("deg2rad", X, np.deg2rad),
    ("rad2deg", X, np.rad2deg), ("trunc", X, np.trunc), ("negative", X, np.negative),
    ("absolute", X, np.abs), ("abs", X, np.abs), ("sign", X, np.sign),
    ("square", X, np.square), ("round", X * 3, np.round),
]


@pytest.mark.parametrize("name,data,reference", FLOAT_UNARY, ids=[e[0] for e in FLOAT_UNARY])
def test_float_unary(name, data, reference):
    assert_matches(getattr(ops, name)(data), reference(data), atol=1e-5, dtype="float32")


@pytest.mark.parametrize("name", ["sqrt", "exp", "log1p", "sin", "floor", "ceil", "reciprocal"])
def test_float_unary_promotes_ints_to_float32(name):
    result = getattr(ops, name)(INTS)
    assert ops.dtype(result) == "float32"
    reference = {"floor": np.floor, "ceil": np.ceil, "reciprocal": np.reciprocal}.get(
        name, getattr(np, name))
    assert_matches(result, reference(INTS.astype("float64")), atol=1e-5)


def test_erf_and_erfinv_round_trip():
    values = rand(5, low=-0.9, high=0.9)
    assert_matches(ops.erfinv(ops.erf(values)), values, atol=1e-4)
    assert_matches(ops.erf(np.zeros(2, "float32")), np.zeros(2))


@pytest.mark.parametrize("name", ["negative", "absolute", "square", "sign"])
def test_int_unary_keeps_int32(name):
    reference = {"absolute": np.abs}.get(name, getattr(np, name, None))
    assert_matches(getattr(ops, name)(INTS), reference(INTS), dtype="int32")


BINARY = [
    ("add", X, Y, np.add), ("subtract", X, Y, np.subtract), ("multiply", X, Y, np.multiply),
    ("divide", X, POS, np.divide), ("true_divide", X, POS, np.true_divide),
    ("floor_divide", X, POS, np.floor_divide), ("mod", X, POS, np.mod),
    ("power", POS, Y, np.power), ("maximum", X, Y, np.maximum), ("minimum", X, Y, np.minimum),
    ("arctan2", X, Y, np.arctan2), ("hypot", X, Y, np.hypot), ("logaddexp", X, Y, np.logaddexp),
    ("copysign", X, Y, np.copysign), ("heaviside", X, Y, np.heaviside),
]


@pytest.mark.parametrize("name,a,b,reference", BINARY, ids=[e[0] for e in BINARY])
def test_float_binary(name, a, b, reference):
    assert_matches(getattr(ops, name)(a, b), reference(a, b), atol=1e-5, dtype="float32")


@pytest.mark.parametrize("name,reference", [
    ("add", np.add), ("subtract", np.subtract), ("multiply", np.multiply),
    ("floor_divide", np.floor_divide), ("mod", np.mod), ("maximum", np.maximum),
    ("minimum", np.minimum), ("power", np.power), ("gcd", np.gcd), ("lcm", np.lcm),
    ("bitwise_and", np.bitwise_and), ("bitwise_or", np.bitwise_or),
    ("bitwise_xor", np.bitwise_xor), ("left_shift", np.left_shift),
    ("right_shift", np.right_shift)])
def test_int_binary_keeps_int32(name, reference):
    assert_matches(getattr(ops, name)(INTS, INTS2), reference(INTS, INTS2), dtype="int32")


def test_weak_python_scalars_follow_keras_promotion():
    assert ops.dtype(ops.add(INTS, 1)) == "int32"
    assert ops.dtype(ops.add(INTS, 1.5)) == "float32"
    assert_matches(ops.add(INTS, 1.5), INTS + 1.5)
    assert ops.dtype(ops.true_divide(INTS, INTS2)) == "float32"
    assert_matches(ops.true_divide(INTS, INTS2), INTS / INTS2)
    assert ops.dtype(ops.multiply(X.astype("float16"), 2.0)) == "float16"
    assert ops.dtype(ops.add(BOOLS, 1)) == "int32"
    assert ops.dtype(ops.add(INTS.astype("int8"), INTS.astype("uint8"))) == "int16"
    assert ops.dtype(ops.add(X.astype("float16"), ops.cast(X, "bfloat16"))) == "float32"
    assert ops.dtype(ops.add(INTS, X)) == "float32"
    assert ops.dtype(ops.add(2, 3)) == "int32"
    assert ops.dtype(ops.add(2, 3.0)) == "float32"


def test_divide_no_nan():
    assert_matches(ops.divide_no_nan([1.0, 2.0], [0.0, 4.0]), [0.0, 0.5], dtype="float32")


COMPARISONS = [("equal", np.equal), ("not_equal", np.not_equal), ("less", np.less),
               ("less_equal", np.less_equal), ("greater", np.greater),
               ("greater_equal", np.greater_equal)]


@pytest.mark.parametrize("name,reference", COMPARISONS)
def test_comparisons(name, reference):
    b = np.where(rand(2, 3) > 0, X, Y)
    assert_matches(getattr(ops, name)(X, b), reference(X, b), dtype="bool")
    assert_matches(getattr(ops, name)(INTS, 4), reference(INTS, 4), dtype="bool")


@pytest.mark.parametrize("name", ["logical_and", "logical_or", "logical_xor"])
def test_logical_binary(name):
    assert_matches(getattr(ops, name)(BOOLS, BOOLS2), getattr(np, name)(BOOLS, BOOLS2),
                   dtype="bool")
    assert_matches(getattr(ops, name)(INTS - 4, X), getattr(np, name)(INTS - 4, X))


def test_logical_not_and_checks():
    assert_matches(ops.logical_not(BOOLS), ~BOOLS, dtype="bool")
    special = np.array([1.0, np.nan, np.inf, -np.inf], "float32")
    assert_matches(ops.isnan(special), np.isnan(special))
    assert_matches(ops.isinf(special), np.isinf(special))
    assert_matches(ops.isfinite(special), np.isfinite(special))
    assert_matches(ops.nan_to_num(special, posinf=5.0, neginf=-5.0),
                   np.nan_to_num(special, posinf=5.0, neginf=-5.0))
    assert_matches(ops.isclose(X, X + 1e-9), np.ones((2, 3), bool))
    assert bool(ops.convert_to_numpy(ops.allclose(X, X)))


def test_clip_where_select():
    assert_matches(ops.clip(X, -0.5, 0.5), np.clip(X, -0.5, 0.5), dtype="float32")
    assert_matches(ops.clip(INTS, 2, 5), np.clip(INTS, 2, 5), dtype="int32")
    assert_matches(ops.where(BOOLS, X, Y), np.where(BOOLS, X, Y), dtype="float32")
    assert_matches(ops.where(BOOLS, X, 0), np.where(BOOLS, X, 0), dtype="float32")
    rows, cols = ops.where(BOOLS)
    expected_rows, expected_cols = np.nonzero(BOOLS)
    assert_matches(rows, expected_rows, dtype="int32")
    assert_matches(cols, expected_cols)
    assert_matches(ops.select([X < 0, X > 1], [X, Y], 7.0),
                   np.select([X < 0, X > 1], [X, Y], 7.0))
    with pytest.raises(ValueError, match="both"):
        ops.where(BOOLS, X)


M = rand(3, 4, 5)
REDUCTIONS = [
    ("sum", np.sum), ("mean", np.mean), ("max", np.max), ("min", np.min),
    ("amax", np.amax), ("amin", np.amin), ("prod", np.prod), ("std", np.std),
    ("var", np.var), ("logsumexp", None), ("median", np.median), ("ptp", np.ptp),
]


def _logsumexp(x, axis=None, keepdims=False):
    peak = np.max(x, axis=axis, keepdims=True)
    result = np.log(np.sum(np.exp(x - peak), axis=axis, keepdims=True)) + peak
    return result if keepdims else np.squeeze(result, axis=axis)


@pytest.mark.parametrize("name,reference", REDUCTIONS, ids=[r[0] for r in REDUCTIONS])
@pytest.mark.parametrize("axis,keepdims", [(None, False), (1, False), ((0, 2), True), (-1, True)])
def test_reductions(name, reference, axis, keepdims):
    reference = reference or _logsumexp
    result = getattr(ops, name)(M, axis=axis, keepdims=keepdims)
    assert_matches(result, reference(M, axis=axis, keepdims=keepdims), atol=1e-4,
                   dtype="float32")


def test_reduction_dtypes():
    assert ops.dtype(ops.sum(INTS)) == "int32"
    assert ops.dtype(ops.sum(BOOLS)) == "int32"
    assert ops.dtype(ops.sum(INTS.astype("int8"))) == "int32"
    assert ops.dtype(ops.sum(INTS.astype("uint8"))) == "uint32"
    assert ops.dtype(ops.prod(INTS)) == "int32"
    assert ops.dtype(ops.mean(INTS)) == "float32"
    assert_matches(ops.mean(INTS, axis=0), INTS.mean(axis=0))
    assert ops.dtype(ops.var(INTS)) == "float32"
    assert ops.dtype(ops.max(INTS)) == "int32"
    assert ops.dtype(ops.mean(X.astype("float16"))) == "float16"
    assert ops.dtype(ops.cumsum(INTS)) == "int32"


def test_max_with_initial_and_empty_error():
    assert_matches(ops.max(X, initial=10.0), 10.0)
    with pytest.raises(ValueError, match="empty"):
        ops.max(np.zeros((0,), "float32"))


def test_any_all_argmax_count_nonzero():
    assert_matches(ops.any(BOOLS, axis=1), BOOLS.any(axis=1), dtype="bool")
    assert_matches(ops.all(BOOLS, axis=0, keepdims=True), BOOLS.all(axis=0, keepdims=True))
    assert_matches(ops.any(INTS - 4), (INTS - 4).any())
    assert_matches(ops.argmax(M, axis=1), np.argmax(M, axis=1), dtype="int32")
    assert_matches(ops.argmin(M, axis=-1), np.argmin(M, axis=-1), dtype="int32")
    assert_matches(ops.argmax(M), np.argmax(M))
    assert_matches(ops.argmax(M, axis=0, keepdims=True), np.argmax(M, axis=0, keepdims=True))
    assert_matches(ops.count_nonzero(INTS - 4, axis=1), np.count_nonzero(INTS - 4, axis=1),
                   dtype="int32")
    assert_matches(ops.count_nonzero(INTS - 4), np.count_nonzero(INTS - 4))


def test_scans_quantiles_average_trace():
    assert_matches(ops.cumsum(M, axis=1), np.cumsum(M, axis=1), atol=1e-5)
    assert_matches(ops.cumsum(INTS), np.cumsum(INTS))
    assert_matches(ops.cumprod(X, axis=0), np.cumprod(X, axis=0))
    assert_matches(ops.quantile(M, [0.25, 0.5], axis=1), np.quantile(M, [0.25, 0.5], axis=1),
                   atol=1e-5)
    assert_matches(ops.quantile(M, 0.3, axis=(0, 2), keepdims=True),
                   np.quantile(M, 0.3, axis=(0, 2), keepdims=True), atol=1e-5)
    assert_matches(ops.percentile(X, 40.0), np.percentile(X, 40.0), atol=1e-5)
    weights = rand(3, low=0.1, high=1.0)
    assert_matches(ops.average(X, axis=1, weights=weights),
                   np.average(X, axis=1, weights=weights), atol=1e-5)
    square = rand(4, 4)
    assert_matches(ops.trace(square), np.trace(square), atol=1e-5)
    assert_matches(ops.trace(INTS[:, :2]), np.trace(INTS[:, :2]), dtype="int32")


SHAPE_CASES = [
    ("reshape", (M, (4, 15)), {}, lambda x, s: x.reshape(s)),
    ("reshape", (M, (-1, 5)), {}, lambda x, s: x.reshape(s)),
    ("transpose", (M,), {}, np.transpose),
    ("transpose", (M, (1, 0, 2)), {}, np.transpose),
    ("expand_dims", (X, 1), {}, np.expand_dims),
    ("expand_dims", (X, (0, -1)), {}, np.expand_dims),
    ("squeeze", (X[:1],), {}, np.squeeze),
    ("squeeze", (X[:1], 0), {}, np.squeeze),
    ("tile", (X, (2, 1)), {}, np.tile),
    ("repeat", (X, 2), {"axis": 1}, np.repeat),
    ("repeat", (X, 2), {}, np.repeat),
    ("broadcast_to", (X[:1], (4, 3)), {}, np.broadcast_to),
    ("flip", (M,), {"axis": 1}, np.flip),
    ("flip", (M,), {}, np.flip),
    ("roll", (M, 2), {"axis": 2}, np.roll),
    ("roll", (M, 3), {}, np.roll),
    ("rot90", (X,), {}, np.rot90),
    ("swapaxes", (M, 0, 2), {}, np.swapaxes),
    ("moveaxis", (M, 0, -1), {}, np.moveaxis),
    ("ravel", (M,), {}, np.ravel),
    ("tril", (rand(4, 4),), {"k": -1}, np.tril),
    ("triu", (rand(4, 4),), {"k": 1}, np.triu),
    ("diag", (rand(4),), {"k": 1}, np.diag),
    ("diag", (rand(3, 4),), {}, np.diag),
    ("diagflat", (rand(2, 2),), {}, np.diagflat),
    ("diagonal", (M,), {"offset": 1, "axis1": 1, "axis2": 2}, np.diagonal),
    ("diff", (M,), {"n": 2, "axis": 1}, np.diff),
    ("atleast_2d", (rand(3),), {}, np.atleast_2d),
    ("atleast_3d", (X,), {}, np.atleast_3d),
    ("atleast_1d", (np.float32(2.0),), {}, np.atleast_1d),
]


@pytest.mark.parametrize("name,args,kwargs,reference", SHAPE_CASES,
                         ids=[f"{c[0]}{i}" for i, c in enumerate(SHAPE_CASES)])
def test_shape_ops(name, args, kwargs, reference):
    assert_matches(getattr(ops, name)(*args, **kwargs), reference(*args, **kwargs))


def test_join_and_split():
    assert_matches(ops.concatenate([X, Y], axis=1), np.concatenate([X, Y], axis=1))
    assert ops.dtype(ops.concatenate([INTS, X])) == "float32"
    assert_matches(ops.stack([X, Y], axis=1), np.stack([X, Y], axis=1))
    assert_matches(ops.hstack([X, Y]), np.hstack([X, Y]))
    assert_matches(ops.vstack([X, Y]), np.vstack([X, Y]))
    assert_matches(ops.dstack([X, Y]), np.dstack([X, Y]))
    assert_matches(ops.append(X, Y, axis=0), np.append(X, Y, axis=0))
    assert_matches(ops.append(X, Y), np.append(X, Y))
    assert_matches(ops.split(M, 2, axis=1), np.split(M, 2, axis=1))
    assert_matches(ops.split(M, [1, 3], axis=2), np.split(M, [1, 3], axis=2))
    assert_matches(ops.array_split(M, 3, axis=2), np.array_split(M, 3, axis=2))
    assert_matches(ops.unstack(M, axis=1), list(np.moveaxis(M, 1, 0)))
    with pytest.raises(ValueError, match="equal sections"):
        ops.split(M, 3, axis=1)
    with pytest.raises(ValueError, match="squeeze"):
        ops.squeeze(X, axis=0)


@pytest.mark.parametrize("mode", ["constant", "edge", "reflect", "symmetric", "wrap"])
def test_pad_modes(mode):
    widths = ((1, 2), (2, 1))
    assert_matches(ops.pad(X, widths, mode=mode), np.pad(X, widths, mode=mode))
    assert_matches(ops.pad(INTS, 1, mode=mode), np.pad(INTS, 1, mode=mode), dtype="int32")


def test_pad_constant_value_and_bad_mode():
    assert_matches(ops.pad(X, ((0, 1), (1, 0)), constant_values=3.0),
                   np.pad(X, ((0, 1), (1, 0)), constant_values=3.0))
    with pytest.raises(ValueError, match="mode"):
        ops.pad(X, 1, mode="circular")


def test_creation_ops():
    assert_matches(ops.zeros((2, 3)), np.zeros((2, 3)), dtype="float32")
    assert_matches(ops.ones(4, dtype="int32"), np.ones(4), dtype="int32")
    assert tuple(ops.empty((2, 2)).shape) == (2, 2)
    assert_matches(ops.full((2, 2), 7), np.full((2, 2), 7), dtype="int32")
    assert_matches(ops.full((2,), 1.5), np.full((2,), 1.5), dtype="float32")
    assert_matches(ops.zeros_like(INTS), np.zeros_like(INTS), dtype="int32")
    assert_matches(ops.ones_like(X, dtype="float16"), np.ones_like(X), dtype="float16")
    assert_matches(ops.full_like(X, 2), np.full_like(X, 2), dtype="float32")
    assert tuple(ops.empty_like(X).shape) == X.shape
    assert_matches(ops.eye(3, 4, k=1), np.eye(3, 4, k=1), dtype="float32")
    assert_matches(ops.identity(3), np.identity(3))
    assert_matches(ops.tri(3, 4, k=0), np.tri(3, 4))
    assert_matches(ops.arange(5), np.arange(5), dtype="int32")
    assert_matches(ops.arange(1, 4, 0.5), np.arange(1, 4, 0.5), dtype="float32")
    assert_matches(ops.arange(2, 10, 3, dtype="float32"), np.arange(2, 10, 3))
    assert_matches(ops.linspace(0, 1, 5), np.linspace(0, 1, 5), dtype="float32")
    assert_matches(ops.linspace(0, 1, 4, endpoint=False), np.linspace(0, 1, 4, endpoint=False))
    assert_matches(ops.logspace(0, 2, 3), np.logspace(0, 2, 3), atol=1e-4)
    assert_matches(ops.geomspace(1, 100, 3), np.geomspace(1, 100, 3), atol=1e-4)
    assert_matches(ops.array([1, 2]), np.array([1, 2]), dtype="int32")
    assert_matches(ops.copy(X), X)
    assert_matches(ops.meshgrid(np.arange(3), np.arange(2)),
                   np.meshgrid(np.arange(3), np.arange(2)))
    assert_matches(ops.meshgrid(np.arange(3), np.arange(2), indexing="ij"),
                   np.meshgrid(np.arange(3), np.arange(2), indexing="ij"))


def test_take_and_get_item():
    assert_matches(ops.take(M, [2, -1, 0], axis=1), np.take(M, [2, -1, 0], axis=1))
    assert_matches(ops.take(M, np.array([[0, 1], [2, 3]]), axis=2),
                   np.take(M, np.array([[0, 1], [2, 3]]), axis=2))
    assert_matches(ops.take(M, [5, 7]), np.take(M, [5, 7]))
    indices = np.argsort(M, axis=1)
    assert_matches(ops.take_along_axis(M, indices, axis=1),
                   np.take_along_axis(M, indices, axis=1))
    assert_matches(ops.take_along_axis(M, indices[:, :1], axis=1),
                   np.take_along_axis(M, indices[:, :1], axis=1))
    assert_matches(ops.get_item(M, (slice(0, 2), None, Ellipsis, 1)), M[0:2, None, ..., 1])
    assert_matches(ops.get_item(M, 1), M[1])
    assert_matches(ops.get_item(M, np.array([2, 0])), M[np.array([2, 0])])
    assert_matches(ops.get_item(X, X > 0), X[X > 0])


def test_sort_search_and_counting():
    assert_matches(ops.sort(M, axis=1), np.sort(M, axis=1))
    assert_matches(ops.argsort(M), np.argsort(M, kind="stable"), dtype="int32")
    assert_matches(ops.argsort(np.array([3, 1, 1, 0])), [3, 1, 2, 0])
    sequence = np.array([1.0, 2.0, 4.0, 8.0], "float32")
    values = np.array([0.5, 2.0, 5.0, 9.0], "float32")
    assert_matches(ops.searchsorted(sequence, values), np.searchsorted(sequence, values),
                   dtype="int32")
    assert_matches(ops.searchsorted(sequence, values, side="right"),
                   np.searchsorted(sequence, values, side="right"))
    assert_matches(ops.digitize(values, sequence), np.digitize(values, sequence), dtype="int32")
    data = np.array([0, 1, 1, 3], "int32")
    assert_matches(ops.bincount(data), np.bincount(data), dtype="int32")
    assert_matches(ops.bincount(data, minlength=6), np.bincount(data, minlength=6))
    weights = np.array([0.5, 1.0, 2.0, 3.0], "float32")
    assert_matches(ops.bincount(data, weights=weights), np.bincount(data, weights=weights),
                   dtype="float32")
    assert_matches(ops.nonzero(INTS - 4), list(np.nonzero(INTS - 4)))
    assert_matches(ops.argwhere(BOOLS), np.argwhere(BOOLS), dtype="int32")
    assert_matches(ops.unique_values(np.array([3, 1, 3, 2])), [1, 2, 3])
    assert_matches(ops.unravel_index(np.array([1, 5, 7]), (2, 4)),
                   list(np.unravel_index(np.array([1, 5, 7]), (2, 4))))
    counts, edges = ops.histogram(np.array([0.0, 1.0, 1.5, 4.0], "float32"), bins=4)
    expected_counts, expected_edges = np.histogram(np.array([0.0, 1.0, 1.5, 4.0]), bins=4)
    assert_matches(counts, expected_counts)
    assert_matches(edges, expected_edges)
    assert_matches(ops.tril_indices(3), list(np.tril_indices(3)))
    assert_matches(ops.triu_indices(3, 1), list(np.triu_indices(3, 1)))
    with pytest.raises(ValueError, match="side"):
        ops.searchsorted(sequence, values, side="middle")


def test_products():
    a, b = rand(2, 3, 4), rand(2, 4, 5)
    assert_matches(ops.matmul(a, b), np.matmul(a, b), atol=1e-5, dtype="float32")
    vector = rand(4)
    assert_matches(ops.matmul(vector, b), np.matmul(vector, b), atol=1e-5)
    assert_matches(ops.matmul(INTS, INTS.T), INTS @ INTS.T, dtype="int32")
    assert_matches(ops.dot(X, Y.T), np.dot(X, Y.T), atol=1e-5)
    assert_matches(ops.dot(a, b[0]), np.dot(a, b[0]), atol=1e-5)
    assert_matches(ops.dot(X[0], Y[0]), np.dot(X[0], Y[0]), atol=1e-5)
    assert_matches(ops.dot(X, 2.0), X * 2.0)
    assert_matches(ops.tensordot(a, b, axes=([2, 0], [1, 0])),
                   np.tensordot(a, b, axes=([2, 0], [1, 0])), atol=1e-5)
    c = rand(3, 4)
    assert_matches(ops.tensordot(a, c, axes=2), np.tensordot(a, c, axes=2), atol=1e-5)
    assert_matches(ops.einsum("bij,bjk->bik", a, b), np.einsum("bij,bjk->bik", a, b), atol=1e-5)
    assert_matches(ops.outer(X[0], Y[1]), np.outer(X[0], Y[1]))
    assert_matches(ops.inner(X, Y), np.inner(X, Y), atol=1e-5)
    assert_matches(ops.vdot(X, Y), np.vdot(X, Y), atol=1e-5)
    u, v = rand(4, 3), rand(4, 3)
    assert_matches(ops.cross(u, v), np.cross(u, v), atol=1e-5)
    assert_matches(ops.cross(u[:, :2], v[:, :2]), np.cross(
        np.pad(u[:, :2], ((0, 0), (0, 1))), np.pad(v[:, :2], ((0, 0), (0, 1))))[:, 2], atol=1e-5)
    assert_matches(ops.kron(X, Y[:1]), np.kron(X, Y[:1]), atol=1e-5)
    with pytest.raises(ValueError, match="matmul"):
        ops.matmul(rand(2, 3), rand(4, 5))


def test_variables_and_lists_are_accepted():
    from cornu import backend

    variable = backend.Variable(X)
    assert_matches(ops.add(variable, 1.0), X + 1.0)
    assert_matches(ops.sum(variable, axis=0), X.sum(axis=0), atol=1e-5)
    assert_matches(ops.add([1.0, 2.0], [3.0, 4.0]), [4.0, 6.0], dtype="float32")
    assert_matches(ops.multiply(3, [1, 2]), [3, 6], dtype="int32")


# --- symbolic (KerasTensor) shape and dtype inference -------------------------------------------
SYMBOLIC_CASES = [
    (lambda t: ops.add(t, 1.0), (None, 3), "float32", (None, 3), "float32"),
    (lambda t: ops.add(t, 1.5), (None, 3), "int32", (None, 3), "float32"),
    (lambda t: ops.mean(t, axis=-1), (None, 3), "int32", (None,), "float32"),
    (lambda t: ops.sum(t, axis=0, keepdims=True), (None, 3), "float32", (1, 3), "float32"),
    (lambda t: ops.argmax(t, axis=1), (None, 3), "float32", (None,), "int32"),
    (lambda t: ops.reshape(t, (-1, 2, 3)), (None, 6), "float32", (None, 2, 3), "float32"),
    (lambda t: ops.transpose(t), (None, 4, 5), "float32", (5, 4, None), "float32"),
    (lambda t: ops.expand_dims(t, -1), (None, 3), "float32", (None, 3, 1), "float32"),
    (lambda t: ops.concatenate([t, t], axis=1), (None, 3), "float32", (None, 6), "float32"),
    (lambda t: ops.stack([t, t]), (None, 3), "float32", (2, None, 3), "float32"),
    (lambda t: ops.matmul(t, np.ones((3, 7), "float32")), (None, 3), "float32", (None, 7),
     "float32"),
    (lambda t: ops.equal(t, 0), (None, 3), "float32", (None, 3), "bool"),
    (lambda t: t[:, 1:], (None, 3), "float32", (None, 2), "float32"),
    (lambda t: t[..., None, 0], (None, 3), "float32", (None, 1), "float32"),
    (lambda t: ops.take(t, [0, 2], axis=1), (None, 3), "float32", (None, 2), "float32"),
    (lambda t: ops.pad(t, ((0, 0), (1, 1))), (None, 3), "float32", (None, 5), "float32"),
    (lambda t: ops.tile(t, (1, 2)), (None, 3), "float32", (None, 6), "float32"),
    (lambda t: ops.where(ops.greater(t, 0), t, 0.0), (None, 3), "float32", (None, 3), "float32"),
    (lambda t: ops.cumsum(t, axis=1), (None, 3), "int32", (None, 3), "int32"),
    (lambda t: ops.einsum("bi,ij->bj", t, np.ones((3, 2), "float32")), (None, 3), "float32",
     (None, 2), "float32"),
    (lambda t: ops.sqrt(t), (None, 3), "int32", (None, 3), "float32"),
    (lambda t: ops.nonzero(t)[0], (None, 3), "float32", (None,), "int32"),
    (lambda t: ops.split(t, 3, axis=1)[0], (None, 3), "float32", (None, 1), "float32"),
    (lambda t: ops.sort(t), (None, 3), "float32", (None, 3), "float32"),
    (lambda t: ops.broadcast_to(t, (2, 4, 3)), (4, 3), "float32", (2, 4, 3), "float32"),
    (lambda t: ops.bincount(t), (None,), "int32", (None,), "int32"),
]


@pytest.mark.parametrize("build,shape,dtype,expected_shape,expected_dtype", SYMBOLIC_CASES,
                         ids=[str(i) for i in range(len(SYMBOLIC_CASES))])
def test_symbolic_shapes_and_dtypes(build, shape, dtype, expected_shape, expected_dtype):
    result = build(KerasTensor(shape, dtype=dtype))
    assert isinstance(result, KerasTensor)
    assert result.shape == expected_shape
    assert result.dtype == expected_dtype
    assert result._keras_history is not None


# --- composite ops --------------------------------------------------------------------------------
def test_composite_numpy_ops():
    special = np.array([1.0, -np.inf, np.inf, -2.0], "float32")
    assert_matches(ops.isposinf(special), np.isposinf(special))
    assert_matches(ops.isneginf(special), np.isneginf(special))
    assert_matches(ops.isreal(special), np.isreal(special))
    assert_matches(ops.angle(np.array([-1.0, 2.0], "float32")), np.angle([-1.0, 2.0]),
                   atol=1e-6)
    assert_matches(ops.isin(INTS, [2, 5]), np.isin(INTS, [2, 5]))
    assert_matches(ops.isin(INTS, [2, 5], invert=True), np.isin(INTS, [2, 5], invert=True))
    assert_matches(ops.logaddexp2(X, Y), np.logaddexp2(X, Y), atol=1e-5)
    assert_matches(ops.trapezoid(M, axis=1), np.trapezoid(M, axis=1), atol=1e-5)
    grid = np.array([0.0, 0.5, 2.0, 2.5], "float32")
    assert_matches(ops.trapezoid(M[:, :, :4], x=grid), np.trapezoid(M[:, :, :4], x=grid),
                   atol=1e-5)
    assert_matches(ops.vander(np.array([1, 2, 3])), np.vander([1, 2, 3]))
    assert_matches(ops.vander(X[0], 4, increasing=True), np.vander(X[0], 4, increasing=True),
                   atol=1e-5)
    assert_matches(ops.corrcoef(X), np.corrcoef(X), atol=1e-5)
    a, v = rand(6), rand(3)
    for mode in ("valid", "same", "full"):
        assert_matches(ops.correlate(a, v, mode=mode), np.correlate(a, v, mode=mode), atol=1e-5)
        assert_matches(ops.correlate(v, a, mode=mode), np.correlate(v, a, mode=mode), atol=1e-5)
    with pytest.raises(ValueError, match="mode"):
        ops.correlate(a, v, mode="circular")
    assert_matches(ops.vectorize(lambda p, q: p * q + 1.0)(X, 2.0), X * 2.0 + 1.0, atol=1e-6)


@pytest.mark.parametrize("name,args", [("bartlett", (5,)), ("blackman", (6,)), ("hamming", (5,)),
                                       ("hanning", (4,)), ("kaiser", (5, 3.0))])
def test_window_functions(name, args):
    assert_matches(getattr(ops, name)(*args), getattr(np, name)(*args), atol=1e-6,
                   dtype="float32")


def test_user_mistakes_get_clear_errors():
    with pytest.raises(ValueError, match=r"broadcast.*\(2, 3\).*\(4,\)"):
        ops.add(X, rand(4))
    with pytest.raises(ValueError, match="broadcast"):
        ops.true_divide(X, rand(4))
    with pytest.raises(ValueError, match=r"reshape.*\(2, 3\).*\(4, 2\)"):
        ops.reshape(X, (4, 2))
    with pytest.raises(ValueError, match="concatenate"):
        ops.concatenate([X, rand(2, 4)], axis=0)
    with pytest.raises(ValueError, match="stack"):
        ops.stack([X, rand(3, 2)])
