"""String metric resolution for compile(): accuracy / crossentropy by output and loss type."""
import numpy as np
import pytest

from cornu import losses, metrics, ops
from cornu.metrics.metric_resolution import resolve_metric


@pytest.mark.parametrize("name", ["accuracy", "acc"])
def test_accuracy_resolution(name):
    binary = resolve_metric(name, (None, 1), (None, 1))
    assert isinstance(binary, metrics.BinaryAccuracy) and binary.name == name
    sparse = resolve_metric(name, (None,), (None, 10))
    assert isinstance(sparse, metrics.SparseCategoricalAccuracy) and sparse.name == name
    sparse_trailing = resolve_metric(name, (None, 1), (None, 10))
    assert isinstance(sparse_trailing, metrics.SparseCategoricalAccuracy)
    categorical = resolve_metric(name, (None, 10), (None, 10))
    assert isinstance(categorical, metrics.CategoricalAccuracy)
    by_loss = resolve_metric(name, (None, 3), (None, 3), loss_identifier="binary_crossentropy")
    assert isinstance(by_loss, metrics.BinaryAccuracy)
    by_loss_object = resolve_metric(name, (None, 3), (None, 3),
                                    loss_identifier=losses.BinaryCrossentropy())
    assert isinstance(by_loss_object, metrics.BinaryAccuracy)
    by_sparse_loss = resolve_metric(name, (None, 4), (None, 4),
                                    loss_identifier=losses.sparse_categorical_crossentropy)
    assert isinstance(by_sparse_loss, metrics.SparseCategoricalAccuracy)


def test_crossentropy_resolution():
    assert isinstance(resolve_metric("crossentropy", (None, 1), (None, 1)),
                      metrics.BinaryCrossentropy)
    ce = resolve_metric("ce", (None,), (None, 5))
    assert isinstance(ce, metrics.SparseCategoricalCrossentropy) and ce.name == "ce"
    assert isinstance(resolve_metric("crossentropy", (None, 5), (None, 5)),
                      metrics.CategoricalCrossentropy)


def test_other_strings_keep_the_given_name():
    mae = resolve_metric("mae", (None, 1), (None, 1))
    assert isinstance(mae, metrics.MeanAbsoluteError) and mae.name == "mae"
    sca = resolve_metric("sparse_categorical_accuracy", (None, 1), (None, 10))
    assert isinstance(sca, metrics.SparseCategoricalAccuracy)
    assert sca.name == "sparse_categorical_accuracy"
    huber = resolve_metric("huber", (None, 1), (None, 1))
    assert isinstance(huber, metrics.MeanMetricWrapper) and huber.name == "huber"
    with pytest.raises(ValueError, match="Could not interpret metric identifier"):
        resolve_metric("not_a_metric", (None, 1), (None, 1))


def test_objects_and_functions():
    auc = metrics.AUC(name="auc")
    assert resolve_metric(auc, (None, 1), (None, 1)) is auc

    def my_metric(y_true, y_pred):
        return ops.abs(y_true - y_pred)

    wrapped = resolve_metric(my_metric, (None, 1), (None, 1))
    assert isinstance(wrapped, metrics.MeanMetricWrapper) and wrapped.name == "my_metric"
    wrapped.update_state(np.array([[1.0], [2.0]], "float32"), np.array([[2.0], [2.0]], "float32"))
    assert np.isclose(float(ops.convert_to_numpy(wrapped.result())), 0.5)
    assert isinstance(resolve_metric(metrics.Precision, (None, 1), (None, 1)), metrics.Precision)
