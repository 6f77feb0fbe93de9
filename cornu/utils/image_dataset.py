"""`image_dataset_from_directory`: a batched, shuffling `PyDataset` of image files."""
import math

import numpy as np

from cornu import config
from cornu.trainers.data_adapters.py_dataset import PyDataset
from cornu.utils import dataset_utils
from cornu.utils import image_utils

ALLOWED_FORMATS = (".bmp", ".gif", ".jpeg", ".jpg", ".png")
_LABEL_MODES = ("int", "categorical", "binary", None)
_CHANNELS = {"grayscale": 1, "rgb": 3, "rgba": 4}


class ImageDirectoryDataset(PyDataset):
    """Batches of decoded, resized images (and labels) read from a list of files.

    Images are float32 in 0..255. Labels follow `label_mode`: int32 indices, float32
    one-hot rows, or float32 `(batch, 1)` for "binary". When `shuffle` is True the
    file order is reshuffled after each epoch (`on_epoch_end`).

    Attributes:
        class_names: class names, index order.
        file_paths: file paths in the current order.

    Example:
        >>> dataset = image_dataset_from_directory("data", image_size=(64, 64))
        >>> images, labels = dataset[0]
    """

    def __init__(self, file_paths, labels, class_names, label_mode, color_mode, batch_size,
                 image_size, shuffle, seed, interpolation, crop_to_aspect_ratio,
                 pad_to_aspect_ratio, data_format, **kwargs):
        super().__init__(**kwargs)
        self.file_paths = list(file_paths)
        self._labels = labels
        self.class_names = list(class_names)
        self.label_mode = label_mode
        self.color_mode = color_mode
        self.batch_size = batch_size
        self.image_size = tuple(image_size)
        self.shuffle = shuffle
        self.interpolation = interpolation
        self.crop_to_aspect_ratio = crop_to_aspect_ratio
        self.pad_to_aspect_ratio = pad_to_aspect_ratio
        self.data_format = data_format
        self._rng = np.random.RandomState(seed)
        self._order = np.arange(len(self.file_paths))

    def __len__(self):
        if self.batch_size is None:
            return len(self.file_paths)
        return math.ceil(len(self.file_paths) / self.batch_size)

    def _load(self, path):
        img = image_utils.load_img(path, color_mode=self.color_mode)
        img = image_utils.resize_image(img, self.image_size, self.interpolation,
                                       crop_to_aspect_ratio=self.crop_to_aspect_ratio,
                                       pad_to_aspect_ratio=self.pad_to_aspect_ratio)
        return image_utils.img_to_array(img, data_format=self.data_format, dtype="float32")

    def _encode_labels(self, rows):
        labels = self._labels[rows]
        if self.label_mode == "int":
            return labels.astype("int32")
        if self.label_mode == "binary":
            return labels.astype("float32").reshape(-1, 1)
        num_classes = max(len(self.class_names), int(self._labels.max()) + 1)
        onehot = np.zeros((len(rows), num_classes), dtype="float32")
        onehot[np.arange(len(rows)), labels.astype("int64")] = 1.0
        return onehot

    def __getitem__(self, index):
        count = len(self)
        if not -count <= index < count:
            raise IndexError(f"Batch index {index} out of range for {count} batches.")
        index %= count
        size = self.batch_size or 1
        rows = self._order[index * size:(index + 1) * size]
        images = np.stack([self._load(self.file_paths[row]) for row in rows])
        if self.batch_size is None:
            images = images[0]
        if self.label_mode is None or self._labels is None:
            return images
        labels = self._encode_labels(rows)
        return images, (labels[0] if self.batch_size is None else labels)

    def on_epoch_end(self):
        if self.shuffle:
            self._order = self._rng.permutation(len(self.file_paths))


def _check_arguments(labels, label_mode, color_mode, class_names, interpolation):
    if label_mode not in _LABEL_MODES:
        raise ValueError(f"`label_mode` must be one of {_LABEL_MODES}; received {label_mode!r}.")
    if color_mode not in _CHANNELS:
        raise ValueError(f"`color_mode` must be one of {tuple(_CHANNELS)}; received "
                         f"{color_mode!r}.")
    if labels not in ("inferred", None) and not isinstance(labels, (list, tuple, np.ndarray)):
        raise ValueError(
            "`labels` must be 'inferred', None, or a list/tuple of integer labels; received "
            f"{labels!r}.")
    if labels is None and label_mode is not None:
        label_mode = None
    if class_names is not None and labels != "inferred":
        raise ValueError("`class_names` can only be passed with `labels='inferred'`.")
    image_utils.pil_resample(interpolation)
    return label_mode


