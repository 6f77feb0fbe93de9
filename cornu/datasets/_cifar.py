"""Reading the CIFAR python-pickle batch files (shared by cifar10 and cifar100)."""
import os
import pickle

import numpy as np

from cornu import config


def load_batch(path, label_key="labels"):
    """Read one CIFAR batch file: returns `(images (n, 3, 32, 32) uint8, labels list)`.

    The files are the python pickles published by the dataset authors; they are only
    read after `get_file` verified the archive's sha256 (or from the user's cache).
    """
    with open(path, "rb") as handle:
        batch = pickle.load(handle, encoding="bytes")
    batch = {key.decode("utf8") if isinstance(key, bytes) else key: value
             for key, value in batch.items()}
    data = np.asarray(batch["data"], dtype="uint8").reshape(-1, 3, 32, 32)
    return data, batch[label_key]


def to_data_format(x):
    """Transpose `(n, 3, 32, 32)` images to channels_last when that is the global layout."""
    return x.transpose(0, 2, 3, 1) if config.image_data_format() == "channels_last" else x


def batch_path(folder, name):
    return os.path.join(folder, name)
