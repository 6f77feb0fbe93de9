"""scikit-learn's bundled 8x8 handwritten digits: an offline dataset for demos and tests."""
import numpy as np


def load_data(test_split=0.2, seed=113):
    """Load the 1,797 digit images bundled with scikit-learn (no download needed).

    Pixel values are kept on scikit-learn's scale, 0..16 (divide by 16 for 0..1).

    Args:
        test_split: fraction of the shuffled images held out as test data.
        seed: shuffling seed.

    Returns:
        `(x_train, y_train), (x_test, y_test)`: float32 images `(n, 8, 8)` with values
        0..16 and int64 labels 0..9.

    Example:
        >>> (x_train, y_train), (x_test, y_test) = cornu.datasets.digits.load_data()
        >>> x_train.shape[1:]
        (8, 8)
    """
    if not 0 <= test_split < 1:
        raise ValueError(f"`test_split` must be in [0, 1); received {test_split!r}.")
    try:
        from sklearn.datasets import load_digits
    except ImportError as error:
        raise ImportError("cornu.datasets.digits needs scikit-learn: "
                          "`pip install scikit-learn`.") from error
    bunch = load_digits()
    images = bunch.images.astype("float32")
    labels = bunch.target.astype("int64")
    order = np.random.RandomState(seed).permutation(len(labels))
    images, labels = images[order], labels[order]
    split_at = int(len(labels) * (1 - test_split))
    return (images[:split_at], labels[:split_at]), (images[split_at:], labels[split_at:])
