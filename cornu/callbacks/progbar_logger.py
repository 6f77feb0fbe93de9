"""`ProgbarLogger`: prints the progress bar and metrics during fit/evaluate/predict."""
from cornu.callbacks.callback import Callback
from cornu.utils.progbar import Progbar


class ProgbarLogger(Callback):
    """Shows a `Progbar` per epoch (and for standalone evaluate/predict).

    `fit` adds one when `verbose != 0`; its settings come from `params`
    (`verbose`, `epochs`, `steps`).

    Example:

        model.fit(x, y, epochs=3, verbose=1)  # "Epoch 1/3" then a bar per epoch
    """

    # Logged metrics are already running averages: showing them as-is
    # (stateful) keeps the final line equal to what History records, and the
    # bar can defer reading device values until it actually prints.
    _accepts_raw_logs = True

    def __init__(self):
        super().__init__()
        self.seen = 0
        self.progbar = None
        self.target = None
        self.verbose = 1
        self.epochs = 1
        self._called_in_fit = False

    def set_params(self, params):
        super().set_params(params)
        params = params or {}
        verbose = params.get("verbose", 1)
        self.verbose = 1 if verbose == "auto" else int(verbose)
        self.epochs = params.get("epochs", 1) or 1
        self.target = params.get("steps")

    def on_train_begin(self, logs=None):
        self._called_in_fit = True

    def on_test_begin(self, logs=None):
        if not self._called_in_fit:
            self._reset_progbar()
            self._maybe_init_progbar()

    def on_predict_begin(self, logs=None):
        self._reset_progbar()
        self._maybe_init_progbar()

    def on_epoch_begin(self, epoch, logs=None):
        self._reset_progbar()
        self._maybe_init_progbar()
        if self.verbose and self.epochs > 1:
            print(f"Epoch {epoch + 1}/{self.epochs}", flush=True)

    def on_train_batch_end(self, batch, logs=None):
        self._update_progbar(batch, logs)

    def on_test_batch_end(self, batch, logs=None):
        if not self._called_in_fit:
            self._update_progbar(batch, logs)

    def on_predict_batch_end(self, batch, logs=None):
        # Prediction logs hold the batch outputs, which are not for display.
        self._update_progbar(batch, None)

    def on_epoch_end(self, epoch, logs=None):
        self._finalize_progbar(logs)

    def on_test_end(self, logs=None):
        if not self._called_in_fit:
            self._finalize_progbar(logs)

    def on_predict_end(self, logs=None):
        self._finalize_progbar(None)

    def _reset_progbar(self):
        self.seen = 0
        self.progbar = None

    def _maybe_init_progbar(self):
        if self.progbar is None:
            self.progbar = Progbar(target=self.target, verbose=self.verbose, unit_name="step")

    def _update_progbar(self, batch, logs):
        self._maybe_init_progbar()
        self.seen = batch + 1
        if self.verbose == 1:
            values = list((logs or {}).items())
            self.progbar.stateful_metrics.update(name for name, _ in values)
            self.progbar.update(self.seen, values, finalize=False)

    def _finalize_progbar(self, logs):
        self._maybe_init_progbar()
        if self.target is None:
            self.target = self.seen
            self.progbar.target = self.seen
        values = list((logs or {}).items())
        self.progbar.stateful_metrics.update(name for name, _ in values)
        self.progbar.update(self.progbar.target, values, finalize=True)
