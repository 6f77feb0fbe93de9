"""CIFAR-100 small colour images (32x32, 100 fine / 20 coarse classes)."""
import os

import numpy as np

from cornu.datasets import _cifar
from cornu.datasets._loading import fetch

_ORIGIN = "https://www.cs.toronto.edu/~kriz/cifar-100-python.tar.gz"


def load_data(label_mode="fine"):
    """Load CIFAR-100, downloading and extracting it into `~/.cornu/datasets` on first use.

    Args:
        label_mode: "fine" (100 classes) or "coarse" (20 super-classes).

    Returns:
        `(x_train, y_train), (x_test, y_test)`: uint8 images `(n, 32, 32, 3)` and uint8
        labels `(n, 1)`.

    Example:
        >>> (x_train, y_train), _ = cornu.datasets.cifar100.load_data(label_mode="coarse")
    """
    if label_mode not in ("fine", "coarse"):
        raise ValueError(f'`label_mode` must be one of "fine", "coarse"; received '
                         f"{label_mode!r}.")
    root = fetch("cifar-100-python.tar.gz", _ORIGIN, extract=True)
    folder = os.path.join(root, "cifar-100-python")
    key = f"{label_mode}_labels"
    x_train, y_train = _cifar.load_batch(os.path.join(folder, "train"), label_key=key)
    x_test, y_test = _cifar.load_batch(os.path.join(folder, "test"), label_key=key)
    y_train = np.asarray(y_train).reshape(-1, 1).astype("uint8")
    y_test = np.asarray(y_test).reshape(-1, 1).astype("uint8")
    return (_cifar.to_data_format(x_train), y_train), (_cifar.to_data_format(x_test), y_test)
