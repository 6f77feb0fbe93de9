"""Reading and assigning an optimizer's learning rate from callbacks."""
from cornu.callbacks.log_values import to_float


def _optimizer_of(model, callback_name):
    optimizer = getattr(model, "optimizer", None)
    if optimizer is None or not hasattr(optimizer, "learning_rate"):
        raise ValueError(
            f"{callback_name} needs a compiled model whose optimizer has a `learning_rate` "
            f"attribute; received optimizer={optimizer!r}.")
    return optimizer


def get_learning_rate(model, callback_name):
    """The optimizer's current learning rate as a Python float.

    Args:
        model: a model with an `optimizer` attribute.
        callback_name: named in the error when there is no optimizer.

    Returns:
        A float.
    """
    return to_float(_optimizer_of(model, callback_name).learning_rate)


def set_learning_rate(model, value, callback_name):
    """Assign a new learning rate (a float) to the model's optimizer.

    Args:
        model: a model with an `optimizer` attribute.
        value: the new rate.
        callback_name: named in the error when there is no optimizer.
    """
    _optimizer_of(model, callback_name).learning_rate = float(value)
