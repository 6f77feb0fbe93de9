"""`ModelCheckpoint`: save the model or its weights during training."""
import os
import warnings

from cornu.callbacks.callback import Callback
from cornu.callbacks.log_values import to_float
from cornu.callbacks.monitoring import initial_best, resolve_mode


class ModelCheckpoint(Callback):
    """Save the model (`.keras`) or its weights (`.weights.h5`) every epoch or N batches.

    Args:
        filepath: destination; may contain `{epoch:02d}` and log keys such as
            `{val_loss:.2f}` (also `{batch}` with an integer `save_freq`).
        monitor: the logged quantity used by `save_best_only`.
        verbose: 1 prints a line for each save decision.
        save_best_only: save only when `monitor` improves on the best so far.
        save_weights_only: call `model.save_weights` instead of `model.save`.
        mode: `"auto"`, `"min"` or `"max"`.
        save_freq: `"epoch"` or an integer number of batches.
        initial_value_threshold: the value to beat before the first save
            (with `save_best_only`).

    Example:

        checkpoint = ModelCheckpoint("ckpt/best.keras", monitor="val_loss",
                                     save_best_only=True)
    """

    def __init__(self, filepath, monitor="val_loss", verbose=0, save_best_only=False,
                 save_weights_only=False, mode="auto", save_freq="epoch",
                 initial_value_threshold=None):
        super().__init__()
        self.filepath = os.fspath(filepath)
        self.monitor = monitor
        self.verbose = verbose
        self.save_best_only = save_best_only
        self.save_weights_only = save_weights_only
        self.save_freq = save_freq
        if save_weights_only and not self.filepath.endswith(".weights.h5"):
            raise ValueError(
                "ModelCheckpoint with save_weights_only=True needs a filepath ending in "
                f"`.weights.h5`; received filepath={self.filepath!r}.")
        if not save_weights_only and not self.filepath.endswith(".keras"):
            raise ValueError(
                "ModelCheckpoint needs a filepath ending in `.keras` (or `.weights.h5` with "
                f"save_weights_only=True); received filepath={self.filepath!r}.")
        if save_freq != "epoch" and not (isinstance(save_freq, int) and save_freq > 0):
            raise ValueError(
                "ModelCheckpoint save_freq must be 'epoch' or a positive int number of "
                f"batches; received save_freq={save_freq!r}.")
        self.direction = resolve_mode("ModelCheckpoint", monitor, mode)
        self.best = (initial_best(self.direction) if initial_value_threshold is None
                     else float(initial_value_threshold))
        self._current_epoch = 0
        self._batches_since_save = 0
        self._last_batch_seen = -1

    def on_epoch_begin(self, epoch, logs=None):
        self._current_epoch = epoch

    def on_train_batch_end(self, batch, logs=None):
        if self._should_save_on_batch(batch):
            self._save_model(self._current_epoch, batch, logs)

    def on_epoch_end(self, epoch, logs=None):
        if self.save_freq == "epoch":
            self._save_model(epoch, None, logs)

    def _should_save_on_batch(self, batch):
        if self.save_freq == "epoch":
            return False
        # Batch indices restart every epoch; count the batches actually run.
        seen = batch + 1 if batch <= self._last_batch_seen else batch - self._last_batch_seen
        self._last_batch_seen = batch
        self._batches_since_save += seen
        if self._batches_since_save >= self.save_freq:
            self._batches_since_save = 0
            return True
        return False

    def _is_improvement(self, value):
        return value < self.best if self.direction == "min" else value > self.best

    def _get_file_path(self, epoch, batch, logs):
        fields = dict(logs or {})
        fields["epoch"] = epoch + 1
        if batch is not None and "batch" not in fields:
            fields["batch"] = batch + 1
        try:
            return self.filepath.format(**fields)
        except (KeyError, IndexError, ValueError) as error:
            raise KeyError(
                f"ModelCheckpoint could not format filepath {self.filepath!r} with the keys "
                f"{sorted(fields)}: {error!r}") from error

    def _save_model(self, epoch, batch, logs):
        logs = logs or {}
        filepath = self._get_file_path(epoch, batch, logs)
        folder = os.path.dirname(filepath)
        if folder:
            os.makedirs(folder, exist_ok=True)
        if self.save_best_only:
            if self.monitor not in logs:
                warnings.warn(
                    f"ModelCheckpoint can save the best model only with `{self.monitor}` "
                    f"available in the logs (keys: {sorted(logs)}); skipping.", stacklevel=2)
                return
            current = to_float(logs[self.monitor])
            if not self._is_improvement(current):
                if self.verbose > 0:
                    print(f"\nEpoch {epoch + 1}: {self.monitor} did not improve from "
                          f"{self.best:.5f}")
                return
            if self.verbose > 0:
                print(f"\nEpoch {epoch + 1}: {self.monitor} improved from {self.best:.5f} to "
                      f"{current:.5f}, saving model to {filepath}")
            self.best = current
        elif self.verbose > 0:
            print(f"\nEpoch {epoch + 1}: saving model to {filepath}")
        if self.save_weights_only:
            self.model.save_weights(filepath, overwrite=True)
        else:
            self.model.save(filepath, overwrite=True)
