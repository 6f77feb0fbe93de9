"""Shared helpers for the dataset loaders: download via `get_file`, shuffling, token maps."""
import numpy as np

from cornu.utils.file_utils import get_file

KERAS_DATASETS_URL = "https://storage.googleapis.com/tensorflow/tf-keras-datasets/"


def fetch(fname, origin, file_hash=None, cache_subdir="datasets", **kwargs):
    """Download (or reuse the cached copy of) one dataset file and return its path."""
    return get_file(fname=fname, origin=origin, file_hash=file_hash,
                    cache_subdir=cache_subdir, **kwargs)


def shuffled_split(x, y, test_split, seed):
    """Shuffle `(x, y)` with `seed` and hold out the last `test_split` fraction as test data."""
    if not 0 <= test_split < 1:
        raise ValueError(f"`test_split` must be in [0, 1); received {test_split!r}.")
    order = np.random.RandomState(seed).permutation(len(x))
    x, y = x[order], y[order]
    split_at = int(len(x) * (1 - test_split))
    return (x[:split_at], y[:split_at]), (x[split_at:], y[split_at:])


def shift_and_filter(sequences, labels, maxlen, start_char, index_from):
    """Shift word indices by `index_from`, prepend `start_char`, drop sequences >= `maxlen`.

    Returns:
        `(sequences, labels)` as a list of lists and an array.
    """
    if start_char is not None:
        sequences = [[start_char] + [int(w) + index_from for w in seq] for seq in sequences]
    else:
        sequences = [[int(w) + index_from for w in seq] for seq in sequences]
    if maxlen:
        keep = [index for index, seq in enumerate(sequences) if len(seq) < maxlen]
        if not keep:
            raise ValueError(f"After filtering for sequences shorter than maxlen={maxlen}, no "
                             "sequence was kept. Increase maxlen.")
        sequences = [sequences[index] for index in keep]
        labels = np.asarray(labels)[keep]
    return sequences, labels


def limit_vocabulary(sequences, num_words, skip_top, oov_char):
    """Map words outside `[skip_top, num_words)` to `oov_char` (or drop them if None)."""
    if oov_char is not None:
        return [[w if skip_top <= w < num_words else oov_char for w in seq] for seq in sequences]
    return [[w for w in seq if skip_top <= w < num_words] for seq in sequences]


def vocabulary_size(sequences, num_words):
    """`num_words`, or one past the largest index present when it is None."""
    if num_words:
        return num_words
    return max((max(seq) for seq in sequences if seq), default=0) + 1


def object_array(sequences):
    """A 1-D object array of Python lists (the Keras layout for text datasets)."""
    array = np.empty(len(sequences), dtype="object")
    for index, seq in enumerate(sequences):
        array[index] = seq
    return array
