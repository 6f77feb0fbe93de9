"""California housing prices regression data (8 features)."""
import numpy as np

from cornu.datasets._loading import KERAS_DATASETS_URL, fetch, shuffled_split


def load_data(version="large", path="california_housing.npz", test_split=0.2, seed=113):
    """Load the California housing data, downloading it on first use.

    Args:
        version: "large" (20,640 samples) or "small" (the first 600 samples).
        path: cache file name.
        test_split: fraction held out as test data.
        seed: shuffling seed.

    Returns:
        `(x_train, y_train), (x_test, y_test)` float32 arrays.

    Example:
        >>> (x_train, y_train), _ = cornu.datasets.california_housing.load_data("small")
    """
    if version not in ("large", "small"):
        raise ValueError(f'`version` must be "large" or "small"; received {version!r}.')
    path = fetch(path, KERAS_DATASETS_URL + "california_housing.npz")
    with np.load(path, allow_pickle=False) as data:
        x, y = data["x"].astype("float32"), data["y"].astype("float32")
    if version == "small":
        x, y = x[:600], y[:600]
    return shuffled_split(x, y, test_split, seed)
