"""`LayerNormalization`: normalizes each sample over its feature axes."""
from cornu import constraints, initializers, ops, regularizers
from cornu.layers.input_spec import InputSpec
from cornu.layers.layer import Layer

_HALF_PRECISION = ("float16", "bfloat16")


class LayerNormalization(Layer):
    """Per-sample normalization over `axis`, then `gamma * x + beta`.

    Args:
        axis: int or list of ints, the axes to normalize over (usually the last).
        epsilon: added to the variance.
        center / scale: learn `beta` / `gamma` (shaped like the normalized axes).
        rms_scaling: divide by the root mean square instead of centering and
            standardizing (`beta` is then not used).
        beta_initializer, gamma_initializer, beta_regularizer, gamma_regularizer,
        beta_constraint, gamma_constraint: for the weights.

    Example:
        >>> LayerNormalization()(np.array([[1.0, 3.0]]))  # [[-1., 1.]] (approximately)
    """

    def __init__(self, axis=-1, epsilon=1e-3, center=True, scale=True, rms_scaling=False,
                 beta_initializer="zeros", gamma_initializer="ones", beta_regularizer=None,
                 gamma_regularizer=None, beta_constraint=None, gamma_constraint=None, **kwargs):
        super().__init__(**kwargs)
        if isinstance(axis, (list, tuple)):
            self.axis = list(axis)
        elif isinstance(axis, int):
            self.axis = axis
        else:
            raise TypeError(
                f"LayerNormalization: expected an int or a list/tuple of ints for `axis`, "
                f"received axis={axis!r} of type {type(axis).__name__}.")
        self.epsilon = epsilon
        self.center = center
        self.scale = scale
        self.rms_scaling = rms_scaling
        self.beta_initializer = initializers.get(beta_initializer)
        self.gamma_initializer = initializers.get(gamma_initializer)
        self.beta_regularizer = regularizers.get(beta_regularizer)
        self.gamma_regularizer = regularizers.get(gamma_regularizer)
        self.beta_constraint = constraints.get(beta_constraint)
        self.gamma_constraint = constraints.get(gamma_constraint)
        self.supports_masking = True
        self.gamma = None
        self.beta = None

    def build(self, input_shape):
        rank = len(input_shape)
        axes = self.axis if isinstance(self.axis, list) else [self.axis]
        for axis in axes:
            if not -rank <= axis < rank:
                raise ValueError(
                    f"LayerNormalization {self.name!r}: axis {axis} is out of range for input "
                    f"shape {tuple(input_shape)}.")
        self._axes = sorted(a % rank for a in axes)
        param_shape = tuple(input_shape[a] for a in self._axes)
        if any(d is None for d in param_shape):
            raise ValueError(
                f"LayerNormalization {self.name!r}: the normalized axes {self._axes} must have "
                f"known sizes, received input shape {tuple(input_shape)}.")
        if self.scale or self.rms_scaling:
            self.gamma = self.add_weight(shape=param_shape, name="gamma",
                                         initializer=self.gamma_initializer,
                                         regularizer=self.gamma_regularizer,
                                         constraint=self.gamma_constraint, autocast=False)
        if self.center and not self.rms_scaling:
            self.beta = self.add_weight(shape=param_shape, name="beta",
                                        initializer=self.beta_initializer,
                                        regularizer=self.beta_regularizer,
                                        constraint=self.beta_constraint, autocast=False)
        self._broadcast_shape = [1] * rank
        for axis in self._axes:
            self._broadcast_shape[axis] = input_shape[axis]
        self.input_spec = InputSpec(ndim=rank, axes={a: input_shape[a] for a in self._axes})
        self.built = True

    def call(self, inputs):
        input_dtype = ops.dtype(inputs)
        if input_dtype in _HALF_PRECISION:
            inputs = ops.cast(inputs, "float32")
        dtype = ops.dtype(inputs)

        def broadcast(weight):
            return ops.reshape(ops.cast(weight, dtype), self._broadcast_shape)

        if self.rms_scaling:
            mean_square = ops.mean(ops.square(inputs), axis=self._axes, keepdims=True)
            outputs = ops.multiply(inputs, ops.rsqrt(ops.add(mean_square, self.epsilon)))
            if self.gamma is not None:
                outputs = ops.multiply(outputs, broadcast(self.gamma))
        else:
            # Weights of trailing axes go in unreshaped, so the engine can use one fused kernel.
            rank = len(self._broadcast_shape)
            trailing = self._axes == list(range(rank - len(self._axes), rank))
            shape = (lambda w: ops.cast(w, dtype)) if trailing else broadcast
            outputs = ops.layer_normalization(
                inputs, None if self.gamma is None else shape(self.gamma),
                None if self.beta is None else shape(self.beta), axis=self._axes,
                epsilon=self.epsilon)
        if ops.dtype(outputs) != input_dtype:
            outputs = ops.cast(outputs, input_dtype)
        return outputs

    def compute_output_shape(self, input_shape):
        return input_shape

    def get_config(self):
        return {
            **super().get_config(),
            "axis": self.axis if isinstance(self.axis, list) else [self.axis],
            "epsilon": self.epsilon,
            "center": self.center,
            "scale": self.scale,
            "rms_scaling": self.rms_scaling,
            "beta_initializer": initializers.serialize(self.beta_initializer),
            "gamma_initializer": initializers.serialize(self.gamma_initializer),
            "beta_regularizer": regularizers.serialize(self.beta_regularizer),
            "gamma_regularizer": regularizers.serialize(self.gamma_regularizer),
            "beta_constraint": constraints.serialize(self.beta_constraint),
            "gamma_constraint": constraints.serialize(self.gamma_constraint),
        }
