"""Keras-2 backend functions (`from cornu import backend as K`), written with `cornu.ops`.

Argument names and defaults follow Keras 2 (`axis=None` reduces everything,
`keepdims=False`); `cornu.backend.<name>` resolves here lazily.
"""
import builtins

import numpy as np

from cornu import config, ops
from cornu.backend.common import state
from cornu.backend.common.dtypes import standardize_dtype
from cornu.backend.common.keras_tensor import KerasTensor
from cornu.backend.common.naming import name_scope  # noqa: F401  (part of the K surface)

_learning_phase = [0]


def _tensor(x):
    if isinstance(x, KerasTensor) or ops.is_tensor(x):
        return x
    from cornu import backend

    if isinstance(x, backend.Variable):
        return x.value
    return ops.convert_to_tensor(x)


# ---------------------------------------------------------------- reductions
def mean(x, axis=None, keepdims=False):
    """Mean over `axis` (all axes when None); booleans are averaged as floats."""
    x = _tensor(x)
    if ops.dtype(x) == "bool":
        x = ops.cast(x, config.floatx())
    return ops.mean(x, axis=axis, keepdims=keepdims)


def sum(x, axis=None, keepdims=False):  # noqa: A001  (Keras-2 name)
    """Sum over `axis` (all axes when None)."""
    return ops.sum(_tensor(x), axis=axis, keepdims=keepdims)


def max(x, axis=None, keepdims=False):  # noqa: A001
    """Maximum over `axis`."""
    return ops.max(_tensor(x), axis=axis, keepdims=keepdims)


def min(x, axis=None, keepdims=False):  # noqa: A001
    """Minimum over `axis`."""
    return ops.min(_tensor(x), axis=axis, keepdims=keepdims)


def prod(x, axis=None, keepdims=False):
    """Product over `axis`."""
    return ops.prod(_tensor(x), axis=axis, keepdims=keepdims)


def std(x, axis=None, keepdims=False):
    """Standard deviation over `axis`."""
    return ops.std(_tensor(x), axis=axis, keepdims=keepdims)


def var(x, axis=None, keepdims=False):
    """Variance over `axis`."""
    return ops.var(_tensor(x), axis=axis, keepdims=keepdims)


def any(x, axis=None, keepdims=False):  # noqa: A001
    """Logical OR over `axis`."""
    return ops.any(_tensor(x), axis=axis, keepdims=keepdims)


def all(x, axis=None, keepdims=False):  # noqa: A001
    """Logical AND over `axis`."""
    return ops.all(_tensor(x), axis=axis, keepdims=keepdims)


def argmax(x, axis=-1):
    return ops.argmax(_tensor(x), axis=axis)


def argmin(x, axis=-1):
    return ops.argmin(_tensor(x), axis=axis)


def logsumexp(x, axis=None, keepdims=False):
    return ops.logsumexp(_tensor(x), axis=axis, keepdims=keepdims)


def cumsum(x, axis=0):
    return ops.cumsum(_tensor(x), axis=axis)


# ---------------------------------------------------------------- element-wise
def square(x):
    return ops.square(_tensor(x))


def sqrt(x):
    """Square root; negative inputs are clipped to 0 first (Keras-2 behaviour)."""
    x = _tensor(x)
    return ops.sqrt(ops.maximum(x, ops.zeros_like(x)))


def exp(x):
    return ops.exp(_tensor(x))


def log(x):
    return ops.log(_tensor(x))


def abs(x):  # noqa: A001
    return ops.absolute(_tensor(x))


def sign(x):
    return ops.sign(_tensor(x))


def pow(x, a):  # noqa: A001
    return ops.power(_tensor(x), a)


def round(x):  # noqa: A001
    return ops.round(_tensor(x))


def sin(x):
    return ops.sin(_tensor(x))


def cos(x):
    return ops.cos(_tensor(x))


def tanh(x):
    return ops.tanh(_tensor(x))


def sigmoid(x):
    return ops.sigmoid(_tensor(x))


def hard_sigmoid(x):
    return ops.hard_sigmoid(_tensor(x))


def softmax(x, axis=-1):
    return ops.softmax(_tensor(x), axis=axis)


def softplus(x):
    return ops.softplus(_tensor(x))


def softsign(x):
    return ops.softsign(_tensor(x))


def relu(x, alpha=0.0, max_value=None, threshold=0.0):
    """Keras-2 relu: `alpha` is the negative slope."""
    from cornu import activations

    return activations.relu(_tensor(x), negative_slope=alpha, max_value=max_value,
                            threshold=threshold)


