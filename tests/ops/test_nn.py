"""`cornu.ops` neural-network ops against NumPy references (Keras semantics)."""
import itertools
import math

import numpy as np
import pytest

from cornu import backend, ops
from cornu.backend import KerasTensor
from tests.ops.reference import assert_matches, rand, randint

X = rand(2, 5, low=-4.0, high=4.0)


def _sigmoid(x):
    return 1 / (1 + np.exp(-x))


def _softmax(x, axis=-1):
    e = np.exp(x - x.max(axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)


def _erf(x):
    return np.vectorize(math.erf)(x)


ACTIVATIONS = [
    ("relu", {}, lambda x: np.maximum(x, 0)),
    ("relu6", {}, lambda x: np.clip(x, 0, 6)),
    ("sigmoid", {}, _sigmoid),
    ("log_sigmoid", {}, lambda x: np.log(_sigmoid(x))),
    ("softplus", {}, lambda x: np.log1p(np.exp(x))),
    ("softsign", {}, lambda x: x / (1 + np.abs(x))),
    ("silu", {}, lambda x: x * _sigmoid(x)),
    ("swish", {}, lambda x: x * _sigmoid(x)),
    ("leaky_relu", {}, lambda x: np.where(x > 0, x, 0.2 * x)),
    ("leaky_relu", {"negative_slope": 0.1}, lambda x: np.where(x > 0, x, 0.1 * x)),
    ("hard_sigmoid", {}, lambda x: np.clip(x + 3, 0, 6) / 6),
    ("hard_silu", {}, lambda x: x * np.clip(x + 3, 0, 6) / 6),
    ("hard_swish", {}, lambda x: x * np.clip(x + 3, 0, 6) / 6),
    ("elu", {}, lambda x: np.where(x > 0, x, np.exp(x) - 1)),
    ("elu", {"alpha": 0.5}, lambda x: np.where(x > 0, x, 0.5 * (np.exp(x) - 1))),
    ("selu", {}, lambda x: 1.0507009873554805 * np.where(
        x > 0, x, 1.6732632423543772 * (np.exp(x) - 1))),
    ("celu", {"alpha": 2.0}, lambda x: np.maximum(x, 0) + np.minimum(0, 2.0 * (np.exp(x / 2.0) - 1))),
    ("gelu", {}, lambda x: 0.5 * x * (1 + np.tanh(np.sqrt(2 / np.pi) * (x + 0.044715 * x ** 3)))),
    ("gelu", {"approximate": False}, lambda x: 0.5 * x * (1 + _erf(x / np.sqrt(2)))),
    ("hard_tanh", {}, lambda x: np.clip(x, -1, 1)),
    ("hard_shrink", {}, lambda x: np.where(np.abs(x) > 0.5, x, 0)),
    ("soft_shrink", {"threshold": 1.0}, lambda x: np.sign(x) * np.maximum(np.abs(x) - 1.0, 0)),
    ("tanh_shrink", {}, lambda x: x - np.tanh(x)),
    ("squareplus", {}, lambda x: (x + np.sqrt(x ** 2 + 4)) / 2),
    ("sparse_plus", {}, lambda x: np.where(x <= -1, 0, np.where(x >= 1, x, (x + 1) ** 2 / 4))),
    ("threshold", {"threshold": 0.5, "default_value": -1.0}, lambda x: np.where(x > 0.5, x, -1.0)),
    ("softmax", {}, _softmax),
    ("softmax", {"axis": 0}, lambda x: _softmax(x, axis=0)),
    ("log_softmax", {}, lambda x: np.log(_softmax(x))),
    ("glu", {"axis": 0}, lambda x: x[:1] * _sigmoid(x[1:])),
]


@pytest.mark.parametrize("name,kwargs,reference", ACTIVATIONS,
                         ids=[f"{a[0]}{i}" for i, a in enumerate(ACTIVATIONS)])
def test_activations(name, kwargs, reference):
    assert_matches(getattr(ops, name)(X, **kwargs), reference(X.astype("float64")), atol=1e-5,
                   dtype="float32")


def test_activations_promote_ints_and_keep_float16():
    assert ops.dtype(ops.relu(np.array([-1, 2], "int32"))) == "float32"
    assert ops.dtype(ops.sigmoid(X.astype("float16"))) == "float16"


def test_softmax_over_multiple_axes_and_sparsemax():
    x = rand(2, 3, 4)
    flat = x.reshape(2, 12)
    assert_matches(ops.softmax(x, axis=(1, 2)), _softmax(flat).reshape(2, 3, 4), atol=1e-6)
    result = ops.convert_to_numpy(ops.sparsemax(np.array([[0.1, 1.5, 0.2], [2.0, 2.0, -1.0]],
                                                         "float32")))
    np.testing.assert_allclose(result, [[0.0, 1.0, 0.0], [0.5, 0.5, 0.0]], atol=1e-6)
    with pytest.raises(ValueError, match="even"):
        ops.glu(rand(2, 3))


# --- convolution -----------------------------------------------------------------------------
def _same_pads(size, kernel, stride, dilation):
    effective = (kernel - 1) * dilation + 1
    out = -(-size // stride)
    total = max((out - 1) * stride + effective - size, 0)
    return total // 2, total - total // 2


def _reference_conv(x, kernel, strides, padding, dilation, groups=1):
    """Channels-last N-D correlation, written with explicit loops over output positions."""
    rank = x.ndim - 2
    if padding == "same":
        pads = [_same_pads(x.shape[1 + i], kernel.shape[i], strides[i], dilation[i])
                for i in range(rank)]
        x = np.pad(x, [(0, 0)] + pads + [(0, 0)])
    effective = [(kernel.shape[i] - 1) * dilation[i] + 1 for i in range(rank)]
    out_sizes = [(x.shape[1 + i] - effective[i]) // strides[i] + 1 for i in range(rank)]
    in_per_group = kernel.shape[-2]
    out_channels = kernel.shape[-1]
    out_per_group = out_channels // groups
    result = np.zeros((x.shape[0], *out_sizes, out_channels))
    for position in itertools.product(*[range(n) for n in out_sizes]):
        window = tuple(slice(p * s, p * s + e, d)
                       for p, s, e, d in zip(position, strides, effective, dilation))
        patch = x[(slice(None),) + window]  # (batch, *k, channels)
        for group in range(groups):
            channels = patch[..., group * in_per_group:(group + 1) * in_per_group]
            weights = kernel[..., group * out_per_group:(group + 1) * out_per_group]
            value = np.tensordot(channels, weights, axes=(list(range(1, rank + 2)),
                                                          list(range(rank + 1))))
            result[(slice(None),) + position + (slice(group * out_per_group,
                                                      (group + 1) * out_per_group),)] = value
    return result


CONV_CASES = [
    ((2, 7, 3), (3, 3, 4), 1, "valid", 1),
    ((2, 7, 3), (3, 3, 4), 2, "same", 1),
    ((1, 8, 2), (4, 2, 2), 3, "same", 1),
    ((1, 9, 2), (3, 2, 3), 1, "same", 2),
    ((1, 6, 7, 2), (3, 3, 2, 3), (2, 2), "same", 1),
    ((1, 6, 7, 2), (2, 3, 2, 3), (1, 2), "valid", 1),
    ((1, 6, 6, 2), (3, 3, 2, 2), 1, "same", (2, 1)),
    ((1, 5, 4, 4, 2), (2, 3, 2, 2, 2), (2, 1, 2), "same", 1),
]


@pytest.mark.parametrize("input_shape,kernel_shape,strides,padding,dilation", CONV_CASES)
def test_conv_matches_reference(input_shape, kernel_shape, strides, padding, dilation):
    rank = len(input_shape) - 2
    strides_t = (strides,) * rank if isinstance(strides, int) else strides
    dilation_t = (dilation,) * rank if isinstance(dilation, int) else dilation
    x, kernel = rand(*input_shape), rand(*kernel_shape)
    expected = _reference_conv(x, kernel, strides_t, padding, dilation_t)
    assert_matches(ops.conv(x, kernel, strides=strides, padding=padding, dilation_rate=dilation),
                   expected, atol=1e-4, dtype="float32")


def test_conv_channels_first_and_groups():
    x, kernel = rand(1, 6, 6, 4), rand(3, 3, 2, 4)
    expected = _reference_conv(x, kernel, (1, 1), "same", (1, 1), groups=2)
    assert_matches(ops.conv(x, kernel, padding="same"), expected, atol=1e-4)
    channels_first = np.transpose(x, (0, 3, 1, 2))
    result = ops.conv(channels_first, kernel, padding="same", data_format="channels_first")
    assert_matches(result, np.transpose(expected, (0, 3, 1, 2)), atol=1e-4)


def test_depthwise_and_separable_conv():
    x = rand(1, 6, 6, 3)
    depthwise = rand(3, 3, 3, 2)
    grouped = depthwise.reshape(3, 3, 1, 6)
    expected = _reference_conv(x, grouped, (2, 2), "same", (1, 1), groups=3)
    assert_matches(ops.depthwise_conv(x, depthwise, strides=2, padding="same"), expected,
                   atol=1e-4)
    pointwise = rand(1, 1, 6, 4)
    expected_separable = _reference_conv(expected, pointwise, (1, 1), "valid", (1, 1))
    assert_matches(ops.separable_conv(x, depthwise, pointwise, strides=2, padding="same"),
                   expected_separable, atol=1e-4)


def _reference_conv_transpose_1d(x, kernel, stride, padding, dilation, output_padding):
    """Scatter each input step into the full output, then crop like the TF gradient of conv."""
    batch, length, _ = x.shape
    size, out_channels, _ = kernel.shape
    effective = (size - 1) * dilation + 1
    full = np.zeros((batch, (length - 1) * stride + effective, out_channels))
    for i in range(length):
        for k in range(size):
            full[:, i * stride + k * dilation] += x[:, i] @ kernel[k].T
    if output_padding is None:
        out_length = (length * stride if padding == "same"
                      else length * stride + max(effective - stride, 0))
    else:
        pad = size // 2 if padding == "same" else 0
        out_length = (length - 1) * stride + effective - 2 * pad + output_padding
    total = max(full.shape[1] - out_length, 0) if padding == "same" else 0
    start = total // 2 if padding == "same" else 0
    if output_padding is not None and padding == "same":
        start = (size // 2) * dilation if dilation == 1 else start
    padded = np.pad(full, ((0, 0), (0, max(0, start + out_length - full.shape[1])), (0, 0)))
    return padded[:, start:start + out_length]


@pytest.mark.parametrize("length,size,stride,padding,dilation", [
    (4, 3, 2, "same", 1), (4, 3, 2, "valid", 1), (5, 4, 2, "same", 1), (5, 4, 3, "valid", 1),
    (3, 2, 3, "valid", 1), (5, 3, 1, "same", 1), (4, 1, 2, "same", 1), (4, 3, 1, "same", 2),
])
def test_conv_transpose_1d_matches_reference(length, size, stride, padding, dilation):
    x, kernel = rand(2, length, 3), rand(size, 2, 3)
    expected = _reference_conv_transpose_1d(x, kernel, stride, padding, dilation, None)
    result = ops.conv_transpose(x, kernel, strides=stride, padding=padding,
                                dilation_rate=dilation)
    assert_matches(result, expected, atol=1e-4)


def test_conv_transpose_output_padding_and_2d_shapes():
    x, kernel = rand(1, 4, 2), rand(3, 2, 2)
    expected = _reference_conv_transpose_1d(x, kernel, 2, "valid", 1, 1)
    assert_matches(ops.conv_transpose(x, kernel, strides=2, output_padding=1), expected,
                   atol=1e-4)
    images = rand(1, 4, 5, 3)
    result = ops.conv_transpose(images, rand(3, 3, 6, 3), strides=2, padding="same")
    assert tuple(result.shape) == (1, 8, 10, 6)
    result = ops.conv_transpose(images, rand(3, 3, 6, 3), strides=(2, 1), padding="valid")
    assert tuple(result.shape) == (1, 9, 7, 6)


def test_conv_errors_name_the_problem():
    with pytest.raises(ValueError, match="padding"):
        ops.conv(rand(1, 5, 2), rand(3, 2, 2), padding="full")
    with pytest.raises(ValueError, match="kernel rank"):
        ops.conv(rand(1, 5, 2), rand(3, 3, 2, 2))
    with pytest.raises(ValueError, match="multiple"):
        ops.conv(rand(1, 5, 3), rand(3, 2, 2))


def _reference_pool(x, pool, strides, padding, reducer):
    rank = x.ndim - 2
    if padding == "same":
        pads = [_same_pads(x.shape[1 + i], pool[i], strides[i], 1) for i in range(rank)]
        x = np.pad(x, [(0, 0)] + pads + [(0, 0)], constant_values=np.nan)
    out_sizes = [(x.shape[1 + i] - pool[i]) // strides[i] + 1 for i in range(rank)]
    result = np.zeros((x.shape[0], *out_sizes, x.shape[-1]))
    for position in itertools.product(*[range(n) for n in out_sizes]):
        window = tuple(slice(p * s, p * s + k) for p, s, k in zip(position, strides, pool))
        patch = x[(slice(None),) + window].reshape(x.shape[0], -1, x.shape[-1])
        result[(slice(None),) + position] = reducer(patch, axis=1)
    return result


@pytest.mark.parametrize("shape,pool,strides,padding", [
    ((2, 7, 3), (2,), (2,), "valid"), ((2, 7, 3), (3,), (2,), "same"),
    ((1, 5, 6, 2), (2, 2), (2, 2), "same"), ((1, 5, 6, 2), (3, 2), (1, 2), "valid"),
    ((1, 5, 5, 2), (3, 3), (2, 2), "same"), ((1, 3, 4, 5, 1), (2, 2, 2), (2, 2, 2), "same"),
])
@pytest.mark.parametrize("kind", ["max", "average"])
def test_pooling_matches_reference(shape, pool, strides, padding, kind):
    x = rand(*shape)
    reducer = np.nanmax if kind == "max" else np.nanmean
    op = ops.max_pool if kind == "max" else ops.average_pool
    expected = _reference_pool(x, pool, strides, padding, reducer)
    assert_matches(op(x, pool, strides=strides, padding=padding), expected, atol=1e-5)


def test_pool_strides_default_to_pool_size_and_channels_first():
    x = rand(1, 4, 4, 2)
    assert tuple(ops.max_pool(x, 2).shape) == (1, 2, 2, 2)
    channels_first = np.transpose(x, (0, 3, 1, 2))
    result = ops.average_pool(channels_first, 2, data_format="channels_first")
    expected = _reference_pool(x, (2, 2), (2, 2), "valid", np.mean)
    assert_matches(result, np.transpose(expected, (0, 3, 1, 2)), atol=1e-5)


# --- encodings, normalization, losses -----------------------------------------------------------
def test_one_hot_and_multi_hot():
    labels = np.array([[0, 2], [1, 5]], "int32")
    expected = np.eye(4)[np.clip(labels, 0, 3)] * (labels < 4)[..., None]
    assert_matches(ops.one_hot(labels, 4), expected, dtype="float32")
    assert_matches(ops.one_hot(labels, 4, axis=0), np.moveaxis(expected, -1, 0))
    assert ops.dtype(ops.one_hot(labels, 4, dtype="int32")) == "int32"
    assert_matches(ops.one_hot(np.array([-1, 1]), 3), [[0, 0, 0], [0, 1, 0]])
    assert_matches(ops.multi_hot(np.array([1, 3]), 4), [0, 1, 0, 1])
    assert_matches(ops.multi_hot(np.array([[0, 0], [1, 2]]), 3), [[1, 0, 0], [0, 1, 1]])


def test_moments_batch_normalization_normalize():
    x = rand(4, 3, 2)
    mean, variance = ops.moments(x, axes=(0, 1))
    assert_matches(mean, x.mean(axis=(0, 1)), atol=1e-6)
    assert_matches(variance, x.var(axis=(0, 1)), atol=1e-6)
    mean, variance = ops.moments(x, axes=[0], keepdims=True)
    assert tuple(mean.shape) == (1, 3, 2)
    m, v, offset, scale = rand(2), rand(2, low=0.5, high=1.0), rand(2), rand(2)
    expected = (x - m) / np.sqrt(v + 1e-3) * scale + offset
    assert_matches(ops.batch_normalization(x, m, v, axis=-1, offset=offset, scale=scale),
                   expected, atol=1e-5)
    assert_matches(ops.batch_normalization(x, m, v, axis=2, epsilon=0.1),
                   (x - m) / np.sqrt(v + 0.1), atol=1e-5)
    y = rand(3, 4)
    assert_matches(ops.normalize(y), y / np.linalg.norm(y, axis=-1, keepdims=True), atol=1e-5)
    assert_matches(ops.normalize(y, axis=0, order=1),
                   y / np.abs(y).sum(axis=0, keepdims=True), atol=1e-5)
    tiny = np.array([[3e-4, 4e-4]], "float32")  # norm 5e-4 < epsilon: divide by epsilon
    assert_matches(ops.normalize(tiny, epsilon=1e-3), tiny / 1e-3, atol=1e-5)


def test_binary_crossentropy():
    target = randint(3, 4, high=2).astype("float32")
    probabilities = rand(3, 4, low=0.01, high=0.99)
    logits = rand(3, 4, low=-3, high=3)
    expected = -(target * np.log(probabilities) + (1 - target) * np.log(1 - probabilities))
    assert_matches(ops.binary_crossentropy(target, probabilities), expected, atol=1e-5)
    p = _sigmoid(logits.astype("float64"))
    expected = -(target * np.log(p) + (1 - target) * np.log(1 - p))
    assert_matches(ops.binary_crossentropy(target, logits, from_logits=True), expected, atol=1e-5)
    clipped = ops.binary_crossentropy(np.array([1.0], "float32"), np.array([0.0], "float32"))
    assert_matches(clipped, [-np.log(backend.epsilon())], atol=1e-2)
    with pytest.raises(ValueError, match="same shape"):
        ops.binary_crossentropy(np.ones((2, 3)), np.ones((3, 2)))


def test_categorical_crossentropies():
    logits = rand(4, 5)
    labels = np.array([0, 3, 4, 1])
    one_hot = np.eye(5)[labels]
    log_p = np.log(_softmax(logits.astype("float64")))
    expected = -log_p[np.arange(4), labels]
    assert_matches(ops.categorical_crossentropy(one_hot, logits, from_logits=True), expected,
                   atol=1e-5)
    probabilities = _softmax(logits.astype("float64")) * 3.0  # unnormalized on purpose
    assert_matches(ops.categorical_crossentropy(one_hot, probabilities), expected, atol=1e-5)
    assert_matches(ops.sparse_categorical_crossentropy(labels, logits, from_logits=True),
                   expected, atol=1e-5)
    assert_matches(ops.sparse_categorical_crossentropy(labels[:, None], probabilities),
                   expected, atol=1e-5)
    channels_first = np.moveaxis(logits.reshape(2, 2, 5), -1, 1)
    result = ops.sparse_categorical_crossentropy(labels.reshape(2, 2), channels_first,
                                                 from_logits=True, axis=1)
    assert_matches(result, expected.reshape(2, 2), atol=1e-5)
    with pytest.raises(ValueError, match="target shape"):
        ops.sparse_categorical_crossentropy(np.array([0, 1, 2]), logits)


def _reference_ctc(labels, logits, blank):
    """Brute force over all alignments (tiny sizes only)."""
    log_p = np.log(_softmax(logits.astype("float64")))
    time_steps, classes = log_p.shape
    total = 0.0
    for path in itertools.product(range(classes), repeat=time_steps):
        collapsed = [k for i, k in enumerate(path) if (i == 0 or k != path[i - 1])]
        collapsed = [k for k in collapsed if k != blank]
        if collapsed == list(labels):
            total += np.exp(sum(log_p[t, k] for t, k in enumerate(path)))
    return -np.log(total)


def test_ctc_loss_matches_brute_force():
    logits = rand(2, 4, 3)
    target = np.array([[1, 2], [1, 0]], "int32")
    target_length = np.array([2, 1], "int32")
    output_length = np.array([4, 3], "int32")
    expected = [_reference_ctc([1, 2], logits[0], 0), _reference_ctc([1], logits[1, :3], 0)]
    result = ops.ctc_loss(target, logits, target_length, output_length, mask_index=0)
    assert_matches(result, expected, atol=1e-4)


def test_dot_product_attention():
    q, k, v = rand(2, 3, 2, 4), rand(2, 5, 2, 4), rand(2, 5, 2, 4)
    logits = np.einsum("btnh,bsnh->bnts", q, k) / 2.0
    expected = np.einsum("bnts,bsnh->btnh", _softmax(logits), v)
    assert_matches(ops.dot_product_attention(q, k, v), expected, atol=1e-5)
    mask = np.tril(np.ones((3, 5), bool))
    masked_logits = np.where(mask, logits, -1e30)
    expected = np.einsum("bnts,bsnh->btnh", _softmax(masked_logits), v)
    assert_matches(ops.dot_product_attention(q, k, v, is_causal=True), expected, atol=1e-5)


def _reference_attention(q, k, v, allowed=None, bias=None, scale=0.5, cap=None):
    logits = np.einsum("btnh,bsnh->bnts", q, k) * scale
    if cap is not None:
        logits = np.tanh(logits / cap) * cap
    if bias is not None:
        logits = logits + bias
    if allowed is not None:
        # A row with every key masked averages all values, as Keras's softmax does.
        logits = np.where(allowed, logits, -1e30)
        logits = np.where(allowed.any(-1, keepdims=True), logits, 0.0)
    return np.einsum("bnts,bsnh->btnh", _softmax(logits), v)


def test_dot_product_attention_masks_bias_and_groups():
    q, k, v = rand(2, 3, 2, 4), rand(2, 5, 2, 4), rand(2, 5, 2, 4)
    mask = np.random.default_rng(3).random((2, 1, 3, 5)) > 0.4
    mask[0, 0, 1] = False  # one query sees no key at all
    bias = rand(2, 2, 3, 5)
    causal = np.tril(np.ones((3, 5), bool))
    assert_matches(ops.dot_product_attention(q, k, v, mask=mask),
                   _reference_attention(q, k, v, np.broadcast_to(mask, (2, 2, 3, 5))),
                   atol=1e-5)
    assert_matches(ops.dot_product_attention(q, k, v, bias=bias),
                   _reference_attention(q, k, v, bias=bias), atol=1e-5)
    assert_matches(ops.dot_product_attention(q, k, v, bias=bias, is_causal=True),
                   _reference_attention(q, k, v, causal, bias=bias), atol=1e-5)
    assert_matches(ops.dot_product_attention(q, k, v, mask=mask, is_causal=True),
                   _reference_attention(q, k, v, mask & causal), atol=1e-5)
    assert_matches(ops.dot_product_attention(q, k, v, attn_logits_soft_cap=0.3, scale=0.7),
                   _reference_attention(q, k, v, scale=0.7, cap=0.3), atol=1e-5)
    grouped_q = rand(2, 3, 4, 4)
    expected = _reference_attention(grouped_q, np.repeat(k, 2, axis=2), np.repeat(v, 2, axis=2))
    assert_matches(ops.dot_product_attention(grouped_q, k, v), expected, atol=1e-5)


def test_psnr():
    a, b = rand(4, 4, low=0, high=1), rand(4, 4, low=0, high=1)
    expected = 20 * np.log10(1.0) - 10 * np.log10(np.mean((a - b) ** 2))
    assert_matches(ops.psnr(a, b, 1.0), expected, atol=1e-4)


@pytest.mark.parametrize("build,shape,expected", [
    (lambda t: ops.conv(t, np.ones((3, 3, 2, 4), "float32"), strides=2, padding="same"),
     (None, 7, 7, 2), (None, 4, 4, 4)),
    (lambda t: ops.max_pool(t, 2), (None, 6, 6, 3), (None, 3, 3, 3)),
    (lambda t: ops.conv_transpose(t, np.ones((3, 3, 4, 2), "float32"), strides=2,
                                  padding="same"), (None, 4, 4, 2), (None, 8, 8, 4)),
    (lambda t: ops.softmax(t), (None, 5), (None, 5)),
    (lambda t: ops.one_hot(t, 7), (None, 3), (None, 3, 7)),
    (lambda t: ops.sparse_categorical_crossentropy(t, KerasTensor((None, 4))), (None,),
     (None,)),
])
def test_symbolic_nn_shapes(build, shape, expected):
    dtype = "int32" if expected[-1] == 7 or len(shape) == 1 else "float32"
    result = build(KerasTensor(shape, dtype=dtype))
    assert result.shape == expected


def test_rms_and_layer_normalization():
    x = rand(3, 4)
    rms = np.sqrt((x.astype("float64") ** 2).mean(axis=-1, keepdims=True) + 1e-6)
    assert_matches(ops.rms_normalization(x, scale=2.0, epsilon=1e-6), x / rms * 2.0, atol=1e-5)
    gamma, beta = rand(4), rand(4)
    mean = x.mean(axis=-1, keepdims=True)
    var = x.var(axis=-1, keepdims=True)
    expected = (x - mean) / np.sqrt(var + 1e-3) * gamma + beta
    assert_matches(ops.layer_normalization(x, gamma, beta, epsilon=1e-3), expected, atol=1e-5)
    assert ops.layer_normalization(KerasTensor((None, 4))).shape == (None, 4)


def test_ctc_decode_greedy():
    classes = np.array([[1, 1, 0, 2, 2, 3], [3, 0, 3, 3, 1, 1]])
    logits = np.full((2, 6, 4), -2.0, "float32")
    for b in range(2):
        for t in range(6):
            logits[b, t, classes[b, t]] = 2.0
    decoded, scores = ops.ctc_decode(logits, np.array([6, 4]))
    assert ops.dtype(decoded) == "int32"
    assert_matches(decoded, [[[1, 2, 3, -1, -1, -1], [3, 3, -1, -1, -1, -1]]])
    step_log_probability = np.log(_softmax(logits[0, 0].astype("float64")))[classes[0, 0]]
    assert_matches(scores, [[-6 * step_log_probability], [-4 * step_log_probability]],
                   atol=1e-4)
    decoded, _ = ops.ctc_decode(logits, np.array([6, 4]), merge_repeated=False)
    assert_matches(decoded[0, 0], [1, 1, 2, 2, 3, -1])
    with pytest.raises(NotImplementedError, match="greedy"):
        ops.ctc_decode(logits, np.array([6, 4]), strategy="beam_search")
