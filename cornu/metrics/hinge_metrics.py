"""Hinge metrics: mean hinge, squared hinge and categorical hinge over all samples seen."""
from cornu.losses.hinge import categorical_hinge, hinge, squared_hinge
from cornu.metrics.reduction_metrics import MeanMetricWrapper


class Hinge(MeanMetricWrapper):
    """Mean hinge loss. See `cornu.losses.hinge`."""

    def __init__(self, name="hinge", dtype=None):
        super().__init__(hinge, name=name, dtype=dtype)
        self._direction = "down"


class SquaredHinge(MeanMetricWrapper):
    """Mean squared hinge loss. See `cornu.losses.squared_hinge`."""

    def __init__(self, name="squared_hinge", dtype=None):
        super().__init__(squared_hinge, name=name, dtype=dtype)
        self._direction = "down"


class CategoricalHinge(MeanMetricWrapper):
    """Mean categorical hinge loss. See `cornu.losses.categorical_hinge`."""

    def __init__(self, name="categorical_hinge", dtype=None):
        super().__init__(categorical_hinge, name=name, dtype=dtype)
        self._direction = "down"
