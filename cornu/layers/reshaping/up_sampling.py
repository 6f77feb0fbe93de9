"""`UpSampling1D`, `UpSampling2D`, `UpSampling3D`: enlarge spatial dims by repetition."""
from cornu import ops
from cornu.layers.convolutional import conv_utils
from cornu.layers.input_spec import InputSpec
from cornu.layers.layer import Layer

_INTERPOLATIONS = ("nearest", "bilinear", "bicubic")


class _BaseUpSampling(Layer):
    rank = None

    def __init__(self, size, data_format=None, **kwargs):
        super().__init__(**kwargs)
        label = type(self).__name__
        self.size = conv_utils.standardize_tuple(size, self.rank, "size", label)
        self.data_format = conv_utils.standardize_data_format(data_format, label)
        self.input_spec = InputSpec(ndim=self.rank + 2)

    def _spatial_start(self):
        return 1 if self.data_format == "channels_last" else 2

    def call(self, inputs):
        start = self._spatial_start()
        for i, factor in enumerate(self.size):
            if factor != 1:
                inputs = ops.repeat(inputs, factor, axis=start + i)
        return inputs

    def compute_output_shape(self, input_shape):
        if len(input_shape) != self.rank + 2:
            raise ValueError(
                f"{type(self).__name__} layer {self.name!r} expects inputs of rank "
                f"{self.rank + 2}, received input shape {tuple(input_shape)}.")
        shape = list(input_shape)
        start = self._spatial_start()
        for i, factor in enumerate(self.size):
            if shape[start + i] is not None:
                shape[start + i] *= factor
        return tuple(shape)

    def get_config(self):
        config = super().get_config()
        config.update({"size": self.size, "data_format": self.data_format})
        return config


class UpSampling1D(_BaseUpSampling):
    """Repeat each time step `size` times.

    Args:
        size: int, the repetition factor.
    Example: `UpSampling1D(2)` maps `(b, 3, f)` to `(b, 6, f)`.
    """

    rank = 1

    def __init__(self, size=2, **kwargs):
        super().__init__(size, data_format="channels_last", **kwargs)

    def get_config(self):
        config = super().get_config()
        config.pop("data_format")
        config["size"] = self.size[0]
        return config


class UpSampling2D(_BaseUpSampling):
    """Enlarge images by `size`, repeating pixels ("nearest") or interpolating.

    Args:
        size: int or `(rows, cols)` factors.
        data_format: `"channels_last"` or `"channels_first"`.
        interpolation: `"nearest"`, `"bilinear"` or `"bicubic"`.
    Example: `UpSampling2D(2, interpolation="bilinear")` doubles height and width.
    """

    rank = 2

    def __init__(self, size=(2, 2), data_format=None, interpolation="nearest", **kwargs):
        super().__init__(size, data_format=data_format, **kwargs)
        if interpolation not in _INTERPOLATIONS:
            raise ValueError(
                f"UpSampling2D: `interpolation` must be one of {_INTERPOLATIONS}, received "
                f"{interpolation!r}.")
        self.interpolation = interpolation

    def call(self, inputs):
        if self.interpolation == "nearest":
            return super().call(inputs)
        start = self._spatial_start()
        height = inputs.shape[start] * self.size[0]
        width = inputs.shape[start + 1] * self.size[1]
        return ops.image.resize(inputs, (height, width), interpolation=self.interpolation,
                                data_format=self.data_format)

    def get_config(self):
        config = super().get_config()
        config["interpolation"] = self.interpolation
        return config


class UpSampling3D(_BaseUpSampling):
    """Repeat voxels `size` times along each of three spatial axes.

    Args:
        size: int or 3 ints.
        data_format: `"channels_last"` or `"channels_first"`.
    Example: `UpSampling3D(2)` maps `(b, 2, 2, 2, c)` to `(b, 4, 4, 4, c)`.
    """

    rank = 3

    def __init__(self, size=(2, 2, 2), data_format=None, **kwargs):
        super().__init__(size, data_format=data_format, **kwargs)
