"""Core ops: conversion, casting, slicing/scatter and control flow (incl. under jax.jit)."""
import numpy as np
import pytest

from cornu import backend, ops
from cornu.backend import KerasTensor
from tests.ops.reference import assert_matches, gradient, jit, rand

X = rand(3, 4)


def test_conversions_and_introspection():
    tensor = ops.convert_to_tensor(X)
    assert ops.is_tensor(tensor)
    assert not ops.is_tensor(X)
    np.testing.assert_array_equal(ops.convert_to_numpy(tensor), X)
    assert ops.shape(tensor) == (3, 4)
    assert ops.shape(KerasTensor((None, 4))) == (None, 4)
    assert ops.ndim(tensor) == 2 and ops.size(tensor) == 12
    assert ops.size(KerasTensor((None, 4))) is None
    assert ops.dtype(tensor) == "float32"
    assert ops.dtype(ops.convert_to_tensor([1, 2])) == "int32"
    assert ops.dtype(ops.convert_to_tensor(X, dtype="float16")) == "float16"
    assert ops.result_type("int32", float) == "float32"
    assert ops.result_type("int8", "uint8") == "int16"
    with pytest.raises(TypeError, match="symbolic"):
        ops.convert_to_numpy(KerasTensor((2,)))


@pytest.mark.parametrize("dtype", ["float16", "bfloat16", "int32", "int8", "uint8", "bool"])
def test_cast(dtype):
    result = ops.cast(X * 10, dtype)
    assert ops.dtype(result) == dtype
    if dtype not in ("bfloat16", "bool"):
        np.testing.assert_allclose(ops.convert_to_numpy(result),
                                   (X * 10).astype(dtype), atol=0.1)
    assert ops.cast(KerasTensor((None, 2)), dtype).dtype == dtype


def test_saturate_cast_clips_to_the_target_range():
    assert_matches(ops.saturate_cast(np.array([300, -5, 7], "int32"), "uint8"), [255, 0, 7],
                   dtype="uint8")
    assert_matches(ops.saturate_cast(np.array([1e6, -1e6], "float32"), "int16"),
                   [32767, -32768], dtype="int16")


def test_slice_and_slice_update():
    assert_matches(ops.slice(X, (1, 2), (2, 2)), X[1:3, 2:4])
    updated = X.copy()
    updated[0:2, 1:3] = 9.0
    assert_matches(ops.slice_update(X, (0, 1), np.full((2, 2), 9.0, "float32")), updated)
    assert ops.slice(KerasTensor((None, 4)), (0, 1), (2, 3)).shape == (2, 3)


def test_scatter_and_scatter_update():
    indices = np.array([[0, 1], [2, 3], [0, 1]])
    values = np.array([1.0, 2.0, 3.0], "float32")
    expected = np.zeros((3, 4))
    np.add.at(expected, (indices[:, 0], indices[:, 1]), values)
    assert_matches(ops.scatter(indices, values, (3, 4)), expected)
    row_indices = np.array([[1]])
    rows = np.ones((1, 4), "float32")
    expected = X.copy()
    expected[1] = 1.0
    assert_matches(ops.scatter_update(X, row_indices, rows), expected)
    expected = X.copy()
    expected[0, 1], expected[2, 3] = 5.0, 6.0
    assert_matches(ops.scatter_update(X, indices[:2], np.array([5.0, 6.0], "float32")), expected)


def test_unstack():
    assert_matches(ops.unstack(X, axis=1), [X[:, i] for i in range(4)])


def test_cond_and_switch():
    assert_matches(ops.cond(ops.convert_to_tensor(True), lambda: X, lambda: -X), X)
    assert_matches(ops.cond(np.array(False), lambda: X, lambda: -X), -X)
    branches = [lambda v: v + 1.0, lambda v: v * 2.0, lambda v: v - 1.0]
    assert_matches(ops.switch(1, branches, X), X * 2.0)
    assert_matches(ops.switch(7, branches, X), X - 1.0)

    @jit
    def jitted(flag, value):
        return ops.cond(flag, lambda: value * 3.0, lambda: value)

    assert_matches(jitted(ops.convert_to_tensor(True), X), X * 3.0)


