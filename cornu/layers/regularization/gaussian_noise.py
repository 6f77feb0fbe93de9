"""`GaussianNoise`: additive zero-mean noise during training."""
from cornu import ops
from cornu.layers.layer import Layer
from cornu.layers.regularization.dropout import make_seed_generator


class GaussianNoise(Layer):
    """Adds `N(0, stddev**2)` noise in training; identity at inference.

    Args:
        stddev: non-negative standard deviation of the noise.
        seed: int seed of the layer's `SeedGenerator`.

    Example:
        >>> GaussianNoise(0.1)(np.zeros((2, 3)), training=True)
    """

    def __init__(self, stddev, seed=None, **kwargs):
        super().__init__(**kwargs)
        if isinstance(stddev, bool) or not isinstance(stddev, (int, float)) or stddev < 0:
            raise ValueError(
                "Invalid value received for argument `stddev` of GaussianNoise: expected a "
                f"float value greater than or equal to 0, received stddev={stddev!r}.")
        self.stddev = stddev
        self.seed = seed
        if stddev > 0:
            self.seed_generator = make_seed_generator(seed)
        self.supports_masking = True
        self.built = True

    def call(self, inputs, training=False):
        if training and self.stddev > 0:
            from cornu import random

            noise = random.normal(ops.shape(inputs), mean=0.0, stddev=self.stddev,
                                  dtype=ops.dtype(inputs), seed=self.seed_generator)
            return ops.add(inputs, noise)
        return inputs

    def compute_output_shape(self, input_shape):
        return input_shape

    def get_config(self):
        return {**super().get_config(), "stddev": self.stddev, "seed": self.seed}
