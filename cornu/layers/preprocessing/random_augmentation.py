"""Random image augmentations: RandomFlip, RandomRotation, RandomZoom, RandomTranslation,
RandomContrast and RandomCrop.

Each is active when called with `training=True` (the call default, as in Keras; `fit`
passes True and `predict`/`evaluate` pass False) and the identity otherwise (RandomCrop
resizes to its target size instead). Randomness comes from the layer's `seed_generator`.
"""
import math

from cornu import ops, random
from cornu.layers.convolutional import conv_utils
from cornu.layers.layer import Layer
from cornu.layers.preprocessing import _affine
from cornu.layers.preprocessing.center_crop import image_output_shape


def _factor_range(factor, arg_name, layer_name, allow_none=False):
    """Keras factor rule: a float `f` means `(-f, f)`; a pair means `(lower, upper)`."""
    if factor is None and allow_none:
        return None
    if isinstance(factor, (list, tuple)):
        if len(factor) != 2:
            raise ValueError(f"{layer_name}: `{arg_name}` must be a float or a pair of "
                             f"floats, received {factor!r}.")
        lower, upper = float(factor[0]), float(factor[1])
    elif isinstance(factor, (int, float)):
        lower, upper = -abs(float(factor)), abs(float(factor))
    else:
        raise ValueError(f"{layer_name}: `{arg_name}` must be a float or a pair of floats, "
                         f"received {factor!r}.")
    if upper < lower:
        raise ValueError(f"{layer_name}: `{arg_name}` lower bound {lower} is larger than its "
                         f"upper bound {upper}.")
    return lower, upper


class _RandomImageLayer(Layer):
    """Shared plumbing: seed generator, batching of single images, data_format."""

    def __init__(self, seed=None, data_format=None, **kwargs):
        super().__init__(**kwargs)
        self.seed = seed
        self.seed_generator = random.SeedGenerator(seed)
        self.data_format = conv_utils.standardize_data_format(data_format, type(self).__name__)
        self.supports_masking = False

    def _as_batch(self, inputs):
        """Cast, add a batch axis to single images, and move channels last."""
        inputs = ops.cast(inputs, self.compute_dtype)
        ndim = len(inputs.shape)
        if ndim not in (3, 4):
            raise ValueError(
                f"{type(self).__name__} layer {self.name!r} expects a 3D image or a 4D batch "
                f"of images, received input shape {tuple(inputs.shape)}.")
        single = ndim == 3
        if single:
            inputs = ops.expand_dims(inputs, 0)
        if self.data_format == "channels_first":
            inputs = ops.transpose(inputs, (0, 2, 3, 1))
        return inputs, single

    def _restore(self, images, single):
        if self.data_format == "channels_first":
            images = ops.transpose(images, (0, 3, 1, 2))
        return images[0] if single else images

    def call(self, inputs, training=True):
        if not training:
            return ops.cast(inputs, self.compute_dtype)
        images, single = self._as_batch(inputs)
        return self._restore(self._augment(images), single)

    def compute_output_shape(self, input_shape):
        return tuple(input_shape)

    def get_config(self):
        config = super().get_config()
        config.update({"seed": self.seed, "data_format": self.data_format})
        return config


class RandomFlip(_RandomImageLayer):
    """Flip each image horizontally and/or vertically with probability 1/2.

    Args:
        mode: `"horizontal"`, `"vertical"` or `"horizontal_and_vertical"`.
        seed: int seed.
        data_format: `"channels_last"` or `"channels_first"`.
    Example: `RandomFlip("horizontal")(images, training=True)`.
    """

    _MODES = ("horizontal", "vertical", "horizontal_and_vertical")

    def __init__(self, mode="horizontal_and_vertical", seed=None, data_format=None, **kwargs):
        super().__init__(seed=seed, data_format=data_format, **kwargs)
        if mode not in self._MODES:
            raise ValueError(f"RandomFlip: `mode` must be one of {self._MODES}, received "
                             f"{mode!r}.")
        self.mode = mode

    def _augment(self, images):
        batch = images.shape[0]
        if self.mode in ("horizontal", "horizontal_and_vertical"):
            flip = random.uniform((batch, 1, 1, 1), seed=self.seed_generator) <= 0.5
            images = ops.where(flip, ops.flip(images, axis=2), images)
        if self.mode in ("vertical", "horizontal_and_vertical"):
            flip = random.uniform((batch, 1, 1, 1), seed=self.seed_generator) <= 0.5
            images = ops.where(flip, ops.flip(images, axis=1), images)
        return images

    def get_config(self):
        return {**super().get_config(), "mode": self.mode}


