"""`Callback`: the base class of objects that hook into fit/evaluate/predict."""
from cornu import backend


class Callback:
    """Base class for callbacks; override the hooks you need.

    Attributes:
        params: dict of training parameters (`verbose`, `epochs`, `steps`).
        model: the model being trained, evaluated or used for prediction.

    Hooks receive an index (epoch or batch) first where relevant, then a `logs`
    dict of Python floats. `on_train_batch_begin/end` forward to the Keras-2
    names `on_batch_begin/end` unless overridden.

    Example:

        class PrintLoss(cornu.callbacks.Callback):
            def on_epoch_end(self, epoch, logs=None):
                print(epoch, logs["loss"])
    """

    def __init__(self):
        self.params = None
        self._model = None
        self.validation_data = None

    def set_params(self, params):
        """Store the training parameters dict."""
        self.params = params

    def set_model(self, model):
        """Attach the model the hooks refer to."""
        self._model = model

    @property
    def model(self):
        model = self._model
        # A JAX trainer may hold the latest weights outside the Variables during
        # fit; give it the chance to write them back before user code reads them.
        if model is not None and backend.backend() == "jax":
            sync = getattr(model, "jax_state_sync", None)
            if callable(sync):
                sync()
        return model

    @model.setter
    def model(self, model):
        self._model = model

    def on_batch_begin(self, batch, logs=None):
        """Keras-2 alias called at the start of each training batch."""

    def on_batch_end(self, batch, logs=None):
        """Keras-2 alias called at the end of each training batch."""

    def on_epoch_begin(self, epoch, logs=None):
        """Called at the start of each training epoch."""

    def on_epoch_end(self, epoch, logs=None):
        """Called at the end of each training epoch with the epoch's logs (incl. `val_*`)."""

    def on_train_batch_begin(self, batch, logs=None):
        """Called at the start of each training batch."""
        self.on_batch_begin(batch, logs)

    def on_train_batch_end(self, batch, logs=None):
        """Called at the end of each training batch with the running metrics."""
        self.on_batch_end(batch, logs)

    def on_test_batch_begin(self, batch, logs=None):
        """Called at the start of each evaluation batch."""

    def on_test_batch_end(self, batch, logs=None):
        """Called at the end of each evaluation batch."""

    def on_predict_batch_begin(self, batch, logs=None):
        """Called at the start of each prediction batch."""

    def on_predict_batch_end(self, batch, logs=None):
        """Called at the end of each prediction batch (`logs["outputs"]`)."""

    def on_train_begin(self, logs=None):
        """Called once at the start of `fit`."""

    def on_train_end(self, logs=None):
        """Called once at the end of `fit`."""

    def on_test_begin(self, logs=None):
        """Called at the start of `evaluate` (also for validation inside `fit`)."""

    def on_test_end(self, logs=None):
        """Called at the end of `evaluate` with its results."""

    def on_predict_begin(self, logs=None):
        """Called at the start of `predict`."""

    def on_predict_end(self, logs=None):
        """Called at the end of `predict`."""
