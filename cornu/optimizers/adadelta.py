"""`Adadelta`: steps scaled by running averages of squared gradients and squared steps."""
from cornu import backend, ops
from cornu.optimizers.optimizer import Optimizer


class Adadelta(Optimizer):
    """Adadelta.

    `E[g²] = rho E[g²] + (1-rho) g²`, `delta = -sqrt(E[dx²] + eps) / sqrt(E[g²] + eps) * g`,
    `E[dx²] = rho E[dx²] + (1-rho) delta²`, `w += lr * delta`.

    Args:
        learning_rate: float, schedule or callable. Defaults to 0.001.
        rho: decay of the running averages.
        epsilon: added inside the square roots.
        **kwargs: the base `Optimizer` arguments (`clipnorm`, `weight_decay`, ...).

    Example:
        >>> opt = cornu.optimizers.Adadelta(learning_rate=1.0)
    """

    _default_name = "adadelta"

    def __init__(self, learning_rate=0.001, rho=0.95, epsilon=1e-7,
                 weight_decay=None, clipnorm=None, clipvalue=None, global_clipnorm=None,
                 use_ema=False, ema_momentum=0.99, ema_overwrite_frequency=None,
                 loss_scale_factor=None, gradient_accumulation_steps=None, name="adadelta",
                 **kwargs):
        super().__init__(
            learning_rate=learning_rate, name=name, weight_decay=weight_decay, clipnorm=clipnorm,
            clipvalue=clipvalue, global_clipnorm=global_clipnorm, use_ema=use_ema,
            ema_momentum=ema_momentum, ema_overwrite_frequency=ema_overwrite_frequency,
            loss_scale_factor=loss_scale_factor,
            gradient_accumulation_steps=gradient_accumulation_steps, **kwargs)
        self.rho = rho
        self.epsilon = epsilon

    def build(self, variables):
        if self.built:
            return
        super().build(variables)
        self._accumulated_grads, self._accumulated_delta_vars = self.add_optimizer_variables(
            variables, ["accumulated_grad", "accumulated_delta_var"])

    def update_step(self, gradient, variable, learning_rate):
        lr = backend.cast(learning_rate, variable.dtype)
        gradient = backend.cast(gradient, variable.dtype)
        index = self._get_variable_index(variable)
        grad_average = self._accumulated_grads[index]
        delta_average = self._accumulated_delta_vars[index]
        rho, eps = self.rho, self.epsilon
        new_grad_average = rho * grad_average.value + (1 - rho) * ops.square(gradient)
        grad_average.assign(new_grad_average)
        delta = -ops.sqrt(delta_average.value + eps) * gradient / ops.sqrt(new_grad_average + eps)
        delta_average.assign(rho * delta_average.value + (1 - rho) * ops.square(delta))
        variable.assign(variable.value + lr * delta)

    def get_config(self):
        config = super().get_config()
        config.update({"rho": self.rho, "epsilon": self.epsilon})
        return config
