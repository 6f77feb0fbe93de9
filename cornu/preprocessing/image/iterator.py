"""`Iterator`: the batch iterator base shared by ImageDataGenerator's flows."""
import math
import os

import numpy as np

from cornu.trainers.data_adapters.py_dataset import PyDataset

_SEED_LIMIT = 2 ** 31 - 1


class Iterator(PyDataset):
    """Indexable, endlessly iterable batches over `n` samples (Keras's legacy Iterator).

    `it[i]` returns batch `i` of the current epoch; `next(it)` walks the batches and
    starts a new epoch (reshuffled when `shuffle`) after the last one; `fit` uses the
    `PyDataset` protocol (`len`, indexing, `on_epoch_end`). Random augmentation of a
    batch is drawn from a generator seeded by `(seed, epoch, batch index)`, so a given
    `seed` reproduces every batch whatever the loading order or thread.

    Args:
        n: number of samples.
        batch_size: samples per batch.
        shuffle: reshuffle the sample order every epoch.
        seed: seed for shuffling and augmentation (random when None).

    Example:
        >>> flow = ImageDataGenerator(horizontal_flip=True).flow(x, y, seed=0)
        >>> images, labels = next(flow)
    """

    white_list_formats = ("png", "jpg", "jpeg", "bmp", "ppm", "tif", "tiff")

    def __init__(self, n, batch_size, shuffle, seed):
        super().__init__()
        if not isinstance(batch_size, (int, np.integer)) or batch_size < 1:
            raise ValueError(f"`batch_size` must be a positive integer; received {batch_size!r}.")
        self.n = int(n)
        self.batch_size = int(batch_size)
        self.shuffle = bool(shuffle)
        self.seed = seed
        self._base_seed = (int(np.random.randint(0, _SEED_LIMIT)) if seed is None
                           else int(seed) % _SEED_LIMIT)
        self.epoch = 0
        self.batch_index = 0
        self.total_batches_seen = 0
        self.index_array = None
        self._set_index_array()

    def _set_index_array(self):
        if self.shuffle:
            rng = np.random.RandomState([self._base_seed, self.epoch, 0x5EED])
            self.index_array = rng.permutation(self.n)
        else:
            self.index_array = np.arange(self.n)

    def __len__(self):
        return math.ceil(self.n / self.batch_size)

    def __getitem__(self, idx):
        count = len(self)
        if not -count <= idx < count:
            raise IndexError(f"Asked to retrieve batch {idx}, but the iterator has {count} "
                             "batches.")
        idx %= count
        rows = self.index_array[self.batch_size * idx:self.batch_size * (idx + 1)]
        rng = np.random.RandomState([self._base_seed, self.epoch, idx])
        return self._get_batches_of_transformed_samples(rows, rng)

    def on_epoch_end(self):
        self.epoch += 1
        self._set_index_array()

    def reset(self):
        """Restart `next()` at the first batch of the current epoch."""
        self.batch_index = 0

    def __iter__(self):
        return self

    def __next__(self):
        if self.batch_index >= len(self):
            self.batch_index = 0
            self.on_epoch_end()
        batch = self[self.batch_index]
        self.batch_index += 1
        self.total_batches_seen += 1
        return batch

    def next(self):
        return self.__next__()

    def _get_batches_of_transformed_samples(self, index_array, rng):
        raise NotImplementedError

    def _save_batch(self, batch_x, index_array, rng):
        from cornu.utils.image_utils import save_img
        for position, sample in enumerate(index_array):
            name = (f"{self.save_prefix}_{int(sample)}_{int(rng.randint(1_000_000))}."
                    f"{self.save_format}")
            save_img(os.path.join(self.save_to_dir, name), batch_x[position],
                     data_format=self.data_format, scale=True)
