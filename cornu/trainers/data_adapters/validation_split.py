"""`train_validation_split`: hold out the last fraction of in-memory arrays."""
import math

from cornu.trainers.data_adapters import data_adapter_utils as utils


def _slice_leaf(leaf, start, stop):
    if leaf is None:
        return None
    if utils.is_pandas(leaf):
        return leaf.iloc[start:stop]
    return leaf[start:stop]


def train_validation_split(arrays, validation_split):
    """Split arrays into training and validation parts along the first axis.

    Like Keras, the validation part is the LAST `validation_split` fraction of the
    samples, taken before any shuffling.

    Args:
        arrays: an array or a nest (tuple/list/dict) of arrays, typically
            `(x, y, sample_weight)`; None entries stay None.
        validation_split: float strictly between 0 and 1.

    Returns:
        `(train_arrays, validation_arrays)`, each with the structure of `arrays`.

    Example:
        >>> (x_tr, y_tr), (x_val, y_val) = train_validation_split((x, y), 0.2)
    """
    if not isinstance(validation_split, (int, float)) or not 0 < validation_split < 1:
        raise ValueError(
            f"`validation_split` must be a float between 0 and 1 (exclusive); received "
            f"{validation_split!r}.")
    leaves = utils.flatten(arrays)
    unsupported = sorted({utils.type_name(leaf) for leaf in leaves
                          if leaf is not None and not utils.is_array_leaf(leaf)})
    if unsupported:
        raise ValueError(
            "`validation_split` is only supported for tensors, NumPy arrays and pandas "
            f"objects; found these types in the input: {unsupported}. For generators, "
            "PyDatasets and data loaders pass `validation_data` instead.")
    sizes = {utils.num_samples(leaf) for leaf in leaves if leaf is not None}
    if not sizes:
        raise ValueError("`validation_split` received no arrays to split (all None).")
    if len(sizes) > 1:
        raise ValueError(
            "All arrays passed with `validation_split` must hold the same number of "
            f"samples; received sizes {sorted(sizes)}.")
    total = sizes.pop()
    split_at = int(math.floor(total * (1.0 - validation_split)))
    if split_at == 0 or split_at == total:
        raise ValueError(
            f"Training data contains {total} samples, which is not enough to split it into "
            f"a training and a validation set with `validation_split={validation_split}`. "
            "Provide more data or a different `validation_split`.")
    train = utils.map_structure(lambda leaf: _slice_leaf(leaf, 0, split_at), arrays)
    validation = utils.map_structure(lambda leaf: _slice_leaf(leaf, split_at, total), arrays)
    return train, validation
