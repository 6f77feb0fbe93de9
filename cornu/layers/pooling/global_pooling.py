"""Global max / average pooling: reduce all spatial dimensions to one value per channel."""
from cornu import ops
from cornu.layers.convolutional import conv_utils
from cornu.layers.input_spec import InputSpec
from cornu.layers.layer import Layer


class BaseGlobalPooling(Layer):
    """Reduce the spatial axes with max or mean.

    Args:
        pool_dimensions: number of spatial dimensions (1, 2 or 3).
        pool_mode: `"max"` or `"average"`.
        data_format: `"channels_last"` or `"channels_first"`.
        keepdims: keep the reduced axes with size 1.

    Example: `GlobalAveragePooling2D()(x)` maps `(b, h, w, c)` to `(b, c)`.
    """

    def __init__(self, pool_dimensions, pool_mode, data_format=None, keepdims=False, **kwargs):
        super().__init__(**kwargs)
        self.pool_dimensions = pool_dimensions
        self.pool_mode = pool_mode
        self.data_format = conv_utils.standardize_data_format(data_format, type(self).__name__)
        self.keepdims = keepdims
        self.input_spec = InputSpec(ndim=pool_dimensions + 2)

    def _spatial_axes(self):
        if self.data_format == "channels_last":
            return tuple(range(1, self.pool_dimensions + 1))
        return tuple(range(2, self.pool_dimensions + 2))

    def call(self, inputs):
        reduce = ops.max if self.pool_mode == "max" else ops.mean
        return reduce(inputs, axis=self._spatial_axes(), keepdims=self.keepdims)

    def compute_output_shape(self, input_shape):
        input_shape = tuple(input_shape)
        if len(input_shape) != self.pool_dimensions + 2:
            raise ValueError(
                f"{type(self).__name__} layer {self.name!r} expects inputs of rank "
                f"{self.pool_dimensions + 2}, received input shape {input_shape}.")
        axes = self._spatial_axes()
        if self.keepdims:
            return tuple(1 if i in axes else d for i, d in enumerate(input_shape))
        return tuple(d for i, d in enumerate(input_shape) if i not in axes)

    def get_config(self):
        config = super().get_config()
        config.update({"data_format": self.data_format, "keepdims": self.keepdims})
        return config


class GlobalAveragePooling1D(BaseGlobalPooling):
    """Mean over time; masked steps (from `mask`) are left out of the mean.

    Example: `GlobalAveragePooling1D()(x)` maps `(b, steps, c)` to `(b, c)`.
    """

    def __init__(self, data_format=None, keepdims=False, **kwargs):
        super().__init__(pool_dimensions=1, pool_mode="average", data_format=data_format,
                         keepdims=keepdims, **kwargs)
        self.supports_masking = True

    def call(self, inputs, mask=None):
        steps_axis = 1 if self.data_format == "channels_last" else 2
        if mask is None:
            return ops.mean(inputs, axis=steps_axis, keepdims=self.keepdims)
        weights = ops.cast(mask, inputs.dtype)
        weights = ops.expand_dims(weights, 2 if self.data_format == "channels_last" else 1)
        total = ops.sum(ops.multiply(inputs, weights), axis=steps_axis, keepdims=self.keepdims)
        count = ops.sum(weights, axis=steps_axis, keepdims=self.keepdims)
        return ops.divide(total, count)

    def compute_mask(self, inputs, mask=None):
        return None


def _global_class(name, rank, mode, summary):
    def __init__(self, data_format=None, keepdims=False, **kwargs):
        BaseGlobalPooling.__init__(self, pool_dimensions=rank, pool_mode=mode,
                                   data_format=data_format, keepdims=keepdims, **kwargs)

    doc = (f"{summary}\n\n    Args: `data_format`, `keepdims` (see `BaseGlobalPooling`).\n"
           f"    Example: `{name}()(x)` keeps only the batch and channel axes.\n")
    cls = type(name, (BaseGlobalPooling,), {"__init__": __init__, "__doc__": doc,
                                            "__module__": __name__})
    cls.__qualname__ = name
    return cls


GlobalMaxPooling1D = _global_class("GlobalMaxPooling1D", 1, "max", "Max over time.")
GlobalMaxPooling2D = _global_class("GlobalMaxPooling2D", 2, "max", "Max over height and width.")
GlobalMaxPooling3D = _global_class("GlobalMaxPooling3D", 3, "max", "Max over three spatial axes.")
GlobalAveragePooling2D = _global_class("GlobalAveragePooling2D", 2, "average",
                                       "Mean over height and width.")
GlobalAveragePooling3D = _global_class("GlobalAveragePooling3D", 3, "average",
                                       "Mean over three spatial axes.")
