"""`Adamax`: Adam with the infinity norm in place of the second moment."""
from cornu import backend, ops
from cornu.optimizers.moment_optimizer import MomentOptimizer


class Adamax(MomentOptimizer):
    """Adamax.

    `m += (g - m) * (1 - beta_1)`, `u = max(beta_2 * u, |g|)`,
    `w -= lr * m / ((1 - beta_1**t) * (u + epsilon))`.

    Args:
        learning_rate: float, schedule or callable. Defaults to 0.001.
        beta_1: decay of the first moment.
        beta_2: decay of the infinity norm.
        epsilon: added to the norm.
        **kwargs: the base `Optimizer` arguments.

    Example:
        >>> opt = cornu.optimizers.Adamax(learning_rate=0.002)
    """

    _default_name = "adamax"

    def __init__(self, learning_rate=0.001, beta_1=0.9, beta_2=0.999, epsilon=1e-7,
                 weight_decay=None, clipnorm=None, clipvalue=None, global_clipnorm=None,
                 use_ema=False, ema_momentum=0.99, ema_overwrite_frequency=None,
                 loss_scale_factor=None, gradient_accumulation_steps=None, name="adamax",
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
        super().build(variables)
        self._m, self._u = self.add_optimizer_variables(variables, ["momentum", "norm"])

    def update_step(self, gradient, variable, learning_rate):
        dtype = variable.dtype
        lr = backend.cast(learning_rate, dtype)
        gradient = backend.cast(gradient, dtype)
        t = backend.cast(self._step_value() + 1, dtype)
        beta_1_power = ops.power(backend.cast(self.beta_1, dtype), t)
        index = self._get_variable_index(variable)
        m, u = self._m[index], self._u[index]
        new_m = m.value + (gradient - m.value) * (1 - self.beta_1)
        new_u = ops.maximum(self.beta_2 * u.value, ops.abs(gradient))
        m.assign(new_m)
        u.assign(new_u)
        variable.assign(variable.value - lr * new_m / ((1 - beta_1_power) * (new_u + self.epsilon)))
