"""`Dropout`: randomly zeroes inputs during training."""
from cornu import ops
from cornu.layers.layer import Layer


def validate_rate(rate, layer_name):
    """Raise a clear error unless `0 <= rate <= 1`; return it as a float."""
    if isinstance(rate, bool) or not isinstance(rate, (int, float)) or not 0 <= rate <= 1:
        raise ValueError(
            f"Invalid value received for argument `rate` of {layer_name}: expected a float "
            f"value between 0 and 1, received rate={rate!r}.")
    return float(rate) if isinstance(rate, int) else rate


def make_seed_generator(seed):
    from cornu import random

    return random.SeedGenerator(seed)


class Dropout(Layer):
    """Sets a fraction `rate` of inputs to 0 in training and scales the rest by `1/(1-rate)`.

    Inference (`training=False`, `predict`, `evaluate`) returns the input unchanged.

    Args:
        rate: fraction of units to drop, in [0, 1].
        noise_shape: shape of the binary mask broadcast over the input (`None` entries take
            the input's size), e.g. `(batch, 1, features)` to drop the same features at
            every timestep.
        seed: int seed of the layer's `SeedGenerator`.

    Example:
        >>> Dropout(0.5)(np.ones((2, 4)), training=True)  # entries 0. or 2.
    """

    def __init__(self, rate, noise_shape=None, seed=None, **kwargs):
        super().__init__(**kwargs)
        self.rate = validate_rate(rate, type(self).__name__)
        self.seed = seed
        self.noise_shape = None if noise_shape is None else tuple(noise_shape)
        if self.rate > 0:
            self.seed_generator = make_seed_generator(seed)
        self.supports_masking = True
        self.built = True

    def call(self, inputs, training=False):
        if training and self.rate > 0:
            from cornu import random

            return random.dropout(inputs, self.rate, noise_shape=self._get_noise_shape(inputs),
                                  seed=self.seed_generator)
        return inputs

    def _get_noise_shape(self, inputs):
        if self.noise_shape is None:
            return None
        shape = ops.shape(inputs)
        if len(self.noise_shape) != len(shape):
            raise ValueError(
                f"{type(self).__name__} {self.name!r}: noise_shape={self.noise_shape} must have "
                f"the input's rank {len(shape)} (input shape {tuple(shape)}).")
        return tuple(shape[i] if d is None else d for i, d in enumerate(self.noise_shape))

    def compute_output_shape(self, input_shape):
        return input_shape

    def get_config(self):
        return {**super().get_config(), "rate": self.rate, "seed": self.seed,
                "noise_shape": self.noise_shape}
