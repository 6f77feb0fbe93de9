"""Directory indexing and train/validation subsetting shared by the *_from_directory tools."""
import os

import numpy as np

_SUBSETS = ("training", "validation", "both")


def _walk_files(folder, formats, follow_links):
    found = []
    for root, dirs, files in os.walk(folder, followlinks=follow_links):
        dirs.sort()
        for name in sorted(files):
            if name.lower().endswith(formats):
                found.append(os.path.join(root, name))
    return found


def index_directory(directory, labels, formats, class_names=None, shuffle=True, seed=None,
                    follow_links=False, verbose=True):
    """List the files of `directory` with their labels.

    Args:
        directory: root folder; with `labels="inferred"` each sub-folder is a class.
        labels: "inferred", None, or a list/tuple with one label per file (files in
            sorted path order).
        formats: tuple of lowercase extensions to keep, e.g. (".png", ".jpg").
        class_names: explicit class order (only with `labels="inferred"`).
        shuffle: shuffle the file list once, with `seed`.
        seed: shuffling seed.
        follow_links: follow symbolic links to sub-folders.
        verbose: print how many files and classes were found.

    Returns:
        `(file_paths, labels, class_names)`: paths list, int labels array (None when
        `labels` is None) and the list of class names.

    Example:
        >>> paths, labels, names = index_directory("data", "inferred", (".png",))
    """
    if not os.path.isdir(directory):
        raise ValueError(f"Directory not found or not a directory: {directory!r}.")
    if labels == "inferred":
        subdirs = sorted(entry for entry in os.listdir(directory)
                         if os.path.isdir(os.path.join(directory, entry)))
        if class_names is not None:
            missing = [name for name in class_names if name not in subdirs]
            if missing:
                raise ValueError(
                    "The `class_names` passed did not match the names of the subdirectories "
                    f"of the target directory. Expected: {subdirs} (or a subset of it), but "
                    f"received: class_names={list(class_names)}")
            subdirs = list(class_names)
        file_paths, label_list = [], []
        for class_index, subdir in enumerate(subdirs):
            paths = _walk_files(os.path.join(directory, subdir), formats, follow_links)
            file_paths.extend(paths)
            label_list.extend([class_index] * len(paths))
        label_array = np.asarray(label_list, dtype="int32")
        class_names = list(subdirs)
    else:
        if class_names is not None:
            raise ValueError(
                "`class_names` can only be used with `labels='inferred'`; received "
                f"labels={labels!r}.")
        file_paths = _walk_files(directory, formats, follow_links)
        class_names = []
        label_array = None
        if labels is not None:
            if not isinstance(labels, (list, tuple, np.ndarray)):
                raise ValueError(
                    "`labels` must be 'inferred', None, or a list/tuple of labels; received "
                    f"{type(labels).__name__}.")
            if len(labels) != len(file_paths):
                raise ValueError(
                    f"Expected the lengths of `labels` to match the number of files in the "
                    f"target directory. len(labels) is {len(labels)} while we found "
                    f"{len(file_paths)} files in directory {directory}.")
            label_array = np.asarray(labels)
            class_names = [str(value) for value in sorted(set(label_array.tolist()))]
    if verbose:
        if labels is None:
            print(f"Found {len(file_paths)} files.")
        else:
            print(f"Found {len(file_paths)} files belonging to {len(class_names)} classes.")
    if shuffle and file_paths:
        order = np.random.RandomState(_seed_or_random(seed)).permutation(len(file_paths))
        file_paths = [file_paths[i] for i in order]
        if label_array is not None:
            label_array = label_array[order]
    return file_paths, label_array, class_names


def _seed_or_random(seed):
    return int(np.random.randint(0, 2 ** 31 - 1)) if seed is None else int(seed)


def check_validation_split_arg(validation_split, subset, shuffle, seed):
    """Validate the `validation_split` / `subset` / `seed` combination (Keras rules)."""
    if validation_split is not None and not 0 < validation_split < 1:
        raise ValueError(
            f"`validation_split` must be between 0 and 1 (exclusive); received "
            f"{validation_split!r}.")
    if (validation_split or subset) and not (validation_split and subset):
        raise ValueError(
            "If `subset` is set, `validation_split` must be set, and vice versa; received "
            f"validation_split={validation_split!r}, subset={subset!r}.")
    if subset not in (None,) + _SUBSETS:
        raise ValueError(f"`subset` must be 'training', 'validation' or 'both'; received "
                         f"{subset!r}.")
    if validation_split and shuffle and seed is None:
        raise ValueError(
            "If using `validation_split` and shuffling the data, you must provide a `seed` "
            "argument, to make sure that there is no overlap between the training and "
            "validation subset.")


def training_or_validation_split(samples, labels, validation_split, subset, verbose=True):
    """Keep the training part (all but the last fraction) or the validation part (last).

    Args:
        samples: list of samples (e.g. file paths).
        labels: array of labels or None.
        validation_split: fraction held out for validation.
        subset: "training" or "validation".
        verbose: print how many files are used.

    Returns:
        `(samples, labels)` restricted to the subset.

    Example:
        >>> training_or_validation_split(paths, labels, 0.2, "training")
    """
    if not validation_split:
        return samples, labels
    num_validation = int(validation_split * len(samples))
    if subset == "training":
        if verbose:
            print(f"Using {len(samples) - num_validation} files for training.")
        samples = samples[:len(samples) - num_validation]
        labels = None if labels is None else labels[:len(labels) - num_validation]
    elif subset == "validation":
        if verbose:
            print(f"Using {num_validation} files for validation.")
        samples = samples[len(samples) - num_validation:]
        labels = None if labels is None else labels[len(labels) - num_validation:]
    else:
        raise ValueError(f"`subset` must be 'training' or 'validation'; received {subset!r}.")
    return samples, labels
