"""DataLoader input: the torch path on the torch engine, a generic iterable on jax."""
import numpy as np

from cornu import backend
from cornu.trainers.data_adapters import (
    GeneratorDataAdapter, TorchDataLoaderAdapter, get_data_adapter)


def test_torch_dataloader_passes_tensors_through_on_torch_or_generic_iterable_on_jax():
    if backend.backend() == "torch":
        import torch
        from torch.utils.data import DataLoader, TensorDataset

        x = torch.arange(20, dtype=torch.float32).reshape(10, 2)
        y = torch.arange(10)
        loader = DataLoader(TensorDataset(x, y), batch_size=4)
        adapter = get_data_adapter(loader)
        assert isinstance(adapter, TorchDataLoaderAdapter)
        assert (adapter.num_batches, adapter.batch_size) == (3, 4)
        assert adapter.has_partial_batch and adapter.partial_batch_size == 2
        batches = list(adapter.get_numpy_iterator())
        assert all(torch.is_tensor(leaf) for batch in batches for leaf in batch)
        assert torch.equal(torch.cat([b[1] for b in batches]), y)
        dropping = get_data_adapter(DataLoader(TensorDataset(x, y), batch_size=4, drop_last=True))
        assert not dropping.has_partial_batch and dropping.num_batches == 2
        weighted = list(get_data_adapter(loader, class_weight={0: 5.0}).get_numpy_iterator())
        np.testing.assert_allclose(np.asarray(weighted[0][2]), [5.0, 1.0, 1.0, 1.0])
    else:
        class Loader:
            def __len__(self):
                return 2

            def __iter__(self):
                for start in (0, 4):
                    yield [np.arange(start, start + 4, dtype="float32")[:, None],
                           np.arange(start, start + 4)]

        adapter = get_data_adapter(Loader())
        assert isinstance(adapter, GeneratorDataAdapter) and adapter.num_batches == 2
        batches = list(adapter.get_numpy_iterator())
        assert all(isinstance(leaf, np.ndarray) for batch in batches for leaf in batch)
        assert np.concatenate([b[1] for b in batches]).tolist() == list(range(8))
