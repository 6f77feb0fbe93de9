"""`LearningRateScheduler`: set the learning rate at the start of each epoch."""
import inspect

import numpy as np

from cornu.callbacks.callback import Callback
from cornu.callbacks.learning_rate_access import get_learning_rate, set_learning_rate
from cornu.callbacks.log_values import to_python_value


def _accepts_two_arguments(function):
    try:
        parameters = inspect.signature(function).parameters.values()
    except (TypeError, ValueError):
        return True
    positional = [p for p in parameters
                  if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
    variadic = any(p.kind == p.VAR_POSITIONAL for p in parameters)
    return variadic or len(positional) >= 2


class LearningRateScheduler(Callback):
    """Set the optimizer's learning rate to `schedule(epoch)` or `schedule(epoch, lr)`.

    Args:
        schedule: function of the epoch index (0-based) and optionally the
            current learning rate, returning the new rate (a float).
        verbose: 1 prints the rate set at each epoch.

    Example:

        scheduler = LearningRateScheduler(lambda epoch, lr: lr * 0.9)
    """

    def __init__(self, schedule, verbose=0):
        super().__init__()
        if not callable(schedule):
            raise TypeError(
                "LearningRateScheduler expects a callable schedule; received "
                f"{schedule!r} of type {type(schedule).__name__}.")
        self.schedule = schedule
        self.verbose = verbose

    def on_epoch_begin(self, epoch, logs=None):
        if _accepts_two_arguments(self.schedule):
            rate = self.schedule(epoch, get_learning_rate(self.model, "LearningRateScheduler"))
        else:
            rate = self.schedule(epoch)
        rate = to_python_value(rate)
        if isinstance(rate, bool) or not isinstance(rate, (int, float, np.floating)):
            raise ValueError(
                "LearningRateScheduler's schedule must return a float; received "
                f"{rate!r} of type {type(rate).__name__} for epoch {epoch}.")
        set_learning_rate(self.model, rate, "LearningRateScheduler")
        if self.verbose > 0:
            print(f"\nEpoch {epoch + 1}: LearningRateScheduler setting learning rate to "
                  f"{float(rate)}.")

    def on_epoch_end(self, epoch, logs=None):
        if logs is not None:
            logs["learning_rate"] = get_learning_rate(self.model, "LearningRateScheduler")
