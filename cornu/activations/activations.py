"""Activation functions (Keras 3 `keras.activations`), written with `cornu.ops`."""
from cornu import ops

_SELU_ALPHA = 1.6732632423543772848170429916717
_SELU_SCALE = 1.0507009873554804934193349852946


def relu(x, negative_slope=0.0, max_value=None, threshold=0.0):
    """Rectified linear unit with optional leak, cap and threshold.

    Args:
        x: input tensor.
        negative_slope: slope applied below `threshold`.
        max_value: upper bound of the output (None: unbounded).
        threshold: values below it are damped (or zeroed).

    Returns:
        `max_value` where `x >= max_value`, `x` where `threshold <= x < max_value`,
        `negative_slope * (x - threshold)` elsewhere.

    Example:
        >>> relu([-1.0, 0.5, 8.0], max_value=6.0)  # [0.0, 0.5, 6.0]
    """
    if negative_slope == 0.0 and max_value is None and threshold == 0.0:
        return ops.relu(x)
    x = ops.convert_to_tensor(x) if not _is_tensor_like(x) else x
    if threshold != 0.0:
        kept = ops.where(ops.greater_equal(x, threshold), x, ops.zeros_like(x))
    else:
        kept = ops.relu(x)
    if max_value is not None:
        kept = ops.minimum(kept, ops.cast(max_value, kept.dtype))
    if negative_slope != 0.0:
        below = ops.less(x, threshold)
        leaked = ops.multiply(ops.subtract(x, threshold), ops.cast(negative_slope, x.dtype))
        kept = ops.where(below, leaked, kept)
    return kept


def _is_tensor_like(x):
    return hasattr(x, "shape") and hasattr(x, "dtype")


def relu6(x):
    """`min(max(x, 0), 6)`."""
    return ops.relu6(x)


def leaky_relu(x, negative_slope=0.2):
    """`x` for positive inputs, `negative_slope * x` otherwise."""
    return ops.leaky_relu(x, negative_slope=negative_slope)


def elu(x, alpha=1.0):
    """Exponential linear unit: `x` if `x > 0` else `alpha * (exp(x) - 1)`."""
    return ops.elu(x, alpha=alpha)


def selu(x):
    """Scaled ELU with the fixed constants of Klambauer et al. (2017)."""
    return ops.selu(x)


def gelu(x, approximate=False):
    """Gaussian error linear unit; exact (erf) form unless `approximate=True` (tanh form)."""
    return ops.gelu(x, approximate=approximate)


def silu(x):
    """`x * sigmoid(x)` (also called swish)."""
    return ops.silu(x)


swish = silu


def sigmoid(x):
    """`1 / (1 + exp(-x))`."""
    return ops.sigmoid(x)


def hard_sigmoid(x):
    """Piecewise-linear sigmoid: `relu6(x + 3) / 6`."""
    return ops.hard_sigmoid(x)


def hard_silu(x):
    """`x * relu6(x + 3) / 6` (also called hard swish)."""
    return ops.multiply(x, ops.hard_sigmoid(x))


hard_swish = hard_silu


def softmax(x, axis=-1):
    """Normalized exponentials along `axis` (sums to 1).

    Example:
        >>> softmax([[2.0, 1.0, 0.1]])  # [[0.659, 0.242, 0.099]]
    """
    return ops.softmax(x, axis=axis)


def log_softmax(x, axis=-1):
    """`log(softmax(x))`, computed stably."""
    return ops.log_softmax(x, axis=axis)


def softplus(x):
    """`log(exp(x) + 1)`."""
    return ops.softplus(x)


def softsign(x):
    """`x / (abs(x) + 1)`."""
    return ops.softsign(x)


def tanh(x):
    """Hyperbolic tangent."""
    return ops.tanh(x)


def exponential(x):
    """`exp(x)`."""
    return ops.exp(x)


def linear(x):
    """Identity: returns `x` unchanged."""
    return x


def mish(x):
    """`x * tanh(softplus(x))` (Misra, 2019)."""
    return ops.multiply(x, ops.tanh(ops.softplus(x)))


def celu(x, alpha=1.0):
    """Continuously differentiable ELU: `max(x, 0) + min(0, alpha * (exp(x / alpha) - 1))`."""
    x = ops.convert_to_tensor(x) if not _is_tensor_like(x) else x
    negative = ops.multiply(alpha, ops.subtract(ops.exp(ops.divide(x, alpha)), 1.0))
    return ops.add(ops.relu(x), ops.minimum(negative, ops.zeros_like(negative)))


