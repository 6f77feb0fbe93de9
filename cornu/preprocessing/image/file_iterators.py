"""Iterators over image files: `DirectoryIterator` and `DataFrameIterator`."""
import os
import warnings

import numpy as np

from cornu import config
from cornu.preprocessing.image.iterator import Iterator
from cornu.utils import image_utils

_CHANNELS = {"grayscale": 1, "rgb": 3, "rgba": 4}
DIRECTORY_CLASS_MODES = ("categorical", "binary", "sparse", "input", None)
DATAFRAME_CLASS_MODES = ("binary", "categorical", "input", "multi_output", "raw", "sparse",
                         None)


class _FileBatchIterator(Iterator):
    """Loads, augments and labels batches of image files (shared by both file iterators)."""

    def _setup_images(self, image_data_generator, target_size, color_mode, data_format,
                      save_to_dir, save_prefix, save_format, interpolation, keep_aspect_ratio,
                      dtype):
        if color_mode not in _CHANNELS:
            raise ValueError(f"`color_mode` must be one of {tuple(_CHANNELS)}; received "
                             f"{color_mode!r}.")
        image_utils.pil_resample(interpolation)
        self.image_data_generator = image_data_generator
        self.target_size = image_utils.check_size(tuple(target_size), "target_size")
        self.color_mode = color_mode
        self.data_format = config.standardize_data_format(data_format)
        channels = _CHANNELS[color_mode]
        self.image_shape = (self.target_size + (channels,) if self.data_format ==
                            "channels_last" else (channels,) + self.target_size)
        self.save_to_dir = save_to_dir
        self.save_prefix = save_prefix
        self.save_format = save_format
        self.interpolation = interpolation
        self.keep_aspect_ratio = keep_aspect_ratio
        self.dtype = dtype or config.floatx()

    @property
    def filepaths(self):
        return self._filepaths

    @property
    def labels(self):
        return self.classes

    def _load(self, path, rng):
        img = image_utils.load_img(path, color_mode=self.color_mode,
                                   target_size=self.target_size,
                                   interpolation=self.interpolation,
                                   keep_aspect_ratio=self.keep_aspect_ratio)
        x = image_utils.img_to_array(img, data_format=self.data_format, dtype=self.dtype)
        if self.image_data_generator is not None:
            x = self.image_data_generator._augment(x, rng)
        return x

    def _labels_for(self, index_array, batch_x):
        mode = self.class_mode
        if mode == "input":
            return batch_x.copy()
        if mode in ("binary", "sparse"):
            return np.asarray([self.classes[row] for row in index_array], dtype=self.dtype)
        if mode == "categorical":
            batch_y = np.zeros((len(index_array), len(self.class_indices)), dtype=self.dtype)
            for position, row in enumerate(index_array):
                batch_y[position, self.classes[row]] = 1.0
            return batch_y
        if mode == "raw":
            return self._data[index_array]
        if mode == "multi_output":
            return [column[index_array] for column in self._data]
        raise ValueError(f"Unknown class_mode {mode!r}.")

    def _get_batches_of_transformed_samples(self, index_array, rng):
        batch_x = np.stack([self._load(self._filepaths[row], rng) for row in index_array])
        batch_x = batch_x.astype(self.dtype, copy=False)
        if self.save_to_dir:
            self._save_batch(batch_x, index_array, rng)
        if self.class_mode is None:
            return batch_x
        batch_y = self._labels_for(index_array, batch_x)
        weights = getattr(self, "_sample_weight", None)
        if weights is not None:
            return batch_x, batch_y, weights[index_array]
        return batch_x, batch_y


def _allowed(name, formats):
    return name.lower().rsplit(".", 1)[-1] in formats if "." in name else False


def _subset_bounds(image_data_generator, subset):
    if subset is None:
        return 0.0, 1.0
    split = getattr(image_data_generator, "_validation_split", 0.0)
    if subset not in ("training", "validation"):
        raise ValueError(f"`subset` must be 'training' or 'validation'; received {subset!r}.")
    if not split:
        raise ValueError("`subset` needs an ImageDataGenerator created with a "
                         "`validation_split` between 0 and 1.")
    return (0.0, split) if subset == "validation" else (split, 1.0)


