"""`GaussianDropout`: multiplicative one-centered noise during training."""
import math

from cornu import ops
from cornu.layers.layer import Layer
from cornu.layers.regularization.dropout import make_seed_generator, validate_rate


class GaussianDropout(Layer):
    """Multiplies inputs by `N(1, rate / (1 - rate))` noise in training; identity otherwise.

    Args:
        rate: drop probability of the equivalent Dropout, in [0, 1].
        seed: int seed of the layer's `SeedGenerator`.

    Example:
        >>> GaussianDropout(0.2)(np.ones((2, 3)), training=True)
    """

    def __init__(self, rate, seed=None, **kwargs):
        super().__init__(**kwargs)
        self.rate = validate_rate(rate, "GaussianDropout")
        self.seed = seed
        if self.rate > 0:
            self.seed_generator = make_seed_generator(seed)
        self.supports_masking = True
        self.built = True

    def call(self, inputs, training=False):
        if training and 0 < self.rate < 1:
            from cornu import random

            stddev = math.sqrt(self.rate / (1.0 - self.rate))
            noise = random.normal(ops.shape(inputs), mean=1.0, stddev=stddev,
                                  dtype=ops.dtype(inputs), seed=self.seed_generator)
            return ops.multiply(inputs, noise)
        return inputs

    def compute_output_shape(self, input_shape):
        return input_shape

    def get_config(self):
        return {**super().get_config(), "rate": self.rate, "seed": self.seed}
