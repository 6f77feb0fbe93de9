"""Math public ops (`cornu.ops.math`): segments, top-k, FFTs, special functions.

    >>> from cornu import ops
    >>> ops.segment_sum([1.0, 2.0, 3.0], [0, 0, 1], num_segments=2)   # [3., 3.]
"""

from cornu.backend import engine
from cornu.ops.spec import engine_op, op_with_spec, symbolic

top_k = engine_op("math", "top_k", "Largest `k` values along the last axis and their int32 indices.")
in_top_k = engine_op("math", "in_top_k",
                     "True where the target class is among the top `k` predictions.")
logsumexp = engine_op("math", "logsumexp", "`log(sum(exp(x)))` over `axis`, computed stably.")
extract_sequences = engine_op("math", "extract_sequences",
                              "Frames of `sequence_length` taken every `sequence_stride`.")
fft = engine_op("math", "fft", "FFT of a complex signal given as a `(real, imag)` pair.")
fft2 = engine_op("math", "fft2", "2D FFT of a `(real, imag)` pair.")
ifft2 = engine_op("math", "ifft2", "Inverse 2D FFT of a `(real, imag)` pair.")
rfft = engine_op("math", "rfft", "FFT of a real signal; returns `(real, imag)`.")
irfft = engine_op("math", "irfft", "Inverse of `rfft`.")
rsqrt = engine_op("math", "rsqrt", "`1 / sqrt(x)` element-wise.")
erf = engine_op("math", "erf", "Gauss error function.")
erfinv = engine_op("math", "erfinv", "Inverse error function.")
logdet = engine_op("math", "logdet", "Log-determinant of symmetric positive-definite matrices.")


def _segment_spec(data, segment_ids, num_segments=None, sorted=False):  # noqa: A002
    return symbolic((num_segments,) + tuple(data.shape[1:]), data.dtype)


@op_with_spec(_segment_spec)
def segment_sum(data, segment_ids, num_segments=None, sorted=False):  # noqa: A002
    """Sum the rows of `data` that share a segment id.

    Args:
        data: tensor whose first axis is segmented.
        segment_ids: 1D int tensor, one id per row.
        num_segments: number of output rows (default `max(segment_ids) + 1`).
        sorted: whether ids are sorted (a speed hint).

    Returns:
        Tensor of shape `(num_segments, *data.shape[1:])`.

    Example:
        >>> ops.segment_sum([1.0, 2.0, 3.0], [0, 0, 1])   # [3., 3.]
    """
    return engine.math.segment_sum(data, segment_ids, num_segments, sorted)


@op_with_spec(_segment_spec)
def segment_max(data, segment_ids, num_segments=None, sorted=False):  # noqa: A002
    """Maximum of the rows of `data` sharing a segment id (empty segments: lowest value)."""
    return engine.math.segment_max(data, segment_ids, num_segments, sorted)


