"""Reuters newswire topics (46 classes) as sequences of word indices."""
import json

import numpy as np

from cornu.datasets._loading import (
    KERAS_DATASETS_URL, fetch, limit_vocabulary, object_array, shift_and_filter, vocabulary_size)

_LABEL_NAMES = (
    "cocoa", "grain", "veg-oil", "earn", "acq", "wheat", "copper", "housing", "money-supply",
    "coffee", "sugar", "trade", "reserves", "ship", "cotton", "carcass", "crude", "nat-gas",
    "cpi", "money-fx", "interest", "gnp", "meal-feed", "alum", "oilseed", "gold", "tin",
    "strategic-metal", "livestock", "retail", "ipi", "iron-steel", "rubber", "heat", "jobs",
    "lei", "bop", "zinc", "orange", "pet-chem", "dlr", "gas", "silver", "wpi", "hog", "lead",
)


def load_data(path="reuters.npz", num_words=None, skip_top=0, maxlen=None, test_split=0.2,
              seed=113, start_char=1, oov_char=2, index_from=3):
    """Load the Reuters newswires (11,228 wires), downloading them on first use.

    Args:
        path: cache file name.
        num_words, skip_top, maxlen, start_char, oov_char, index_from: as for
            `cornu.datasets.imdb.load_data`.
        test_split: fraction of the shuffled wires held out as test data.
        seed: shuffling seed.

    Returns:
        `(x_train, y_train), (x_test, y_test)`: object arrays of int lists and int labels.

    Example:
        >>> (x_train, y_train), _ = cornu.datasets.reuters.load_data(num_words=10000)
    """
    path = fetch(path, KERAS_DATASETS_URL + "reuters.npz",
                 file_hash="d6586e694ee56d7a4e65172e12b3e987c03096cb01eab99753921ef915959916")
    # Object arrays of lists need pickle; the file is checked against its sha256 first.
    with np.load(path, allow_pickle=True) as data:
        sequences, labels = data["x"], data["y"]
    order = np.arange(len(sequences))
    np.random.RandomState(seed).shuffle(order)
    sequences, labels = sequences[order], labels[order]
    sequences, labels = shift_and_filter(sequences, labels, maxlen, start_char, index_from)
    num_words = vocabulary_size(sequences, num_words)
    sequences = limit_vocabulary(sequences, num_words, skip_top, oov_char)
    split_at = int(len(sequences) * (1 - test_split))
    return ((object_array(sequences[:split_at]), labels[:split_at]),
            (object_array(sequences[split_at:]), labels[split_at:]))


def get_word_index(path="reuters_word_index.json"):
    """Dictionary mapping words to their index in the Reuters data (before `index_from`)."""
    path = fetch(path, KERAS_DATASETS_URL + "reuters_word_index.json")
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)


def get_label_names():
    """The 46 topic names, in label-index order."""
    return _LABEL_NAMES