def image_dataset_from_directory(directory, labels="inferred", label_mode="int",
                                 class_names=None, color_mode="rgb", batch_size=32,
                                 image_size=(256, 256), shuffle=True, seed=None,
                                 validation_split=None, subset=None, interpolation="bilinear",
                                 follow_links=False, crop_to_aspect_ratio=False,
                                 pad_to_aspect_ratio=False, data_format=None, verbose=True):
    """Build a dataset of `(images, labels)` batches from image files in `directory`.

    With `labels="inferred"`, each sub-folder of `directory` is one class (sorted by
    name) and its images (searched recursively) get that class index.

    Args:
        directory: root folder.
        labels: "inferred", None (images only) or a list of labels, one per file in
            sorted path order.
        label_mode: "int", "categorical", "binary" or None.
        class_names: explicit class order (with `labels="inferred"`).
        color_mode: "grayscale", "rgb" or "rgba".
        batch_size: images per batch; None yields single images.
        image_size: `(height, width)` every image is resized to.
        shuffle: shuffle the files (and reshuffle after every epoch).
        seed: shuffling seed (required with `validation_split` when shuffling).
        validation_split: fraction of the files kept for validation.
        subset: "training", "validation" or "both" (returns a pair of datasets).
        interpolation: resize filter ("bilinear", "nearest", "bicubic", ...).
        follow_links: follow symbolic links to sub-folders.
        crop_to_aspect_ratio: centre-crop to the target aspect ratio before resizing.
        pad_to_aspect_ratio: pad to the target aspect ratio before resizing.
        data_format: "channels_last" or "channels_first" (default: global setting).
        verbose: print the number of files and classes found.

    Returns:
        An `ImageDirectoryDataset` (a `PyDataset` with `class_names` and
        `file_paths`), or a `(training, validation)` pair for `subset="both"`.

    Example:
        >>> train = image_dataset_from_directory("data", image_size=(64, 64),
        ...                                      validation_split=0.2, subset="training",
        ...                                      seed=1)
        >>> model.fit(train, epochs=3)
    """
    label_mode = _check_arguments(labels, label_mode, color_mode, class_names, interpolation)
    image_size = image_utils.check_size(image_size, "image_size")
    if batch_size is not None and (not isinstance(batch_size, int) or batch_size < 1):
        raise ValueError(f"`batch_size` must be a positive integer or None; received "
                         f"{batch_size!r}.")
    data_format = config.standardize_data_format(data_format)
    dataset_utils.check_validation_split_arg(validation_split, subset, shuffle, seed)
    if seed is None:
        seed = int(np.random.randint(0, 2 ** 31 - 1))
    file_paths, label_array, names = dataset_utils.index_directory(
        directory, labels, formats=ALLOWED_FORMATS, class_names=class_names, shuffle=shuffle,
        seed=seed, follow_links=follow_links, verbose=verbose)
    if label_mode == "binary" and len(names) != 2:
        raise ValueError(
            'When passing `label_mode="binary"`, there must be exactly 2 class_names. '
            f"Received: class_names={names}")
    if not file_paths:
        raise ValueError(
            f"No images found in directory {directory}. Allowed formats: {ALLOWED_FORMATS}")

    def make(paths, subset_labels):
        if not paths:
            raise ValueError(
                f"No images left in the requested subset of {directory} "
                f"(validation_split={validation_split}).")
        return ImageDirectoryDataset(
            paths, subset_labels, names, label_mode, color_mode, batch_size, image_size,
            shuffle, seed, interpolation, crop_to_aspect_ratio, pad_to_aspect_ratio,
            data_format)

    if subset == "both":
        train = dataset_utils.training_or_validation_split(
            file_paths, label_array, validation_split, "training", verbose)
        validation = dataset_utils.training_or_validation_split(
            file_paths, label_array, validation_split, "validation", verbose)
        return make(*train), make(*validation)
    paths, subset_labels = dataset_utils.training_or_validation_split(
        file_paths, label_array, validation_split, subset, verbose)
    return make(paths, subset_labels)
