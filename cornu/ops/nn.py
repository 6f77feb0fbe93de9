"""Neural-network public ops (`cornu.ops.nn`): activations, conv/pool, losses, normalization.

Layouts follow Keras: `data_format="channels_last"` by default and kernels shaped
`(*spatial, in_channels, out_channels)` (`(*spatial, out, in)` for `conv_transpose`).

    >>> from cornu import ops
    >>> ops.softmax(ops.ones((2, 4)))         # each row sums to 1
"""
from cornu import backend
from cornu.backend import engine
from cornu.ops.dispatch import op
from cornu.ops.spec import engine_op

relu = engine_op("nn", "relu", "Rectified linear unit `max(x, 0)`.")
relu6 = engine_op("nn", "relu6", "ReLU capped at 6: `min(max(x, 0), 6)`.")
sigmoid = engine_op("nn", "sigmoid", "Logistic sigmoid `1 / (1 + exp(-x))`.")
log_sigmoid = engine_op("nn", "log_sigmoid", "`log(sigmoid(x))`, computed stably.")
softplus = engine_op("nn", "softplus", "`log(1 + exp(x))`, computed stably.")
softsign = engine_op("nn", "softsign", "`x / (1 + |x|)`.")
silu = engine_op("nn", "silu", "Sigmoid linear unit `x * sigmoid(x)`.")
swish = engine_op("nn", "swish", "Swish activation `x * sigmoid(x)` (same as `silu`).")
leaky_relu = engine_op("nn", "leaky_relu",
                       "Leaky ReLU: `x` if positive else `negative_slope * x` (default 0.2).")
hard_sigmoid = engine_op("nn", "hard_sigmoid", "Piecewise-linear sigmoid `relu6(x + 3) / 6`.")
hard_silu = engine_op("nn", "hard_silu", "`x * hard_sigmoid(x)`.")
hard_swish = engine_op("nn", "hard_swish", "`x * hard_sigmoid(x)` (same as `hard_silu`).")
elu = engine_op("nn", "elu", "Exponential linear unit with scale `alpha`.")
selu = engine_op("nn", "selu", "Scaled exponential linear unit.")
celu = engine_op("nn", "celu", "Continuously differentiable ELU.")
gelu = engine_op("nn", "gelu",
                 "Gaussian error linear unit (tanh approximation when `approximate=True`).")
glu = engine_op("nn", "glu", "Gated linear unit: first half times sigmoid of second half.")
hard_tanh = engine_op("nn", "hard_tanh", "Clip to `[-1, 1]`.")
hard_shrink = engine_op("nn", "hard_shrink", "`x` where `|x| > threshold`, else 0.")
soft_shrink = engine_op("nn", "soft_shrink", "Shrink `x` towards 0 by `threshold`.")
tanh_shrink = engine_op("nn", "tanh_shrink", "`x - tanh(x)`.")
squareplus = engine_op("nn", "squareplus", "`(x + sqrt(x**2 + b)) / 2`.")
sparse_plus = engine_op("nn", "sparse_plus", "Smooth ReLU: 0, `(x+1)**2/4`, or `x`.")
threshold = engine_op("nn", "threshold", "`x` where `x > threshold`, else `default_value`.")
softmax = engine_op("nn", "softmax", "Softmax over `axis` (default -1).")
log_softmax = engine_op("nn", "log_softmax", "Log of the softmax over `axis`.")
sparsemax = engine_op("nn", "sparsemax", "Sparsemax: Euclidean projection onto the simplex.")

conv = engine_op("nn", "conv", """N-D convolution (1D, 2D or 3D) with Keras layouts.

Args:
    inputs: `(batch, *spatial, channels)` (or channels_first).
    kernel: `(*spatial, in_channels / groups, out_channels)`.
    strides, dilation_rate: int or tuple per spatial axis.
    padding: "valid" or "same" (TF-style: extra padding at the end).
    data_format: "channels_last" (default) or "channels_first".

Returns:
    The convolved tensor.

Example:
    >>> ops.conv(ops.ones((1, 5, 5, 1)), ops.ones((3, 3, 1, 2)), padding="same").shape
    (1, 5, 5, 2)
""")
depthwise_conv = engine_op("nn", "depthwise_conv",
                           "Depthwise convolution; kernel `(*spatial, in, multiplier)`.")
separable_conv = engine_op("nn", "separable_conv",
                           "Depthwise convolution followed by a pointwise (1x1) convolution.")
conv_transpose = engine_op("nn", "conv_transpose",
                           "Transposed convolution; kernel `(*spatial, out, in)`.")
max_pool = engine_op("nn", "max_pool", "Max pooling; `strides` default to `pool_size`.")
average_pool = engine_op("nn", "average_pool",
                         "Average pooling; 'same' padding averages valid elements only.")

one_hot = engine_op("nn", "one_hot",
                    "One-hot encode int `x` into `num_classes`; out-of-range ids give zeros.")
