"""Neural-network ops for the torch engine: activations, conv/pool, losses, normalization.

Inputs and kernels use Keras layouts (channels_last by default, kernels shaped
`(*spatial, in, out)`) and are permuted to torch's channels-first layout here.
"""
import math

import torch
import torch.nn.functional as F

from cornu import config
from cornu.backend.common.nn_checks import (
    check_attention_query, check_conv_groups, check_conv_inputs, check_padding,
    check_psnr_shapes, check_same_shape, check_sparse_target, normalize_tuple,
    pool_window)
from cornu.backend.torch.core import convert_to_tensor
from cornu.backend.torch.numpy.promotion import tensor, to_float, torch_dtype


# Activations ------------------------------------------------------------------------------
def relu(x):
    return F.relu(to_float(x))


def relu6(x):
    return F.relu6(to_float(x))


def sigmoid(x):
    return torch.sigmoid(to_float(x))


def log_sigmoid(x):
    return F.logsigmoid(to_float(x))


def softplus(x):
    return F.softplus(to_float(x))


def softsign(x):
    return F.softsign(to_float(x))


def silu(x):
    return F.silu(to_float(x))


swish = silu


def leaky_relu(x, negative_slope=0.2):
    return F.leaky_relu(to_float(x), negative_slope=negative_slope)


def hard_sigmoid(x):
    return F.relu6(to_float(x) + 3.0) / 6.0


def hard_silu(x):
    x = to_float(x)
    return x * hard_sigmoid(x)


hard_swish = hard_silu


def elu(x, alpha=1.0):
    return F.elu(to_float(x), alpha=alpha)


def selu(x):
    return F.selu(to_float(x))


def celu(x, alpha=1.0):
    return F.celu(to_float(x), alpha=alpha)


def gelu(x, approximate=True):
    return F.gelu(to_float(x), approximate="tanh" if approximate else "none")


def glu(x, axis=-1):
    x = to_float(x)
    if x.shape[axis] % 2:
        raise ValueError(
            f"`glu` needs an even size along axis {axis}, received shape {tuple(x.shape)}.")
    return F.glu(x, dim=axis)


def hard_tanh(x):
    return F.hardtanh(to_float(x))


def hard_shrink(x, threshold=0.5):
    return F.hardshrink(to_float(x), lambd=threshold)


def soft_shrink(x, threshold=0.5):
    return F.softshrink(to_float(x), lambd=threshold)


def tanh_shrink(x):
    return F.tanhshrink(to_float(x))


def squareplus(x, b=4):
    x = to_float(x)
    return (x + torch.sqrt(torch.square(x) + b)) / 2.0


def sparse_plus(x):
    x = to_float(x)
    middle = torch.square(x + 1.0) / 4.0
    return torch.where(x <= -1.0, torch.zeros_like(x), torch.where(x >= 1.0, x, middle))


def threshold(x, threshold, default_value):  # noqa: A002 (Keras argument name)
    x = to_float(x)
    return torch.where(x > threshold, x, torch.as_tensor(default_value, dtype=x.dtype,
                                                          device=x.device))


def _flatten_axes_last(x, axis):
    """Move `axis` (int or tuple) to the end as one flat axis; returns (tensor, undo)."""
    if isinstance(axis, int):
        return x, None
    axes = tuple(a % x.ndim for a in axis)
    others = [i for i in range(x.ndim) if i not in axes]
    permuted = x.permute(others + list(axes))
    flat = permuted.reshape([x.shape[i] for i in others] + [-1])
    inverse = [0] * x.ndim
    for position, source in enumerate(others + list(axes)):
        inverse[source] = position

    def undo(result):
        return result.reshape(permuted.shape).permute(inverse)

    return flat, undo


def softmax(x, axis=-1):
    x = to_float(x)
    flat, undo = _flatten_axes_last(x, axis)
    if undo is None:
        return torch.softmax(x, dim=axis)
    return undo(torch.softmax(flat, dim=-1))


def log_softmax(x, axis=-1):
    x = to_float(x)
    flat, undo = _flatten_axes_last(x, axis)
    if undo is None:
        return torch.log_softmax(x, dim=axis)
    return undo(torch.log_softmax(flat, dim=-1))


