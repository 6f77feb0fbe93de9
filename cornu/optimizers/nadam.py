"""`Nadam`: Adam with Nesterov momentum and the momentum-schedule product `u_product`."""
from cornu import backend, ops
from cornu.optimizers.moment_optimizer import MomentOptimizer


class Nadam(MomentOptimizer):
    """Nadam (Dozat 2015) as Keras computes it.

    `u_t = beta_1 * (1 - 0.5 * 0.96**t)`; the product of all `u_t` so far is kept in a
    variable updated once per step.

    Args:
        learning_rate: float, schedule or callable. Defaults to 0.001.
        beta_1: decay of the first moment.
        beta_2: decay of the second moment.
        epsilon: added to `sqrt(v_hat)`.
        **kwargs: the base `Optimizer` arguments.

    Example:
        >>> opt = cornu.optimizers.Nadam(learning_rate=0.002)
    """

    _default_name = "nadam"

    def __init__(self, learning_rate=0.001, beta_1=0.9, beta_2=0.999, epsilon=1e-7,
                 weight_decay=None, clipnorm=None, clipvalue=None, global_clipnorm=None,
                 use_ema=False, ema_momentum=0.99, ema_overwrite_frequency=None,
                 loss_scale_factor=None, gradient_accumulation_steps=None, name="nadam",
                 **kwargs):
        super().__init__(
            beta_1=beta_1, beta_2=beta_2, epsilon=epsilon, learning_rate=learning_rate,
            name=name, weight_decay=weight_decay, clipnorm=clipnorm, clipvalue=clipvalue,
            global_clipnorm=global_clipnorm, use_ema=use_ema, ema_momentum=ema_momentum,
            ema_overwrite_frequency=ema_overwrite_frequency, loss_scale_factor=loss_scale_factor,
            gradient_accumulation_steps=gradient_accumulation_steps, **kwargs)

    def build(self, variables):
        if self.built:
            return
        dtype = variables[0].dtype if variables else backend.floatx()
        super().build(variables)
        self._momentums = self.add_optimizer_variables(variables, "momentum")
        self._velocities = self.add_optimizer_variables(variables, "velocity")
        self._u_product = self.add_variable((), initializer="ones", dtype=dtype,
                                            name="u_product")

    def _momentum_schedule(self, step, dtype):
        return self.beta_1 * (1.0 - 0.5 * ops.power(backend.cast(0.96, dtype), step))

    def _backend_update_step(self, grads, variables, learning_rate):
        dtype = self._u_product.dtype
        t = backend.cast(self._step_value() + 1, dtype)
        self._u_product.assign(self._u_product.value * self._momentum_schedule(t, dtype))
        super()._backend_update_step(grads, variables, learning_rate)

    def update_step(self, gradient, variable, learning_rate):
        dtype = variable.dtype
        lr = backend.cast(learning_rate, dtype)
        gradient = backend.cast(gradient, dtype)
        t = backend.cast(self._step_value() + 1, dtype)
        u_t = self._momentum_schedule(t, dtype)
        u_next = self._momentum_schedule(t + 1, dtype)
        u_product = backend.cast(self._u_product.value, dtype)
        u_product_next = u_product * u_next
        beta_2_power = ops.power(backend.cast(self.beta_2, dtype), t)
        index = self._get_variable_index(variable)
        m, v = self._momentums[index], self._velocities[index]
        new_m = m.value + (gradient - m.value) * (1 - self.beta_1)
        new_v = v.value + (ops.square(gradient) - v.value) * (1 - self.beta_2)
        m.assign(new_m)
        v.assign(new_v)
        m_hat = u_next * new_m / (1 - u_product_next) + (1 - u_t) * gradient / (1 - u_product)
        v_hat = new_v / (1 - beta_2_power)
        variable.assign(variable.value - m_hat * lr / (ops.sqrt(v_hat) + self.epsilon))
