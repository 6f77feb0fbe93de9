"""Spatial dropout: drops whole feature maps (channels) instead of single units."""
from cornu import config, ops
from cornu.layers.input_spec import InputSpec
from cornu.layers.regularization.dropout import Dropout


class BaseSpatialDropout(Dropout):
    """Dropout whose mask is shared over every non-channel axis."""

    def __init__(self, rate, seed=None, name=None, dtype=None):
        super().__init__(rate, seed=seed, name=name, dtype=dtype)

    def get_config(self):
        return {"rate": self.rate, "seed": self.seed, "name": self.name, "dtype": self.dtype}


class SpatialDropout1D(BaseSpatialDropout):
    """Drops entire channels of a `(batch, steps, channels)` input.

    Args:
        rate: fraction of channels to drop.
        seed: int seed.

    Example:
        >>> SpatialDropout1D(0.5)(np.ones((1, 3, 4)), training=True)
    """

    def __init__(self, rate, seed=None, name=None, dtype=None):
        super().__init__(rate, seed=seed, name=name, dtype=dtype)
        self.input_spec = InputSpec(ndim=3)

    def _get_noise_shape(self, inputs):
        shape = ops.shape(inputs)
        return (shape[0], 1, shape[2])


class SpatialDropout2D(BaseSpatialDropout):
    """Drops entire channels of a 4D input.

    Args:
        rate: fraction of channels to drop.
        data_format: `"channels_last"` (default from config) or `"channels_first"`.
        seed: int seed.

    Example:
        >>> SpatialDropout2D(0.5)(np.ones((1, 2, 2, 4)), training=True)
    """

    def __init__(self, rate, data_format=None, seed=None, name=None, dtype=None):
        super().__init__(rate, seed=seed, name=name, dtype=dtype)
        self.data_format = config.standardize_data_format(data_format)
        self.input_spec = InputSpec(ndim=4)

    def _get_noise_shape(self, inputs):
        shape = ops.shape(inputs)
        if self.data_format == "channels_first":
            return (shape[0], shape[1], 1, 1)
        return (shape[0], 1, 1, shape[3])

    def get_config(self):
        return {**super().get_config(), "data_format": self.data_format}


class SpatialDropout3D(BaseSpatialDropout):
    """Drops entire channels of a 5D input.

    Args:
        rate: fraction of channels to drop.
        data_format: `"channels_last"` (default from config) or `"channels_first"`.
        seed: int seed.

    Example:
        >>> SpatialDropout3D(0.5)(np.ones((1, 2, 2, 2, 4)), training=True)
    """

    def __init__(self, rate, data_format=None, seed=None, name=None, dtype=None):
        super().__init__(rate, seed=seed, name=name, dtype=dtype)
        self.data_format = config.standardize_data_format(data_format)
        self.input_spec = InputSpec(ndim=5)

    def _get_noise_shape(self, inputs):
        shape = ops.shape(inputs)
        if self.data_format == "channels_first":
            return (shape[0], shape[1], 1, 1, 1)
        return (shape[0], 1, 1, 1, shape[4])

    def get_config(self):
        return {**super().get_config(), "data_format": self.data_format}
