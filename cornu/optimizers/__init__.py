"""`cornu.optimizers`: optimizer classes, schedules, and lookup by name or config."""
import inspect

from cornu.optimizers import schedules
from cornu.optimizers.adadelta import Adadelta
from cornu.optimizers.adafactor import Adafactor
from cornu.optimizers.adagrad import Adagrad
from cornu.optimizers.adam import Adam
from cornu.optimizers.adamax import Adamax
from cornu.optimizers.adamw import AdamW
from cornu.optimizers.ftrl import Ftrl
from cornu.optimizers.lamb import Lamb
from cornu.optimizers.lion import Lion
from cornu.optimizers.loss_scale_optimizer import LossScaleOptimizer
from cornu.optimizers.nadam import Nadam
from cornu.optimizers.optimizer import Optimizer
from cornu.optimizers.rmsprop import RMSprop
from cornu.optimizers.sgd import SGD

_BUILTIN_CLASSES = (Adadelta, Adafactor, Adagrad, Adam, Adamax, AdamW, Ftrl, Lamb, Lion,
                    LossScaleOptimizer, Nadam, Optimizer, RMSprop, SGD)
_BY_NAME = {cls.__name__: cls for cls in _BUILTIN_CLASSES}
_BY_LOWER_NAME = {name.lower(): cls for name, cls in _BY_NAME.items()}

__all__ = ["Optimizer", "SGD", "Adam", "AdamW", "RMSprop", "Adagrad", "Adadelta", "Adamax",
           "Nadam", "Ftrl", "Lion", "Lamb", "Adafactor", "LossScaleOptimizer", "schedules", "get",
           "serialize", "deserialize"]


def serialize(optimizer):
    """Keras 3 dict for an optimizer: `{"module", "class_name", "config", "registered_name"}`.

    Args:
        optimizer: an `Optimizer` instance.

    Returns:
        A JSON-compatible dict.

    Example:
        >>> serialize(Adam())["class_name"]
        'Adam'
    """
    if not isinstance(optimizer, Optimizer):
        raise TypeError(
            "`cornu.optimizers.serialize` expects an Optimizer instance, received "
            f"{optimizer!r} of type {type(optimizer).__name__}.")
    cls = type(optimizer)
    builtin = _BY_NAME.get(cls.__name__) is cls
    return {
        "module": "keras.optimizers" if builtin else cls.__module__,
        "class_name": cls.__name__,
        "config": optimizer.get_config(),
        "registered_name": None if builtin else cls.__name__,
    }


def _resolve_class(name, custom_objects):
    from cornu.saving.object_registration import get_registered_object

    cls = get_registered_object(name, custom_objects)
    if cls is None:
        cls = _BY_NAME.get(name) or _BY_LOWER_NAME.get(str(name).lower())
    return cls


def deserialize(config, custom_objects=None, **kwargs):
    """Rebuild an optimizer from `serialize()` output.

    Args:
        config: a dict with `class_name` and `config` (the `module` key is optional).
        custom_objects: optional `{name: class}` for user-defined optimizers.

    Returns:
        An `Optimizer` instance.
    """
    if isinstance(config, Optimizer):
        return config
    if not isinstance(config, dict) or "class_name" not in config:
        raise ValueError(
            "Could not interpret optimizer config: expected a dict with 'class_name' and "
            f"'config', received {config!r}.")
    names = [config.get("registered_name"), config["class_name"]]
    cls = None
    for name in names:
        if name:
            cls = _resolve_class(name, custom_objects)
            if cls is not None:
                break
    if cls is None or not (inspect.isclass(cls) and issubclass(cls, Optimizer)):
        raise ValueError(
            f"Unknown optimizer: '{config['class_name']}'. Known optimizers: "
            f"{sorted(_BY_NAME)}. For a custom optimizer, pass it in `custom_objects` or use "
            "`cornu.saving.register_keras_serializable`.")
    inner = dict(config.get("config") or {})
    try:
        return cls.from_config(inner, custom_objects=custom_objects)
    except TypeError:
        return cls.from_config(inner)


def get(identifier):
    """Resolve an optimizer from a name (`"adam"`), a config dict, or an instance.

    Args:
        identifier: `str`, `dict` or `Optimizer`.

    Returns:
        An `Optimizer` (a new one with default arguments for a name).

    Example:
        >>> get("rmsprop")
        <RMSprop name=rmsprop, built=False>
    """
    if isinstance(identifier, Optimizer):
        return identifier
    if isinstance(identifier, dict):
        return deserialize(identifier)
    if isinstance(identifier, str):
        cls = _BY_LOWER_NAME.get(identifier.lower())
        if cls is None:
            cls = _resolve_class(identifier, None)
        if cls is None or cls is Optimizer:
            raise ValueError(
                f"Could not interpret optimizer identifier: {identifier!r}. Known names: "
                f"{sorted(n.lower() for n in _BY_NAME if n != 'Optimizer')}.")
        return cls()
    raise ValueError(
        f"Could not interpret optimizer identifier: {identifier!r} (of type "
        f"{type(identifier).__name__}). Pass an Optimizer instance, a name such as 'adam', or "
        "a config dict.")
