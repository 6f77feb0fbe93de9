"""`SpectralNormalization` (Miyato et al., 2018): keeps a layer's kernel at spectral norm ~1."""
from cornu import initializers, ops
from cornu.layers.core.wrapper import Wrapper
from cornu.layers.input_spec import InputSpec


def _l2_normalize_all(x):
    """`x` divided by its L2 norm over all elements (guarded against a zero norm)."""
    return ops.divide(x, ops.sqrt(ops.maximum(ops.sum(ops.square(x)), 1e-12)))


class SpectralNormalization(Wrapper):
    """Divides the wrapped layer's kernel by its largest singular value during training.

    Each training call runs `power_iterations` steps of power iteration from the stored
    non-trainable estimate `vector_u` (shape `(1, kernel.shape[-1])`), then assigns
    `kernel / sigma` to the wrapped kernel and the new estimate to `vector_u`. Inference
    uses the stored kernel as it is.

    Args:
        layer: a layer with a `kernel` (Dense, Conv...) or `embeddings` weight.
        power_iterations: power-iteration steps per training call (>= 1).

    Example:
        >>> sn = SpectralNormalization(Dense(8), power_iterations=1)
        >>> sn(np.ones((2, 4)), training=True).shape
        (2, 8)
    """

    def __init__(self, layer, power_iterations=1, **kwargs):
        super().__init__(layer, **kwargs)
        if isinstance(power_iterations, bool) or not isinstance(power_iterations, int) or \
                power_iterations <= 0:
            raise ValueError(
                "SpectralNormalization: `power_iterations` should be an integer greater than "
                f"zero, received power_iterations={power_iterations!r}.")
        self.power_iterations = power_iterations

    def build(self, input_shape):
        super().build(input_shape)
        self.input_spec = InputSpec(shape=[None] + list(input_shape[1:]))
        if getattr(self.layer, "kernel", None) is not None:
            kernel = self.layer.kernel
        elif getattr(self.layer, "embeddings", None) is not None:
            kernel = self.layer.embeddings
        else:
            raise ValueError(
                f"SpectralNormalization: {type(self.layer).__name__} object has no attribute "
                "'kernel' nor 'embeddings'; only layers with one of these weights can be "
                "wrapped.")
        self.kernel = kernel
        # The wrapped kernel is listed first among this wrapper's own variables, as Keras does
        # (weight files store `kernel, vector_u` for the wrapper).
        self._trainable_variables.append(kernel)
        self.kernel_shape = tuple(kernel.shape)
        self.vector_u = self.add_weight(
            shape=(1, self.kernel_shape[-1]),
            initializer=initializers.TruncatedNormal(stddev=0.02), trainable=False,
            name="vector_u", dtype=kernel.dtype)
        self.built = True

    def normalized_weights(self):
        """`(new_vector_u, kernel / sigma)` after `power_iterations` power-iteration steps."""
        weights = ops.reshape(self.kernel, (-1, self.kernel_shape[-1]))
        vector_u = self.vector_u.value
        vector_v = None
        for _ in range(self.power_iterations):
            vector_v = _l2_normalize_all(ops.matmul(vector_u, ops.transpose(weights)))
            vector_u = _l2_normalize_all(ops.matmul(vector_v, weights))
        vector_u = ops.stop_gradient(vector_u)
        vector_v = ops.stop_gradient(vector_v)
        sigma = ops.matmul(ops.matmul(vector_v, weights), ops.transpose(vector_u))
        kernel = ops.reshape(ops.divide(self.kernel, sigma), self.kernel_shape)
        return (ops.cast(vector_u, self.vector_u.dtype), ops.cast(kernel, self.kernel.dtype))

    def call(self, inputs, training=False):
        if training:
            kernel = self.kernel.value
            new_vector_u, new_kernel = ops.cond(
                ops.all(ops.equal(kernel, 0)),
                lambda: (self.vector_u.value, kernel),
                self.normalized_weights)
            self.vector_u.assign(new_vector_u)
            self.kernel.assign(new_kernel)
        outputs = self.layer(inputs)
        return ops.cast(outputs, ops.dtype(inputs))

    def compute_output_shape(self, input_shape):
        return self.layer.compute_output_shape(input_shape)

    def get_config(self):
        return {**super().get_config(), "power_iterations": self.power_iterations}