class _RandomAffine(_RandomImageLayer):
    def __init__(self, fill_mode="reflect", interpolation="bilinear", seed=None,
                 fill_value=0.0, data_format=None, **kwargs):
        super().__init__(seed=seed, data_format=data_format, **kwargs)
        label = type(self).__name__
        if fill_mode not in _affine.FILL_MODES:
            raise ValueError(f"{label}: `fill_mode` must be one of {_affine.FILL_MODES}, "
                             f"received {fill_mode!r}.")
        if interpolation not in _affine.INTERPOLATIONS:
            raise ValueError(f"{label}: `interpolation` must be one of "
                             f"{_affine.INTERPOLATIONS}, received {interpolation!r}.")
        self.fill_mode = fill_mode
        self.interpolation = interpolation
        self.fill_value = fill_value

    def _augment(self, images):
        transforms = self._transforms(images.shape[0], images.shape[1], images.shape[2],
                                      images.dtype)
        return _affine.affine_transform(images, transforms, self.interpolation, self.fill_mode,
                                        self.fill_value)

    def _uniform(self, batch, bounds, dtype):
        return random.uniform((batch,), minval=bounds[0], maxval=bounds[1], dtype=dtype,
                              seed=self.seed_generator)

    def get_config(self):
        config = super().get_config()
        config.update({"fill_mode": self.fill_mode, "interpolation": self.interpolation,
                       "fill_value": self.fill_value})
        return config


def _stack_transform(columns):
    return ops.stack(columns, axis=1)


class RandomRotation(_RandomAffine):
    """Rotate each image by a random angle about its center.

    Args:
        factor: fraction of a full turn: a float `f` draws angles in `[-f, f] * 2 pi`, a
            pair `(lower, upper)` in `[lower, upper] * 2 pi`.
        fill_mode: `"reflect"` (default), `"wrap"`, `"constant"` or `"nearest"`.
        interpolation: `"bilinear"` or `"nearest"`.
        seed, fill_value, data_format: see the module docstring.
    Example: `RandomRotation(0.1)` rotates by up to +/-36 degrees.
    """

    def __init__(self, factor, fill_mode="reflect", interpolation="bilinear", seed=None,
                 fill_value=0.0, data_format=None, **kwargs):
        super().__init__(fill_mode=fill_mode, interpolation=interpolation, seed=seed,
                         fill_value=fill_value, data_format=data_format, **kwargs)
        self.factor = factor
        self._bounds = _factor_range(factor, "factor", "RandomRotation")

    def _transforms(self, batch, height, width, dtype):
        angles = self._uniform(batch, self._bounds, dtype) * (2.0 * math.pi)
        cos, sin = ops.cos(angles), ops.sin(angles)
        x_offset = ((width - 1) - (cos * (width - 1) - sin * (height - 1))) / 2.0
        y_offset = ((height - 1) - (sin * (width - 1) + cos * (height - 1))) / 2.0
        zeros = ops.zeros_like(angles)
        return _stack_transform([cos, -sin, x_offset, sin, cos, y_offset, zeros, zeros])

    def get_config(self):
        return {**super().get_config(), "factor": self.factor}


class RandomZoom(_RandomAffine):
    """Zoom each image in or out by a random factor about its center.

    Args:
        height_factor: a float `f` draws `z` in `[-f, f]` (a pair: `[lower, upper]`) and
            scales the sampling grid by `1 + z`: positive values zoom out, negative in.
        width_factor: same for the width; None keeps the aspect ratio.
        fill_mode, interpolation, seed, fill_value, data_format: as `RandomRotation`.
    Example: `RandomZoom(0.2)`.
    """

    def __init__(self, height_factor, width_factor=None, fill_mode="reflect",
                 interpolation="bilinear", seed=None, fill_value=0.0, data_format=None,
                 **kwargs):
        super().__init__(fill_mode=fill_mode, interpolation=interpolation, seed=seed,
                         fill_value=fill_value, data_format=data_format, **kwargs)
        self.height_factor = height_factor
        self.width_factor = width_factor
        self._height_bounds = _factor_range(height_factor, "height_factor", "RandomZoom")
        self._width_bounds = _factor_range(width_factor, "width_factor", "RandomZoom",
                                           allow_none=True)
        if self._height_bounds[0] < -1 or (self._width_bounds and self._width_bounds[0] < -1):
            raise ValueError(f"RandomZoom: factors must be >= -1, received "
                             f"height_factor={height_factor!r}, width_factor={width_factor!r}.")

    def _transforms(self, batch, height, width, dtype):
        zoom_y = 1.0 + self._uniform(batch, self._height_bounds, dtype)
        zoom_x = zoom_y if self._width_bounds is None else \
            1.0 + self._uniform(batch, self._width_bounds, dtype)
        zeros = ops.zeros_like(zoom_y)
        x_offset = (width - 1) / 2.0 * (1.0 - zoom_x)
        y_offset = (height - 1) / 2.0 * (1.0 - zoom_y)
        return _stack_transform([zoom_x, zeros, x_offset, zeros, zoom_y, y_offset, zeros, zeros])

    def get_config(self):
        return {**super().get_config(), "height_factor": self.height_factor,
                "width_factor": self.width_factor}


