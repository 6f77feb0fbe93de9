"""`SGD`: gradient descent with optional (Nesterov) momentum."""
from cornu import backend
from cornu.backend import engine
from cornu.optimizers.optimizer import Optimizer


class SGD(Optimizer):
    """Gradient descent with momentum.

    With `momentum == 0`: `w -= lr * g`. Otherwise `velocity = momentum * velocity - lr * g`
    and `w += velocity` (or `w += momentum * velocity - lr * g` with `nesterov=True`).

    Args:
        learning_rate: float, schedule or callable. Defaults to 0.01.
        momentum: float in [0, 1].
        nesterov: use Nesterov momentum.
        **kwargs: the base `Optimizer` arguments (`clipnorm`, `weight_decay`, ...).

    Example:
        >>> opt = cornu.optimizers.SGD(learning_rate=0.1, momentum=0.9, nesterov=True)
    """

    _default_name = "SGD"

    def __init__(self, learning_rate=0.01, momentum=0.0, nesterov=False, weight_decay=None,
                 clipnorm=None, clipvalue=None, global_clipnorm=None, use_ema=False,
                 ema_momentum=0.99, ema_overwrite_frequency=None, loss_scale_factor=None,
                 gradient_accumulation_steps=None, name="SGD", **kwargs):
        super().__init__(
            learning_rate=learning_rate, name=name, weight_decay=weight_decay, clipnorm=clipnorm,
            clipvalue=clipvalue, global_clipnorm=global_clipnorm, use_ema=use_ema,
            ema_momentum=ema_momentum, ema_overwrite_frequency=ema_overwrite_frequency,
            loss_scale_factor=loss_scale_factor,
            gradient_accumulation_steps=gradient_accumulation_steps, **kwargs)
        if isinstance(momentum, bool) or not isinstance(momentum, (int, float)) or not (
                0 <= momentum <= 1):
            raise ValueError(
                f"SGD: `momentum` must be a float between [0, 1]. Received: momentum={momentum!r}")
        self.momentum = momentum
        self.nesterov = nesterov

    def build(self, variables):
        if self.built:
            return
        super().build(variables)
        self.momentums = []
        if self.momentum != 0:
            self.momentums = self.add_optimizer_variables(variables, "momentum")

    def update_step(self, gradient, variable, learning_rate):
        lr = backend.cast(learning_rate, variable.dtype)
        step = backend.cast(gradient, variable.dtype) * lr
        if self.momentum == 0:
            variable.assign(variable.value - step)
            return
        velocity = self.momentums[self._get_variable_index(variable)]
        new_velocity = velocity.value * self.momentum - step
        velocity.assign(new_velocity)
        if self.nesterov:
            variable.assign(variable.value + new_velocity * self.momentum - step)
        else:
            variable.assign(variable.value + new_velocity)

    def _fused_update(self, grads, variables, learning_rate):
        kernel = getattr(engine.optimizers, "sgd_step", None)
        if kernel is None:
            return False
        velocities = None
        if self.momentum != 0:
            velocities = [self.momentums[self._get_variable_index(v)].value for v in variables]
        kernel([v.value for v in variables], grads, velocities, learning_rate,
               momentum=self.momentum, nesterov=self.nesterov)
        return True

    def get_config(self):
        config = super().get_config()
        config.update({"momentum": self.momentum, "nesterov": self.nesterov})
        return config
