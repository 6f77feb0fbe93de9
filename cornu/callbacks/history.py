"""`History`: records the epoch logs of `fit` (returned by `fit`)."""
from cornu.callbacks.callback import Callback


class History(Callback):
    """Collects each epoch's logs; `fit` adds one automatically and returns it.

    Attributes:
        history: dict mapping each logged name to its list of per-epoch values.
        epoch: list of the epoch indices that ended.
        params: the training parameters.

    Example:

        history = model.fit(x, y, epochs=3)
        history.history["loss"]  # three floats
    """

    def __init__(self):
        super().__init__()
        self.history = {}
        self.epoch = []

    def on_train_begin(self, logs=None):
        self.epoch = []

    def on_epoch_end(self, epoch, logs=None):
        self.epoch.append(epoch)
        for key, value in (logs or {}).items():
            self.history.setdefault(key, []).append(value)
        model = self._model
        if model is not None:
            model.history = self
