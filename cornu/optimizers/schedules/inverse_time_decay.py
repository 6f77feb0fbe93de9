"""`InverseTimeDecay`: `initial_learning_rate / (1 + decay_rate * step / decay_steps)`."""
from cornu.optimizers.schedules._validation import check_number, check_positive, float_step
from cornu.optimizers.schedules.learning_rate_schedule import LearningRateSchedule


class InverseTimeDecay(LearningRateSchedule):
    """Hyperbolic decay of the learning rate.

    Args:
        initial_learning_rate: rate at step 0.
        decay_steps: steps per decay period (> 0).
        decay_rate: strength of the decay.
        staircase: if True, `step / decay_steps` is floored.
        name: name of the schedule.

    Returns:
        When called with a step, the scalar learning rate.

    Example:
        >>> InverseTimeDecay(0.1, decay_steps=1, decay_rate=0.5)(2)  # 0.05
    """

    def __init__(self, initial_learning_rate, decay_steps, decay_rate, staircase=False,
                 name="InverseTimeDecay"):
        check_number("InverseTimeDecay", "initial_learning_rate", initial_learning_rate)
        check_positive("InverseTimeDecay", "decay_steps", decay_steps)
        check_number("InverseTimeDecay", "decay_rate", decay_rate)
        self.initial_learning_rate = initial_learning_rate
        self.decay_steps = decay_steps
        self.decay_rate = decay_rate
        self.staircase = staircase
        self.name = name

    def __call__(self, step):
        from cornu import ops

        progress = float_step(step) / float(self.decay_steps)
        if self.staircase:
            progress = ops.floor(progress)
        return float(self.initial_learning_rate) / (1.0 + float(self.decay_rate) * progress)

    def get_config(self):
        return {
            "initial_learning_rate": self.initial_learning_rate,
            "decay_steps": self.decay_steps,
            "decay_rate": self.decay_rate,
            "staircase": self.staircase,
            "name": self.name,
        }
