"""Argument checks shared by the built-in schedules."""


def check_positive(schedule_name, argument, value):
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value <= 0:
        raise ValueError(
            f"{schedule_name}: argument `{argument}` must be > 0. Received: {argument}={value!r}")


def check_number(schedule_name, argument, value):
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ValueError(
            f"{schedule_name}: argument `{argument}` must be a number. Received: "
            f"{argument}={value!r} (of type {type(value).__name__})")


def float_step(step):
    """The step as a float32 tensor (schedules get the raw int counter)."""
    from cornu import backend

    return backend.cast(step, "float32")
