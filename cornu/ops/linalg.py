"""Linear-algebra public ops (`cornu.ops.linalg`).

    >>> from cornu import ops
    >>> ops.inv([[2.0, 0.0], [0.0, 4.0]])   # [[0.5, 0.], [0., 0.25]]
"""
from cornu.backend import engine
from cornu.ops.dispatch import op
from cornu.ops.spec import engine_op

cholesky = engine_op("linalg", "cholesky", "Cholesky factor (lower unless `upper=True`).")
det = engine_op("linalg", "det", "Determinant of square matrices.")
slogdet = engine_op("linalg", "slogdet", "Sign and log-absolute-determinant.")
inv = engine_op("linalg", "inv", "Inverse of square matrices.")
eig = engine_op("linalg", "eig", "Eigenvalues and eigenvectors of general square matrices.")
eigh = engine_op("linalg", "eigh", "Eigen-decomposition of symmetric/Hermitian matrices.")
lu_factor = engine_op("linalg", "lu_factor", "LU factorization with 0-based pivots.")
qr = engine_op("linalg", "qr", "QR decomposition (`mode` 'reduced' or 'complete').")
svd = engine_op("linalg", "svd", "Singular value decomposition `(u, s, vh)`.")
solve = engine_op("linalg", "solve", "Solve `a @ x = b` for `x`.")
solve_triangular = engine_op("linalg", "solve_triangular",
                             "Solve `a @ x = b` for triangular `a`.")
lstsq = engine_op("linalg", "lstsq", "Least-squares solution of `a @ x = b`.")
norm = engine_op("linalg", "norm", "Vector or matrix norm (`ord`, `axis`, `keepdims`).")


@op
def cholesky_inverse(x, upper=False):
    """Inverse of `A` given its Cholesky factor `x` (`A = x @ x.T`, or `x.T @ x` if upper).

    Example:
        >>> ops.cholesky_inverse(ops.cholesky(a))   # == ops.inv(a)
    """
    factor = engine.core.convert_to_tensor(x)
    factor_t = engine.numpy.swapaxes(factor, -1, -2)
    product = engine.numpy.matmul(factor_t, factor) if upper else engine.numpy.matmul(
        factor, factor_t)
    return engine.linalg.inv(product)
