"""IMDB movie-review sentiment data as sequences of word indices."""
import json

import numpy as np

from cornu.datasets._loading import (
    KERAS_DATASETS_URL, fetch, limit_vocabulary, object_array, shift_and_filter, vocabulary_size)


def load_data(path="imdb.npz", num_words=None, skip_top=0, maxlen=None, seed=113,
              start_char=1, oov_char=2, index_from=3, **kwargs):
    """Load the IMDB reviews (25k train / 25k test), downloading them on first use.

    Args:
        path: cache file name.
        num_words: keep only the `num_words` most frequent words (others -> `oov_char`).
        skip_top: also map the `skip_top` most frequent words to `oov_char`.
        maxlen: drop reviews of `maxlen` words or more.
        seed: shuffling seed.
        start_char: index marking the start of a review (None: no marker).
        oov_char: index for dropped words (None: remove them).
        index_from: offset added to every word index.

    Returns:
        `(x_train, y_train), (x_test, y_test)`: object arrays of int lists and int labels.

    Example:
        >>> (x_train, y_train), _ = cornu.datasets.imdb.load_data(num_words=10000)
    """
    if kwargs:
        raise TypeError(f"Unrecognized keyword arguments: {sorted(kwargs)}.")
    path = fetch(path, KERAS_DATASETS_URL + "imdb.npz",
                 file_hash="69664113be75683a8fe16e3ed0ab59fda8886cb3cd7ada244f7d9544e4676b9f")
    # The reviews are stored as object arrays of lists, which NumPy can only read with
    # pickle; the file is checked against its published sha256 first.
    with np.load(path, allow_pickle=True) as data:
        x_train, y_train = data["x_train"], data["y_train"]
        x_test, y_test = data["x_test"], data["y_test"]
    rng = np.random.RandomState(seed)
    order = np.arange(len(x_train))
    rng.shuffle(order)
    x_train, y_train = x_train[order], y_train[order]
    order = np.arange(len(x_test))
    rng.shuffle(order)
    x_test, y_test = x_test[order], y_test[order]
    x_train, y_train = shift_and_filter(x_train, y_train, maxlen, start_char, index_from)
    x_test, y_test = shift_and_filter(x_test, y_test, maxlen, start_char, index_from)
    num_words = vocabulary_size(x_train + x_test, num_words)
    x_train = limit_vocabulary(x_train, num_words, skip_top, oov_char)
    x_test = limit_vocabulary(x_test, num_words, skip_top, oov_char)
    return (object_array(x_train), y_train), (object_array(x_test), y_test)


def get_word_index(path="imdb_word_index.json"):
    """Dictionary mapping words to their index in the IMDB data (before `index_from`)."""
    path = fetch(path, KERAS_DATASETS_URL + "imdb_word_index.json")
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)
