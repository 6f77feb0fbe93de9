"""Neural-network ops for the JAX engine: activations, conv/pool, losses, normalization.

Inputs and kernels use Keras layouts (channels_last by default, kernels shaped
`(*spatial, in, out)`), which map directly onto `jax.lax` dimension numbers.
"""
import math

import jax
import jax.numpy as jnp
import numpy as np  # reduce_window needs concrete init values to be differentiable under jit

from cornu import config
from cornu.backend.common.nn_checks import (
    check_attention_query, check_conv_groups, check_conv_inputs, check_padding,
    check_psnr_shapes, check_same_shape, check_sparse_target, normalize_tuple,
    pool_window)
from cornu.backend.jax.core import convert_to_tensor
from cornu.backend.jax.numpy.promotion import jax_dtype, tensor, to_float


# Activations ------------------------------------------------------------------------------
def relu(x):
    return jax.nn.relu(to_float(x))


def relu6(x):
    return jax.nn.relu6(to_float(x))


def sigmoid(x):
    return jax.nn.sigmoid(to_float(x))


def log_sigmoid(x):
    return jax.nn.log_sigmoid(to_float(x))


def softplus(x):
    return jax.nn.softplus(to_float(x))


def softsign(x):
    x = to_float(x)
    return x / (1.0 + jnp.abs(x))


def silu(x):
    return jax.nn.silu(to_float(x))


swish = silu


def leaky_relu(x, negative_slope=0.2):
    return jax.nn.leaky_relu(to_float(x), negative_slope=negative_slope)


def hard_sigmoid(x):
    return jax.nn.relu6(to_float(x) + 3.0) / 6.0


def hard_silu(x):
    x = to_float(x)
    return x * hard_sigmoid(x)


hard_swish = hard_silu


def elu(x, alpha=1.0):
    return jax.nn.elu(to_float(x), alpha=alpha)


def selu(x):
    return jax.nn.selu(to_float(x))


def celu(x, alpha=1.0):
    return jax.nn.celu(to_float(x), alpha=alpha)


def gelu(x, approximate=True):
    return jax.nn.gelu(to_float(x), approximate=approximate)


def glu(x, axis=-1):
    x = to_float(x)
    if x.shape[axis] % 2:
        raise ValueError(
            f"`glu` needs an even size along axis {axis}, received shape {tuple(x.shape)}.")
    return jax.nn.glu(x, axis=axis)


def hard_tanh(x):
    return jnp.clip(to_float(x), -1.0, 1.0)


def hard_shrink(x, threshold=0.5):
    x = to_float(x)
    return jnp.where(jnp.abs(x) > threshold, x, jnp.zeros_like(x))


def soft_shrink(x, threshold=0.5):
    x = to_float(x)
    return jnp.where(x > threshold, x - threshold,
                     jnp.where(x < -threshold, x + threshold, jnp.zeros_like(x)))


def tanh_shrink(x):
    x = to_float(x)
    return x - jnp.tanh(x)


def squareplus(x, b=4):
    x = to_float(x)
    return (x + jnp.sqrt(jnp.square(x) + b)) / 2.0


def sparse_plus(x):
    x = to_float(x)
    middle = jnp.square(x + 1.0) / 4.0
    return jnp.where(x <= -1.0, jnp.zeros_like(x), jnp.where(x >= 1.0, x, middle))


def threshold(x, threshold, default_value):  # noqa: A002
    x = to_float(x)
    return jnp.where(x > threshold, x, jnp.asarray(default_value, dtype=x.dtype))


def _axis(axis):
    return axis if isinstance(axis, int) else tuple(axis)


def softmax(x, axis=-1):
    return jax.nn.softmax(to_float(x), axis=_axis(axis))


def log_softmax(x, axis=-1):
    return jax.nn.log_softmax(to_float(x), axis=_axis(axis))


def sparsemax(x, axis=-1):
    x = to_float(x)
    moved = jnp.moveaxis(x, axis, -1)
    sorted_x = -jnp.sort(-moved, axis=-1)
    ranks = jnp.arange(1, moved.shape[-1] + 1, dtype=x.dtype)
    cumulative = jnp.cumsum(sorted_x, axis=-1)
    support = (1 + ranks * sorted_x) > cumulative
    support_size = jnp.sum(support, axis=-1, keepdims=True)
    tau = (jnp.take_along_axis(cumulative, support_size - 1, axis=-1) - 1) / support_size.astype(
        x.dtype)
    return jnp.moveaxis(jnp.maximum(moved - tau, 0), -1, axis)