def elu(x, alpha=1.0):
    return ops.elu(_tensor(x), alpha=alpha)


def maximum(x, y):
    return ops.maximum(_tensor(x), _tensor(y))


def minimum(x, y):
    return ops.minimum(_tensor(x), _tensor(y))


def equal(x, y):
    return ops.equal(_tensor(x), _tensor(y))


def not_equal(x, y):
    return ops.not_equal(_tensor(x), _tensor(y))


def greater(x, y):
    return ops.greater(_tensor(x), _tensor(y))


def greater_equal(x, y):
    return ops.greater_equal(_tensor(x), _tensor(y))


def less(x, y):
    return ops.less(_tensor(x), _tensor(y))


def less_equal(x, y):
    return ops.less_equal(_tensor(x), _tensor(y))


def clip(x, min_value, max_value):
    """Clip to `[min_value, max_value]` (`None` bounds mean unbounded)."""
    x = _tensor(x)
    if min_value is None:
        min_value = -np.inf
    if max_value is None:
        max_value = np.inf
    if max_value < min_value:
        max_value = min_value
    return ops.clip(x, min_value, max_value)


def l2_normalize(x, axis=None):
    """`x / sqrt(max(sum(x**2, axis), 1e-12))`; `axis=None` normalizes the whole tensor."""
    x = _tensor(x)
    squared = ops.sum(ops.square(x), axis=axis, keepdims=True)
    return ops.multiply(x, ops.rsqrt(ops.maximum(squared, 1e-12)))


# ---------------------------------------------------------------- linear algebra / shapes
def dot(x, y):
    """Keras-2 `dot`: matrix product; for N-D inputs contracts the last axis of `x` with the
    second-to-last axis of `y` (like `numpy.dot`)."""
    x, y = _tensor(x), _tensor(y)
    if len(x.shape) > 2 or len(y.shape) > 2:
        y_axis = builtins.max(len(y.shape) - 2, 0)
        return ops.tensordot(x, y, axes=[[len(x.shape) - 1], [y_axis]])
    return ops.matmul(x, y)


def batch_dot(x, y, axes=None):
    """Per-sample dot product (see `cornu.layers.merging.merges.batch_dot`)."""
    from cornu.layers.merging.merges import batch_dot as merge_batch_dot

    return merge_batch_dot(_tensor(x), _tensor(y), axes=axes)


def transpose(x):
    return ops.transpose(_tensor(x))


def permute_dimensions(x, pattern):
    return ops.transpose(_tensor(x), tuple(pattern))


def reshape(x, shape):
    return ops.reshape(_tensor(x), tuple(int(d) if not isinstance(d, int) else d for d in shape)
                       if isinstance(shape, (list, tuple)) else shape)


def concatenate(tensors, axis=-1):
    return ops.concatenate([_tensor(t) for t in tensors], axis=axis)


def stack(x, axis=0):
    return ops.stack([_tensor(t) for t in x], axis=axis)


def expand_dims(x, axis=-1):
    return ops.expand_dims(_tensor(x), axis)


def squeeze(x, axis):
    return ops.squeeze(_tensor(x), axis=axis)


def flatten(x):
    return ops.reshape(_tensor(x), (-1,))


def batch_flatten(x):
    x = _tensor(x)
    return ops.reshape(x, (ops.shape(x)[0], -1))


def tile(x, n):
    return ops.tile(_tensor(x), n)


def repeat_elements(x, rep, axis):
    return ops.repeat(_tensor(x), rep, axis=axis)


def gather(reference, indices):
    """Rows of `reference` at `indices` (along axis 0)."""
    return ops.take(_tensor(reference), _tensor(indices), axis=0)


def one_hot(indices, num_classes):
    return ops.one_hot(_tensor(indices), num_classes)


def int_shape(x):
    """Static shape as a tuple of ints (`None` for unknown dims)."""
    if hasattr(x, "shape"):
        return tuple(None if d is None else int(d) for d in x.shape)
    return tuple(np.shape(x))


def shape(x):
    """The shape of `x` as a 1D int32 array.

    Shapes are static in both engines (also while tracing), so a NumPy array is
    returned: its entries work as sizes in `reshape`, `random_normal(shape=...)`, etc.
    """
    if isinstance(x, KerasTensor):
        return tuple(x.shape)
    return np.array(int_shape(x), dtype="int32")


def ndim(x):
    return len(int_shape(x))


def dtype(x):
    return standardize_dtype(x.dtype)


def count_params(x):
    return int(np.prod(int_shape(x)))


