"""Accuracy metrics against NumPy, across several update_state calls."""
import numpy as np
import pytest

from cornu import metrics, ops

RNG = np.random.default_rng(3)


def value(x):
    return float(ops.convert_to_numpy(x))


def test_accuracy_with_integer_predictions():
    labels = RNG.integers(0, 10, size=64)
    logits = RNG.normal(size=(64, 10)).astype("float32")
    meter = metrics.Accuracy()
    for start in range(0, 64, 32):
        pred = ops.cast(ops.argmax(logits[start:start + 32], axis=1), "int32")
        meter.update_state(labels[start:start + 32], pred)
    assert np.isclose(value(meter.result()), np.mean(logits.argmax(1) == labels))
    meter.reset_state()
    assert value(meter.result()) == 0.0
    assert meter.name == "accuracy"


def test_binary_accuracy_threshold_and_weights():
    labels = RNG.integers(0, 2, size=(64, 1)).astype("float32")
    scores = RNG.uniform(size=(64, 1)).astype("float32")
    weights = RNG.uniform(size=(64,)).astype("float32")
    meter = metrics.BinaryAccuracy()
    meter.update_state(labels[:32], scores[:32])
    meter.update_state(labels[32:], scores[32:])
    assert np.isclose(value(meter.result()), np.mean((scores > 0.5) == labels))
    meter = metrics.BinaryAccuracy(threshold=0.3)
    meter.update_state(labels, scores, sample_weight=weights)
    hits = ((scores > 0.3) == labels)[:, 0]
    assert np.isclose(value(meter.result()), np.sum(hits * weights) / weights.sum(), rtol=1e-5)
    meter = metrics.BinaryAccuracy()
    meter.update_state(labels[:, 0], scores)
    assert np.isclose(value(meter.result()), np.mean((scores > 0.5) == labels))
    assert metrics.BinaryAccuracy(threshold=0.3).get_config() == {
        "name": "binary_accuracy", "dtype": "float32", "threshold": 0.3}


def test_categorical_and_sparse_categorical_accuracy():
    classes = RNG.integers(0, 4, size=64)
    probs = RNG.dirichlet(np.ones(4), size=64).astype("float32")
    expected = np.mean(probs.argmax(1) == classes)
    cat = metrics.CategoricalAccuracy()
    cat.update_state(np.eye(4)[classes[:32]], probs[:32])
    cat.update_state(np.eye(4)[classes[32:]], probs[32:])
    assert np.isclose(value(cat.result()), expected)
    for targets in (classes, classes[:, None], classes.astype("float32")):
        sparse = metrics.SparseCategoricalAccuracy()
        sparse.update_state(targets, probs)
        assert np.isclose(value(sparse.result()), expected)
    per_sample = ops.convert_to_numpy(metrics.sparse_categorical_accuracy(classes[:, None], probs))
    assert per_sample.shape == (64,)
    seq = metrics.sparse_categorical_accuracy(np.zeros((2, 3)), np.ones((2, 3, 4)))
    assert tuple(ops.shape(seq)) == (2, 3)


def test_accuracy_label_format_errors_name_the_right_metric():
    probs = np.full((3, 4), 0.25, "float32")
    with pytest.raises(ValueError, match="SparseCategoricalAccuracy"):
        metrics.CategoricalAccuracy().update_state(np.array([0, 1, 2]), probs)
    with pytest.raises(ValueError, match="CategoricalAccuracy"):
        metrics.SparseCategoricalAccuracy().update_state(np.eye(4)[[0, 1, 2]], probs)


def np_in_top_k(labels, scores, k):
    target = scores[np.arange(len(labels)), labels]
    return (scores > target[:, None]).sum(1) < k


def test_top_k_accuracies():
    labels = RNG.integers(0, 6, size=64)
    scores = RNG.normal(size=(64, 6)).astype("float32")
    for k in (1, 2, 5):
        expected = np.mean(np_in_top_k(labels, scores, k))
        top = metrics.TopKCategoricalAccuracy(k=k)
        top.update_state(np.eye(6)[labels[:32]], scores[:32])
        top.update_state(np.eye(6)[labels[32:]], scores[32:])
        assert np.isclose(value(top.result()), expected)
        sparse = metrics.SparseTopKCategoricalAccuracy(k=k)
        sparse.update_state(labels, scores)
        assert np.isclose(value(sparse.result()), expected)
    assert metrics.TopKCategoricalAccuracy().get_config()["k"] == 5
    sorted_ids = np.argsort(-scores, axis=1)
    from_ids = metrics.SparseTopKCategoricalAccuracy(k=2, from_sorted_ids=True)
    from_ids.update_state(labels, sorted_ids)
    assert np.isclose(value(from_ids.result()), np.mean(np_in_top_k(labels, scores, 2)))


def test_accuracy_functions_per_sample():
    np.testing.assert_allclose(
        ops.convert_to_numpy(metrics.binary_accuracy([[1.0], [0.0]], [[0.8], [0.7]])), [1, 0])
    np.testing.assert_allclose(
        ops.convert_to_numpy(metrics.categorical_accuracy([[0, 1], [1, 0]],
                                                          [[0.3, 0.7], [0.2, 0.8]])), [1, 0])
    np.testing.assert_allclose(
        ops.convert_to_numpy(metrics.top_k_categorical_accuracy([[0, 0, 1]], [[0.5, 0.3, 0.2]],
                                                                k=2)), [0])
