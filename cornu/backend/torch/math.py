"""Math ops of the torch engine: segments, top-k, FFTs, framing."""
import torch

from cornu.backend.common.math_checks import check_segment_ids, check_top_k
from cornu.backend.torch.core import convert_to_tensor
from cornu.backend.torch.numpy.promotion import tensor, to_float
from cornu.backend.torch.numpy.reductions import logsumexp  # noqa: F401
from cornu.backend.torch.numpy.elementwise import erf, erfinv, rsqrt  # noqa: F401


def _segment_setup(data, segment_ids, num_segments):
    data = convert_to_tensor(data)
    segment_ids = tensor(segment_ids, "int64")
    check_segment_ids(segment_ids, data)
    if num_segments is None:
        num_segments = int(segment_ids.max()) + 1 if segment_ids.numel() else 0
    valid = (segment_ids >= 0) & (segment_ids < num_segments)
    return data, segment_ids, int(num_segments), valid


def segment_sum(data, segment_ids, num_segments=None, sorted=False):  # noqa: A002
    data, segment_ids, num_segments, valid = _segment_setup(data, segment_ids, num_segments)
    result = torch.zeros((num_segments,) + tuple(data.shape[1:]), dtype=data.dtype,
                         device=data.device)
    return result.index_add_(0, segment_ids[valid], data[valid])


def segment_max(data, segment_ids, num_segments=None, sorted=False):  # noqa: A002
    data, segment_ids, num_segments, valid = _segment_setup(data, segment_ids, num_segments)
    lowest = (torch.finfo(data.dtype).min if data.is_floating_point()
              else torch.iinfo(data.dtype).min)
    if data.is_floating_point():
        lowest = -float("inf")
    result = torch.full((num_segments,) + tuple(data.shape[1:]), lowest, dtype=data.dtype,
                        device=data.device)
    ids = segment_ids[valid].reshape((-1,) + (1,) * (data.ndim - 1)).expand_as(data[valid])
    return result.scatter_reduce(0, ids, data[valid], reduce="amax", include_self=True)


def top_k(x, k, sorted=True):  # noqa: A002
    x = convert_to_tensor(x)
    check_top_k(x, k)
    values, indices = torch.topk(x, k, dim=-1, largest=True, sorted=sorted)
    return values, indices.to(torch.int32)


def in_top_k(targets, predictions, k):
    predictions = convert_to_tensor(predictions)
    targets = tensor(targets, "int64")
    target_values = torch.gather(predictions, -1, targets.unsqueeze(-1))
    better = torch.sum(predictions > target_values, dim=-1)
    return (better < k) & torch.isfinite(target_values.squeeze(-1))


def extract_sequences(x, sequence_length, sequence_stride):
    x = convert_to_tensor(x)
    return x.unfold(-1, sequence_length, sequence_stride)


def _complex_pair(x):
    real, imag = x
    real = to_float(real)
    imag = tensor(imag, real.dtype)
    return torch.complex(real, imag)


def _split(result, dtype):
    return torch.real(result).to(dtype), torch.imag(result).to(dtype)


def fft(x):
    value = _complex_pair(x)
    return _split(torch.fft.fft(value), value.real.dtype)


def fft2(x):
    value = _complex_pair(x)
    return _split(torch.fft.fft2(value), value.real.dtype)


def ifft2(x):
    value = _complex_pair(x)
    return _split(torch.fft.ifft2(value), value.real.dtype)


def rfft(x, fft_length=None):
    x = to_float(x)
    return _split(torch.fft.rfft(x, n=fft_length), x.dtype)


def irfft(x, fft_length=None):
    value = _complex_pair(x)
    return torch.fft.irfft(value, n=fft_length).to(value.real.dtype)


def logdet(x):
    x = to_float(x)
    return torch.logdet(x)
