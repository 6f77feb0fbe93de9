"""Adapter for `torch.utils.data.DataLoader` (recognised without importing torch here)."""
from cornu import config
from cornu.trainers.data_adapters import data_adapter_utils as utils
from cornu.trainers.data_adapters.data_adapter import DataAdapter


def can_adapt(x):
    return utils.is_torch_dataloader(x)


class TorchDataLoaderAdapter(DataAdapter):
    """Iterates a DataLoader once per epoch (the loader does its own shuffling).

    On the torch engine the loader's tensors are passed through untouched (no copy
    to NumPy and back); on other engines the leaves become NumPy arrays.

    Args:
        x: the `torch.utils.data.DataLoader`.
        class_weight: optional `{class: weight}` applied to each batch.

    Example:
        >>> adapter = TorchDataLoaderAdapter(DataLoader(dataset, batch_size=32))
        >>> adapter.num_batches == len(adapter.dataloader)
        True
    """

    def __init__(self, x, class_weight=None):
        self.dataloader = x
        self._class_weight = class_weight
        self._pass_through = config.backend() == "torch"
        self.batch_size = x.batch_size
        dataset_size = _dataset_size(x.dataset)
        self.num_batches = _loader_length(x)
        if self.num_batches == 0 or dataset_size == 0:
            raise ValueError("The DataLoader is empty: its dataset has 0 samples.")
        if dataset_size is not None and self.batch_size:
            remainder = dataset_size % self.batch_size
            self.has_partial_batch = remainder > 0 and not x.drop_last
            self.partial_batch_size = remainder if self.has_partial_batch else None
        else:
            self.has_partial_batch = None

    def get_numpy_iterator(self):
        for batch in self.dataloader:
            if self._class_weight is not None:
                batch = utils.apply_class_weight(batch, self._class_weight)
            if isinstance(batch, list):
                batch = tuple(batch)
            if not self._pass_through:
                batch = utils.batch_to_numpy(batch, cast_floats=False)
            yield batch if isinstance(batch, tuple) else (batch,)


def _dataset_size(dataset):
    try:
        return len(dataset)
    except TypeError:
        return None


def _loader_length(loader):
    try:
        return len(loader)
    except TypeError:
        return None
