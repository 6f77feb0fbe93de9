"""`LambdaCallback`: a callback built from plain functions."""
from cornu.callbacks.callback import Callback

_HOOKS = (
    "on_batch_begin", "on_batch_end", "on_epoch_begin", "on_epoch_end",
    "on_train_batch_begin", "on_train_batch_end", "on_test_batch_begin", "on_test_batch_end",
    "on_predict_batch_begin", "on_predict_batch_end", "on_train_begin", "on_train_end",
    "on_test_begin", "on_test_end", "on_predict_begin", "on_predict_end",
)


class LambdaCallback(Callback):
    """Run the given functions at the matching hooks.

    Args:
        on_epoch_begin, on_epoch_end: functions of `(epoch, logs)`.
        on_train_begin, on_train_end: functions of `(logs)`.
        on_train_batch_begin, on_train_batch_end: functions of `(batch, logs)`.
        **kwargs: any other hook by name (`on_batch_end`, `on_test_end`, ...).

    Example:

        print_epoch = LambdaCallback(on_epoch_end=lambda epoch, logs: print(epoch))
    """

    def __init__(self, on_epoch_begin=None, on_epoch_end=None, on_train_begin=None,
                 on_train_end=None, on_train_batch_begin=None, on_train_batch_end=None,
                 **kwargs):
        super().__init__()
        unknown = sorted(set(kwargs) - set(_HOOKS))
        if unknown:
            raise TypeError(
                f"LambdaCallback got unknown hook names {unknown}; valid hooks are {_HOOKS}.")
        functions = dict(kwargs, on_epoch_begin=on_epoch_begin, on_epoch_end=on_epoch_end,
                         on_train_begin=on_train_begin, on_train_end=on_train_end,
                         on_train_batch_begin=on_train_batch_begin,
                         on_train_batch_end=on_train_batch_end)
        for hook, function in functions.items():
            if function is None:
                continue
            if not callable(function):
                raise TypeError(
                    f"LambdaCallback {hook} must be callable; received {function!r}.")
            setattr(self, hook, function)
