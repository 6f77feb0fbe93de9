"""Helpers shared by the data adapters: batch packing, structure walks, leaf conversion."""
import numpy as np
import optree

from cornu import config

_BATCH_FORMAT_HINT = "`x`, `(x,)`, `(x, y)` or `(x, y, sample_weight)`"
_CASTABLE_FLOATX = ("float16", "float32", "float64")


def unpack_x_y_sample_weight(data):
    """Split one batch into `(x, y, sample_weight)`, filling the missing parts with None.

    Args:
        data: a batch: `x`, `(x,)`, `(x, y)` or `(x, y, sample_weight)`. A list is
            read like a tuple; any other value is taken as `x` alone.

    Returns:
        The tuple `(x, y, sample_weight)`.

    Example:
        >>> unpack_x_y_sample_weight((features, labels))
        (features, labels, None)
    """
    if isinstance(data, list):
        data = tuple(data)
    if not isinstance(data, tuple):
        return data, None, None
    if len(data) == 1:
        return data[0], None, None
    if len(data) == 2:
        return data[0], data[1], None
    if len(data) == 3:
        return data[0], data[1], data[2]
    raise ValueError(
        f"Data is expected to be in format {_BATCH_FORMAT_HINT}, found a tuple of "
        f"{len(data)} elements: {describe(data)}")


def pack_x_y_sample_weight(x, y=None, sample_weight=None):
    """Bundle `x`, `y` and `sample_weight` into the tuple form `unpack_x_y_sample_weight` reads.

    Args:
        x: model inputs.
        y: targets, or None.
        sample_weight: per-sample weights, or None.

    Returns:
        `x` itself when it is the only part and is not a tuple/list (unambiguous),
        `(x,)` when it is a tuple/list, else `(x, y)` or `(x, y, sample_weight)`.

    Example:
        >>> pack_x_y_sample_weight(features, labels)
        (features, labels)
    """
    if y is None:
        if isinstance(x, (list, tuple)):
            return (x,)
        return x
    if sample_weight is None:
        return (x, y)
    return (x, y, sample_weight)


def describe(value, limit=200):
    text = repr(value)
    return text if len(text) <= limit else text[:limit] + "..."


def type_name(value):
    kind = type(value)
    return f"{kind.__module__}.{kind.__qualname__}"


def is_pandas(value):
    module = type(value).__module__
    return (module == "pandas" or module.startswith("pandas.")) and type(value).__name__ in (
        "DataFrame", "Series")


def is_torch_dataloader(value):
    """True for a `torch.utils.data.DataLoader` (checked without importing torch)."""
    kind = type(value)
    for cls in kind.__mro__:
        if cls.__module__.startswith("torch.utils.data") and cls.__name__ == "DataLoader":
            return True
    return False


def is_array_leaf(value):
    """True for a NumPy array, a pandas frame/series or an engine tensor."""
    if isinstance(value, np.ndarray) or is_pandas(value):
        return True
    from cornu import backend
    return bool(backend.is_tensor(value)) or (
        hasattr(value, "__array__") and hasattr(value, "shape") and hasattr(value, "dtype"))


def flatten(structure):
    """Leaves of a nested list/tuple/dict in optree order (None counts as a leaf)."""
    return optree.tree_leaves(structure, none_is_leaf=True)


def map_structure(fn, structure):
    return optree.tree_map(fn, structure, none_is_leaf=True)


def is_structure_of_scalars(value):
    """True for a (possibly nested) Python list/tuple that holds only numbers."""
    if not isinstance(value, (list, tuple)) or not value:
        return False
    leaves = flatten(value)
    return all(isinstance(leaf, (bool, int, float, np.number)) for leaf in leaves)


def to_numpy_leaf(value, cast_floats=True):
    """Convert one leaf (array, tensor, frame, scalar list) to a NumPy array.

    Floats that are not `floatx` are cast to it once, as Keras 3 does, so batches
    reach the model in its compute precision without a per-step conversion.
    """
    if value is None:
        return None
    if is_pandas(value):
        array = value.to_numpy()
    elif isinstance(value, np.ndarray):
        array = value
    else:
        from cornu import backend
        if backend.is_tensor(value):
            array = backend.convert_to_numpy(value)
        else:
            array = np.asarray(value)
    if array.dtype == object:
        raise TypeError(
            f"Cannot use an array of dtype object (from a {type_name(value)}) as model data. "
            "Convert it to a numeric or string dtype first.")
    if cast_floats and array.dtype.kind == "f":
        floatx = config.floatx()
        if floatx in _CASTABLE_FLOATX and array.dtype != np.dtype(floatx):
            array = array.astype(floatx)
    return array


def batch_to_numpy(batch, cast_floats=True):
    """Map `to_numpy_leaf` over a batch structure, keeping its tuple/dict layout."""
    if isinstance(batch, list):
        batch = tuple(batch)
    return map_structure(lambda leaf: to_numpy_leaf(leaf, cast_floats), batch)


def class_weight_to_sample_weights(y, class_weight):
    """Turn a `{class_index: weight}` dict into one weight per sample of `y`.

    Args:
        y: targets: integer labels `(n,)` / `(n, 1)`, or one-hot / probabilities `(n, k)`.
        class_weight: dict mapping class index to weight; missing classes weigh 1.

    Returns:
        float array of shape `(n,)` in `floatx`.

    Example:
        >>> class_weight_to_sample_weights(np.array([0, 1, 1]), {1: 2.0})
        array([1., 2., 2.], dtype=float32)
    """
    if not isinstance(class_weight, dict):
        raise TypeError(
            f"`class_weight` must be a dict mapping class indices to weights, received "
            f"{type_name(class_weight)}.")
    if isinstance(y, (dict, list, tuple)):
        raise ValueError(
            "`class_weight` is only supported for Models with a single output; received "
            f"targets structured as a {type(y).__name__}.")
    labels = to_numpy_leaf(y, cast_floats=False)
    if labels.ndim > 1:
        labels = labels.argmax(axis=-1) if labels.shape[-1] != 1 else labels[..., 0]
    if labels.ndim != 1:
        raise ValueError(
            "`class_weight` needs targets of shape (n,), (n, 1) or (n, classes); received "
            f"shape {tuple(np.shape(y))}.")
    labels = np.round(labels).astype("int64")
    dtype = config.floatx() if config.floatx() in _CASTABLE_FLOATX else "float32"
    keys = [int(key) for key in class_weight]
    size = max([0, *keys, int(labels.max(initial=0))]) + 1
    table = np.ones((size,), dtype=dtype)
    for key, weight in class_weight.items():
        if int(key) >= 0:
            table[int(key)] = float(weight)
    weights = np.where(labels >= 0, table[np.clip(labels, 0, size - 1)], 1.0)
    return weights.astype(dtype)


def apply_class_weight(batch, class_weight):
    """Add per-sample weights derived from `class_weight` to one `(x, y)` batch."""
    x, y, sample_weight = unpack_x_y_sample_weight(batch)
    if y is None:
        raise ValueError(
            "`class_weight` needs targets, but a batch held only inputs. Yield `(x, y)` "
            "batches or drop `class_weight`.")
    if sample_weight is not None:
        raise ValueError("You cannot use `class_weight` and `sample_weight` at the same time.")
    return x, y, class_weight_to_sample_weights(y, class_weight)


def num_samples(leaf):
    return int(leaf.shape[0]) if getattr(leaf, "ndim", 1) > 0 else 0
