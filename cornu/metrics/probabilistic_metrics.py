"""Probabilistic metrics: KL divergence, Poisson and the cross-entropies as running means."""
from cornu.losses.crossentropy import (
    binary_crossentropy, categorical_crossentropy, sparse_categorical_crossentropy)
from cornu.losses.probabilistic import kl_divergence, poisson
from cornu.metrics.reduction_metrics import MeanMetricWrapper


class KLDivergence(MeanMetricWrapper):
    """Mean Kullback-Leibler divergence. See `cornu.losses.kl_divergence`."""

    def __init__(self, name="kl_divergence", dtype=None):
        super().__init__(kl_divergence, name=name, dtype=dtype)
        self._direction = "down"


class Poisson(MeanMetricWrapper):
    """Mean Poisson loss. See `cornu.losses.poisson`."""

    def __init__(self, name="poisson", dtype=None):
        super().__init__(poisson, name=name, dtype=dtype)
        self._direction = "down"


class BinaryCrossentropy(MeanMetricWrapper):
    """Mean binary cross-entropy. See `cornu.losses.binary_crossentropy`."""

    def __init__(self, name="binary_crossentropy", dtype=None, from_logits=False,
                 label_smoothing=0):
        super().__init__(binary_crossentropy, name=name, dtype=dtype, from_logits=from_logits,
                         label_smoothing=label_smoothing)
        self._direction = "down"


class CategoricalCrossentropy(MeanMetricWrapper):
    """Mean categorical cross-entropy. See `cornu.losses.categorical_crossentropy`."""

    def __init__(self, name="categorical_crossentropy", dtype=None, from_logits=False,
                 label_smoothing=0, axis=-1):
        super().__init__(categorical_crossentropy, name=name, dtype=dtype,
                         from_logits=from_logits, label_smoothing=label_smoothing, axis=axis)
        self._direction = "down"


class SparseCategoricalCrossentropy(MeanMetricWrapper):
    """Mean sparse categorical cross-entropy. See `cornu.losses.sparse_categorical_crossentropy`."""

    def __init__(self, name="sparse_categorical_crossentropy", dtype=None, from_logits=False,
                 axis=-1):
        super().__init__(sparse_categorical_crossentropy, name=name, dtype=dtype,
                         from_logits=from_logits, axis=axis)
        self._direction = "down"
