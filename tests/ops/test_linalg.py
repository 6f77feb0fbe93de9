"""`cornu.ops` linear algebra against NumPy."""
import numpy as np
import pytest

from cornu import ops
from cornu.backend import KerasTensor
from tests.ops.reference import assert_matches, rand

A = rand(3, 3) + 3 * np.eye(3, dtype="float32")
SPD = (A @ A.T).astype("float32")
B = rand(3, 2)


def test_inverse_determinant_and_solve():
    assert_matches(ops.inv(A), np.linalg.inv(A), atol=1e-4, dtype="float32")
    assert_matches(ops.det(A), np.linalg.det(A), atol=1e-3)
    sign, logabsdet = ops.slogdet(A)
    expected_sign, expected_log = np.linalg.slogdet(A)
    assert_matches(sign, expected_sign)
    assert_matches(logabsdet, expected_log, atol=1e-4)
    assert_matches(ops.solve(A, B), np.linalg.solve(A, B), atol=1e-4)
    lower = np.tril(A)
    assert_matches(ops.solve_triangular(lower, B, lower=True), np.linalg.solve(lower, B),
                   atol=1e-4)
    upper = np.triu(A)
    assert_matches(ops.solve_triangular(upper, B), np.linalg.solve(upper, B), atol=1e-4)
    tall = rand(5, 3)
    target = rand(5)
    assert_matches(ops.lstsq(tall, target), np.linalg.lstsq(tall, target, rcond=None)[0],
                   atol=1e-4)
    with pytest.raises(ValueError, match="square"):
        ops.inv(rand(2, 3))


def test_decompositions_reconstruct_the_input():
    lower = ops.convert_to_numpy(ops.cholesky(SPD))
    np.testing.assert_allclose(lower @ lower.T, SPD, atol=1e-3)
    assert np.allclose(lower, np.tril(lower))
    upper = ops.convert_to_numpy(ops.cholesky(SPD, upper=True))
    np.testing.assert_allclose(upper.T @ upper, SPD, atol=1e-3)
    q, r = [ops.convert_to_numpy(t) for t in ops.qr(rand(4, 3) + 0.5)]
    assert q.shape == (4, 3) and r.shape == (3, 3)
    q_full, r_full = ops.qr(rand(4, 3), mode="complete")
    assert tuple(q_full.shape) == (4, 4)
    m = rand(4, 3)
    u, s, vh = [ops.convert_to_numpy(t) for t in ops.svd(m, full_matrices=False)]
    np.testing.assert_allclose((u * s) @ vh, m, atol=1e-4)
    assert_matches(ops.svd(m, compute_uv=False), np.linalg.svd(m, compute_uv=False), atol=1e-4)
    values, vectors = [ops.convert_to_numpy(t) for t in ops.eigh(SPD)]
    np.testing.assert_allclose(SPD @ vectors, vectors * values, atol=1e-3)
    values, vectors = [ops.convert_to_numpy(t) for t in ops.eig(SPD)]
    np.testing.assert_allclose(np.sort(values.real), np.sort(np.linalg.eigvalsh(SPD)), atol=1e-3)
    lu, pivots = ops.lu_factor(A)
    assert ops.dtype(pivots) == "int32"
    assert tuple(lu.shape) == (3, 3)


@pytest.mark.parametrize("ord_,axis,keepdims", [
    (None, None, False), (None, -1, False), (1, 0, True), (np.inf, 1, False),
    ("fro", (0, 1), False), (1, (0, 1), False), (2, -1, True), (None, (0, 1), True),
])
def test_norm(ord_, axis, keepdims):
    x = rand(3, 4)
    assert_matches(ops.norm(x, ord=ord_, axis=axis, keepdims=keepdims),
                   np.linalg.norm(x, ord=ord_, axis=axis, keepdims=keepdims), atol=1e-4)


def test_symbolic_linalg_shapes():
    assert ops.inv(KerasTensor((None, 3, 3))).shape == (None, 3, 3)
    assert ops.norm(KerasTensor((None, 5)), axis=-1).shape == (None,)
    assert ops.solve(KerasTensor((2, 3, 3)), KerasTensor((2, 3, 1))).shape == (2, 3, 1)


def test_cholesky_inverse():
    lower = ops.cholesky(SPD)
    assert_matches(ops.cholesky_inverse(lower), np.linalg.inv(SPD), atol=1e-4)
    upper = ops.cholesky(SPD, upper=True)
    assert_matches(ops.cholesky_inverse(upper, upper=True), np.linalg.inv(SPD), atol=1e-4)