def glu(x, axis=-1):
    """Gated linear unit: splits `x` in halves `a, b` along `axis`, returns `a * sigmoid(b)`."""
    x = ops.convert_to_tensor(x) if not _is_tensor_like(x) else x
    size = x.shape[axis]
    if size is not None and size % 2:
        raise ValueError(
            f"glu: the size of axis {axis} must be even, received shape {tuple(x.shape)}.")
    first, second = ops.split(x, 2, axis=axis)
    return ops.multiply(first, ops.sigmoid(second))


def tanh_shrink(x):
    """`x - tanh(x)`."""
    return ops.subtract(x, ops.tanh(x))


def hard_tanh(x):
    """`clip(x, -1, 1)`."""
    return ops.clip(x, -1.0, 1.0)


def hard_shrink(x, threshold=0.5):
    """`x` where `abs(x) > threshold`, else 0."""
    x = ops.convert_to_tensor(x) if not _is_tensor_like(x) else x
    return ops.where(ops.greater(ops.abs(x), threshold), x, ops.zeros_like(x))


def soft_shrink(x, threshold=0.5):
    """Moves `x` towards 0 by `threshold`, zeroing `abs(x) <= threshold`."""
    x = ops.convert_to_tensor(x) if not _is_tensor_like(x) else x
    shrunk = ops.subtract(x, ops.multiply(ops.sign(x), threshold))
    return ops.where(ops.greater(ops.abs(x), threshold), shrunk, ops.zeros_like(x))


def squareplus(x, b=4):
    """`(x + sqrt(x**2 + b)) / 2`, a smooth ReLU."""
    x = ops.convert_to_tensor(x) if not _is_tensor_like(x) else x
    return ops.divide(ops.add(x, ops.sqrt(ops.add(ops.square(x), b))), 2.0)


def sparse_plus(x):
    """0 for `x <= -1`, `(x + 1)**2 / 4` for `-1 < x < 1`, `x` for `x >= 1`."""
    x = ops.convert_to_tensor(x) if not _is_tensor_like(x) else x
    middle = ops.divide(ops.square(ops.add(x, 1.0)), 4.0)
    upper = ops.where(ops.greater_equal(x, 1.0), x, middle)
    return ops.where(ops.less_equal(x, -1.0), ops.zeros_like(x), upper)


def sparse_sigmoid(x):
    """0 for `x <= -1`, 1 for `x >= 1`, `(x + 1) / 2` in between."""
    return ops.clip(ops.divide(ops.add(x, 1.0), 2.0), 0.0, 1.0)


def log_sigmoid(x):
    """`log(sigmoid(x))`, computed stably as `-softplus(-x)`."""
    return ops.negative(ops.softplus(ops.negative(x)))


def threshold(x, threshold, default_value):
    """`x` where `x > threshold`, else `default_value`."""
    x = ops.convert_to_tensor(x) if not _is_tensor_like(x) else x
    fill = ops.full_like(x, default_value)
    return ops.where(ops.greater(x, threshold), x, fill)


def sparsemax(x, axis=-1):
    """Euclidean projection of `x` onto the probability simplex along `axis` (sparse softmax)."""
    x = ops.convert_to_tensor(x) if not _is_tensor_like(x) else x
    ranked = ops.flip(ops.sort(x, axis=axis), axis=axis)
    cumulative = ops.cumsum(ranked, axis=axis)
    size = x.shape[axis]
    index_shape = [1] * len(x.shape)
    index_shape[axis] = size
    ks = ops.reshape(ops.arange(1, size + 1, dtype=x.dtype), index_shape)
    in_support = ops.greater(ops.add(1.0, ops.multiply(ks, ranked)), cumulative)
    support_size = ops.sum(ops.cast(in_support, x.dtype), axis=axis, keepdims=True)
    support_sum = ops.sum(ops.where(in_support, ranked, ops.zeros_like(ranked)), axis=axis,
                          keepdims=True)
    tau = ops.divide(ops.subtract(support_sum, 1.0), support_size)
    return ops.maximum(ops.subtract(x, tau), ops.zeros_like(x))


ALL_ACTIVATIONS = {
    fn.__name__: fn
    for fn in (relu, relu6, leaky_relu, elu, selu, gelu, silu, sigmoid, hard_sigmoid, hard_silu,
               softmax, log_softmax, softplus, softsign, tanh, exponential, linear, mish, celu,
               glu, tanh_shrink, hard_tanh, hard_shrink, soft_shrink, squareplus, sparse_plus,
               sparse_sigmoid, log_sigmoid, threshold, sparsemax)
}
ALIASES = {"swish": silu, "hard_swish": hard_silu}
