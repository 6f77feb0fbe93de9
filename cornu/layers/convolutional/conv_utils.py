"""Argument checking and output-size arithmetic shared by the windowed layers."""
from cornu import config


def standardize_tuple(value, rank, arg_name, layer_name, allow_zero=False):
    """An int or a length-`rank` sequence of ints, as a tuple of `rank` ints.

    Args:
        value: int or sequence of ints.
        rank: required length.
        arg_name: argument name, for error messages.
        layer_name: layer class name, for error messages.
        allow_zero: accept 0 entries (e.g. `output_padding`).
    Returns:
        A tuple of `rank` ints.
    Example: `standardize_tuple(3, 2, "kernel_size", "Conv2D")` -> `(3, 3)`.
    """
    if isinstance(value, int) and not isinstance(value, bool):
        values = (value,) * rank
    else:
        try:
            values = tuple(value)
        except TypeError:
            raise ValueError(
                f"{layer_name}: `{arg_name}` must be an int or a tuple of {rank} ints, "
                f"received {value!r}.") from None
        if len(values) != rank or not all(
                isinstance(v, int) and not isinstance(v, bool) for v in values):
            raise ValueError(
                f"{layer_name}: `{arg_name}` must be an int or a tuple of {rank} ints, "
                f"received {value!r}.")
    lowest = 0 if allow_zero else 1
    if any(v < lowest for v in values):
        bound = ">= 0" if allow_zero else "> 0"
        raise ValueError(
            f"{layer_name}: every entry of `{arg_name}` must be {bound}, received {value!r}.")
    return values


def standardize_padding(padding, layer_name, allow_causal=False):
    """`"valid"`, `"same"` (or `"causal"` where allowed), lower-cased."""
    allowed = ("valid", "same", "causal") if allow_causal else ("valid", "same")
    normalized = padding.lower() if isinstance(padding, str) else padding
    if normalized not in allowed:
        raise ValueError(
            f"{layer_name}: `padding` must be one of {allowed}, received {padding!r}.")
    return normalized


def standardize_data_format(data_format, layer_name):
    try:
        return config.standardize_data_format(data_format)
    except ValueError:
        raise ValueError(
            f"{layer_name}: `data_format` must be 'channels_last' or 'channels_first', "
            f"received {data_format!r}.") from None


def conv_output_length(length, kernel_size, padding, stride, dilation=1):
    """Spatial size after a convolution or pooling window (None stays None)."""
    if length is None:
        return None
    effective = (kernel_size - 1) * dilation + 1
    if padding == "same":
        return (length + stride - 1) // stride
    if padding == "causal":
        return (length + stride - 1) // stride
    return max((length - effective) // stride + 1, 0)


def deconv_output_length(length, kernel_size, padding, output_padding, stride, dilation=1):
    """Spatial size after a transposed convolution (None stays None)."""
    if length is None:
        return None
    effective = (kernel_size - 1) * dilation + 1
    if output_padding is None:
        if padding == "valid":
            return length * stride + max(effective - stride, 0)
        return length * stride
    if padding == "same":
        pad = effective // 2
    else:
        pad = 0
    return (length - 1) * stride + effective - 2 * pad + output_padding


def channel_axis(data_format):
    return -1 if data_format == "channels_last" else 1


def spatial_dims(shape, data_format):
    """The spatial part of a full (batch-first) shape."""
    shape = tuple(shape)
    return shape[1:-1] if data_format == "channels_last" else shape[2:]


def with_spatial_dims(batch, spatial, channels, data_format):
    if data_format == "channels_last":
        return (batch,) + tuple(spatial) + (channels,)
    return (batch, channels) + tuple(spatial)