def test_while_loop_and_fori_loop():
    assert int(ops.convert_to_numpy(ops.while_loop(lambda i: i < 10, lambda i: i + 1,
                                                   ops.convert_to_tensor(0)))) == 10
    i, total = ops.while_loop(lambda i, t: i < 4, lambda i, t: (i + 1, t + i),
                              (ops.convert_to_tensor(0), ops.convert_to_tensor(0)))
    assert int(ops.convert_to_numpy(total)) == 6
    limited = ops.while_loop(lambda i: i < 100, lambda i: i + 1, ops.convert_to_tensor(0),
                             maximum_iterations=5)
    assert int(ops.convert_to_numpy(limited)) == 5
    result = ops.fori_loop(0, 5, lambda i, v: v + i, ops.convert_to_tensor(0))
    assert int(ops.convert_to_numpy(result)) == 10

    @jit
    def jitted(value):
        return ops.fori_loop(0, 3, lambda i, v: v * 2.0, value)

    assert_matches(jitted(X), X * 8.0, atol=1e-5)


def test_scan_map_vectorized_map_associative_scan():
    xs = rand(5, 2)

    def step(carry, x):
        new = carry + x
        return new, new * 2.0

    carry, ys = ops.scan(step, ops.zeros((2,)), xs)
    assert_matches(carry, xs.sum(axis=0), atol=1e-5)
    assert_matches(ys, np.cumsum(xs, axis=0) * 2.0, atol=1e-5)
    carry, ys = ops.scan(step, ops.zeros((2,)), xs, reverse=True)
    assert_matches(ys, np.cumsum(xs[::-1], axis=0)[::-1] * 2.0, atol=1e-5)
    assert_matches(ops.map(lambda row: ops.sum(row), xs), xs.sum(axis=1), atol=1e-5)
    assert_matches(ops.vectorized_map(lambda row: row * 2.0, xs), xs * 2.0)
    assert_matches(ops.associative_scan(lambda a, b: a + b, xs), np.cumsum(xs, axis=0),
                   atol=1e-5)
    assert_matches(ops.associative_scan(lambda a, b: a + b, xs, reverse=True),
                   np.cumsum(xs[::-1], axis=0)[::-1], atol=1e-5)

    @jit
    def jitted(values):
        return ops.scan(step, ops.zeros((2,)), values)[1]

    assert_matches(jitted(xs), np.cumsum(xs, axis=0) * 2.0, atol=1e-5)


def test_stop_gradient_and_custom_gradient():
    assert_matches(gradient(lambda v: ops.stop_gradient(v) * v, X), X)

    @ops.custom_gradient
    def scaled_identity(v):
        def grad_fn(upstream):
            return upstream * 5.0

        return v * 1.0, grad_fn

    assert_matches(gradient(scaled_identity, X), np.full_like(X, 5.0))
    variable = backend.Variable(X)
    assert_matches(ops.stop_gradient(variable), X)


def test_core_ops_work_under_jit():
    @jit
    def jitted(value):
        piece = ops.slice(value, (0, 1), (2, 2))
        return ops.slice_update(value, (1, 1), piece * 0.0)

    expected = X.copy()
    expected[1:3, 1:3] = 0.0
    assert_matches(jitted(X), expected)


def test_namespaces_and_op_count():
    import cornu.ops.linalg
    import cornu.ops.nn
    import cornu.ops.numpy

    assert cornu.ops.numpy.add is ops.add
    assert cornu.ops.nn.relu is ops.relu
    assert cornu.ops.linalg.inv is ops.inv
    assert callable(ops.image.resize)
    public = [name for name in dir(ops) if not name.startswith("_") and callable(getattr(ops, name))]
    assert len(public) >= 250


def test_symbolic_calls_record_graph_nodes():
    inputs = KerasTensor((None, 3))
    hidden = ops.relu(ops.matmul(inputs, np.ones((3, 2), "float32")))
    operation, node_index, _ = hidden._keras_history
    node = operation._inbound_nodes[node_index]
    parent = node.parent_nodes[0]
    assert parent.operation.name.startswith("matmul")
    assert hidden.shape == (None, 2)


def test_standardize_dtype_accepts_every_dtype_spelling():
    import numpy as np

    from cornu.backend.common.dtypes import standardize_dtype

    assert standardize_dtype(np.float32) == "float32"
    assert standardize_dtype(np.dtype("int16")) == "int16"
    assert standardize_dtype("float64") == "float64"
    assert standardize_dtype(bool) == "bool"
    engine_dtype = ops.convert_to_tensor(np.zeros(2, "int32")).dtype
    assert standardize_dtype(engine_dtype) == standardize_dtype(engine_dtype) == "int32"
