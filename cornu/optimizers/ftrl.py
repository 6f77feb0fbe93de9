"""`Ftrl`: Follow The Regularized Leader (with L1/L2 and shrinkage)."""
from cornu import backend, ops
from cornu.optimizers.optimizer import Optimizer


class Ftrl(Optimizer):
    """FTRL-Proximal as in McMahan et al. 2013, with Keras's arguments.

    Args:
        learning_rate: float, schedule or callable. Defaults to 0.001.
        learning_rate_power: <= 0; -0.5 gives the classic FTRL rate.
        initial_accumulator_value: >= 0, starting value of the accumulators.
        l1_regularization_strength: >= 0.
        l2_regularization_strength: >= 0 (stabilisation L2).
        l2_shrinkage_regularization_strength: >= 0 (magnitude L2 penalty on the gradient).
        beta: >= 0, added to the L2 term as `beta / (2 * lr)`.
        **kwargs: the base `Optimizer` arguments.

    Example:
        >>> opt = cornu.optimizers.Ftrl(learning_rate=0.1, l1_regularization_strength=0.01)
    """

    _default_name = "ftrl"

    def __init__(self, learning_rate=0.001, learning_rate_power=-0.5,
                 initial_accumulator_value=0.1, l1_regularization_strength=0.0,
                 l2_regularization_strength=0.0, l2_shrinkage_regularization_strength=0.0,
                 beta=0.0, weight_decay=None, clipnorm=None, clipvalue=None, global_clipnorm=None,
                 use_ema=False, ema_momentum=0.99, ema_overwrite_frequency=None,
                 loss_scale_factor=None, gradient_accumulation_steps=None, name="ftrl",
                 **kwargs):
        super().__init__(
            learning_rate=learning_rate, name=name, weight_decay=weight_decay, clipnorm=clipnorm,
            clipvalue=clipvalue, global_clipnorm=global_clipnorm, use_ema=use_ema,
            ema_momentum=ema_momentum, ema_overwrite_frequency=ema_overwrite_frequency,
            loss_scale_factor=loss_scale_factor,
            gradient_accumulation_steps=gradient_accumulation_steps, **kwargs)
        for argument, value, check, expectation in (
                ("initial_accumulator_value", initial_accumulator_value, lambda x: x >= 0, ">= 0"),
                ("learning_rate_power", learning_rate_power, lambda x: x <= 0, "<= 0"),
                ("l1_regularization_strength", l1_regularization_strength, lambda x: x >= 0,
                 ">= 0"),
                ("l2_regularization_strength", l2_regularization_strength, lambda x: x >= 0,
                 ">= 0"),
                ("l2_shrinkage_regularization_strength", l2_shrinkage_regularization_strength,
                 lambda x: x >= 0, ">= 0")):
            if not check(value):
                raise ValueError(
                    f"Ftrl: `{argument}` needs to be {expectation}. Received: "
                    f"{argument}={value}")
        self.learning_rate_power = learning_rate_power
        self.initial_accumulator_value = initial_accumulator_value
        self.l1_regularization_strength = l1_regularization_strength
        self.l2_regularization_strength = l2_regularization_strength
        self.l2_shrinkage_regularization_strength = l2_shrinkage_regularization_strength
        self.beta = beta

    def build(self, variables):
        if self.built:
            return
        super().build(variables)
        self._accumulators, self._linears = self.add_optimizer_variables(
            variables, ["accumulator", "linear"],
            initializer=[float(self.initial_accumulator_value), "zeros"])

    def update_step(self, gradient, variable, learning_rate):
        lr = backend.cast(learning_rate, variable.dtype)
        gradient = backend.cast(gradient, variable.dtype)
        index = self._get_variable_index(variable)
        accumulator, linear = self._accumulators[index], self._linears[index]
        power = self.learning_rate_power
        l2 = self.l2_regularization_strength + self.beta / (2.0 * lr)
        shrunk_gradient = gradient + 2 * self.l2_shrinkage_regularization_strength * variable.value
        new_accumulator = accumulator.value + ops.square(gradient)
        sigma = (ops.power(new_accumulator, -power) - ops.power(accumulator.value, -power)) / lr
        new_linear = linear.value + shrunk_gradient - sigma * variable.value
        quadratic = ops.power(new_accumulator, -power) / lr + 2 * l2
        l1 = self.l1_regularization_strength
        clipped_linear = ops.clip(new_linear, -l1, l1)
        linear.assign(new_linear)
        variable.assign((clipped_linear - new_linear) / quadratic)
        accumulator.assign(new_accumulator)

    def get_config(self):
        config = super().get_config()
        config.update({
            "learning_rate_power": self.learning_rate_power,
            "initial_accumulator_value": self.initial_accumulator_value,
            "l1_regularization_strength": self.l1_regularization_strength,
            "l2_regularization_strength": self.l2_regularization_strength,
            "l2_shrinkage_regularization_strength": self.l2_shrinkage_regularization_strength,
            "beta": self.beta,
        })
        return config