# Convolution & pooling -----------------------------------------------------------------------
def _dimension_numbers(rank, data_format):
    spatial = "DHW"[-rank:] if rank <= 3 else None
    if data_format == "channels_last":
        lhs = "N" + spatial + "C"
    else:
        lhs = "NC" + spatial
    return (lhs, spatial + "IO", lhs)


def conv(inputs, kernel, strides=1, padding="valid", data_format=None, dilation_rate=1):
    data_format = config.standardize_data_format(data_format)
    padding = check_padding(padding)
    inputs = to_float(inputs)
    kernel = tensor(kernel, inputs.dtype)
    check_conv_inputs("conv", inputs, kernel)
    rank = inputs.ndim - 2
    channels = inputs.shape[-1] if data_format == "channels_last" else inputs.shape[1]
    groups = check_conv_groups(channels, kernel)
    return jax.lax.conv_general_dilated(
        inputs, kernel, window_strides=normalize_tuple(strides, rank, "strides"),
        padding=padding.upper(), rhs_dilation=normalize_tuple(dilation_rate, rank, "dilation_rate"),
        dimension_numbers=_dimension_numbers(rank, data_format),
        feature_group_count=groups)


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


def transpose_padding(kernel, stride, dilation, padding, output_padding):
    """(left, right) padding of the stride-dilated input for a Keras transposed conv."""
    effective = (kernel - 1) * dilation + 1
    if padding == "valid":
        extra = max(effective, stride) - effective if output_padding is None else output_padding
        return effective - 1, effective - 1 + extra
    if output_padding is None:
        total = stride + effective - 2
    else:
        total = effective + effective % 2 - 2 + output_padding
    left = min(total // 2 + total % 2, effective - 1)
    return left, total - left


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
    pads = [transpose_padding(kernel.shape[i], strides[i], dilation[i], padding,
                              output_padding[i]) for i in range(rank)]
    # Transposed conv == conv of the stride-dilated input with the flipped, in/out-swapped kernel.
    flipped = jnp.flip(kernel, axis=tuple(range(rank)))
    flipped = jnp.swapaxes(flipped, -1, -2)
    return jax.lax.conv_general_dilated(
        inputs, flipped, window_strides=(1,) * rank, padding=pads, lhs_dilation=strides,
        rhs_dilation=dilation, dimension_numbers=_dimension_numbers(rank, data_format))


def _pool_args(inputs, pool_size, strides, padding, data_format):
    data_format = config.standardize_data_format(data_format)
    padding = check_padding(padding)
    inputs = to_float(inputs)
    pool_size, strides = pool_window(inputs, pool_size, strides)
    if data_format == "channels_last":
        window, steps = (1,) + pool_size + (1,), (1,) + strides + (1,)
    else:
        window, steps = (1, 1) + pool_size, (1, 1) + strides
    return inputs, window, steps, padding.upper()


def max_pool(inputs, pool_size, strides=None, padding="valid", data_format=None):
    x, window, steps, padding = _pool_args(inputs, pool_size, strides, padding, data_format)
    return jax.lax.reduce_window(x, np.array(-np.inf, x.dtype), jax.lax.max, window, steps, padding)


def average_pool(inputs, pool_size, strides=None, padding="valid", data_format=None):
    x, window, steps, padding = _pool_args(inputs, pool_size, strides, padding, data_format)
    summed = jax.lax.reduce_window(x, np.array(0, x.dtype), jax.lax.add, window, steps, padding)
    if padding == "VALID":
        return summed / math.prod(window)
    counts = jax.lax.reduce_window(jnp.ones((1,) + x.shape[1:], x.dtype), np.array(0, x.dtype),
                                   jax.lax.add,
                                   window, steps, padding)
    return summed / counts


# Encodings, normalization, losses ----------------------------------------------------------
def one_hot(x, num_classes, axis=-1, dtype=None, sparse=False):
    x = tensor(x, "int32")
    return jax.nn.one_hot(x, num_classes, axis=axis, dtype=jax_dtype(dtype or config.floatx()))


def multi_hot(inputs, num_classes, axis=-1, dtype=None, sparse=False):
    inputs = tensor(inputs, "int32")
    encoded = one_hot(inputs, num_classes, axis=-1, dtype=dtype)
    result = jnp.max(encoded, axis=0 if inputs.ndim == 1 else -2)
    if axis != -1:
        result = jnp.moveaxis(result, -1, axis)
    return result


def moments(x, axes, keepdims=False, synchronized=False):
    x = to_float(x)
    compute = x.astype("float32") if x.dtype in (jnp.float16, jnp.bfloat16) else x
    axes = (axes,) if isinstance(axes, int) else tuple(axes)
    mean = jnp.mean(compute, axis=axes, keepdims=True)
    variance = jnp.mean(jnp.square(compute - mean), axis=axes, keepdims=True)
    if not keepdims:
        mean = jnp.squeeze(mean, axis=axes)
        variance = jnp.squeeze(variance, axis=axes)
    return mean.astype(x.dtype), variance.astype(x.dtype)


def batch_normalization(x, mean, variance, axis, offset=None, scale=None, epsilon=1e-3):
    x = to_float(x)
    shape = [1] * x.ndim
    shape[axis] = x.shape[axis]

    def prepare(value):
        return tensor(value, x.dtype).reshape(shape)

    inverse = jax.lax.rsqrt(prepare(variance) + epsilon)
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
        square_sum = jnp.sum(jnp.square(x), axis=axis, keepdims=True)
        return x * jax.lax.rsqrt(jnp.maximum(square_sum, epsilon * epsilon))
    norm = jnp.linalg.norm(x, ord=order, axis=axis, keepdims=True)
    return x / jnp.maximum(norm, epsilon)


def _loss_inputs(op_name, target, output):
    output = to_float(output)
    target = tensor(target, output.dtype)
    check_same_shape(op_name, target, output)
    return target, output


def binary_crossentropy(target, output, from_logits=False):
    target, output = _loss_inputs("binary_crossentropy", target, output)
    if from_logits:
        return (jnp.maximum(output, 0) - output * target
                + jnp.log1p(jnp.exp(-jnp.abs(output))))
    epsilon = config.epsilon()
    output = jnp.clip(output, epsilon, 1.0 - epsilon)
    return -(target * jnp.log(output) + (1.0 - target) * jnp.log(1.0 - output))


def categorical_crossentropy(target, output, from_logits=False, axis=-1):
    target, output = _loss_inputs("categorical_crossentropy", target, output)
    if from_logits:
        log_probabilities = jax.nn.log_softmax(output, axis=axis)
    else:
        output = output / jnp.sum(output, axis=axis, keepdims=True)
        epsilon = config.epsilon()
        log_probabilities = jnp.log(jnp.clip(output, epsilon, 1.0 - epsilon))
    return -jnp.sum(target * log_probabilities, axis=axis)


def sparse_categorical_crossentropy(target, output, from_logits=False, axis=-1):
    output = to_float(output)
    target = tensor(target, "int32")
    if axis != -1 and axis != output.ndim - 1:
        output = jnp.moveaxis(output, axis, -1)
    if target.ndim == output.ndim and target.shape[-1] == 1:
        target = jnp.squeeze(target, -1)
    check_sparse_target(target, output)
    if from_logits:
        log_probabilities = jax.nn.log_softmax(output, axis=-1)
    else:
        output = output / jnp.sum(output, axis=-1, keepdims=True)
        epsilon = config.epsilon()
        log_probabilities = jnp.log(jnp.clip(output, epsilon, 1.0 - epsilon))
    # A gather, not a one-hot product: no (batch, classes) temporary for large vocabularies.
    # An out-of-range label reads NaN (jax's fill mode), so the mistake shows in the loss.
    picked = jnp.take_along_axis(log_probabilities, target[..., None], axis=-1, mode="fill")
    return -jnp.squeeze(picked, -1)


def ctc_loss(target, output, target_length, output_length, mask_index=0):
    output = to_float(output)
    log_probs = jax.nn.log_softmax(output.astype("float32"), axis=-1)
    target = tensor(target, "int32")
    target_length = tensor(target_length, "int32")
    output_length = tensor(output_length, "int32")
    batch, max_label = target.shape
    states = 2 * max_label + 1
    # Extended label sequence: blank, l1, blank, l2, ..., blank.
    extended = jnp.full((batch, states), mask_index, dtype="int32")
    extended = extended.at[:, 1::2].set(target)
    previous_two = jnp.pad(extended, ((0, 0), (2, 0)), constant_values=mask_index)[:, :-2]
    can_skip = (extended != mask_index) & (extended != previous_two)
    negative_inf = jnp.asarray(-1e30, dtype="float32")
    emissions = jnp.take_along_axis(log_probs, extended[:, None, :], axis=-1)  # (B, T, S)
    initial = jnp.full((batch, states), negative_inf)
    initial = initial.at[:, 0].set(emissions[:, 0, 0])
    initial = initial.at[:, 1].set(jnp.where(max_label > 0, emissions[:, 0, 1], negative_inf))

    def step(alpha, inputs):
        emission, time = inputs
        shifted_one = jnp.pad(alpha, ((0, 0), (1, 0)), constant_values=negative_inf)[:, :-1]
        shifted_two = jnp.pad(alpha, ((0, 0), (2, 0)), constant_values=negative_inf)[:, :-2]
        shifted_two = jnp.where(can_skip, shifted_two, negative_inf)
        combined = jnp.logaddexp(jnp.logaddexp(alpha, shifted_one), shifted_two) + emission
        active = (time < output_length)[:, None]
        return jnp.where(active, combined, alpha), None

    times = jnp.arange(1, log_probs.shape[1])
    final, _ = jax.lax.scan(step, initial, (jnp.swapaxes(emissions[:, 1:], 0, 1), times))
    last = jnp.take_along_axis(final, (2 * target_length)[:, None], axis=1)[:, 0]
    before_last = jnp.take_along_axis(
        final, jnp.maximum(2 * target_length - 1, 0)[:, None], axis=1)[:, 0]
    before_last = jnp.where(target_length > 0, before_last, negative_inf)
    return (-jnp.logaddexp(last, before_last)).astype(output.dtype)


def dot_product_attention(query, key, value, bias=None, mask=None, scale=None,
                          is_causal=False, flash_attention=None, attn_logits_soft_cap=None):
    query = to_float(query)
    key = tensor(key, query.dtype)
    value = tensor(value, query.dtype)
    check_attention_query(query)
    if key.shape[2] != query.shape[2]:
        repeats = query.shape[2] // key.shape[2]
        key = jnp.repeat(key, repeats, axis=2)
        value = jnp.repeat(value, repeats, axis=2)
    scale = 1.0 / math.sqrt(query.shape[-1]) if scale is None else scale
    logits = jnp.einsum("btnh,bsnh->bnts", query, key) * scale
    if attn_logits_soft_cap is not None:
        logits = jnp.tanh(logits / attn_logits_soft_cap) * attn_logits_soft_cap
    if bias is not None:
        logits = logits + tensor(bias, logits.dtype)
    allowed = None
    if mask is not None:
        allowed = tensor(mask, "bool")
    if is_causal:
        length_q, length_k = logits.shape[-2], logits.shape[-1]
        causal = jnp.tril(jnp.ones((length_q, length_k), dtype=bool))
        allowed = causal if allowed is None else allowed & causal
    if allowed is not None:
        logits = jnp.where(allowed, logits, jnp.finfo(logits.dtype).min)
    weights = jax.nn.softmax(logits.astype("float32"), axis=-1).astype(query.dtype)
    return jnp.einsum("bnts,bsnh->btnh", weights, value)


def psnr(x1, x2, max_val):
    x1 = to_float(x1)
    x2 = tensor(x2, x1.dtype)
    check_psnr_shapes(x1, x2)
    mse = jnp.mean(jnp.square(x1 - x2))
    return 20.0 * math.log10(max_val) - 10.0 * jnp.log10(mse)


def layer_normalization(x, gamma=None, beta=None, axis=-1, epsilon=1e-3):
    """`(x - mean) / sqrt(var + epsilon) * gamma + beta` over `axis` (XLA fuses it)."""
    x = convert_to_tensor(x)
    if not jnp.issubdtype(x.dtype, jnp.floating):
        x = x.astype(config.floatx())
    rank = x.ndim
    axes = tuple(sorted(a % rank for a in ([axis] if isinstance(axis, int) else axis)))
    mean = jnp.mean(x, axis=axes, keepdims=True)
    centered = x - mean
    variance = jnp.mean(centered * centered, axis=axes, keepdims=True)
    outputs = centered * jax.lax.rsqrt(variance + epsilon)
    if gamma is not None:
        outputs = outputs * convert_to_tensor(gamma).astype(outputs.dtype)
    if beta is not None:
        outputs = outputs + convert_to_tensor(beta).astype(outputs.dtype)
    return outputs
