"""Metric base class, Mean/Sum/MeanMetricWrapper, stateless API and serialization."""
import numpy as np
import pytest

import cornu
from cornu import metrics, ops


def value(x):
    return float(ops.convert_to_numpy(x))


class CountPositives(metrics.Metric):
    def __init__(self, name="count_positives", **kwargs):
        super().__init__(name=name, **kwargs)
        self.count = self.add_weight(name="count", initializer="zeros")
        self.offset = self.add_variable((2,), "ones", name="offset")

    def update_state(self, values):
        self.count.assign_add(ops.sum(ops.cast(ops.greater(values, 0), self.dtype)))

    def result(self):
        return self.count.value + 0.0


def test_variables_are_non_trainable_tracked_in_order_and_reset_to_initial_values():
    metric = CountPositives()
    assert [v.name for v in metric.variables] == ["count", "offset"]
    assert all(not v.trainable for v in metric.variables)
    assert metric.variables[0].path == "count_positives/count"
    metric.update_state(np.array([1.0, -1.0, 2.0], "float32"))
    metric.offset.assign(np.zeros((2,), "float32"))
    assert value(metric.result()) == 2.0
    metric.reset_state()
    assert value(metric.result()) == 0.0
    np.testing.assert_array_equal(ops.convert_to_numpy(metric.offset), [1.0, 1.0])
    metric.update_state(np.array([3.0], "float32"))
    metric.reset_states()
    assert value(metric.result()) == 0.0


def test_call_updates_and_returns_result():
    metric = metrics.Mean()
    assert np.isclose(value(metric([1.0, 3.0])), 2.0)
    assert np.isclose(value(metric([5.0])), 3.0)


def test_mean_and_sum_with_weights_and_ranks():
    mean = metrics.Mean()
    mean.update_state([1.0, 3.0, 5.0, 7.0], sample_weight=[1.0, 1.0, 0.0, 0.0])
    assert np.isclose(value(mean.result()), 2.0)
    mean.update_state(np.array([[2.0, 4.0]], "float32"))
    assert np.isclose(value(mean.result()), (1 + 3 + 3) / 3)
    total = metrics.Sum()
    total.update_state(np.array([[1.0, 2.0], [3.0, 4.0]], "float32"),
                       sample_weight=np.array([1.0, 0.5], "float32"))
    assert np.isclose(value(total.result()), 3.0 + 3.5)
    assert metrics.Sum().name == "sum" and metrics.Mean().name == "mean"


def test_mean_tracks_python_floats_and_zero_dim_tensors():
    meter = metrics.Mean()
    for v in ops.convert_to_tensor(np.arange(5, dtype="float32")):
        meter.update_state(v)
    assert np.isclose(value(meter.result()), 2.0)
    meter.reset_state()
    assert value(meter.result()) == 0.0
    for loss in np.linspace(2.0, 0.1, 100):
        meter.update_state(float(loss))
    assert np.isclose(value(meter.result()), np.linspace(2.0, 0.1, 100).mean(), rtol=1e-5)


def test_mean_metric_wrapper_and_config():
    def absolute(y_true, y_pred):
        return ops.abs(ops.convert_to_tensor(y_true) - ops.convert_to_tensor(y_pred))

    metric = metrics.MeanMetricWrapper(absolute, name="abs")
    metric.update_state(np.array([1.0, 2.0], "float32"), np.array([2.0, 2.0], "float32"))
    assert np.isclose(value(metric.result()), 0.5)
    wrapped = metrics.MeanMetricWrapper(metrics.binary_accuracy, name="acc", threshold=0.7)
    wrapped.update_state([[1.0], [1.0]], [[0.8], [0.6]])
    assert np.isclose(value(wrapped.result()), 0.5)
    config = wrapped.get_config()
    assert config["threshold"] == 0.7 and config["name"] == "acc"
    rebuilt = metrics.MeanMetricWrapper.from_config(config)
    rebuilt.update_state([[1.0], [1.0]], [[0.8], [0.6]])
    assert np.isclose(value(rebuilt.result()), 0.5)
    with pytest.raises(TypeError, match="callable"):
        metrics.MeanMetricWrapper(3)


def test_stateless_api_leaves_the_metric_untouched():
    metric = metrics.SparseCategoricalAccuracy()
    targets = np.array([0, 1, 2])
    predictions = np.eye(3, dtype="float32")
    state = metric.stateless_update_state(metric.variables, targets, predictions)
    assert np.isclose(value(metric.stateless_result(state)), 1.0)
    assert value(metric.result()) == 0.0
    state = metric.stateless_update_state(state, np.array([1]), np.array([[1.0, 0.0, 0.0]]))
    assert np.isclose(value(metric.stateless_result(state)), 0.75)
    blank = metric.stateless_reset_state()
    assert len(blank) == len(metric.variables)
    assert all(float(np.sum(ops.convert_to_numpy(v))) == 0.0 for v in blank)
    metric.update_state(targets, predictions)
    blank = metric.stateless_reset_state()
    assert value(metric.result()) == 1.0
    assert value(metric.stateless_result(blank)) == 0.0
    with pytest.raises(ValueError, match="expected 2 metric variable values"):
        metric.stateless_update_state([0.0], targets, predictions)


