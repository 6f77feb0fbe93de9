"""`RMSprop`: divide the gradient by a running root mean square."""
from cornu import backend, ops
from cornu.backend import engine
from cornu.optimizers.optimizer import Optimizer


class RMSprop(Optimizer):
    """RMSprop with optional momentum and centering.

    `velocity = rho * velocity + (1 - rho) * g**2`; the step is
    `lr * g / sqrt(velocity + epsilon)` (or `sqrt(velocity - mean_g**2 + epsilon)` if
    centered), accumulated into a momentum buffer when `momentum > 0`.

    Args:
        learning_rate: float, schedule or callable. Defaults to 0.001.
        rho: decay of the squared-gradient average.
        momentum: momentum of the step (0 disables it).
        epsilon: added inside the square root.
        centered: normalise by the variance instead of the second moment.
        **kwargs: the base `Optimizer` arguments.

    Example:
        >>> opt = cornu.optimizers.RMSprop(learning_rate=1e-3, rho=0.9)
    """

    _default_name = "rmsprop"

    def __init__(self, learning_rate=0.001, rho=0.9, momentum=0.0, epsilon=1e-7,
                 centered=False, weight_decay=None, clipnorm=None, clipvalue=None,
                 global_clipnorm=None, use_ema=False, ema_momentum=0.99,
                 ema_overwrite_frequency=None, loss_scale_factor=None,
                 gradient_accumulation_steps=None, name="rmsprop", **kwargs):
        super().__init__(
            learning_rate=learning_rate, name=name, weight_decay=weight_decay, clipnorm=clipnorm,
            clipvalue=clipvalue, global_clipnorm=global_clipnorm, use_ema=use_ema,
            ema_momentum=ema_momentum, ema_overwrite_frequency=ema_overwrite_frequency,
            loss_scale_factor=loss_scale_factor,
            gradient_accumulation_steps=gradient_accumulation_steps, **kwargs)
        self.rho = rho
        self.momentum = momentum
        self.epsilon = epsilon
        self.centered = centered

    def build(self, variables):
        if self.built:
            return
        super().build(variables)
        self._velocities = self.add_optimizer_variables(variables, "velocity")
        self._momentums = []
        if self.momentum > 0:
            self._momentums = self.add_optimizer_variables(variables, "momentum")
        self._average_gradients = []
        if self.centered:
            self._average_gradients = self.add_optimizer_variables(variables, "average_gradient")

    def update_step(self, gradient, variable, learning_rate):
        dtype = variable.dtype
        lr = backend.cast(learning_rate, dtype)
        gradient = backend.cast(gradient, dtype)
        index = self._get_variable_index(variable)
        velocity = self._velocities[index]
        rho = self.rho
        new_velocity = rho * velocity.value + (1 - rho) * ops.square(gradient)
        velocity.assign(new_velocity)
        if self.centered:
            average = self._average_gradients[index]
            new_average = rho * average.value + (1 - rho) * gradient
            average.assign(new_average)
            denominator = new_velocity - ops.square(new_average) + self.epsilon
        else:
            denominator = new_velocity + self.epsilon
        increment = lr * gradient / ops.sqrt(denominator)
        if self.momentum > 0:
            momentum = self._momentums[index]
            new_momentum = self.momentum * momentum.value + increment
            momentum.assign(new_momentum)
            variable.assign(variable.value - new_momentum)
        else:
            variable.assign(variable.value - increment)

    def _fused_update(self, grads, variables, learning_rate):
        kernel = getattr(engine.optimizers, "rmsprop_step", None)
        if kernel is None:
            return False
        indices = [self._get_variable_index(v) for v in variables]
        momentums = [self._momentums[i].value for i in indices] if self.momentum > 0 else None
        averages = ([self._average_gradients[i].value for i in indices]
                    if self.centered else None)
        kernel([v.value for v in variables], grads, [self._velocities[i].value for i in indices],
               momentums, averages, learning_rate, rho=self.rho, momentum=self.momentum,
               epsilon=self.epsilon)
        return True

    def get_config(self):
        config = super().get_config()
        config.update({"rho": self.rho, "momentum": self.momentum, "epsilon": self.epsilon,
                       "centered": self.centered})
        return config