def sparsemax(x, axis=-1):
    x = to_float(x)
    moved = torch.movedim(x, axis, -1)
    sorted_x = torch.sort(moved, dim=-1, descending=True).values
    ranks = torch.arange(1, moved.shape[-1] + 1, dtype=x.dtype, device=x.device)
    cumulative = torch.cumsum(sorted_x, dim=-1)
    support = (1 + ranks * sorted_x) > cumulative
    support_size = torch.sum(support, dim=-1, keepdim=True)
    tau = (torch.gather(cumulative, -1, support_size - 1) - 1) / support_size.to(x.dtype)
    return torch.movedim(torch.clamp(moved - tau, min=0), -1, axis)


# Convolution & pooling -----------------------------------------------------------------------
def _to_channels_first(x, data_format):
    if data_format == "channels_last":
        return x.permute(0, x.ndim - 1, *range(1, x.ndim - 1))
    return x


def _to_channels_last(x, data_format):
    if data_format == "channels_last":
        return x.permute(0, *range(2, x.ndim), 1)
    return x


def same_padding(size, kernel, stride, dilation):
    """(before, after) padding that makes a strided window op produce ceil(size / stride)."""
    effective = (kernel - 1) * dilation + 1
    out = -(-size // stride)
    total = max((out - 1) * stride + effective - size, 0)
    return total // 2, total - total // 2


def _pad_same(x, kernel, strides, dilation, value=0.0):
    """Pad channels-first `x` TF-style (extra on the bottom/right)."""
    flat = []
    for size, k, s, d in reversed(list(zip(x.shape[2:], kernel, strides, dilation))):
        flat += list(same_padding(size, k, s, d))
    if not any(flat):
        return x
    return F.pad(x, flat, value=value)


_CONV = {1: F.conv1d, 2: F.conv2d, 3: F.conv3d}
_CONV_TRANSPOSE = {1: F.conv_transpose1d, 2: F.conv_transpose2d, 3: F.conv_transpose3d}


def conv(inputs, kernel, strides=1, padding="valid", data_format=None, dilation_rate=1):
    data_format = config.standardize_data_format(data_format)
    padding = check_padding(padding)
    inputs = to_float(inputs)
    kernel = tensor(kernel, inputs.dtype)
    check_conv_inputs("conv", inputs, kernel)
    rank = inputs.ndim - 2
    strides = normalize_tuple(strides, rank, "strides")
    dilation = normalize_tuple(dilation_rate, rank, "dilation_rate")
    x = _to_channels_first(inputs, data_format)
    channels = x.shape[1]
    groups = check_conv_groups(channels, kernel)
    weight = kernel.permute(rank + 1, rank, *range(rank))
    if padding == "same":
        x = _pad_same(x, weight.shape[2:], strides, dilation)
    out = _CONV[rank](x, weight, stride=strides, dilation=dilation,
                      groups=groups)
    return _to_channels_last(out, data_format)


def depthwise_conv(inputs, kernel, strides=1, padding="valid", data_format=None,
                   dilation_rate=1):
    kernel = convert_to_tensor(kernel)
    shape = tuple(kernel.shape)
    kernel = kernel.reshape(shape[:-2] + (1, shape[-2] * shape[-1]))
    return conv(inputs, kernel, strides, padding, data_format, dilation_rate)


def separable_conv(inputs, depthwise_kernel, pointwise_kernel, strides=1, padding="valid",
                   data_format=None, dilation_rate=1):
    depthwise = depthwise_conv(inputs, depthwise_kernel, strides, padding, data_format,
                               dilation_rate)
    return conv(depthwise, pointwise_kernel, 1, "valid", data_format, 1)


def transpose_padding(size, kernel, stride, dilation, padding, output_padding):
    """(crop_before, output_size) of a transposed conv, relative to the full result."""
    effective = (kernel - 1) * dilation + 1
    if padding == "valid":
        extra = max(effective, stride) - effective if output_padding is None else output_padding
        left, right = effective - 1, effective - 1 + extra
    else:
        if output_padding is None:
            total = stride + effective - 2
        else:
            total = effective + effective % 2 - 2 + output_padding
        left = min(total // 2 + total % 2, effective - 1)
        right = total - left
    output_size = (size - 1) * stride + left + right - effective + 2
    return effective - 1 - left, output_size


def conv_transpose(inputs, kernel, strides=1, padding="valid", output_padding=None,
                   data_format=None, dilation_rate=1):
    data_format = config.standardize_data_format(data_format)
    padding = check_padding(padding)
    inputs = to_float(inputs)
    kernel = tensor(kernel, inputs.dtype)
    check_conv_inputs("conv_transpose", inputs, kernel)
    rank = inputs.ndim - 2
    strides = normalize_tuple(strides, rank, "strides")
    dilation = normalize_tuple(dilation_rate, rank, "dilation_rate")
    output_padding = (None,) * rank if output_padding is None else normalize_tuple(
        output_padding, rank, "output_padding")
    x = _to_channels_first(inputs, data_format)
    weight = kernel.permute(rank + 1, rank, *range(rank))
    full = _CONV_TRANSPOSE[rank](x, weight, stride=strides, dilation=dilation)
    for axis in range(rank):
        crop, size = transpose_padding(x.shape[2 + axis], kernel.shape[axis], strides[axis],
                                       dilation[axis], padding, output_padding[axis])
        full = _crop_or_pad(full, 2 + axis, crop, size)
    return _to_channels_last(full, data_format)


def _crop_or_pad(x, axis, start, size):
    if start < 0:
        pad = [0, 0] * (x.ndim - axis - 1) + [-start, 0]
        x = F.pad(x, pad)
        start = 0
    missing = start + size - x.shape[axis]
    if missing > 0:
        x = F.pad(x, [0, 0] * (x.ndim - axis - 1) + [0, missing])
    return x.narrow(axis, start, size)


_MAX_POOL = {1: F.max_pool1d, 2: F.max_pool2d, 3: F.max_pool3d}
_AVG_POOL = {1: F.avg_pool1d, 2: F.avg_pool2d, 3: F.avg_pool3d}


def _pool_args(inputs, pool_size, strides, padding, data_format):
    data_format = config.standardize_data_format(data_format)
    padding = check_padding(padding)
    inputs = to_float(inputs)
    pool_size, strides = pool_window(inputs, pool_size, strides)
    return _to_channels_first(inputs, data_format), pool_size, strides, padding, data_format


def max_pool(inputs, pool_size, strides=None, padding="valid", data_format=None):
    x, pool_size, strides, padding, data_format = _pool_args(
        inputs, pool_size, strides, padding, data_format)
    if padding == "same":
        x = _pad_same(x, pool_size, strides, (1,) * len(pool_size), value=-math.inf)
    out = _MAX_POOL[len(pool_size)](x, kernel_size=pool_size, stride=strides)
    return _to_channels_last(out, data_format)


def average_pool(inputs, pool_size, strides=None, padding="valid", data_format=None):
    x, pool_size, strides, padding, data_format = _pool_args(
        inputs, pool_size, strides, padding, data_format)
    pool = _AVG_POOL[len(pool_size)]
    if padding == "valid":
        out = pool(x, kernel_size=pool_size, stride=strides)
        return _to_channels_last(out, data_format)
    dilation = (1,) * len(pool_size)
    padded = _pad_same(x, pool_size, strides, dilation)
    counts = _pad_same(torch.ones_like(x[:1, :1]), pool_size, strides, dilation)
    out = pool(padded, kernel_size=pool_size, stride=strides) / pool(
        counts, kernel_size=pool_size, stride=strides)
    return _to_channels_last(out, data_format)


# Encodings, normalization, losses ----------------------------------------------------------
def one_hot(x, num_classes, axis=-1, dtype=None, sparse=False):
    x = tensor(x, "int64")
    target = torch_dtype(dtype or config.floatx())
    valid = (x >= 0) & (x < num_classes)
    encoded = F.one_hot(torch.where(valid, x, torch.zeros_like(x)), num_classes)
    encoded = (encoded * valid.unsqueeze(-1)).to(target)
    if axis != -1:
        encoded = torch.movedim(encoded, -1, axis)
    return encoded


def multi_hot(inputs, num_classes, axis=-1, dtype=None, sparse=False):
    inputs = tensor(inputs, "int64")
    encoded = one_hot(inputs, num_classes, axis=-1, dtype=dtype)
    reduce_axis = 0 if inputs.ndim == 1 else -2
    result = torch.amax(encoded, dim=reduce_axis)
    if axis != -1:
        result = torch.movedim(result, -1, axis)
    return result


def moments(x, axes, keepdims=False, synchronized=False):
    x = to_float(x)
    compute = x.float() if x.dtype in (torch.float16, torch.bfloat16) else x
    axes = tuple(axes) if not isinstance(axes, int) else (axes,)
    mean = torch.mean(compute, dim=axes, keepdim=True)
    variance = torch.mean(torch.square(compute - mean), dim=axes, keepdim=True)
    if not keepdims:
        mean = torch.squeeze(mean, dim=axes)
        variance = torch.squeeze(variance, dim=axes)
    return mean.to(x.dtype), variance.to(x.dtype)


def batch_normalization(x, mean, variance, axis, offset=None, scale=None, epsilon=1e-3):
    x = to_float(x)
    shape = [1] * x.ndim
    shape[axis] = x.shape[axis]

    def prepare(value):
        return tensor(value, x.dtype).reshape(shape)

    inverse = torch.rsqrt(prepare(variance) + epsilon)
    if scale is not None:
        inverse = inverse * prepare(scale)
    result = (x - prepare(mean)) * inverse
    if offset is not None:
        result = result + prepare(offset)
    return result


def normalize(x, axis=-1, order=2, epsilon=None):
    x = to_float(x)
    epsilon = config.epsilon() if epsilon is None else epsilon
    if order == 2:
        square_sum = torch.sum(torch.square(x), dim=axis, keepdim=True)
        return x * torch.rsqrt(torch.clamp(square_sum, min=epsilon * epsilon))
    norm = torch.linalg.vector_norm(x, ord=order, dim=axis, keepdim=True)
    return x / torch.clamp(norm, min=epsilon)


def _loss_inputs(op_name, target, output):
    output = to_float(output)
    target = tensor(target, output.dtype)
    check_same_shape(op_name, target, output)
    return target, output


def binary_crossentropy(target, output, from_logits=False):
    target, output = _loss_inputs("binary_crossentropy", target, output)
    if from_logits:
        return F.binary_cross_entropy_with_logits(output, target, reduction="none")
    epsilon = config.epsilon()
    output = torch.clamp(output, epsilon, 1.0 - epsilon)
    return -(target * torch.log(output) + (1.0 - target) * torch.log(1.0 - output))


def categorical_crossentropy(target, output, from_logits=False, axis=-1):
    target, output = _loss_inputs("categorical_crossentropy", target, output)
    if output.ndim < 1:
        raise ValueError("`categorical_crossentropy` needs outputs with a class axis.")
    if from_logits:
        log_probabilities = torch.log_softmax(output, dim=axis)
    else:
        output = output / torch.sum(output, dim=axis, keepdim=True)
        epsilon = config.epsilon()
        log_probabilities = torch.log(torch.clamp(output, epsilon, 1.0 - epsilon))
    return -torch.sum(target * log_probabilities, dim=axis)


def sparse_categorical_crossentropy(target, output, from_logits=False, axis=-1):
    output = to_float(output)
    target = tensor(target, "int64")
    if axis != -1 and axis != output.ndim - 1:
        output = torch.movedim(output, axis, -1)
    if target.ndim == output.ndim and target.shape[-1] == 1:
        target = target.squeeze(-1)
    check_sparse_target(target, output)
    # An out-of-range label is reported (torch's own bounds check on CPU, free of any
    # host sync) rather than silently contributing zero loss.
    try:
        if from_logits:
            class_axis_second = output if output.ndim <= 2 else torch.movedim(output, -1, 1)
            return F.cross_entropy(class_axis_second, target, reduction="none")
        output = output / torch.sum(output, dim=-1, keepdim=True)
        epsilon = config.epsilon()
        log_probabilities = torch.log(torch.clamp(output, epsilon, 1.0 - epsilon))
        return -torch.gather(log_probabilities, -1, target.unsqueeze(-1)).squeeze(-1)
    except (IndexError, RuntimeError) as error:
        if "out of bounds" not in str(error):
            raise
        raise ValueError(
            f"sparse_categorical_crossentropy: every label must be a class index in "
            f"[0, {output.shape[-1]}) for predictions of shape {tuple(output.shape)}; "
            f"received an out-of-range label ({error}).") from None


def ctc_loss(target, output, target_length, output_length, mask_index=0):
    output = to_float(output)
    log_probabilities = torch.log_softmax(output, dim=-1).transpose(0, 1)
    loss = F.ctc_loss(log_probabilities, tensor(target, "int64"),
                      tensor(output_length, "int64"), tensor(target_length, "int64"),
                      blank=mask_index, reduction="none", zero_infinity=False)
    return loss.to(output.dtype)


def dot_product_attention(query, key, value, bias=None, mask=None, scale=None,
                          is_causal=False, flash_attention=None, attn_logits_soft_cap=None):
    query = to_float(query)
    key = tensor(key, query.dtype)
    value = tensor(value, query.dtype)
    check_attention_query(query)
    if key.shape[2] != query.shape[2]:
        repeats = query.shape[2] // key.shape[2]
        key = torch.repeat_interleave(key, repeats, dim=2)
        value = torch.repeat_interleave(value, repeats, dim=2)
    scale = 1.0 / math.sqrt(query.shape[-1]) if scale is None else scale
    if attn_logits_soft_cap is not None:
        return _soft_capped_attention(query, key, value, bias, mask, scale, is_causal,
                                      attn_logits_soft_cap)
    additive = _additive_attention_mask(query, key, bias, mask, is_causal)
    output = F.scaled_dot_product_attention(
        query.transpose(1, 2), key.transpose(1, 2), value.transpose(1, 2),
        attn_mask=additive, is_causal=is_causal and additive is None, scale=scale)
    return output.transpose(1, 2)


def _masked_logit(dtype):
    # Finite, so a row with every key masked averages all values (Keras's semantics)
    # instead of producing NaN.
    return -0.7 * torch.finfo(dtype).max


def _additive_attention_mask(query, key, bias, mask, is_causal):
    """Bias and masks as one additive `(batch, heads, q, k)`-broadcastable float mask."""
    if mask is None and not (is_causal and bias is not None):
        return None if bias is None else tensor(bias, query.dtype)
    allowed = None if mask is None else tensor(mask, "bool")
    if is_causal:
        causal = torch.ones((query.shape[1], key.shape[1]), dtype=torch.bool,
                            device=query.device).tril()
        allowed = causal if allowed is None else allowed & causal
    additive = torch.zeros((), dtype=query.dtype, device=query.device)
    if allowed is not None:
        additive = torch.where(allowed, additive, _masked_logit(query.dtype))
    if bias is not None:
        additive = additive + tensor(bias, query.dtype)
    return additive


def _soft_capped_attention(query, key, value, bias, mask, scale, is_causal, soft_cap):
    logits = torch.einsum("btnh,bsnh->bnts", query, key) * scale
    logits = torch.tanh(logits / soft_cap) * soft_cap
    if bias is not None:
        logits = logits + tensor(bias, logits.dtype)
    allowed = None if mask is None else tensor(mask, "bool")
    if is_causal:
        causal = torch.ones((logits.shape[-2], logits.shape[-1]), dtype=torch.bool,
                            device=logits.device).tril()
        allowed = causal if allowed is None else allowed & causal
    if allowed is not None:
        logits = torch.where(allowed, logits, _masked_logit(logits.dtype))
    weights = torch.softmax(logits.float(), dim=-1).to(query.dtype)
    return torch.einsum("bnts,bsnh->btnh", weights, value)


def psnr(x1, x2, max_val):
    x1 = to_float(x1)
    x2 = tensor(x2, x1.dtype)
    check_psnr_shapes(x1, x2)
    mse = torch.mean(torch.square(x1 - x2))
    return 20.0 * math.log10(max_val) - 10.0 * torch.log10(mse)


def layer_normalization(x, gamma=None, beta=None, axis=-1, epsilon=1e-3):
    """`(x - mean) / sqrt(var + epsilon) * gamma + beta` over `axis`.

    When the axes are the trailing ones and gamma/beta have their shape, this is one
    fused `F.layer_norm` kernel (forward and backward) instead of nine elementwise ops.
    """
    x = to_float(x)
    rank = x.ndim
    axes = sorted(a % rank for a in ([axis] if isinstance(axis, int) else axis))
    gamma = None if gamma is None else convert_to_tensor(gamma, x.dtype)
    beta = None if beta is None else convert_to_tensor(beta, x.dtype)
    normalized = tuple(x.shape[rank - len(axes):])
    if axes == list(range(rank - len(axes), rank)) and \
            all(p is None or tuple(p.shape) == normalized for p in (gamma, beta)):
        return F.layer_norm(x, normalized, weight=gamma, bias=beta, eps=epsilon)
    mean = torch.mean(x, dim=axes, keepdim=True)
    centered = x - mean
    variance = torch.mean(centered * centered, dim=axes, keepdim=True)
    outputs = centered * torch.rsqrt(variance + epsilon)
    if gamma is not None:
        outputs = outputs * gamma
    if beta is not None:
        outputs = outputs + beta
    return outputs