class RandomTranslation(_RandomAffine):
    """Shift each image by a random fraction of its height and width.

    Args:
        height_factor / width_factor: a float `f` draws shifts in `[-f, f]` times the size;
            a pair gives `[lower, upper]`; positive values move the image down / right.
        fill_mode, interpolation, seed, fill_value, data_format: as `RandomRotation`.
    Example: `RandomTranslation(0.1, 0.1)`.
    """

    def __init__(self, height_factor, width_factor, fill_mode="reflect",
                 interpolation="bilinear", seed=None, fill_value=0.0, data_format=None,
                 **kwargs):
        super().__init__(fill_mode=fill_mode, interpolation=interpolation, seed=seed,
                         fill_value=fill_value, data_format=data_format, **kwargs)
        self.height_factor = height_factor
        self.width_factor = width_factor
        self._height_bounds = _factor_range(height_factor, "height_factor",
                                            "RandomTranslation")
        self._width_bounds = _factor_range(width_factor, "width_factor", "RandomTranslation")

    def _transforms(self, batch, height, width, dtype):
        shift_y = self._uniform(batch, self._height_bounds, dtype) * height
        shift_x = self._uniform(batch, self._width_bounds, dtype) * width
        ones = ops.ones_like(shift_y)
        zeros = ops.zeros_like(shift_y)
        return _stack_transform([ones, zeros, -shift_x, zeros, ones, -shift_y, zeros, zeros])

    def get_config(self):
        return {**super().get_config(), "height_factor": self.height_factor,
                "width_factor": self.width_factor}


class RandomContrast(_RandomImageLayer):
    """Scale each image's deviation from its per-channel mean by a random factor.

    Args:
        factor: a float `f` draws the contrast factor in `[1 - f, 1 + f]`; a pair
            `(lower, upper)` draws it in `[1 - lower, 1 + upper]`.
        value_range: outputs are clipped to this range (default `(0, 255)`).
        seed: int seed.
    Example: `RandomContrast(0.2)`.
    """

    def __init__(self, factor, value_range=(0, 255), seed=None, **kwargs):
        super().__init__(seed=seed, **kwargs)
        if isinstance(factor, (list, tuple)):
            lower, upper = float(factor[0]), float(factor[1])
        elif isinstance(factor, (int, float)):
            lower = upper = float(factor)
        else:
            raise ValueError(f"RandomContrast: `factor` must be a float or a pair of floats, "
                             f"received {factor!r}.")
        if lower < 0 or upper < 0 or lower > 1:
            raise ValueError(f"RandomContrast: `factor` must be in [0, 1] (upper may exceed "
                             f"1), received {factor!r}.")
        self.factor = factor
        self.value_range = tuple(value_range)
        self._bounds = (1.0 - lower, 1.0 + upper)

    def _augment(self, images):
        batch = images.shape[0]
        factors = random.uniform((batch, 1, 1, 1), minval=self._bounds[0],
                                 maxval=self._bounds[1], dtype=images.dtype,
                                 seed=self.seed_generator)
        mean = ops.mean(images, axis=(1, 2), keepdims=True)
        adjusted = (images - mean) * factors + mean
        return ops.clip(adjusted, self.value_range[0], self.value_range[1])

    def get_config(self):
        config = super().get_config()
        config.pop("data_format")
        config.update({"factor": self.factor, "value_range": self.value_range})
        return config


class RandomCrop(_RandomImageLayer):
    """Crop a random `height x width` window (one offset per batch) during training.

    At inference, and in training when the images are too small, images are resized
    to the target size keeping the aspect ratio (center crop + resize), as Keras.

    Args:
        height / width: output size.
        seed, data_format: see the module docstring.
    Example: `RandomCrop(24, 24)(images, training=True)`.
    """

    def __init__(self, height, width, seed=None, data_format=None, **kwargs):
        super().__init__(seed=seed, data_format=data_format, **kwargs)
        for arg_name, value in (("height", height), ("width", width)):
            if not isinstance(value, int) or value <= 0:
                raise ValueError(f"RandomCrop: `{arg_name}` must be a positive integer, "
                                 f"received {value!r}.")
        self.height = height
        self.width = width

    def call(self, inputs, training=True):
        images, single = self._as_batch(inputs)
        source_h, source_w = images.shape[1], images.shape[2]
        if training and source_h >= self.height and source_w >= self.width:
            offsets = random.uniform((2,), seed=self.seed_generator)
            top = ops.cast(ops.floor(offsets[0] * (source_h - self.height + 1)), "int32")
            left = ops.cast(ops.floor(offsets[1] * (source_w - self.width + 1)), "int32")
            rows = ops.arange(self.height) + top
            cols = ops.arange(self.width) + left
            cropped = ops.take(ops.take(images, rows, axis=1), cols, axis=2)
        elif source_h == self.height and source_w == self.width:
            cropped = images
        else:
            cropped = ops.image.resize(images, (self.height, self.width),
                                       crop_to_aspect_ratio=True)
        return self._restore(cropped, single)

    def compute_output_shape(self, input_shape):
        return image_output_shape(input_shape, self.height, self.width, self.data_format,
                                  self.name)

    def get_config(self):
        return {**super().get_config(), "height": self.height, "width": self.width}