class DirectoryIterator(_FileBatchIterator):
    """Batches of images read from `directory/<class>/...` (classes sorted by name).

    Args:
        directory: root folder, one sub-folder per class.
        image_data_generator: the `ImageDataGenerator` (None = no transformation).
        target_size: `(height, width)` images are resized to.
        color_mode: "grayscale", "rgb" or "rgba".
        classes: optional list of class sub-folders (sets the index order).
        class_mode: "categorical", "binary", "sparse", "input" or None.
        batch_size, shuffle, seed: as for `Iterator`.
        data_format, save_to_dir, save_prefix, save_format: image layout / saving.
        follow_links: follow symbolic links.
        subset: "training" or "validation" (per class, validation = first fraction).
        interpolation: resize filter (default "nearest").
        keep_aspect_ratio: centre-crop to the target aspect ratio before resizing.
        dtype: output dtype.

    Example:
        >>> it = DirectoryIterator("data", ImageDataGenerator(rescale=1 / 255))
        >>> it.class_indices
        {'cats': 0, 'dogs': 1}
    """

    def __init__(self, directory, image_data_generator, target_size=(256, 256),
                 color_mode="rgb", classes=None, class_mode="categorical", batch_size=32,
                 shuffle=True, seed=None, data_format=None, save_to_dir=None, save_prefix="",
                 save_format="png", follow_links=False, subset=None, interpolation="nearest",
                 keep_aspect_ratio=False, dtype=None):
        if class_mode not in DIRECTORY_CLASS_MODES:
            raise ValueError(f"`class_mode` must be one of {DIRECTORY_CLASS_MODES}; received "
                             f"{class_mode!r}.")
        if not os.path.isdir(directory):
            raise ValueError(f"flow_from_directory: {directory!r} is not a directory.")
        self._setup_images(image_data_generator, target_size, color_mode, data_format,
                           save_to_dir, save_prefix, save_format, interpolation,
                           keep_aspect_ratio, dtype)
        self.directory = directory
        self.class_mode = class_mode
        if classes is None:
            classes = sorted(entry for entry in os.listdir(directory)
                             if os.path.isdir(os.path.join(directory, entry)))
        self.num_classes = len(classes)
        self.class_indices = {name: index for index, name in enumerate(classes)}
        start, stop = _subset_bounds(image_data_generator, subset)
        self.filenames, class_list = [], []
        for name in classes:
            folder = os.path.join(directory, name)
            files = []
            for root, dirs, names in os.walk(folder, followlinks=follow_links):
                dirs.sort()
                files.extend(os.path.join(root, file) for file in sorted(names)
                             if _allowed(file, self.white_list_formats))
            files = files[int(start * len(files)):int(stop * len(files))]
            self.filenames.extend(os.path.relpath(path, directory) for path in files)
            class_list.extend([self.class_indices[name]] * len(files))
        self.classes = np.asarray(class_list, dtype="int32")
        self.samples = len(self.filenames)
        self._filepaths = [os.path.join(directory, name) for name in self.filenames]
        print(f"Found {self.samples} images belonging to {self.num_classes} classes.")
        super().__init__(self.samples, batch_size, shuffle, seed)


