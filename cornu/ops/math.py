"""Math public ops (`cornu.ops.math`): segments, top-k, FFTs, special functions.

    >>> from cornu import ops
    >>> ops.segment_sum([1.0, 2.0, 3.0], [0, 0, 1], num_segments=2)   # [3., 3.]
"""

import numpy as _np

from cornu import backend
from cornu.backend import engine
from cornu.backend.common.dtypes import is_float_dtype, standardize_dtype
from cornu.ops.dispatch import op
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




def _stft_window(window, sequence_length, fft_length, dtype):
    """Window of `sequence_length` (periodic hann/hamming, a tensor, or ones), centered in
    `fft_length` zeros."""
    if window is None:
        values = _np.ones(sequence_length)
    elif isinstance(window, str):
        phase = 2.0 * _np.pi * _np.arange(sequence_length) / sequence_length
        if window == "hann":
            values = 0.5 - 0.5 * _np.cos(phase)
        elif window == "hamming":
            values = 0.54 - 0.46 * _np.cos(phase)
        else:
            raise ValueError(f"window must be 'hann', 'hamming', a tensor or None, "
                             f"received {window!r}.")
    else:
        values = None
    if values is not None:
        tensor = engine.core.convert_to_tensor(values.astype(dtype))
    else:
        tensor = engine.core.convert_to_tensor(window, dtype=dtype)
        if tuple(tensor.shape) != (sequence_length,):
            raise ValueError(f"window must have shape ({sequence_length},), received "
                             f"{tuple(tensor.shape)}.")
    left = (fft_length - sequence_length) // 2
    return engine.numpy.pad(tensor, ((left, fft_length - sequence_length - left),))


def _check_stft_lengths(sequence_length, fft_length):
    if sequence_length > fft_length:
        raise ValueError(f"sequence_length ({sequence_length}) must not exceed fft_length "
                         f"({fft_length}).")


@op
def stft(x, sequence_length, sequence_stride, fft_length, window="hann", center=True):
    """Short-time Fourier transform along the last axis; returns `(real, imag)`.

    Args:
        x: real signal `(..., samples)`.
        sequence_length: window length.
        sequence_stride: hop between frames.
        fft_length: FFT size (the window is zero-padded to it, centered).
        window: "hann", "hamming", a tensor of `sequence_length`, or None.
        center: reflect-pad `fft_length // 2` samples on both sides first.

    Returns:
        Two tensors `(..., frames, fft_length // 2 + 1)`.

    Example:
        >>> ops.stft(ops.arange(5.0), 3, 2, 3)[0]   # [[0.75, -0.375], [3.75, ...], ...]
    """
    _check_stft_lengths(sequence_length, fft_length)
    x = engine.core.convert_to_tensor(x)
    if not is_float_dtype(x.dtype):
        x = engine.core.cast(x, backend.floatx())
    dtype = standardize_dtype(x.dtype)
    if center:
        half = fft_length // 2
        x = engine.numpy.pad(x, [(0, 0)] * (x.ndim - 1) + [(half, half)], mode="reflect")
    frames = engine.math.extract_sequences(x, fft_length, sequence_stride)
    frames = engine.numpy.multiply(frames, _stft_window(window, sequence_length, fft_length,
                                                        dtype))
    return engine.math.rfft(frames, fft_length)


@op
def istft(x, sequence_length, sequence_stride, fft_length, length=None, window="hann",
          center=True):
    """Inverse of `stft`: overlap-add of windowed inverse FFTs, normalized by the window.

    Args:
        x: `(real, imag)` pair shaped `(..., frames, fft_length // 2 + 1)`.
        sequence_length, sequence_stride, fft_length, window, center: as in `stft`.
        length: trim or zero-pad the output to this many samples.

    Returns:
        The reconstructed signal `(..., samples)`.

    Example:
        >>> ops.istft(ops.stft(signal, 8, 2, 8), 8, 2, 8)   # ~= signal
    """
    _check_stft_lengths(sequence_length, fft_length)
    numpy = engine.numpy
    frames = engine.math.irfft(x, fft_length)  # (..., n_frames, fft_length)
    dtype = standardize_dtype(frames.dtype)
    window_values = _stft_window(window, sequence_length, fft_length, dtype)
    frames = numpy.multiply(frames, window_values)
    n_frames = frames.shape[-2]
    total = (n_frames - 1) * sequence_stride + fft_length
    positions = (_np.arange(n_frames)[:, None] * sequence_stride
                 + _np.arange(fft_length)[None, :]).reshape(-1)
    overlap_add = _np.zeros((n_frames * fft_length, total), dtype=dtype)
    overlap_add[_np.arange(n_frames * fft_length), positions] = 1.0
    overlap_add = engine.core.convert_to_tensor(overlap_add)
    flat = numpy.reshape(frames, tuple(frames.shape[:-2]) + (n_frames * fft_length,))
    signal = numpy.matmul(flat, overlap_add)
    window_square = engine.core.convert_to_numpy(numpy.square(window_values))
    norm = _np.tile(window_square, n_frames) @ engine.core.convert_to_numpy(overlap_add)
    norm = _np.where(norm > 1e-10, norm, 1.0).astype(dtype)
    signal = numpy.divide(signal, engine.core.convert_to_tensor(norm))
    start = fft_length // 2 if center else 0
    end = total - (fft_length // 2 if center else 0)
    if length is not None:
        end = start + length
        if end > total:
            signal = numpy.pad(signal, [(0, 0)] * (signal.ndim - 1) + [(0, end - total)])
    return numpy.take(signal, _np.arange(start, end), axis=-1)
