"""`Adam`: adaptive moment estimation (with optional AMSGrad)."""
from cornu import backend, ops
from cornu.backend import engine
from cornu.optimizers.moment_optimizer import MomentOptimizer


class Adam(MomentOptimizer):
    """Adam with Keras's epsilon placement.

    `m += (g - m) * (1 - beta_1)`, `v += (g**2 - v) * (1 - beta_2)`, then
    `w -= lr * sqrt(1 - beta_2**t) / (1 - beta_1**t) * m / (sqrt(v) + epsilon)`.

    Args:
        learning_rate: float, schedule or callable. Defaults to 0.001.
        beta_1: decay of the first moment.
        beta_2: decay of the second moment.
        epsilon: added to `sqrt(v)` (not bias-corrected), 1e-7 as in Keras.
        amsgrad: use the running maximum of `v` (AMSGrad).
        **kwargs: the base `Optimizer` arguments.

    Example:
        >>> opt = cornu.optimizers.Adam(learning_rate=1e-3)
    """

    _default_name = "adam"

    def __init__(self, learning_rate=0.001, beta_1=0.9, beta_2=0.999, epsilon=1e-7,
                 amsgrad=False, weight_decay=None, clipnorm=None, clipvalue=None,
                 global_clipnorm=None, use_ema=False, ema_momentum=0.99,
                 ema_overwrite_frequency=None, loss_scale_factor=None,
                 gradient_accumulation_steps=None, name="adam", **kwargs):
        super().__init__(
            beta_1=beta_1, beta_2=beta_2, epsilon=epsilon, learning_rate=learning_rate,
            name=name, weight_decay=weight_decay, clipnorm=clipnorm, clipvalue=clipvalue,
            global_clipnorm=global_clipnorm, use_ema=use_ema, ema_momentum=ema_momentum,
            ema_overwrite_frequency=ema_overwrite_frequency, loss_scale_factor=loss_scale_factor,
            gradient_accumulation_steps=gradient_accumulation_steps, **kwargs)
        self.amsgrad = amsgrad

    def build(self, variables):
        if self.built:
            return
        super().build(variables)
        self._momentums, self._velocities = self.add_optimizer_variables(
            variables, ["momentum", "velocity"])
        self._velocity_hats = []
        if self.amsgrad:
            self._velocity_hats = self.add_optimizer_variables(variables, "velocity_hat")

    def update_step(self, gradient, variable, learning_rate):
        dtype = variable.dtype
        lr = backend.cast(learning_rate, dtype)
        gradient = backend.cast(gradient, dtype)
        t = backend.cast(self._step_value() + 1, dtype)
        beta_1_power = ops.power(backend.cast(self.beta_1, dtype), t)
        beta_2_power = ops.power(backend.cast(self.beta_2, dtype), t)
        index = self._get_variable_index(variable)
        m, v = self._momentums[index], self._velocities[index]
        alpha = lr * ops.sqrt(1 - beta_2_power) / (1 - beta_1_power)
        new_m = m.value + (gradient - m.value) * (1 - self.beta_1)
        new_v = v.value + (ops.square(gradient) - v.value) * (1 - self.beta_2)
        m.assign(new_m)
        v.assign(new_v)
        if self.amsgrad:
            v_hat = self._velocity_hats[index]
            new_v = ops.maximum(v_hat.value, new_v)
            v_hat.assign(new_v)
        variable.assign(variable.value - new_m * alpha / (ops.sqrt(new_v) + self.epsilon))

    def _fused_update(self, grads, variables, learning_rate):
        kernel = getattr(engine.optimizers, "adam_step", None)
        if kernel is None:
            return False
        indices = [self._get_variable_index(v) for v in variables]
        velocity_hats = ([self._velocity_hats[i].value for i in indices]
                         if self.amsgrad else None)
        kernel([v.value for v in variables], grads,
               [self._momentums[i].value for i in indices],
               [self._velocities[i].value for i in indices], velocity_hats,
               learning_rate, self._step_value(), beta_1=self.beta_1, beta_2=self.beta_2,
               epsilon=self.epsilon)
        return True

    def get_config(self):
        config = super().get_config()
        config["amsgrad"] = self.amsgrad
        return config
