"""`text_dataset_from_directory`: batches of text files (and labels) as a `PyDataset`."""
import math

import numpy as np

from cornu.trainers.data_adapters.py_dataset import PyDataset
from cornu.utils import dataset_utils

_LABEL_MODES = ("int", "categorical", "binary", None)


class TextDirectoryDataset(PyDataset):
    """Batches of file contents (NumPy string arrays) with labels; reshuffled per epoch.

    Example:
        >>> texts, labels = text_dataset_from_directory("reviews", seed=1)[0]
    """

    def __init__(self, file_paths, labels, class_names, label_mode, batch_size, max_length,
                 shuffle, seed, **kwargs):
        super().__init__(**kwargs)
        self.file_paths = list(file_paths)
        self._labels = labels
        self.class_names = list(class_names)
        self.label_mode = label_mode
        self.batch_size = batch_size
        self.max_length = max_length
        self.shuffle = shuffle
        self._rng = np.random.RandomState(seed)
        self._order = np.arange(len(self.file_paths))

    def __len__(self):
        return math.ceil(len(self.file_paths) / (self.batch_size or 1))

    def _read(self, path):
        with open(path, encoding="utf-8", errors="replace") as handle:
            text = handle.read()
        return text if self.max_length is None else text[:self.max_length]

    def __getitem__(self, index):
        count = len(self)
        if not -count <= index < count:
            raise IndexError(f"Batch index {index} out of range for {count} batches.")
        index %= count
        size = self.batch_size or 1
        rows = self._order[index * size:(index + 1) * size]
        texts = np.asarray([self._read(self.file_paths[row]) for row in rows], dtype=object)
        if self.label_mode is None or self._labels is None:
            return texts if self.batch_size else texts[0]
        labels = self._labels[rows]
        if self.label_mode == "binary":
            labels = labels.astype("float32").reshape(-1, 1)
        elif self.label_mode == "categorical":
            labels = np.eye(len(self.class_names), dtype="float32")[labels]
        else:
            labels = labels.astype("int32")
        if not self.batch_size:
            return texts[0], labels[0]
        return texts, labels

    def on_epoch_end(self):
        if self.shuffle:
            self._order = self._rng.permutation(len(self.file_paths))


def text_dataset_from_directory(directory, labels="inferred", label_mode="int",
                                class_names=None, batch_size=32, max_length=None, shuffle=True,
                                seed=None, validation_split=None, subset=None,
                                follow_links=False, verbose=True):
    """Build a dataset of `(texts, labels)` batches from `.txt` files in `directory`.

    Args:
        directory: root folder; with `labels="inferred"` each sub-folder is a class.
        labels: "inferred", None or a list of labels (one per file, sorted path order).
        label_mode: "int", "categorical", "binary" or None.
        class_names: explicit class order.
        batch_size: texts per batch (None: single texts).
        max_length: truncate each text to this many characters.
        shuffle, seed: shuffle the files (and reshuffle after every epoch).
        validation_split, subset: hold out the last fraction ("training", "validation",
            "both").
        follow_links: follow symbolic links.
        verbose: print how many files were found.

    Returns:
        A `TextDirectoryDataset` (or a pair for `subset="both"`); texts are NumPy object
        arrays of `str`.

    Example:
        >>> train = text_dataset_from_directory("aclImdb/train", batch_size=64, seed=1)
    """
    if label_mode not in _LABEL_MODES:
        raise ValueError(f"`label_mode` must be one of {_LABEL_MODES}; received {label_mode!r}.")
    if labels is None:
        label_mode = None
    dataset_utils.check_validation_split_arg(validation_split, subset, shuffle, seed)
    if seed is None:
        seed = int(np.random.randint(0, 2 ** 31 - 1))
    paths, label_array, names = dataset_utils.index_directory(
        directory, labels, formats=(".txt",), class_names=class_names, shuffle=shuffle,
        seed=seed, follow_links=follow_links, verbose=verbose)
    if label_mode == "binary" and len(names) != 2:
        raise ValueError('When passing `label_mode="binary"`, there must be exactly 2 '
                         f"class_names. Received: class_names={names}")
    if not paths:
        raise ValueError(f"No text files found in directory {directory}. Allowed format: .txt")

    def make(subset_paths, subset_labels):
        return TextDirectoryDataset(subset_paths, subset_labels, names, label_mode, batch_size,
                                    max_length, shuffle, seed)

    if subset == "both":
        return tuple(make(*dataset_utils.training_or_validation_split(
            paths, label_array, validation_split, part, verbose))
            for part in ("training", "validation"))
    return make(*dataset_utils.training_or_validation_split(
        paths, label_array, validation_split, subset, verbose))
