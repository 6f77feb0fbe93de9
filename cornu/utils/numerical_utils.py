"""Array helpers: one-hot encoding and Lp normalisation."""
import numpy as np

from cornu import backend


def to_categorical(x, num_classes=None):
    """One-hot encode integer class labels.

    Args:
        x: array-like of non-negative integer labels; a trailing axis of size 1 is
            dropped, as in Keras.
        num_classes: total number of classes; defaults to `max(x) + 1`.

    Returns:
        float array of shape `x.shape + (num_classes,)` (float64 for NumPy input,
        a `floatx` tensor for tensor input).

    Example:
        >>> to_categorical([0, 2], num_classes=3)
        array([[1., 0., 0.],
               [0., 0., 1.]])
    """
    was_tensor = backend.is_tensor(x)
    labels = backend.convert_to_numpy(x) if was_tensor else np.asarray(x)
    if labels.dtype.kind not in "iub" and not (
            labels.dtype.kind == "f" and np.all(np.equal(np.mod(labels, 1), 0))):
        raise ValueError(
            f"to_categorical expects integer class labels; received dtype {labels.dtype}.")
    labels = labels.astype("int64")
    shape = labels.shape
    if len(shape) > 1 and shape[-1] == 1:
        shape = shape[:-1]
    flat = labels.reshape(-1)
    if num_classes is None:
        num_classes = int(flat.max()) + 1 if flat.size else 0
    num_classes = int(num_classes)
    if flat.size and (flat.min() < 0 or flat.max() >= num_classes):
        bad = flat[(flat < 0) | (flat >= num_classes)][0]
        raise ValueError(
            f"to_categorical: label {int(bad)} is outside the range [0, {num_classes}) "
            f"given by num_classes={num_classes}.")
    encoded = np.zeros((flat.size, num_classes))
    encoded[np.arange(flat.size), flat] = 1.0
    encoded = encoded.reshape(tuple(shape) + (num_classes,))
    if was_tensor:
        return backend.convert_to_tensor(encoded, dtype=backend.floatx())
    return encoded


def normalize(x, axis=-1, order=2):
    """Scale `x` to unit Lp norm along `axis` (zero vectors stay zero).

    Args:
        x: array or tensor.
        axis: axis along which to normalise.
        order: norm order (2 for Euclidean).

    Returns:
        Normalised values, as NumPy for NumPy input and as a tensor for tensor input.

    Example:
        >>> normalize(np.array([[3.0, 4.0]]))
        array([[0.6, 0.8]])
    """
    was_tensor = backend.is_tensor(x)
    values = backend.convert_to_numpy(x) if was_tensor else np.asarray(x)
    if values.ndim == 0:
        raise ValueError("normalize expects an array with at least one dimension; got a scalar.")
    axis = -1 if axis is None else axis
    norm = np.linalg.norm(values, ord=order, axis=axis, keepdims=True)
    norm = np.where(norm == 0, 1, norm)
    result = values / norm
    if was_tensor:
        return backend.convert_to_tensor(result.astype(values.dtype))
    return result
