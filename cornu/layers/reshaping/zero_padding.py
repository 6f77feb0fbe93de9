"""`ZeroPadding1D`, `ZeroPadding2D`, `ZeroPadding3D`: add zeros at the spatial borders."""
from cornu import ops
from cornu.layers.convolutional import conv_utils
from cornu.layers.input_spec import InputSpec
from cornu.layers.layer import Layer
from cornu.layers.reshaping._spatial_args import standardize_pairs


class _BaseZeroPadding(Layer):
    rank = None

    def __init__(self, padding, data_format=None, **kwargs):
        super().__init__(**kwargs)
        label = type(self).__name__
        self.padding = standardize_pairs(padding, self.rank, "padding", label)
        self.data_format = conv_utils.standardize_data_format(data_format, label)
        self.input_spec = InputSpec(ndim=self.rank + 2)

    def _pad_width(self):
        if self.data_format == "channels_last":
            return [(0, 0)] + [tuple(p) for p in self.padding] + [(0, 0)]
        return [(0, 0), (0, 0)] + [tuple(p) for p in self.padding]

    def call(self, inputs):
        return ops.pad(inputs, self._pad_width())

    def compute_output_shape(self, input_shape):
        if len(input_shape) != self.rank + 2:
            raise ValueError(
                f"{type(self).__name__} layer {self.name!r} expects inputs of rank "
                f"{self.rank + 2}, received input shape {tuple(input_shape)}.")
        return tuple(None if d is None else d + before + after
                     for d, (before, after) in zip(input_shape, self._pad_width()))

    def get_config(self):
        config = super().get_config()
        config.update({"padding": self.padding, "data_format": self.data_format})
        return config


class ZeroPadding1D(_BaseZeroPadding):
    """Pad the time axis with zeros.

    Args:
        padding: int or `(before, after)`.
        data_format: `"channels_last"` (steps on axis 1) or `"channels_first"`.
    Example: `ZeroPadding1D(2)` maps `(b, 5, f)` to `(b, 9, f)`.
    """

    rank = 1

    def __init__(self, padding=1, data_format=None, **kwargs):
        super().__init__(padding, data_format=data_format, **kwargs)

    def get_config(self):
        config = super().get_config()
        config["padding"] = self.padding[0]
        return config


class ZeroPadding2D(_BaseZeroPadding):
    """Pad height and width with zeros.

    Args:
        padding: int, `(rows, cols)`, or `((top, bottom), (left, right))`.
        data_format: `"channels_last"` or `"channels_first"`.
    Example: `ZeroPadding2D(((3, 3), (3, 3)))` as in ResNet's stem.
    """

    rank = 2

    def __init__(self, padding=(1, 1), data_format=None, **kwargs):
        super().__init__(padding, data_format=data_format, **kwargs)


class ZeroPadding3D(_BaseZeroPadding):
    """Pad three spatial dimensions with zeros.

    Args:
        padding: int, 3 ints, or 3 `(before, after)` pairs.
        data_format: `"channels_last"` or `"channels_first"`.
    Example: `ZeroPadding3D(1)` maps `(b, 4, 4, 4, c)` to `(b, 6, 6, 6, c)`.
    """

    rank = 3

    def __init__(self, padding=((1, 1), (1, 1), (1, 1)), data_format=None, **kwargs):
        super().__init__(padding, data_format=data_format, **kwargs)
