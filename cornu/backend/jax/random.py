"""Random draws of the JAX engine.

Every function takes `seed`, a 2-element integer tensor produced by
`cornu.random.SeedGenerator.next()`; it is used as a threefry key, so draws are
pure functions of the seed and work inside `jax.jit`.
"""
import functools
import math

import jax
import jax.numpy as jnp
import numpy as np

from cornu import config
from cornu.backend.jax.core import convert_to_tensor
from cornu.backend.jax.numpy.promotion import jax_dtype, tensor, to_float


def _key(seed):
    data = convert_to_tensor(seed).astype("uint32")
    return jax.random.wrap_key_data(data, impl="threefry2x32")


def _shape(shape):
    return tuple(int(d) for d in shape)


def _float_dtype(dtype):
    return jax_dtype(dtype or config.floatx())


# Draws are compiled as one program per (shape, dtype): far cheaper than dispatching each
# primitive eagerly, and they inline when called inside an outer `jax.jit`.
_static_shape_dtype = functools.partial(jax.jit, static_argnames=("shape", "dtype"))

# Eager draws (weight initialization) would otherwise compile one program per weight shape,
# 0.1-0.4 s each. With partitionable threefry, element i of a draw depends only on the key
# and the flat index i, so a longer flat draw, truncated and reshaped on the host, holds
# exactly the values of the exact-shape draw while sharing a few compilations. Sizes are
# rounded up to a power of 4 (fewer programs) until the transient waste could reach a few
# MB, then to a power of 2.
_MIN_EAGER_BUCKET = 256
_COARSE_BUCKET_LIMIT = 1 << 20


try:
    from jax._src.core import trace_state_clean as _trace_state_clean
except ImportError:  # private helper moved: fall back to probing the current trace
    _trace_state_clean = None


def _tracing():
    if _trace_state_clean is None:
        return isinstance(jnp.zeros(()), jax.core.Tracer)
    return not _trace_state_clean()


def _draws_eagerly(seed, *params):
    if not jax.config.jax_threefry_partitionable or _tracing():
        return False
    return not any(isinstance(value, jax.core.Tracer) for value in (seed, *params))


def _bucketed(compiled_draw, shape, dtype, seed, *params):
    """Run `compiled_draw` on a flat bucketed size and cut out `shape` on the host."""
    size = math.prod(shape)
    bucket = max(_MIN_EAGER_BUCKET, 1 << max(0, size - 1).bit_length())
    if bucket < _COARSE_BUCKET_LIMIT and bucket.bit_length() % 2 == 0:
        bucket *= 2  # odd powers of two round up to the next power of 4
    flat = compiled_draw((bucket,), *params, dtype=dtype, seed=seed)
    # Slicing on the device would compile again for every shape; NumPy slices for free.
    return jnp.asarray(np.asarray(flat)[:size].reshape(shape))


def _draw(compiled_draw, shape, dtype, seed, *params):
    shape = _shape(shape)
    if _draws_eagerly(seed, *params):
        return _bucketed(compiled_draw, shape, dtype, seed, *params)
    return compiled_draw(shape, *params, dtype=dtype, seed=seed)


def normal(shape, mean=0.0, stddev=1.0, dtype=None, seed=None):
    return _draw(_normal, shape, dtype, seed, mean, stddev)


def uniform(shape, minval=0.0, maxval=1.0, dtype=None, seed=None):
    return _draw(_uniform, shape, dtype, seed, minval, maxval)


def truncated_normal(shape, mean=0.0, stddev=1.0, dtype=None, seed=None):
    return _draw(_truncated_normal, shape, dtype, seed, mean, stddev)


def randint(shape, minval, maxval, dtype="int32", seed=None):
    return _draw(_randint, shape, dtype, seed, minval, maxval)


# Draws are made directly in the requested dtype, with the bounds passed to jax.random,
# so that a seeded draw is bit-identical to Keras's on JAX.
@_static_shape_dtype
def _normal(shape, mean=0.0, stddev=1.0, dtype=None, seed=None):
    sample = jax.random.normal(_key(seed), _shape(shape), dtype=_float_dtype(dtype))
    return sample * stddev + mean


@_static_shape_dtype
def _uniform(shape, minval=0.0, maxval=1.0, dtype=None, seed=None):
    return jax.random.uniform(_key(seed), _shape(shape), dtype=_float_dtype(dtype),
                              minval=minval, maxval=maxval)


@_static_shape_dtype
def _truncated_normal(shape, mean=0.0, stddev=1.0, dtype=None, seed=None):
    sample = jax.random.truncated_normal(_key(seed), -2.0, 2.0, _shape(shape),
                                         dtype=_float_dtype(dtype))
    return sample * stddev + mean


@_static_shape_dtype
def _randint(shape, minval, maxval, dtype="int32", seed=None):
    sample = jax.random.randint(_key(seed), _shape(shape), minval, maxval, dtype="int32")
    return sample.astype(jax_dtype(dtype))


def categorical(logits, num_samples, dtype="int32", seed=None):
    logits = to_float(logits).astype("float32")
    samples = jax.random.categorical(_key(seed), logits[..., None, :], axis=-1,
                                     shape=logits.shape[:-1] + (num_samples,))
    return samples.astype(jax_dtype(dtype))


def dropout(inputs, rate, noise_shape=None, seed=None):
    inputs = to_float(inputs)
    if isinstance(rate, (int, float)):
        if not 0.0 <= float(rate) < 1.0:
            raise ValueError(f"`dropout`: rate must be in [0, 1), received {rate}.")
        if rate == 0:
            return inputs
        rate = float(rate)
    shape = tuple(inputs.shape) if noise_shape is None else tuple(
        inputs.shape[i] if d is None else int(d) for i, d in enumerate(noise_shape))
    return _dropout_mask_apply(inputs, rate, seed, shape)


@functools.partial(jax.jit, static_argnames=("shape",))
def _dropout_mask_apply(inputs, rate, seed, shape):
    keep = jax.random.bernoulli(_key(seed), 1.0 - rate, shape)
    return jnp.where(keep, inputs / (1.0 - rate), jnp.zeros_like(inputs))


def shuffle(x, axis=0, seed=None):
    return jax.random.permutation(_key(seed), convert_to_tensor(x), axis=axis,
                                  independent=False)


@_static_shape_dtype
def gamma(shape, alpha, dtype=None, seed=None):
    alpha = jnp.broadcast_to(tensor(alpha, "float32"), _shape(shape))
    return jax.random.gamma(_key(seed), alpha, _shape(shape)).astype(_float_dtype(dtype))


@_static_shape_dtype
def beta(shape, alpha, beta, dtype=None, seed=None):
    alpha = jnp.broadcast_to(tensor(alpha, "float32"), _shape(shape))
    beta_value = jnp.broadcast_to(tensor(beta, "float32"), _shape(shape))
    return jax.random.beta(_key(seed), alpha, beta_value, _shape(shape)).astype(
        _float_dtype(dtype))


@_static_shape_dtype
def binomial(shape, counts, probabilities, dtype=None, seed=None):
    counts = jnp.broadcast_to(tensor(counts, "float32"), _shape(shape))
    probabilities = jnp.broadcast_to(tensor(probabilities, "float32"), _shape(shape))
    return jax.random.binomial(_key(seed), counts, probabilities, _shape(shape)).astype(
        _float_dtype(dtype))


def seed_engine(seed):
    """JAX has no global random state; nothing to seed."""
    return None
