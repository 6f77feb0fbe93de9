"""Data adapters: one interface over arrays, pandas, generators, PyDataset and DataLoaders.

`get_data_adapter` picks the adapter for the data passed to fit / evaluate / predict.
"""
from cornu.trainers.data_adapters import array_data_adapter
from cornu.trainers.data_adapters import data_adapter_utils
from cornu.trainers.data_adapters import generator_data_adapter
from cornu.trainers.data_adapters import py_dataset_adapter
from cornu.trainers.data_adapters import torch_data_loader_adapter
from cornu.trainers.data_adapters.array_data_adapter import ArrayDataAdapter
from cornu.trainers.data_adapters.data_adapter import DataAdapter
from cornu.trainers.data_adapters.data_adapter_utils import (
    class_weight_to_sample_weights,
    pack_x_y_sample_weight,
    unpack_x_y_sample_weight,
)
from cornu.trainers.data_adapters.generator_data_adapter import GeneratorDataAdapter
from cornu.trainers.data_adapters.py_dataset import PyDataset, Sequence
from cornu.trainers.data_adapters.py_dataset_adapter import PyDatasetAdapter
from cornu.trainers.data_adapters.torch_data_loader_adapter import TorchDataLoaderAdapter
from cornu.trainers.data_adapters.validation_split import train_validation_split

__all__ = [
    "ArrayDataAdapter", "DataAdapter", "GeneratorDataAdapter", "PyDataset", "PyDatasetAdapter",
    "Sequence", "TorchDataLoaderAdapter", "class_weight_to_sample_weights", "get_data_adapter",
    "pack_x_y_sample_weight", "train_validation_split", "unpack_x_y_sample_weight",
]


def _refuse_extra(kind, y, sample_weight):
    for label, value in (("y", y), ("sample_weight", sample_weight)):
        if value is not None:
            raise ValueError(
                f"The `{label}` argument is not supported when `x` is a {kind}: the {kind} "
                f"must yield `(x, y)` or `(x, y, sample_weight)` batches itself.")


def get_data_adapter(x, y=None, sample_weight=None, batch_size=None, steps_per_epoch=None,
                     shuffle=False, class_weight=None, epochs=None):
    """Return the `DataAdapter` that serves `x` (and `y`, `sample_weight`) in batches.

    Args:
        x: NumPy arrays / tensors / pandas objects (or a list, tuple or dict of them),
            a `PyDataset`, a `torch.utils.data.DataLoader`, a generator/iterator, or
            any other iterable of batches.
        y: targets, only with in-memory `x`.
        sample_weight: per-sample weights, only with in-memory `x`.
        batch_size: samples per batch for in-memory data (default 32).
        steps_per_epoch: batches per epoch the caller will draw, or None.
        shuffle: True, False or "batch" (in-memory data); True shuffles the batch
            order of a `PyDataset`.
        class_weight: optional `{class: weight}` turned into per-sample weights.
        epochs: optional number of epochs, used to refuse a one-shot generator
            without `steps_per_epoch` before training starts.

    Returns:
        A `DataAdapter`; its `get_numpy_iterator()` yields `(x,)`, `(x, y)` or
        `(x, y, sample_weight)` batches.

    Example:
        >>> adapter = get_data_adapter(x_train, y_train, batch_size=64, shuffle=True)
        >>> adapter.num_batches
        24
    """
    if x is None:
        raise ValueError("Expected input data `x`, received None.")
    if array_data_adapter.can_adapt(x):
        return ArrayDataAdapter(x, y, sample_weight=sample_weight, batch_size=batch_size,
                                steps=steps_per_epoch, shuffle=shuffle,
                                class_weight=class_weight)
    if py_dataset_adapter.can_adapt(x):
        _refuse_extra("PyDataset", y, sample_weight)
        return PyDatasetAdapter(x, class_weight=class_weight, shuffle=shuffle)
    if torch_data_loader_adapter.can_adapt(x):
        _refuse_extra("torch DataLoader", y, sample_weight)
        return TorchDataLoaderAdapter(x, class_weight=class_weight)
    if isinstance(x, (list, tuple, dict)) or not generator_data_adapter.can_adapt(x):
        raise ValueError(
            f"Unrecognized data type for `x`: {data_adapter_utils.type_name(x)}. Expected "
            "NumPy arrays, tensors, pandas objects (or lists/tuples/dicts of them), a "
            "`cornu.utils.PyDataset`, a `torch.utils.data.DataLoader`, or a generator / "
            f"iterable of batches. Received: {data_adapter_utils.describe(x)}")
    _refuse_extra("Python generator or iterable", y, sample_weight)
    return GeneratorDataAdapter(x, class_weight=class_weight, steps=steps_per_epoch,
                                epochs=epochs)
