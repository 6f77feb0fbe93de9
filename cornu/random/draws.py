"""Random draws (`cornu.random.normal`, `uniform`, `dropout`, ...).

`seed` may be an int (same draw every call), `None` (the global generator; fine in
eager code, but inside `jax.jit` pass a `SeedGenerator`) or a `SeedGenerator`.
"""
from cornu.backend import engine
from cornu.backend.common.dtypes import standardize_dtype
from cornu.random.seed_generator import draw_seed


def _check_shape(op_name, shape):
    if isinstance(shape, int):
        return (shape,)
    try:
        shape = tuple(shape)
    except TypeError:
        raise ValueError(f"`{op_name}`: shape must be a tuple of ints, received {shape!r}.")
    for dim in shape:
        if dim is None or int(dim) < 0:
            raise ValueError(f"`{op_name}`: shape must contain non-negative ints, received "
                             f"{shape}.")
    return tuple(int(d) for d in shape)


def _float(op_name, dtype):
    name = standardize_dtype(dtype)
    if name not in ("float16", "bfloat16", "float32", "float64"):
        raise ValueError(f"`{op_name}` draws floats; dtype must be a float type, received "
                         f"{dtype!r}.")
    return name


def normal(shape, mean=0.0, stddev=1.0, dtype=None, seed=None):
    """Samples from a normal distribution.

    Args:
        shape: output shape.
        mean, stddev: distribution parameters.
        dtype: float dtype (floatx by default).
        seed: int, None or `SeedGenerator`.

    Returns:
        A tensor of samples.

    Example:
        >>> cornu.random.normal((2, 3), seed=1)
    """
    return engine.random.normal(_check_shape("normal", shape), mean, stddev,
                                _float("normal", dtype), draw_seed(seed))


def uniform(shape, minval=0.0, maxval=1.0, dtype=None, seed=None):
    """Samples uniformly from `[minval, maxval)` (see `normal` for the arguments)."""
    return engine.random.uniform(_check_shape("uniform", shape), minval, maxval,
                                 _float("uniform", dtype), draw_seed(seed))


def truncated_normal(shape, mean=0.0, stddev=1.0, dtype=None, seed=None):
    """Normal samples re-drawn when further than 2 stddev from the mean."""
    return engine.random.truncated_normal(_check_shape("truncated_normal", shape), mean, stddev,
                                          _float("truncated_normal", dtype), draw_seed(seed))


def randint(shape, minval, maxval, dtype="int32", seed=None):
    """Integers uniformly drawn from `[minval, maxval)`."""
    if int(maxval) <= int(minval):
        raise ValueError(f"`randint`: maxval ({maxval}) must be greater than minval ({minval}).")
    return engine.random.randint(_check_shape("randint", shape), minval, maxval,
                                 standardize_dtype(dtype), draw_seed(seed))


def categorical(logits, num_samples, dtype="int32", seed=None):
    """Class ids drawn from the categorical distributions given by `logits` (batch, classes).

    Returns:
        Tensor of shape `(batch, num_samples)`.
    """
    return engine.random.categorical(logits, int(num_samples), standardize_dtype(dtype),
                                     draw_seed(seed))


def dropout(inputs, rate, noise_shape=None, seed=None):
    """Zero elements with probability `rate` and scale the rest by `1 / (1 - rate)`.

    Args:
        inputs: tensor.
        rate: float in `[0, 1)`.
        noise_shape: shape of the keep mask, broadcast against `inputs` (None dims
            take the input's size).
        seed: int, None or `SeedGenerator`.

    Example:
        >>> cornu.random.dropout(ops.ones((4,)), 0.5, seed=3)
    """
    return engine.random.dropout(inputs, rate, noise_shape, draw_seed(seed))


def shuffle(x, axis=0, seed=None):
    """Randomly permute `x` along `axis`."""
    return engine.random.shuffle(x, axis, draw_seed(seed))


def gamma(shape, alpha, dtype=None, seed=None):
    """Samples from a Gamma distribution with concentration `alpha` (scale 1)."""
    return engine.random.gamma(_check_shape("gamma", shape), alpha, _float("gamma", dtype),
                               draw_seed(seed))


def beta(shape, alpha, beta, dtype=None, seed=None):
    """Samples from a Beta(`alpha`, `beta`) distribution."""
    return engine.random.beta(_check_shape("beta", shape), alpha, beta, _float("beta", dtype),
                              draw_seed(seed))


def binomial(shape, counts, probabilities, dtype=None, seed=None):
    """Number of successes in `counts` trials with success probability `probabilities`."""
    return engine.random.binomial(_check_shape("binomial", shape), counts, probabilities,
                                  _float("binomial", dtype), draw_seed(seed))
