"""`PolynomialDecay`: polynomial interpolation from the initial to the end rate."""
from cornu.optimizers.schedules._validation import check_number, check_positive, float_step
from cornu.optimizers.schedules.learning_rate_schedule import LearningRateSchedule


class PolynomialDecay(LearningRateSchedule):
    """`(initial - end) * (1 - step / decay_steps) ** power + end`, optionally cycling.

    Args:
        initial_learning_rate: rate at step 0.
        decay_steps: steps to reach `end_learning_rate` (> 0).
        end_learning_rate: final rate.
        power: exponent of the polynomial (1.0 is linear).
        cycle: if True, restart the decay past `decay_steps` with a longer horizon.
        name: name of the schedule.

    Returns:
        When called with a step, the scalar learning rate.

    Example:
        >>> PolynomialDecay(0.1, decay_steps=10, end_learning_rate=0.0)(5)  # 0.05
    """

    def __init__(self, initial_learning_rate, decay_steps, end_learning_rate=0.0001, power=1.0,
                 cycle=False, name="PolynomialDecay"):
        check_number("PolynomialDecay", "initial_learning_rate", initial_learning_rate)
        check_positive("PolynomialDecay", "decay_steps", decay_steps)
        check_number("PolynomialDecay", "end_learning_rate", end_learning_rate)
        self.initial_learning_rate = initial_learning_rate
        self.decay_steps = decay_steps
        self.end_learning_rate = end_learning_rate
        self.power = power
        self.cycle = cycle
        self.name = name

    def __call__(self, step):
        from cornu import ops

        step = float_step(step)
        decay_steps = float(self.decay_steps)
        if self.cycle:
            # Step 0 must still use one full period, hence the max with 1.
            periods = ops.maximum(ops.ceil(step / decay_steps), 1.0)
            horizon = decay_steps * periods
        else:
            step = ops.minimum(step, decay_steps)
            horizon = decay_steps
        fraction = step / horizon
        span = float(self.initial_learning_rate) - float(self.end_learning_rate)
        return span * ops.power(1.0 - fraction, float(self.power)) + float(self.end_learning_rate)

    def get_config(self):
        return {
            "initial_learning_rate": self.initial_learning_rate,
            "decay_steps": self.decay_steps,
            "end_learning_rate": self.end_learning_rate,
            "power": self.power,
            "cycle": self.cycle,
            "name": self.name,
        }
