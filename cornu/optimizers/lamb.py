"""`Lamb`: Adam steps rescaled per layer by the trust ratio `||w|| / ||update||`."""
from cornu import backend, ops
from cornu.optimizers.moment_optimizer import MomentOptimizer


class Lamb(MomentOptimizer):
    """LAMB (You et al. 2019).

    Args:
        learning_rate: float, schedule or callable. Defaults to 0.001.
        beta_1: decay of the first moment.
        beta_2: decay of the second moment.
        epsilon: added to `sqrt(v_hat)`.
        **kwargs: the base `Optimizer` arguments.

    Example:
        >>> opt = cornu.optimizers.Lamb(learning_rate=1e-3)
    """

    _default_name = "lamb"

    def __init__(self, learning_rate=0.001, beta_1=0.9, beta_2=0.999, epsilon=1e-7,
                 weight_decay=None, clipnorm=None, clipvalue=None, global_clipnorm=None,
                 use_ema=False, ema_momentum=0.99, ema_overwrite_frequency=None,
                 loss_scale_factor=None, gradient_accumulation_steps=None, name="lamb",
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
        self._momentums, self._velocities = self.add_optimizer_variables(
            variables, ["momentum", "velocity"])

    def update_step(self, gradient, variable, learning_rate):
        dtype = variable.dtype
        lr = backend.cast(learning_rate, dtype)
        gradient = backend.cast(gradient, dtype)
        t = backend.cast(self._step_value() + 1, dtype)
        beta_1_power = ops.power(backend.cast(self.beta_1, dtype), t)
        beta_2_power = ops.power(backend.cast(self.beta_2, dtype), t)
        index = self._get_variable_index(variable)
        m, v = self._momentums[index], self._velocities[index]
        new_m = m.value + (gradient - m.value) * (1 - self.beta_1)
        new_v = v.value + (ops.square(gradient) - v.value) * (1 - self.beta_2)
        m.assign(new_m)
        v.assign(new_v)
        m_hat = new_m / (1 - beta_1_power)
        v_hat = new_v / (1 - beta_2_power)
        update = m_hat / (ops.sqrt(v_hat) + self.epsilon)
        weight_norm = ops.sqrt(ops.sum(ops.square(variable.value)))
        update_norm = ops.sqrt(ops.sum(ops.square(update)))
        both_positive = ops.logical_and(weight_norm > 0, update_norm > 0)
        safe_update_norm = ops.where(update_norm > 0, update_norm, ops.ones_like(update_norm))
        trust_ratio = ops.where(both_positive, weight_norm / safe_update_norm,
                                ops.ones_like(weight_norm))
        variable.assign(variable.value - lr * trust_ratio * update)
