"""Math ops of the JAX engine: segments, top-k, FFTs, framing."""
import jax
import jax.numpy as jnp

from cornu.backend.common.math_checks import check_segment_ids, check_top_k
from cornu.backend.jax.core import convert_to_tensor
from cornu.backend.jax.numpy.elementwise import erf, erfinv, rsqrt  # noqa: F401
from cornu.backend.jax.numpy.promotion import tensor, to_float
from cornu.backend.jax.numpy.reductions import logsumexp  # noqa: F401


def _segment_setup(data, segment_ids, num_segments):
    data = convert_to_tensor(data)
    segment_ids = tensor(segment_ids, "int32")
    check_segment_ids(segment_ids, data)
    if num_segments is None:
        num_segments = int(jnp.max(segment_ids)) + 1 if segment_ids.size else 0
    return data, segment_ids, int(num_segments)


def segment_sum(data, segment_ids, num_segments=None, sorted=False):  # noqa: A002
    data, segment_ids, num_segments = _segment_setup(data, segment_ids, num_segments)
    return jax.ops.segment_sum(data, segment_ids, num_segments, indices_are_sorted=sorted)


def segment_max(data, segment_ids, num_segments=None, sorted=False):  # noqa: A002
    data, segment_ids, num_segments = _segment_setup(data, segment_ids, num_segments)
    return jax.ops.segment_max(data, segment_ids, num_segments, indices_are_sorted=sorted)


def top_k(x, k, sorted=True):  # noqa: A002
    x = convert_to_tensor(x)
    check_top_k(x, k)
    values, indices = jax.lax.top_k(x, k)
    return values, indices.astype("int32")


def in_top_k(targets, predictions, k):
    predictions = convert_to_tensor(predictions)
    targets = tensor(targets, "int32")
    target_values = jnp.take_along_axis(predictions, targets[..., None], axis=-1)
    better = jnp.sum(predictions > target_values, axis=-1)
    return (better < k) & jnp.isfinite(target_values[..., 0])


def extract_sequences(x, sequence_length, sequence_stride):
    x = convert_to_tensor(x)
    count = 1 + (x.shape[-1] - sequence_length) // sequence_stride
    index = (jnp.arange(count)[:, None] * sequence_stride + jnp.arange(sequence_length)[None])
    return x[..., index]


def _complex_pair(x):
    real, imag = x
    real = to_float(real)
    imag = tensor(imag, real.dtype)
    return jax.lax.complex(real, imag)


def _split(result, dtype):
    return jnp.real(result).astype(dtype), jnp.imag(result).astype(dtype)


def fft(x):
    value = _complex_pair(x)
    return _split(jnp.fft.fft(value), value.real.dtype)


def fft2(x):
    value = _complex_pair(x)
    return _split(jnp.fft.fft2(value), value.real.dtype)


def ifft2(x):
    value = _complex_pair(x)
    return _split(jnp.fft.ifft2(value), value.real.dtype)


def rfft(x, fft_length=None):
    x = to_float(x)
    return _split(jnp.fft.rfft(x, n=fft_length), x.dtype)


def irfft(x, fft_length=None):
    value = _complex_pair(x)
    return jnp.fft.irfft(value, n=fft_length).astype(value.real.dtype)


def logdet(x):
    sign, logabsdet = jnp.linalg.slogdet(to_float(x))
    return jnp.where(sign > 0, logabsdet, jnp.nan)
