"""Max and average pooling over 1, 2 or 3 spatial dimensions."""
from cornu import ops
from cornu.layers.convolutional import conv_utils
from cornu.layers.input_spec import InputSpec
from cornu.layers.layer import Layer


class BasePooling(Layer):
    """Sliding-window max or average.

    Args:
        pool_size: int or tuple of `rank` ints, the window size.
        strides: int or tuple; None means `pool_size`.
        pool_dimensions: number of spatial dimensions (1, 2 or 3).
        pool_mode: `"max"` or `"average"`.
        padding: `"valid"` or `"same"` (average pooling with "same" ignores padded cells).
        data_format: `"channels_last"` or `"channels_first"`.

    Example: `MaxPooling2D()(x)` halves height and width of `x`.
    """

    def __init__(self, pool_size, strides, pool_dimensions, pool_mode="max", padding="valid",
                 data_format=None, name=None, **kwargs):
        super().__init__(name=name, **kwargs)
        label = type(self).__name__
        self.pool_size = conv_utils.standardize_tuple(pool_size, pool_dimensions, "pool_size",
                                                      label)
        strides = pool_size if strides is None else strides
        self.strides = conv_utils.standardize_tuple(strides, pool_dimensions, "strides", label)
        self.pool_dimensions = pool_dimensions
        self.pool_mode = pool_mode
        self.padding = conv_utils.standardize_padding(padding, label)
        self.data_format = conv_utils.standardize_data_format(data_format, label)
        self.input_spec = InputSpec(ndim=pool_dimensions + 2)

    def call(self, inputs):
        pool = ops.max_pool if self.pool_mode == "max" else ops.average_pool
        return pool(inputs, pool_size=self.pool_size, strides=self.strides,
                    padding=self.padding, data_format=self.data_format)

    def compute_output_shape(self, input_shape):
        if len(input_shape) != self.pool_dimensions + 2:
            raise ValueError(
                f"{type(self).__name__} layer {self.name!r} expects inputs of rank "
                f"{self.pool_dimensions + 2}, received input shape {tuple(input_shape)}.")
        spatial = [
            conv_utils.conv_output_length(length, k, self.padding, s)
            for length, k, s in zip(conv_utils.spatial_dims(input_shape, self.data_format),
                                    self.pool_size, self.strides)]
        if any(length is not None and length <= 0 for length in spatial):
            raise ValueError(
                f"{type(self).__name__} layer {self.name!r}: input shape {tuple(input_shape)} "
                f"is smaller than pool_size={self.pool_size} with padding 'valid'.")
        channels = input_shape[conv_utils.channel_axis(self.data_format)]
        return conv_utils.with_spatial_dims(input_shape[0], spatial, channels, self.data_format)

    def get_config(self):
        config = super().get_config()
        config.update({
            "pool_size": self.pool_size,
            "padding": self.padding,
            "strides": self.strides,
            "data_format": self.data_format,
        })
        return config


def _pooling_class(name, rank, mode, default_pool, summary):
    def __init__(self, pool_size=default_pool, strides=None, padding="valid", data_format=None,
                 name=None, **kwargs):
        BasePooling.__init__(self, pool_size, strides, pool_dimensions=rank, pool_mode=mode,
                             padding=padding, data_format=data_format, name=name, **kwargs)

    doc = (f"{summary}\n\n    Args: `pool_size` (default {default_pool}), `strides` (None ->"
           f" pool_size), `padding`, `data_format`; see `BasePooling`.\n"
           f"    Example: `{name}()(x)` divides each spatial dim by 2 (valid padding).\n")
    cls = type(name, (BasePooling,), {"__init__": __init__, "__doc__": doc,
                                      "__module__": __name__})
    cls.__qualname__ = name
    return cls


MaxPooling1D = _pooling_class("MaxPooling1D", 1, "max", 2, "Max pooling over time.")
MaxPooling2D = _pooling_class("MaxPooling2D", 2, "max", (2, 2), "Max pooling over images.")
MaxPooling3D = _pooling_class("MaxPooling3D", 3, "max", (2, 2, 2), "Max pooling over volumes.")
AveragePooling1D = _pooling_class("AveragePooling1D", 1, "average", 2,
                                  "Average pooling over time.")
AveragePooling2D = _pooling_class("AveragePooling2D", 2, "average", (2, 2),
                                  "Average pooling over images.")
AveragePooling3D = _pooling_class("AveragePooling3D", 3, "average", (2, 2, 2),
                                  "Average pooling over volumes.")
