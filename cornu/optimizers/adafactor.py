"""`Adafactor`: memory-light second moments factored into row and column averages."""
from cornu import backend, ops
from cornu.optimizers.optimizer import Optimizer


class Adafactor(Optimizer):
    """Adafactor (Shazeer & Stern 2018) as Keras computes it.

    For variables of rank >= 2 only row (`r`) and column (`c`) averages of the squared
    gradient are stored; rank-0/1 variables keep a full average `v`.

    Args:
        learning_rate: float, schedule or callable. Defaults to 0.001.
        beta_2_decay: exponent of the second-moment decay `1 - t**beta_2_decay`.
        epsilon_1: added to the squared gradient.
        epsilon_2: lower bound of the parameter scale.
        clip_threshold: bound of the update's RMS.
        relative_step: cap a constant learning rate by `1/sqrt(t)`.
        **kwargs: the base `Optimizer` arguments.

    Example:
        >>> opt = cornu.optimizers.Adafactor(learning_rate=0.01)
    """

    _default_name = "adafactor"

    def __init__(self, learning_rate=0.001, beta_2_decay=-0.8, epsilon_1=1e-30, epsilon_2=1e-3,
                 clip_threshold=1.0, relative_step=True,
                 weight_decay=None, clipnorm=None, clipvalue=None, global_clipnorm=None,
                 use_ema=False, ema_momentum=0.99, ema_overwrite_frequency=None,
                 loss_scale_factor=None, gradient_accumulation_steps=None, name="adafactor",
                 **kwargs):
        super().__init__(
            learning_rate=learning_rate, name=name, weight_decay=weight_decay, clipnorm=clipnorm,
            clipvalue=clipvalue, global_clipnorm=global_clipnorm, use_ema=use_ema,
            ema_momentum=ema_momentum, ema_overwrite_frequency=ema_overwrite_frequency,
            loss_scale_factor=loss_scale_factor,
            gradient_accumulation_steps=gradient_accumulation_steps, **kwargs)
        self.beta_2_decay = beta_2_decay
        self.epsilon_1 = epsilon_1
        self.epsilon_2 = epsilon_2
        self.clip_threshold = clip_threshold
        self.relative_step = relative_step

    def build(self, variables):
        if self.built:
            return
        super().build(variables)
        self._r, self._c, self._v = [], [], []
        for variable in variables:
            prefix = variable.path.replace("/", "_")
            shape = tuple(variable.shape)
            if len(shape) < 2:
                # Unused placeholders keep the per-variable lists aligned.
                r_shape, c_shape = (), ()
            else:
                r_shape, c_shape = shape[:-1], shape[:-2] + shape[-1:]
            self._r.append(self.add_variable(r_shape, dtype=variable.dtype,
                                             name=f"{prefix}_velocity_r"))
            self._c.append(self.add_variable(c_shape, dtype=variable.dtype,
                                             name=f"{prefix}_velocity_c"))
            self._v.append(self.add_variable_from_reference(variable, "velocity"))

    @staticmethod
    def _rms(x):
        return ops.sqrt(ops.mean(ops.square(x)))

    def update_step(self, gradient, variable, learning_rate):
        dtype = variable.dtype
        lr = backend.cast(learning_rate, dtype)
        gradient = backend.cast(gradient, dtype)
        t = backend.cast(self._step_value() + 1, dtype)
        if not callable(self._learning_rate) and self.relative_step:
            lr = ops.minimum(lr, 1 / ops.sqrt(t))
        index = self._get_variable_index(variable)
        r, c, v = self._r[index], self._c[index], self._v[index]
        rho_t = ops.minimum(lr, 1 / ops.sqrt(t))
        parameter_scale = ops.maximum(backend.cast(self.epsilon_2, dtype), self._rms(variable.value))
        alpha_t = parameter_scale * rho_t
        squared = ops.square(gradient) + self.epsilon_1
        beta_2_t = 1 - ops.power(t, self.beta_2_decay)
        if len(variable.shape) >= 2:
            new_r = beta_2_t * r.value + (1 - beta_2_t) * ops.mean(squared, axis=-1)
            new_c = beta_2_t * c.value + (1 - beta_2_t) * ops.mean(squared, axis=-2)
            r.assign(new_r)
            c.assign(new_c)
            row_factor = ops.expand_dims(new_r / ops.mean(new_r, axis=-1, keepdims=True), -1)
            new_v = row_factor * ops.expand_dims(new_c, -2)
        else:
            new_v = beta_2_t * v.value + (1 - beta_2_t) * squared
        v.assign(new_v)
        u_t = gradient / ops.sqrt(new_v)
        u_t_hat = u_t / ops.maximum(backend.cast(1.0, dtype), self._rms(u_t) / self.clip_threshold)
        variable.assign(variable.value - alpha_t * u_t_hat)

    def get_config(self):
        config = super().get_config()
        config.update({
            "beta_2_decay": self.beta_2_decay,
            "epsilon_1": self.epsilon_1,
            "epsilon_2": self.epsilon_2,
            "clip_threshold": self.clip_threshold,
            "relative_step": self.relative_step,
        })
        return config
