"""Resolving what users write in `compile(metrics=[...])` into metric objects.

`"accuracy"`/`"acc"` and `"crossentropy"`/`"ce"` depend on the targets and the
loss: binary, sparse categorical or categorical.
"""
from cornu.metrics.accuracy_metrics import (
    BinaryAccuracy, CategoricalAccuracy, SparseCategoricalAccuracy)
from cornu.metrics.metric import Metric
from cornu.metrics.probabilistic_metrics import (
    BinaryCrossentropy, CategoricalCrossentropy, SparseCategoricalCrossentropy)
from cornu.metrics.reduction_metrics import MeanMetricWrapper

_ACCURACY_NAMES = ("accuracy", "acc")
_CROSSENTROPY_NAMES = ("crossentropy", "ce")
_BINARY_LOSS_NAMES = ("binary_crossentropy", "bce", "binarycrossentropy",
                      "binary_focal_crossentropy", "binaryfocalcrossentropy")
_SPARSE_LOSS_NAMES = ("sparse_categorical_crossentropy", "sparsecategoricalcrossentropy")


def _loss_kind(loss_identifier):
    """`"binary"`, `"sparse"` or `None` for the loss the metric goes with."""
    if loss_identifier is None:
        return None
    if isinstance(loss_identifier, str):
        name = loss_identifier
    elif isinstance(loss_identifier, type):
        name = loss_identifier.__name__
    else:
        name = getattr(loss_identifier, "__name__", None) or type(loss_identifier).__name__
        wrapped = getattr(loss_identifier, "fn", None)
        if type(loss_identifier).__name__ == "LossFunctionWrapper" and wrapped is not None:
            name = getattr(wrapped, "__name__", name)
    name = name.lower()
    if name in _BINARY_LOSS_NAMES:
        return "binary"
    if name in _SPARSE_LOSS_NAMES:
        return "sparse"
    return None


def _last_dim(shape):
    return shape[-1] if shape is not None and len(shape) else None


def output_kind(y_true_shape, y_pred_shape, loss_identifier=None):
    """Classify a target/prediction pair: `"binary"`, `"sparse"` or `"categorical"`."""
    y_true_shape = None if y_true_shape is None else tuple(y_true_shape)
    y_pred_shape = None if y_pred_shape is None else tuple(y_pred_shape)
    pred_last = _last_dim(y_pred_shape)
    true_last = _last_dim(y_true_shape)
    loss_kind = _loss_kind(loss_identifier)
    if pred_last == 1 or loss_kind == "binary":
        return "binary"
    if loss_kind == "sparse":
        return "sparse"
    if y_true_shape is not None and y_pred_shape is not None:
        if len(y_true_shape) == len(y_pred_shape) - 1:
            return "sparse"
        if true_last == 1 and pred_last is not None and pred_last > 1:
            return "sparse"
    return "categorical"


def resolve_metric(identifier, y_true_shape, y_pred_shape, loss_identifier=None):
    """Turn a `compile(metrics=...)` entry into a `Metric` object.

    Args:
        identifier: a string name, a `Metric`, a metric class or a function.
        y_true_shape: shape of the targets (tuple, `None` dims allowed).
        y_pred_shape: shape of the model output.
        loss_identifier: the loss compiled for this output (name, object or function).

    Returns:
        A `Metric`. For strings its `name` is the string given (`"acc"` stays `"acc"`).

    Example:
        >>> resolve_metric("acc", (None, 1), (None, 1)).__class__.__name__
        'BinaryAccuracy'
    """
    from cornu import metrics

    if isinstance(identifier, Metric):
        return identifier
    if isinstance(identifier, str):
        lowered = identifier.lower()
        if lowered in _ACCURACY_NAMES or lowered in _CROSSENTROPY_NAMES:
            kind = output_kind(y_true_shape, y_pred_shape, loss_identifier)
            if lowered in _ACCURACY_NAMES:
                classes = {"binary": BinaryAccuracy, "sparse": SparseCategoricalAccuracy,
                           "categorical": CategoricalAccuracy}
            else:
                classes = {"binary": BinaryCrossentropy,
                           "sparse": SparseCategoricalCrossentropy,
                           "categorical": CategoricalCrossentropy}
            return classes[kind](name=identifier)
        metric = metrics.get(identifier)
        if not isinstance(metric, Metric):
            metric = MeanMetricWrapper(metric, name=identifier)
        metric.name = identifier
        return metric
    metric = metrics.get(identifier)
    if not isinstance(metric, Metric):
        metric = MeanMetricWrapper(metric, name=getattr(metric, "__name__", None))
    return metric