# ---------------------------------------------------------------- creation
def _shape_tuple(shape_value):
    if isinstance(shape_value, (list, tuple)):
        return tuple(int(d) for d in shape_value)
    if hasattr(shape_value, "shape"):
        return tuple(int(d) for d in np.asarray(ops.convert_to_numpy(shape_value)).reshape(-1))
    return (int(shape_value),)


def ones(shape, dtype=None, name=None):
    return ops.ones(_shape_tuple(shape), dtype=standardize_dtype(dtype))


def zeros(shape, dtype=None, name=None):
    return ops.zeros(_shape_tuple(shape), dtype=standardize_dtype(dtype))


def ones_like(x, dtype=None, name=None):
    return ops.ones_like(_tensor(x), dtype=dtype)


def zeros_like(x, dtype=None, name=None):
    return ops.zeros_like(_tensor(x), dtype=dtype)


def eye(size, dtype=None, name=None):
    return ops.eye(int(size), dtype=standardize_dtype(dtype))


def constant(value, dtype=None, shape=None, name=None):
    """A tensor holding `value` (broadcast to `shape` if given)."""
    array = np.asarray(value, dtype=standardize_dtype(dtype))
    if shape is not None:
        array = np.broadcast_to(array, _shape_tuple(shape)).copy()
    return ops.convert_to_tensor(array)


def cast(x, dtype):
    return ops.cast(_tensor(x), standardize_dtype(dtype))


def cast_to_floatx(x):
    return np.asarray(x, dtype=config.floatx())


# ---------------------------------------------------------------- random
def _seed(seed):
    return seed  # None draws from the global generator (reproducible via set_random_seed)


def random_normal(shape, mean=0.0, stddev=1.0, dtype=None, seed=None):
    from cornu import random

    return random.normal(_shape_tuple(shape), mean=mean, stddev=stddev,
                         dtype=standardize_dtype(dtype), seed=_seed(seed))


def random_uniform(shape, minval=0.0, maxval=1.0, dtype=None, seed=None):
    from cornu import random

    return random.uniform(_shape_tuple(shape), minval=minval, maxval=maxval,
                          dtype=standardize_dtype(dtype), seed=_seed(seed))


def truncated_normal(shape, mean=0.0, stddev=1.0, dtype=None, seed=None):
    from cornu import random

    return random.truncated_normal(_shape_tuple(shape), mean=mean, stddev=stddev,
                                   dtype=standardize_dtype(dtype), seed=_seed(seed))


def random_bernoulli(shape, p=0.0, dtype=None, seed=None):
    draws = random_uniform(shape, dtype=dtype, seed=seed)
    return ops.cast(ops.less(draws, p), standardize_dtype(dtype))


def dropout(x, level, noise_shape=None, seed=None):
    from cornu import random

    return random.dropout(_tensor(x), level, noise_shape=noise_shape, seed=_seed(seed))


# ---------------------------------------------------------------- variables
def variable(value, dtype=None, name=None, constraint=None):
    """A `cornu.Variable` holding `value`."""
    from cornu import backend

    if not hasattr(value, "dtype") and dtype is None:
        dtype = config.floatx()
    array = value if hasattr(value, "dtype") else np.asarray(value, dtype=standardize_dtype(dtype))
    new = backend.Variable(array, dtype=standardize_dtype(dtype) if dtype else None,
                           name=name or "variable")
    new.constraint = constraint
    return new


def is_variable(x):
    from cornu import backend

    return isinstance(x, backend.Variable)


def get_value(x):
    """NumPy value of a variable or tensor."""
    if isinstance(x, KerasTensor):
        raise TypeError("get_value: a symbolic KerasTensor has no value.")
    return ops.convert_to_numpy(x)


def batch_get_value(tensors):
    return [get_value(x) for x in tensors]


def set_value(x, value):
    """Assign `value` (array-like, cast to the variable's dtype) to variable `x`."""
    from cornu import backend

    if not isinstance(x, backend.Variable):
        raise TypeError(
            f"set_value expects a cornu.Variable (e.g. from K.variable), received "
            f"{type(x).__name__}.")
    x.assign(np.asarray(value, dtype=x.dtype if x.dtype != "bfloat16" else "float32"))


def batch_set_value(tuples):
    for x, value in tuples:
        set_value(x, value)


def update(x, new_x):
    return x.assign(new_x)


def update_add(x, increment):
    return x.assign_add(increment)


def update_sub(x, decrement):
    return x.assign_sub(decrement)


def eval(x):  # noqa: A001
    return get_value(x)


