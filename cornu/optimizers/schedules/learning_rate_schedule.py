"""`LearningRateSchedule` base class and (de)serialization of schedules."""
import inspect


class LearningRateSchedule:
    """A learning rate as a function of the optimizer step.

    Subclasses implement `__call__(step)` (returning a scalar tensor) and `get_config()`.

    Example:
        >>> class Halving(LearningRateSchedule):
        ...     def __call__(self, step):
        ...         return 0.1 * 0.5 ** ops.cast(step, "float32")
        ...     def get_config(self):
        ...         return {}
    """

    def __call__(self, step):
        raise NotImplementedError(
            f"Learning rate schedule '{type(self).__name__}' must override `__call__(self, step)`.")

    def get_config(self):
        raise NotImplementedError(
            f"Learning rate schedule '{type(self).__name__}' must override `get_config()` in "
            "order to be serializable.")

    @classmethod
    def from_config(cls, config):
        """Instantiate a schedule from its `get_config()` output."""
        return cls(**config)


def _registry():
    from cornu.optimizers import schedules

    return {name: getattr(schedules, name) for name in schedules.__all__
            if inspect.isclass(getattr(schedules, name))}


def serialize(learning_rate_schedule):
    """Keras 3 dict for a schedule: module, class_name, config, registered_name.

    Args:
        learning_rate_schedule: a `LearningRateSchedule` instance.

    Returns:
        A JSON-compatible dict.
    """
    if not isinstance(learning_rate_schedule, LearningRateSchedule):
        raise TypeError(
            "`serialize` expects a LearningRateSchedule instance, received "
            f"{learning_rate_schedule!r} of type {type(learning_rate_schedule).__name__}.")
    cls = type(learning_rate_schedule)
    builtin = _registry().get(cls.__name__) is cls
    return {
        "module": "keras.optimizers.schedules" if builtin else cls.__module__,
        "class_name": cls.__name__,
        "config": learning_rate_schedule.get_config(),
        "registered_name": None if builtin else cls.__name__,
    }


def deserialize(config, custom_objects=None):
    """Rebuild a schedule from `serialize()` output (or a legacy `{class_name, config}` dict).

    Args:
        config: the dict.
        custom_objects: optional `{name: class}` for user-defined schedules.

    Returns:
        A `LearningRateSchedule`.
    """
    if isinstance(config, LearningRateSchedule):
        return config
    if not isinstance(config, dict) or "class_name" not in config:
        raise ValueError(
            "Could not interpret learning rate schedule config: expected a dict with "
            f"'class_name' and 'config', received {config!r}.")
    from cornu.saving.object_registration import get_registered_object

    name = config.get("registered_name") or config["class_name"]
    cls = get_registered_object(name, custom_objects)
    if cls is None:
        cls = get_registered_object(config["class_name"], custom_objects, _registry())
    if cls is None:
        raise ValueError(
            f"Unknown learning rate schedule: '{config['class_name']}'. Please ensure you are "
            "using a `cornu.utils.custom_object_scope` or pass it in `custom_objects`.")
    return cls.from_config(config.get("config", {}))
