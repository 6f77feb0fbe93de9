"""Shared helpers for op tests: run an op and compare with a NumPy reference."""
import numpy as np

from cornu import ops

RNG = np.random.default_rng(1234)


def rand(*shape, low=-2.0, high=2.0, dtype="float32"):
    return RNG.uniform(low, high, size=shape).astype(dtype)


def randint(*shape, low=0, high=10, dtype="int32"):
    return RNG.integers(low, high, size=shape).astype(dtype)


def to_numpy(value):
    if isinstance(value, (list, tuple)):
        return [to_numpy(v) for v in value]
    return ops.convert_to_numpy(value)


def assert_matches(actual, expected, atol=1e-5, rtol=1e-5, dtype=None):
    """Compare values (and optionally the dtype name) of an op result with NumPy."""
    if isinstance(actual, (list, tuple)):
        assert len(actual) == len(expected)
        for a, e in zip(actual, expected):
            assert_matches(a, e, atol=atol, rtol=rtol)
        return
    values = ops.convert_to_numpy(actual)
    expected = np.asarray(expected)
    assert values.shape == expected.shape, f"shape {values.shape} != {expected.shape}"
    if expected.dtype == bool:
        np.testing.assert_array_equal(values, expected)
    else:
        np.testing.assert_allclose(values.astype("float64"), expected.astype("float64"),
                                   atol=atol, rtol=rtol, equal_nan=True)
    if dtype is not None:
        assert ops.dtype(actual) == dtype, f"dtype {ops.dtype(actual)} != {dtype}"


def gradient(fn, x):
    """d(sum(fn(x)))/dx as NumPy; the only engine-specific helper the op tests need."""
    from cornu import backend

    if backend.backend() == "torch":
        import torch

        value = torch.tensor(np.asarray(x), requires_grad=True)
        (grad,) = torch.autograd.grad(torch.sum(fn(value)), [value])
        return grad.detach().numpy()
    import jax
    import jax.numpy as jnp

    return np.asarray(jax.grad(lambda v: jnp.sum(fn(v)))(jnp.asarray(x)))


def jit(fn):
    """`jax.jit(fn)` on JAX; identity on torch (used to check ops are traceable)."""
    from cornu import backend

    if backend.backend() == "jax":
        import jax

        return jax.jit(fn)
    return fn