@pytest.mark.skipif(cornu.backend.backend() != "jax", reason="jax.jit only exists on jax")
def test_stateless_update_under_jax_jit():
    import jax

    metric = metrics.AUC(num_thresholds=50)
    mean = metrics.Mean()
    labels = np.array([0, 0, 1, 1, 1, 0], "float32")
    scores = np.array([0.1, 0.4, 0.35, 0.8, 0.7, 0.2], "float32")

    @jax.jit
    def step(auc_state, mean_state, y, p):
        auc_state = metric.stateless_update_state(auc_state, y, p)
        mean_state = mean.stateless_update_state(mean_state, p)
        return auc_state, mean_state, metric.stateless_result(auc_state)

    auc_state = [v.value for v in metric.variables]
    mean_state = [v.value for v in mean.variables]
    auc_state, mean_state, result = step(auc_state, mean_state, labels, scores)
    metric.update_state(labels, scores)
    assert np.isclose(float(result), value(metric.result()))
    assert np.isclose(value(mean.stateless_result(mean_state)), scores.mean())


def test_subclass_without_super_init_gets_a_clear_error():
    class Broken(metrics.Metric):
        def __init__(self):
            self.total = self.add_variable((), "zeros", name="total")

    with pytest.raises(RuntimeError, match="super"):
        Broken()


def test_sub_metrics_variables_are_tracked():
    class Pair(metrics.Metric):
        def __init__(self):
            super().__init__(name="pair")
            self.first = metrics.Mean(name="first")
            self.second = metrics.Sum(name="second")

        def update_state(self, values):
            self.first.update_state(values)
            self.second.update_state(values)

        def result(self):
            return self.first.result() + self.second.result()

    pair = Pair()
    assert len(pair.variables) == 3
    pair.update_state([1.0, 3.0])
    assert np.isclose(value(pair.result()), 6.0)
    state = pair.stateless_update_state(pair.variables, [2.0])
    assert np.isclose(value(pair.stateless_result(state)), 2.0 + 6.0)
    pair.reset_state()
    assert value(pair.result()) == 0.0


def test_get_serialize_deserialize():
    assert isinstance(metrics.get("mae"), metrics.MeanAbsoluteError)
    assert isinstance(metrics.get("AUC"), metrics.AUC)
    assert isinstance(metrics.get("binary_accuracy"), metrics.BinaryAccuracy)
    assert isinstance(metrics.get("sparse_categorical_accuracy"),
                      metrics.SparseCategoricalAccuracy)
    assert isinstance(metrics.get("rmse"), metrics.RootMeanSquaredError)
    assert metrics.get(None) is None
    fn = metrics.get(metrics.binary_accuracy)
    assert fn is metrics.binary_accuracy
    with pytest.raises(ValueError, match="Could not interpret metric identifier"):
        metrics.get("no_such_metric")
    auc = metrics.AUC(num_thresholds=7, curve="PR", name="pr")
    rebuilt = metrics.deserialize(metrics.serialize(auc))
    assert isinstance(rebuilt, metrics.AUC) and rebuilt.get_config() == auc.get_config()


def test_lazily_built_metrics_can_be_built_during_shape_inference():
    from cornu import backend
    from cornu.backend.common.keras_tensor import KerasTensor

    built = {}

    def build_metrics(y_true, y_pred):
        for metric in (metrics.F1Score(average="macro"), metrics.R2Score(),
                       metrics.AUC(multi_label=True)):
            metric.update_state(y_true, y_pred)
            built[type(metric).__name__] = metric
        return y_pred

    backend.compute_output_spec(build_metrics, KerasTensor((4, 3)), KerasTensor((4, 3)))
    y_true = np.eye(3, dtype="float32")[[0, 1, 2, 0]]
    y_pred = np.eye(3, dtype="float32")[[0, 1, 1, 0]]
    for metric in built.values():
        assert all(float(np.sum(ops.convert_to_numpy(v))) == 0.0 for v in metric.variables)
        metric.update_state(y_true, y_pred)
    assert np.isclose(value(built["F1Score"].result()), (1.0 + 2 / 3 + 0.0) / 3, rtol=1e-5)


def test_mean_of_scalar_batch_losses_weighted_by_batch_size():
    # The trainer's loss tracker: one scalar per step, weighted by the batch size.
    meter = metrics.Mean()
    batch_losses, sizes = [0.5, 2.0, 1.25], [32, 32, 7]
    for loss, size in zip(batch_losses, sizes):
        meter.update_state(ops.convert_to_tensor(np.float32(loss)), sample_weight=size)
    expected = np.dot(batch_losses, sizes) / sum(sizes)
    assert np.isclose(value(meter.result()), expected, rtol=1e-6)
    assert np.isclose(value(meter.count), sum(sizes))
    meter.update_state(np.array([1.0, 3.0], "float32"))  # the general path adds to the same state
    assert np.isclose(value(meter.result()), (np.dot(batch_losses, sizes) + 4.0) / (sum(sizes) + 2))
