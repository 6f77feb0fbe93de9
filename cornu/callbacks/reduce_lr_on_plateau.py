"""`ReduceLROnPlateau`: lower the learning rate when a quantity stops improving."""
from cornu.callbacks.callback import Callback
from cornu.callbacks.learning_rate_access import get_learning_rate, set_learning_rate
from cornu.callbacks.monitoring import initial_best, read_monitor, resolve_mode


class ReduceLROnPlateau(Callback):
    """Multiply the learning rate by `factor` after `patience` epochs without improvement.

    Args:
        monitor: the logged quantity to watch.
        factor: multiplier applied to the rate (must be < 1).
        patience: epochs without improvement before reducing.
        verbose: 1 prints a message on each reduction.
        mode: `"auto"`, `"min"` or `"max"`.
        min_delta: smallest change that counts as an improvement.
        cooldown: epochs to wait after a reduction before counting again.
        min_lr: lower bound on the learning rate.

    Example:

        reduce = ReduceLROnPlateau(monitor="val_loss", factor=0.2, patience=5)
    """

    def __init__(self, monitor="val_loss", factor=0.1, patience=10, verbose=0, mode="auto",
                 min_delta=1e-4, cooldown=0, min_lr=0.0, **kwargs):
        super().__init__()
        if kwargs:
            raise TypeError(f"ReduceLROnPlateau got unexpected arguments: {sorted(kwargs)}.")
        if factor >= 1.0:
            raise ValueError(
                f"ReduceLROnPlateau needs factor < 1.0; received factor={factor!r}.")
        self.monitor = monitor
        self.factor = factor
        self.patience = patience
        self.verbose = verbose
        self.mode = mode
        self.min_delta = min_delta
        self.cooldown = cooldown
        self.min_lr = min_lr
        self.direction = resolve_mode("ReduceLROnPlateau", monitor, mode)
        self._reset()

    def _reset(self):
        self.best = initial_best(self.direction)
        self.wait = 0
        self.cooldown_counter = 0

    def _is_improvement(self, value):
        if self.direction == "min":
            return value < self.best - self.min_delta
        return value > self.best + self.min_delta

    def in_cooldown(self):
        """Whether the callback is still waiting after its last reduction."""
        return self.cooldown_counter > 0

    def on_train_begin(self, logs=None):
        self._reset()

    def on_epoch_end(self, epoch, logs=None):
        logs = logs if logs is not None else {}
        logs["learning_rate"] = get_learning_rate(self.model, "ReduceLROnPlateau")
        current = read_monitor("ReduceLROnPlateau", self.monitor, logs,
                               "conditioned on")
        if current is None:
            return
        if self.in_cooldown():
            self.cooldown_counter -= 1
            self.wait = 0
        if self._is_improvement(current):
            self.best = current
            self.wait = 0
            return
        if self.in_cooldown():
            return
        self.wait += 1
        if self.wait < self.patience:
            return
        old_rate = get_learning_rate(self.model, "ReduceLROnPlateau")
        if old_rate > self.min_lr:
            new_rate = max(old_rate * self.factor, self.min_lr)
            set_learning_rate(self.model, new_rate, "ReduceLROnPlateau")
            if self.verbose > 0:
                print(f"\nEpoch {epoch + 1}: ReduceLROnPlateau reducing learning rate to "
                      f"{new_rate}.")
            self.cooldown_counter = self.cooldown
            self.wait = 0
