"""`Rescaling`: `inputs * scale + offset` (e.g. pixels from [0, 255] to [0, 1])."""
import numpy as np

from cornu import config, ops
from cornu.layers.layer import Layer


class Rescaling(Layer):
    """Multiply inputs by `scale` and add `offset`.

    Args:
        scale: float, or a per-channel list/array (channel axis per `image_data_format`).
        offset: float or per-channel list/array.
    Returns:
        Float outputs in the layer's compute dtype.
    Example: `Rescaling(1.0 / 127.5, offset=-1)` maps [0, 255] to [-1, 1].
    """

    def __init__(self, scale, offset=0.0, **kwargs):
        super().__init__(**kwargs)
        for arg_name, value in (("scale", scale), ("offset", offset)):
            try:
                np.asarray(value, dtype="float64")
            except (TypeError, ValueError):
                raise ValueError(
                    f"Rescaling: `{arg_name}` must be a number or a list of numbers, received "
                    f"{value!r}.") from None
        self.scale = scale
        self.offset = offset
        self.supports_masking = True

    def _broadcastable(self, value, ndim):
        array = np.asarray(value, dtype=self.compute_dtype)
        if array.ndim > 0 and config.image_data_format() == "channels_first":
            array = array.reshape(array.shape + (1,) * (ndim - array.ndim - 1))
        return array

    def call(self, inputs):
        inputs = ops.cast(inputs, self.compute_dtype)
        ndim = len(inputs.shape)
        scaled = ops.multiply(inputs, self._broadcastable(self.scale, ndim))
        return ops.add(scaled, self._broadcastable(self.offset, ndim))

    def compute_output_shape(self, input_shape):
        return tuple(input_shape)

    def get_config(self):
        config_ = super().get_config()
        config_.update({"scale": _plain(self.scale), "offset": _plain(self.offset)})
        return config_


def _plain(value):
    if isinstance(value, np.ndarray):
        return value.tolist()
    if isinstance(value, np.generic):
        return value.item()
    return value