# ---------------------------------------------------------------- training phase
def learning_phase():
    """The training flag of the enclosing layer call (1/0), else the global phase (0)."""
    context = state.current_call_context()
    if context is not None and context.training is not None:
        return 1 if context.training else 0
    return _learning_phase[0]


def set_learning_phase(value):
    if value not in (0, 1):
        raise ValueError(f"set_learning_phase expects 0 or 1, received {value!r}.")
    _learning_phase[0] = value


def _pick(value):
    return value() if callable(value) else value


def in_train_phase(x, alt, training=None):
    """`x` in the training phase, `alt` otherwise.

    Args:
        x: value (or zero-argument callable) for training.
        alt: value (or callable) for inference.
        training: explicit flag; by default the `training` flag of the enclosing layer
            call (True inside `fit()`, False in `predict()`/`evaluate()`).

    Returns:
        The selected value.

    Example:
        >>> K.in_train_phase(x + noise, x)
    """
    if training is None:
        training = learning_phase()
    if isinstance(training, (bool, int, np.bool_, np.integer)):
        return _pick(x) if training else _pick(alt)
    return switch(training, _pick(x), _pick(alt))


def in_test_phase(x, alt, training=None):
    """`x` in inference, `alt` in training (the mirror of `in_train_phase`)."""
    return in_train_phase(alt, x, training=training)


def switch(condition, then_expression, else_expression):
    """Select between two expressions with a (scalar or element-wise) condition."""
    if isinstance(condition, (bool, np.bool_)):
        return _pick(then_expression) if condition else _pick(else_expression)
    then_value, else_value = _tensor(_pick(then_expression)), _tensor(_pick(else_expression))
    condition = _tensor(condition)
    if ops.dtype(condition) != "bool":
        condition = ops.cast(condition, "bool")
    while len(condition.shape) < len(then_value.shape):
        condition = ops.expand_dims(condition, -1)
    return ops.where(condition, then_value, else_value)


def stop_gradient(variables):
    if isinstance(variables, (list, tuple)):
        return [ops.stop_gradient(_tensor(v)) for v in variables]
    return ops.stop_gradient(_tensor(variables))


# ---------------------------------------------------------------- losses
def categorical_crossentropy(target, output, from_logits=False, axis=-1):
    """Cross-entropy between one-hot `target` and probabilities (or logits) `output`."""
    target, output = _tensor(target), _tensor(output)
    if from_logits:
        log_probs = ops.log_softmax(output, axis=axis)
    else:
        output = ops.divide(output, ops.sum(output, axis=axis, keepdims=True))
        eps = config.epsilon()
        log_probs = ops.log(ops.clip(output, eps, 1.0 - eps))
    return ops.negative(ops.sum(ops.multiply(ops.cast(target, ops.dtype(log_probs)), log_probs),
                                axis=axis))


def sparse_categorical_crossentropy(target, output, from_logits=False, axis=-1):
    """Cross-entropy with integer `target` of shape `(n,)` or `(n, 1)`."""
    target, output = _tensor(target), _tensor(output)
    if len(target.shape) == len(output.shape) and target.shape[-1] == 1:
        target = ops.squeeze(target, axis=-1)
    classes = output.shape[axis]
    one_hot_target = ops.one_hot(ops.cast(target, "int32"), classes, axis=axis,
                                 dtype=ops.dtype(output))
    return categorical_crossentropy(one_hot_target, output, from_logits=from_logits, axis=axis)


def binary_crossentropy(target, output, from_logits=False):
    """Element-wise binary cross-entropy (no reduction)."""
    target, output = _tensor(target), _tensor(output)
    target = ops.cast(target, ops.dtype(output))
    if from_logits:
        # max(x, 0) - x * z + log(1 + exp(-|x|)), stable for large |x|.
        return ops.add(ops.subtract(ops.relu(output), ops.multiply(output, target)),
                       ops.log1p(ops.exp(ops.negative(ops.absolute(output)))))
    eps = config.epsilon()
    output = ops.clip(output, eps, 1.0 - eps)
    return ops.negative(ops.add(ops.multiply(target, ops.log(output)),
                                ops.multiply(ops.subtract(1.0, target),
                                             ops.log(ops.subtract(1.0, output)))))


# ---------------------------------------------------------------- config passthroughs
floatx = config.floatx
set_floatx = config.set_floatx
epsilon = config.epsilon
set_epsilon = config.set_epsilon
image_data_format = config.image_data_format
set_image_data_format = config.set_image_data_format


def is_keras_tensor(x):
    return isinstance(x, KerasTensor)


def is_tensor(x):
    return ops.is_tensor(x) or isinstance(x, KerasTensor)
