"""`Cropping1D`, `Cropping2D`, `Cropping3D`: remove rows/columns at the spatial borders."""
from cornu.layers.convolutional import conv_utils
from cornu.layers.input_spec import InputSpec
from cornu.layers.layer import Layer
from cornu.layers.reshaping._spatial_args import standardize_pairs


class _BaseCropping(Layer):
    rank = None

    def __init__(self, cropping, data_format=None, **kwargs):
        super().__init__(**kwargs)
        label = type(self).__name__
        self.cropping = standardize_pairs(cropping, self.rank, "cropping", label)
        self.data_format = conv_utils.standardize_data_format(data_format, label)
        self.input_spec = InputSpec(ndim=self.rank + 2)

    def _spatial_start(self):
        return 1 if self.data_format == "channels_last" else 2

    def compute_output_shape(self, input_shape):
        input_shape = list(input_shape)
        if len(input_shape) != self.rank + 2:
            raise ValueError(
                f"{type(self).__name__} layer {self.name!r} expects inputs of rank "
                f"{self.rank + 2}, received input shape {tuple(input_shape)}.")
        start = self._spatial_start()
        for i, (before, after) in enumerate(self.cropping):
            length = input_shape[start + i]
            if length is None:
                continue
            if before + after >= length:
                raise ValueError(
                    f"{type(self).__name__} layer {self.name!r}: cropping {self.cropping} "
                    f"removes all of spatial dimension {i} (size {length}) of input shape "
                    f"{tuple(input_shape)}.")
            input_shape[start + i] = length - before - after
        return tuple(input_shape)

    def call(self, inputs):
        self.compute_output_shape(inputs.shape)
        index = [slice(None)] * (self.rank + 2)
        start = self._spatial_start()
        for i, (before, after) in enumerate(self.cropping):
            index[start + i] = slice(before, inputs.shape[start + i] - after)
        return inputs[tuple(index)]

    def get_config(self):
        config = super().get_config()
        config.update({"cropping": self.cropping, "data_format": self.data_format})
        return config


class Cropping1D(_BaseCropping):
    """Crop the time axis of `(batch, steps, features)` inputs.

    Args:
        cropping: int or `(before, after)`, steps removed at each end.
    Example: `Cropping1D((1, 2))` maps `(b, 10, f)` to `(b, 7, f)`.
    """

    rank = 1

    def __init__(self, cropping=(1, 1), **kwargs):
        super().__init__(cropping, data_format="channels_last", **kwargs)

    def get_config(self):
        config = super().get_config()
        config.pop("data_format")
        config["cropping"] = self.cropping[0]
        return config


class Cropping2D(_BaseCropping):
    """Crop height and width of images.

    Args:
        cropping: int, `(rows, cols)` symmetric amounts, or `((top, bottom), (left, right))`.
        data_format: `"channels_last"` or `"channels_first"`.
    Example: `Cropping2D(((1, 1), (2, 2)))` maps `(b, 8, 8, c)` to `(b, 6, 4, c)`.
    """

    rank = 2

    def __init__(self, cropping=((0, 0), (0, 0)), data_format=None, **kwargs):
        super().__init__(cropping, data_format=data_format, **kwargs)


class Cropping3D(_BaseCropping):
    """Crop three spatial dimensions.

    Args:
        cropping: int, 3 symmetric ints, or 3 `(before, after)` pairs.
        data_format: `"channels_last"` or `"channels_first"`.
    Example: `Cropping3D(1)` maps `(b, 6, 6, 6, c)` to `(b, 4, 4, 4, c)`.
    """

    rank = 3

    def __init__(self, cropping=((1, 1), (1, 1), (1, 1)), data_format=None, **kwargs):
        super().__init__(cropping, data_format=data_format, **kwargs)