class DataFrameIterator(_FileBatchIterator):
    """Batches of images whose paths (and labels) come from a pandas DataFrame.

    Args:
        dataframe: table with a column of file names (`x_col`) and labels (`y_col`).
        directory: folder the file names are relative to (None: paths used as given).
        image_data_generator: the `ImageDataGenerator` (None = no transformation).
        x_col: column of file names; y_col: label column (or list for multi_output/raw).
        weight_col: optional column of sample weights.
        class_mode: "categorical", "binary", "sparse", "input", "multi_output", "raw" or None.
        classes: optional class list (sets the index order; other rows are dropped).
        validate_filenames: drop rows whose file is missing or not an image.
        Other arguments: as for `DirectoryIterator`.

    Example:
        >>> it = DataFrameIterator(frame, None, ImageDataGenerator(), x_col="path",
        ...                        y_col="label")
    """

    def __init__(self, dataframe, directory=None, image_data_generator=None,
                 x_col="filename", y_col="class", weight_col=None, target_size=(256, 256),
                 color_mode="rgb", classes=None, class_mode="categorical", batch_size=32,
                 shuffle=True, seed=None, data_format=None, save_to_dir=None, save_prefix="",
                 save_format="png", subset=None, interpolation="nearest",
                 keep_aspect_ratio=False, dtype=None, validate_filenames=True):
        if class_mode not in DATAFRAME_CLASS_MODES:
            raise ValueError(f"`class_mode` must be one of {DATAFRAME_CLASS_MODES}; received "
                             f"{class_mode!r}.")
        self._setup_images(image_data_generator, target_size, color_mode, data_format,
                           save_to_dir, save_prefix, save_format, interpolation,
                           keep_aspect_ratio, dtype)
        self.directory = directory or ""
        self.class_mode = class_mode
        self.x_col, self.y_col = x_col, y_col
        frame = dataframe.copy()
        for column in [x_col] + ([weight_col] if weight_col else []):
            if column not in frame.columns:
                raise KeyError(f"flow_from_dataframe: column {column!r} is not in the "
                               f"dataframe (columns: {list(frame.columns)}).")
        label_columns = ([] if class_mode in (None, "input")
                         else (list(y_col) if isinstance(y_col, (list, tuple)) else [y_col]))
        for column in label_columns:
            if column not in frame.columns:
                raise KeyError(f"flow_from_dataframe: column {column!r} is not in the "
                               f"dataframe (columns: {list(frame.columns)}).")
        if class_mode in ("binary", "categorical", "sparse"):
            frame, classes = self._prepare_classes(frame, y_col, classes, class_mode)
        if validate_filenames:
            frame = self._drop_invalid_files(frame, x_col)
        start, stop = _subset_bounds(image_data_generator, subset)
        frame = frame.iloc[int(start * len(frame)):int(stop * len(frame))]
        self.filenames = [str(name) for name in frame[x_col].tolist()]
        self._filepaths = [os.path.join(self.directory, name) for name in self.filenames]
        self._sample_weight = (frame[weight_col].to_numpy() if weight_col else None)
        if class_mode in ("binary", "categorical", "sparse"):
            self.class_indices = {name: index for index, name in enumerate(classes)}
            self.num_classes = len(classes)
            values = frame[y_col].tolist()
            if class_mode == "categorical" and any(isinstance(v, (list, tuple)) for v in values):
                self.classes = [[self.class_indices[c] for c in _as_list(v)] for v in values]
            else:
                self.classes = np.asarray([self.class_indices[v] for v in values],
                                          dtype="int32")
            print(f"Found {len(self.filenames)} validated image filenames belonging to "
                  f"{self.num_classes} classes.")
        else:
            self.class_indices, self.num_classes, self.classes = {}, 0, None
            if class_mode == "raw":
                self._data = frame[y_col].to_numpy()
            elif class_mode == "multi_output":
                self._data = [frame[column].to_numpy() for column in y_col]
            print(f"Found {len(self.filenames)} validated image filenames.")
        self.samples = len(self.filenames)
        super().__init__(self.samples, batch_size, shuffle, seed)

    def _labels_for(self, index_array, batch_x):
        if self.class_mode == "categorical" and isinstance(self.classes, list):
            batch_y = np.zeros((len(index_array), self.num_classes), dtype=self.dtype)
            for position, row in enumerate(index_array):
                batch_y[position, self.classes[row]] = 1.0
            return batch_y
        return super()._labels_for(index_array, batch_x)

    @staticmethod
    def _prepare_classes(frame, y_col, classes, class_mode):
        frame = frame[frame[y_col].notna()]
        values = frame[y_col].tolist()
        allowed_types = (str, list, tuple) if class_mode == "categorical" else (str,)
        bad = [v for v in values if not isinstance(v, allowed_types)]
        if bad:
            raise TypeError(
                f'If class_mode="{class_mode}", y_col="{y_col}" column values must be '
                f"{'strings, lists or tuples' if class_mode == 'categorical' else 'strings'}; "
                f"found {type(bad[0]).__name__} value {bad[0]!r}.")
        if classes is None:
            classes = sorted({c for v in values for c in _as_list(v)})
        else:
            wanted = set(classes)
            frame = frame[[all(c in wanted for c in _as_list(v)) for v in values]]
        if class_mode == "binary" and len(classes) != 2:
            raise ValueError(f'If class_mode="binary" there must be 2 classes; found '
                             f"{len(classes)}: {list(classes)}.")
        return frame, list(classes)

    def _drop_invalid_files(self, frame, x_col):
        keep = []
        for name in frame[x_col].tolist():
            path = os.path.join(self.directory, str(name))
            keep.append(isinstance(name, str) and _allowed(name, self.white_list_formats)
                        and os.path.isfile(path))
        dropped = len(keep) - sum(keep)
        if dropped:
            warnings.warn(f"Found {dropped} invalid image filename(s) in x_col='{x_col}'; "
                          "these rows are ignored.", stacklevel=3)
        return frame[keep]


def _as_list(value):
    return list(value) if isinstance(value, (list, tuple)) else [value]
