"""`EarlyStopping`: stop training when a monitored quantity stops improving."""
from cornu.callbacks.callback import Callback
from cornu.callbacks.monitoring import initial_best, read_monitor, resolve_mode


class EarlyStopping(Callback):
    """Stop `fit` once `monitor` has not improved for `patience` epochs.

    Args:
        monitor: the logged quantity to watch.
        min_delta: smallest change that counts as an improvement.
        patience: epochs without improvement before stopping.
        verbose: 1 prints a message when stopping / restoring.
        mode: `"auto"`, `"min"` or `"max"`.
        baseline: a value the quantity must beat; until it does, epochs count
            towards `patience` even if they improve on each other.
        restore_best_weights: at the end of training, put back the weights of
            the best epoch.
        start_from_epoch: epochs to wait before watching at all (warm-up).

    Example:

        stop = EarlyStopping(monitor="val_loss", patience=3)
        model.fit(x, y, validation_split=0.2, epochs=100, callbacks=[stop])
    """

    def __init__(self, monitor="val_loss", min_delta=0, patience=0, verbose=0, mode="auto",
                 baseline=None, restore_best_weights=False, start_from_epoch=0):
        super().__init__()
        self.monitor = monitor
        self.patience = patience
        self.verbose = verbose
        self.baseline = baseline
        self.min_delta = abs(min_delta)
        self.restore_best_weights = restore_best_weights
        self.start_from_epoch = start_from_epoch
        self.mode = mode
        self.direction = resolve_mode("EarlyStopping", monitor, mode)
        self.wait = 0
        self.stopped_epoch = 0
        self.best = initial_best(self.direction)
        self.best_weights = None
        self.best_epoch = 0

    def _is_improvement(self, value, reference):
        if reference is None:
            return True
        if self.direction == "min":
            return value + self.min_delta < reference
        return value - self.min_delta > reference

    def on_train_begin(self, logs=None):
        self.wait = 0
        self.stopped_epoch = 0
        self.best = initial_best(self.direction)
        self.best_weights = None
        self.best_epoch = 0

    def on_epoch_end(self, epoch, logs=None):
        current = read_monitor("EarlyStopping", self.monitor, logs, "conditioned on")
        if current is None or epoch < self.start_from_epoch:
            return
        if self.restore_best_weights and self.best_weights is None:
            # Keep the first watched epoch's weights, so there is always something to restore.
            self.best_weights = self.model.get_weights()
        self.wait += 1
        if self._is_improvement(current, self.best):
            self.best = current
            self.best_epoch = epoch
            if self.restore_best_weights:
                self.best_weights = self.model.get_weights()
            if self.baseline is None or self._is_improvement(current, self.baseline):
                self.wait = 0
                return
        if self.wait >= self.patience and epoch > 0:
            self.stopped_epoch = epoch
            self.model.stop_training = True

    def on_train_end(self, logs=None):
        if self.stopped_epoch > 0 and self.verbose > 0:
            print(f"Epoch {self.stopped_epoch + 1}: early stopping")
        if self.restore_best_weights and self.best_weights is not None:
            if self.verbose > 0:
                print("Restoring model weights from the end of the best epoch: "
                      f"{self.best_epoch + 1}.")
            self.model.set_weights(self.best_weights)

    def get_monitor_value(self, logs):
        """The monitored value from `logs`, or None (with a warning)."""
        return read_monitor("EarlyStopping", self.monitor, logs, "conditioned on")
