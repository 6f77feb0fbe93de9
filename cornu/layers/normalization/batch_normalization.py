"""`BatchNormalization`: normalizes with batch statistics in training, moving ones at inference."""
from cornu import constraints, initializers, ops, regularizers
from cornu.layers.input_spec import InputSpec
from cornu.layers.layer import Layer

_HALF_PRECISION = ("float16", "bfloat16")


class BatchNormalization(Layer):
    """Normalizes each feature of `axis` to zero mean and unit variance, then scales and shifts.

    In training (`training=True` and the layer trainable) it uses the batch's mean and
    (biased) variance and updates `moving_mean`/`moving_variance` by
    `moving = moving * momentum + batch * (1 - momentum)`; otherwise it uses the moving
    statistics. A frozen layer (`trainable=False`) always runs in inference mode.

    Args:
        axis: the feature axis (int).
        momentum: momentum of the moving statistics.
        epsilon: added to the variance before the square root.
        center / scale: learn `beta` / `gamma`.
        beta_initializer, gamma_initializer, moving_mean_initializer,
        moving_variance_initializer, beta_regularizer, gamma_regularizer, beta_constraint,
        gamma_constraint: for the corresponding weights.
        synchronized: accepted for compatibility (single-device here).
        renorm, renorm_clipping, renorm_momentum: batch renormalization (not supported yet;
            `renorm=True` raises).

    Call arguments:
        inputs: tensor of any rank.
        training: use batch statistics (and update the moving ones).
        mask: optional `(batch, ...)` boolean mask of the positions to include in the batch
            statistics.

    Example:
        >>> bn = BatchNormalization(); y = bn(x, training=True)
    """

    def __init__(self, axis=-1, momentum=0.99, epsilon=1e-3, center=True, scale=True,
                 beta_initializer="zeros", gamma_initializer="ones",
                 moving_mean_initializer="zeros", moving_variance_initializer="ones",
                 beta_regularizer=None, gamma_regularizer=None, beta_constraint=None,
                 gamma_constraint=None, synchronized=False, renorm=False, renorm_clipping=None,
                 renorm_momentum=0.99, **kwargs):
        super().__init__(**kwargs)
        if not isinstance(axis, int):
            raise TypeError(
                f"BatchNormalization: `axis` must be an int, received axis={axis!r}.")
        if renorm:
            raise NotImplementedError(
                "BatchNormalization(renorm=True) is not supported by cornu yet.")
        self.axis = axis
        self.momentum = float(momentum)
        self.epsilon = float(epsilon)
        self.center = center
        self.scale = scale
        self.beta_initializer = initializers.get(beta_initializer)
        self.gamma_initializer = initializers.get(gamma_initializer)
        self.moving_mean_initializer = initializers.get(moving_mean_initializer)
        self.moving_variance_initializer = initializers.get(moving_variance_initializer)
        self.beta_regularizer = regularizers.get(beta_regularizer)
        self.gamma_regularizer = regularizers.get(gamma_regularizer)
        self.beta_constraint = constraints.get(beta_constraint)
        self.gamma_constraint = constraints.get(gamma_constraint)
        self.synchronized = synchronized
        self.renorm = renorm
        self.renorm_clipping = renorm_clipping
        self.renorm_momentum = renorm_momentum
        self.supports_masking = True
        self.gamma = None
        self.beta = None
        self.moving_mean = None
        self.moving_variance = None

    def build(self, input_shape):
        rank = len(input_shape)
        if not -rank <= self.axis < rank:
            raise ValueError(
                f"BatchNormalization {self.name!r}: axis={self.axis} is out of range for input "
                f"shape {tuple(input_shape)}.")
        channels = input_shape[self.axis]
        if channels is None:
            raise ValueError(
                f"BatchNormalization {self.name!r}: the feature axis {self.axis} of the input "
                f"must be known, received input shape {tuple(input_shape)}.")
        shape = (channels,)
        if self.scale:
            self.gamma = self.add_weight(shape=shape, name="gamma",
                                         initializer=self.gamma_initializer,
                                         regularizer=self.gamma_regularizer,
                                         constraint=self.gamma_constraint, autocast=False)
        if self.center:
            self.beta = self.add_weight(shape=shape, name="beta",
                                        initializer=self.beta_initializer,
                                        regularizer=self.beta_regularizer,
                                        constraint=self.beta_constraint, autocast=False)
        self.moving_mean = self.add_weight(shape=shape, name="moving_mean",
                                           initializer=self.moving_mean_initializer,
                                           trainable=False, autocast=False)
        self.moving_variance = self.add_weight(shape=shape, name="moving_variance",
                                               initializer=self.moving_variance_initializer,
                                               trainable=False, autocast=False)
        self.input_spec = InputSpec(ndim=rank, axes={self.axis: channels})
        self._reduction_axes = [i for i in range(rank) if i != self.axis % rank]
        self._broadcast_shape = [1] * rank
        self._broadcast_shape[self.axis % rank] = channels
        self.built = True

    def _broadcast(self, value):
        return ops.reshape(value, self._broadcast_shape)

    def call(self, inputs, training=None, mask=None):
        input_dtype = ops.dtype(inputs)
        if input_dtype in _HALF_PRECISION:
            inputs = ops.cast(inputs, "float32")
        if training and self.trainable:
            mean, variance = self._moments(inputs, mask)
            self._update_moving(mean, variance)
        else:
            mean = ops.cast(self.moving_mean, ops.dtype(inputs))
            variance = ops.cast(self.moving_variance, ops.dtype(inputs))
        inv = ops.rsqrt(ops.add(variance, self.epsilon))
        if self.gamma is not None:
            inv = ops.multiply(inv, ops.cast(self.gamma, ops.dtype(inputs)))
        outputs = ops.multiply(ops.subtract(inputs, self._broadcast(mean)), self._broadcast(inv))
        if self.beta is not None:
            outputs = ops.add(outputs, self._broadcast(ops.cast(self.beta, ops.dtype(inputs))))
        if ops.dtype(outputs) != input_dtype:
            outputs = ops.cast(outputs, input_dtype)
        return outputs

    def _moments(self, inputs, mask):
        if mask is None:
            mean = ops.mean(inputs, axis=self._reduction_axes)
            centered = ops.subtract(inputs, self._broadcast(mean))
            variance = ops.mean(ops.square(centered), axis=self._reduction_axes)
            return mean, variance
        weights = ops.cast(mask, ops.dtype(inputs))
        while len(weights.shape) < len(inputs.shape):
            weights = ops.expand_dims(weights, axis=-1)
        weights = ops.broadcast_to(weights, ops.shape(inputs))
        total = ops.maximum(ops.sum(weights, axis=self._reduction_axes), 1e-12)
        mean = ops.divide(ops.sum(ops.multiply(inputs, weights), axis=self._reduction_axes),
                          total)
        centered = ops.subtract(inputs, self._broadcast(mean))
        variance = ops.divide(
            ops.sum(ops.multiply(ops.square(centered), weights), axis=self._reduction_axes),
            total)
        return mean, variance

    def _update_moving(self, mean, variance):
        momentum = self.momentum
        for variable, batch_value in ((self.moving_mean, mean),
                                      (self.moving_variance, variance)):
            batch_value = ops.stop_gradient(ops.cast(batch_value, variable.dtype))
            variable.assign(ops.add(ops.multiply(variable.value, momentum),
                                    ops.multiply(batch_value, 1.0 - momentum)))

    def compute_output_shape(self, input_shape):
        return input_shape

    def get_config(self):
        return {
            **super().get_config(),
            "axis": self.axis,
            "momentum": self.momentum,
            "epsilon": self.epsilon,
            "center": self.center,
            "scale": self.scale,
            "beta_initializer": initializers.serialize(self.beta_initializer),
            "gamma_initializer": initializers.serialize(self.gamma_initializer),
            "moving_mean_initializer": initializers.serialize(self.moving_mean_initializer),
            "moving_variance_initializer":
                initializers.serialize(self.moving_variance_initializer),
            "beta_regularizer": regularizers.serialize(self.beta_regularizer),
            "gamma_regularizer": regularizers.serialize(self.gamma_regularizer),
            "beta_constraint": constraints.serialize(self.beta_constraint),
            "gamma_constraint": constraints.serialize(self.gamma_constraint),
            "synchronized": self.synchronized,
            "renorm": self.renorm,
            "renorm_clipping": self.renorm_clipping,
            "renorm_momentum": self.renorm_momentum,
        }
