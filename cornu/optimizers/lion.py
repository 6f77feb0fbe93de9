"""`Lion`: sign-based updates from an interpolated momentum (Chen et al. 2023)."""
from cornu import backend, ops
from cornu.optimizers.optimizer import Optimizer


class Lion(Optimizer):
    """`w -= lr * sign(beta_1 * m + (1 - beta_1) * g)`; then `m = beta_2 * m + (1 - beta_2) * g`.

    Args:
        learning_rate: float, schedule or callable. Defaults to 0.001.
        beta_1: interpolation used for the update direction, in (0, 1].
        beta_2: decay of the momentum.
        **kwargs: the base `Optimizer` arguments.

    Example:
        >>> opt = cornu.optimizers.Lion(learning_rate=1e-4)
    """

    _default_name = "lion"

    def __init__(self, learning_rate=0.001, beta_1=0.9, beta_2=0.99,
                 weight_decay=None, clipnorm=None, clipvalue=None, global_clipnorm=None,
                 use_ema=False, ema_momentum=0.99, ema_overwrite_frequency=None,
                 loss_scale_factor=None, gradient_accumulation_steps=None, name="lion",
                 **kwargs):
        super().__init__(
            learning_rate=learning_rate, name=name, weight_decay=weight_decay, clipnorm=clipnorm,
            clipvalue=clipvalue, global_clipnorm=global_clipnorm, use_ema=use_ema,
            ema_momentum=ema_momentum, ema_overwrite_frequency=ema_overwrite_frequency,
            loss_scale_factor=loss_scale_factor,
            gradient_accumulation_steps=gradient_accumulation_steps, **kwargs)
        if not 0 < beta_1 <= 1:
            raise ValueError(
                f"Lion: argument `beta_1` must be in the [0, 1] range. Otherwise, the "
                f"optimizer degenerates to SignSGD. Received: beta_1={beta_1}.")
        self.beta_1 = beta_1
        self.beta_2 = beta_2

    def build(self, variables):
        if self.built:
            return
        super().build(variables)
        self._momentums = self.add_optimizer_variables(variables, "momentum")

    def update_step(self, gradient, variable, learning_rate):
        lr = backend.cast(learning_rate, variable.dtype)
        gradient = backend.cast(gradient, variable.dtype)
        m = self._momentums[self._get_variable_index(variable)]
        direction = ops.sign(m.value * self.beta_1 + gradient * (1.0 - self.beta_1))
        variable.assign(variable.value - lr * direction)
        m.assign(m.value * self.beta_2 + gradient * (1.0 - self.beta_2))

    def get_config(self):
        config = super().get_config()
        config.update({"beta_1": self.beta_1, "beta_2": self.beta_2})
        return config
