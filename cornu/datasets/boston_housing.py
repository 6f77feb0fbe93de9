"""Boston housing prices regression data (13 features; kept for Keras compatibility)."""
import numpy as np

from cornu.datasets._loading import KERAS_DATASETS_URL, fetch, shuffled_split


def load_data(path="boston_housing.npz", test_split=0.2, seed=113):
    """Load the Boston housing data, downloading it on first use.

    Args:
        path: cache file name.
        test_split: fraction of the (shuffled) samples held out as test data.
        seed: shuffling seed.

    Returns:
        `(x_train, y_train), (x_test, y_test)` float arrays.

    Example:
        >>> (x_train, y_train), (x_test, y_test) = cornu.datasets.boston_housing.load_data()
    """
    path = fetch(path, KERAS_DATASETS_URL + "boston_housing.npz")
    with np.load(path, allow_pickle=False) as data:
        x, y = data["x"], data["y"]
    return shuffled_split(x, y, test_split, seed)
