"""`PiecewiseConstantDecay`: constant rates between step boundaries."""
from cornu.optimizers.schedules._validation import float_step
from cornu.optimizers.schedules.learning_rate_schedule import LearningRateSchedule


class PiecewiseConstantDecay(LearningRateSchedule):
    """`values[0]` for `step <= boundaries[0]`, `values[1]` up to `boundaries[1]`, ...

    Args:
        boundaries: increasing list of step boundaries.
        values: list of rates, one more than `boundaries`.
        name: name of the schedule.

    Returns:
        When called with a step, the scalar learning rate.

    Example:
        >>> PiecewiseConstantDecay([100, 200], [1.0, 0.5, 0.1])(150)  # 0.5
    """

    def __init__(self, boundaries, values, name="PiecewiseConstant"):
        boundaries, values = list(boundaries), list(values)
        if len(boundaries) != len(values) - 1:
            raise ValueError(
                "PiecewiseConstantDecay: the length of `boundaries` should be 1 less than the "
                f"length of `values`. Received: boundaries={boundaries} of length "
                f"{len(boundaries)}, and values={values} of length {len(values)}.")
        if any(b2 < b1 for b1, b2 in zip(boundaries, boundaries[1:])):
            raise ValueError(
                f"PiecewiseConstantDecay: `boundaries` must be increasing, received {boundaries}.")
        self.boundaries = boundaries
        self.values = values
        self.name = name

    def __call__(self, step):
        from cornu import backend, ops

        step = float_step(step)
        # Walk from the last interval down so the first matching (lowest) interval wins.
        result = backend.cast(float(self.values[-1]), "float32")
        for boundary, value in zip(reversed(self.boundaries), reversed(self.values[:-1])):
            result = ops.where(step <= float(boundary), float(value), result)
        return backend.cast(result, "float32")

    def get_config(self):
        return {"boundaries": self.boundaries, "values": self.values, "name": self.name}
