"""`AlphaDropout`: dropout that keeps the mean and variance of SELU activations."""
from cornu import ops
from cornu.layers.layer import Layer
from cornu.layers.regularization.dropout import make_seed_generator, validate_rate

_SELU_ALPHA = 1.6732632423543772848170429916717
_SELU_SCALE = 1.0507009873554804934193349852946


class AlphaDropout(Layer):
    """Sets dropped units to SELU's negative saturation value, then applies an affine
    correction so the mean and variance of the inputs are preserved (training only).

    Args:
        rate: fraction of units to drop, in [0, 1].
        noise_shape: shape of the keep mask (None entries take the input's size).
        seed: int seed of the layer's `SeedGenerator`.

    Example:
        >>> AlphaDropout(0.1)(np.ones((2, 3)), training=True)
    """

    def __init__(self, rate, noise_shape=None, seed=None, **kwargs):
        super().__init__(**kwargs)
        self.rate = validate_rate(rate, "AlphaDropout")
        self.seed = seed
        self.noise_shape = None if noise_shape is None else tuple(noise_shape)
        if self.rate > 0:
            self.seed_generator = make_seed_generator(seed)
        self.supports_masking = True
        self.built = True

    def call(self, inputs, training=False):
        if not training or self.rate <= 0:
            return inputs
        from cornu import random

        shape = ops.shape(inputs)
        if self.noise_shape is None:
            noise_shape = shape
        else:
            noise_shape = tuple(shape[i] if d is None else d
                                for i, d in enumerate(self.noise_shape))
        alpha_p = -_SELU_ALPHA * _SELU_SCALE
        draws = random.uniform(noise_shape, dtype=ops.dtype(inputs), seed=self.seed_generator)
        kept = ops.cast(ops.greater_equal(draws, self.rate), ops.dtype(inputs))
        kept = ops.broadcast_to(kept, shape)
        a = ((1.0 - self.rate) * (1.0 + self.rate * alpha_p ** 2)) ** -0.5
        b = -a * alpha_p * self.rate
        dropped = ops.add(ops.multiply(inputs, kept),
                          ops.multiply(alpha_p, ops.subtract(1.0, kept)))
        return ops.add(ops.multiply(a, dropped), b)

    def compute_output_shape(self, input_shape):
        return input_shape

    def get_config(self):
        return {**super().get_config(), "rate": self.rate, "seed": self.seed,
                "noise_shape": self.noise_shape}
