"""Direct-loop NumPy references for windowed layers (convolution, transposed convolution,
pooling), independent of the engines. All work on channels_last arrays."""
import itertools

import numpy as np


def to_channels_last(x, data_format):
    if data_format == "channels_first":
        return np.moveaxis(x, 1, -1)
    return x


def from_channels_last(x, data_format):
    if data_format == "channels_first":
        return np.moveaxis(x, -1, 1)
    return x


def same_pads(length, kernel, stride, dilation=1):
    effective = (kernel - 1) * dilation + 1
    out = -(-length // stride)
    total = max((out - 1) * stride + effective - length, 0)
    return total // 2, total - total // 2


def pad_spatial(x, pads, value=0.0):
    widths = [(0, 0)] + list(pads) + [(0, 0)]
    return np.pad(x, widths, constant_values=value)


def conv(x, kernel, strides, padding, dilation, groups=1):
    """N-d convolution; `kernel` is `(*k, in // groups, filters)`; x is channels_last."""
    rank = x.ndim - 2
    ksize = kernel.shape[:rank]
    if padding == "same":
        x = pad_spatial(x, [same_pads(x.shape[1 + i], ksize[i], strides[i], dilation[i])
                            for i in range(rank)])
    out_sizes = [(x.shape[1 + i] - ((ksize[i] - 1) * dilation[i] + 1)) // strides[i] + 1
                 for i in range(rank)]
    in_per_group = kernel.shape[-2]
    filters = kernel.shape[-1]
    out_per_group = filters // groups
    out = np.zeros((x.shape[0], *out_sizes, filters), dtype="float64")
    for position in itertools.product(*[range(n) for n in out_sizes]):
        for offset in itertools.product(*[range(k) for k in ksize]):
            index = tuple(p * s + o * d for p, s, o, d in zip(position, strides, offset,
                                                                dilation))
            pixel = x[(slice(None),) + index]  # (batch, in)
            for g in range(groups):
                part = pixel[:, g * in_per_group:(g + 1) * in_per_group]
                weights = kernel[offset][:, g * out_per_group:(g + 1) * out_per_group]
                out[(slice(None),) + position + (slice(g * out_per_group,
                                                       (g + 1) * out_per_group),)] += \
                    part @ weights
    return out


def conv_transpose(x, kernel, strides, padding, dilation, output_padding=None):
    """Transposed convolution by scattering; `kernel` is `(*k, filters, in)`."""
    rank = x.ndim - 2
    ksize = kernel.shape[:rank]
    effective = [(k - 1) * d + 1 for k, d in zip(ksize, dilation)]
    full = [(n - 1) * s + e for n, s, e in zip(x.shape[1:-1], strides, effective)]
    out = np.zeros((x.shape[0], *full, kernel.shape[-2]), dtype="float64")
    for position in itertools.product(*[range(n) for n in x.shape[1:-1]]):
        pixel = x[(slice(None),) + position]
        for offset in itertools.product(*[range(k) for k in ksize]):
            index = tuple(p * s + o * d for p, s, o, d in zip(position, strides, offset,
                                                                dilation))
            out[(slice(None),) + index] += pixel @ kernel[offset].T
    for axis in range(rank):
        n, s, e = x.shape[1 + axis], strides[axis], effective[axis]
        if output_padding is None:
            if padding == "valid":
                size, start = n * s + max(e - s, 0), 0
            else:
                size, start = n * s, max(e - s, 0) // 2
        else:
            pad = e // 2 if padding == "same" else 0
            size, start = (n - 1) * s + e - 2 * pad + output_padding[axis], pad
        missing = start + size - out.shape[1 + axis]
        if missing > 0:
            widths = [(0, 0)] * out.ndim
            widths[1 + axis] = (0, missing)
            out = np.pad(out, widths)
        out = np.take(out, np.arange(start, start + size), axis=1 + axis)
    return out


def pool(x, pool_size, strides, padding, mode):
    """Max or average pooling; average ignores padded cells (as Keras 'same')."""
    rank = x.ndim - 2
    if padding == "same":
        pads = [same_pads(x.shape[1 + i], pool_size[i], strides[i]) for i in range(rank)]
        values = pad_spatial(x.astype("float64"), pads, value=np.nan)
    else:
        values = x.astype("float64")
    out_sizes = [(values.shape[1 + i] - pool_size[i]) // strides[i] + 1 for i in range(rank)]
    out = np.zeros((x.shape[0], *out_sizes, x.shape[-1]))
    for position in itertools.product(*[range(n) for n in out_sizes]):
        window = values[(slice(None),) + tuple(
            slice(p * s, p * s + k) for p, s, k in zip(position, strides, pool_size))]
        window = window.reshape(x.shape[0], -1, x.shape[-1])
        reduce = np.nanmax if mode == "max" else np.nanmean
        out[(slice(None),) + position] = reduce(window, axis=1)
    return out
