"""`ExponentialDecay`: `initial_learning_rate * decay_rate ** (step / decay_steps)`."""
from cornu.optimizers.schedules._validation import check_number, check_positive, float_step
from cornu.optimizers.schedules.learning_rate_schedule import LearningRateSchedule


class ExponentialDecay(LearningRateSchedule):
    """Multiply the rate by `decay_rate` every `decay_steps` steps (smoothly or in stairs).

    Args:
        initial_learning_rate: rate at step 0.
        decay_steps: steps per decay period (> 0).
        decay_rate: factor applied per period.
        staircase: if True, the exponent is floored (decays at whole periods only).
        name: name of the schedule.

    Returns:
        When called with a step, the scalar learning rate (float32 tensor).

    Example:
        >>> ExponentialDecay(0.1, decay_steps=10, decay_rate=0.5)(20)  # 0.025
    """

    def __init__(self, initial_learning_rate, decay_steps, decay_rate, staircase=False,
                 name="ExponentialDecay"):
        check_number("ExponentialDecay", "initial_learning_rate", initial_learning_rate)
        check_positive("ExponentialDecay", "decay_steps", decay_steps)
        check_number("ExponentialDecay", "decay_rate", decay_rate)
        self.initial_learning_rate = initial_learning_rate
        self.decay_steps = decay_steps
        self.decay_rate = decay_rate
        self.staircase = staircase
        self.name = name

    def __call__(self, step):
        from cornu import ops

        exponent = float_step(step) / float(self.decay_steps)
        if self.staircase:
            exponent = ops.floor(exponent)
        return float(self.initial_learning_rate) * ops.power(float(self.decay_rate), exponent)

    def get_config(self):
        return {
            "initial_learning_rate": self.initial_learning_rate,
            "decay_steps": self.decay_steps,
            "decay_rate": self.decay_rate,
            "staircase": self.staircase,
            "name": self.name,
        }
