"""`Adagrad`: per-parameter rates scaled by the accumulated squared gradients."""
from cornu import backend, ops
from cornu.backend import engine
from cornu.optimizers.optimizer import Optimizer


class Adagrad(Optimizer):
    """`accumulator += g**2`; `w -= lr * g / sqrt(accumulator + epsilon)`.

    Args:
        learning_rate: float, schedule or callable. Defaults to 0.001.
        initial_accumulator_value: starting value of the accumulators.
        epsilon: added inside the square root.
        **kwargs: the base `Optimizer` arguments.

    Example:
        >>> opt = cornu.optimizers.Adagrad(learning_rate=0.5)
    """

    _default_name = "adagrad"

    def __init__(self, learning_rate=0.001, initial_accumulator_value=0.1, epsilon=1e-7,
                 weight_decay=None, clipnorm=None, clipvalue=None, global_clipnorm=None,
                 use_ema=False, ema_momentum=0.99, ema_overwrite_frequency=None,
                 loss_scale_factor=None, gradient_accumulation_steps=None, name="adagrad",
                 **kwargs):
        super().__init__(
            learning_rate=learning_rate, name=name, weight_decay=weight_decay, clipnorm=clipnorm,
            clipvalue=clipvalue, global_clipnorm=global_clipnorm, use_ema=use_ema,
            ema_momentum=ema_momentum, ema_overwrite_frequency=ema_overwrite_frequency,
            loss_scale_factor=loss_scale_factor,
            gradient_accumulation_steps=gradient_accumulation_steps, **kwargs)
        self.initial_accumulator_value = initial_accumulator_value
        self.epsilon = epsilon

    def build(self, variables):
        if self.built:
            return
        super().build(variables)
        self._accumulators = self.add_optimizer_variables(
            variables, "accumulator", initializer=float(self.initial_accumulator_value))

    def update_step(self, gradient, variable, learning_rate):
        lr = backend.cast(learning_rate, variable.dtype)
        gradient = backend.cast(gradient, variable.dtype)
        accumulator = self._accumulators[self._get_variable_index(variable)]
        new_accumulator = accumulator.value + ops.square(gradient)
        accumulator.assign(new_accumulator)
        variable.assign(variable.value - lr * gradient / ops.sqrt(new_accumulator + self.epsilon))

    def _fused_update(self, grads, variables, learning_rate):
        kernel = getattr(engine.optimizers, "adagrad_step", None)
        if kernel is None:
            return False
        accumulators = [self._accumulators[self._get_variable_index(v)].value for v in variables]
        kernel([v.value for v in variables], grads, accumulators, learning_rate,
               epsilon=self.epsilon)
        return True

    def get_config(self):
        config = super().get_config()
        config.update({"initial_accumulator_value": self.initial_accumulator_value,
                       "epsilon": self.epsilon})
        return config
