"""MNIST handwritten digits (28x28 grayscale, 60k train / 10k test)."""
import numpy as np

from cornu.datasets._loading import KERAS_DATASETS_URL, fetch


def load_data(path="mnist.npz"):
    """Load MNIST, downloading it into `~/.cornu/datasets` on first use.

    Args:
        path: cache file name.

    Returns:
        `(x_train, y_train), (x_test, y_test)`: uint8 images `(n, 28, 28)` and uint8 labels.

    Example:
        >>> (x_train, y_train), (x_test, y_test) = cornu.datasets.mnist.load_data()
    """
    path = fetch(path, KERAS_DATASETS_URL + "mnist.npz",
                 file_hash="731c5ac602752760c8e48fbffcf8c3b850d9dc2a2aedcf2cc48468fc17b673d1")
    with np.load(path, allow_pickle=False) as data:
        return (data["x_train"], data["y_train"]), (data["x_test"], data["y_test"])
