"""Fashion-MNIST clothing images (28x28 grayscale, 10 classes, 60k train / 10k test)."""
import gzip

import numpy as np

from cornu.datasets._loading import KERAS_DATASETS_URL, fetch

_FILES = ("train-labels-idx1-ubyte.gz", "train-images-idx3-ubyte.gz",
          "t10k-labels-idx1-ubyte.gz", "t10k-images-idx3-ubyte.gz")


def _read(path, offset):
    with gzip.open(path, "rb") as handle:
        return np.frombuffer(handle.read(), np.uint8, offset=offset)


def load_data():
    """Load Fashion-MNIST, downloading it into `~/.cornu/datasets/fashion-mnist` on first use.

    Returns:
        `(x_train, y_train), (x_test, y_test)`: uint8 images `(n, 28, 28)` and uint8 labels.

    Example:
        >>> (x_train, y_train), _ = cornu.datasets.fashion_mnist.load_data()
    """
    paths = [fetch(name, KERAS_DATASETS_URL + "fashion-mnist/" + name,
                   cache_subdir="datasets/fashion-mnist") for name in _FILES]
    y_train = _read(paths[0], 8)
    x_train = _read(paths[1], 16).reshape(len(y_train), 28, 28)
    y_test = _read(paths[2], 8)
    x_test = _read(paths[3], 16).reshape(len(y_test), 28, 28)
    return (x_train, y_train), (x_test, y_test)
