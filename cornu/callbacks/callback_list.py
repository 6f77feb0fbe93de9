"""`CallbackList`: calls every hook on each callback, in list order."""
from cornu.callbacks.callback import Callback
from cornu.callbacks.history import History
from cornu.callbacks.log_values import pythonify_logs
from cornu.callbacks.progbar_logger import ProgbarLogger

# Hooks whose base implementation forwards to a Keras-2 alias: overriding the
# alias counts as overriding the hook.
_ALIASES = {"on_train_batch_begin": "on_batch_begin", "on_train_batch_end": "on_batch_end"}


def _flatten(callbacks):
    for item in callbacks:
        if isinstance(item, (list, tuple)):
            yield from _flatten(item)
        elif item is not None:
            yield item


def _overrides(callback, hook):
    if hook in vars(callback):
        return True
    own = getattr(type(callback), hook, None)
    if own is not None and own is not getattr(Callback, hook):
        return True
    alias = _ALIASES.get(hook)
    return alias is not None and own is getattr(Callback, hook) and _overrides(callback, alias)


class CallbackList(Callback):
    """A container that forwards every hook to a list of callbacks, in order.

    Args:
        callbacks: a (possibly nested) list of `Callback` instances.
        add_history: append a `History` callback unless one is present.
        add_progbar: append a `ProgbarLogger` unless one is present.
        model: the model to attach to every callback.
        **params: the training parameters (`verbose`, `epochs`, `steps`).

    Returns:
        A `CallbackList`, itself usable as a callback.

    Example:

        callbacks = CallbackList([my_callback], add_history=True, model=model,
                                 verbose=0, epochs=3, steps=10)
        callbacks.on_train_begin()
    """

    def __init__(self, callbacks=None, add_history=False, add_progbar=False, model=None,
                 **params):
        super().__init__()
        if isinstance(callbacks, Callback) and not isinstance(callbacks, CallbackList):
            callbacks = [callbacks]
        self.callbacks = list(_flatten(callbacks or []))
        for callback in self.callbacks:
            if not hasattr(callback, "set_model") or not hasattr(callback, "on_epoch_end"):
                raise TypeError(
                    "CallbackList expects `cornu.callbacks.Callback` instances; received "
                    f"{callback!r} of type {type(callback).__name__}.")
        self._history = next((c for c in self.callbacks if isinstance(c, History)), None)
        self._progbar = next((c for c in self.callbacks if isinstance(c, ProgbarLogger)), None)
        if self._history is None and add_history:
            self._history = History()
            self.callbacks.append(self._history)
        if self._progbar is None and add_progbar:
            self._progbar = ProgbarLogger()
            self.callbacks.append(self._progbar)
        if model is not None:
            self.set_model(model)
        if params:
            self.set_params(params)

    def append(self, callback):
        """Add a callback at the end of the list."""
        self.callbacks.append(callback)
        if self.params is not None:
            callback.set_params(self.params)
        if self._model is not None:
            callback.set_model(self._model)

    def set_params(self, params):
        self.params = params
        for callback in self.callbacks:
            callback.set_params(params)

    def set_model(self, model):
        self._model = model
        if self._history is not None:
            model.history = self._history
        for callback in self.callbacks:
            callback.set_model(model)

    @property
    def model(self):
        return self._model

    @model.setter
    def model(self, model):
        self._model = model

    def __iter__(self):
        return iter(self.callbacks)

    def __len__(self):
        return len(self.callbacks)

    def _dispatch(self, hook, index, logs):
        if logs is None:
            logs = {}
        converted = False
        for callback in self.callbacks:
            if not _overrides(callback, hook):
                continue
            # Converting reads device values; do it once, and only when a callback
            # that wants Python numbers is about to see the logs.
            if not converted and not getattr(callback, "_accepts_raw_logs", False):
                pythonify_logs(logs)
                converted = True
            method = getattr(callback, hook)
            if index is None:
                method(logs)
            else:
                method(index, logs)

    def on_batch_begin(self, batch, logs=None):
        self._dispatch("on_train_batch_begin", batch, logs)

    def on_batch_end(self, batch, logs=None):
        self._dispatch("on_train_batch_end", batch, logs)

    def on_epoch_begin(self, epoch, logs=None):
        self._dispatch("on_epoch_begin", epoch, logs)

    def on_epoch_end(self, epoch, logs=None):
        self._dispatch("on_epoch_end", epoch, logs)

    def on_train_batch_begin(self, batch, logs=None):
        self._dispatch("on_train_batch_begin", batch, logs)

    def on_train_batch_end(self, batch, logs=None):
        self._dispatch("on_train_batch_end", batch, logs)

    def on_test_batch_begin(self, batch, logs=None):
        self._dispatch("on_test_batch_begin", batch, logs)

    def on_test_batch_end(self, batch, logs=None):
        self._dispatch("on_test_batch_end", batch, logs)

    def on_predict_batch_begin(self, batch, logs=None):
        self._dispatch("on_predict_batch_begin", batch, logs)

    def on_predict_batch_end(self, batch, logs=None):
        self._dispatch("on_predict_batch_end", batch, logs)

    def on_train_begin(self, logs=None):
        self._dispatch("on_train_begin", None, logs)

    def on_train_end(self, logs=None):
        self._dispatch("on_train_end", None, logs)

    def on_test_begin(self, logs=None):
        self._dispatch("on_test_begin", None, logs)

    def on_test_end(self, logs=None):
        self._dispatch("on_test_end", None, logs)

    def on_predict_begin(self, logs=None):
        self._dispatch("on_predict_begin", None, logs)

    def on_predict_end(self, logs=None):
        self._dispatch("on_predict_end", None, logs)