multi_hot = engine_op("nn", "multi_hot", "Multi-hot encode the ids of each sample.")
moments = engine_op("nn", "moments", "Mean and variance of `x` over `axes`.")
batch_normalization = engine_op(
    "nn", "batch_normalization",
    "`(x - mean) / sqrt(variance + epsilon) * scale + offset` along `axis`.")
normalize = engine_op("nn", "normalize", "Normalize `x` to unit `order`-norm along `axis`.")
binary_crossentropy = engine_op(
    "nn", "binary_crossentropy",
    "Element-wise binary cross-entropy; probabilities are clipped to [eps, 1 - eps].")
categorical_crossentropy = engine_op(
    "nn", "categorical_crossentropy",
    "Cross-entropy between one-hot `target` and `output` along `axis`.")
sparse_categorical_crossentropy = engine_op(
    "nn", "sparse_categorical_crossentropy",
    "Cross-entropy between int class ids `target` and `output` along `axis`.")
ctc_loss = engine_op("nn", "ctc_loss",
                     "CTC loss per batch item; `output` holds logits `(batch, time, classes)`.")
dot_product_attention = engine_op(
    "nn", "dot_product_attention",
    "Scaled dot-product attention on `(batch, length, heads, dim)` tensors.")
psnr = engine_op("nn", "psnr", "Peak signal-to-noise ratio between `x1` and `x2`.")


@op
def rms_normalization(x, scale=1, axis=-1, epsilon=None):
    """Root-mean-square normalization: `x / sqrt(mean(x**2, axis) + epsilon) * scale`.

    Args:
        x: input tensor.
        scale: multiplier broadcast against `x`.
        axis: axis (or axes) to normalize over.
        epsilon: added to the mean square (default `backend.epsilon()`).

    Returns:
        Normalized tensor.

    Example:
        >>> ops.rms_normalization(ops.ones((2, 4)))   # all ones (up to epsilon)
    """
    epsilon = backend.epsilon() if epsilon is None else epsilon
    numpy = engine.numpy
    x = engine.core.convert_to_tensor(x)
    if not backend.is_float_dtype(x.dtype):
        x = engine.core.cast(x, backend.floatx())
    mean_square = numpy.mean(numpy.square(x), axis=axis, keepdims=True)
    return numpy.multiply(numpy.multiply(x, numpy.rsqrt(numpy.add(mean_square, epsilon))),
                          scale)


@op
def layer_normalization(x, gamma=None, beta=None, axis=-1, epsilon=None, **kwargs):
    """Layer normalization over `axis`: `(x - mean) / sqrt(var + epsilon) * gamma + beta`.

    Example:
        >>> ops.layer_normalization(ops.arange(4.0))   # zero mean, unit variance
    """
    if kwargs.get("rms_scaling"):
        return rms_normalization(x, 1 if gamma is None else gamma, axis, epsilon)
    epsilon = backend.epsilon() if epsilon is None else epsilon
    return engine.nn.layer_normalization(x, gamma, beta, axis=axis, epsilon=epsilon)


@op
def ctc_decode(inputs, sequence_lengths, strategy="greedy", beam_width=100, top_paths=1,
               merge_repeated=True, mask_index=0):
    """Decode CTC outputs greedily (best class per step, repeats merged, blanks removed).

    Args:
        inputs: logits `(batch, max_length, num_classes)`.
        sequence_lengths: valid steps per batch item.
        strategy: only "greedy" is supported.
        merge_repeated: merge consecutive repeated classes before removing blanks.
        mask_index: the blank class.

    Returns:
        `(decoded, log_probabilities)`: int32 `(1, batch, max_length)` padded with -1, and
        `(batch, 1)` negative summed log-probabilities of the chosen paths.

    Example:
        >>> decoded, scores = ops.ctc_decode(logits, [4, 3])
    """
    if strategy != "greedy":
        raise NotImplementedError(
            f"ctc_decode: strategy {strategy!r} is not supported yet; use 'greedy'.")
    numpy = engine.numpy
    log_probabilities = engine.nn.log_softmax(inputs, axis=-1)
    batch, max_length = log_probabilities.shape[0], log_probabilities.shape[1]
    best = numpy.argmax(log_probabilities, axis=-1)
    scores = numpy.max(log_probabilities, axis=-1)
    steps = numpy.expand_dims(numpy.arange(max_length, dtype="int32"), 0)
    lengths = numpy.expand_dims(engine.core.convert_to_tensor(sequence_lengths, "int32"), -1)
    valid = numpy.less(steps, lengths)
    best = numpy.where(valid, best, mask_index)
    scores = numpy.where(valid, scores, 0.0)
    if merge_repeated:
        previous = numpy.pad(best[:, :-1], ((0, 0), (1, 0)), constant_values=-1)
        best = numpy.where(numpy.equal(best, previous), mask_index, best)
    blank = numpy.equal(best, mask_index)
    best = numpy.where(blank, -1, best)
    order = numpy.argsort(engine.core.cast(blank, "int32"), axis=1)
    decoded = numpy.take_along_axis(best, order, axis=1)
    total = numpy.negative(numpy.sum(scores, axis=1, keepdims=True))
    return numpy.expand_dims(engine.core.cast(decoded, "int32"), 0), total
