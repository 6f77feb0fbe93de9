"""`ImageDataGenerator`: real-time image augmentation feeding batch iterators."""
import warnings

import numpy as np

from cornu import config
from cornu.preprocessing.image import affine_transformations as affine
from cornu.preprocessing.image.file_iterators import DataFrameIterator, DirectoryIterator
from cornu.preprocessing.image.numpy_array_iterator import NumpyArrayIterator


def _zoom_bounds(zoom_range):
    if isinstance(zoom_range, (int, float)):
        return [1.0 - zoom_range, 1.0 + zoom_range]
    if isinstance(zoom_range, (list, tuple)) and len(zoom_range) == 2:
        return [float(zoom_range[0]), float(zoom_range[1])]
    raise ValueError(f"`zoom_range` should be a float or a tuple/list of two floats; "
                     f"received {zoom_range!r}.")


def _check_shift(value, label):
    if isinstance(value, (int, float)) or (isinstance(value, (list, tuple, np.ndarray))
                                           and len(value)):
        return value
    raise ValueError(f"`{label}` should be a float, an int or a list of numbers; received "
                     f"{value!r}.")


class ImageDataGenerator:
    """Generate batches of image arrays with real-time data augmentation.

    Transforms run per image in this order: rotation/shift/shear/zoom (one affine
    warp), channel shift, flips, brightness; then `standardize`:
    `preprocessing_function`, `rescale`, sample-wise and feature-wise normalisation.

    Args:
        featurewise_center, featurewise_std_normalization: use the dataset mean / std
            computed by `fit`.
        samplewise_center, samplewise_std_normalization: normalise each image by itself.
        zca_whitening, zca_epsilon: ZCA whitening fitted by `fit`.
        rotation_range: max rotation in degrees.
        width_shift_range, height_shift_range: float < 1 = fraction of the size, float
            >= 1 = pixels, int n = integer pixels in (-n, n), list = choices.
        brightness_range: `(low, high)` multiplicative brightness factor.
        shear_range: shear angle in degrees.
        zoom_range: float z (range [1 - z, 1 + z]) or `[low, high]`.
        channel_shift_range: max value added to the channels.
        fill_mode: "constant", "nearest", "reflect" or "wrap"; cval: fill for "constant".
        horizontal_flip, vertical_flip: random flips.
        rescale: factor multiplied into the data after the other transforms.
        preprocessing_function: function applied to each image (rank-3 array) first
            in `standardize`.
        data_format: "channels_last" or "channels_first".
        validation_split: fraction reserved for `subset="validation"`.
        interpolation_order: spline order of the affine warp.
        dtype: output dtype (default `floatx`).

    Example:
        >>> generator = ImageDataGenerator(rotation_range=20, horizontal_flip=True,
        ...                                rescale=1 / 255)
        >>> model.fit(generator.flow(x_train, y_train, batch_size=32), epochs=5)
    """

    def __init__(self, featurewise_center=False, samplewise_center=False,
                 featurewise_std_normalization=False, samplewise_std_normalization=False,
                 zca_whitening=False, zca_epsilon=1e-6, rotation_range=0,
                 width_shift_range=0.0, height_shift_range=0.0, brightness_range=None,
                 shear_range=0.0, zoom_range=0.0, channel_shift_range=0.0, fill_mode="nearest",
                 cval=0.0, horizontal_flip=False, vertical_flip=False, rescale=None,
                 preprocessing_function=None, data_format=None, validation_split=0.0,
                 interpolation_order=1, dtype=None):
        self.featurewise_center = featurewise_center
        self.samplewise_center = samplewise_center
        self.featurewise_std_normalization = featurewise_std_normalization
        self.samplewise_std_normalization = samplewise_std_normalization
        self.zca_whitening = zca_whitening
        self.zca_epsilon = zca_epsilon
        self.rotation_range = rotation_range
        self.width_shift_range = _check_shift(width_shift_range, "width_shift_range")
        self.height_shift_range = _check_shift(height_shift_range, "height_shift_range")
        if brightness_range is not None and (
                not isinstance(brightness_range, (list, tuple, np.ndarray))
                or len(brightness_range) != 2):
            raise ValueError("`brightness_range` should be a tuple or list of two floats; "
                             f"received {brightness_range!r}.")
        self.brightness_range = brightness_range
        self.shear_range = shear_range
        self.zoom_range = _zoom_bounds(zoom_range)
        self.channel_shift_range = channel_shift_range
        if fill_mode not in ("constant", "nearest", "reflect", "wrap"):
            raise ValueError("`fill_mode` must be 'constant', 'nearest', 'reflect' or 'wrap'; "
                             f"received {fill_mode!r}.")
        self.fill_mode = fill_mode
        self.cval = cval
        self.horizontal_flip = horizontal_flip
        self.vertical_flip = vertical_flip
        self.rescale = rescale
        self.preprocessing_function = preprocessing_function
        self.data_format = config.standardize_data_format(data_format)
        self.dtype = dtype or config.floatx()
        if not 0 <= validation_split < 1:
            raise ValueError("`validation_split` must be strictly between 0 and 1; received "
                             f"{validation_split!r}.")
        self._validation_split = validation_split
        self.interpolation_order = interpolation_order
        if self.data_format == "channels_first":
            self.channel_axis, self.row_axis, self.col_axis = 1, 2, 3
        else:
            self.channel_axis, self.row_axis, self.col_axis = 3, 1, 2
        self.mean = self.std = self.zca_whitening_matrix = self.principal_components = None
        if zca_whitening and not featurewise_center:
            self.featurewise_center = True
            warnings.warn("zca_whitening overrides featurewise_center: setting it to True.",
                          stacklevel=2)
        if featurewise_std_normalization and not featurewise_center:
            self.featurewise_center = True
            warnings.warn("featurewise_std_normalization overrides featurewise_center: "
                          "setting it to True.", stacklevel=2)
        if samplewise_std_normalization and not samplewise_center:
            self.samplewise_center = True
            warnings.warn("samplewise_std_normalization overrides samplewise_center: "
                          "setting it to True.", stacklevel=2)

    def flow(self, x, y=None, batch_size=32, shuffle=True, sample_weight=None, seed=None,
             save_to_dir=None, save_prefix="", save_format="png", ignore_class_split=False,
             subset=None):
        """Iterator of augmented batches from arrays: `(x, y[, sample_weight])` or `x`."""
        return NumpyArrayIterator(
            x, y, self, batch_size=batch_size, shuffle=shuffle, sample_weight=sample_weight,
            seed=seed, data_format=self.data_format, save_to_dir=save_to_dir,
            save_prefix=save_prefix, save_format=save_format,
            ignore_class_split=ignore_class_split, subset=subset, dtype=self.dtype)

    def flow_from_directory(self, directory, target_size=(256, 256), color_mode="rgb",
                            classes=None, class_mode="categorical", batch_size=32, shuffle=True,
                            seed=None, save_to_dir=None, save_prefix="", save_format="png",
                            follow_links=False, subset=None, interpolation="nearest",
                            keep_aspect_ratio=False):
        """Iterator of augmented batches from `directory/<class>/image files`."""
        return DirectoryIterator(
            directory, self, target_size=target_size, color_mode=color_mode, classes=classes,
            class_mode=class_mode, data_format=self.data_format, batch_size=batch_size,
            shuffle=shuffle, seed=seed, save_to_dir=save_to_dir, save_prefix=save_prefix,
            save_format=save_format, follow_links=follow_links, subset=subset,
            interpolation=interpolation, keep_aspect_ratio=keep_aspect_ratio, dtype=self.dtype)

    def flow_from_dataframe(self, dataframe, directory=None, x_col="filename", y_col="class",
                            weight_col=None, target_size=(256, 256), color_mode="rgb",
                            classes=None, class_mode="categorical", batch_size=32, shuffle=True,
                            seed=None, save_to_dir=None, save_prefix="", save_format="png",
                            subset=None, interpolation="nearest", validate_filenames=True,
                            **kwargs):
        """Iterator of augmented batches from file paths (and labels) in a DataFrame."""
        for legacy in ("has_ext", "sort", "drop_duplicates"):
            if kwargs.pop(legacy, None) is not None:
                warnings.warn(f"flow_from_dataframe: `{legacy}` is deprecated and ignored.",
                              stacklevel=2)
        if kwargs:
            raise TypeError(f"flow_from_dataframe got unexpected arguments: {sorted(kwargs)}.")
        return DataFrameIterator(
            dataframe, directory, self, x_col=x_col, y_col=y_col, weight_col=weight_col,
            target_size=target_size, color_mode=color_mode, classes=classes,
            class_mode=class_mode, data_format=self.data_format, batch_size=batch_size,
            shuffle=shuffle, seed=seed, save_to_dir=save_to_dir, save_prefix=save_prefix,
            save_format=save_format, subset=subset, interpolation=interpolation,
            validate_filenames=validate_filenames, dtype=self.dtype)

    def standardize(self, x):
        """Apply preprocessing_function, rescale and normalisation to one image (or batch)."""
        if self.preprocessing_function is not None:
            x = self.preprocessing_function(x)
        x = np.asarray(x)
        if self.rescale:
            x = x * self.rescale
        channel_axis = self.channel_axis - 1 if x.ndim == 3 else self.channel_axis
        epsilon = 1e-6
        if self.samplewise_center:
            x = x - np.mean(x, axis=channel_axis, keepdims=True)
        if self.samplewise_std_normalization:
            x = x / (np.std(x, axis=channel_axis, keepdims=True) + epsilon)
        if self.featurewise_center:
            if self.mean is None:
                warnings.warn("This ImageDataGenerator specifies `featurewise_center`, but it "
                              "hasn't been fit on any training data. Fit it first by calling "
                              "`.fit(numpy_data)`.", stacklevel=2)
            else:
                x = x - self.mean
        if self.featurewise_std_normalization:
            if self.std is None:
                warnings.warn("This ImageDataGenerator specifies "
                              "`featurewise_std_normalization`, but it hasn't been fit on any "
                              "training data. Fit it first by calling `.fit(numpy_data)`.",
                              stacklevel=2)
            else:
                x = x / (self.std + epsilon)
        if self.zca_whitening:
            if self.zca_whitening_matrix is None:
                warnings.warn("This ImageDataGenerator specifies `zca_whitening`, but it "
                              "hasn't been fit on any training data. Fit it first by calling "
                              "`.fit(numpy_data)`.", stacklevel=2)
            else:
                flat = x.reshape(-1, int(np.prod(x.shape[-3:])))
                x = (flat @ self.zca_whitening_matrix).reshape(x.shape)
        return x

    def _shift_amount(self, shift_range, size, rng):
        if isinstance(shift_range, (list, tuple, np.ndarray)):
            amount = float(rng.choice(shift_range)) * rng.choice([-1, 1])
        elif isinstance(shift_range, (int, np.integer)) and not isinstance(shift_range, bool):
            amount = float(rng.randint(-shift_range + 1, shift_range)) if shift_range > 1 else 0.0
        else:
            amount = rng.uniform(-shift_range, shift_range)
        if np.max(np.abs(shift_range)) < 1:
            amount *= size
        return amount

    def _random_params(self, img_shape, rng):
        row_axis, col_axis = self.row_axis - 1, self.col_axis - 1
        params = {"theta": 0, "tx": 0, "ty": 0, "shear": 0, "zx": 1, "zy": 1,
                  "flip_horizontal": False, "flip_vertical": False,
                  "channel_shift_intensity": None, "brightness": None}
        if self.rotation_range:
            params["theta"] = rng.uniform(-self.rotation_range, self.rotation_range)
        if np.any(self.height_shift_range):
            params["tx"] = self._shift_amount(self.height_shift_range, img_shape[row_axis], rng)
        if np.any(self.width_shift_range):
            params["ty"] = self._shift_amount(self.width_shift_range, img_shape[col_axis], rng)
        if self.shear_range:
            params["shear"] = rng.uniform(-self.shear_range, self.shear_range)
        if self.zoom_range != [1.0, 1.0]:
            params["zx"], params["zy"] = rng.uniform(self.zoom_range[0], self.zoom_range[1], 2)
        params["flip_horizontal"] = bool(self.horizontal_flip and rng.rand() < 0.5)
        params["flip_vertical"] = bool(self.vertical_flip and rng.rand() < 0.5)
        if self.channel_shift_range:
            params["channel_shift_intensity"] = rng.uniform(-self.channel_shift_range,
                                                            self.channel_shift_range)
        if self.brightness_range is not None:
            params["brightness"] = rng.uniform(self.brightness_range[0],
                                               self.brightness_range[1])
        return params

    def get_random_transform(self, img_shape, seed=None):
        """Draw random transformation parameters for one image of shape `img_shape`.

        Args:
            img_shape: shape of a single image (rank 3).
            seed: optional int seed.

        Returns:
            dict with keys theta, tx, ty, shear, zx, zy, flip_horizontal, flip_vertical,
            channel_shift_intensity, brightness.
        """
        if seed is None:
            seed = np.random.randint(0, 2 ** 31 - 1)
        rng = np.random.RandomState(seed)
        return self._random_params(img_shape, rng)

    def apply_transform(self, x, transform_parameters):
        """Apply a dict of transformation parameters (see `get_random_transform`) to one image."""
        row_axis, col_axis, channel_axis = (self.row_axis - 1, self.col_axis - 1,
                                            self.channel_axis - 1)
        p = transform_parameters
        x = affine.apply_affine_transform(
            x, p.get("theta", 0), p.get("tx", 0), p.get("ty", 0), p.get("shear", 0),
            p.get("zx", 1), p.get("zy", 1), row_axis=row_axis, col_axis=col_axis,
            channel_axis=channel_axis, fill_mode=self.fill_mode, cval=self.cval,
            order=self.interpolation_order)
        if p.get("channel_shift_intensity") is not None:
            x = affine.apply_channel_shift(x, p["channel_shift_intensity"], channel_axis)
        if p.get("flip_horizontal", False):
            x = affine.flip_axis(x, col_axis)
        if p.get("flip_vertical", False):
            x = affine.flip_axis(x, row_axis)
        if p.get("brightness") is not None:
            x = affine.apply_brightness_shift(x, p["brightness"])
        return x

    def random_transform(self, x, seed=None):
        """Apply one random transformation to a single image."""
        return self.apply_transform(x, self.get_random_transform(x.shape, seed))

    def _augment(self, x, rng):
        x = self.apply_transform(x, self._random_params(x.shape, rng))
        return self.standardize(x)

    def fit(self, x, augment=False, rounds=1, seed=None):
        """Compute the dataset statistics used by feature-wise normalisation and ZCA.

        Args:
            x: rank-4 array of sample images.
            augment: also fit on `rounds` randomly augmented copies.
            rounds: number of augmentation passes when `augment`.
            seed: random seed for the augmentation.
        """
        x = np.asarray(x, dtype=self.dtype)
        if x.ndim != 4:
            raise ValueError(f"ImageDataGenerator.fit expects a rank-4 array of images; "
                             f"received shape {x.shape}.")
        if augment:
            rng = np.random.RandomState(seed)
            x = np.concatenate([np.stack([self.apply_transform(image,
                                                               self._random_params(image.shape,
                                                                                   rng))
                                          for image in x]) for _ in range(rounds)])
        axes = (0, self.row_axis, self.col_axis)
        if self.featurewise_center:
            self.mean = np.mean(x, axis=axes, keepdims=True)[0]
            x = x - self.mean
        if self.featurewise_std_normalization:
            self.std = np.std(x, axis=axes, keepdims=True)[0]
            x = x / (self.std + 1e-6)
        if self.zca_whitening:
            flat = x.reshape(x.shape[0], -1)
            covariance = flat.T @ flat / flat.shape[0]
            u, s, _ = np.linalg.svd(covariance)
            inverse_sqrt = np.diag(1.0 / np.sqrt(s + self.zca_epsilon))
            self.zca_whitening_matrix = (u @ inverse_sqrt @ u.T).astype(self.dtype)
            self.principal_components = self.zca_whitening_matrix
