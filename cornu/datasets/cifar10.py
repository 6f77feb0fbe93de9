"""CIFAR-10 small colour images (32x32, 10 classes, 50k train / 10k test)."""
import os

import numpy as np

from cornu.datasets import _cifar
from cornu.datasets._loading import fetch

_ORIGIN = "https://www.cs.toronto.edu/~kriz/cifar-10-python.tar.gz"
_SHA256 = "6d958be074577803d12ecdefd02955f39262c83c16fe9348329d7fe0b5c001ce"


def load_data():
    """Load CIFAR-10, downloading and extracting it into `~/.cornu/datasets` on first use.

    Returns:
        `(x_train, y_train), (x_test, y_test)`: uint8 images `(n, 32, 32, 3)` (channels
        first if that is the global image data format) and uint8 labels `(n, 1)`.

    Example:
        >>> (x_train, y_train), (x_test, y_test) = cornu.datasets.cifar10.load_data()
    """
    root = fetch("cifar-10-python.tar.gz", _ORIGIN, file_hash=_SHA256, extract=True)
    folder = os.path.join(root, "cifar-10-batches-py")
    parts = [_cifar.load_batch(os.path.join(folder, f"data_batch_{i}")) for i in range(1, 6)]
    x_train = np.concatenate([images for images, _ in parts])
    y_train = np.concatenate([np.asarray(labels) for _, labels in parts])
    x_test, y_test = _cifar.load_batch(os.path.join(folder, "test_batch"))
    y_train = y_train.reshape(-1, 1).astype("uint8")
    y_test = np.asarray(y_test).reshape(-1, 1).astype("uint8")
    return (_cifar.to_data_format(x_train), y_train), (_cifar.to_data_format(x_test), y_test)
