"""Cosine schedules: `CosineDecay` (with optional linear warm-up) and `CosineDecayRestarts`."""
import math

from cornu.optimizers.schedules._validation import check_number, check_positive, float_step
from cornu.optimizers.schedules.learning_rate_schedule import LearningRateSchedule


def _cosine_factor(fraction):
    from cornu import ops

    return 0.5 * (1.0 + ops.cos(math.pi * fraction))


class CosineDecay(LearningRateSchedule):
    """Cosine decay to `alpha * start` over `decay_steps`, after an optional linear warm-up.

    Without warm-up: `initial * ((1 - alpha) * 0.5 * (1 + cos(pi * t / decay_steps)) + alpha)`
    with `t = min(step, decay_steps)`. With `warmup_target`, the rate first rises linearly from
    `initial_learning_rate` to `warmup_target` over `warmup_steps`, then decays from it.

    Args:
        initial_learning_rate: rate at step 0.
        decay_steps: length of the cosine decay (> 0).
        alpha: final rate as a fraction of the decay's start rate.
        name: name of the schedule.
        warmup_target: rate reached at the end of the warm-up (None: no warm-up).
        warmup_steps: length of the warm-up.

    Returns:
        When called with a step, the scalar learning rate.

    Example:
        >>> CosineDecay(0.1, decay_steps=10)(5)  # 0.05
    """

    def __init__(self, initial_learning_rate, decay_steps, alpha=0.0, name="CosineDecay",
                 warmup_target=None, warmup_steps=0):
        check_number("CosineDecay", "initial_learning_rate", initial_learning_rate)
        check_positive("CosineDecay", "decay_steps", decay_steps)
        if warmup_target is not None:
            check_number("CosineDecay", "warmup_target", warmup_target)
        self.initial_learning_rate = initial_learning_rate
        self.decay_steps = decay_steps
        self.alpha = alpha
        self.name = name
        self.warmup_target = warmup_target
        self.warmup_steps = warmup_steps

    def _decay(self, step, start_rate):
        fraction = step / float(self.decay_steps)
        alpha = float(self.alpha)
        return start_rate * ((1.0 - alpha) * _cosine_factor(fraction) + alpha)

    def __call__(self, step):
        from cornu import ops

        step = float_step(step)
        decay_steps = float(self.decay_steps)
        if self.warmup_target is None:
            return self._decay(ops.minimum(step, decay_steps), float(self.initial_learning_rate))
        warmup_steps = float(self.warmup_steps)
        step = ops.minimum(step, decay_steps + warmup_steps)
        initial, target = float(self.initial_learning_rate), float(self.warmup_target)
        if warmup_steps > 0:
            warming = initial + (target - initial) * (step / warmup_steps)
        else:
            warming = step * 0.0 + target
        decaying = self._decay(ops.maximum(step - warmup_steps, 0.0), target)
        return ops.where(step < warmup_steps, warming, decaying)

    def get_config(self):
        return {
            "initial_learning_rate": self.initial_learning_rate,
            "decay_steps": self.decay_steps,
            "alpha": self.alpha,
            "name": self.name,
            "warmup_target": self.warmup_target,
            "warmup_steps": self.warmup_steps,
        }


class CosineDecayRestarts(LearningRateSchedule):
    """Cosine decay with warm restarts (SGDR).

    Period `i` lasts `first_decay_steps * t_mul**i` steps and starts at
    `initial_learning_rate * m_mul**i`.

    Args:
        initial_learning_rate: rate at step 0.
        first_decay_steps: length of the first period (> 0).
        t_mul: growth factor of the period length.
        m_mul: factor applied to the starting rate at each restart.
        alpha: minimum rate as a fraction of `initial_learning_rate`.
        name: name of the schedule.

    Returns:
        When called with a step, the scalar learning rate.

    Example:
        >>> CosineDecayRestarts(0.1, first_decay_steps=10)(10)  # 0.1 (restart)
    """

    def __init__(self, initial_learning_rate, first_decay_steps, t_mul=2.0, m_mul=1.0,
                 alpha=0.0, name="SGDRDecay"):
        check_number("CosineDecayRestarts", "initial_learning_rate", initial_learning_rate)
        check_positive("CosineDecayRestarts", "first_decay_steps", first_decay_steps)
        self.initial_learning_rate = initial_learning_rate
        self.first_decay_steps = first_decay_steps
        self._t_mul = t_mul
        self._m_mul = m_mul
        self.alpha = alpha
        self.name = name

    def __call__(self, step):
        from cornu import ops

        fraction = float_step(step) / float(self.first_decay_steps)
        t_mul, m_mul = float(self._t_mul), float(self._m_mul)
        if t_mul == 1.0:
            restarts = ops.floor(fraction)
            fraction = fraction - restarts
        else:
            # Number of whole periods so far, from the geometric series of period lengths.
            restarts = ops.floor(ops.log(1.0 - fraction * (1.0 - t_mul)) / math.log(t_mul))
            elapsed = (1.0 - ops.power(t_mul, restarts)) / (1.0 - t_mul)
            fraction = (fraction - elapsed) / ops.power(t_mul, restarts)
        scale = ops.power(m_mul, restarts)
        alpha = float(self.alpha)
        decayed = (1.0 - alpha) * scale * _cosine_factor(fraction) + alpha
        return float(self.initial_learning_rate) * decayed

    def get_config(self):
        return {
            "initial_learning_rate": self.initial_learning_rate,
            "first_decay_steps": self.first_decay_steps,
            "t_mul": self._t_mul,
            "m_mul": self._m_mul,
            "alpha": self.alpha,
            "name": self.name,
        }
